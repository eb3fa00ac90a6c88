"""The record's pure logic, table-driven: the 错题本 rule, the check of every stored or
imported entry, schema migration, merging and import.

The site's own scripts are loaded once into one blank page of the served site (its origin,
so localStorage works); each table runs its cases there with page.evaluate and reports
every case that went wrong at once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import Site, open_tab

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 11, 25, 9, 0)
NOW_MS = int(NOW.timestamp() * 1000)
DAY_MS = 86400000
TODAY, TOMORROW, IN_3_DAYS = (f"2026-11-{25 + offset}" for offset in (0, 1, 3))
# As built for the site: each script carries its messages from the table (macros/ui_text.py).
SCRIPTS = ["qz-header.js", "qz-check.js", "qz-record-check.js", "qz-storage.js",
           "qz-records.js"]


@pytest.fixture(scope="module")
def logic(browser: Browser, site: Site) -> Iterator[Page]:
    """One blank page of the site's origin with the record scripts loaded, at a fixed time."""
    tab = open_tab(browser)
    page = tab.page
    page.clock.set_fixed_time(NOW)
    blank = site.root_url + "record-logic.html"
    page.route(blank, lambda route: route.fulfill(
        content_type="text/html; charset=utf-8",
        body="<!doctype html><html><head><meta charset=utf-8></head><body></body></html>"))
    page.goto(blank)
    for script in SCRIPTS:
        page.add_script_tag(url=site.root_url + "javascripts/" + script)
    yield page
    page.context.close()
    assert tab.errors == [], tab.errors


def run(page: Page, function: str, cases: list[dict[str, Any]]) -> list[Any]:
    """Call function(case) in the page for every case; the results, in order."""
    return page.evaluate(f"cases => cases.map({function})", cases)


def mismatches(cases: list[dict[str, Any]], results: list[Any]) -> list[str]:
    return [f"{case['name']}: expected {case['expect']!r}, got {result!r}"
            for case, result in zip(cases, results, strict=True) if result != case["expect"]]


def entry(step: int, due: str) -> dict[str, Any]:
    return {"bank": "role", "step": step, "due": due, "at": 1}


REVIEW_CASES = [
    {"name": "wrong, not in the book: due today", "before": None, "correct": False,
     "expect": {"step": 0, "due": TODAY}},
    {"name": "wrong while in the book: again from tomorrow", "before": entry(2, TODAY),
     "correct": False, "expect": {"step": 0, "due": TOMORROW}},
    {"name": "right on the first due day: back in 1 day", "before": entry(0, TODAY),
     "correct": True, "expect": {"step": 1, "due": TOMORROW}},
    {"name": "right on the second due day: back in 3 days", "before": entry(1, TODAY),
     "correct": True, "expect": {"step": 2, "due": IN_3_DAYS}},
    {"name": "right on the third due day: leaves the book", "before": entry(2, TODAY),
     "correct": True, "expect": None},
    {"name": "right before it is due: unchanged", "before": entry(1, TOMORROW), "correct": True,
     "expect": {"step": 1, "due": TOMORROW}},
    {"name": "right, never wrong: never enters", "before": None, "correct": True, "expect": None},
]


def test_the_review_rule(logic):
    """The 错题本's spaced repetition: 1 day, then 3 days, then out; wrong starts again."""
    results = run(logic, """c => {
        const data = {review: c.before ? {q: c.before} : {}};
        qz.storage.review(data, {id: "q", bank: "role", correct: c.correct}, Date.now());
        const e = data.review.q;
        return e ? {step: e.step, due: e.due} : null;
    }""", REVIEW_CASES)
    assert mismatches(REVIEW_CASES, results) == []


FUTURE = NOW_MS + DAY_MS
STAT = {"bank": "role", "seen": 2, "right": 1, "last": True, "at": 5}


def record(**fields: Any) -> dict[str, Any]:
    return {"version": 2, **fields}


