"""Long page quizzes in groups and keyboard shortcuts (issue 10, item 17): 分组作答 shows one
group of 10 at a time with 第N/M题; on a desktop 1–4 / A–D choose and Enter moves on, checks
and submits, as listed on the page."""

from __future__ import annotations

import math

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, SCREENSHOTS
from tests.browser.driver import answer, fieldset

LONG, SIZE = 15, 10  # qz-groups.js: quizzes over 15 questions, groups of 10
WIDE = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def long_bank(banks):
    """The bank with the most questions: over the limit, or the feature has nothing to do."""
    bank = max(banks.values(), key=lambda bank: len(bank.questions))
    assert len(bank.questions) > LONG
    return bank


def page_of(bank) -> str:
    """The built page's address from the site root (directory URLs)."""
    path = bank.page.removesuffix(".md")
    return path.removesuffix("index") if path.endswith("index") else path + "/"


def test_groups_show_ten_at_a_time_with_progress(new_tab, site, long_bank):
    """分组作答: one group visible, 第N/M题 numbers, 下一组 / 上一组, the last group says so."""
    page = new_tab(PHONE).page
    page.goto(site.root_url + page_of(long_bank))
    quiz = page.locator(f'[data-quiz-id="{long_bank.id}"]')
    questions = quiz.locator("fieldset[data-question-id]")
    total = len(long_bank.questions)
    groups = math.ceil(total / SIZE)
    page.get_by_role("button", name=f"分组作答（每组{SIZE}题）").click()
    expect(quiz.locator("fieldset[data-question-id]:visible")).to_have_count(SIZE)
    expect(questions.first.locator(".qz-question__number")).to_have_text(f"第1/{total}题")
    where = quiz.locator("[data-qz-group-where]")
    expect(where).to_have_text(f"第1/{groups}组：第1–{SIZE}题，共{total}题。")
    expect(page.get_by_role("button", name="上一组")).to_be_hidden()
    page.get_by_role("button", name="下一组").click()
    expect(questions.nth(SIZE)).to_be_visible()
    expect(questions.first).to_be_hidden()
    expect(questions.nth(SIZE).locator(".qz-question__number")).to_have_text(
        f"第{SIZE + 1}/{total}题")
    assert page.evaluate("document.activeElement.closest('fieldset').dataset.questionId") == (
        questions.nth(SIZE).get_attribute("data-question-id"))
    for _ in range(groups - 2):
        page.get_by_role("button", name="下一组").click()
    expect(where).to_contain_text("这是最后一组")
    expect(page.get_by_role("button", name="下一组")).to_be_hidden()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "groups-phone.png")
    page.get_by_role("button", name="显示全部题目").click()
    expect(quiz.locator("fieldset[data-question-id]:visible")).to_have_count(total)
    expect(questions.first.locator(".qz-question__number")).to_have_text("第1题")


def test_short_quizzes_have_no_groups(new_tab, site, banks):
    """A quiz of 15 questions or fewer shows as before."""
    short = min(banks.values(), key=lambda bank: len(bank.questions))
    assert len(short.questions) <= LONG
    page = new_tab(PHONE).page
    page.goto(site.root_url + page_of(short))
    page.wait_for_selector(f'[data-quiz-id="{short.id}"][data-qz-ready]')
    expect(page.locator("[data-qz-groups], [data-qz-group-toggle]")).to_have_count(0)


def test_keyboard_chooses_moves_on_and_submits(new_tab, site, long_bank):
    """1–4 / A–D choose in the focused question, Enter goes to the next (the next group's
    first at a group's end) and on the quiz's last question submits; listed on a desktop."""
    page = new_tab(WIDE).page
    page.goto(site.root_url + page_of(long_bank))
    quiz = page.locator(f'[data-quiz-id="{long_bank.id}"]')
    expect(quiz.locator("[data-qz-keys]")).to_be_visible()
    expect(quiz.locator("[data-qz-keys]")).to_contain_text("1–4")
    page.get_by_role("button", name=f"分组作答（每组{SIZE}题）").click()
    choice = next(q for q in long_bank.questions[:SIZE] if q.type == "single")
    fieldset(page, choice).locator("input").first.focus()
    page.keyboard.press("2")
    expect(fieldset(page, choice).locator(".qz-option__input").nth(1)).to_be_checked()
    page.keyboard.press("a")
    expect(fieldset(page, choice).locator(".qz-option__input").nth(0)).to_be_checked()
    index = long_bank.questions.index(choice)
    page.keyboard.press("Enter")
    following = long_bank.questions[index + 1]
    assert page.evaluate("document.activeElement.closest('fieldset').dataset.questionId") == (
        following.id)
    fieldset(page, long_bank.questions[SIZE - 1]).locator("input").first.focus()
    page.keyboard.press("Enter")  # the group's last: on to the next group's first
    assert page.evaluate("document.activeElement.closest('fieldset').dataset.questionId") == (
        long_bank.questions[SIZE].id)
    expect(quiz.locator("[data-qz-result]")).to_be_empty()
    page.get_by_role("button", name="显示全部题目").click()
    fieldset(page, long_bank.questions[-1]).locator("input").first.focus()
    page.keyboard.press("Enter")  # the quiz's last question: 提交答案
    expect(quiz.locator("[data-qz-result]")).to_contain_text("答对")
    page.screenshot(path=SCREENSHOTS / "keys-desktop.png")


def test_keyboard_checks_a_practice_card(new_tab, site, banks):
    """In 综合练习, Enter on a chosen option is 核对本题."""
    page = new_tab(WIDE).page
    page.goto(site.root_url + "study/practice/")
    for box in page.locator("input[name=type]").all():
        if box.get_attribute("value") != "single":
            box.uncheck()
    page.get_by_role("button", name="开始练习").click()
    card = page.locator("[data-qz-view] fieldset[data-question-id]").first
    card.locator("input").first.focus()
    page.keyboard.press("1")
    page.keyboard.press("Enter")
    expect(card.locator("[data-qz-feedback]")).to_be_visible()


def test_phone_lists_no_shortcuts_and_groups_pass_axe(new_tab, site, long_bank):
    """No keyboard hint on a phone (a touch screen); the grouped quiz has no axe violation."""
    from tests.browser.test_site import ALL_IMPACTS, axe_violations

    page = new_tab(PHONE, bypass_csp=True, has_touch=True, is_mobile=True).page
    page.goto(site.root_url + page_of(long_bank))
    quiz = page.locator(f'[data-quiz-id="{long_bank.id}"]')
    page.get_by_role("button", name=f"分组作答（每组{SIZE}题）").click()
    expect(quiz.locator("[data-qz-keys]")).to_be_hidden()
    answer(page, long_bank.questions[0], right=True)
    assert axe_violations(page, ALL_IMPACTS) == []
