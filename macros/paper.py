"""Printable exam papers: one per bank, and a mock paper drawn from all banks.

A paper is a normal site page that prints as a clean exam paper (see
``docs/stylesheets/print.css``): a header with lines for 姓名, 日期 and 得分,
the questions grouped by type and numbered through, and the answer key with
each 解析 on pages of its own at the end.  The mock paper's mix of types,
points per type and time limit are read from ``mkdocs.yml`` (``extra: exam:``),
so a branch can change them without touching code; the draw is deterministic,
so the printed paper stays the same between builds unless the banks change, and it
never takes two questions with the same ``point`` (they test the same fact).

Partial credit for 多选题 (``multiple_partial``, off by default) is a fraction of the
question's points given when every chosen option is right but some are missing (少选);
any wrong option scores nothing (错选). The same rule is printed on the paper, shown in
the online exam's instructions and applied by its scoring (docs/javascripts/qz-exam.js).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from macros.errors import BankError, BankErrors
from macros.model import TYPE_LABELS, Bank, Question
from macros.pages import read_heading_ids, read_page_title
from macros.render import Renderer
from macros.ui_text import t

TYPES = tuple(TYPE_LABELS)
# A writing line for a fill-in blank; numbered only where a question has several blanks.
_LINE = Markup('<span class="qz-paper__blank"></span>')
_NUMBERED_LINE = Markup('<span class="qz-paper__blank">'
                        '<span class="qz-paper__blank-number">（{}）</span></span>')
_EXAM_KEYS = (*TYPES, "points", "minutes", "seed", "multiple_partial")
_DEFAULT_SEED = "1"


@dataclass(frozen=True)
class ExamConfig:
    """The mock paper's settings from ``mkdocs.yml`` ``extra: exam:``, already checked."""

    counts: dict[str, int]
    points: dict[str, int]
    minutes: int
    seed: str = _DEFAULT_SEED
    multiple_partial: float = 0.0

    @property
    def questions(self) -> int:
        """How many questions the paper has."""
        return sum(self.counts.values())

    @property
    def total(self) -> int:
        """Full marks (满分)."""
        return sum(self.counts[kind] * self.points.get(kind, 0) for kind in TYPES)

    @property
    def partial_points(self) -> float:
        """Points for a 多选题 with some right options missing and none wrong (0: off)."""
        return self.points.get("multiple", 0) * self.multiple_partial

    def rules(self) -> str:
        """Say the paper's rules in one line, as the printed paper and the online exam show them."""
        text = t("paper.rules", count=self.questions, total=_number(self.total),
                 minutes=self.minutes)
        if self.counts.get("multiple") and self.multiple_partial:
            text += t("paper.rulesPartial", points=_number(self.partial_points))
        return text


def _number(value: float) -> str:
    """2.0 → “2”, 1.5 → “1.5”: points as a member reads them."""
    return f"{value:g}"


def _partial_errors(raw: Mapping[Any, Any]) -> list[str]:
    """Check ``multiple_partial``: a fraction from 0 (off) up to but not including 1."""
    value = raw.get("multiple_partial", 0)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if not number or not 0 <= value < 1:
        return [f"extra.exam.multiple_partial 应是0到1之间的小数（多选题少选时得该题分数的几成，"
                f"例如0.5表示少选得一半分；0或不写表示少选不得分），现在写的是{_shown(value)}"]
    return []


def _whole(value: Any, *, positive: bool) -> bool:
    """Tell whether ``value`` is an int (not a bool, as YAML's ``yes`` gives) ≥ 1, or ≥ 0."""
    return (isinstance(value, int) and not isinstance(value, bool)
            and value >= (1 if positive else 0))


def _shown(value: Any) -> str:
    return "空值" if value is None else f"“{value}”"


