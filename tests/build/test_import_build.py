"""A bank imported with dangjian import builds with ``mkdocs build --strict`` and no hand edit."""

from __future__ import annotations

import shutil

import docx

from macros.cli import main
from tests.build.test_mkdocs_build import run
from tests.conftest import ROOT


def test_an_imported_new_bank_builds_strict_with_its_page_and_paper(tmp_path, monkeypatch):
    root = tmp_path / "project"
    for name in ("docs", "quizzes", "search", "overrides", "macros"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    document = docx.Document()
    for line in ["一、单选题", "1．机关党组织是党的哪一类组织?", "A．领导机关 B．基层组织",
                 "答案：B", "二、填空题", "2. 党的根本组织原则是____。", "答案：民主集中制"]:
        document.add_paragraph(line)
    document.save(str(root / "题库.docx"))
    monkeypatch.chdir(root)
    assert main(["import", "题库.docx", "--bank", "discipline", "--title", "纪律教育自测"]) == 0
    result = run(["build", "--strict", "-d", str(tmp_path / "out")], root)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "discipline" / "index.html").read_text(encoding="utf-8")
    assert "机关党组织是党的哪一类组织？" in page
    paper = (tmp_path / "out" / "papers" / "discipline" / "index.html").read_text(encoding="utf-8")
    assert "纪律教育自测（打印版）" in paper
    assert 'href="discipline/"' in (tmp_path / "out" / "papers" / "index.html").read_text(
        encoding="utf-8")
