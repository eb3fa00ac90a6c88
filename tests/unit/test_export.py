"""dangjian export: Excel that imports back to the same bank, Moodle XML, GIFT."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from macros.checks import Project
from macros.cli import main
from macros.exporting import gift_escape, gift_question, moodle_question
from macros.model import BLANK, Question
from tests.conftest import ROOT

BANKS = Project(ROOT).banks
QUESTIONS = [q for bank in BANKS.values() for q in bank.questions]


def content(question: Question) -> tuple:
    return (question.type, question.stem, question.options, question.answer, question.explanation)




def test_excel_export_then_import_gives_the_same_bank(project, capsys):
    """Every question of every bank survives Excel and back: type, stem, options, answer, 解析.

    Imported into a project without the originals (else each would be skipped as a duplicate).
    """
    assert main(["export", "--format", "xlsx", "--output", "all.xlsx"]) == 0
    fresh = project.parent / "fresh"
    shutil.copytree(project, fresh)
    for bank in BANKS.values():
        (fresh / bank.path).unlink()
    (fresh / "quizzes" / "published-ids.txt").unlink()
    assert main(["--project", str(fresh), "import", "all.xlsx", "--bank", "copy"]) == 0
    assert f"读到{len(QUESTIONS)}处题目，能读懂{len(QUESTIONS)}道" in capsys.readouterr().out
    imported = Project(fresh).banks["copy"].questions
    assert [content(q) for q in imported] == [content(q) for q in QUESTIONS]


def test_moodle_xml_parses_with_ids_fractions_and_types(project):
    assert main(["export", "--format", "moodle", "--output", "out.xml"]) == 0
    root = ET.parse(project / "out.xml").getroot()
    questions = [q for q in root.findall("question") if q.get("type") != "category"]
    assert [q.findtext("idnumber") for q in questions] == [q.id for q in QUESTIONS]
    for element, question in zip(questions, QUESTIONS, strict=True):
        kind = element.get("type")
        blanks = len(BLANK.findall(question.stem))
        expected = {"single": "multichoice", "multiple": "multichoice", "judge": "truefalse",
                    "fill": "cloze" if blanks > 1 else "shortanswer"}[question.type]
        assert kind == expected, question.id
        fractions = [float(a.get("fraction")) for a in element.findall("answer")]
        if kind == "multichoice":
            assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.001)
            assert len(fractions) == len(question.options)
            assert element.findtext("single") == ("true" if question.type == "single" else "false")
        if kind == "truefalse":
            right = next(a for a in element.findall("answer") if a.get("fraction") == "100")
            assert right.findtext("text") == ("true" if question.answer else "false")
        if kind == "cloze":
            text = element.find("questiontext").findtext("text")
            assert len(re.findall(r"\{1:SHORTANSWER:", text)) == blanks
        assert element.find("generalfeedback").findtext("text") == question.explanation


def test_moodle_multiple_choice_penalises_wrong_options():
    question = Question(id="q-1", type="multiple", stem="题？", answer=["A", "B", "C"],
                        explanation="因为。", source="s", line=1, source_line=1,
                        options={"A": "甲", "B": "乙", "C": "丙", "D": "丁"})
    fractions = [a.get("fraction") for a in moodle_question(question).findall("answer")]
    assert fractions == ["33.33333", "33.33333", "33.33333", "-100"]


def test_gift_escapes_its_special_characters():
    assert gift_escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    question = Question(id="q-1", type="single", stem="比例 1:2 = {x}?", answer="B",
                        explanation="见 #3", source="s", line=1, source_line=1,
                        options={"A": "a~b", "B": "c=d"})
    text = gift_question(question)
    assert text == "::q-1::比例 1\\:2 \\= \\{x\\}?{~a\\~b =c\\=d####见 \\#3}"


def test_gift_file_holds_every_question_it_can_and_names_the_rest(project, capsys):
    assert main(["export", "--format", "gift", "--output", "out.gift"]) == 0
    text = (project / "out.gift").read_text(encoding="utf-8")
    several = [q.id for q in QUESTIONS if q.type == "fill" and len(BLANK.findall(q.stem)) > 1]
    written = re.findall(r"^::([a-z0-9-]+)::", text, re.M)
    assert written == [q.id for q in QUESTIONS if q.id not in several]
    out = capsys.readouterr().out
    assert all(f"跳过 {question_id}：" in out for question_id in several)


def test_an_unknown_bank_is_refused(project, capsys):
    assert main(["export", "--format", "xlsx", "--bank", "nosuch", "--output", "x.xlsx"]) == 1
    assert "没有题库 nosuch" in capsys.readouterr().out
