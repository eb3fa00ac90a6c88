"""Content rules a machine can check: coverage of the pages by questions, counts, typography."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from macros.pages import read_heading_ids
from macros.validate import load_banks
from tests.conftest import ROOT

DOCS = ROOT / "docs"
BANKS = load_banks(ROOT / "quizzes", DOCS, ROOT)
QUESTIONS = [question for bank in BANKS.values() for question in bank.questions]
# Sections that are not teaching sections: the quiz itself and the onboarding to-do list.
NOT_TAUGHT = {"self-test", "checklist"}
KNOWLEDGE_PAGES = ["role.md", "tasks/theory-study.md", "tasks/ideological-work.md",
                   "tasks/integrity.md", "tasks/organizational-life.md", "methods.md",
                   "onboarding.md"]
CJK = r"[\u3400-\u9fff]"
TEXT_FILES = sorted([*DOCS.rglob("*.md"), *(ROOT / "quizzes").glob("*.yml")])


def test_every_knowledge_page_has_its_bank():
    assert sorted(bank.page for bank in BANKS.values()) == sorted(KNOWLEDGE_PAGES)


@pytest.mark.parametrize("page", KNOWLEDGE_PAGES)
def test_every_teaching_section_is_the_source_of_a_question(page):
    """A section nobody is tested on is either not worth its heading or missing a question."""
    sources = {q.source for bank in BANKS.values() if bank.page == page for q in bank.questions}
    sections = set(read_heading_ids(DOCS / page)) - NOT_TAUGHT
    assert sections - sources == set()


def test_question_counts():
    """Issue 3: at least 100 questions, at least 15 of each type."""
    counts = Counter(question.type for question in QUESTIONS)
    assert len(QUESTIONS) >= 100
    assert min(counts[kind] for kind in ("single", "multiple", "judge", "fill")) >= 15


def test_questions_spread_in_proportion_to_sections():
    """No page is left with a token quiz: at least one question per teaching section."""
    for bank in BANKS.values():
        sections = len(set(read_heading_ids(DOCS / bank.page)) - NOT_TAUGHT)
        assert len(bank.questions) >= sections, bank.id


def text_lines(path: Path) -> list[tuple[int, str]]:
    """Lines of prose: skip Markdown syntax lines whose ASCII is not punctuation of the text."""
    lines = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(r"\s*(!!!|\?\?\?|\{\{|```)", line):
            continue
        line = re.sub(r"\{:[^}]*\}", "", line)  # heading ids
        line = re.sub(r"\]\([^)]*\)", "]", line)  # link targets
        if path.suffix == ".yml":
            line = re.sub(r"^\s*(- )?[a-z_]+:\s", "", line)  # YAML keys
            # Commas in flow lists ([党的建设, 党建]) are YAML syntax, not text.
            line = re.sub(r"\[([^\]]*)\]", lambda m: m[1].replace(",", " "), line)
        lines.append((number, line))
    return lines


def typography_problems(path: Path) -> list[str]:
    """GB/T 15834 habits, and no look-alike characters pasted from PDFs (⽂ for 文)."""
    problems = []
    for number, line in text_lines(path):
        if found := re.findall(r"[\u2e80-\u2eff\u2f00-\u2fdf]", line):
            problems.append(f"{number}: look-alike radical {found}")
        if found := re.findall(rf"{CJK}[,;:?!()]|[,;:?!(]{CJK}", line):
            problems.append(f"{number}: half-width punctuation {found}")
        if found := re.findall(rf"{CJK} +[0-9A-Za-z]|[0-9A-Za-z] +{CJK}", line):
            problems.append(f"{number}: space between Chinese and Latin/digits {found}")
        if found := re.findall(rf'{CJK}"|"{CJK}|「|」', line):
            problems.append(f"{number}: use “” for quotations {found}")
    return problems


@pytest.mark.parametrize("path", TEXT_FILES, ids=[p.relative_to(ROOT).as_posix()
                                                  for p in TEXT_FILES])
def test_typography(path):
    assert typography_problems(path) == []


def test_typography_check_catches_each_mistake(tmp_path):
    page = tmp_path / "bad.md"
    page.write_text("⽂件很重要\n党章规定,要监督\n写于 2016年\n他说\"好\"\n"
                    "!!! tip \"要点\"\n[链接](../role.md)。\n", encoding="utf-8")
    problems = typography_problems(page)
    assert [problem.split(":")[0] for problem in problems] == ["1", "2", "3", "4"]


# One term, one wording: the wrong variant on the left, the site's wording on the right.
VARIANTS = {"批评与自我批评": "批评和自我批评", "民主生活会议": "民主生活会",
            "组织生活会议": "组织生活会", "三会1课": "三会一课", "党风廉洁建设": "党风廉政建设",
            "双重组织生活会": "双重组织生活", "党建工作者": "党务工作者"}


def test_one_wording_per_term():
    found = [f"{path.relative_to(ROOT)}: {wrong} → {right}"
             for path in TEXT_FILES for wrong, right in VARIANTS.items()
             if wrong in path.read_text(encoding="utf-8")]
    assert found == []


PUBLISHED = ROOT / "quizzes" / "published-ids.txt"


def published_ids() -> tuple[set[str], set[str]]:
    """Read the registry: (every id ever published, the ids retired on purpose)."""
    published: set[str] = set()
    retired: set[str] = set()
    for line in PUBLISHED.read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        published.add(words[0])
        if words[1:] == ["已停用"]:
            retired.add(words[0])
    return published, retired


def test_published_question_ids_are_never_removed_or_renamed():
    """Progress is keyed by question id: a published id stays, unless marked 已停用."""
    published, retired = published_ids()
    current = {question.id for question in QUESTIONS}
    assert published - retired - current == set()


def test_retired_ids_never_return():
    _, retired = published_ids()
    assert retired & {question.id for question in QUESTIONS} == set()


def test_new_questions_are_recorded_as_published():
    current = {question.id for question in QUESTIONS}
    unrecorded = current - published_ids()[0]
    assert unrecorded == set(), f"add to {PUBLISHED.name}: {sorted(unrecorded)}"


def test_explanations_do_not_name_option_letters():
    """Options are shuffled, so “B 项” in a 解析 may point at the wrong option (QUIZ-2)."""
    letters = re.compile(r"(?<![A-Za-z])[A-H](?:项|选项|、[A-H])|选项\s*[A-H](?![A-Za-z])")
    assert [q.id for q in QUESTIONS if letters.search(q.explanation)] == []
