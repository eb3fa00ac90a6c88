"""The interface words live in one table (macros/ui_text.zh.yml), used by templates and scripts.

A script names its section once (``var TEXT = qz.text("quiz")``) and reads ``TEXT.name``;
a template calls ``t("section.name")``. These tests fail when a script or template asks for
a word the table does not have, or when member-facing Chinese is written into a script
instead of the table.
"""

from __future__ import annotations

import re

import pytest

from macros.model import TYPE_LABELS
from macros.ui_text import t, table
from tests.conftest import ROOT

SCRIPTS = sorted((ROOT / "docs" / "javascripts").glob("*.js"))
TEMPLATES = sorted((ROOT / "macros" / "templates").glob("*.html"))
# Python that prints words into the HTML (render.py, paper.py) reads them with t() too.
MODULES = sorted((ROOT / "macros").glob("*.py"))
_SECTION = re.compile(r"""var TEXT = (?:window\.)?qz\.text\("(\w+)"\)""")
# Any name a script gives a section (TEXT for its own; e.g. QUIZ for a word it shares).
_READS = re.compile(r"""var (\w+) = (?:window\.)?qz\.text\("(\w+)"\)""")
_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
# Chinese that is logic, not words for members: how fill answers are compared.
NOT_WORDS = {"qz-check.js"}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_every_word_a_script_reads_is_in_the_table(script):
    code = script.read_text(encoding="utf-8")
    assert len(_SECTION.findall(code)) <= 1, "one section per script"
    for name, section in _READS.findall(code):
        assert section in table(), f"add a section {section} to ui_text.zh.yml"
        entries = table()[section]
        missing = sorted(set(re.findall(rf"(?<![.\w]){name}\.(\w+)", code)) - set(entries))
        assert missing == [], f"add to ui_text.zh.yml under {section}: {missing}"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_no_member_facing_chinese_is_written_into_a_script(script):
    """Words for members belong in the table, where a maintainer finds and changes them."""
    if script.name in NOT_WORDS:
        pytest.skip("not words for members")
    code = _COMMENT.sub("", script.read_text(encoding="utf-8"))
    lines = [line.strip() for line in code.splitlines() if _CHINESE.search(line)]
    assert lines == []


@pytest.mark.parametrize("template", TEMPLATES + MODULES, ids=lambda path: path.name)
def test_every_word_a_template_reads_is_in_the_table(template):
    for key in re.findall(r"""\bt\(["']([\w.]+)["']""", template.read_text(encoding="utf-8")):
        section, name = key.split(".", 1)
        assert name in table().get(section, {}), f"add {key} to ui_text.zh.yml"


def test_placeholders_are_filled_and_unknown_ones_kept():
    key = next(f"{section}.{name}" for section, entries in table().items()
               for name, text in entries.items() if "{" in text)
    name = re.search(r"\{(\w+)\}", t(key))[1]
    assert "{" + name + "}" not in t(key, **{name: 7}) and "7" in t(key, **{name: 7})


def test_type_labels_come_from_the_table():
    assert table()["types"] == TYPE_LABELS
