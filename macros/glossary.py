r"""Glossary tooltips for terms inside Chinese running text.

Python-Markdown's ``abbr`` extension matches on word boundaries, and Chinese
has none (``\\b`` never falls between two Han characters), so a term in the
middle of a sentence would get no tooltip.  This treeprocessor wraps every
occurrence of a glossary term in ``<abbr title="definition">``, which
Material's ``content.tooltips`` shows on hover and on focus.

Plain substring matching would be wrong the other way (党章 inside
中国共产党章程), so a match counts only where jieba, which search uses too,
puts word boundaries at both its ends.

The glossary page's definition list is the single source of terms: the
maintainer edits ``docs/glossary.md`` and the tooltips follow.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jieba
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import ConfigurationError

# "term" on its own line, then ":   definition" (Python-Markdown def_list syntax).
_ENTRY = re.compile(r"^(?P<term>[^\s:#>!*|\-][^\n]*)\n:[ \t]+(?P<definition>[^\n]+)", re.MULTILINE)
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
# Text inside these elements is never marked: code, links, headings, existing marks.
_SKIP = {"code", "pre", "a", "abbr", "kbd", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
         "script", "style"}


def read_glossary(path: Path) -> dict[str, str]:
    """Map each term of the glossary page's definition list to its plain-text definition."""
    text = path.read_text(encoding="utf-8-sig")
    glossary: dict[str, str] = {}
    for match in _ENTRY.finditer(text):
        definition = _LINK.sub(r"\1", match["definition"]).replace("**", "").strip()
        glossary[match["term"].strip()] = definition
    return glossary


# The terms jieba was told to keep whole, and the dictionary it was told in: MkDocs makes a
# Markdown instance for every page, and telling jieba again took 1.5 ms each (0.04 s a build).
_kept: dict[str, Any] = {"terms": None, "dictionary": None}


def _keep_whole(terms: tuple[str, ...]) -> None:
    """Have jieba keep each term whole, as the search dictionary does, once per dictionary."""
    jieba.dt.check_initialized()
    if _kept["terms"] == terms and _kept["dictionary"] is jieba.dt.FREQ:
        return
    for term in terms:
        for word in re.split(r"[、，]", term.strip("《》“”")):
            jieba.add_word(word)
    _kept.update(terms=terms, dictionary=jieba.dt.FREQ)


def _word_boundaries(text: str, matches: list[re.Match[str]]) -> Callable[[int], bool]:
    """Tell for a position of ``text`` whether jieba puts a word boundary there.

    jieba cuts each run of Han characters, letters and digits on its own (its
    ``re_han_default``) and ends a word at every other character, so only the runs a
    match touches need cutting: the same boundaries as cutting the whole text, at a
    fraction of the cost (cutting every paragraph whole was most of the glossary's time).
    """
    inside: list[tuple[int, int]] = []
    boundaries: set[int] = set()
    for run in jieba.re_han_default.finditer(text):
        if any(match.start() < run.end() and run.start() < match.end() for match in matches):
            inside.append((run.start(), run.end()))
            boundaries.update(itertools.accumulate((len(word) for word in jieba.cut(run[0])),
                                                   initial=run.start()))

    def cut(position: int) -> bool:
        return position in boundaries or not any(
            start < position < end for start, end in inside)
    return cut


class GlossaryTreeprocessor(Treeprocessor):
    """Wrap glossary terms found in text nodes in ``<abbr title>`` elements."""

    def __init__(self, md: Markdown, glossary: dict[str, str]) -> None:
        """Compile one alternation, longest term first, so 机关党组织 wins over 党组织."""
        super().__init__(md)
        self.glossary = glossary
        terms = sorted(glossary, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, terms))) if terms else None
        _keep_whole(tuple(terms))

    def run(self, root: ET.Element) -> None:
        """Mark terms everywhere except in skipped elements."""
        if self.pattern is not None:
            self._mark(root)

    def _abbr(self, term: str) -> ET.Element:
        element = ET.Element("abbr", {"title": self.glossary[term], "tabindex": "0"})
        element.text = term
        return element

    def _split(self, text: str) -> tuple[str, list[ET.Element]]:
        """Split text into the leading text and abbr elements carrying the rest as tails."""
        if self.pattern is None:
            return text, []
        matches = list(self.pattern.finditer(text))
        cut = _word_boundaries(text, matches)
        head, elements, end = text, [], 0
        for match in matches:
            if not (cut(match.start()) and cut(match.end())):
                continue
            if elements:
                elements[-1].tail = text[end:match.start()]
            else:
                head = text[:match.start()]
            elements.append(self._abbr(match.group(0)))
            end = match.end()
        if elements:
            elements[-1].tail = text[end:]
        return head, elements

    def _mark(self, element: ET.Element) -> None:
        if element.tag in _SKIP or self.pattern is None:
            return
        children = list(element)
        if element.text and self.pattern.search(element.text):
            element.text, new = self._split(element.text)
            for offset, abbr in enumerate(new):
                element.insert(offset, abbr)
        for child in children:
            self._mark(child)
            if child.tail and self.pattern.search(child.tail):
                child.tail, new = self._split(child.tail)
                index = list(element).index(child)
                for offset, abbr in enumerate(new, 1):
                    element.insert(index + offset, abbr)


class GlossaryExtension(Extension):
    """Python-Markdown extension: ``macros.glossary`` with option ``glossary`` (page path)."""

    def __init__(self, **kwargs: str) -> None:
        """Declare the one option, the glossary page."""
        self.config = {"glossary": ["", "Path of the glossary page (a definition list)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Run after inline parsing, so text nodes hold their final text."""
        path = Path(self.getConfig("glossary"))
        if not path.is_file():
            raise ConfigurationError(f"术语表页面 {path} 不存在：请检查 mkdocs.yml 中"
                                     " macros.glossary 的 glossary 路径")
        glossary = read_glossary(path)
        md.treeprocessors.register(GlossaryTreeprocessor(md, glossary), "qz_glossary", 1)


def makeExtension(**kwargs: str) -> GlossaryExtension:
    """Entry point Python-Markdown calls for ``macros.glossary``."""
    return GlossaryExtension(**kwargs)
