"""The fast suite: ``pytest -m "not browser"`` selects no browser test."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT


def test_not_browser_deselects_every_browser_test():
    """Every test under tests/browser/ is marked, including files that do not say so."""
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q",
                             "-p", "no:cacheprovider", "-m", "not browser", "tests/browser"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    # "no tests collected (N deselected)": all of them were there, and all were marked.
    assert re.search(r"no tests collected \(\d+ deselected\)", result.stdout), result.stdout[-2000:]
