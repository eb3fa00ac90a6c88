"""每日一题's shared link (issue 10, item 16): study/?qid=<id>#daily opens that one question on
its own with its own 核对, shows its 题号 after checking, and offers 复制链接 (the clipboard
where allowed, else the link selected with 长按复制). The id in the address is hostile."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, SCREENSHOTS
from tests.browser.driver import answer, fieldset


@pytest.fixture(scope="module")
def question(banks):
    """A question that is not the first of its bank, from the last bank."""
    return list(banks.values())[-1].questions[-1]


def test_a_shared_id_opens_that_question_alone_with_its_own_check(new_tab, site, question):
    """The shared question, and only it, is answered and checked on the 自测中心 page."""
    page = new_tab(PHONE).page
    page.goto(site.root_url + f"study/?qid={question.id}#daily")
    shown = page.locator("[data-qz-view=daily] fieldset[data-question-id]")
    expect(shown).to_have_count(1)
    expect(shown).to_have_attribute("data-question-id", question.id)
    expect(page.locator("[data-qz-daily-intro]")).to_have_text(
        f"分享给你的题目（题号：{question.id}）：")
    answer(page, question, right=True)
    page.locator("[data-qz-view=daily]").get_by_role("button", name="核对本题").click()
    box = fieldset(page, question)
    expect(box.locator("[data-qz-feedback]")).to_contain_text("回答正确")
    expect(box.locator("[data-qz-qid]")).to_have_text("题号：" + question.id)
    stats = page.evaluate("JSON.parse(localStorage.getItem('jgdj:v1')).stats")
    assert stats[question.id]["right"] == 1
    share = page.locator("[data-qz-share]").input_value()
    assert share == site.root_url + f"study/?qid={question.id}#daily"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("[data-qz-view=daily]").screenshot(path=SCREENSHOTS / "daily-shared.png")


@pytest.mark.parametrize("bad", ["no-such-question-99", "<img src=x onerror=alert(1)>",
                                 "javascript:alert(1)", "%E0%A4%A"])
def test_an_unknown_or_hostile_id_is_refused_with_a_message(new_tab, site, bad):
    """Nothing from the address runs or is rendered as HTML; today's question is shown."""
    page = new_tab(PHONE).page
    page.goto(site.root_url + "study/?qid=" + bad + "#daily")
    status = page.locator("[data-qz-view=daily] [data-qz-status]")
    expect(status).to_contain_text("在本站找不到")
    expect(page.locator("[data-qz-view=daily] fieldset[data-question-id]")).to_have_count(1)
    expect(page.locator("[data-qz-view=daily] img")).to_have_count(0)


def test_copy_link_uses_the_clipboard_where_allowed(new_tab, site, question):
    """On an http://127.0.0.1 page (a secure context) the link goes to the clipboard."""
    tab = new_tab(PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = tab.page
    page.goto(site.root_url + f"study/?qid={question.id}#daily")
    page.get_by_role("button", name="复制链接").click()
    expect(page.locator("[data-qz-copied]")).to_contain_text("链接已复制")
    assert page.evaluate("navigator.clipboard.readText()") == (
        site.root_url + f"study/?qid={question.id}#daily")


def test_copy_link_falls_back_to_selecting_the_text(new_tab, site, question):
    """Where the clipboard is refused (WeChat, file://), the link is selected: 长按复制."""
    page = new_tab(PHONE).page
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(site.root_url + f"study/?qid={question.id}#daily")
    page.get_by_role("button", name="复制链接").click()
    expect(page.locator("[data-qz-copied]")).to_contain_text("长按")
    selected = page.evaluate("""() => { const f = document.activeElement;
        return f.value.slice(f.selectionStart, f.selectionEnd); }""")
    assert selected.endswith(f"?qid={question.id}#daily")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_shared_question_has_no_accessibility_violation(new_tab, site, question, scheme):
    """axe-core on the shared question after 核对, light and dark."""
    from tests.browser.test_site import ALL_IMPACTS, axe_violations

    page = new_tab(PHONE, bypass_csp=True, color_scheme=scheme).page
    page.goto(site.root_url + f"study/?qid={question.id}#daily")
    answer(page, question, right=False)
    page.locator("[data-qz-view=daily]").get_by_role("button", name="核对本题").click()
    assert axe_violations(page, ALL_IMPACTS) == []
