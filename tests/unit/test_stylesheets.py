"""The site's stylesheets are well formed.

An unclosed rule makes the browser read every rule after it as part of it, so whole
features lose their styles without any error (a merge once left two rules open and the
activity strip and the exam's tables on a phone lost theirs).
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

STYLESHEETS = sorted((ROOT / "docs" / "stylesheets").glob("*.css"))
_COMMENT = re.compile(r"/\*.*?\*/", re.S)


@pytest.mark.parametrize("sheet", STYLESHEETS, ids=lambda path: path.name)
def test_every_rule_is_closed_before_the_next_begins(sheet):
    text = _COMMENT.sub("", sheet.read_text(encoding="utf-8"))
    depth = 0
    groups: list[int] = []  # depths at which an @media/@supports block opened
    for number, line in enumerate(text.splitlines(), 1):
        for char in line:
            if char == "{":
                if line.lstrip().startswith("@"):
                    groups.append(depth)
                depth += 1
            elif char == "}":
                depth -= 1
                if groups and groups[-1] == depth:
                    groups.pop()
                assert depth >= 0, f"{sheet.name}:{number}: a “}}” closes nothing"
        selector = line.strip()
        if selector.endswith("{") and not selector.startswith("@"):
            assert depth - 1 == len(groups), f"{sheet.name}:{number}: a rule opens inside another"
    assert depth == 0, f"{sheet.name}: {depth} rule(s) left open"
