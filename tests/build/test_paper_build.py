"""Real ``mkdocs build`` runs of printable papers on the tiny fixture site."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.build.test_mkdocs_build import run

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

