"""错题本 (issue 10, item 13): every entry listed at any time with topic, next review date and
times wrong; 全部重练 practises all of them; 顽固错题 (wrong 4 times or more) show their source
passage inline. Driven at 390×844 with Playwright's clock."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from playwright.sync_api import expect

from macros.sections import section_text
from tests.browser.conftest import PHONE, SCREENSHOTS
from tests.browser.driver import answer, fieldset, submit
from tests.conftest import ROOT

DAY = dt.datetime(2026, 11, 25, 9, 0)
AT = int(DAY.timestamp() * 1000) - 3600_000


def seed(page, record: dict) -> None:
    page.add_init_script(f"localStorage.setItem('jgdj:v1', {json.dumps(json.dumps(record))})")


def book_record(banks) -> tuple[dict, list]:
    """Three 错题本 entries: one due today, one due later, one stubborn (wrong 5 times)."""
    today, later, stubborn = banks["role"].questions[:3]
    stats = {q.id: {"bank": "role", "seen": seen, "right": 1, "last": False, "at": AT}
             for q, seen in ((today, 2), (later, 3), (stubborn, 6))}
    review = {today.id: {"bank": "role", "step": 0, "due": "2026-11-25", "at": AT},
              later.id: {"bank": "role", "step": 1, "due": "2026-11-27", "at": AT},
              stubborn.id: {"bank": "role", "step": 0, "due": "2026-11-26", "at": AT}}
    return {"version": 3, "stats": stats, "review": review}, [today, later, stubborn]


def test_every_entry_is_listed_with_topic_date_and_times_wrong(new_tab, site, banks):
    """Not only the entries due: the whole book, and the stubborn one with its passage."""
    page = new_tab(PHONE).page
    page.clock.set_fixed_time(DAY)
    record, (today, later, stubborn) = book_record(banks)
    seed(page, record)
    page.goto(site.root_url + "study/review/")
    entries = page.locator("[data-qz-entry]")
    expect(entries).to_have_count(3)
    title = banks["role"].title
    expect(page.locator(f'[data-qz-entry="{later.id}"]')).to_contain_text(
        f"{title} · 下次复习2026-11-27 · 答错2次")
    expect(page.locator(f'[data-qz-entry="{today.id}"] [data-qz-stubborn]')).to_have_count(0)
    stubborn_entry = page.locator(f'[data-qz-entry="{stubborn.id}"]')
    expect(stubborn_entry.locator("[data-qz-stubborn]")).to_have_text("顽固错题")
    passage = section_text((ROOT / "docs" / "role.md").read_text(encoding="utf-8"),
                           stubborn.source)
    expect(stubborn_entry.locator("[data-qz-passage] p")).to_have_text("原文：" + passage)
    href = stubborn_entry.locator("[data-qz-passage] a").get_attribute("href")
    assert href.endswith(f"role/#{stubborn.source}")
    # Today's review holds only the entry due today.
    due = page.locator("[data-qz-stage] fieldset[data-question-id]")
    expect(due).to_have_count(1)
    expect(due).to_have_attribute("data-question-id", today.id)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("[data-qz-book]").screenshot(path=SCREENSHOTS / "review-book.png")


def test_practise_all_covers_every_entry_and_keeps_the_rule(new_tab, site, banks):
    """全部重练 shows every entry; a right answer before its date leaves the date alone."""
    page = new_tab(PHONE).page
    page.clock.set_fixed_time(DAY)
    record, questions = book_record(banks)
    seed(page, record)
    page.goto(site.root_url + "study/review/")
    page.get_by_role("button", name="全部重练").click()
    shown = page.locator("[data-qz-stage] fieldset[data-question-id]")
    expect(shown).to_have_count(len(questions))
    for question in questions:
        answer(page, question, right=True)
    expect(fieldset(page, questions[0])).to_be_visible()
    submit(page)
    expect(page.locator("[data-qz-status]")).to_contain_text("全部重练完成")
    stored = page.evaluate("JSON.parse(localStorage.getItem('jgdj:v1')).review")
    assert stored[questions[1].id]["due"] == "2026-11-27"  # not due: unchanged
    assert stored[questions[0].id]["due"] == "2026-11-26"  # due today, right: back in 1 day


def test_an_empty_book_says_so(new_tab, site):
    """No entries: one plain sentence, no list and no button."""
    page = new_tab(PHONE).page
    page.goto(site.root_url + "study/review/")
    expect(page.locator("[data-qz-status]")).to_have_text("今天没有要复习的错题。")
    expect(page.locator("[data-qz-book]")).to_have_count(0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_book_has_no_accessibility_violation(new_tab, site, banks, scheme):
    """axe-core on the 错题本 list with a 顽固错题, light and dark."""
    from tests.browser.test_site import ALL_IMPACTS, axe_violations

    page = new_tab(PHONE, bypass_csp=True, color_scheme=scheme).page
    page.clock.set_fixed_time(DAY)
    seed(page, book_record(banks)[0])
    page.goto(site.root_url + "study/review/")
    expect(page.locator("[data-qz-passage]")).to_have_count(1)
    page.locator("[data-qz-book]").screenshot(path=SCREENSHOTS / f"review-book-{scheme}.png")
    assert axe_violations(page, ALL_IMPACTS) == []
