"""The 错题本 keeps its run (issue 10 item 4): answers given in today's review or in 全部重练,
not yet submitted, come back after a reload (WeChat reloads a page after a chat switch) and
after 回到原文 (instant navigation) and back, in the same run, in the same order; a hostile
draft is pruned or ignored. Driven at 390×844 with Playwright's clock."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from playwright.sync_api import Page, expect

from macros.model import Bank, Question
from tests.browser.conftest import SCREENSHOTS
from tests.browser.driver import (
    answer,
    given,
    right_response,
    shown_ids,
    submit,
    wait_for_draft,
)

DAY = dt.datetime(2026, 11, 25, 9, 0)
TODAY = "2026-11-25"
LATER = "2026-11-27"
AT = int(DAY.timestamp() * 1000) - 3600_000
RECORD = "JSON.parse(localStorage.getItem('jgdj:v1'))"


def book(banks: dict[str, Bank]) -> tuple[dict, list[Question], list[Question]]:
    """A 错题本 over two banks: three entries due today (the first a 顽固错题, whose source
    passage and 回到原文 link the book shows), two due later. Returns the record, the due
    questions and the later ones."""
    first, second = list(banks.values())[:2]
    due = first.questions[:2] + second.questions[:1]
    later = first.questions[2:3] + second.questions[1:2]
    stats, review = {}, {}
    for question, bank in [(q, first.id) for q in first.questions[:3]] + [
            (q, second.id) for q in second.questions[:2]]:
        seen = 6 if question is due[0] else 2
        stats[question.id] = {"bank": bank, "seen": seen, "right": 1, "last": False, "at": AT}
        review[question.id] = {"bank": bank, "step": 0, "due": TODAY if question in due else LATER,
                               "at": AT}
    return {"version": 3, "stats": stats, "review": review}, due, later


def open_book(page: Page, site, record: dict) -> None:
    """Store the record (once: an init script would write it again on every reload), then
    open the 错题本 where instant navigation is on (the address the site was built for)."""
    page.clock.set_fixed_time(DAY)
    page.goto(site.subpath_url + "study/review/")
    page.evaluate("record => localStorage.setItem('jgdj:v1', JSON.stringify(record))", record)
    page.reload()
    page.wait_for_selector("[data-qz-book]")


def stored_draft(page: Page) -> dict | None:
    entry = page.evaluate(f"{RECORD}.drafts || {{}}").get("review")
    return entry["value"] if entry else None


def filled(question: Question) -> list[str]:
    """What given() reads from a question answered right."""
    return sorted(right_response(question))


def blank(question: Question) -> list[str]:
    """What given() reads from a question not answered."""
    return [""] * len(question.answer) if question.type == "fill" else []


def seen(page: Page) -> dict[str, int]:
    return {qid: entry["seen"] for qid, entry in page.evaluate(f"{RECORD}.stats").items()}


def test_answers_of_todays_review_come_back_after_a_reload(phone, site, banks):
    """Answers given, not submitted, come back after a reload in the same run; nothing is
    checked into the record until 提交答案, which checks each question once and drops the
    draft."""
    page = phone.page
    record, due, _ = book(banks)
    open_book(page, site, record)
    assert sorted(shown_ids(page)) == sorted(q.id for q in due)
    order = shown_ids(page)
    before = seen(page)
    answered, left = due[:-1], due[-1]
    for question in answered:
        answer(page, question, right=True)
    wait_for_draft(page, "review")
    page.wait_for_function(
        f"n => Object.keys({RECORD}.drafts.review.value.answers).length === n", arg=len(answered))
    page.reload()
    assert shown_ids(page) == order
    for question in answered:
        assert given(page, question) == filled(question)
    assert given(page, left) == blank(left)
    expect(page.locator("[data-qz-status]")).to_contain_text(
        f"已恢复未做完的错题复习：共{len(due)}题。已填回你上次作答但未提交的{len(answered)}题答案。")
    assert seen(page) == before, "nothing is checked before 提交答案"
    answer(page, left, right=True)
    submit(page)
    expect(page.locator("[data-qz-status]")).to_contain_text("复习完成")
    assert stored_draft(page) is None
    page.reload()
    page.wait_for_selector("[data-qz-book]")
    after = seen(page)
    assert {q.id: after[q.id] - before[q.id] for q in due} == {q.id: 1 for q in due}
    expect(page.locator("[data-qz-stage] fieldset[data-question-id]")).to_have_count(0)


def test_back_from_the_source_brings_the_same_run_and_its_answers(phone, site, banks):
    """回到原文 (instant navigation, followed before the debounced write) and history back:
    the same questions in the same order, the answers filled in, the document never
    reloaded."""
    page = phone.page
    record, due, _ = book(banks)
    open_book(page, site, record)
    order = shown_ids(page)
    page.evaluate("window.__sameDocument = true")
    for question in due:
        answer(page, question, right=True)
    page.locator(f'[data-qz-entry="{due[0].id}"] [data-qz-passage] a').click()
    slug = next(iter(banks.values())).page.removesuffix(".md")
    expect(page).to_have_url(f"{site.subpath_url}{slug}/#{due[0].source}")
    page.go_back()
    page.wait_for_selector("[data-qz-book]")
    assert page.evaluate("window.__sameDocument === true"), "navigation was a full reload"
    assert shown_ids(page) == order
    for question in due:
        assert given(page, question) == filled(question)
    expect(page.locator("[data-qz-status]")).to_contain_text(
        f"已填回你上次作答但未提交的{len(due)}题答案。")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "review-resumed.png")


def test_a_practise_all_run_survives_a_reload(phone, site, banks):
    """全部重练 takes along what was answered in today's review, and comes back after a
    reload as 全部重练 (not today's review), in the same order, with its answers."""
    page = phone.page
    record, due, later = book(banks)
    open_book(page, site, record)
    answer(page, due[0], right=True)
    page.get_by_role("button", name="全部重练").click()
    assert sorted(shown_ids(page)) == sorted(q.id for q in due + later)
    assert given(page, due[0]) == filled(due[0])
    order = shown_ids(page)
    answer(page, later[0], right=True)
    page.wait_for_function(f"""id => ({RECORD}.drafts.review || {{value: {{answers: {{}}}}}})
        .value.answers[id]""", arg=later[0].id)
    page.reload()
    assert shown_ids(page) == order
    assert given(page, due[0]) == filled(due[0])
    assert given(page, later[0]) == filled(later[0])
    expect(page.locator("[data-qz-status]")).to_contain_text(
        f"已恢复未做完的全部重练：共{len(order)}题。已填回你上次作答但未提交的2题答案。")
    submit(page)
    expect(page.locator("[data-qz-status]")).to_contain_text("全部重练完成")
    assert stored_draft(page) is None


HOSTILE = {
    "not a run": "x",
    "ids not a list": {"run": "due", "ids": "abc"},
    "unknown run": {"run": "later", "ids": ["{due}"]},
    "ids not text": {"run": "all", "ids": [1, 2]},
    "only unknown ids": {"run": "all", "ids": ["no-such-id", "__proto__", "{outside}"]},
}


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_draft_that_is_no_run_is_dropped(phone, site, banks, value):
    """A hand-edited draft of the wrong shape, or naming no question of the book, is dropped
    without a script error: today's review shows as usual."""
    page = phone.page
    record, due, _ = book(banks)
    outside = next(iter(banks.values())).questions[-1]
    text = json.dumps(value).replace("{due}", due[0].id).replace("{outside}", outside.id)
    record["drafts"] = {"review": {"at": AT, "value": json.loads(text)}}
    open_book(page, site, record)
    assert sorted(shown_ids(page)) == sorted(q.id for q in due)
    expect(page.locator("[data-qz-status]")).not_to_contain_text("已恢复")
    assert stored_draft(page) is None


def test_a_draft_is_pruned_to_the_book_and_its_answers_checked(phone, site, banks):
    """Ids no longer in the book (or never a question) leave the run, the rest of the book
    joins it; an answer that does not fit its question (hand-edited) is not filled in."""
    page = phone.page
    record, due, later = book(banks)
    outside = next(iter(banks.values())).questions[-1]
    assert outside.id not in record["review"]
    value = {"run": "all", "ids": ["no-such-id", later[0].id, "__proto__", outside.id, later[0].id],
             "answers": {later[0].id: {"h": later[0].content_hash, "r": ["Z", 5]},
                         due[0].id: {"h": "x", "r": right_response(due[0])}, "__proto__": 5}}
    record["drafts"] = {"review": {"at": AT, "value": value}}
    open_book(page, site, record)
    shown = shown_ids(page)
    assert shown[0] == later[0].id
    assert sorted(shown) == sorted(q.id for q in due + later)
    assert given(page, later[0]) == blank(later[0])
    assert given(page, due[0]) == blank(due[0])
    expect(page.locator("[data-qz-status]")).to_contain_text(
        f"已恢复未做完的全部重练：共{len(shown)}题。")
