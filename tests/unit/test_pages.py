"""Heading ids read from page Markdown, as bank validation sees them."""

from pathlib import Path

import pytest

from macros import pages
from macros.pages import heading_ids, jinja_style_ids, read_heading_ids


def test_heading_ids_and_titles():
    text = ("# 标题\n\n## 协助和监督 {: #assist-supervise }\n\n"
            "```\n## 代码 {: #not-a-heading }\n```\n")
    assert heading_ids(text) == {"assist-supervise": "协助和监督"}


def test_jinja_style_ids_are_found():
    """``{#id}`` opens a Jinja comment under the macros plugin: it must be caught first."""
    assert jinja_style_ids("# 标题\n## 小节 {#section}\n## 好的 {: #ok }\n") == [2]


def test_headings_inside_html_comments_are_not_sections():
    """A commented-out section is not on the page: a question must not point at it."""
    text = ("# 标题\n<!--\n## 旧小节 {: #old }\n-->\n<!-- 注释 -->\n## 新小节 {: #new }\n"
            "<!-- 一行 --> 正文\n<!-- 开始\n## 也是旧的 {: #old-two }\n结束 -->\n")
    assert heading_ids(text) == {"new": "新小节"}


def test_headings_inside_admonitions_are_sections():
    """A heading inside an admonition (indented four spaces) is rendered with its id."""
    text = ('# 标题\n\n!!! note "提示"\n\n    ## 小节 {: #inside }\n\n    正文\n\n'
            "## 外面 {: #outside }\n\n    ## 代码块 {: #code }\n")
    assert heading_ids(text) == {"inside": "小节", "outside": "外面"}


def test_a_page_is_read_once_while_it_is_unchanged(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch):
    """Banks, quizzes and the study data all ask for a page's ids: read the file once."""
    page = tmp_path / "page.md"
    page.write_text("## 一 {: #one }\n", encoding="utf-8")
    reads: list[Path] = []
    original = Path.read_text

    def counting(self: Path, *args: object, **kwargs: object) -> str:
        reads.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counting)
    assert read_heading_ids(page) == read_heading_ids(page) == {"one": "一"}
    assert reads.count(page) == 1
    page.write_text("## 二 {: #two }\n", encoding="utf-8")
    pages.forget_pages()
    assert read_heading_ids(page) == {"two": "二"}
