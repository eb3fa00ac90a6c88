"""Read what the validator needs from a knowledge page's Markdown: its heading ids.

Bank validation runs before any page is rendered (so a broken bank never
produces a half-rendered page), which means anchors are read from the
Markdown source, not from rendered HTML.  Heading ids are written in the
attr_list form ``## 标题 {: #english-id }``.
"""

from __future__ import annotations

import re
from pathlib import Path

_HEADING = re.compile(r"^#{1,6}\s+(?P<title>.*?)\s*\{:\s*#(?P<id>[A-Za-z0-9_-]+)[^}]*\}\s*$")
_TITLE = re.compile(r"^#\s+(?P<title>.*?)\s*(\{:[^}]*\})?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
# ``{#id}`` opens a Jinja comment under the macros plugin and breaks the page.
_JINJA_STYLE_ID = re.compile(r"^#{1,6}\s+.*\{#")


def heading_ids(markdown: str) -> dict[str, str]:
    """Map each explicit heading id on the page to the heading's text."""
    ids: dict[str, str] = {}
    in_fence = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence and (match := _HEADING.match(line)):
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


def read_heading_ids(page: Path) -> dict[str, str]:
    """Heading ids of a page file (``utf-8-sig``: a BOM is harmless)."""
    return heading_ids(page.read_text(encoding="utf-8-sig"))
