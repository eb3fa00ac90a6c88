"""Errors a party-affairs worker can act on: file, line, question id and what to fix."""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.exceptions import PluginError


@dataclass(frozen=True)
class BankError:
    """One mistake in one bank, located as precisely as the YAML parser allows."""

    path: str
    line: int
    question_id: str | None
    message: str

    def sort_key(self) -> tuple[str, int, str, str]:
        """Order by file and line; a bank-wide error (no question id) sorts with text ones."""
        return self.path, self.line, self.question_id or "", self.message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        if self.question_id:
            return f"{where} 题目 {self.question_id}：{self.message}"
        return f"{where}：{self.message}"


class BankErrors(PluginError):
    """All mistakes found in a build, raised together so one build shows every one.

    A ``PluginError`` is what MkDocs prints as a plain log line (no traceback)
    before aborting ``mkdocs build`` and ``mkdocs serve``.
    """

    def __init__(self, errors: list[BankError]) -> None:
        self.errors = sorted(errors, key=BankError.sort_key)
        lines = [f"发现 {len(self.errors)} 处错误，请修改后重新构建："]
        lines += [f"  {error}" for error in self.errors]
        super().__init__("\n".join(lines))
