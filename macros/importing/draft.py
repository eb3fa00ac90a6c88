"""A question as read from a file, before it becomes bank YAML, and the shared answer rules.

Both readers (numbered paragraphs and header-row tables) turn what they read
into ``Draft`` objects through ``finish``, so every layout obeys the same
rules: which type a question is, how an answer is written, and what is
refused with which reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from macros.checks.typography import fix_punctuation
from macros.model import BLANK

TYPE_WORDS = {"单选": "single", "单项选择": "single", "多选": "multiple", "多项选择": "multiple",
              "不定项选择": "multiple", "判断": "judge", "是非": "judge", "填空": "fill"}
TYPE_NAMES = {"single": "单选题", "multiple": "多选题", "judge": "判断题", "fill": "填空题"}
_TRUE = {"对", "正确", "√", "✓", "✔", "T", "TRUE", "是", "Y"}
_FALSE = {"错", "错误", "×", "✗", "✘", "X", "F", "FALSE", "否", "N"}
_LETTER_LIST = re.compile(r"^[A-H](?:\s*[、,，;；/\s]?\s*[A-H])*$")
# A blank as agencies write it: two or more underscores, or empty brackets.
_BLANK_RAW = re.compile(r"(?<!_)__(?!_)|＿{2,}|[（(]\s*[)）]")


class Refused(Exception):
    """A question that cannot be written, with the reason in Chinese."""


@dataclass
class Draft:
    """One question read from a file; ``where`` is 第N段 or 第N行 for messages."""

    where: str
    type: str | None = None
    stem: str = ""
    options: dict[str, str] = field(default_factory=dict)
    answer_text: str | None = None
    explanation: str = ""
    marked: list[str] = field(default_factory=list)  # options marked (正确答案)
    answer: object = None


def width_fold(text: str) -> str:
    """Full-width letters and digits to half-width (ＡＢ → AB), the rest unchanged."""
    return "".join(unicodedata.normalize("NFKC", ch) if ch.isalnum() and ord(ch) > 0xFF00 else ch
                   for ch in text)


def type_of(word: str) -> str | None:
    """Name the type a heading or tag word means (单选题、多项选择题、判断…), if any."""
    for name, kind in TYPE_WORDS.items():
        if name in word:
            return kind
    return None


def judge_value(text: str) -> bool | None:
    """对/错/正确/错误/√/×/T/F (any width, any case) as true or false; None if neither."""
    word = width_fold(text).strip().strip("。.").upper()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return None


def letters(text: str) -> list[str] | None:
    """ABD, A、B、D, A,B,D, A B D as a list of letters; None if it is not such a list."""
    word = width_fold(text).strip().strip("。.").upper()
    if not _LETTER_LIST.match(word):
        return None
    return re.findall(r"[A-H]", word)


def clean(text: str) -> str:
    """Tidy one text field: trimmed, punctuation and spacing per the site's rules."""
    return fix_punctuation(re.sub(r"[ \t\r\n]+", " ", text).strip())


def _blank_stem(stem: str, kind: str) -> tuple[str, list[str]]:
    """Mark blanks ``____``; return the stem and any answers written inside brackets."""
    inside: list[str] = []
    if kind == "fill":
        stem = _BLANK_RAW.sub("____", stem)  # three or more underscores are a blank already
        if not BLANK.search(stem):
            # The answer written into the brackets: 党的建设是（党的事业）的组成部分。
            def take(match: re.Match[str]) -> str:
                inside.append(match[1].strip())
                return "____"
            stem = re.sub(r"[（(]([^（）()]{1,30})[)）]", take, stem)
    return stem, inside


def _choice_in_stem(stem: str) -> tuple[str, str | None]:
    """Take the answer out of the stem's brackets（ B ）/（√）, leaving empty brackets."""
    found: list[str] = []

    def take(match: re.Match[str]) -> str:
        found.append(match[1])
        return "（　）"
    pattern = r"[（(]\s*([A-HＡ-Ｈ](?:\s*[、,，]?\s*[A-HＡ-Ｈ])*|[√×✓✗✔✘]|对|错|正确|错误)\s*[)）]"
    stem = re.sub(pattern, take, stem)
    return stem, (found[-1] if found else None)