# Each case: a stored or imported record, a JS expression over the checked record `r`
# (null when refused), and the value it must give.
CHECK_CASES = [
    {"name": "a null answer is dropped, the good one kept",
     "data": record(answers={"a": None, "b": {"hash": "h", "response": "A", "correct": True,
                                              "at": 5}}),
     "probe": "Object.keys(r.answers)", "expect": ["b"]},
    {"name": "null stats, review and exam entries are dropped",
     "data": record(stats={"a": None, "b": STAT}, review={"a": None, "b": "x"},
                    exams=[None, 3, {"at": 5, "score": 80, "seconds": 60, "right": 8,
                                     "total": 10}]),
     "probe": "[Object.keys(r.stats), Object.keys(r.review), r.exams.length]",
     "expect": [["b"], [], 1]},
    {"name": "counts are coerced to whole numbers, right never above seen",
     "data": record(stats={"a": {"bank": "role", "seen": "3", "right": 7.9, "last": 1, "at": "5"}}),
     "probe": "r.stats.a",
     "expect": {"bank": "role", "seen": 3, "right": 3, "last": False, "at": 5}},
    {"name": "an exam's score is clamped to 0–满分 (100 when unsaid) and sorted newest first",
     "data": record(exams=[{"at": 1, "score": 150, "seconds": -4, "right": 3, "total": 2},
                           {"at": 9, "score": "70", "seconds": 60, "right": 1, "total": 2},
                           {"at": 5, "score": 61.25, "full": 80, "seconds": 1, "right": 1,
                            "total": 1}]),
     "probe": "r.exams",
     "expect": [{"at": 9, "score": 70, "full": 100, "seconds": 60, "right": 1, "total": 2},
                {"at": 5, "score": 61.3, "full": 80, "seconds": 1, "right": 1, "total": 1},
                {"at": 1, "score": 100, "full": 100, "seconds": 0, "right": 2, "total": 2}]},
    {"name": "an exam's questions for 查看 keep only well-formed entries",
     "data": record(exams=[{"at": 1, "score": 4, "full": 8, "seconds": 1, "right": 1,
                            "total": 2, "items": [{"b": "role", "id": "role-01", "r": "B"},
                                                  {"b": "role", "id": "role-02",
                                                   "r": {"x": 1}},
                                                  None, {"b": 3, "id": "x", "r": None}]}]),
     "probe": "r.exams[0].items",
     "expect": [{"b": "role", "id": "role-01", "r": "B"}]},
    {"name": "entries dated in the future are refused",
     "data": record(stats={"a": {**STAT, "at": FUTURE}, "b": STAT},
                    exams=[{"at": FUTURE, "score": 100, "seconds": 1, "right": 1, "total": 1}]),
     "probe": "[Object.keys(r.stats), r.exams.length]", "expect": [["b"], 0]},
    {"name": "a review entry gets a valid step and due date",
     "data": record(review={"a": {"bank": "role", "step": 9, "due": "morgen", "at": 5}}),
     "probe": "[r.review.a.step, r.review.a.due]", "expect": [2, TODAY]},
    {"name": "only true ticks and whole attempt numbers stay",
     "data": record(checks={"a": True, "b": "yes", "c": None}, attempts={"x": "2", "y": {}}),
     "probe": "[r.checks, r.attempts]", "expect": [{"a": True}, {"x": 2}]},
    {"name": "an unknown text size is dropped",
     "data": record(settings={"textSize": "huge"}), "probe": "r.settings", "expect": {}},
    {"name": "drafts are kept, broken and future ones dropped",
     "data": record(drafts={"ok": {"at": 5, "value": {"q": ["A"]}}, "null": None,
                            "late": {"at": FUTURE, "value": 1}, "flat": 3}),
     "probe": "r.drafts", "expect": {"ok": {"at": 5, "value": {"q": ["A"]}}}},
    {"name": "fields this page does not know survive",
     "data": record(notes={"role-01": {"text": "x"}}, confidence=[1, 2]),
     "probe": "[r.notes, r.confidence]", "expect": [{"role-01": {"text": "x"}}, [1, 2]]},
    {"name": "收藏/斩题 marks: only true flags, broken and future marks dropped",
     "data": record(marks={"a": {"star": True, "mastered": "yes", "at": 5}, "b": None,
                           "c": {"star": True, "at": FUTURE}, "d": "star"}),
     "probe": "r.marks", "expect": {"a": {"star": True, "mastered": False, "at": 5}}},
    {"name": "activity days: real dates with whole counts only",
     "data": record(days={"2026-11-24": "3", "2026-11-25": 2.5, "yesterday": 4,
                          "2026-11-23": {}}),
     "probe": "r.days", "expect": {"2026-11-24": 3, "2026-11-25": 2}},
    {"name": "activity days: only the newest are kept",
     "data": record(days={f"2025-{1 + n // 28:02d}-{1 + n % 28:02d}": 1 for n in range(336)}
                    | {f"2024-{1 + n // 28:02d}-{1 + n % 28:02d}": 1 for n in range(336)}),
     "probe": "[Object.keys(r.days).length === qz.recordCheck.maxDays, "
              "Object.keys(r.days).sort()[0] > '2024-01-28']",
     "expect": [True, True]},
    {"name": "把握程度 counts stay within what was answered",
     "data": record(stats={"a": {**STAT, "sure": 9, "sureWrong": 12}, "b": {**STAT, "sure": 0}}),
     "probe": "[r.stats.a.sure, r.stats.a.sureWrong, 'sure' in r.stats.b]",
     "expect": [2, 2, False]},
    {"name": "version 1 answers become progress and 错题本 entries",
     "data": {"version": 1, "answers": {
         "role-01": {"hash": "x", "response": "A", "correct": False, "at": 1},
         "role-02": {"hash": "y", "response": "B", "correct": True, "at": 1}}},
     "probe": "[r.version, Object.keys(r.stats).sort(), Object.keys(r.review)]",
     "expect": [3, ["role-01", "role-02"], ["role-01"]]},
    {"name": "version 2 is upgraded to 3", "data": record(stats={"a": STAT}),
     "probe": "[r.version, r.stats.a]", "expect": [3, STAT]},
    {"name": "a newer version is not read", "data": {"version": 99}, "probe": "r",
     "expect": None},
    {"name": "not a record at all", "data": [1, 2], "probe": "r", "expect": None},
]

