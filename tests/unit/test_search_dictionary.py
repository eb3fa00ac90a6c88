"""Search relies on jieba keeping each glossary term whole, via the user dictionary."""

from __future__ import annotations

import re

import jieba

from macros.glossary import read_glossary
from tests.conftest import ROOT

DICTIONARY = ROOT / "search" / "jieba_userdict.txt"


def glossary_words() -> list[str]:
    """Glossary terms as jieba can hold them: no 《》 or quotes, split at 、."""
    words = []
    for term in read_glossary(ROOT / "docs" / "glossary.md"):
        words += [word for word in re.split(r"[、，]", term.strip("《》“”")) if word]
    return words


def test_every_glossary_term_is_in_the_user_dictionary():
    entries = DICTIONARY.read_text(encoding="utf-8").split()
    missing = [word for word in glossary_words() if word not in entries]
    assert missing == [], f"add to {DICTIONARY.name}: {missing}"


def test_jieba_keeps_every_glossary_term_whole():
    """Guards the dictionary's effect: each term comes out of jieba as one word."""
    with DICTIONARY.open("rb") as dictionary:  # given a path, jieba leaves the file open
        jieba.load_userdict(dictionary)
    for word in glossary_words():
        assert list(jieba.cut(f"我们讨论{word}的要求")).count(word) == 1, word
