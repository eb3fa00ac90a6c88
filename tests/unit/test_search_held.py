"""Emptying excluded sections while the search plugin reads a page changes nothing it indexes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import Parser

from macros import search_held
from macros.pages import read_heading_ids
from macros.render import Renderer
from macros.validate import load_banks
from tests.conftest import ROOT

BANKS = load_banks(ROOT / "quizzes", ROOT / "docs", ROOT)
RENDERER = Renderer(["attr_list", "md_in_html", "tables"], {})


def indexed(html: str) -> list[tuple[str, str | None, str, str, float]]:
    """What Material's search plugin makes of a page: each section's heading, id and text."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(section.el.tag, section.id, "".join(section.title), "".join(section.text),
             section.depth) for section in parser.data]


def page_with(middle: str) -> str:
    return ('<h1 id="title">标题</h1><p>导语。</p><h2 id="one">第一节</h2><p>正文一。</p>'
            f"{middle}<h2 id=\"two\">第二节</h2><p>正文二。</p>")


@pytest.mark.parametrize("bank", sorted(BANKS))
def test_the_index_of_a_page_with_its_quiz_is_the_same_when_the_quiz_is_emptied(bank: str):
    quiz = str(RENDERER.quiz(BANKS[bank], read_heading_ids(ROOT / "docs" / BANKS[bank].page)))
    page = page_with(quiz)
    emptied, whole = search_held.hold(page)
    assert whole == page
    assert len(emptied) < len(page) / 5  # the quiz's tags are gone for the parser
    assert indexed(emptied) == indexed(page)


def test_a_page_that_opens_with_an_excluded_section_keeps_its_preface_entry():
    page = '<section data-search-exclude><p>答案</p></section><p>说明。</p><h2 id="a">一</h2>'
    emptied, _ = search_held.hold(page)
    assert emptied.startswith("<section data-search-exclude></section>")
    assert indexed(emptied) == indexed(page)


def test_an_excluded_section_with_a_heading_is_left_whole():
    """The plugin opens an entry at a heading with an id even inside an excluded section."""
    section = '<section class="x" data-search-exclude><h2 id="in">内</h2><p>不索引</p></section>'
    page = page_with(section)
    assert search_held.hold(page)[0] == page
    emptied = page_with('<section class="x" data-search-exclude></section>')
    assert [entry[1] for entry in indexed(page)] == [None, "one", "in", "two"]
    assert [entry[1] for entry in indexed(emptied)] == [None, "one", "two"]


def test_the_page_gets_its_whole_content_back_after_the_search_plugin_read_it():
    bank = BANKS[min(BANKS)]
    quiz = str(RENDERER.quiz(bank, read_heading_ids(ROOT / "docs" / bank.page)))
    page = SimpleNamespace(content=page_with(quiz), file=SimpleNamespace(src_uri="a.md"))
    seen: list[str] = []
    handlers = sorted(search_held.on_page_context.methods,
                      key=lambda handler: -getattr(handler, "mkdocs_priority", 0))
    # As MkDocs runs them around the search plugin (priority 0): the plugin sees it emptied.
    handlers[0]({}, page=page, config=None, nav=None)
    seen.append(page.content)
    handlers[1]({}, page=page, config=None, nav=None)
    assert quiz not in seen[0] and page.content == page_with(quiz)
    assert [handler.mkdocs_priority > 0 for handler in handlers] == [True, False]
