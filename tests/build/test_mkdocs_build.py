"""Real ``mkdocs build`` and ``mkdocs serve`` runs: the site builds, broken input fails cleanly."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(args: list[str], cwd: Path, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MKDOCS, *args], cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=timeout, check=False)


def test_real_site_builds_strict(tmp_path):
    """The shipped site, all banks and pages, builds with --strict and no warning."""
    result = run(["build", "--strict", "-d", str(tmp_path / "out")], ROOT)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (tmp_path / "out" / "role" / "index.html").is_file()


def test_fixture_site_builds(sample_site, tmp_path):
    result = run(["build", "--strict", "-d", str(tmp_path / "out")], sample_site)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "sample" / "index.html").read_text(encoding="utf-8")
    assert 'data-quiz-id="sample"' in html


@pytest.mark.parametrize("case", ["yaml-unclosed-quote", "not-utf8", "tab-indent",
                                  "answer-outside-options", "bad-source-anchor", "script-in-stem"])
def test_broken_bank_fails_build_with_one_message_and_no_traceback(case, sample_site, tmp_path):
    """A broken bank stops the build with the located message, never a traceback or a page."""
    shutil.copy(FIXTURES / "broken" / f"{case}.yml", sample_site / "quizzes" / "sample.yml")
    out = tmp_path / "out"
    result = run(["build", "--strict", "-d", str(out)], sample_site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "ERROR" in result.stderr and "quizzes/sample.yml:" in result.stderr
    assert not (out / "sample" / "index.html").exists()


@pytest.mark.parametrize(("markdown", "expected"), [
    ('{{ quiz("nosuch") }}', 'docs/sample.md:18：quiz("nosuch") 找不到题库 quizzes/nosuch.yml'),
    ("## 坏标题 {#bad}", "docs/sample.md:18：标题 id 要写成 {: #english-id }"),
])
def test_page_mistakes_fail_build_with_located_message(markdown, expected, sample_site, tmp_path):
    """An unknown bank name or a Jinja-style heading id is named with page and line.

    The page gets front matter too (4 lines), which MkDocs strips before the
    macros see the page: the line must still be the file's own line 18.
    """
    page = sample_site / "docs" / "sample.md"
    text = page.read_text(encoding="utf-8")
    assert text.count("\n") == 13
    page.write_text("---\ntitle: 样例\nsummary: 样例\n---\n" + text + markdown + "\n",
                    encoding="utf-8")
    result = run(["build", "--strict", "-d", str(tmp_path / "out")], sample_site)
    assert result.returncode != 0
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_stops_on_broken_bank_with_message(sample_site):
    """``mkdocs serve`` must give the same message instead of serving a half-broken site."""
    shutil.copy(FIXTURES / "broken" / "unknown-type.yml", sample_site / "quizzes" / "sample.yml")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run(["serve", "--dev-addr", f"127.0.0.1:{port}"], sample_site, timeout=60)
    assert result.returncode != 0
    assert "type 只能是 single" in result.stderr
    assert "Traceback" not in result.stderr
