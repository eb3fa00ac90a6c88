"""Printable papers: a page for every bank, the mock paper's settings and its deterministic draw."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.data import nav_pages
from macros.errors import BankErrors
from macros.model import Bank, Question
from macros.pages import page_title
from macros.paper import TYPES, ExamConfig, PaperRenderer, draw, exam_config
from macros.paper_pages import (
    LIST_MARKER,
    in_nav_order,
    paper_list,
    paper_markdown,
    with_paper_entries,
)
from macros.render import Renderer
from macros.validate import load_banks
from tests.conftest import ROOT

DOCS = ROOT / "docs"
BANKS = load_banks(ROOT / "quizzes", DOCS, ROOT)


class _TagBlindLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !ENV, !relative and !!python tags."""


_TagBlindLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TagBlindLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                      lambda loader, suffix, node: None)
MKDOCS = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TagBlindLoader)


NAV = nav_pages(MKDOCS["nav"])


def test_every_bank_gets_a_paper_page_and_nav_entry_after_the_index():
    """Issue 5: papers follow from the banks; the 打印试卷 section lists index, banks, mock."""
    ordered = in_nav_order(BANKS.values(), MKDOCS["nav"])
    nav = with_paper_entries(MKDOCS["nav"], ordered)
    section = next(item["打印试卷"] for item in nav
                   if isinstance(item, dict) and "打印试卷" in item)
    assert nav_pages(section) == ["papers/index.md", *(f"papers/{b.id}.md" for b in ordered),
                                  "papers/mock.md"]
    assert [next(iter(entry)) for entry in section[1:-1]] == [bank.title for bank in ordered]
    assert with_paper_entries(nav, ordered) == nav  # already listed: not listed twice
    # Banks follow the order of their pages in the site's navigation.
    pages = [path for path in nav_pages(MKDOCS["nav"]) if path in {b.page for b in ordered}]
    assert [bank.page for bank in ordered] == pages
    for bank in ordered:
        text = paper_markdown(bank)
        assert page_title(text) == f"{bank.title}（打印版）"
        assert f'{{{{ paper("{bank.id}") }}}}' in text


def test_the_papers_index_has_the_marker_the_list_replaces():
    index = (DOCS / "papers" / "index.md").read_text(encoding="utf-8")
    assert index.count(LIST_MARKER) == 1
    listed = paper_list(list(BANKS.values()))
    assert [f"]({bank_id}.md)" in listed for bank_id in BANKS] == [True] * len(BANKS)
    assert "{{ mock_paper() }}" in (DOCS / "papers" / "mock.md").read_text(encoding="utf-8")


def config(**changes: Any) -> ExamConfig:
    raw = {"single": 15, "multiple": 5, "judge": 15, "fill": 5,
           "points": {"single": 2, "multiple": 4, "judge": 2, "fill": 4}, "minutes": 30}
    raw.update(changes)
    return exam_config(raw, BANKS.values(), ("mkdocs.yml", 7))


def test_the_sites_exam_settings_are_valid_and_add_up_to_100():
    """mkdocs.yml's extra: exam: is what the mock paper prints; 满分100 is what branches expect."""
    exam = exam_config(MKDOCS["extra"]["exam"], BANKS.values(), ("mkdocs.yml", 1))
    assert exam.total == 100
    assert exam.questions == sum(MKDOCS["extra"]["exam"][kind] for kind in TYPES)


def test_draw_follows_the_mix_and_is_the_same_every_time():
    """The printed mock paper must not change between builds while the banks stay the same."""
    exam = config()
    first = draw(BANKS.values(), exam)
    assert Counter(question.type for question in first) == exam.counts
    assert len({question.id for question in first}) == exam.questions
    assert [q.id for q in draw(reversed(list(BANKS.values())), exam)] == [q.id for q in first]
    other = draw(BANKS.values(), replace(exam, seed="2"))
    assert [q.id for q in other] != [q.id for q in first]


def tiny_bank(count: int) -> Bank:
    questions = tuple(
        Question(id=f"t-{number:02d}", type="judge", stem=f"说法{number}", answer=True,
                 explanation="解析", source="intro", line=1, source_line=1)
        for number in range(1, count + 1))
    return Bank(id="t", title="小题库", page="t.md", path="quizzes/t.yml", page_line=1,
                questions=questions)


def test_draw_is_pinned_to_question_ids_not_to_python_hashing():
    """A draw built on hash() or random would differ between runs and machines.

    The expected ids were computed once from sha256(seed:id); if this fails,
    the draw has changed and every branch's printed mock paper with it.
    """
    exam = ExamConfig(counts={"single": 0, "multiple": 0, "judge": 3, "fill": 0},
                      points={"single": 1, "multiple": 1, "judge": 1, "fill": 1}, minutes=5)
    assert [q.id for q in draw([tiny_bank(10)], exam)] == ["t-06", "t-07", "t-03"]


