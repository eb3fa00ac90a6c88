"""The content rules (macros.checks) on the real project, and each rule catching a planted mistake.

The rules live in macros/checks/; ``dangjian check`` and ``mkdocs build``
run the same functions, so these tests guard all three.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.checks import ERROR, RULES, WARNING, Project, run_checks
from macros.checks.coverage import question_counts, sections
from macros.checks.registry import accept_new_ids, read_registry
from macros.checks.typography import fix_punctuation, line_problems, text_lines
from macros.checks.wiring import glossary_words
from tests.conftest import ROOT
from tests.unit.conftest import copy_project

PROJECT = Project(ROOT)


@pytest.mark.parametrize("rule", RULES, ids=[rule.__name__ for rule in RULES])
def test_the_project_passes_every_rule(rule):
    """Every rule, errors and warnings alike, finds nothing in the shipped content."""
    assert [str(finding) for finding in rule(PROJECT)] == []


def test_the_banks_load():
    assert PROJECT.load_errors == [] and PROJECT.banks




def replace_line(path: Path, old: str, new: str) -> int:
    """Replace the first line containing ``old`` by ``new``; return its number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(n for n, text in enumerate(lines, 1) if old in text)
    lines[number - 1] = lines[number - 1].replace(old, new)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number


def findings_of(root: Path) -> list[tuple[str, int, str | None, str, str]]:
    return [(f.path, f.line, f.question_id, f.severity, f.message)
            for f in run_checks(Project(root))]


def first_stem(bank: str) -> tuple[str, str]:
    question = Project(ROOT).banks[bank].questions[0]
    return question.id, question.stem


@pytest.mark.parametrize(("plant", "expected"), [
    ("，", ",", ),
    ("文", "⽂"),
])
def test_typography_mistake_in_a_bank_is_located_with_its_question(tmp_path, plant, expected):
    """A half-width comma or a Kangxi radical in a stem: error at that line, naming the question."""
    root = copy_project(tmp_path)
    bank = Project(root).banks["role"]
    question = next(q for q in bank.questions if plant in q.stem)
    line = replace_line(root / bank.path, question.stem, question.stem.replace(plant, expected, 1))
    found = [f for f in findings_of(root) if f[0] == bank.path]
    assert [(f[1], f[2], f[3]) for f in found] == [(line, question.id, ERROR)]


def test_typography_mistakes_on_a_page_are_each_located(tmp_path):
    page = tmp_path / "bad.md"
    page.write_text("⽂件很重要\n党章规定,要监督\n写于 2016年\n他说\"好\"\n"
                    "!!! tip \"要点\"\n[链接](../role.md)。\n", encoding="utf-8")
    flagged = [number for number, line in text_lines(page) if line_problems(line)]
    assert flagged == [1, 2, 3, 4]


def test_fix_punctuation_makes_text_pass_the_rules():
    """The importer's fixer and the checker agree: fixed text has no problem left."""
    raw = '党章规定,要监督(见第2条)。写于 2016年,他说"好"!'
    fixed = fix_punctuation(raw)
    assert line_problems(fixed) == []
    assert fixed == "党章规定，要监督（见第2条）。写于2016年，他说“好”！"
    assert fix_punctuation("clean text, 2016") == "clean text, 2016"


def test_a_term_variant_is_located(tmp_path):
    root = copy_project(tmp_path)
    line = replace_line(root / "docs" / "role.md", "机关党组织", "批评与自我批评")
    assert ("docs/role.md", line, None, ERROR,
            "术语写法不统一：“批评与自我批评”请改为“批评和自我批评”") in findings_of(root)


def test_a_heading_without_id_and_a_jinja_style_id_are_errors(tmp_path):
    root = copy_project(tmp_path)
    page = root / "docs" / "about.md"
    with page.open("a", encoding="utf-8") as out:
        out.write("\n## 没有编号的小节\n\n正文。\n\n## 写错的编号 {#wrong}\n\n正文。\n")
    lines = page.read_text(encoding="utf-8").splitlines()
    found = {(f[1], f[4][:5]) for f in findings_of(root) if f[0] == "docs/about.md"}
    assert found == {(lines.index("## 没有编号的小节") + 1, "小节标题缺"),
                     (lines.index("## 写错的编号 {#wrong}") + 1, "标题 id")}


def test_a_removed_published_question_is_an_error_at_its_registry_line(tmp_path):
    root = copy_project(tmp_path)
    registry = root / "quizzes" / "published-ids.txt"
    with registry.open("a", encoding="utf-8") as out:
        out.write("role-999\n")
    line = len(registry.read_text(encoding="utf-8").splitlines())
    found = [f for f in findings_of(root) if f[0] == "quizzes/published-ids.txt"]
    assert [(f[1], f[2], f[3]) for f in found] == [(line, "role-999", ERROR)]


def test_a_retired_id_that_returns_is_an_error_at_the_question(tmp_path):
    root = copy_project(tmp_path)
    question_id = Project(root).banks["role"].questions[0].id
    replace_line(root / "quizzes" / "published-ids.txt", question_id, f"{question_id} 已停用")
    found = [f for f in findings_of(root) if f[2] == question_id]
    assert [(f[0], f[1], f[3]) for f in found] == [
        ("quizzes/role.yml", Project(root).banks["role"].questions[0].line, ERROR)]


