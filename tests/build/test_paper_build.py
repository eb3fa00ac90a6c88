"""Real ``mkdocs build`` runs of printable papers on the tiny fixture site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.validate import load_banks
from tests.build.test_mkdocs_build import real_site, run  # noqa: F401  (a fixture)
from tests.conftest import ROOT

EXAM = """
extra:
  exam:
    single: {single}
    multiple: 0
    judge: 0
    fill: 1
    points: {{single: 50, fill: 50}}
    minutes: 5
"""


def add_page(site: Path, name: str, text: str) -> None:
    page = site / "docs" / name
    page.write_text(f"# 试卷（打印版） {{: #paper }}\n\n{text}\n", encoding="utf-8")


def add_exam(site: Path, single: int) -> None:
    with (site / "mkdocs.yml").open("a", encoding="utf-8") as conf:
        conf.write(EXAM.format(single=single))


def test_bank_paper_and_mock_paper_build(sample_site, tmp_path):
    """paper() may stand on any page (quiz() only on its bank's page); mock_paper() uses exam:."""
    add_page(sample_site, "paper.md", '{{ paper("sample") }}')
    add_page(sample_site, "mock.md", "{{ mock_paper() }}")
    add_exam(sample_site, single=1)
    result = run(["build", "--strict", "-d", str(tmp_path / "out")], sample_site)
    assert result.returncode == 0, result.stderr
    paper = (tmp_path / "out" / "paper" / "index.html").read_text(encoding="utf-8")
    assert 'id="paper-sample"' in paper and "data-search-exclude" in paper
    mock = (tmp_path / "out" / "mock" / "index.html").read_text(encoding="utf-8")
    assert "共2题，满分100分，考试时间5分钟" in mock


@pytest.mark.parametrize(("page", "single", "expected"), [
    ('{{ paper("nosuch") }}', 1, 'docs/paper.md:3：paper("nosuch") 找不到题库 quizzes/nosuch.yml'),
    ("{{ mock_paper() }}", None,
     "docs/paper.md:3：mock_paper() 需要 mkdocs.yml 里的 extra: exam: 设置"),
    ("", 3, "mkdocs.yml:{line}：extra.exam.single 要抽3道单选题，但所有题库里只有1道单选题"),
])
def test_paper_mistakes_fail_build_with_one_located_message(page, single, expected, sample_site,
                                                           tmp_path):
    """An unknown bank, a mock paper without settings or settings asking too much: no traceback."""
    add_page(sample_site, "paper.md", page)
    if single is not None:
        add_exam(sample_site, single)
    result = run(["build", "--strict", "-d", str(tmp_path / "out")], sample_site)
    conf = (sample_site / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next((number for number, text in enumerate(conf, 1) if text == "  exam:"), 0)
    assert result.returncode != 0
    assert expected.format(line=line) in result.stderr
    assert "Traceback" not in result.stderr



def test_the_real_site_has_a_generated_paper_for_every_bank(real_site):  # noqa: F811
    """Issue 5: papers/<bank>/ exists for every bank and is listed on the index."""
    banks = load_banks(ROOT / "quizzes", ROOT / "docs", ROOT)
    index = (real_site / "papers" / "index.html").read_text(encoding="utf-8")
    for bank in banks.values():
        paper = (real_site / "papers" / bank.id / "index.html").read_text(encoding="utf-8")
        assert f"{bank.title}（打印版）" in paper and f'id="paper-{bank.id}"' in paper
        assert f'href="{bank.id}/"' in index
    assert "各页自测试卷的列表" not in index


def test_a_content_error_stops_the_build_and_a_warning_does_not(tmp_path):
    """mkdocs build runs macros.checks: a half-width comma fails it; a reminder does not."""
    root = tmp_path / "project"
    for name in ("docs", "quizzes", "search", "overrides", "macros"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    registry = root / "quizzes" / "published-ids.txt"
    last = registry.read_text(encoding="utf-8").splitlines()[-1]
    registry.write_text(registry.read_text(encoding="utf-8").replace(f"\n{last}\n", "\n"),
                        encoding="utf-8")
    result = run(["build", "--strict", "-d", str(tmp_path / "ok")], root)
    assert result.returncode == 0, result.stderr
    assert f"题目 {last}：新题号还没有登记" in result.stderr
    page = root / "docs" / "about.md"
    with page.open("a", encoding="utf-8") as out:
        out.write("\n党章规定,要监督。\n")
    line = len(page.read_text(encoding="utf-8").splitlines())
    result = run(["build", "--strict", "-d", str(tmp_path / "bad")], root)
    assert result.returncode != 0
    assert f"docs/about.md:{line}：中文里用了半角标点" in result.stderr
    assert "Traceback" not in result.stderr
