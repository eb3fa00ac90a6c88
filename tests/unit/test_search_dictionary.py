"""Search relies on jieba keeping each glossary term whole.

The terms come from docs/glossary.md at build time (macros.glossary adds them to jieba);
search/jieba_userdict.txt holds only the other words search must keep whole.
"""

from __future__ import annotations

import re

import jieba
import markdown

from macros.glossary import read_glossary
from tests.conftest import ROOT

DICTIONARY = ROOT / "search" / "jieba_userdict.txt"
GLOSSARY = ROOT / "docs" / "glossary.md"


def glossary_words() -> list[str]:
    """Glossary terms as jieba can hold them: no 《》 or quotes, split at 、."""
    words = []
    for term in read_glossary(GLOSSARY):
        words += [word for word in re.split(r"[、，]", term.strip("《》“”")) if word]
    return words


def test_the_user_dictionary_holds_no_glossary_term():
    """One source of truth: a term is written in the glossary only, never copied here."""
    entries = DICTIONARY.read_text(encoding="utf-8").split()
    copied = [word for word in glossary_words() if word in entries]
    assert copied == [], f"remove from {DICTIONARY.name} (the glossary supplies them): {copied}"


def test_jieba_keeps_every_glossary_term_whole():
    """Guards the effect: once pages render with the glossary, each term is one jieba word."""
    markdown.Markdown(extensions=["macros.glossary"],
                      extension_configs={"macros.glossary": {"glossary": str(GLOSSARY)}}
                      ).convert("正文")
    for word in glossary_words():
        assert list(jieba.cut(f"我们讨论{word}的要求")).count(word) == 1, word
