"""The validated shape of a bank: what rendering and the browser rely on."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from macros.ui_text import table

# A blank in a fill-in stem: three or more half-width underscores.
BLANK = re.compile(r"_{3,}")

# The four types in their order everywhere (pages, papers, exams), named as members read them.
TYPE_LABELS: dict[str, str] = table()["types"]

Answer = str | bool | list[str] | list[list[str]]


@dataclass(frozen=True)
class Question:
    """One validated question; ``answer`` is normalised per type (fill: list of lists)."""

    id: str
    type: str
    stem: str
    answer: Answer
    explanation: str
    source: str
    line: int
    source_line: int
    options: dict[str, str] = field(default_factory=dict)
    difficulty: int | None = None
    tags: tuple[str, ...] = ()
    point: str | None = None  # questions sharing a point test the same fact: one per mock exam
    any_order: bool = False  # fill: the blanks' answers may be given in any order

    @property
    def content_hash(self) -> str:
        """Fingerprint of what a member answers, so an edited question is not shown as answered.

        The explanation is left out on purpose: rewording a 解析 does not change
        whether a saved answer is right.
        """
        payload = json.dumps(
            [self.type, self.stem, self.options, self.answer], ensure_ascii=False, sort_keys=True
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class Bank:
    """One validated bank and the page it pairs with."""

    id: str
    title: str
    page: str
    path: str
    page_line: int
    questions: tuple[Question, ...]
    shuffle: bool = False
