"""Read questions from a table with a header row (Excel, CSV, a table in Word).

Columns are recognised by their header: 题型, 题干/题目/问题, 选项A…/A…,
答案/正确答案, 解析/说明 (an optional 编号 column is ignored: ids are given
by the bank).  Every row that is not understood is reported with its number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from macros.importing.draft import Draft, Refused, finish, type_of, width_fold

_STEM = ("题干", "题目", "问题", "试题", "题目内容", "试题内容")
_ANSWER = ("答案", "正确答案", "参考答案", "标准答案")
_EXPLAIN = ("解析", "说明", "答案解析", "试题解析")
_TYPE = ("题型", "类型", "试题类型", "题目类型")


def _column(name: str) -> str | None:
    """Name the column a header cell means: type, stem, answer, explanation or a letter."""
    word = re.sub(r"\s", "", width_fold(str(name or ""))).upper()
    if word in _STEM:
        return "stem"
    if word in _ANSWER:
        return "answer"
    if word in _EXPLAIN:
        return "explanation"
    if word in _TYPE:
        return "type"
    if match := re.fullmatch(r"(?:选项)?([A-H])(?:选项|项)?", word):
        return match[1]
    return None


def find_header(rows: Sequence[tuple[int, Sequence[object]]]) -> int | None:
    """Index of the first row that names a stem column and an answer column."""
    for index, (_number, cells) in enumerate(rows[:10]):
        names = {_column(str(cell)) for cell in cells if cell is not None}
        if {"stem", "answer"} <= names:
            return index
    return None


def read_rows(rows: Sequence[tuple[int, Sequence[object]]], merged: set[int] | None = None
              ) -> tuple[list[Draft], list[tuple[str, str]]]:
    """Turn (row number, cells) into drafts; ``merged`` holds rows with merged cells."""
    merged = merged or set()
    skipped: list[tuple[str, str]] = []
    header = find_header(rows)
    if header is None:
        return [], [("第1行", "找不到表头：第一行要有“题干”（或题目、问题）和“答案”两列")]
    columns = {index: _column(str(cell)) for index, cell in enumerate(rows[header][1])
               if cell is not None and _column(str(cell))}
    drafts: list[Draft] = []
    for number, cells in rows[header + 1:]:
        where = f"第{number}行"
        values = {columns[i]: str(cell).strip() for i, cell in enumerate(cells)
                  if i in columns and cell is not None and str(cell).strip()}
        if not values:
            continue
        if number in merged:
            skipped.append((where, "这一行有合并的单元格，读不准：请取消合并，每格只写一项"))
            continue
        kind = None
        if "type" in values:
            kind = type_of(values["type"])
            if kind is None:
                skipped.append((where, f"题型“{values['type']}”不认识：请写单选、多选、判断或填空"))
                continue
        options = {key: value for key, value in sorted(values.items()) if len(key) == 1}
        draft = Draft(where=where, type=kind, stem=values.get("stem", ""), options=options,
                      answer_text=values.get("answer"), explanation=values.get("explanation", ""))
        try:
            drafts.append(finish(draft))
        except Refused as refused:
            skipped.append((where, str(refused)))
    return drafts, skipped
