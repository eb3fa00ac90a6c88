"""Chinese text per GB/T 15834 (TYPO-1 to TYPO-4) and one wording per term (TERM-1).

The importer uses ``fix_punctuation`` so that text pasted from Word passes
these same rules without a hand edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from macros.checks.base import Finding, Project, error

CJK = r"[\u3400-\u9fff]"
_RADICALS = re.compile(r"[\u2e80-\u2eff\u2f00-\u2fdf]")
_HALF_WIDTH = re.compile(rf"{CJK}[,;:?!()]|[,;:?!(]{CJK}")
_SPACE = re.compile(rf"{CJK} +[0-9A-Za-z]|[0-9A-Za-z] +{CJK}")
_QUOTES = re.compile(rf'{CJK}"|"{CJK}|「|」')
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}

# One term, one wording: the wrong variant, and the site's wording.
VARIANTS = {"批评与自我批评": "批评和自我批评", "民主生活会议": "民主生活会",
            "组织生活会议": "组织生活会", "三会1课": "三会一课", "党风廉洁建设": "党风廉政建设",
            "双重组织生活会": "双重组织生活", "党建工作者": "党务工作者"}


_NOT_PROSE = re.compile(r"\s*(!!!|\?\?\?|\{\{|```|#\s*yaml-language-server:)")
_HEADING_ID = re.compile(r"\{:[^}]*\}")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_YAML_KEY = re.compile(r"^\s*(- )?[a-z_]+:\s")
_FLOW_LIST = re.compile(r"\[([^\]]*)\]")


def text_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Yield lines of prose, without Markdown and YAML syntax whose ASCII is not text."""
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if _NOT_PROSE.match(line):
            continue
        line = _HEADING_ID.sub("", line)  # heading ids
        line = _LINK_TARGET.sub("]", line)  # link targets
        if path.suffix == ".yml":
            line = _YAML_KEY.sub("", line)  # YAML keys
            # Commas in flow lists ([党的建设, 党建]) are YAML syntax, not text.
            line = _FLOW_LIST.sub(lambda m: m[1].replace(",", " "), line)
        yield number, line


def line_problems(line: str) -> list[str]:
    """Say what is wrong with one line of prose, each with its fix, in Chinese."""
    problems = []
    if found := _RADICALS.findall(line):
        problems.append(f"有从PDF粘贴来的形近部首字 {'、'.join(found)}（如“⽂”应为“文”），"
                        "请删去后重新输入这个字")
    if found := _HALF_WIDTH.findall(line):
        problems.append(f"中文里用了半角标点 {'、'.join(found)}，请改成全角（，；：？！（））")
    if found := _SPACE.findall(line):
        problems.append(f"中文与数字、英文之间不要加空格：{'、'.join(found)}")
    if found := _QUOTES.findall(line):
        problems.append(f"引号请用中文引号“”：{'、'.join(found)}")
    return problems


def fix_punctuation(text: str) -> str:
    """Turn the half-width punctuation and spaces the rules above refuse into what they accept."""
    text = re.sub(r'"([^"]*)"', r"“\1”", text).replace("「", "“").replace("」", "”")
    wide = r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’]"
    for _ in range(2):  # a second pass catches marks next to marks just fixed
        text = re.sub(rf"(?<={wide})([,;:?!()])|([,;:?!(])(?={wide})",
                      lambda m: _FULL[m[1] or m[2]], text)
    text = re.sub(rf"(?<={CJK}) +(?=[0-9A-Za-z])|(?<=[0-9A-Za-z]) +(?={CJK})", "", text)
    return text


def typography(project: Project) -> Iterator[Finding]:
    """TYPO-1 to TYPO-4 on every page and bank."""
    for path in project.text_files():
        for number, line in text_lines(path):
            for problem in line_problems(line):
                shown = project.display(path)
                yield error(shown, number, project.question_at(shown, number), problem)


def one_wording(project: Project) -> Iterator[Finding]:
    """TERM-1: the variants of a term the site writes one way."""
    for path in project.text_files():
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        for number, line in enumerate(lines, 1):
            for wrong, right in VARIANTS.items():
                if wrong in line:
                    shown = project.display(path)
                    yield error(shown, number, project.question_at(shown, number),
                                f"术语写法不统一：“{wrong}”请改为“{right}”")
