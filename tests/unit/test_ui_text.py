"""The interface words live in one table (macros/ui_text.zh.yml), used by templates and scripts.

A script names its section once (``var TEXT = qz.text("quiz")``) and reads ``TEXT.name``;
a template calls ``t("section.name")``. These tests fail when a script or template asks for
a word the table does not have, or when member-facing Chinese is written into a script
instead of the table.
"""

from __future__ import annotations

import json
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


def test_each_built_script_carries_the_sections_it_reads_and_no_others(tmp_path):
    """A page loads only the words of the scripts it runs (no file with every word)."""
    from macros.ui_text import READS, write_scripts

    scripts = tmp_path / "javascripts"
    scripts.mkdir()
    for script in SCRIPTS:
        (scripts / script.name).write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    write_scripts(tmp_path)
    carried = re.compile(
        r"^\(function\(\)\{var q=window\.qz=window\.qz\|\|\{\},s=(\{.*\}),t=q\.TEXT")
    for script in SCRIPTS:
        source = script.read_text(encoding="utf-8")
        built = (scripts / script.name).read_text(encoding="utf-8")
        reads = set(READS.findall(source))
        if not reads:
            assert built == source, script.name
            continue
        first, rest = built.split("\n", 1)
        sections = json.loads(carried.match(first)[1])
        assert set(sections) == reads, script.name
        assert all(sections[name] == table()[name] for name in reads)
        assert rest == source


def test_a_script_reading_a_section_the_table_lacks_stops_the_build(tmp_path):
    from macros.ui_text import write_scripts

    (tmp_path / "javascripts").mkdir()
    (tmp_path / "javascripts" / "qz-new.js").write_text('var TEXT = qz.text("nosuch");\n',
                                                        encoding="utf-8")
    with pytest.raises(ValueError, match="nosuch"):
        write_scripts(tmp_path)
