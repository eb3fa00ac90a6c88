"""The one table of which scripts each kind of page needs (macros/page_scripts.py)."""

from __future__ import annotations

import json
import re

from macros.page_scripts import NEEDS, scripts_for, write_table
from tests.conftest import ROOT

SCRIPTS = ROOT / "docs" / "javascripts"


def test_every_listed_script_exists_and_every_script_is_listed():
    """A script missing from the table would never load; a listed one missing, 404 on a phone."""
    listed = {file for files in NEEDS.values() for file in files}
    assert listed <= {path.name for path in SCRIPTS.glob("qz-*.js")}
    assert {path.name for path in SCRIPTS.glob("qz-*.js")} - listed == {"qz-header.js"}


def test_a_page_gets_each_script_once_in_the_order_of_its_needs():
    files = scripts_for(["quiz", "view:exam", "no-such-need"])
    assert len(files) == len(set(files))
    assert files[:len(NEEDS["quiz"])] == NEEDS["quiz"]
    assert [file for file in files if file in NEEDS["view:exam"]] == NEEDS["view:exam"]
    assert scripts_for([]) == []


def test_the_build_gives_qz_header_the_same_table(tmp_path):
    scripts = tmp_path / "javascripts"
    scripts.mkdir()
    source = (SCRIPTS / "qz-header.js").read_text(encoding="utf-8")
    (scripts / "qz-header.js").write_text(source, encoding="utf-8")
    write_table(tmp_path)
    first, rest = (scripts / "qz-header.js").read_text(encoding="utf-8").split("\n", 1)
    assert json.loads(re.search(r"q\.NEEDS=(\{.*\});", first)[1]) == NEEDS
    assert rest == source
