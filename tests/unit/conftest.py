"""What several unit tests share: a writable copy of the project's content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT


def copy_project(tmp_path: Path) -> Path:
    """A writable copy of what the rules and a build read: pages, banks, theme overrides,
    mkdocs.yml, search dictionary."""
    root = tmp_path / "project"
    for name in ("docs", "quizzes", "search", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The copy, as the working directory: commands act on the project they are run in."""
    root = copy_project(tmp_path)
    monkeypatch.chdir(root)
    return root