def exam_config(raw: Any, banks: Iterable[Bank], where: tuple[str, int]) -> ExamConfig:
    """Check ``extra: exam:`` against the banks; raise ``BankErrors`` naming every mistake.

    ``where`` is the file and line of the ``exam:`` key, for the messages.
    """
    path, line = where
    errors: list[str] = []
    # Questions sharing a point count once: the draw takes at most one of them.
    groups: dict[str, set[str]] = {kind: set() for kind in TYPES}
    questions = {kind: 0 for kind in TYPES}
    for bank in banks:
        for question in bank.questions:
            groups[question.type].add(_group(question))
            questions[question.type] += 1
    available = {kind: len(groups[kind]) for kind in TYPES}
    example = ("例如 exam: {single: 10, multiple: 5, judge: 10, fill: 5, "
               "points: {single: 2, multiple: 4, judge: 2, fill: 4}, minutes: 30}")
    if not isinstance(raw, Mapping):
        raise BankErrors([BankError(path, line, None, f"extra.exam 应该是一组设置，{example}")])
    for key in raw:
        if key not in _EXAM_KEYS:
            errors.append(f"extra.exam 里有不认识的键 {key}；可用的键：{'、'.join(_EXAM_KEYS)}")
    counts: dict[str, int] = {}
    for kind in TYPES:
        label = TYPE_LABELS[kind]
        if kind not in raw:
            errors.append(f"extra.exam 缺少 {kind}（{label}的题数），不要这种题型就写0")
        elif not _whole(raw[kind], positive=False):
            errors.append(f"extra.exam.{kind} 应是0或正整数（{label}的题数），"
                          f"现在写的是{_shown(raw[kind])}")
        elif raw[kind] > available[kind]:
            distinct = "考点不同的" if available[kind] < questions[kind] else ""
            errors.append(f"extra.exam.{kind} 要抽{raw[kind]}道{label}，"
                          f"但所有题库里只有{available[kind]}道{distinct}{label}")
        else:
            counts[kind] = raw[kind]
    points = raw.get("points")
    if not isinstance(points, Mapping):
        errors.append("extra.exam.points 应是每种题型每题的分数，"
                      "例如 points: {single: 2, multiple: 4, judge: 2, fill: 4}")
        points = {}
    else:
        errors += _points_errors(points, counts)
    if "minutes" not in raw:
        errors.append("extra.exam 缺少 minutes（考试时间，单位：分钟）")
    elif not _whole(raw["minutes"], positive=True):
        errors.append(f"extra.exam.minutes 应是正整数（考试时间，单位：分钟），"
                      f"现在写的是{_shown(raw['minutes'])}")
    seed = raw.get("seed", _DEFAULT_SEED)
    if not isinstance(seed, str | int) or isinstance(seed, bool):
        errors.append(f"extra.exam.seed 应是一个数或一段文字，现在写的是{_shown(seed)}")
    errors += _partial_errors(raw)
    if len(counts) == len(TYPES) and not sum(counts.values()):
        errors.append("extra.exam 一道题也不抽：至少要有一种题型的题数大于0")
    if errors:
        raise BankErrors([BankError(path, line, None, message) for message in errors])
    return ExamConfig(counts=counts, points={kind: points.get(kind, 0) for kind in TYPES},
                      minutes=raw["minutes"], seed=str(seed),
                      multiple_partial=float(raw.get("multiple_partial", 0)))


def _points_errors(points: Mapping[Any, Any], counts: dict[str, int]) -> list[str]:
    errors = [f"extra.exam.points 里有不认识的题型 {key}；题型只有{'、'.join(TYPES)}"
              for key in points if key not in TYPES]
    for kind in TYPES:
        label = TYPE_LABELS[kind]
        if kind in points and not _whole(points[kind], positive=True):
            errors.append(f"extra.exam.points.{kind} 应是正整数（每道{label}的分数），"
                          f"现在写的是{_shown(points[kind])}")
        elif kind not in points and counts.get(kind, 0) > 0:
            errors.append(f"extra.exam.points 缺少 {kind}（每道{label}的分数）")
    return errors


def find_exam_line(config_file: str | None) -> tuple[str, int]:
    """Find the ``mkdocs.yml`` line that holds ``exam:``, for messages (1 if not found)."""
    if not config_file:
        return "mkdocs.yml", 1
    path = Path(config_file)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    number = next((number for number, text in enumerate(lines, 1)
                   if text.lstrip().startswith("exam:")), 1)
    return path.name, number


def _rank(seed: str, question: Question) -> str:
    return hashlib.sha256(f"{seed}:{question.id}".encode()).hexdigest()


def _group(question: Question) -> str:
    """Questions with the same ``point`` test the same fact: one group; others stand alone."""
    return f"point:{question.point}" if question.point else f"id:{question.id}"


