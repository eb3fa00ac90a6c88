"""Tickable checklists: Markdown task lists whose ticks the browser remembers.

pymdownx.tasklist renders ``- [ ] text`` as a checkbox inside a ``<label>``
that ends before the text, so the checkbox has no accessible name and only
the small box is a tap target.  This postprocessor moves the text inside the
label and gives each box a stable key (a hash of its text) that
``qz-checklist.js`` uses to keep the tick in localStorage.  The keys are
computed here only, from the rendered text, and collected for the study data
(学习进度 counts the ticks), so a **bold** item has one key everywhere.
"""

from __future__ import annotations

import hashlib
import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

_ITEM = re.compile(
    r'<li class="task-list-item"><label class="task-list-control">'
    r'<input type="checkbox"(?P<checked> checked)?/?>'
    r'<span class="task-list-indicator"></span></label>'
    r"(?P<text>(?:(?!<li|</li>).)*)</li>",
    re.DOTALL,
)
_TAG = re.compile(r"<[^>]+>")
# Keys of the boxes rendered in this build, in page order (a dict keeps order, drops repeats).
_RENDERED: dict[str, None] = {}


def rendered_keys() -> list[str]:
    """Return the keys of every checkbox rendered since ``forget_keys``."""
    return list(_RENDERED)


def forget_keys() -> None:
    """Start a build afresh (``mkdocs serve`` rebuilds in one process)."""
    _RENDERED.clear()


def item_key(text_html: str) -> str:
    """Key of an item: its visible text, hashed, so reordering the list keeps the ticks."""
    text = " ".join(_TAG.sub("", text_html).split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _relabel(match: re.Match[str]) -> str:
    text = match["text"].strip()
    checked = match["checked"] or ""
    key = item_key(text)
    _RENDERED[key] = None
    return (f'<li class="task-list-item"><label class="task-list-control qz-check">'
            f'<input type="checkbox"{checked} data-qz-check="{key}">'
            f'<span class="task-list-indicator"></span> <span class="qz-check__text">{text}</span>'
            f"</label></li>")


class ChecklistPostprocessor(Postprocessor):
    """Rewrite task list items in the final HTML (after raw HTML is restored)."""

    def run(self, text: str) -> str:
        """Relabel every flat task list item; nested items are left as they are."""
        return _ITEM.sub(_relabel, text)


class ChecklistExtension(Extension):
    """Python-Markdown extension ``macros.checklist``; list it after pymdownx.tasklist."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Run after the raw-HTML postprocessor (priority 30) has put the HTML back."""
        md.postprocessors.register(ChecklistPostprocessor(md), "qz_checklist", 5)


def makeExtension(**kwargs: str) -> ChecklistExtension:
    """Entry point Python-Markdown calls for ``macros.checklist``."""
    return ChecklistExtension(**kwargs)