VISIT_CASES = [
    ("javascript:", "javascript:alert(document.cookie)", None),
    ("javascript: with leading space", " javascript:alert(1)", None),
    ("an off-site address", "https://example.com/phish/", None),
    ("a scheme-relative address", "//example.com/phish/", None),
    ("an absolute path", "/etc/passwd", None),
    ("a way out of the site", "role/../../../x", None),
    ("a data: address", "data:text/html,<script>alert(1)</script>", None),
    ("a backslash trick", "\\\\example.com\\x", None),
    ("not text", 42, None),
    ("a page of the site", "role/", "role/"),
    ("a page of the offline package", "tasks/theory-study.html", "tasks/theory-study.html"),
    ("a search highlight is dropped", "role/?h=三会一课", "role/"),
]
CHECK_CASES += [
    {"name": f"继续学习 address: {name}",
     "data": record(visit={"url": url, "title": "标题", "at": 5}),
     "probe": "r.visit && r.visit.url", "expect": expect}
    for name, url, expect in VISIT_CASES
]


def test_every_entry_is_checked_on_read_and_import(logic):
    """Issue 9.3 and 9.1: nothing a file or old page stored can break a view or run as a link."""
    results = run(logic, """c => {
        const r = qz.storage.upgrade(JSON.parse(JSON.stringify(c.data)));
        return eval(c.probe);
    }""", CHECK_CASES)
    assert mismatches(CHECK_CASES, results) == []


def exams(count: int, start: int, score: int) -> list[dict[str, int]]:
    return [{"at": start + n, "score": score, "seconds": 60, "right": 1, "total": 2}
            for n in range(count)]


def side(**fields: Any) -> dict[str, Any]:
    data = {"version": 3, "answers": {}, "stats": {}, "review": {}, "exams": [], "attempts": {},
            "checks": {}, "settings": {}, "drafts": {}, "marks": {}, "days": {}, "visit": None}
    data.update(fields)
    return data


