"""The header on a phone: 字号 at every size with the 错题 badge showing still fits 390 px."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser

KEY = "jgdj:v1"
SIZES = ["standard", "large", "x-large"]


def due_record(banks, size: str) -> dict:
    """A record with wrong answers due today (more than nine, so the count has two digits)."""
    ids = [(bank.id, q.id) for bank in banks.values() for q in bank.questions][:12]
    review = {qid: {"bank": bank, "step": 0, "due": "2000-01-01", "at": 1} for bank, qid in ids}
    return {"version": 2, "answers": {}, "stats": {}, "review": review, "exams": [],
            "attempts": {}, "checks": {}, "visit": None, "settings": {"textSize": size}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
def test_header_fits_a_phone_at_every_text_size_with_the_badge(new_tab, site, banks, size, scheme):
    """At 390×844, 标准/大/特大 with 错题 due: nothing wider than the screen, the badge shows
    its number (as an icon at 大 and 特大), and search opens with a tap."""
    tab = new_tab(PHONE, color_scheme=scheme)
    page = tab.page
    page.goto(site.root_url + "role/")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [KEY, json.dumps(due_record(banks, size))])
    page.reload()
    badge = page.locator(".md-header a.qz-due")
    expect(badge).to_be_visible()
    expect(badge).to_have_attribute("aria-label", "错题本：今天有12题要复习")
    expect(badge).to_contain_text("12")
    assert page.evaluate("document.documentElement.getAttribute('data-qz-text')") == size
    widest = page.evaluate("""() => Math.max(document.documentElement.scrollWidth,
        ...Array.from(document.querySelectorAll('.md-header *'))
            .filter(el => el.getClientRects().length && !el.closest('.md-search'))
            .map(el => el.getBoundingClientRect().right))""")
    assert widest <= PHONE["width"], f"header reaches {widest}px at {size}"
    header = page.locator(".md-header")
    search = header.locator(".md-header__inner > label[for=__search]")
    for name, control in [("字号", header.get_by_label("字号")), ("错题", badge), ("搜索", search)]:
        expect(control).to_be_visible()
        box = control.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], name
        assert box["width"] >= 24 and box["height"] >= 24, f"{name} tap target {box}"
    page.screenshot(path=SCREENSHOTS / f"header-{size}-{scheme}.png",
                    clip={"x": 0, "y": 0, "width": PHONE["width"], "height": 120})
    search.click()
    expect(page.get_by_role("textbox", name="搜索")).to_be_focused()
    assert tab.errors == [], tab.errors
