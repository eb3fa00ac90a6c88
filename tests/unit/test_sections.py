"""The passage beside a 顽固错题 (macros/sections.py): the section's paragraphs as plain text."""

from __future__ import annotations

from macros.sections import section_text
from macros.validate import load_banks
from tests.conftest import ROOT

PAGE = """# 标题

## 第一节 {: #first }

第一段**重点**，见[出处](about.md)。
接着一行。

- 列表不算
- 也不算

!!! tip "提示"
    提示框不算。

第二段。

### 下级标题 {: #sub }

不属于第一节。

## 第二节 {: #second }

""" + "长" * 300 + "\n"


def test_paragraphs_of_the_section_only_as_plain_text():
    """Markup and links become text; lists, admonitions and the next heading stop it."""
    assert section_text(PAGE, "first") == "第一段重点，见出处。接着一行。\n第二段。"


def test_long_sections_are_shortened_and_unknown_ids_give_nothing():
    """A passage to reread, not the page; a missing heading gives "" rather than an error."""
    text = section_text(PAGE, "second", limit=50)
    assert text == "长" * 50 + "……"
    assert section_text(PAGE, "missing") == ""


def test_every_question_of_every_bank_has_a_passage():
    """Each question's source section has running text to show beside a 顽固错题."""
    banks = load_banks(ROOT / "quizzes", ROOT / "docs", ROOT)
    empty = [question.id for bank in banks.values() for question in bank.questions
             if not section_text((ROOT / "docs" / bank.page).read_text(encoding="utf-8-sig"),
                                 question.source)]
    assert empty == []


def test_a_section_without_running_text_gives_its_items_and_rows():
    """A section that is only a table and a list still has a passage to show."""
    page = ("## 一览 {: #overview }\n\n| 体会 | 理解 |\n| --- | --- |\n| 甲 | **乙** |\n\n"
            "!!! tip \"要点\"\n    - 丙\n")
    assert section_text(page, "overview") == "体会：理解\n甲：乙\n丙"
