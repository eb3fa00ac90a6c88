"""How the study views get their questions: one prefetched start.js, with a fallback.

On a phone each request is a round trip over mobile data, so a study page fetches
quizdata/start.js (the index and, at the real size, every bank) while the member reads,
and 开始考试 only draws. Opened from disk the same script file works where fetch() fails;
if start.js cannot load, the bank files still load one by one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE, Tab, _free_port, _serve
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

START = "[data-qz-start]"
PAPER = "[data-qz-view=exam] .qz[data-qz-ready]"


def _quizdata(requests: list[str]) -> list[str]:
    """The quizdata/ files a page asked for, by name, in order."""
    return [url.rsplit("/", 1)[1] for url in requests if "/quizdata/" in url]


def _paper_size(page: Page) -> int:
    """How many questions the page's exam settings draw (from the view, not a literal)."""
    counts = json.loads(page.locator("[data-qz-exam]").get_attribute("data-qz-exam"))["counts"]
    return sum(counts.values())


def _sit_exam(tab: Tab, url: str) -> list[str]:
    """Open the exam page, let start.js arrive, tap 开始考试; the quizdata files after the tap."""
    page = tab.page
    with page.expect_response(lambda response: response.url.endswith("/quizdata/start.js")):
        page.goto(url)
    page.locator(START).wait_for()
    page.wait_for_load_state("load")
    before = len(tab.requests)
    page.locator(START).click()
    page.locator(PAPER).wait_for()
    expect(page.locator(f"{PAPER} .qz-question")).to_have_count(_paper_size(page))
    return _quizdata(tab.requests[before:])


def test_exam_draws_from_the_prefetched_data_without_a_request(site, new_tab):
    """开始考试 must not wait on the network: start.js, fetched before the tap, holds every
    bank at the real size, so the tap requests no data file (deployment: nginx, CSP)."""
    tab = new_tab(PHONE)
    after_tap = _sit_exam(tab, site.subpath_url + "study/exam/")
    assert _quizdata(tab.requests) == ["start.js"]
    assert after_tap == []


def test_exam_falls_back_to_the_bank_files_when_start_js_fails(site, new_tab, banks):
    """A start.js that cannot load (a proxy, a cut connection) costs speed, not the exam:
    the index and each bank's file load on their own, and the paper is drawn."""
    # The aborted request is logged as a console error by Chromium: nothing else may be.
    tab = new_tab(PHONE, expected_errors=("start.js", "ERR_FAILED"))
    page = tab.page
    page.route("**/quizdata/start.js", lambda route: route.abort())
    page.goto(site.subpath_url + "study/exam/")
    page.locator(START).wait_for()
    page.locator(START).click()
    page.locator(PAPER).wait_for()
    expect(page.locator(f"{PAPER} .qz-question")).to_have_count(_paper_size(page))
    loaded = set(_quizdata(tab.requests))
    assert {"index.js", *(f"{bank}.js" for bank in banks)} <= loaded


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline package's build (mkdocs.offline.yml), as opened from a USB stick."""
    out = tmp_path_factory.mktemp("offline") / "jiguan-dangjian"
    env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                    "mkdocs.offline.yml", "-d", str(out)], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    return out


def test_exam_draws_from_the_prefetched_data_from_disk(new_tab, offline_site):
    """From file:// (the offline package) start.js arrives as a script file and the exam
    starts from it, asking nothing of the network."""
    tab = new_tab(PHONE)
    after_tap = _sit_exam(tab, (offline_site / "study" / "exam.html").as_uri())
    assert after_tap == []
    assert [url for url in tab.requests if not url.startswith("file://")] == []


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site built as if its banks were too big for start.js (its limit set to 0):
    start.js brings the catalogue, questions come in small files. Served at a root."""
    out = tmp_path_factory.mktemp("big-site")
    build = ("import sys, macros.data as data; data.PACK_LIMIT = 0; "
             "from mkdocs.__main__ import cli; sys.exit(cli())")
    subprocess.run([sys.executable, "-c", build, "build", "--strict", "-q", "-d", str(out)],
                   cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True,
                   capture_output=True)
    server = _serve(out, port := _free_port())
    yield f"http://127.0.0.1:{port}/"
    server.shutdown()
    server.server_close()


def _files_fetched(requests: list[str]) -> list[str]:
    """The small question files (quizdata/q/<name>.js) a page asked for, by name."""
    return [url.rsplit("/", 1)[1].removesuffix(".js") for url in requests if "/quizdata/q/" in url]


@pytest.fixture(scope="module")
def file_of(banks) -> dict[str, str]:
    """The small file each question travels in: its bank's questions type by type, in the
    bank's order, data.PACK_SIZE to a file (macros/data.py)."""
    from macros.data import PACK_SIZE

    found = {}
    for bank in banks.values():
        for kind in dict.fromkeys(question.type for question in bank.questions):
            same = [question for question in bank.questions if question.type == kind]
            for place, question in enumerate(same):
                found[question.id] = f"{bank.id}.{kind}.{place // PACK_SIZE}"
    return found


