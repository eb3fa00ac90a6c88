"""The member's record is safe: what a hostile file, a corrupt store, a left exam or a bank
edit does to it, driven in the real site as a member would (issue 9)."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.driver import answer, submit

pytestmark = pytest.mark.browser

KEY = "jgdj:v1"
DAY = dt.datetime(2026, 11, 25, 9, 0)
TODAY = "2026-11-25"


def seed(page: Page, value: str) -> None:
    """Put a raw value in the store before the first page of the tab loads, once."""
    page.add_init_script(f"if (!sessionStorage.seeded) {{ sessionStorage.seeded = 1;"
                         f" localStorage.setItem({json.dumps(KEY)}, {json.dumps(value)}); }}")


def stored(page: Page) -> dict[str, Any]:
    return json.loads(page.evaluate(f"localStorage.getItem({json.dumps(KEY)})"))


def corrupt_copies(page: Page) -> list[str]:
    return page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith({json.dumps(KEY)}"
                         f" + ':corrupt:'))")


def test_a_corrupt_record_is_set_aside_once_and_saving_goes_on(new_tab, site, banks):
    """Issue 9.2: ten page loads of a corrupt record left ten copies; now one, and answers save."""
    tab = new_tab(DESKTOP)
    page = tab.page
    seed(page, '{"version": 2, "stats": {broken')
    for _ in range(10):
        page.goto(site.root_url + "role/")
        page.wait_for_selector("[data-quiz-id][data-qz-ready]")
    assert len(corrupt_copies(page)) == 1
    question = banks["role"].questions[0]
    answer(page, question, right=True)
    submit(page)
    assert stored(page)["stats"][question.id]["right"] == 1


def test_copies_that_filled_the_quota_are_cleared_and_saving_works(new_tab, site, banks):
    """Issue 9.2: a store filled by earlier pages' corrupt copies keeps only the newest one."""
    tab = new_tab(DESKTOP)
    page = tab.page
    page.add_init_script(f"""if (!sessionStorage.seeded) {{
        sessionStorage.seeded = 1;
        const block = "x".repeat(256 * 1024);
        try {{
            for (let n = 1; n < 1000; n++) {{
                localStorage.setItem({json.dumps(KEY)} + ":corrupt:" + n, block);
            }}
        }} catch (full) {{}}
        try {{ localStorage.setItem({json.dumps(KEY)}, "{{broken"); }} catch (full) {{}}
    }}""")
    page.goto(site.root_url + "role/")
    page.wait_for_selector("[data-quiz-id][data-qz-ready]")
    assert len(corrupt_copies(page)) == 1
    question = banks["role"].questions[0]
    answer(page, question, right=False)
    submit(page)
    expect(page.locator("[data-qz-storage-note]")).to_be_hidden()
    assert stored(page)["review"][question.id]["step"] == 0


HOSTILE = ["javascript:document.title='pwned'", "https://example.com/phish/",
           "//example.com/phish/"]


@pytest.mark.parametrize("url", HOSTILE)
def test_a_stored_resume_link_outside_the_site_is_never_drawn(new_tab, site, url):
    """Issue 9.1: 继续学习 from a stored record links only to a page of this site."""
    tab = new_tab(DESKTOP)
    page = tab.page
    seed(page, json.dumps({"version": 2, "visit": {"url": url, "title": "继续", "at": 1}}))
    page.goto(site.root_url + "study/")
    page.wait_for_selector("[data-qz-topic]")
    expect(page.locator("[data-qz-resume] a")).to_have_count(0)
    assert stored(page)["visit"] is None


def test_an_imported_resume_link_outside_the_site_is_refused(new_tab, site, tmp_path):
    """Issue 9.1: the import merge checks the address too; a page of the site still works."""
    tab = new_tab(DESKTOP)
    page = tab.page
    page.goto(site.root_url + "role/")  # a real visit: 继续学习 points here
    page.wait_for_selector("[data-quiz-id][data-qz-ready]")
    hostile = {"app": "jiguan-dangjian", "data": {"version": 2, "visit": {
        "url": HOSTILE[0], "title": "点我", "at": 4102444800000 - 1}}}
    path = tmp_path / "记录.json"
    path.write_text(json.dumps(hostile), encoding="utf-8")
    page.goto(site.root_url + "study/records/")
    page.locator("[data-qz-import]").set_input_files(path)
    expect(page.locator("[data-qz-status]")).to_contain_text("1条记录无法读取，已跳过")
    page.goto(site.root_url + "study/")
    link = page.locator("[data-qz-resume] a")
    expect(link).to_have_count(1)
    assert link.evaluate("a => a.href") == site.root_url + "role/"


