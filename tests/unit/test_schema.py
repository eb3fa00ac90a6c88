"""The quick yes of macros/schema.py agrees with jsonschema, which is imported only on a no."""

from __future__ import annotations

import copy
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from macros.contest import CONTEST_SCHEMA
from macros.validate import BANK_SCHEMA
from tests.conftest import ROOT

CONTEST = yaml.safe_load((ROOT / "quizzes" / "contests" / "default.yml").read_text("utf-8"))
BANK = yaml.safe_load(next(ROOT.glob("quizzes/*.yml")).read_text("utf-8"))
ODD_VALUES: list[Any] = [None, "", "文字", 0, -1, 3.5, True, [], ["x"], {}, {"x": 1}]


def variants(document: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[str, Any]]:
    """The document with each value in turn replaced by odd values, or its key removed."""
    here: Any = document
    for step in path:
        here = here[step]
    keys = list(here) if isinstance(here, dict) else range(len(here))
    for key in keys:
        for value in ODD_VALUES:
            changed = copy.deepcopy(document)
            target = changed
            for step in path:
                target = target[step]
            target[key] = value
            yield f"{'/'.join(map(str, (*path, key)))}={value!r}", changed
        if isinstance(here, dict):
            changed = copy.deepcopy(document)
            target = changed
            for step in path:
                target = target[step]
            del target[key]
            yield f"{'/'.join(map(str, (*path, key)))} removed", changed
        if isinstance(here[key], dict | list) and len(path) < 3:
            yield from variants(document, (*path, key))


def cases(document: Any, limit: int) -> list[tuple[str, Any]]:
    found = list(variants(document))
    step = max(1, len(found) // limit)
    return found[::step]


@pytest.mark.parametrize(("schema", "document"), [
    (CONTEST_SCHEMA, CONTEST), (BANK_SCHEMA, {**BANK, "questions": BANK["questions"][:4]})],
    ids=["contest", "bank"])
def test_the_quick_check_says_yes_exactly_when_jsonschema_finds_nothing(schema, document):
    checked = cases(document, 200)
    assert schema.holds(document) and not schema.full_check(document)
    refused = 0
    for name, changed in checked:
        found = schema.full_check(changed)
        assert schema.holds(changed) == (not found), name
        assert [error.message for error in schema.errors(changed)] == [
            error.message for error in found], name
        refused += bool(found)
    assert refused > len(checked) / 2  # the variants do break the schema, mostly


def test_a_sound_build_never_imports_jsonschema():
    """Importing jsonschema costs a fifth of a build of the real site: only on a mistake."""
    code = ("import sys\nfrom macros.validate import load_banks\nfrom macros.contest import "
            "load_contests\nfrom pathlib import Path\nroot = Path(sys.argv[1])\n"
            "banks = load_banks(root / 'quizzes', root / 'docs', root)\n"
            "load_contests(root / 'quizzes' / 'contests', banks, root)\n"
            "print('jsonschema' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code, str(ROOT)], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert run.stdout.strip() == "False"
