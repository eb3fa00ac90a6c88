"""Search relies on jieba keeping each glossary term whole.

The terms come from docs/glossary.md at build time (macros.glossary adds them to jieba);
search/jieba_userdict.txt holds only the other words search must keep whole.
"""

from __future__ import annotations

import jieba
import markdown

from macros.checks import Project
from macros.checks.wiring import glossary_not_copied_to_dictionary
from macros.checks.wiring import glossary_words as glossary_terms
from tests.conftest import ROOT

GLOSSARY = ROOT / "docs" / "glossary.md"
PROJECT = Project(ROOT)


def glossary_words() -> list[str]:
    """The glossary's terms as jieba holds them (shared with the build tests)."""
    return [word for word, _term in glossary_terms(PROJECT)]


def test_the_user_dictionary_holds_no_glossary_term():
    """One source of truth: a term is written in the glossary only, never copied there."""
    assert list(glossary_not_copied_to_dictionary(PROJECT)) == []


def test_jieba_keeps_every_glossary_term_whole():
    """Guards the effect: once pages render with the glossary, each term is one jieba word."""
    markdown.Markdown(extensions=["macros.glossary"],
                      extension_configs={"macros.glossary": {"glossary": str(GLOSSARY)}}
                      ).convert("正文")
    for word in glossary_words():
        assert list(jieba.cut(f"我们讨论{word}的要求")).count(word) == 1, word
