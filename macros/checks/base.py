"""What every rule works on (``Project``) and what it reports (``Finding``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from macros.data import nav_pages
from macros.errors import BankError, BankErrors
from macros.model import Bank
from macros.validate import load_banks

ERROR = "error"
WARNING = "warning"
SEVERITY_LABELS = {ERROR: "错误", WARNING: "提醒"}


@dataclass(frozen=True, order=True)
class Finding(BankError):
    """A ``BankError`` with a severity: errors block the build, warnings only inform."""

    severity: str = ERROR

    def __str__(self) -> str:
        return f"[{SEVERITY_LABELS[self.severity]}] {BankError.__str__(self)}"


def error(path: str, line: int, question_id: str | None, message: str) -> Finding:
    """Make a finding that stops the build."""
    return Finding(path, line, question_id, message, ERROR)


def warning(path: str, line: int, question_id: str | None, message: str) -> Finding:
    """Make a finding that is shown but blocks nothing."""
    return Finding(path, line, question_id, message, WARNING)


class _TagBlindLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Reads mkdocs.yml without running its ``!ENV``, ``!relative`` and ``!!python`` tags.

    On libyaml where PyYAML has it: the pure-Python parser took 30 ms of every build.
    """


_TagBlindLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TagBlindLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                      lambda loader, suffix, node: None)


@dataclass
class Project:
    """A project folder as the rules see it: paths, banks (once loaded) and ``mkdocs.yml``."""

    root: Path
    docs_dir: Path = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        """Default the docs folder to ``root/docs``."""
        self.root = Path(self.root)
        if self.docs_dir is None:
            self.docs_dir = self.root / "docs"

    @property
    def quiz_dir(self) -> Path:
        """Where the banks are."""
        return self.root / "quizzes"

    @cached_property
    def _loaded(self) -> tuple[dict[str, Bank], list[Finding]]:
        try:
            return load_banks(self.quiz_dir, self.docs_dir, self.root), []
        except BankErrors as caught:
            return {}, [error(e.path, e.line, e.question_id, e.message) for e in caught.errors]

    @property
    def banks(self) -> dict[str, Bank]:
        """The banks that loaded; empty when any bank has an error (reported as load errors)."""
        return self._loaded[0]

    @property
    def load_errors(self) -> list[Finding]:
        """Every mistake ``macros.validate.load_banks`` found, as errors."""
        return self._loaded[1]

    @cached_property
    def config_text(self) -> str:
        """``mkdocs.yml`` as text (for line numbers)."""
        return (self.root / "mkdocs.yml").read_text(encoding="utf-8-sig")

    @cached_property
    def config(self) -> dict[str, Any]:
        """``mkdocs.yml`` parsed, its tags ignored."""
        return yaml.load(self.config_text, Loader=_TagBlindLoader) or {}

    @property
    def nav(self) -> list[str]:
        """The page files listed in ``nav``."""
        return nav_pages(self.config.get("nav"))

    def display(self, path: Path) -> str:
        """Show a path as messages do: relative to the project, with ``/``."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def question_at(self, path: str, line: int) -> str | None:
        """Find the id of the question of bank file ``path`` that holds ``line``, if any."""
        found = None
        for bank in self.banks.values():
            if bank.path == path:
                for question in bank.questions:
                    if question.line <= line:
                        found = question.id
        return found

    def text_files(self) -> list[Path]:
        """List the files whose prose the typography rules read: pages and banks."""
        return sorted([*self.docs_dir.rglob("*.md"), *self.quiz_dir.glob("*.yml")])
