"""The broken-bank corpus: every mistake a maintainer can make gets one exact message.

Each file in tests/fixtures/broken/ is the fixture site's bank with one
mistake, and says in its header which line and message it must produce.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.errors import BankErrors
from macros.validate import load_banks

BROKEN = Path(__file__).resolve().parent.parent / "fixtures" / "broken"
CASES = sorted(BROKEN.glob("*.yml"))


def expectations(path: Path) -> dict[str, str]:
    header = path.read_bytes().split(b"\n")[:3]
    found = {}
    for line in header:
        if match := re.match(r"# (expect(?:-line|-id)?): (.*)", line.decode("utf-8")):
            found[match[1]] = match[2]
    return found


def test_corpus_is_large_enough():
    """Issue 2 asks for a corpus of at least 25 broken banks."""
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_broken_bank_gives_one_located_message(case: Path, sample_site: Path):
    """Guards the maintainer's one clear message: file, line, question id, what to fix."""
    expected = expectations(case)
    shutil.copy(case, sample_site / "quizzes" / "sample.yml")
    page = sample_site / "docs" / "sample.md"
    # A heading commented out is no section a question can point at (source-heading-in-comment).
    page.write_text(page.read_text(encoding="utf-8") + "\n<!--\n## 隐藏 {: #hidden }\n-->\n",
                    encoding="utf-8")
    with pytest.raises(BankErrors) as raised:
        load_banks(sample_site / "quizzes", sample_site / "docs", sample_site)
    errors = raised.value.errors
    assert len(errors) == 1, "\n".join(map(str, errors))
    error = errors[0]
    assert error.path == "quizzes/sample.yml"
    assert error.line == int(expected["expect-line"]), str(error)
    assert expected["expect"] in error.message, str(error)
    assert error.question_id == expected.get("expect-id"), str(error)
    message = str(raised.value)
    assert f"quizzes/sample.yml:{error.line}" in message
    assert "Traceback" not in message


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_quick_check_and_full_validation_agree(case: Path):
    """The compiled quick check must never pass a bank the full schema validation rejects."""
    from macros.loader import load_bank_file
    from macros.validate import BANK_SCHEMA

    data, errors = load_bank_file(case, "quizzes/sample.yml")
    if data is None:
        assert errors  # a YAML or encoding error, found before any schema check
        return
    assert BANK_SCHEMA.holds(data) == (not BANK_SCHEMA.full_check(data))
