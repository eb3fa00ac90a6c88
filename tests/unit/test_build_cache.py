"""What one build compiles, the next takes as it is: unless its text changed or the file is bad."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from macros import build_cache
from tests.conftest import ROOT


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(build_cache, "template_cache",
                        lambda: build_cache.TemplateCache(str(tmp_path)))
    return tmp_path


def compiled(key: str, calls: list[str], value: int) -> int:
    def source() -> str:
        calls.append(key)
        return f"answer = {value}\n"
    namespace: dict[str, int] = {}
    exec(build_cache.python_code("demo", key, source), namespace)
    return namespace["answer"]


def test_code_is_compiled_once_for_its_text(folder: Path):
    calls: list[str] = []
    assert compiled("schema v1", calls, 1) == 1
    assert compiled("schema v1", calls, 99) == 1  # taken from the folder, not made again
    assert compiled("schema v2", calls, 2) == 2  # an edit is compiled again
    assert calls == ["schema v1", "schema v2"]
    assert len(list(folder.glob("dangjian-demo-*.code"))) == 2


def test_a_damaged_file_is_compiled_again(folder: Path):
    calls: list[str] = []
    compiled("text", calls, 1)
    for path in folder.glob("dangjian-demo-*.code"):
        path.write_bytes(b"\x00not code")
    assert compiled("text", calls, 3) == 3
    assert calls == ["text", "text"]


def test_no_folder_or_a_failed_write_only_compiles_each_time(folder: Path, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(os, "replace", lambda *args: (_ for _ in ()).throw(OSError(28, "full")))
    assert compiled("text", calls, 1) == 1 and compiled("text", calls, 1) == 1
    assert calls == ["text", "text"] and not list(folder.iterdir())  # no half-written file
    monkeypatch.setattr(build_cache, "template_cache", lambda: None)
    assert compiled("text", calls, 4) == 4


def test_the_next_build_takes_the_templates_compiled_by_the_last(tmp_path):
    """Jinja's cache (a private folder of the temp directory) spares each build compiling them."""
    code = ("import sys, jinja2\n"
            "if sys.argv[1] == 'again':\n"
            "    def refuse(*args, **kwargs): raise AssertionError('compiled again')\n"
            "    jinja2.Environment.compile = refuse\n"
            "from macros.render import _TEMPLATES\n"
            "print(len(_TEMPLATES.get_template('actions.html').render()))\n")
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code, run], cwd=ROOT, env=env,
                           capture_output=True, text=True) for run in ("first", "again")]
    assert [run.returncode for run in runs] == [0, 0], runs[1].stderr[-2000:]
    assert runs[0].stdout == runs[1].stdout and int(runs[0].stdout) > 0
    assert list(tmp_path.glob("_jinja2-cache-*/__jinja2_*"))


def test_a_cache_that_cannot_be_written_never_stops_a_build(tmp_path, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", disk_full)
    cache = build_cache.TemplateCache(str(tmp_path))
    environment = Environment(loader=FileSystemLoader(ROOT / "macros" / "templates"),
                              bytecode_cache=cache)
    environment.globals["t"] = lambda key, **values: key
    assert "quiz.submit" in environment.get_template("actions.html").render()
    assert not list(tmp_path.iterdir())
