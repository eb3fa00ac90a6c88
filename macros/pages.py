"""Read what the validator needs from a knowledge page's Markdown: its heading ids.

Bank validation runs before any page is rendered (so a broken bank never
produces a half-rendered page), which means anchors are read from the
Markdown source, not from rendered HTML.  Heading ids are written in the
attr_list form ``## 标题 {: #english-id }``.  A heading inside an HTML comment
is not on the page; one inside an admonition (indented under ``!!!``) is.
"""

from __future__ import annotations

import re
from pathlib import Path

_HEADING = re.compile(
    r"^(?P<indent> *)#{1,6}\s+(?P<title>.*?)\s*\{:\s*#(?P<id>[A-Za-z0-9_-]+)[^}]*\}\s*$")
_TITLE = re.compile(r"^#\s+(?P<title>.*?)\s*(\{:[^}]*\})?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
# An admonition or a collapsible block (pymdownx.details): its body is indented four spaces.
_BLOCK = re.compile(r"^(?P<indent> *)(?:!!!|\?\?\?\+?)\s")
_COMMENT_OPEN, _COMMENT_CLOSE = "<!--", "-->"
# ``{#id}`` opens a Jinja comment under the macros plugin and breaks the page.
_JINJA_STYLE_ID = re.compile(r"^#{1,6}\s+.*\{#")


def heading_ids(markdown: str) -> dict[str, str]:
    """Map each explicit heading id on the page to the heading's text."""
    ids: dict[str, str] = {}
    in_fence = in_comment = False
    blocks: list[int] = [0]  # body indents of the admonitions the line is in; 0 is the page
    for line in markdown.splitlines():
        if in_comment:
            in_comment = _COMMENT_CLOSE not in line
            continue
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        start = line.rfind(_COMMENT_OPEN)
        if start >= 0 and _COMMENT_CLOSE not in line[start:]:
            in_comment = True
        if line.strip():
            indent = len(line) - len(line.lstrip(" "))
            while indent < blocks[-1]:
                blocks.pop()
            if block := _BLOCK.match(line):
                blocks.append(len(block["indent"]) + 4)
                continue
        match = _HEADING.match(line)
        # Indented past its block's body, a heading is a code block, not a heading.
        if match and blocks[-1] <= len(match["indent"]) < blocks[-1] + 4:
            ids[match["id"]] = match["title"]
    return ids


def jinja_style_ids(markdown: str) -> list[int]:
    """Return the lines whose heading id is written ``{#id}`` instead of ``{: #id }``."""
    return [number for number, line in enumerate(markdown.splitlines(), 1)
            if _JINJA_STYLE_ID.match(line)]


def page_title(markdown: str) -> str | None:
    """Return the text of the page's first ``# `` heading, without an attr_list id."""
    for line in markdown.splitlines():
        if match := _TITLE.match(line):
            return match["title"]
    return None


_READ: dict[Path, tuple[str | None, dict[str, str]]] = {}


def _read(page: Path) -> tuple[str | None, dict[str, str]]:
    """Title and heading ids of a page file, read once per build (``utf-8-sig``: BOM is harmless).

    Bank validation, each quiz, each paper and the study data all need a page's ids;
    ``forget_pages`` (called as each build starts) makes ``mkdocs serve`` see an edited page.
    """
    if page not in _READ:
        markdown = page.read_text(encoding="utf-8-sig")
        _READ[page] = page_title(markdown), heading_ids(markdown)
    return _READ[page]


def read_heading_ids(page: Path) -> dict[str, str]:
    """Heading ids of a page file (see ``_read``)."""
    return _read(page)[1]


def read_page_title(page: Path) -> str | None:
    """Return the ``# `` title of a page file (see ``_read``)."""
    return _read(page)[0]


def forget_pages() -> None:
    """Drop what an earlier build read."""
    _READ.clear()
