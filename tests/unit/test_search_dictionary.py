"""Search relies on jieba keeping each glossary term whole, via the user dictionary."""

from __future__ import annotations

import jieba
import pytest

from macros.checks import Project
from macros.checks.wiring import USER_DICTIONARY, glossary_words
from tests.conftest import ROOT

PROJECT = Project(ROOT)


@pytest.mark.skipif(not (ROOT / USER_DICTIONARY).is_file(),
                    reason="no user dictionary file: search derives its words from the glossary")
def test_jieba_keeps_every_glossary_term_whole():
    """Guards the dictionary's effect: each term comes out of jieba as one word.

    (That every term is in the dictionary is the rule glossary_in_search_dictionary,
    run by test_content.)
    """
    with (ROOT / USER_DICTIONARY).open("rb") as dictionary:  # jieba leaves a path's file open
        jieba.load_userdict(dictionary)
    for word, _term in glossary_words(PROJECT):
        assert list(jieba.cut(f"我们讨论{word}的要求")).count(word) == 1, word
