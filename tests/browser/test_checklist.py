"""The 新同志入门 checklist remembers its ticks in this browser."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP


def test_ticks_survive_a_reload_and_untick(new_tab, site):
    tab = new_tab(has_touch=True, is_mobile=True)
    page = tab.page
    page.goto(site.root_url + "onboarding/")
    items = page.locator("input[data-qz-check]")
    assert items.count() >= 6
    page.locator(".qz-check__text").nth(1).tap()  # the item's words are the tap target
    expect(items.nth(1)).to_be_checked()
    page.reload()
    expect(page.locator("input[data-qz-check]").nth(1)).to_be_checked()
    expect(page.locator("input[data-qz-check]").nth(0)).not_to_be_checked()
    name = page.locator(".qz-check__text").nth(1).inner_text()
    expect(page.get_by_role("checkbox", name=name)).to_be_checked()  # labelled by its words
    page.locator(".qz-check__text").nth(1).tap()
    page.reload()
    expect(page.locator("input[data-qz-check]").nth(1)).not_to_be_checked()


def test_checklist_says_when_ticks_cannot_be_saved(new_tab, site):
    tab = new_tab(DESKTOP)
    page = tab.page
    page.add_init_script("Storage.prototype.setItem = function () {"
                         " throw new DOMException('full', 'QuotaExceededError'); };")
    page.goto(site.root_url + "onboarding/")
    page.locator(".qz-check__text").first.click()
    expect(page.locator("input[data-qz-check]").first).to_be_checked()
    expect(page.locator("#checklist ~ [data-qz-storage-note]").first).to_contain_text("不会保存")