def test_null_entries_do_not_break_progress_review_or_exam_history(new_tab, site, banks):
    """Issue 9.3: one null entry used to break 学习进度, 错题本 and the exam history for good."""
    question = banks["role"].questions[0]
    tab = new_tab(PHONE)
    page = tab.page
    page.clock.set_fixed_time(DAY)
    seed(page, json.dumps({
        "version": 2, "answers": {"x": None}, "visit": None,
        "stats": {"x": None, question.id: {"bank": "role", "seen": 1, "right": 0, "last": False,
                                           "at": 1}},
        "review": {"x": None, question.id: {"bank": "role", "step": 0, "due": TODAY, "at": 1}},
        "exams": [None, {"at": 1, "score": 90, "seconds": 60, "right": 9, "total": 10}]}))
    page.goto(site.root_url + "study/")
    expect(page.locator('[data-qz-topic="role"]')).to_contain_text("做过1/")
    page.goto(site.root_url + "study/review/")
    expect(page.locator("[data-qz-status]")).to_contain_text("今天要复习1题")
    page.goto(site.root_url + "study/exam/")
    expect(page.locator("[data-qz-history] tr")).to_have_count(2)


def test_importing_many_exams_keeps_this_devices_exams_and_says_what_was_left(new_tab, site,
                                                                            tmp_path):
    """Issue 9.4: a file of 20 or more exams used to wipe the member's own, while the page said
    both sides were kept."""
    tab = new_tab(DESKTOP)
    page = tab.page
    now = int(DAY.timestamp() * 1000)
    page.clock.set_fixed_time(DAY)
    ours = [{"at": now - n * 1000, "score": 99, "seconds": 60, "right": 1, "total": 1}
            for n in range(3)]
    seed(page, json.dumps({"version": 2, "exams": ours}))
    theirs = [{"at": now - 100000 + n, "score": 10, "seconds": 60, "right": 1, "total": 1}
              for n in range(25)]
    path = tmp_path / "记录.json"
    path.write_text(json.dumps({"app": "jiguan-dangjian", "data": {"version": 2,
                                                                    "exams": theirs}}),
                    encoding="utf-8")
    page.goto(site.root_url + "study/records/")
    page.locator("[data-qz-import]").set_input_files(path)
    status = page.locator("[data-qz-status]")
    expect(status).to_contain_text("较早的8次模拟考试")
    expect(status).not_to_have_text("导入完成，两边的记录已合并。")
    page.goto(site.root_url + "study/exam/")
    expect(page.locator("[data-qz-history] tr", has_text="99分")).to_have_count(3)


def test_a_file_over_the_size_cap_is_refused_with_the_reason(new_tab, site, tmp_path):
    """Issue 9.4: an import is capped at 5 MB, and the member is told that is why."""
    tab = new_tab(DESKTOP)
    page = tab.page
    path = tmp_path / "记录.json"
    path.write_text(" " * (5 * 1024 * 1024 + 1), encoding="utf-8")
    page.goto(site.root_url + "study/records/")
    page.locator("[data-qz-import]").set_input_files(path)
    expect(page.locator("[data-qz-status]")).to_have_text(
        "文件超过5 MB，不是本站导出的学习记录。本机记录没有改动。")


def test_a_mock_exam_left_by_instant_navigation_never_submits_itself(new_tab, site, banks):
    """Issue 9.5: an exam left mid-way kept its timer and, 30 minutes later, saved a result,
    stats and 错题本 entries nobody gave. Leaving the page must stop it."""
    by_id = {question.id: question for bank in banks.values() for question in bank.questions}
    tab = new_tab(DESKTOP)
    page = tab.page
    page.clock.install(time=DAY)
    page.goto(site.subpath_url + "study/exam/")
    page.evaluate("window.__sameDocument = true")
    page.clock.pause_at(DAY + dt.timedelta(minutes=1))
    page.get_by_role("button", name="开始考试").click()
    first = page.locator("[data-qz-view] fieldset[data-question-id]").first
    first.wait_for(state="attached")
    answer(page, by_id[first.get_attribute("data-question-id")], right=False)
    page.locator("a.md-nav__link[href$='about/']").first.click()  # instant navigation
    page.get_by_role("dialog").get_by_role("button", name="离开").click()  # the leave guard
    expect(page.locator("h1")).to_contain_text("出处与说明")
    assert page.evaluate("window.__sameDocument") is True
    page.clock.run_for("45:00")
    record = stored(page) if page.evaluate(f"localStorage.getItem({json.dumps(KEY)})") else {}
    assert record.get("exams", []) == []
    assert record.get("stats", {}) == {}
    assert record.get("review", {}) == {}


