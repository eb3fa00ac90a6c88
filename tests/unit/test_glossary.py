"""Glossary tooltips inside Chinese sentences, where word boundaries do not exist."""

from __future__ import annotations

import markdown

GLOSSARY = """# 术语表

三会一课
:   支部党员大会、支部委员会会议、党小组会和党课。

机关党组织
:   机关中**党的基层组织**，见[职能定位](role.md)。

党组织
:   党的各级组织。
"""


def render(tmp_path, text: str) -> str:
    path = tmp_path / "glossary.md"
    path.write_text(GLOSSARY, encoding="utf-8")
    md = markdown.Markdown(extensions=["macros.glossary", "def_list"],
                           extension_configs={"macros.glossary": {"glossary": str(path)}})
    return md.convert(text)


def test_term_in_the_middle_of_a_chinese_sentence_gets_a_tooltip(tmp_path):
    html = render(tmp_path, "党员要按时参加三会一课，不能缺席。")
    title = "支部党员大会、支部委员会会议、党小组会和党课。"
    assert f'<abbr tabindex="0" title="{title}">三会一课</abbr>' in html


def test_longest_term_wins_and_definitions_are_plain_text(tmp_path):
    html = render(tmp_path, "做好机关党组织的工作。")
    assert ">机关党组织</abbr>" in html and ">党组织</abbr>" not in html
    assert 'title="机关中党的基层组织，见职能定位。"' in html


def test_every_occurrence_and_tails_are_marked(tmp_path):
    html = render(tmp_path, "**三会一课**和三会一课之外，还有党组织。")
    assert html.count("<abbr") == 3


def test_headings_links_and_code_are_left_alone(tmp_path):
    html = render(tmp_path, "## 三会一课\n\n[三会一课](x.md) `三会一课`")
    assert "<abbr" not in html


def test_a_term_inside_a_longer_word_is_not_marked(tmp_path):
    """党章 must not be marked inside 中国共产党章程 (共产党 + 章程): no word boundary there."""
    path = tmp_path / "glossary.md"
    path.write_text("党章\n:   党的章程。\n", encoding="utf-8")
    md = markdown.Markdown(extensions=["macros.glossary"],
                           extension_configs={"macros.glossary": {"glossary": str(path)}})
    assert "<abbr" not in md.convert("《中国共产党章程》规定了党员的义务。")
    assert md.convert("党章规定了党员的义务。").count("<abbr") == 1


def test_cutting_only_the_runs_a_term_touches_finds_jieba_s_boundaries_of_the_whole_text():
    """The real pages' every paragraph and list item: the same boundaries, term by term, as
    cutting the whole text with jieba (how the glossary first found them)."""
    import itertools
    import re

    import jieba

    from macros.glossary import _word_boundaries, read_glossary
    from tests.conftest import ROOT

    terms = sorted(read_glossary(ROOT / "docs" / "glossary.md"), key=len, reverse=True)
    for term in terms:
        for word in re.split(r"[、，]", term.strip("《》“”")):
            jieba.add_word(word)
    pattern = re.compile("|".join(map(re.escape, terms)))
    checked = 0
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for text in page.read_text(encoding="utf-8").splitlines():
            matches = list(pattern.finditer(text))
            if not matches:
                continue
            whole = {0, *itertools.accumulate(len(word) for word in jieba.cut(text))}
            cut = _word_boundaries(text, matches)
            for match in matches:
                for position in (match.start(), match.end()):
                    assert cut(position) == (position in whole), (page.name, text, position)
                    checked += 1
    assert checked > len(terms)  # the pages do use the terms


def test_jieba_is_told_the_terms_once_and_again_for_a_new_dictionary(tmp_path):
    """MkDocs makes a Markdown instance per page: the terms go to jieba once, and again only
    when jieba's dictionary was replaced (a term missing from it would then be cut apart)."""
    import jieba

    render(tmp_path, "三会一课")
    told: list[str] = []
    original = jieba.add_word
    jieba.add_word = lambda word, *args, **kwargs: (told.append(word),
                                                    original(word, *args, **kwargs))[1]
    try:
        render(tmp_path, "三会一课")
        assert told == []
        jieba.dt.FREQ = {word: count for word, count in jieba.dt.FREQ.items()
                         if word != "三会一课"}
        html = render(tmp_path, "党员要按时参加三会一课，不能缺席。")
        assert "三会一课" in told and ">三会一课</abbr>" in html
    finally:
        jieba.add_word = original