def test_new_questions_change_the_draw_only_by_being_drawn_themselves():
    """Adding questions to a bank must not reshuffle which old questions are on the paper."""
    exam = ExamConfig(counts={"single": 0, "multiple": 0, "judge": 3, "fill": 0},
                      points={"single": 1, "multiple": 1, "judge": 1, "fill": 1}, minutes=5)
    before = {q.id for q in draw([tiny_bank(10)], exam)}
    for size in range(11, 40):
        after = {q.id for q in draw([tiny_bank(size)], exam)}
        old = {f"t-{number:02d}" for number in range(1, 11)}
        assert after & old <= before, size


@pytest.mark.parametrize(("raw", "message"), [
    ({"single": 200}, "mkdocs.yml:7：extra.exam.single 要抽200道单选题，但所有题库里只有"),
    ({"fill": -1}, "extra.exam.fill 应是0或正整数（填空题的题数），现在写的是“-1”"),
    ({"judge": "十"}, "extra.exam.judge 应是0或正整数（判断题的题数），现在写的是“十”"),
    ({"minutes": 0}, "extra.exam.minutes 应是正整数（考试时间，单位：分钟），现在写的是“0”"),
    ({"points": {"single": 2, "multiple": 4, "judge": 2}}, "extra.exam.points 缺少 fill"),
    ({"points": {"single": 2, "multiple": 4, "judge": 2, "fill": True}},
     "extra.exam.points.fill 应是正整数（每道填空题的分数）"),
    ({"points": 10}, "extra.exam.points 应是每种题型每题的分数"),
    ({"singel": 3}, "extra.exam 里有不认识的键 singel"),
    ({"single": 0, "multiple": 0, "judge": 0, "fill": 0}, "extra.exam 一道题也不抽"),
])
def test_a_broken_exam_setting_is_named_in_one_plain_message(raw, message):
    """A wrong extra: exam: must stop the build with a located Chinese message, not a traceback."""
    with pytest.raises(BankErrors) as caught:
        config(**raw)
    assert message in str(caught.value)
    assert str(caught.value).startswith("发现 1 处错误")


def test_a_missing_type_count_and_a_non_mapping_are_reported():
    with pytest.raises(BankErrors, match=r"extra\.exam 缺少 judge（判断题的题数）"):
        exam_config({"single": 1, "multiple": 1, "fill": 1, "minutes": 5,
                     "points": {"single": 1, "multiple": 1, "fill": 1}},
                    BANKS.values(), ("mkdocs.yml", 3))
    with pytest.raises(BankErrors, match=r"mkdocs\.yml:3：extra\.exam 应该是一组设置"):
        exam_config([10, 5], BANKS.values(), ("mkdocs.yml", 3))


@pytest.fixture(scope="module")
def papers() -> PaperRenderer:
    renderer = Renderer(["attr_list"], {})
    return PaperRenderer(renderer, BANKS, DOCS)


def test_paper_html_is_a_clean_exam_paper(papers):
    """Boxes for choices in the bank's order, （　　） for judgements, lines for blanks."""
    bank = BANKS["role"]
    html = str(papers.bank_paper(bank))
    assert html.startswith('<section class="qz-paper"') and "data-search-exclude" in html
    assert html.count("<section") == 1  # search excludes up to the first </section>
    assert "<input" in html and html.count("<input") == 1  # only the screen-only checkbox
    assert "<button" not in html and "<script" not in html
    assert not re.search(r"\son[a-z]+=", html)  # no inline handlers (strict CSP)
    assert "\n\n" not in html
    first_choice = next(q for q in bank.questions if q.options)
    letters = re.findall(rf'data-qz-paper-question="{first_choice.id}".*?</li>\n</ul>',
                         html, re.S)[0]
    assert re.findall(r'qz-paper__letter">([A-H])\.', letters) == list(first_choice.options)
    judges = sum(q.type == "judge" for q in bank.questions)
    assert html.count("（　　）") == judges
    blanks = sum(len(q.answer) for q in bank.questions if q.type == "fill")
    assert html.count('class="qz-paper__blank"') == blanks and "____" not in html
    assert html.count('class="qz-paper__question"') == len(bank.questions)
    assert html.count('class="qz-paper__answer"') == len(bank.questions)
    assert "姓名" in html and "日期" in html and "得分" in html


def test_mock_paper_shows_points_total_and_time(papers):
    html = str(papers.mock_paper(config()))
    assert "共40题，满分100分，考试时间30分钟" in html
    assert "一、单选题<span class=\"qz-paper__part-note\">（每题2分，共15题30分）" in html
    assert html.count('class="qz-paper__question"') == 40


def test_quiz_html_keeps_its_numbered_blanks():
    """Sharing the stem rendering with papers must not change the quiz's blanks."""
    renderer = Renderer(["attr_list"], {})
    question = next(q for q in BANKS["role"].questions if q.type == "fill")
    assert '<span class="qz-blank">（1）</span>' in str(renderer.stem(question))


def test_page_title_reads_the_first_heading():
    assert page_title("# 职能定位 {: #top }\n\n## 小节 {: #a }\n") == "职能定位"
    assert page_title("正文\n") is None


def test_exam_settings_line_is_found(tmp_path: Path):
    from macros.paper import find_exam_line

    conf = tmp_path / "mkdocs.yml"
    conf.write_text("site_name: x\nextra:\n  exam:\n    single: 1\n", encoding="utf-8")
    assert find_exam_line(str(conf)) == ("mkdocs.yml", 3)
