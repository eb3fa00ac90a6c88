"""知识竞赛: the definition's checks (file:line messages), the seeded draw, the rendering."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from macros.contest import Contest, check_calls, load_contests, render
from macros.errors import BankErrors
from macros.model import TYPE_LABELS
from macros.render import Renderer
from macros.validate import load_banks
from tests.conftest import ROOT

BANKS = load_banks(ROOT / "quizzes", ROOT / "docs", ROOT)
CONTESTS = ROOT / "quizzes" / "contests"
DEFAULT = yaml.safe_load((CONTESTS / "default.yml").read_text(encoding="utf-8"))
RENDERER = Renderer(["attr_list", "md_in_html", "tables"], {})
ALL = [question for bank in BANKS.values() for question in bank.questions]
A_BANK = next(iter(BANKS))


def contests(tmp_path: Path, text: str, name: str = "demo") -> dict[str, Contest]:
    """Load one contest file written into a throw-away project."""
    folder = tmp_path / "quizzes" / "contests"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    return load_contests(folder, BANKS, tmp_path)


def errors(tmp_path: Path, text: str) -> list[str]:
    """The messages a broken contest file stops the build with."""
    with pytest.raises(BankErrors) as caught:
        contests(tmp_path, text)
    return [str(error) for error in caught.value.errors]


VALID = """\
id: demo
title: 测试竞赛
seed: 7
teams: [甲队, 乙队]
rounds:
  - name: 必答题
    kind: turns
    questions: {single: 2, judge: 2}
    points: 10
    seconds: 30
  - name: 风险题
    kind: risk
    questions: {single: 2}
    stakes: [10, 20]
    seconds: 60