MERGE_CASES = [
    {"name": "a file of many exams keeps every exam of this device",
     "ours": side(exams=exams(3, 1000, 90)), "theirs": side(exams=exams(25, 2000, 50)),
     "probe": "[r.exams.filter(e => e.score === 90).length, r.exams.length, dropped]",
     "expect": [3, 20, 8]},
    {"name": "a full history takes nothing more, and says so",
     "ours": side(exams=exams(20, 1000, 90)), "theirs": side(exams=exams(20, 2000, 50)),
     "probe": "[r.exams.filter(e => e.score === 90).length, dropped]", "expect": [20, 20]},
    {"name": "the same exams twice count once",
     "ours": side(exams=exams(5, 1000, 90)), "theirs": side(exams=exams(5, 1000, 90)),
     "probe": "[r.exams.length, dropped]", "expect": [5, 0]},
    {"name": "stats keep the larger counts and the newer last answer",
     "ours": side(stats={"q": {"bank": "b", "seen": 5, "right": 1, "last": False, "at": 9}}),
     "theirs": side(stats={"q": {"bank": "b", "seen": 2, "right": 2, "last": True, "at": 3}}),
     "probe": "r.stats.q", "expect": {"bank": "b", "seen": 5, "right": 2, "last": False, "at": 9}},
    {"name": "answers, 错题本 entries and drafts: the newer wins",
     "ours": side(review={"q": entry(0, TODAY)}, drafts={"d": {"at": 1, "value": "old"}}),
     "theirs": side(review={"q": {**entry(2, IN_3_DAYS), "at": 7}},
                    drafts={"d": {"at": 8, "value": "new"}}),
     "probe": "[r.review.q.step, r.drafts.d.value]", "expect": [2, "new"]},
    {"name": "ticks are united, attempts take the larger",
     "ours": side(checks={"a": True}, attempts={"x": 4}),
     "theirs": side(checks={"b": True}, attempts={"x": 2, "y": 1}),
     "probe": "[Object.keys(r.checks).sort(), r.attempts]",
     "expect": [["a", "b"], {"x": 4, "y": 1}]},
    {"name": "收藏/斩题: the newer mark wins, marks of either side are kept",
     "ours": side(marks={"q": {"star": True, "mastered": False, "at": 9},
                         "p": {"star": True, "mastered": False, "at": 1}}),
     "theirs": side(marks={"q": {"star": False, "mastered": True, "at": 3},
                           "p": {"star": False, "mastered": False, "at": 5},
                           "n": {"star": True, "mastered": False, "at": 2}}),
     "probe": "[r.marks.q.star, r.marks.p.star, r.marks.n.star]", "expect": [True, False, True]},
    {"name": "activity days and 把握程度 take the larger counts",
     "ours": side(days={"2026-11-20": 5}, stats={"q": {**STAT, "sure": 1, "sureWrong": 1}}),
     "theirs": side(days={"2026-11-20": 2, "2026-11-21": 4},
                    stats={"q": {**STAT, "sure": 2, "sureWrong": 0}}),
     "probe": "[r.days, r.stats.q.sure, r.stats.q.sureWrong]",
     "expect": [{"2026-11-20": 5, "2026-11-21": 4}, 2, 1]},
]


def test_merging_two_records(logic):
    """Issue 9.4: an import never wipes this device's exams, and reports what did not fit."""
    results = run(logic, """c => {
        const r = c.ours;
        const dropped = qz.records.merge(r, c.theirs, qz.storage.maxExams);
        return eval(c.probe);
    }""", MERGE_CASES)
    assert mismatches(MERGE_CASES, results) == []


def exported(data: dict[str, Any]) -> str:
    return json.dumps({"app": "jiguan-dangjian", "data": data})


IMPORT_CASES = [
    {"name": "a clean file merges silently", "ours": side(exams=exams(2, 1000, 90)),
     "text": exported(side(exams=exams(2, 2000, 50))),
     "expect": {"message": "", "merged": True, "exams": 4}},
    {"name": "too large a file is refused unread", "ours": side(exams=exams(2, 1000, 90)),
     "text": exported(side()) + " " * (5 * 1024 * 1024),
     "expect": {"message": "文件超过5 MB，不是本站导出的学习记录。本机记录没有改动。",
                "merged": False, "exams": 2}},
    {"name": "exams that did not fit are named, never called a full merge",
     "ours": side(exams=exams(19, 1000, 90)), "text": exported(side(exams=exams(4, 2000, 50))),
     "expect": {"message": "导入完成，但有部分内容没有导入：文件中较早的3次模拟考试超出考试记录上限"
                           "（20次），未导入，本机的考试记录全部保留。其余记录已与本机记录合并。",
                "merged": True, "exams": 20}},
    {"name": "unreadable entries are skipped and counted",
     "ours": side(), "text": exported({"version": 2, "stats": {"a": None, "b": STAT},
                                       "exams": [None]}),
     "expect": {"message": "导入完成，但有部分内容没有导入：文件中2条记录无法读取，已跳过。"
                           "其余记录已与本机记录合并。", "merged": True, "exams": 0}},
    {"name": "a file with null everywhere leaves this record readable",
     "ours": side(exams=exams(1, 1000, 90)),
     "text": exported({"version": 2, "answers": None, "stats": None, "review": None,
                       "exams": None, "visit": None}),
     "expect": {"message": "", "merged": True, "exams": 1}},
]


def test_importing_files(logic):
    """Issue 9.4: size cap, honest messages, and what this device had is still there."""
    results = run(logic, """c => {
        localStorage.setItem("jgdj:v1", JSON.stringify(c.ours));
        window.dispatchEvent(new StorageEvent("storage", {key: "jgdj:v1"}));
        const message = qz.records.importText(c.text);
        window.dispatchEvent(new StorageEvent("storage", {key: "jgdj:v1"}));
        return {message, merged: qz.records.lastImport.merged,
                exams: qz.storage.exams().length};
    }""", IMPORT_CASES)
    assert mismatches(IMPORT_CASES, results) == []
