"""The 自测中心's bank rows and choices, written at build time so nothing moves (issue 14).

学习进度's rows and 综合练习's 专题 choices come with the page rather than from a script
after the first paint; the scripts fill in figures and read the choices. These tests guard
that every bank has its row and choice, in the order of the question index the scripts
read, with a link that works from the page, and that what needs scripts stays hidden
without them.
"""

from __future__ import annotations

import re

import pytest

from macros.data import in_nav_order, topics
from macros.model import TYPE_LABELS
from macros.render import Renderer
from macros.validate import load_banks
from tests.conftest import ROOT

DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def banks():
    return load_banks(ROOT / "quizzes", DOCS, ROOT)


def reversed_nav(banks) -> list[dict[str, str]]:
    """A nav listing the bank pages in the reverse of their ids' order."""
    return [{bank.title: bank.page} for bank in sorted(banks.values(), key=lambda b: b.id,
                                                       reverse=True)]


def test_rows_follow_the_nav_as_the_question_index_does(banks):
    """The rows come in nav order, the order macros.data gives the index the scripts read."""
    nav = reversed_nav(banks)
    rows = topics(banks, nav, DOCS, True, "study/")
    assert [row["id"] for row in rows] == [bank.id for bank in in_nav_order(banks, nav)]
    assert [row["id"] for row in rows] == sorted(banks, reverse=True)
    assert [row["count"] for row in rows] == [len(banks[row["id"]].questions) for row in rows]


@pytest.mark.parametrize(("directory_urls", "here", "start"), [
    (True, "study/", "../"), (False, "study/index.html", "../")])
def test_each_row_links_to_its_self_test_from_the_page(banks, directory_urls, here, start):
    """Served or opened from disk (the offline package), the link leads to the quiz section."""
    for row in topics(banks, [], DOCS, directory_urls, here):
        page = banks[row["id"]].page.removesuffix(".md")
        target = page + "/" if directory_urls else page + ".html"
        assert row["href"] == f"{start}{target}#quiz-{row['id']}"


def render(banks, view: str) -> str:
    renderer = Renderer(["attr_list"], {})
    return str(renderer.template("study.html", view=view, label=view, exam=None,
                                 types=TYPE_LABELS, rules="", longest_title="职能定位",
                                 topics=topics(banks, [], DOCS, True, "study/")))


def test_progress_has_a_hidden_row_per_bank_with_room_for_its_figures(banks):
    """Every bank has its row, unseen until qz-progress.js fills it (and never without
    scripts); each figure line carries a stand-in hidden from screen readers."""
    html = render(banks, "progress")
    assert sorted(re.findall(r'data-qz-topic="([^"]+)"', html)) == sorted(banks)
    assert re.search(r'<ul [^>]*data-qz-topics data-qz-fills hidden>', html)
    for part in ("data-qz-resume", "data-qz-total", "data-qz-sure-share", "data-qz-checklist"):
        assert re.search(rf'<p [^>]*data-qz-fills hidden><span {part}>', html), part
    assert re.search(r'<div [^>]*data-qz-fills hidden><p [^>]*><span data-qz-days-summary>'
                     r'.*data-qz-strip></div></div>', html)
    stand_ins = re.findall(r'<span class="qz-slot__ghost"([^>]*)>', html)
    assert stand_ins and all(attrs == ' aria-hidden="true"' for attrs in stand_ins)
    assert html.count("<progress ") == len(banks)


def test_practice_offers_every_bank_before_any_script_runs(banks):
    """综合练习's 专题 choices are in the form as it arrives, every bank checked."""
    html = render(banks, "practice")
    boxes = re.findall(r'<input type="checkbox" name="bank" value="([^"]+)" checked>', html)
    assert sorted(boxes) == sorted(banks)
    for bank in banks.values():
        assert f"{bank.title}（{len(bank.questions)}题）" in html
