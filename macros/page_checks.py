"""Check a page's macro calls and heading ids before Jinja sees them.

Jinja would otherwise fail with a traceback (or an English ``KeyError``) on
``{#id}`` (a comment opener), an unknown bank name or a call written another
way; and two quizzes of one bank on a page would repeat every element id.
Here each becomes one plain message naming the page and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from macros.errors import BankError
from macros.model import Bank
from macros.pages import jinja_style_ids

STUDY_VIEWS = {"practice": "综合练习", "exam": "模拟考试", "review": "错题本",
               "progress": "学习进度", "daily": "每日一题", "records": "导出和导入学习记录"}
_CALL = re.compile(r"(?<![\w.])(?P<macro>quiz|paper|study_view|mock_paper)\s*\((?P<args>[^()]*)\)")
_LITERAL = re.compile(r"""^\s*(["'])(?P<value>[^"'\\]*)\1\s*$""")
_EXAMPLE = {"quiz": 'quiz("题库id")', "paper": 'paper("题库id")',
            "study_view": 'study_view("practice")'}


def _calls(markdown: str, first_line: int) -> Iterator[tuple[int, str, str]]:
    """Yield (line, macro, arguments) for every macro call on the page."""
    for number, text in enumerate(markdown.splitlines(), first_line):
        for match in _CALL.finditer(text):
            yield number, match["macro"], match["args"]


def _call_error(macro: str, argument: str, page: str, banks: Mapping[str, Bank],
                has_exam: bool) -> str | None:
    """Say what is wrong with one call whose argument is a plain quoted name."""
    if macro in {"quiz", "paper"} and argument not in banks:
        known = "、".join(sorted(banks)) or "（quizzes/ 里还没有题库）"
        return f"{macro}(\"{argument}\") 找不到题库 quizzes/{argument}.yml；现有的题库：{known}"
    if macro == "quiz" and banks[argument].page != page:
        return (f"题库 {argument} 与页面 {banks[argument].page} 配对，"
                "只能放在那一页上（或修改题库的 page）")
    if macro == "study_view" and argument not in STUDY_VIEWS:
        return f"study_view(\"{argument}\") 不存在；可用的有：{'、'.join(STUDY_VIEWS)}"
    if macro == "study_view" and argument == "exam" and not has_exam:
        return "模拟考试需要 mkdocs.yml 里的 extra: exam: 设置"
    return None


def check_page(markdown: str, first_line: int, page: str, banks: Mapping[str, Bank],
               has_exam: bool) -> list[BankError]:
    """Return every mistake in the macro calls and heading ids of one page.

    ``markdown`` is the page without front matter, whose first line is ``first_line``
    of the file ``docs/<page>``.
    """
    display = f"docs/{page}"
    errors = [BankError(display, first_line + line - 1, None,
                        "标题 id 要写成 {: #english-id }（冒号、空格、#），不能写成 {#english-id}")
              for line in jinja_style_ids(markdown)]
    seen: dict[tuple[str, str], int] = {}
    for number, macro, args in _calls(markdown, first_line):
        literal = _LITERAL.match(args)
        if macro == "mock_paper":
            problem = None if not args.strip() else "mock_paper() 不带参数，请写成 mock_paper()"
            if problem is None and not has_exam:
                problem = ("mock_paper() 需要 mkdocs.yml 里的 extra: exam: 设置"
                           "（各题型的题数、每题分数和考试时间）")
        elif literal is None:
            problem = (f"{macro}(…) 要写成 {_EXAMPLE[macro]}：括号里只写一个带引号的名字，"
                       "不写 bank_id= 之类的参数名，也不写变量")
        else:
            problem = _call_error(macro, literal["value"], page, banks, has_exam)
        call = f"{macro}(\"{literal['value']}\")" if literal else f"{macro}()"
        if problem is None and (macro, args.strip()) in seen:
            problem = (f"{call} 在本页第 {seen[macro, args.strip()]} 行已经有了："
                       "同一个内容在一页上只能放一次，重复会让页面上的元素 id 冲突")
        seen.setdefault((macro, args.strip()), number)
        if problem:
            errors.append(BankError(display, number, None, problem))
    # A quiz() written another way is already named above: it may be meant for any bank.
    shown = {literal["value"] if (literal := _LITERAL.match(args)) else "*"
             for (macro, args) in seen if macro == "quiz"}
    errors += [BankError(bank.path, bank.page_line, None,
                         f"题库 {bank.id} 的页面 {display} 里没有 {{{{ quiz(\"{bank.id}\") }}}}，"
                         "这些题学员看不到：请在页面末尾加上")
               for bank in banks.values()
               if bank.page == page and bank.id not in shown and "*" not in shown]
    return errors