def draw(banks: Iterable[Bank], config: ExamConfig) -> list[Question]:
    """Draw the mock paper's questions: for each type, the ones whose rank is lowest.

    A question's rank is a hash of the seed and its id, so the draw is the
    same on every build and on every machine; adding a question changes the
    paper only if it ranks among those drawn, and a new seed draws a new paper.
    A question whose point is already on the paper is passed over: two questions
    on one fact would give one piece of knowledge double weight.
    """
    pool = [question for bank in banks for question in bank.questions]
    drawn: list[Question] = []
    taken: set[str] = set()
    for kind in TYPES:
        of_kind = sorted((q for q in pool if q.type == kind), key=lambda q: _rank(config.seed, q))
        chosen = 0
        for question in of_kind:
            if chosen == config.counts[kind]:
                break
            if _group(question) in taken:
                continue
            taken.add(_group(question))
            drawn.append(question)
            chosen += 1
    return drawn


class PaperRenderer:
    """Render papers with the quiz's ``Renderer`` (same Markdown, sanitising and blanks)."""

    def __init__(self, renderer: Renderer, banks: Mapping[str, Bank], docs_dir: Path) -> None:
        """Papers for ``banks``, whose pages in ``docs_dir`` name the sections of the key."""
        self._renderer = renderer
        self._banks = banks
        self._docs_dir = docs_dir

    def _sources(self, banks: Iterable[Bank]) -> dict[str, str]:
        """Question id → “page title › section title”, read from the pages as they are now."""
        sources = {}
        for bank in banks:
            title = read_page_title(self._docs_dir / bank.page) or bank.title
            anchors = read_heading_ids(self._docs_dir / bank.page)
            for question in bank.questions:
                sources[question.id] = f"{title} › {anchors[question.source]}"
        return sources

    def bank_paper(self, bank: Bank) -> Markup:
        """Render the paper of one bank: all its questions, no points."""
        return self._render(f"paper-{bank.id}", bank.title, list(bank.questions), None,
                            self._sources([bank]))

    def mock_paper(self, config: ExamConfig) -> Markup:
        """Render the mock paper drawn from every bank, with points and the time allowed."""
        banks = list(self._banks.values())
        drawn = draw(banks, config)
        if len(drawn) < config.questions:  # points shared across types can leave a type short
            raise BankErrors([BankError("mkdocs.yml", 1, None,
                                        f"模拟试卷要抽{config.questions}题，但同一考点（point）"
                                        f"只能抽一题，只抽到{len(drawn)}题：请减少 extra.exam "
                                        f"的题数或补充题目")])
        return self._render("paper-mock", t("paper.mockTitle"), drawn, config,
                            self._sources(banks))

    def _render(self, paper_id: str, title: str, questions: list[Question],
                config: ExamConfig | None, sources: dict[str, str]) -> Markup:
        renderer = self._renderer
        parts = []
        number = 0
        for kind in TYPES:
            chosen = [question for question in questions if question.type == kind]
            if not chosen:
                continue
            items = []
            for question in chosen:
                number += 1
                several = question.type == "fill" and len(question.answer) > 1
                items.append({
                    "number": number,
                    "q": question,
                    "stem": renderer.stem(question, _NUMBERED_LINE if several else _LINE),
                    "options": {key: renderer.markdown(text)
                                for key, text in question.options.items()},
                    "key": renderer.key(question),
                    "explanation": renderer.markdown(question.explanation),
                    "source": sources[question.id],
                })
            note = t("paper.count", count=len(chosen))
            if config is not None:
                each = config.points[kind]
                note = t("paper.points", each=each, count=len(chosen), total=each * len(chosen))
                if kind == "multiple" and config.multiple_partial:
                    note += t("paper.partial", points=_number(config.partial_points))
            parts.append({"numeral": t("exam.numerals")[len(parts)], "label": TYPE_LABELS[kind],
                          "note": note, "instruction": t(f"paper.{kind}"), "items": items})
        summary = t("paper.count", count=number) if config is None else config.rules()
        return renderer.template("paper.html", paper_id=paper_id, title=title, summary=summary,
                                 parts=parts, items=[item for part in parts
                                                     for item in part["items"]])