"""


def test_the_default_contest_draws_what_it_asks_for_without_repeats():
    """Every round gets the types and counts its definition asks for, and no question twice."""
    contest = load_contests(CONTESTS, BANKS, ROOT)["default"]
    assert contest.teams == tuple(DEFAULT["teams"])
    assert [r.name for r in contest.rounds] == [r["name"] for r in DEFAULT["rounds"]]
    for round_, raw in zip(contest.rounds, DEFAULT["rounds"], strict=True):
        asked = {kind: count for kind, count in raw["questions"].items() if count}
        assert Counter(q.type for q in round_.questions) == asked
    ids = [q.id for r in contest.rounds for q in r.questions]
    assert len(ids) == len(set(ids))
    for round_ in contest.rounds:
        if round_.kind != "buzz":
            assert len(round_.questions) % len(contest.teams) == 0  # each team in turn


def test_the_draw_is_stable_and_follows_the_seed(tmp_path):
    """Same definition, same draw on every build; another seed, another draw and another key."""
    first = contests(tmp_path, VALID)["demo"]
    again = contests(tmp_path, VALID)["demo"]
    assert first == again and first.key == again.key
    other = contests(tmp_path, VALID.replace("seed: 7", "seed: 8"))["demo"]
    assert [q.id for r in other.rounds for q in r.questions] != [
        q.id for r in first.rounds for q in r.questions]
    assert other.key != first.key


def test_renaming_a_team_keeps_the_saved_contest():
    """The storage key covers the draw and rules, not team names the host may retype."""
    contest = load_contests(CONTESTS, BANKS, ROOT)["default"]
    assert replace(contest, teams=tuple(f"{t}改" for t in contest.teams)).key == contest.key


def test_listed_ids_are_kept_and_never_drawn_again(tmp_path):
    """A round of chosen ids asks exactly those; a seeded round elsewhere never repeats them."""
    singles = [q.id for q in ALL if q.type == "single"]
    chosen = singles[:2]
    text = VALID.replace("questions: {single: 2}\n    stakes",
                         f"ids: [{', '.join(chosen)}]\n    stakes")
    text = text.replace("{single: 2, judge: 2}", f"{{single: {len(singles) - 2}}}")
    text = text.replace("kind: turns", "kind: buzz")  # any count: no turns to share out
    contest = contests(tmp_path, text)["demo"]
    assert [q.id for q in contest.rounds[1].questions] == chosen
    assert not set(chosen) & {q.id for q in contest.rounds[0].questions}


@pytest.mark.parametrize(("change", "line", "fragment"), [
    (("questions: {single: 2}\n    stakes", "from: [no-such-bank]\n    questions: {single: 2}\n"
      "    stakes"), 13, "from 里没有题库 no-such-bank"),
    (("questions: {single: 2}\n    stakes", f"from: [{A_BANK}, {A_BANK}]\n    questions: "
      "{single: 2}\n    stakes"), 13, f"题库 {A_BANK} 写了两次"),
    (("questions: {single: 2}\n    stakes", "ids: [no-such-question]\n    stakes"),
     13, "题目 no-such-question 不在任何题库里"),
    (("points: 10", "points: 0"), 9, "points 是每题的分数"),
    (("points: 10", "points: 十分"), 9, "points 是每题的分数"),
    (("stakes: [10, 20]", "stakes: [10, 10]"), 14, "stakes 是风险题可选的分值"),
    (("seconds: 30", "seconds: 2"), 10, "seconds 是每题的答题时间"),
    (("kind: turns", "kind: quiz"), 7, "kind 只能是 turns"),
    (("teams: [甲队, 乙队]", "teams: [甲队]"), 4, "2到9个队"),
    (("teams: [甲队, 乙队]", "teams: [甲队, 甲队]"), 4, "队名不能重复"),
    (("    points: 10\n", ""), 6, "要写 points"),
    (("stakes: [10, 20]", "points: 10"), 11, "要写 stakes"),
    (("id: demo", "id: other"), 1, "应与文件名 demo.yml 一致"),
    (("    seconds: 30\n", "    seconds: 30\n    colour: red\n"), 11, "不认识的键 colour"),
    (("{single: 2, judge: 2}", "{single: 2, judge: 1}"), 8, "应是队数（2）的整数倍"),
    (("{single: 2, judge: 2}", "{single: 0}"), 8, "一道题也不抽"),
])
def test_a_broken_contest_is_refused_with_file_and_line(tmp_path, change, line, fragment):
    """Each mistake stops the build with the file, the line and what to write instead."""
    old, new = change
    assert old in VALID
    messages = errors(tmp_path, VALID.replace(old, new, 1))
    assert any(m.startswith(f"quizzes/contests/demo.yml:{line}") and fragment in m
               for m in messages), messages


def test_too_few_questions_names_the_round_and_what_is_left(tmp_path):
    """Asking for more judge questions than the banks hold is refused, counting what exists."""
    judges = sum(1 for q in ALL if q.type == "judge")
    messages = errors(tmp_path, VALID.replace("judge: 2", f"judge: {judges + 2}"))
    assert any(":8" in m and f"要抽{judges + 2}道{TYPE_LABELS['judge']}" in m
               and f"只有{judges}道" in m for m in messages), messages


def test_a_question_used_twice_is_refused(tmp_path):
    """The same id listed in two rounds is one question asked twice."""
    question = next(q.id for q in ALL if q.type == "single")
    text = VALID.replace("{single: 2, judge: 2}", f"{{single: 2}}\n    ids: [{question}]")
    text = text.replace("questions: {single: 2}\n    ids", "ids")
    text = text.replace("questions: {single: 2}\n    stakes", f"ids: [{question}, {question}]\n"
                                                             "    stakes")
    messages = errors(tmp_path, text)
    assert any("重复" in m and question in m for m in messages), messages


def test_yaml_aliases_are_refused(tmp_path):
    """An alias can blow a few lines up into gigabytes: refused before parsing."""
    text = VALID.replace("teams: [甲队, 乙队]", "teams: &t [甲队, 乙队]\nalso: *t")
    assert any("引用" in m for m in errors(tmp_path, text))


def test_an_unknown_contest_on_a_page_is_named_with_its_line(tmp_path):
    """contest("nope") on a page is reported as file:line before Jinja runs."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("# 页面\n\n{{ contest(\"nope\") }}\n", encoding="utf-8")
    known = load_contests(CONTESTS, BANKS, ROOT)
    messages = [str(e) for e in check_calls(docs, known)]
    assert messages and messages[0].startswith("docs/page.md:3") and "nope" in messages[0]


def test_screen_and_host_sheet_show_the_same_questions_in_order():
    """The projector page, its no-script list and the host sheet come from one draw."""
    contest = load_contests(CONTESTS, BANKS, ROOT)["default"]
    drawn = [q.id for r in contest.rounds for q in r.questions]
    screen = str(render(RENDERER, contest, "screen"))
    host = str(render(RENDERER, contest, "host"))
    assert re.findall(r'data-qz-contest-item="([^"]+)"', screen) == drawn
    assert re.findall(r'data-qz-contest-host-question="([^"]+)"', host) == drawn
    assert screen.count("<details") == len(drawn)
    assert host.count("<tr><th scope=\"row\">") == len(drawn)  # one score-sheet row each


def test_team_names_are_escaped(tmp_path):
    """A team name is text: markup in it never reaches the page as HTML."""
    text = VALID.replace("teams: [甲队, 乙队]", "teams: ['<img src=x>', 乙队]")
    contest = contests(tmp_path, text)["demo"]
    html = str(render(RENDERER, contest, "screen")) + str(render(RENDERER, contest, "host"))
    assert "<img" not in html and "&lt;img src=x&gt;" in html
