"""How the questions cover the pages, and what a 解析 must not do (PAGE-4, QUIZ-2, issue 3)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from macros.checks.base import Finding, Project, warning
from macros.model import TYPE_LABELS
from macros.pages import read_heading_ids

# Sections that are not teaching sections: the quiz itself and the onboarding to-do list.
NOT_TAUGHT = frozenset({"self-test", "checklist"})
# Issue 3: the whole site has at least this many questions, and this many of each type.
MIN_QUESTIONS = 100
MIN_PER_TYPE = 15
# What ``dangjian import`` writes where the source file had no 解析.
PLACEHOLDER = "（待补充解析：请写明为什么这样答。）"
_LETTERS = re.compile(r"(?<![A-Za-z])[A-H](?:项|选项|、[A-H])|选项\s*[A-H](?![A-Za-z])")


def teaching_sections(project: Project, page: str) -> dict[str, str]:
    """Map the page's sections that should be tested: heading id → title."""
    ids = read_heading_ids(project.docs_dir / page)
    return {key: title for key, title in ids.items() if key not in NOT_TAUGHT}


def sections(project: Project) -> Iterator[Finding]:
    """PAGE-4: every teaching section of a bank's page is the source of at least one question."""
    for bank in project.banks.values():
        page = project.docs_dir / bank.page
        sources = {q.source for q in bank.questions}
        lines = page.read_text(encoding="utf-8-sig").splitlines()
        for key, title in teaching_sections(project, bank.page).items():
            if key not in sources:
                line = next(n for n, text in enumerate(lines, 1) if f"#{key}" in text)
                yield warning(project.display(page), line, None,
                              f"小节“{title}”（{key}）还没有题目：请在 {bank.path} 里加一道 "
                              f"source: {key} 的题，或把这个小节并入别的小节")


def question_counts(project: Project) -> Iterator[Finding]:
    """Issue 3: enough questions in all, and of every type."""
    if not project.banks:
        return
    counts = Counter(q.type for bank in project.banks.values() for q in bank.questions)
    total = sum(counts.values())
    if total < MIN_QUESTIONS:
        yield warning("quizzes/", 1, None, f"全部题库只有{total}道题，建议至少{MIN_QUESTIONS}道")
    for kind, label in TYPE_LABELS.items():
        if counts[kind] < MIN_PER_TYPE:
            yield warning("quizzes/", 1, None,
                          f"{label}只有{counts[kind]}道，建议每种题型至少{MIN_PER_TYPE}道")


def explanation_letters(project: Project) -> Iterator[Finding]:
    """QUIZ-2: options may be shuffled, so “B项” in a 解析 may point at the wrong option."""
    for bank in project.banks.values():
        for question in bank.questions:
            if match := _LETTERS.search(question.explanation):
                yield warning(bank.path, question.line, question.id,
                              f"解析里提到了选项字母“{match[0]}”：选项会被打乱，请改为直接写出选项的内容")


def placeholders(project: Project) -> Iterator[Finding]:
    """Flag imported questions whose file had no 解析: one still has to be written."""
    for bank in project.banks.values():
        for question in bank.questions:
            if PLACEHOLDER in question.explanation:
                yield warning(bank.path, question.line, question.id,
                              "解析还是导入时的占位文字，请补写解析")
