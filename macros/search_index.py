"""MkDocs hooks that shape Material's search index for what members type.

Loaded through ``hooks:`` in mkdocs.yml, after the search plugin, so each page's entries
already exist when these run:

- **Partial terms** (廉洁 → 《中国共产党廉洁自律准则》): jieba's user dictionary keeps
  each glossary term whole, so the index holds the long term as one token and a part of
  it matches nothing. Every entry gets a ``parts`` field (declared in mkdocs.yml's
  ``search: fields:``) with jieba's search-mode sub-words of its long tokens; results
  still show only the title and text.
- **Printable papers rank low**: their entries (titles only; the questions are kept out
  by data-search-exclude) get a boost of ``PAPER_BOOST`` unless the page sets its own,
  so a paper never ranks above the page that teaches.
- **One entry per glossary term**: the glossary is one definition list, which the plugin
  indexes as one block. Each ``<dt>`` gets a stable id here and its own entry, with the
  glossary page's (low) boost, so a page that teaches a term ranks above it.
"""

from __future__ import annotations

import hashlib
import html
import re
from functools import cache
from typing import Any

# A definition-list term and its definition, as Python-Markdown's def_list writes them.
_TERM = re.compile(r"<dt(?: id=\"[^\"]*\")?>(.*?)</dt>\s*<dd>(.*?)</dd>", re.S)
_TAG = re.compile(r"<[^>]+>")
_HAN = re.compile(r"[\u3400-\u9fff]+")
# Between the search plugin's tokens: its zero-width spaces, and any other space.
_TOKEN_BREAK = re.compile(r"[\u200b\s]+")
# jieba's tokens of this many Han characters or more get their sub-words indexed too.
_LONG = 3
GLOSSARY = "glossary.md"
PAPERS = "papers/"
PAPER_BOOST = 0.1


def term_id(term: str) -> str:
    """Give a glossary term a stable id in English letters, like every other id of the site."""
    return "term-" + hashlib.sha1(term.encode("utf-8")).hexdigest()[:8]


def _plain(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment)).strip()


def glossary_terms(content: str) -> list[tuple[str, str, str]]:
    """(id, term, definition) for each term of the rendered glossary page."""
    return [(term_id(_plain(term)), _plain(term), _plain(definition))
            for term, definition in _TERM.findall(content)]


def parts(text: str) -> str:
    """List the sub-words of the long Chinese tokens in ``text``, space-separated.

    ``text`` is an entry as the search plugin wrote it: jieba's tokens already stand
    between zero-width spaces, so they are read from it rather than cut a second time.
    """
    found: dict[str, None] = {}
    for token in _TOKEN_BREAK.split(text):
        if len(token) >= _LONG and _HAN.fullmatch(token):
            found.update(dict.fromkeys(_subwords(token)))
    return " ".join(found)


@cache
def _subwords(token: str) -> tuple[str, ...]:
    """Return the shorter words inside one long token (terms recur on every page: cached)."""
    import jieba

    return tuple(word for word in jieba.cut_for_search(token) if 2 <= len(word) < len(token))


def _search_index(config: Any) -> Any:
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(plugin, "search_index", None)


def on_page_content(html_text: str, page: Any, config: Any, files: Any) -> str:
    """Give each glossary term's ``<dt>`` its id, so a search result can link to it."""
    if page.file.src_uri != GLOSSARY:
        return html_text
    return _TERM.sub(lambda match: f'<dt id="{term_id(_plain(match[1]))}">' +
                     match[0].split(">", 1)[1], html_text)


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Add the glossary's per-term entries, the papers' low boost and every entry's ``parts``."""
    index = _search_index(config)
    if index is None:
        return context
    mine = [entry for entry in index.entries
            if entry["location"].split("#")[0] == page.url and "parts" not in entry]
    if page.file.src_uri == GLOSSARY and mine:
        boost = mine[0].get("boost")
        for anchor, term, definition in glossary_terms(page.content):
            entry = {"location": f"{page.url}#{anchor}",
                     "title": index._segment_chinese(term),  # the plugin's own segmenter
                     "text": index._segment_chinese(definition)}
            if boost is not None:
                entry["boost"] = boost
            index.entries.append(entry)
            mine.append(entry)
    for entry in mine:
        if page.file.src_uri.startswith(PAPERS):
            entry.setdefault("boost", PAPER_BOOST)
        entry["parts"] = parts(entry["title"] + " " + entry["text"])
    return context
