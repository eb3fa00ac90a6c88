"""Task-list items become labelled, keyed checkboxes."""

from __future__ import annotations

import markdown

from macros.checklist import item_key


def render(text: str) -> str:
    md = markdown.Markdown(extensions=["pymdownx.tasklist", "macros.checklist"],
                           extension_configs={"pymdownx.tasklist": {"custom_checkbox": True,
                                                                    "clickable_checkbox": True}})
    return md.convert(text)


def test_item_text_is_inside_the_label_and_keyed():
    """Guards the accessible name (axe 'label') and the key the tick is stored under."""
    html = render("- [ ] 读完**职能定位**\n- [x] 参加一次活动\n")
    key = item_key("读完<strong>职能定位</strong>")
    label = '<label class="task-list-control qz-check">'
    assert f'{label}<input type="checkbox" data-qz-check="{key}">' in html
    assert '<span class="qz-check__text">读完<strong>职能定位</strong></span></label></li>' in html
    assert 'checked data-qz-check="' in html


def test_key_depends_on_visible_text_only():
    assert item_key("读完<strong>职能定位</strong>") == item_key("读完职能定位")
    assert item_key("读完职能定位") != item_key("读完工作方法")
