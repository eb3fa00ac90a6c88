"""MkDocs hooks that keep the quizzes out of the search plugin's way while it reads a page.

Quizzes, papers, study views and contests are ``<section data-search-exclude>``: the
search plugin indexes nothing inside them, yet its HTML parser still walks every tag of
them, and on a page of 100 questions those are most of the page (a sixth of a 1,000-question
build went there). So, just before the plugin reads a page (``on_page_context``), each
such section is emptied, and it is filled again right after, before the theme writes the
page out: the plugin sees the same tags it would skip, the member gets the whole page.

A section holding a heading with an id is left whole: the plugin opens a search entry at
such a heading even inside an excluded element, and emptying it would lose that entry.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.plugins import CombinedEvent, event_priority

# An excluded section, whole: the search plugin ends the exclusion at the first
# </section>, so a lazy match ends where the plugin's would.
_EXCLUDED = re.compile(r"(<section\b[^>]*\bdata-search-exclude\b[^>]*>)(.*?)(</section>)", re.S)
_HEADING_WITH_ID = re.compile(r"<h[1-6]\b[^>]*\bid=", re.I)

_held: dict[str, str] = {}


def hold(html: str) -> tuple[str, str]:
    """Return ``html`` with each excluded section emptied (when it may be), and the whole."""
    def empty(match: re.Match[str]) -> str:
        if _HEADING_WITH_ID.search(match[2]):
            return match[0]
        return match[1] + match[3]
    return _EXCLUDED.sub(empty, html), html


@event_priority(100)  # first of the page's context handlers: before the search plugin
def _empty_sections(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Empty the page's excluded sections for the search plugin, keeping the whole page."""
    if page.content and "data-search-exclude" in page.content:
        page.content, _held[page.file.src_uri] = hold(page.content)
    return context


@event_priority(-100)  # last: after the search plugin (and search_index.py) read the page
def _fill_sections(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Fill the emptied sections again before the theme renders the page."""
    whole = _held.pop(page.file.src_uri, None)
    if whole is not None:
        page.content = whole
    return context


# One event, two handlers (MkDocs runs them by priority, around the search plugin's).
on_page_context = CombinedEvent(_empty_sections, _fill_sections)
