"""Reading comfort for older members: the 字号 control and layouts that hold when enlarged."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.test_site import PAGES

TEXT_SIZE = "button.qz-text-size"


def body_font_px(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p'))"
                         ".fontSize)")


def test_text_size_cycles_persists_and_applies_before_first_paint(new_tab, site):
    tab = new_tab(has_touch=True, is_mobile=True)
    page = tab.page
    page.goto(site.root_url + "role/")
    standard = body_font_px(page)
    button = page.locator(TEXT_SIZE)
    expect(button).to_have_attribute("aria-label", "字号：标准。按一下改为大")
    button.tap()
    assert body_font_px(page) >= standard * 1.15
    button.tap()
    expect(button).to_have_attribute("aria-label", "字号：特大。按一下改为标准")
    largest = body_font_px(page)
    assert largest >= standard * 1.35
    # On the next page the size is set in <head>, before <body> exists: no jump after paint.
    page.add_init_script("""document.addEventListener('readystatechange', () => {
        window.__sizeBeforeBody = window.__sizeBeforeBody
            || document.documentElement.getAttribute('data-qz-text'); }, {once: true});""")
    page.goto(site.root_url + "methods/")
    assert page.evaluate("window.__sizeBeforeBody") == "x-large"
    assert body_font_px(page) == largest
    button = page.locator(TEXT_SIZE)
    button.tap()
    assert body_font_px(page) == standard


def test_text_size_button_works_by_keyboard_with_a_visible_focus(tab, site):
    page = tab.page
    page.goto(site.root_url)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('qz-text-size')"):
            break
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.getAttribute('data-qz-text')") == "large"


@pytest.mark.parametrize(("width", "size"), [(390, "x-large"), (195, "standard")],
                         ids=["phone-largest-text", "phone-at-200-percent-zoom"])
def test_layout_holds_without_sideways_scrolling(new_tab, site, width, size):
    """WCAG 1.4.10 reflow: at the largest size, or at 200% zoom (195 CSS px), no sideways scroll."""
    tab = new_tab({"width": width, "height": 844}, has_touch=True,
                   is_mobile=True)
    page = tab.page
    saved = {"version": 1, "answers": {}, "attempts": {}, "checks": {},
             "settings": {"textSize": size}}
    page.add_init_script(f"localStorage.setItem('jgdj:v1', '{json.dumps(saved)}')")
    wide = {}
    for path in PAGES:
        page.goto(site.root_url + path)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[path or "home"] = scroll
    assert wide == {}
