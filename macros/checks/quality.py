"""QUIZ-7 to QUIZ-13 and FACT-4: the content rules of issue 11 (macros/quality.py), as a rule."""

from __future__ import annotations

from collections.abc import Iterator

from macros.checks.base import Finding, Project, error, warning
from macros.quality import check_quality


def content_quality(project: Project) -> Iterator[Finding]:
    """情境 count, 多选 and 判断 shares, near-duplicates, our words kept out of quotations."""
    if not project.banks:
        return  # the banks did not load: their errors come first
    errors, warnings = check_quality(project.banks, project.root)
    for found in errors:
        yield error(found.path, found.line, found.question_id, found.message)
    for found in warnings:
        yield warning(found.path, found.line, found.question_id, found.message)
