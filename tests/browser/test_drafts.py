"""Nothing a member has answered is lost before submitting (issue 10 items 1, 3 and 4).

WeChat's built-in browser reloads a page after a chat switch and Material's instant
navigation replaces the page without unloading it: answers given but not yet submitted
must come back after either, on a page quiz, in 综合练习 and in 模拟考试 (tests/browser/
test_exam.py covers the exam)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from tests.browser.driver import answer, fieldset, given, right_response, wait_for_draft

pytestmark = pytest.mark.browser


def drafts(page: Page) -> dict:
    record = json.loads(page.evaluate("localStorage.getItem('jgdj:v1')") or "{}")
    return record.get("drafts", {})


def test_page_quiz_answers_survive_a_reload_and_instant_navigation(phone, site, banks):
    """Answers on a page quiz, not submitted, come back after a reload (WeChat) and after
    leaving and returning by instant navigation; submitting drops the draft."""
    page = phone.page
    questions = banks["role"].questions
    first, second = questions[0], questions[1]
    page.goto(site.subpath_url + "role/")
    page.wait_for_selector("[data-quiz-id=role][data-qz-ready]")
    answer(page, first, right=True)
    wait_for_draft(page, "quiz:role")
    page.reload()
    page.wait_for_selector("[data-quiz-id=role][data-qz-ready]")
    assert given(page, first) == sorted(right_response(first))
    expect(page.locator("[data-qz-result]")).to_have_text("已恢复你上次作答但未提交的1题答案。")
    page.evaluate("window.__sameDocument = true")
    answer(page, second, right=False)
    # Leave at once, before the debounced write: leaving itself must save it.
    page.locator("article a[href$='about/']").first.click()
    expect(page.locator("h1")).to_contain_text("出处与说明")
    page.go_back()
    page.wait_for_selector("[data-quiz-id=role][data-qz-ready]")
    assert page.evaluate("window.__sameDocument === true"), "navigation was a full reload"
    assert given(page, first) == sorted(right_response(first))
    assert given(page, second) != []
    page.get_by_role("button", name="提交答案").click()
    expect(fieldset(page, first).locator("[data-qz-feedback]")).to_have_text("✓回答正确")
    assert "quiz:role" not in drafts(page)


def test_reset_before_submitting_asks_in_the_page(phone, site, banks):
    """重新作答 with answers given but not submitted asks in an in-page dialog (WeChat
    blocks confirm()); 保留答案 keeps them, 清空重答 clears them and their draft."""
    page = phone.page
    question = banks["role"].questions[0]
    page.goto(site.root_url + "role/")
    page.wait_for_selector("[data-quiz-id=role][data-qz-ready]")
    page.on("dialog", lambda dialog: pytest.fail(f"a browser dialog was opened: {dialog.message}"))
    answer(page, question, right=True)
    page.get_by_role("button", name="重新作答").click()
    dialog = page.locator("dialog.qz-dialog")
    expect(dialog).to_contain_text("已作答1题，还没有提交。重新作答会清空这些答案，确定吗？")
    expect(dialog.get_by_role("button", name="保留答案")).to_be_focused()
    dialog.get_by_role("button", name="保留答案").click()
    assert given(page, question) == sorted(right_response(question))
    page.get_by_role("button", name="重新作答").click()
    page.locator("dialog.qz-dialog").get_by_role("button", name="清空重答").click()
    assert given(page, question) in ([], [""] * len(question.answer))
    page.wait_for_timeout(400)  # longer than the draft delay: nothing is written back
    assert "quiz:role" not in drafts(page)


def test_a_hostile_draft_is_ignored(phone, site, banks):
    """A draft naming options that do not exist (hand-edited or from an old question) is not
    filled in, and the page works."""
    page = phone.page
    question = next(q for q in banks["role"].questions if q.type == "single")
    page.goto(site.root_url + "role/")
    page.evaluate("""([id]) => localStorage.setItem('jgdj:v1', JSON.stringify({version: 2,
        drafts: {'quiz:role': {at: 1, value: {answers: {[id]: {h: 'x', r: 'Z'}, x: 5}}}}}))""",
                  [question.id])
    page.reload()
    page.wait_for_selector("[data-quiz-id=role][data-qz-ready]")
    assert given(page, question) == []
    expect(page.locator("[data-qz-result]")).to_have_text("")


def shown_question(page: Page, by_id):
    box = page.locator("[data-qz-view=practice] fieldset[data-question-id]:visible")
    box.wait_for()
    return by_id[box.get_attribute("data-question-id")]


def test_a_practice_run_resumes_after_a_reload_and_after_going_back_to_the_source(
        phone, site, banks):
    """综合练习: the answer being given survives a reload; 回到原文 (another page) and back
    brings the run back at the same question, checked, without losing it."""
    page = phone.page
    by_id = {q.id: q for bank in banks.values() for q in bank.questions}
    page.goto(site.subpath_url + "study/practice/")
    page.evaluate("window.__sameDocument = true")
    for box in page.locator("input[name=bank]").all():
        if box.get_attribute("value") != "role":
            box.uncheck()
    page.locator("input[name=count]").fill("3")
    page.get_by_role("button", name="开始练习").click()
    first = shown_question(page, by_id)
    answer(page, first, right=True)
    page.get_by_role("button", name="核对本题").click()
    page.get_by_role("button", name="下一题").click()
    second = shown_question(page, by_id)
    answer(page, second, right=True)
    wait_for_draft(page, "practice")
    page.wait_for_function("""() => JSON.parse(localStorage.getItem('jgdj:v1')).drafts.practice
        .value.position === 1""")
    page.reload()
    assert shown_question(page, by_id) == second
    expect(page.locator("[data-qz-view=practice] [data-qz-status]")).to_have_text(
        "已恢复未做完的综合练习：第2题，共3题。")
    page.wait_for_timeout(300)  # let the draft settle (answers are written after a pause)
    assert given(page, second) == sorted(right_response(second))
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("button", name="核对本题").click()
    source = fieldset(page, second).locator("a[data-qz-source]")
    source.click()
    expect(page).to_have_url(f"{site.subpath_url}role/#{second.source}")
    page.go_back()
    assert shown_question(page, by_id) == second
    assert page.evaluate("window.__sameDocument === true"), "navigation was a full reload"
    expect(fieldset(page, second).locator("[data-qz-feedback]")).to_have_text("✓回答正确")
    page.get_by_role("button", name="下一题").click()
    assert shown_question(page, by_id) not in (first, second)
