"""Shared fixtures: the project's paths and a throw-away copy of the tiny fixture site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def sample_site(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/site: one page, one bank, real mkdocs.yml."""
    site = tmp_path / "site-src"
    shutil.copytree(FIXTURES / "site", site)
    return site
