"""收藏, 斩题, 把握程度 and 题号 (issue 10, items 12, 14 and 16), driven as a member would on a
phone: marks on a page quiz, 综合练习 drawing from 收藏 / 错题本 / 没做过的题 without the
questions marked 斩题, and 拿不准 sending a right answer to the 错题本 for tomorrow."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE, SCREENSHOTS
from tests.browser.driver import answer, fieldset, shown_ids, submit

DAY = dt.datetime(2026, 11, 25, 9, 0)


def practise(page: Page, site, source: str, bank: str, count: int = 100) -> list[str]:
    """Start 综合练习 on one bank from the given 题目来源; the ids drawn (or [] if none)."""
    page.goto(site.root_url + "study/practice/")
    for box in page.locator("input[name=bank]").all():
        if box.get_attribute("value") != bank:
            box.uncheck()
    page.locator(f'input[name=source][value="{source}"]').check()
    page.locator("input[name=count]").fill(str(count))
    page.get_by_role("button", name="开始练习").click()
    status = page.locator("[data-qz-status]")
    page.wait_for_function("""() => document.querySelector('[data-qz-view] fieldset') ||
        (document.querySelector('[data-qz-status]') || {}).textContent""")
    if page.locator("[data-qz-view] fieldset").count() == 0:
        expect(status).to_contain_text("没有题目")
        return []
    return shown_ids(page)


def test_star_and_mastered_marks_survive_a_reload_and_steer_practice(new_tab, site, banks):
    """收藏 and 斩题 are kept (WeChat reloads pages) and 综合练习 honours them."""
    page = new_tab(PHONE).page
    page.clock.set_fixed_time(DAY)
    bank = banks["role"]
    starred, mastered = bank.questions[0], bank.questions[1]
    page.goto(site.root_url + "role/")
    page.wait_for_selector("[data-quiz-id][data-qz-ready]")
    fieldset(page, starred).get_by_role("button", name="收藏").click()
    fieldset(page, bank.questions[2]).get_by_role("button", name="收藏").click()
    fieldset(page, mastered).get_by_role("button", name="斩题").click()
    fieldset(page, bank.questions[2]).get_by_role("button", name="已收藏").click()  # undone
    page.reload()
    page.wait_for_selector("[data-quiz-id][data-qz-ready]")
    expect(fieldset(page, starred).locator('[data-qz-mark="star"]')).to_have_attribute(
        "aria-pressed", "true")
    expect(fieldset(page, mastered).locator('[data-qz-mark="mastered"]')).to_have_text("已斩题")
    expect(fieldset(page, bank.questions[2]).locator('[data-qz-mark="star"]')).to_have_attribute(
        "aria-pressed", "false")

    assert practise(page, site, "star", "role") == [starred.id]
    everything = practise(page, site, "all", "role")
    assert sorted(everything) == sorted(q.id for q in bank.questions if q.id != mastered.id)


def test_practice_from_the_book_and_from_questions_never_answered(new_tab, site, banks, by_id):
    """题目来源 错题本 draws only the book's questions; 没做过的题 leaves out what was answered."""
    page = new_tab(PHONE).page
    page.clock.set_fixed_time(DAY)
    bank = banks["role"]
    wrong, right = bank.questions[0], bank.questions[1]
    page.goto(site.root_url + "role/")
    answer(page, wrong, right=False)
    answer(page, right, right=True)
    submit(page)
    assert practise(page, site, "review", "role") == [wrong.id]
    fresh = practise(page, site, "new", "role")
    assert sorted(fresh) == sorted(q.id for q in bank.questions[2:])


def test_unsure_right_answer_enters_the_book_for_tomorrow_and_ids_show(new_tab, site, by_id):
    """拿不准 on a right answer puts it in the 错题本 due tomorrow; 题号 shows after 核对;
    有把握 on a wrong answer is counted (学习进度 reports the share)."""
    page = new_tab(PHONE).page
    page.clock.set_fixed_time(DAY)
    ids = practise(page, site, "all", "role", count=2)
    first, second = by_id[ids[0]], by_id[ids[1]]
    answer(page, first, right=True)
    page.get_by_role("button", name="核对本题").click()
    box = fieldset(page, first)
    expect(box.locator("[data-qz-qid]")).to_have_text("题号：" + first.id)
    box.get_by_role("button", name="拿不准").click()
    expect(box.locator("[data-qz-sure]")).to_contain_text("明天再复习")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "marks-practice.png", full_page=True)
    page.get_by_role("button", name="下一题").click()
    answer(page, second, right=False)
    page.get_by_role("button", name="核对本题").click()
    fieldset(page, second).get_by_role("button", name="有把握").click()
    stats = page.evaluate("JSON.parse(localStorage.getItem('jgdj:v1')).stats")
    assert (stats[second.id]["sure"], stats[second.id]["sureWrong"]) == (1, 1)
    assert "sure" not in stats[first.id]

    page.goto(site.root_url + "study/review/")  # today: only the wrong one is due
    assert shown_ids(page) == [second.id]
    page.clock.set_fixed_time(DAY + dt.timedelta(days=1))
    page.goto(site.root_url + "study/review/")
    assert sorted(shown_ids(page)) == sorted([first.id, second.id])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_marks_have_no_accessibility_violation(new_tab, site, by_id, scheme):
    """axe-core on a page quiz with marks and on a checked practice card with 把握程度."""
    from tests.browser.test_site import ALL_IMPACTS, axe_violations

    page = new_tab(PHONE, bypass_csp=True, color_scheme=scheme).page
    page.goto(site.root_url + "role/")
    page.wait_for_selector("[data-quiz-id][data-qz-ready]")
    page.locator('[data-qz-mark="star"]').first.click()
    found = {"page": axe_violations(page, ALL_IMPACTS)}
    ids = practise(page, site, "all", "role", count=1)
    answer(page, by_id[ids[0]], right=False)
    page.get_by_role("button", name="核对本题").click()
    found["practice"] = axe_violations(page, ALL_IMPACTS)
    assert found == {"page": [], "practice": []}
