"""Heading ids read from page Markdown, as bank validation sees them."""

from macros.pages import heading_ids, jinja_style_ids


def test_heading_ids_and_titles():
    text = ("# 标题\n\n## 协助和监督 {: #assist-supervise }\n\n"
            "```\n## 代码 {: #not-a-heading }\n```\n")
    assert heading_ids(text) == {"assist-supervise": "协助和监督"}


def test_jinja_style_ids_are_found():
    """``{#id}`` opens a Jinja comment under the macros plugin: it must be caught first."""
    assert jinja_style_ids("# 标题\n## 小节 {#section}\n## 好的 {: #ok }\n") == [2]
