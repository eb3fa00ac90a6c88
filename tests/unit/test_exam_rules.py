"""The mock exam's rules: one question per point, and 多选 partial credit (issue 10 item 8,
issue 11 item 6), on the printed paper as in mkdocs.yml."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from macros.errors import BankErrors
from macros.model import Bank, Question
from macros.paper import ExamConfig, draw, exam_config
from macros.validate import load_banks
from tests.conftest import ROOT

BANKS = load_banks(ROOT / "quizzes", ROOT / "docs", ROOT)
RAW = {"single": 1, "multiple": 1, "judge": 1, "fill": 0,
       "points": {"single": 2, "multiple": 4, "judge": 2, "fill": 4}, "minutes": 30}


def judge_bank(points: list[str | None]) -> Bank:
    """A bank of judge questions, the n-th with the n-th point (None: no point)."""
    questions = tuple(
        Question(id=f"p-{number:02d}", type="judge", stem=f"说法{number}", answer=True,
                 explanation="解析", source="intro", line=1, source_line=1, point=point)
        for number, point in enumerate(points, 1))
    return Bank(id="p", title="考点题库", page="p.md", path="quizzes/p.yml", page_line=1,
                questions=questions)


def judges(count: int) -> ExamConfig:
    return ExamConfig(counts={"single": 0, "multiple": 0, "judge": count, "fill": 0},
                      points={"single": 1, "multiple": 1, "judge": 1, "fill": 1}, minutes=5)


@pytest.mark.parametrize("seed", [str(n) for n in range(20)])
def test_the_draw_never_takes_two_questions_of_one_point(seed):
    """Two questions on one fact would weigh it twice: whatever the seed, one per point."""
    bank = judge_bank(["a", "a", "a", "b", "b", None, None])
    drawn = draw([bank], replace(judges(4), seed=seed))
    points = [q.point for q in drawn if q.point]
    assert len(drawn) == 4 and len(points) == len(set(points))


def test_asking_for_more_questions_than_distinct_points_is_refused():
    """Three judge questions on one point are one question for the draw: asking for two fails
    with a message naming the type and the number of distinct points."""
    bank = judge_bank(["a", "a", "a"])
    raw: dict[str, Any] = {**RAW, "single": 0, "multiple": 0, "judge": 2}
    with pytest.raises(BankErrors, match="只有1道考点不同的判断题"):
        exam_config(raw, [bank], ("mkdocs.yml", 3))


def test_partial_credit_is_off_by_default_and_printed_when_on():
    """Without multiple_partial nothing is said about 少选; with 0.5 the rules say it."""
    off = exam_config(RAW, BANKS.values(), ("mkdocs.yml", 1))
    assert off.multiple_partial == 0 and "少选" not in off.rules()
    on = exam_config({**RAW, "multiple_partial": 0.5}, BANKS.values(), ("mkdocs.yml", 1))
    assert on.partial_points == 2
    assert on.rules() == "共3题，满分8分，考试时间30分钟；多选题少选得2分，错选不得分"


@pytest.mark.parametrize("value", [1, 1.5, -0.1, "half", True, None])
def test_a_bad_partial_credit_setting_is_named(value):
    """Anything but a fraction from 0 up to 1 is refused with a Chinese message."""
    with pytest.raises(BankErrors, match=r"extra\.exam\.multiple_partial 应是0到1之间的小数"):
        exam_config({**RAW, "multiple_partial": value}, BANKS.values(), ("mkdocs.yml", 1))


def test_the_printed_mock_paper_states_the_partial_credit_rule():
    """With multiple_partial the paper's summary and its 多选题 part say 少选得N分；错选不得分."""
    from macros.paper import PaperRenderer
    from macros.render import Renderer

    papers = PaperRenderer(Renderer(["attr_list"], {}), BANKS, ROOT / "docs")
    on = exam_config({**RAW, "multiple_partial": 0.5}, BANKS.values(), ("mkdocs.yml", 1))
    html = str(papers.mock_paper(on))
    assert "多选题少选得2分，错选不得分" in html
    assert "每题4分，共1题4分；少选得2分，错选不得分" in html
    off = str(papers.mock_paper(exam_config(RAW, BANKS.values(), ("mkdocs.yml", 1))))
    assert "少选" not in off