def test_accept_new_ids_registers_them_sorted_and_keeps_comments(tmp_path):
    root = copy_project(tmp_path)
    registry = root / "quizzes" / "published-ids.txt"
    before = registry.read_text(encoding="utf-8")
    kept = [q.id for q in Project(root).banks["role"].questions[-2:]]
    registry.write_text("\n".join(line for line in before.splitlines() if line not in kept) + "\n",
                        encoding="utf-8")
    project = Project(root)
    assert [f.question_id for f in run_checks(project) if f.severity == WARNING] == sorted(kept)
    assert accept_new_ids(project) == sorted(kept)
    text = registry.read_text(encoding="utf-8")
    assert text.startswith("# ") and text.splitlines()[-2:] == sorted(kept)
    assert run_checks(Project(root)) == []
    assert {entry.id for entry in read_registry(registry)[0] if not entry.retired} == {
        q.id for bank in project.banks.values() for q in bank.questions}


def test_a_glossary_term_copied_into_the_search_dictionary_is_located(tmp_path):
    """Search takes glossary terms from the glossary: a copy is flagged where it was written."""
    root = copy_project(tmp_path)
    term = glossary_words(Project(root))[0][0]
    dictionary = root / "search" / "jieba_userdict.txt"
    with dictionary.open("a", encoding="utf-8") as out:
        out.write(f"{term}\n")
    line = len(dictionary.read_text(encoding="utf-8").splitlines())
    found = [f for f in findings_of(root) if f[0] == "search/jieba_userdict.txt"]
    assert [(f[1], f[3]) for f in found] == [(line, WARNING)] and term in found[0][4]


def test_a_hand_written_paper_page_and_nav_line_are_errors(tmp_path):
    """Papers are generated: an old docs/papers/<bank>.md or its nav line would clash."""
    root = copy_project(tmp_path)
    (root / "docs" / "papers" / "role.md").write_text('# 试卷\n\n{{ paper("role") }}\n',
                                                     encoding="utf-8")
    line = replace_line(root / "mkdocs.yml", "      - papers/index.md",
                        "      - papers/index.md\n      - 职能定位自测: papers/role.md") + 1
    found = {(f[0], f[1]) for f in findings_of(root) if f[3] == ERROR}
    assert found == {("docs/papers/role.md", 1), ("mkdocs.yml", line)}


def test_a_bank_page_missing_from_nav_or_without_its_quiz_is_an_error(tmp_path):
    root = copy_project(tmp_path)
    replace_line(root / "mkdocs.yml", "  - 职能定位: role.md", "  - 职能定位: index.md")
    replace_line(root / "docs" / "role.md", '{{ quiz("role") }}', "")
    found = {(f[0], f[4]) for f in findings_of(root) if f[3] == ERROR}
    assert any(path == "docs/role.md" and message.startswith("页面没有显示题库")
               for path, message in found)
    assert any(path == "mkdocs.yml" and message.startswith("页面 role.md 不在 nav")
               for path, message in found)


def test_a_section_without_questions_is_a_warning_at_its_heading(tmp_path):
    root = copy_project(tmp_path)
    page = root / "docs" / "role.md"
    line = replace_line(page, "## 本页自测 {: #self-test }",
                        "## 新小节 {: #new-section }\n\n新内容。\n\n## 本页自测 {: #self-test }")
    found = list(sections(Project(root)))
    assert [(f.path, f.line, f.severity) for f in found] == [("docs/role.md", line, WARNING)]


def test_question_counts_warn_below_the_issue_minimum(tmp_path):
    root = copy_project(tmp_path)
    bank = root / "quizzes" / "role.yml"
    text = bank.read_text(encoding="utf-8")
    questions = text.split("\n  - id: ")
    bank.write_text("\n  - id: ".join(questions[:2]) + "\n", encoding="utf-8")
    assert [f.severity for f in question_counts(Project(root))][:1] == [WARNING]


def test_a_bank_error_is_reported_by_the_checks_too(tmp_path):
    """dangjian check shows the loader's and validator's errors, with file:line."""
    root = copy_project(tmp_path)
    question = Project(root).banks["role"].questions[0]
    line = replace_line(root / "quizzes" / "role.yml", f"source: {question.source}",
                        "source: no-such-section")
    found = [f for f in findings_of(root) if f[3] == ERROR]
    assert [(f[0], f[1], f[2]) for f in found] == [("quizzes/role.yml", line, question.id)]


def test_a_bank_without_the_schema_line_gets_a_reminder(tmp_path):
    """The schema comment lets editors check a bank as it is typed; it must not shift lines."""
    root = copy_project(tmp_path)
    bank = root / "quizzes" / "role.yml"
    text = bank.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../macros/bank.schema.json\n")
    line = Project(root).banks["role"].questions[0].line
    assert text.splitlines()[line - 1].startswith("  - id: ")
    bank.write_text(text.split("\n", 1)[1], encoding="utf-8")
    assert [(f[0], f[1], f[3]) for f in findings_of(root) if f[0] == "quizzes/role.yml"] == [
        ("quizzes/role.yml", 1, WARNING)]
