"""Rendering: native controls, answers tucked away, bank HTML never executed."""

from __future__ import annotations

import json
import re

import pytest

from macros.model import Bank, Question
from macros.render import Renderer, fill_rules
from macros.validate import load_banks
from tests.conftest import ROOT

EXTENSIONS = ["attr_list", "pymdownx.superfences", "macros.glossary"]


@pytest.fixture
def renderer() -> Renderer:
    return Renderer(EXTENSIONS, {"macros.glossary": {"glossary": "does-not-matter.md"}})


def question(**fields) -> Question:
    base = dict(id="q-01", type="single", stem="题干", answer="B", explanation="解析",
                source="intro", line=1, source_line=1, options={"A": "甲", "B": "乙"})
    base.update(fields)
    return Question(**base)


def bank(*questions: Question, shuffle: bool = False) -> Bank:
    return Bank(id="demo", title="演示", page="demo.md", path="quizzes/demo.yml", page_line=1,
                questions=questions, shuffle=shuffle)


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>文字",
    '<img src=x onerror="alert(1)">文字',
    "[链接](javascript:alert(1))",
    '<a href="javascript:alert(1)">链接</a>',
    "<iframe src=//evil></iframe>",
])
def test_raw_html_is_never_executed_even_if_validation_is_bypassed(renderer, text):
    """Defence in depth: the sanitiser, not only the validator, keeps scripts out."""
    html = str(renderer.markdown(text))
    assert not re.search(r"<(script|img|iframe)|javascript:|onerror", html), html


def test_inline_markdown_uses_site_settings(renderer):
    assert str(renderer.markdown("**要点**")) == "<strong>要点</strong>"


def test_glossary_extension_is_left_out_of_quizzes(renderer):
    """A definition hovering over an option would give the answer away."""
    assert "macros.glossary" not in [str(e) for e in renderer._markdown.registeredExtensions]
    assert "qz_glossary" not in renderer._markdown.treeprocessors


def test_quiz_is_native_form_controls(renderer):
    q1 = question()
    q2 = question(id="q-02", type="multiple", answer=["A", "B"],
                  options={"A": "甲", "B": "乙", "C": "丙"})
    q3 = question(id="q-03", type="judge", answer=False, options={})
    q4 = question(id="q-04", type="fill", stem="一____二____", answer=[["甲"], ["乙", "己"]],
                  options={})
    html = str(renderer.quiz(bank(q1, q2, q3, q4, shuffle=True), {"intro": "引言"}))
    assert 'data-quiz-id="demo"' in html and "data-quiz-shuffle" in html
    assert html.count("<fieldset") == 4 and html.count("<legend") == 4
    assert html.count('type="radio"') == 2 + 2 and html.count('type="checkbox"') == 3
    assert html.count('type="text"') == 2
    assert html.count("<details") == 4 and "<details open" not in html
    assert 'href="#intro"' in html and "回到原文：引言" in html
    fill = re.search(r'data-question-id="q-04"[^>]*data-answer="([^"]*)"', html)
    assert json.loads(fill[1].replace("&#34;", '"')) == [["甲"], ["乙", "己"]]
    assert "（1）" in html and "（2）" in html and "____" not in html
    assert "第1空：甲；第2空：乙（也可答：「己」）" in html
    assert "\n\n" not in html  # a blank line would end the raw HTML block


def test_fill_alternatives_are_each_quoted_so_a_list_reads_as_one_answer(renderer):
    """An accepted “自觉性、坚定性” must not read as two answers beside “自觉性和坚定性”."""
    q = question(type="fill", stem="增强____。", options={},
                 answer=[["自觉性坚定性", "自觉性和坚定性", "自觉性、坚定性"]])
    assert str(renderer.key(q)) == "自觉性坚定性（也可答：「自觉性和坚定性」「自觉性、坚定性」）"


def test_fill_rules_carry_the_text_after_each_blank_and_any_order(renderer):
    """qz-check.js reads the printed word after a blank and any_order from data-qz-fill."""
    q = question(id="q-05", type="fill", stem="早在____年10月，____和____作用。", options={},
                 answer=[["1939"], ["引领"], ["规范"]], any_order=True)
    html = str(renderer.quiz(bank(q), {"intro": "引言"}))
    found = re.search(r'data-qz-fill="([^"]*)"', html)
    assert found is not None
    rules = json.loads(found[1].replace("&#34;", '"'))
    assert rules["anyOrder"] is True
    assert rules["after"] == ["年10月，", "和", "作用。"]
    assert "（各空顺序不限）" in str(renderer.key(q))
    plain = question(id="q-06", type="fill", stem="____年", options={}, answer=[["1939"]])
    assert json.loads(fill_rules(plain)) == {"after": ["年"]}
    assert fill_rules(question()) == ""


def test_judge_key_reads_as_words(renderer):
    assert str(renderer.key(question(type="judge", answer=True, options={}))) == "正确"


def test_plain_text_fast_path_gives_what_markdown_gives(renderer):
    """The fast path for plain text must never change what a page shows."""
    banks = load_banks(ROOT / "quizzes", ROOT / "docs", ROOT)
    texts = [text for bank in banks.values() for q in bank.questions
             for text in (q.stem, q.explanation, *q.options.values())]
    texts += ["1. 不是列表", "- 不是列表", "A & B", "x<y", "**粗**", "a_b_c", "行一\n行二",
              "冒号: 值"]
    for text in texts:
        assert renderer.markdown(text) == renderer.full_markdown(text), text


def test_a_question_is_rendered_once_and_shown_alike_on_its_page_and_in_the_study_data(
        renderer, monkeypatch):
    """Only the number and the source link differ; the template runs once per question."""
    q1 = question(stem="题干提到 qzmark 与 #intro")  # text like the stand-in changes nothing
    q2 = question(id="q-02", type="fill", stem="一____二", answer=[["甲"]], options={})
    demo = bank(q1, q2)
    calls: list[str] = []
    template = Renderer.template
    monkeypatch.setattr(Renderer, "template", lambda self, name, **context: (
        calls.append(name), template(self, name, **context))[1])
    page = str(renderer.quiz(demo, {"intro": "引言"}))
    items = renderer.items(demo, {"intro": "引言"})
    data = [str(renderer.fieldset(item, 0, "role/?a=1&b=2#intro")) for item in items]
    assert calls.count("question.html") == 2
    for number, html in enumerate(data, 1):
        on_page = html.replace("第0题", f"第{number}题").replace(
            'href="role/?a=1&amp;b=2#intro"', 'href="#intro"')
        assert on_page in page and on_page != html
        assert 'data-question-bank="demo"' in html
    assert "题干提到 qzmark 与 #intro" in page