def test_the_record_is_read_once_per_page_view(new_tab, site, banks):
    """Issue 9.6: the record was parsed once per question; a large one froze quiz pages."""
    tab = new_tab(DESKTOP)
    page = tab.page
    big = {"version": 3, "stats": {f"x-{n}": {"bank": "x", "seen": 1, "right": 1, "last": True,
                                              "at": 1} for n in range(5000)}}
    seed(page, json.dumps(big))
    page.add_init_script(f"""(() => {{
        const get = Storage.prototype.getItem;
        window.__reads = 0;
        Storage.prototype.getItem = function (key) {{
            const caller = new Error().stack.split("\\n")[2];  // the function that called getItem
            if (key === {json.dumps(KEY)} && /qz-storage[.]js/.test(caller)) window.__reads += 1;
            return get.call(this, key);
        }};
    }})()""")
    page.goto(site.root_url + "role/")
    page.wait_for_selector("[data-quiz-id][data-qz-ready]")
    questions = len(banks["role"].questions)
    reads = page.evaluate("window.__reads")
    assert reads == 1 < questions, reads


def test_a_save_in_another_tab_is_seen_without_reloading(new_tab, site, banks):
    """Issue 9.6: the cached record is dropped when another tab saves (the storage event)."""
    tab = new_tab(DESKTOP)
    first = tab.page
    first.goto(site.root_url + "role/")
    first.wait_for_selector("[data-quiz-id][data-qz-ready]")
    second = first.context.new_page()
    second.goto(site.root_url + "methods/")
    question = banks["methods"].questions[0]
    answer(second, question, right=False)
    submit(second)
    first.wait_for_function(f"qz.storage.stats()[{json.dumps(question.id)}] !== undefined")


def test_the_header_counts_only_questions_still_in_the_banks(new_tab, site, banks):
    """Issue 9.7: 错题 in the header counted removed questions until 错题本 was opened."""
    question = banks["role"].questions[0]
    tab = new_tab(DESKTOP)
    page = tab.page
    page.clock.set_fixed_time(DAY)
    due = {"bank": "role", "step": 0, "due": TODAY, "at": 1}
    seed(page, json.dumps({"version": 2, "review": {question.id: due, "role-removed-999": due,
                                                    "gone-01": {**due, "bank": "gone"}}}))
    page.goto(site.root_url + "role/")
    expect(page.locator(".qz-due")).to_have_text("错题1")
    page.goto(site.root_url + "about/")  # a page without quizzes: the header only peeks
    expect(page.locator(".qz-due")).to_have_text("错题1")
    assert list(stored(page)["review"]) == [question.id]


def test_what_a_page_needs_is_stated_once_in_its_head(site, banks):
    """Issue 13: overrides/main.html lists a page's needs in <meta name="qz:needs">, from which
    it links the stylesheets and qz-header.js loads the scripts."""
    def needs(path: str) -> list[str]:
        html = (site.directory / path / "index.html").read_text(encoding="utf-8")
        found = re.search(r'<meta name="qz:needs" content="([^"]*)">', html)
        return found[1].split() if found else []

    for bank in banks.values():
        assert "quiz" in needs(bank.page.removesuffix(".md")), bank.page
    assert needs("study/exam") == ["view:exam"]
    assert needs("glossary") == []
    role = (site.directory / "role" / "index.html").read_text(encoding="utf-8")
    assert role.count("stylesheets/quiz.css") == 1


def test_instant_navigation_brings_the_next_pages_needs(new_tab, site):
    """Issue 13: after instant navigation from a page that needs nothing, the next page's
    view starts (its scripts come from the meta Material swaps into <head>)."""
    tab = new_tab(DESKTOP)
    page = tab.page
    page.goto(site.subpath_url + "glossary/")
    page.evaluate("window.__sameDocument = true")
    page.locator("a.md-nav__link[href$='study/exam/']").first.click()
    expect(page.get_by_role("button", name="开始考试")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True
    assert page.evaluate("!!document.querySelector(\"link[href$='stylesheets/quiz.css']\")")
