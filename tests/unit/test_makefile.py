"""The Makefile's set-up: a .venv made by another Python is rebuilt, not reused."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(project: Path, venv_python: str) -> str:
    """What `make .venv/.installed` would do for a .venv whose python reports ``venv_python``."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    bin_dir = project / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    fake = bin_dir / "python"
    fake.write_text(f"#!/bin/sh\necho {venv_python}\n", encoding="utf-8")
    fake.chmod(0o755)
    stamp = project / ".venv" / ".installed"
    stamp.touch()
    later = (project / "pyproject.toml").stat().st_mtime + 10
    os.utime(stamp, (later, later))  # newer than pyproject.toml: only the Python can differ
    result = subprocess.run(["make", "-n", ".venv/.installed", f"PYTHON={sys.executable}"],
                            cwd=project, capture_output=True, text=True, check=True)
    return result.stdout


def test_a_venv_of_another_python_is_rebuilt(tmp_path):
    out = dry_run(tmp_path, "2.7.18")
    assert "-m venv --clear .venv" in out


def test_a_venv_of_this_python_is_kept(tmp_path):
    version = ".".join(map(str, sys.version_info[:3]))
    assert "-m venv" not in dry_run(tmp_path, version)