def test_big_site_exam_fetches_only_its_paper_while_the_member_reads(big_site, new_tab, by_id,
                                                                     banks, file_of):
    """Past start.js's size the paper is drawn from its catalogue while the member reads the
    instructions, and exactly the files of the drawn questions are fetched, each once, none
    after the tap; one question per point still holds."""
    tab = new_tab(PHONE)
    page = tab.page
    page.goto(big_site + "study/exam/")
    page.locator(START).wait_for()
    size = _paper_size(page)
    page.wait_for_load_state("networkidle")
    before = len(tab.requests)
    page.locator(START).click()
    page.locator(PAPER).wait_for()
    assert tab.requests[before:] == []
    fetched = _files_fetched(tab.requests)
    shown = page.eval_on_selector_all(f"{PAPER} .qz-question",
                                      "list => list.map(q => q.dataset.questionId)")
    assert len(shown) == size
    assert sorted(fetched) == sorted({file_of[qid] for qid in shown})
    assert not {f"{bank}.js" for bank in banks} & set(_quizdata(tab.requests))
    points = [by_id[qid].point for qid in shown if by_id[qid].point]
    assert len(points) == len(set(points))


def test_big_site_practice_fetches_only_the_questions_drawn(big_site, new_tab, by_id, banks,
                                                            file_of):
    """综合练习 on a big site: the draw (斩题, source, types) runs on the catalogue; the files
    of the questions drawn are the only question files fetched."""
    tab = new_tab(PHONE)
    page = tab.page
    page.goto(big_site + "study/practice/")
    button = page.locator("[data-qz-view=practice] button[type=submit]")
    button.click()
    page.locator("[data-qz-view=practice] .qz[data-qz-ready]").wait_for()
    fetched = _files_fetched(tab.requests)
    count = int(page.locator("[data-qz-view=practice] input[name=count]").input_value())
    shown = page.eval_on_selector_all("[data-qz-view=practice] .qz-question",
                                      "list => list.map(q => q.dataset.questionId)")
    assert len(shown) == min(count, len(by_id)) and all(qid in by_id for qid in shown)
    assert sorted(fetched) == sorted({file_of[qid] for qid in shown})
    assert not {f"{bank}.js" for bank in banks} & set(_quizdata(tab.requests))


def test_big_site_review_and_shared_daily_fetch_only_their_questions(big_site, new_tab, banks,
                                                                     file_of):
    """The 错题本 fetches the files of its entries alone, with their passages (shown beside a
    顽固错题); a shared 每日一题 fetches its one question's file; no bank file is fetched."""
    book = [bank.questions[0] for bank in banks.values()]
    stubborn = book[0]
    record = {"version": 2, "answers": {}, "exams": [], "attempts": {}, "checks": {},
              "visit": None, "settings": {},
              "stats": {stubborn.id: {"seen": 5, "right": 0, "at": 1}},
              "review": {question.id: {"bank": bank, "step": 0, "due": "2000-01-01", "at": 1}
                         for bank, question in zip(banks, book, strict=True)}}
    tab = new_tab(PHONE)
    page = tab.page
    page.add_init_script(f"localStorage.setItem('jgdj:v1', {json.dumps(json.dumps(record))})")
    page.goto(big_site + "study/review/")
    page.locator("[data-qz-view=review] .qz[data-qz-ready]").wait_for()
    expect(page.locator(f"[data-qz-entry='{stubborn.id}'] [data-qz-passage]")).to_be_visible()
    assert sorted(_files_fetched(tab.requests)) == sorted({file_of[q.id] for q in book})
    assert not {f"{bank}.js" for bank in banks} & set(_quizdata(tab.requests))

    shared = new_tab(PHONE)
    last = list(banks.values())[-1].questions[-1]
    shared.page.goto(big_site + f"study/?qid={last.id}#daily")
    shared.page.locator(f"[data-qz-view=daily] fieldset[data-question-id='{last.id}']").wait_for()
    assert _files_fetched(shared.requests) == [file_of[last.id]]
    assert not {f"{bank}.js" for bank in banks} & set(_quizdata(shared.requests))
