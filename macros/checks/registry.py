"""QUIZ-1: a published question id is never removed, renamed or reused.

Members' progress is stored under the question id.  The registry
``quizzes/published-ids.txt`` lists every id ever published, one a line;
``id 已停用`` marks an id retired on purpose.  ``accept_new_ids`` is what
``dangjian check --accept-new-ids`` runs: it records the current banks' new ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from macros.checks.base import Finding, Project, error, warning

REGISTRY = "quizzes/published-ids.txt"
RETIRED = "已停用"


@dataclass(frozen=True)
class Entry:
    """One id line of the registry."""

    id: str
    line: int
    retired: bool


def read_registry(path: Path) -> tuple[list[Entry], list[Finding]]:
    """Parse the registry; a line that is neither ``id`` nor ``id 已停用`` is an error."""
    entries: list[Entry] = []
    problems: list[Finding] = []
    if not path.is_file():
        return entries, problems
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        valid_id = re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", words[0])
        if not valid_id or words[1:] not in ([], [RETIRED]):
            problems.append(error(REGISTRY, number, None,
                                  f"这一行看不懂：每行只写一个题号，或“题号 {RETIRED}”"))
            continue
        entries.append(Entry(words[0], number, words[1:] == [RETIRED]))
    return entries, problems


def _current(project: Project) -> dict[str, tuple[str, int]]:
    return {q.id: (bank.path, q.line) for bank in project.banks.values() for q in bank.questions}


def published_ids_kept(project: Project) -> Iterator[Finding]:
    """Flag a published id neither in a bank nor retired: a question removed by accident."""
    entries, problems = read_registry(project.root / REGISTRY)
    yield from problems
    if not project.banks:
        return  # the banks did not load: their errors come first
    current = _current(project)
    for entry in entries:
        if not entry.retired and entry.id not in current:
            yield error(REGISTRY, entry.line, entry.id,
                        "这个题号已经发布过，但题库里找不到了。删题请在这一行的题号后面加上"
                        f"“ {RETIRED}”；如果是改了题号，请把题号改回来")


def retired_ids_stay_retired(project: Project) -> Iterator[Finding]:
    """Flag a retired id that came back: answers saved under it would attach to a new question."""
    current = _current(project)
    for entry in read_registry(project.root / REGISTRY)[0]:
        if entry.retired and entry.id in current:
            path, line = current[entry.id]
            yield error(path, line, entry.id,
                        f"这个题号已经停用（{REGISTRY}:{entry.line}），不能再用：请换一个新题号")


def unregistered_ids(project: Project) -> Iterator[Finding]:
    """Remind of new questions not yet in the registry (not a mistake)."""
    known = {entry.id for entry in read_registry(project.root / REGISTRY)[0]}
    for question_id, (path, line) in sorted(_current(project).items()):
        if question_id not in known:
            yield warning(path, line, question_id,
                          "新题号还没有登记。确认题目无误后运行 dangjian check --accept-new-ids")


def accept_new_ids(project: Project) -> list[str]:
    """Append the banks' unregistered ids to the registry, sorted, keeping every existing line."""
    path = project.root / REGISTRY
    known = {entry.id for entry in read_registry(path)[0]}
    new = sorted(set(_current(project)) - known)
    if new:
        text = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
        if text and not text.endswith("\n"):
            text += "\n"
        path.write_text(text + "".join(f"{question_id}\n" for question_id in new),
                        encoding="utf-8")
    return new