def finish(draft: Draft) -> Draft:
    """Decide type and answer and tidy the text; raise ``Refused`` naming what is wrong."""
    stem = draft.stem.strip()
    answer_text = draft.answer_text
    if answer_text is None and draft.type != "fill":
        stem, answer_text = _choice_in_stem(stem)
    if answer_text is None and draft.marked:
        answer_text = "".join(draft.marked)
    kind = draft.type
    if kind is None:
        kind = _infer(draft, stem, answer_text)
    if not stem:
        raise Refused("没有题干")
    if kind in ("single", "multiple"):
        draft.answer = _choice_answer(draft, kind, answer_text)
        draft.options = {key: clean(text) for key, text in draft.options.items()}
    elif kind == "judge":
        if draft.options:
            raise Refused("判断题不应有选项：请检查题型")
        if answer_text is None:
            raise Refused("没有答案（找不到“答案：”一行，题干括号里也没有√或×）")
        value = judge_value(answer_text)
        if value is None:
            raise Refused(f"判断题的答案“{answer_text.strip()}”看不懂："
                          "请写对/错、正确/错误、√/×或T/F")
        draft.answer = value
    elif kind == "fill":
        stem, inside = _blank_stem(stem, kind)
        draft.answer = _fill_answer(stem, answer_text, inside)
    draft.type = kind
    draft.stem = clean(stem)
    draft.explanation = clean(re.sub(r"^(答案)?解析\s*[:：]\s*", "", draft.explanation))
    return draft


def _infer(draft: Draft, stem: str, answer_text: str | None) -> str:
    if draft.options:
        chosen = letters(answer_text) if answer_text else None
        return "multiple" if chosen and len(chosen) > 1 else "single"
    if answer_text is not None and judge_value(answer_text) is not None:
        return "judge"
    if _BLANK_RAW.search(stem) or BLANK.search(stem):
        return "fill"
    raise Refused("看不出题型：没有选项、没有空，答案也不是对/错。请在题前加“（单选）”“（判断）”"
                  "这样的标记，或放在“一、单选题”这样的标题下")


def _choice_answer(draft: Draft, kind: str, answer_text: str | None) -> str | list[str]:
    if len(draft.options) < 2:
        raise Refused(f"{TYPE_NAMES[kind]}至少要有两个选项，这里读到{len(draft.options)}个")
    expected = [chr(ord("A") + index) for index in range(len(draft.options))]
    if list(draft.options) != expected:
        raise Refused(f"选项应从 A 起连续排列，这里读到的是{'、'.join(draft.options)}")
    if answer_text is None:
        raise Refused("没有答案（找不到“答案：”一行，题干括号里和选项上也没有标出）")
    chosen = letters(answer_text)
    if chosen is None:
        raise Refused(f"答案“{answer_text.strip()}”看不懂：选择题的答案请写选项字母，如 B 或 ABD")
    keys = "、".join(draft.options)
    for letter in chosen:
        if letter not in draft.options:
            raise Refused(f"答案“{letter}”没有对应的选项（只有{keys}）")
    if len(set(chosen)) != len(chosen):
        raise Refused(f"答案“{answer_text.strip()}”里有重复的字母")
    if kind == "single":
        if len(chosen) != 1:
            raise Refused(f"单选题给了{len(chosen)}个答案（{'、'.join(chosen)}）："
                          "请改成一个答案，或把题型改为多选")
        return chosen[0]
    if len(chosen) < 2:
        raise Refused("多选题只给了一个答案：多选题至少要有两个正确选项，"
                      "请检查答案或把题型改为单选")
    return sorted(chosen)


def _fill_answer(stem: str, answer_text: str | None, inside: list[str]) -> list[list[str]]:
    blanks = len(BLANK.findall(stem))
    if blanks == 0:
        raise Refused("填空题的题干里没有空：请用 ____ 或（　）标出要填的地方")
    if answer_text is not None:
        parts = [part for part in re.split(r"[；;]", answer_text) if part.strip()]
        if len(parts) != blanks:
            spaced = answer_text.split()
            parts = spaced if len(spaced) == blanks else parts
    else:
        parts = inside
    if not parts:
        raise Refused("没有答案（找不到“答案：”一行，空里也没有写答案）")
    if len(parts) != blanks:
        raise Refused(f"题干里有{blanks}个空，答案却有{len(parts)}项（多个空的答案用“；”隔开）")
    return [[clean(word) for word in re.split(r"[/／]|\s或\s", part) if word.strip()]
            for part in parts]
