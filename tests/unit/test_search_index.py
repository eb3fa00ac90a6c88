"""The search hooks: parts of long terms indexed, glossary terms given ids and entries."""

from __future__ import annotations

import re

import jieba

from macros.glossary import read_glossary
from macros.search_index import glossary_terms, parts, term_id
from tests.conftest import ROOT

DICTIONARY = ROOT / "search" / "jieba_userdict.txt"


def test_a_long_term_kept_whole_still_offers_its_parts():
    """With the user dictionary, 《中国共产党廉洁自律准则》 is one token; 廉洁 must be a part."""
    with DICTIONARY.open("rb") as dictionary:
        jieba.load_userdict(dictionary)
    words = parts("\u200b中国共产党廉洁自律准则\u200b").split()
    assert "廉洁" in words and "自律" in words
    assert "中国共产党廉洁自律准则" not in words  # the whole token is in the text already


def test_parts_come_from_the_tokens_the_search_plugin_wrote():
    """The entry's text is already cut (zero-width spaces between tokens): not cut again."""
    text = "2016\u200b年\u200b学习\u200b中国共产党廉洁自律准则\u200b。 党员领导干部 abcdef"
    words = parts(text).split()
    assert "廉洁" in words  # from the long token between zero-width spaces
    assert "领导" in words and "干部" in words  # a run the plugin left whole (no spaces in it)
    assert not {"2016", "学习", "abcdef"} & set(words)  # short or not Chinese: no parts


def test_every_glossary_term_gets_a_distinct_english_id():
    terms = read_glossary(ROOT / "docs" / "glossary.md")
    ids = [term_id(term) for term in terms]
    assert len(set(ids)) == len(terms)
    assert all(re.fullmatch(r"term-[0-9a-f]{8}", anchor) for anchor in ids)


def test_glossary_terms_are_read_from_the_rendered_list():
    html = ('<dl><dt id="x">党章</dt>\n<dd><p>《中国共产党章程》的简称。</p></dd>'
            "<dt>三会一课</dt><dd>制度</dd></dl>")
    assert glossary_terms(html) == [(term_id("党章"), "党章", "《中国共产党章程》的简称。"),
                                    (term_id("三会一课"), "三会一课", "制度")]
