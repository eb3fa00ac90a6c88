"""``dangjian export``: the banks as Excel (the import layout), Moodle XML or GIFT.

Excel is for editing in WPS or Excel and importing back (the round trip is
tested).  Moodle XML and GIFT are for agencies that run a learning platform:
question ids travel in ``<idnumber>`` (Moodle) and the ``::title::`` (GIFT),
so a re-import updates rather than duplicates.  Nothing is dropped
silently: what a format cannot hold is named on the screen.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from macros.checks import Project
from macros.model import BLANK, Bank, Question

_TYPE_WORDS = {"single": "单选", "multiple": "多选", "judge": "判断", "fill": "填空"}
LETTERS = "ABCDEFGH"


def _answer_cell(question: Question) -> str:
    if question.type == "judge":
        return "对" if question.answer else "错"
    if question.type == "multiple":
        return "".join(question.answer)  # type: ignore[arg-type]
    if question.type == "fill":
        return "；".join("/".join(blank) for blank in question.answer)  # type: ignore[union-attr]
    return str(question.answer)


def _option_count(banks: list[Bank]) -> int:
    return max([4, *(len(q.options) for bank in banks for q in bank.questions)])


def write_xlsx(banks: list[Bank], output: Path) -> int:
    """One sheet in the layout ``dangjian import`` reads; return the number of questions."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    width = _option_count(banks)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "题库"
    sheet.append(["编号", "题型", "题干", *(f"选项{LETTERS[i]}" for i in range(width)), "答案",
                  "解析", "出处小节"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    count = 0
    for bank in banks:
        for question in bank.questions:
            options = [question.options.get(LETTERS[i]) for i in range(width)]
            sheet.append([question.id, _TYPE_WORDS[question.type], question.stem, *options,
                          _answer_cell(question), question.explanation, question.source])
            count += 1
    for column, size in zip("ABC", (16, 6, 50), strict=True):
        sheet.column_dimensions[column].width = size
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    workbook.save(str(output))
    return count


def _text(parent: ET.Element, tag: str, value: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    ET.SubElement(element, "text").text = value
    return element


def _fraction(value: float) -> str:
    """Moodle's fraction as it writes them itself: up to five decimals, no trailing zeros."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def cloze_escape(text: str) -> str:
    """Escape what Moodle's cloze syntax treats as markup inside an answer."""
    for mark in "\\}#~/\"{=:":
        text = text.replace(mark, "\\" + mark)
    return text


def moodle_question(question: Question) -> ET.Element:
    """One question as Moodle XML; fractions of right answers add up to 100."""
    kinds = {"single": "multichoice", "multiple": "multichoice", "judge": "truefalse",
             "fill": "shortanswer"}
    kind = kinds[question.type]
    blanks = len(BLANK.findall(question.stem)) if question.type == "fill" else 0
    if blanks > 1:
        kind = "cloze"
    element = ET.Element("question", {"type": kind})
    _text(element, "name", question.id)
    stem = question.stem
    if kind == "cloze":
        parts = BLANK.split(stem)
        stem = parts[0]
        for blank, rest in zip(question.answer, parts[1:], strict=True):  # type: ignore[arg-type]
            accepted = "~".join(f"={cloze_escape(word)}" for word in blank)
            stem += f"{{1:SHORTANSWER:{accepted}}}{rest}"
    _text(element, "questiontext", stem, format="markdown")
    _text(element, "generalfeedback", question.explanation, format="markdown")
    ET.SubElement(element, "idnumber").text = question.id
    if kind == "multichoice":
        ET.SubElement(element, "single").text = "true" if question.type == "single" else "false"
        ET.SubElement(element, "shuffleanswers").text = "true"
        ET.SubElement(element, "answernumbering").text = "ABCD"
        right = [question.answer] if question.type == "single" else list(question.answer)  # type: ignore[arg-type]
        wrong = len(question.options) - len(right)
        for key, text in question.options.items():
            if key in right:
                fraction = 100 / len(right)
            else:
                fraction = -100 / wrong if question.type == "multiple" and wrong else 0
            _text(element, "answer", text, fraction=_fraction(fraction), format="markdown")
    elif kind == "truefalse":
        for value, word in ((True, "true"), (False, "false")):
            _text(element, "answer", word, fraction="100" if question.answer is value else "0",
                  format="moodle_auto_format")
    elif kind == "shortanswer":
        ET.SubElement(element, "usecase").text = "0"
        for word in question.answer[0]:  # type: ignore[index]
            _text(element, "answer", str(word), fraction="100", format="moodle_auto_format")
    return element


def write_moodle(banks: list[Bank], output: Path) -> int:
    """Moodle XML, one category per bank; return the number of questions."""
    quiz = ET.Element("quiz")
    count = 0
    for bank in banks:
        category = ET.SubElement(quiz, "question", {"type": "category"})
        _text(category, "category", f"$course$/top/{bank.title}")
        for question in bank.questions:
            quiz.append(moodle_question(question))
            count += 1
    ET.indent(quiz)
    ET.ElementTree(quiz).write(str(output), encoding="utf-8", xml_declaration=True)
    return count


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters ``~ = # { } :`` (and the backslash itself)."""
    for mark in "\\~=#{}:":
        text = text.replace(mark, "\\" + mark)
    return text.replace("\n", "\\n")


def gift_question(question: Question) -> str | None:
    """One question in GIFT, or None for a fill with several blanks (GIFT holds one)."""
    stem = gift_escape(question.stem)
    feedback = f"####{gift_escape(question.explanation)}"
    title = f"::{gift_escape(question.id)}::"
    if question.type == "judge":
        return f"{title}{stem}{{{'T' if question.answer else 'F'}{feedback}}}"
    if question.type == "fill":
        parts = BLANK.split(question.stem)
        if len(parts) != 2:
            return None
        accepted = " ".join(f"={gift_escape(str(word))}" for word in question.answer[0])  # type: ignore[index]
        return f"{title}{gift_escape(parts[0])}{{{accepted}{feedback}}}{gift_escape(parts[1])}"
    if question.type == "single":
        choices = " ".join(("=" if key == question.answer else "~") + gift_escape(text)
                           for key, text in question.options.items())
    else:
        right = list(question.answer)  # type: ignore[arg-type]
        wrong = len(question.options) - len(right)
        choices = " ".join(
            (f"~%{_fraction(100 / len(right))}%" if key in right
             else f"~%{_fraction(-100 / wrong)}%") + gift_escape(text)
            for key, text in question.options.items())
    return f"{title}{stem}{{{choices}{feedback}}}"


def write_gift(banks: list[Bank], output: Path, say: Callable[[str], None]) -> int:
    """GIFT text, one category per bank; return the number of questions written."""
    blocks: list[str] = []
    count = 0
    for bank in banks:
        blocks.append(f"$CATEGORY: {bank.title}")
        for question in bank.questions:
            text = gift_question(question)
            if text is None:
                say(f"  跳过 {question.id}：GIFT格式的填空题只能有一个空，这道题有多个空"
                    "（Moodle XML 可以导出它）")
                continue
            blocks.append(text)
            count += 1
    output.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return count


def export(project: Project, fmt: str, bank_id: str | None, output: Path,
           say: Callable[[str], None]) -> int:
    """Write the chosen banks to ``output`` in ``fmt``; return the exit status."""
    if project.load_errors:
        for finding in project.load_errors:
            say(str(finding))
        say("题库有错误，先改正（dangjian check）再导出。")
        return 1
    if bank_id is not None and bank_id not in project.banks:
        say(f"没有题库 {bank_id}；现有的题库：{'、'.join(project.banks)}")
        return 1
    banks = [project.banks[bank_id]] if bank_id else list(project.banks.values())
    if output.parent and not output.parent.exists():
        say(f"文件夹 {output.parent} 不存在")
        return 1
    total = sum(len(bank.questions) for bank in banks)
    if fmt == "xlsx":
        count = write_xlsx(banks, output)
    elif fmt == "moodle":
        count = write_moodle(banks, output)
    else:
        count = write_gift(banks, output, say)
    say(f"导出{count}道题（共{total}道）到 {output}")
    if count < total:
        say(f"其余{total - count}道是这种格式表示不了的题，已在上面逐一列出。")
    return 0
