"""Every content rule a machine can check, for ``dangjian check``, the build and the tests.

Each rule family is a module with one job; each rule is a function taking the
``Project`` and yielding ``Finding`` objects (file, line, question id, the fix
in Chinese, and a severity).  Errors stop ``mkdocs build`` and make
``dangjian check`` exit 1; warnings are shown but block nothing.  The tests
call the same functions, so a rule lives in exactly one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from macros.checks.base import ERROR, WARNING, Finding, Project
from macros.checks.coverage import explanation_letters, placeholders, question_counts, sections
from macros.checks.quality import content_quality
from macros.checks.registry import published_ids_kept, retired_ids_stay_retired, unregistered_ids
from macros.checks.typography import one_wording, typography
from macros.checks.wiring import (
    bank_pages_wired,
    glossary_not_copied_to_dictionary,
    heading_ids,
    papers_generated,
    schema_line,
)

Rule = Callable[[Project], Iterable[Finding]]

# The rules ``dangjian check`` and the build run, in the order their findings are printed.
RULES: list[Rule] = [
    typography,
    one_wording,
    heading_ids,
    bank_pages_wired,
    papers_generated,
    glossary_not_copied_to_dictionary,
    schema_line,
    published_ids_kept,
    retired_ids_stay_retired,
    unregistered_ids,
    sections,
    question_counts,
    explanation_letters,
    placeholders,
    content_quality,
]


def run_checks(project: Project, rules: Iterable[Rule] = RULES) -> list[Finding]:
    """Run ``rules`` on ``project``: bank loading errors first, then every rule's findings."""
    findings = list(project.load_errors)
    for rule in rules:
        findings += rule(project)
    return sorted(set(findings), key=lambda f: (f.severity != ERROR, f.path, f.line, f.message))


__all__ = ["ERROR", "RULES", "WARNING", "Finding", "Project", "Rule", "run_checks"]
