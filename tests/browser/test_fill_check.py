"""Fair checking of fill answers: every real fill question, typed the ways members type it.

qz-check.js is the one checker; it runs in Chromium on a blank page, fed the same rules
the build puts in the page (macros.render.fill_rules), over a table derived from the banks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from macros.model import Bank, Question
from macros.render import fill_rules
from tests.browser.conftest import PHONE
from tests.browser.driver import fieldset
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CHECK_JS = ROOT / "docs" / "javascripts" / "qz-check.js"
SEPARATORS = ["、", "，", ",", "；", ";", "和", "与", "及"]
# A separator between listed items inside one accepted answer (not at its start or end).
LISTED = re.compile(r"(?<=.)[、，,；;和与及](?=.)")
# The printed word after a blank, as a member would repeat it: up to the first pause.
MARKS = "“”‘’「」《》【】（）()\\s"
PRINTED = re.compile(rf"^[{MARKS}]*([^，。；：！？、,.;:!?{MARKS}]+)")


def fill_questions(banks: dict[str, Bank]) -> list[Question]:
    return [q for bank in banks.values() for q in bank.questions if q.type == "fill"]


def replaced(right: list[str], index: int, text: str) -> list[str]:
    """The response ``right`` with blank ``index`` answered ``text``."""
    return [text if number == index else given for number, given in enumerate(right)]


def variants(question: Question) -> Iterator[tuple[str, list[str], bool]]:
    """(what, response, should be right) rows for one question, from its bank data."""
    right = [accepted[0] for accepted in question.answer]
    after = json.loads(fill_rules(question))["after"]
    yield "as in the bank", right, True
    yield "trailing and leading punctuation", [f"，{t}。" for t in right], True
    yield "trailing ！ and ；", [f"{t}！；" for t in right], True
    yield "【】 brackets", [f"【{t}】" for t in right], True
    yield "（） brackets", [f"（{t}）" for t in right], True
    yield "spaces and quotation marks", [f" “{t}” " for t in right], True
    for index, accepted in enumerate(question.answer):
        for text in accepted:
            if LISTED.search(text):
                for sep in SEPARATORS:
                    changed = replaced(right, index, LISTED.sub(sep, text))
                    yield f"blank {index + 1} listed with {sep}", changed, True
                part = replaced(right, index, LISTED.split(text)[0])
                yield f"blank {index + 1} only part of the list", part, False
        printed = PRINTED.match(after[index])
        if printed:
            word = printed[1]
            for length in {1, len(word)}:
                repeated = replaced(right, index, right[index] + word[:length])
                yield f"blank {index + 1} repeats “{word[:length]}”", repeated, True
        first = right[index]
        if len(first) > 1 and not any(first[:-1] == text for text in accepted):
            cut = replaced(right, index, first[:-1])
            yield f"blank {index + 1} cut short", cut, False
    if len(right) > 1 and len(set(right)) > 1:
        yield "blanks swapped", list(reversed(right)), question.any_order
    yield "empty", [""] * len(right), False
    yield "only punctuation", ["。"] * len(right), False
    yield "a different word", ["不对的答案"] * len(right), False


def run_table(page: Page, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Check every row with qz.check; return the rows the checker got wrong."""
    return page.evaluate("""rows => rows.filter(row => {
        const answer = qz.check.prepare(JSON.parse(row.answer), row.rules);
        return qz.check.isCorrect("fill", answer, row.response) !== row.right;
    })""", rows)


@pytest.fixture
def checker(new_tab: Browser) -> Iterator[Page]:
    """qz-check.js alone in a blank page, as the site loads it."""
    tab = new_tab(PHONE)
    tab.page.set_content("<!doctype html><meta charset=utf-8><title>check</title>")
    tab.page.add_script_tag(content=CHECK_JS.read_text(encoding="utf-8"))
    yield tab.page
    assert tab.errors == [], tab.errors


def test_every_real_fill_question_accepts_fair_variants_and_refuses_wrong_ones(checker, banks):
    """Punctuation, list separators, brackets and a repeated printed word never make a right
    answer wrong; an empty answer, another word, part of a list or swapped blanks stay wrong."""
    rows = [
        {"id": q.id, "what": what, "answer": json.dumps(q.answer, ensure_ascii=False),
         "rules": fill_rules(q), "response": response, "right": right}
        for q in fill_questions(banks)
        for what, response, right in variants(q)
    ]
    assert fill_questions(banks), "no fill question in the banks"
    assert any(row["what"].startswith("blank 1 repeats") for row in rows)
    failures = run_table(checker, rows)
    assert failures == [], "\n".join(
        f"{row['id']} {row['what']}: {row['response']} should be "
        f"{'right' if row['right'] else 'wrong'}" for row in failures)


def test_any_order_blanks_accept_either_order_and_still_need_every_item(checker):
    """A bank's any_order: true lets the blanks come in any order, each item still once."""
    question = Question(id="demo-01", type="fill", stem="起着____和____作用。", options={},
                        answer=[["引领"], ["规范"]], explanation="解析", source="intro",
                        line=1, source_line=1, any_order=True)
    rows = [
        {"answer": json.dumps(question.answer, ensure_ascii=False), "rules": fill_rules(question),
         "response": response, "right": right}
        for response, right in [(["引领", "规范"], True), (["规范", "引领"], True),
                                (["规范和", "引领作用"], True), (["引领", "引领"], False),
                                (["规范", ""], False)]
    ]
    assert run_table(checker, rows) == []


def test_member_typing_on_the_page_is_checked_fairly(new_tab, site, banks):
    """On the real 职能定位 page at 390×844: “1939年。” for ____年 is marked right."""
    tab = new_tab(PHONE)
    page = tab.page
    page.goto(site.subpath_url + "role/")
    page.wait_for_selector("[data-quiz-id=role][data-qz-ready]")
    target = next(q for q in banks["role"].questions
                  if q.type == "fill" and PRINTED.match(json.loads(fill_rules(q))["after"][0]))
    word = PRINTED.match(json.loads(fill_rules(target))["after"][0])[1]
    box = fieldset(page, target)
    for index, accepted in enumerate(target.answer):
        typed = accepted[0] + (word if index == 0 else "") + "。"
        box.locator("input[type=text]").nth(index).fill(typed)
    page.get_by_role("button", name="提交答案").click()
    expect(box.locator("[data-qz-feedback]")).to_have_text("✓回答正确")
    assert tab.errors == [], tab.errors
