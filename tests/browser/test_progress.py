"""学习进度 (issue 10, item 15): the overall total, per-topic bars linking to each topic's
self-test, the 30-day activity strip with its text alternative, and the share of 有把握
answers that were wrong. Time is Playwright's clock."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, SCREENSHOTS
from tests.browser.driver import answer, submit

DAY = dt.datetime(2026, 11, 25, 9, 0)
AT = int(DAY.timestamp() * 1000) - 3600_000


def seed(page, record: dict) -> None:
    page.add_init_script(f"localStorage.setItem('jgdj:v1', {json.dumps(json.dumps(record))})")


def test_total_topics_strip_and_confidence_after_a_known_record(new_tab, site, banks):
    """The figures come from the record: answers by topic, days active, 有把握 but wrong."""
    page = new_tab(PHONE).page
    page.clock.set_fixed_time(DAY)
    role = banks["role"].questions
    stats = {q.id: {"bank": "role", "seen": 1, "right": 1, "last": True, "at": AT}
             for q in role[:4]}
    stats[role[0].id].update(seen=4, right=3, sure=4, sureWrong=1)
    record = {"version": 3, "stats": stats,
              "days": {"2026-11-25": 3, "2026-11-20": 6, "2026-10-01": 9}}  # the last: too old
    seed(page, record)
    page.goto(site.root_url + "study/")
    total = sum(len(bank.questions) for bank in banks.values())
    expect(page.locator("[data-qz-total]")).to_have_text(f"全部专题：做过4/{total}题，掌握4题。")
    link = page.locator('[data-qz-topic="role"] a')
    assert link.get_attribute("href").endswith("#quiz-role")
    bars = page.locator("[data-qz-strip] [data-qz-day]")
    expect(bars).to_have_count(30)
    assert bars.last.get_attribute("data-qz-day") == "2026-11-25"
    expect(page.locator("[data-qz-days-summary]")).to_have_text(
        "最近30天：做题9道，有2天做了题。")
    label = page.locator("[data-qz-strip]").get_attribute("aria-label")
    assert label == "最近30天每天做题数：11月20日6题，11月25日3题"
    heights = bars.evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert heights[-6] > heights[-1] > heights[0]  # the busiest day is the tallest
    expect(page.locator("[data-qz-sure-share]")).to_have_text(
        "标为“有把握”的4次作答中，答错1次（25%）。")
    link.click()
    expect(page.locator("#quiz-role")).to_be_in_viewport()


def test_answering_counts_towards_today_and_the_total(new_tab, site, banks):
    """A page quiz submitted today shows in today's bar and in the total."""
    page = new_tab(PHONE).page
    page.clock.set_fixed_time(DAY)
    questions = banks["role"].questions[:3]
    page.goto(site.root_url + "role/")
    for question in questions:
        answer(page, question, right=True)
    submit(page)
    page.goto(site.root_url + "study/")
    expect(page.locator("[data-qz-days-summary]")).to_have_text(
        f"最近30天：做题{len(questions)}道，有1天做了题。")
    expect(page.locator("[data-qz-total]")).to_contain_text(f"做过{len(questions)}/")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_progress_has_no_accessibility_violation(new_tab, site, banks, scheme):
    """axe-core on 学习进度 with activity, light and dark, at 字号 特大; screenshots kept."""
    from tests.browser.test_site import ALL_IMPACTS, axe_violations

    page = new_tab(PHONE, bypass_csp=True, color_scheme=scheme).page
    page.clock.set_fixed_time(DAY)
    seed(page, {"version": 3, "settings": {"textSize": "x-large"},
                "days": {"2026-11-24": 5, "2026-11-25": 2, "2026-11-10": 12}})
    page.goto(site.root_url + "study/")
    expect(page.locator("[data-qz-strip]")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("[data-qz-view=progress]").screenshot(path=SCREENSHOTS / f"progress-{scheme}.png")
    assert axe_violations(page, ALL_IMPACTS) == []
