"""Read the text of a knowledge page's section, for the 错题本's 顽固错题.

A question answered wrong again and again is shown with the passage it comes from, inline,
so the member rereads it there (the data files carry it: the views cannot fetch the page
from file://). Only the section's running paragraphs are taken, as plain text: lists,
tables, admonitions and headings below it are left to the page itself, unless the section
has no running text at all (a table of three points): then its list items and table rows.
"""

from __future__ import annotations

import re

from macros.pages import heading_ids

_HEADING = re.compile(r"^#{1,6}\s")
_ID = re.compile(r"\{:\s*#(?P<id>[A-Za-z0-9_-]+)[^}]*\}\s*$")
_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"\*\*|__|(?<!\w)\*(?!\s)|`")
_NOT_PROSE = re.compile(r"^(\s|[-*+>|!?:]|\d+\.|\*\[|<|\{\{|\{%)")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+(?P<text>.+)$")
_ROW = re.compile(r"^\s*\|(?P<cells>.+)\|\s*$")
_RULE = re.compile(r"^[\s|:-]+$")
LIMIT = 240  # characters: a passage to reread, not the page


def _plain(line: str) -> str:
    return _MARKUP.sub("", _LINK.sub(lambda match: match["text"], line)).strip()


def section_text(markdown: str, anchor: str, limit: int = LIMIT) -> str:
    """Return the plain text of the paragraphs under the heading with this id.

    Shortened to ``limit`` characters (ending in ……); "" when the page has no such heading.
    """
    if anchor not in heading_ids(markdown):
        return ""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines)
                 if _HEADING.match(line) and (m := _ID.search(line)) and m["id"] == anchor)
    paragraphs: list[str] = []
    current: list[str] = []
    items: list[str] = []
    for line in lines[start + 1:]:
        if _HEADING.match(line):
            break
        if (item := _ITEM.match(line)) and not line.lstrip().startswith("*["):
            items.append(_plain(item["text"]))
        elif (row := _ROW.match(line)) and not _RULE.match(line):
            items.append("：".join(_plain(cell) for cell in row["cells"].split("|")))
        if not line.strip() or _NOT_PROSE.match(line):
            if current:
                paragraphs.append("".join(current))
                current = []
            continue
        current.append(_plain(line))
    if current:
        paragraphs.append("".join(current))
    text = "\n".join(paragraph for paragraph in paragraphs if paragraph) or "\n".join(items)
    return text if len(text) <= limit else text[:limit].rstrip() + "……"
