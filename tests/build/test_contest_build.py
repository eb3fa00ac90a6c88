"""Real ``mkdocs build`` runs of a 知识竞赛 on the tiny fixture site."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.build.test_mkdocs_build import run

CONTEST = """\
id: club
title: 小竞赛
teams: [甲队, 乙队]
rounds:
  - name: 抢答题
    kind: buzz
    questions: {{single: {single}, judge: 1}}
    points: 10
    seconds: 20
"""


def add_contest(site: Path, single: int, page: str = '{{ contest("club") }}') -> None:
    folder = site / "quizzes" / "contests"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "club.yml").write_text(CONTEST.format(single=single), encoding="utf-8")
    (site / "docs" / "contest.md").write_text(f"# 知识竞赛\n\n{page}\n", encoding="utf-8")


def test_a_contest_page_and_host_sheet_build(sample_site, tmp_path):
    """contest() renders the stage and the list; view="host" the printable sheet."""
    add_contest(sample_site, 1, '{{ contest("club") }}\n\n{{ contest("club", view="host") }}')
    result = run(["build", "--strict", "-d", str(tmp_path / "out")], sample_site)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "contest" / "index.html").read_text(encoding="utf-8")
    assert page.count("data-qz-contest-item=") == 2
    assert page.count("data-qz-contest-host-question=") == 2
    assert "data-search-exclude" in page


@pytest.mark.parametrize(("single", "page", "expected"), [
    (5, '{{ contest("club") }}', "quizzes/contests/club.yml:7：第1轮（抢答题）要抽5道单选题"),
    (1, '{{ contest("nosuch") }}', 'docs/contest.md:3：contest("nosuch") 找不到竞赛'),
])
def test_contest_mistakes_fail_build_with_one_located_message(single, page, expected,
                                                              sample_site, tmp_path):
    """Too few questions for a round, or an unknown contest on a page: located, no traceback."""
    add_contest(sample_site, single, page)
    result = run(["build", "--strict", "-d", str(tmp_path / "out")], sample_site)
    assert result.returncode != 0
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
