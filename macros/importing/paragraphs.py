"""Read numbered questions from paragraphs (Word documents, or text pasted into one).

The layouts agencies circulate: section headings that set the type
（一、单选题）, numbered stems（1． 1、 1. （1））, an inline type tag
（（单选）[多选题]）, options one a line or several on a line（A．… B．…）,
an answer line（答案： 正确答案： 参考答案：）, an optional 解析 line, the
answer in the stem's brackets（（ B ）（√））, or an option marked (正确答案).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from macros.importing.draft import Draft, Refused, finish, type_of, width_fold

_NUMERALS = "一二三四五六七八九十"
_KINDS = "单选|单项选择|多选|多项选择|不定项选择|判断|是非|填空"
_SECTION = re.compile(rf"^\s*(?:[{_NUMERALS}]+\s*[、.．]|第[{_NUMERALS}]+部分)?\s*"
                      rf"(?P<word>[^\d，。？：:]{{0,8}}?(?:{_KINDS})题?)"
                      r"\s*(?:[（(][^）)]*[)）])?\s*[：:]?\s*$")
_QUESTION = re.compile(r"^\s*(?:(?P<n1>\d{1,4})\s*[．.、]|[（(]\s*(?P<n2>\d{1,4})\s*[)）])"
                       r"\s*(?P<rest>.*)$")
_TAG = re.compile(rf"[（(\[【]\s*(?P<word>{_KINDS})题?\s*[)）\]】]")
_OPTION = re.compile(r"(?:^|(?<=\s))(?P<key>[A-HＡ-Ｈ])\s*[．.、:：)）]\s*")
_ANSWER = re.compile(r"^\s*[【\[]?(?:正确答案|参考答案|答案)[】\]]?\s*[:：]?\s*(?P<rest>.*)$")
_EXPLAIN = re.compile(r"^\s*[【\[]?(?:答案解析|解析|说明)[】\]]?\s*[:：]\s*(?P<rest>.*)$")
# An answer or 解析 written at the end of the stem's or the answer's own paragraph.
_ANSWER_INLINE = re.compile(r"[【\[]?(?:正确答案|参考答案|答案)[】\]]?\s*[:：]\s*(?P<rest>\S.*)$")
_EXPLAIN_INLINE = re.compile(r"\s*[【\[]?(?:答案解析|解析)[】\]]?\s*[:：]\s*(?P<rest>.*)$")
_MARK = re.compile(r"[（(]\s*正确答案\s*[)）]")


def _split_options(line: str) -> list[tuple[str, str]] | None:
    """Options on one line（A．甲 B．乙）, or None when the line does not start with one."""
    matches = list(_OPTION.finditer(line))
    if not matches or matches[0].start() != 0:
        return None
    found = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        found.append((width_fold(match["key"]), line[match.end():end].strip()))
    keys = [key for key, _ in found]
    expected = [chr(ord("A") + index) for index in range(len(keys))]
    # "A．…" inside a sentence is text: options on one line must run A, B, C… without gaps.
    if len(keys) > 1 and keys != expected[: len(keys)] and keys[0] != "A":
        return found[:1]
    return found


def read_paragraphs(paragraphs: Iterable[tuple[int, str]]
                    ) -> tuple[list[Draft], list[tuple[str, str]]]:
    """Turn (number, text) paragraphs into drafts; return them and what was not understood."""
    drafts: list[Draft] = []
    skipped: list[tuple[str, str]] = []
    section: str | None = None
    current: Draft | None = None
    part = "stem"  # which field a continuation line belongs to

    def close() -> None:
        nonlocal current
        if current is not None:
            try:
                drafts.append(finish(current))
            except Refused as refused:
                skipped.append((current.where, str(refused)))
        current = None

    for number, raw in paragraphs:
        line = raw.strip().replace("\u3000", " ").strip()
        if not line:
            continue
        where = f"第{number}段"
        if (match := _SECTION.match(line)) and type_of(match["word"]):
            close()
            section = type_of(match["word"])
            continue
        if match := _QUESTION.match(line):
            close()
            rest = match["rest"]
            kind = section
            if tag := _TAG.search(rest):
                kind = type_of(tag["word"])
                rest = (rest[: tag.start()] + rest[tag.end():]).strip()
            current = Draft(where=f"{where}（第{match['n1'] or match['n2']}题）", type=kind)
            part = "stem"
            inline = _ANSWER_INLINE.search(rest)
            if inline:
                current.answer_text = inline["rest"].strip()
                rest = rest[: inline.start()].strip()
            current.stem = rest
            continue
        if current is None:
            skipped.append((where, f"不在任何一道题里，没有读入：“{line[:30]}”"))
            continue
        if (match := _ANSWER.match(line)) and match["rest"].strip():
            answer = match["rest"]
            if explain := _EXPLAIN_INLINE.search(answer):
                current.explanation = explain["rest"]
                answer = answer[: explain.start()]
                part = "explanation"
            current.answer_text = answer.strip()
            continue
        if match := _EXPLAIN.match(line):
            current.explanation = match["rest"]
            part = "explanation"
            continue
        if part != "explanation" and (options := _split_options(line)):
            for key, text in options:
                if _MARK.search(text):
                    current.marked.append(key)
                    text = _MARK.sub("", text).strip()
                if key in current.options:
                    skipped.append((where, f"选项 {key} 出现了两次，只保留第一次"))
                    continue
                current.options[key] = text
            part = "options"
            continue
        if part == "explanation":
            current.explanation += line
        elif part == "stem":
            current.stem += line
        else:
            last = list(current.options)[-1]
            current.options[last] += line
    close()
    return drafts, skipped
