"""知识竞赛: load and check a contest definition, draw its questions, render its pages.

A contest (``quizzes/contests/<id>.yml``) names the teams, the rounds (必答题 ``turns``,
抢答题 ``buzz``, 风险题 ``risk``), what each round draws and its points and seconds.
The draw happens here, at build time, with the mock paper's seeded draw
(``macros.paper.draw``), so the projector page, its no-script list and the host's
printed sheet always show the same questions in the same order.  The browser keeps
the contest's progress under a key that includes ``Contest.key``, a fingerprint of
the draw: a rebuilt contest with other questions never resumes an old one.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from markupsafe import Markup

from macros.blocks import hold
from macros.errors import BankError, BankErrors
from macros.loader import line_of, load_bank_file
from macros.model import TYPE_LABELS, Bank, Question
from macros.paper import TYPES, ExamConfig, draw
from macros.render import Renderer
from macros.schema import Schema
from macros.ui_text import t

if TYPE_CHECKING:
    from jsonschema import ValidationError

CONTEST_SCHEMA = Schema("contest.schema.json")
SCHEMA: dict[str, Any] = CONTEST_SCHEMA.contents
VIEWS = ("screen", "host")
_CALL = re.compile(r"""\bcontest\(\s*(["'])(?P<name>[^"']*)\1""")
_NUMERALS = "一二三四五六七八九十"
# A fill-in blank on the big screen: its number over a writing line.
_BLANK = Markup('<span class="qz-contest__blank">（{}）</span>')
# Each kind of round's rule, in the table (ui_text.zh.yml, contest section).
_RULES = {"turns": "contest.ruleTurns", "buzz": "contest.ruleBuzz", "risk": "contest.ruleRisk"}


@dataclass(frozen=True)
class Round:
    """One checked round and the questions drawn for it, in the order they are asked."""

    name: str
    kind: str
    seconds: int
    questions: tuple[Question, ...]
    points: int = 0
    penalty: int = 0
    stakes: tuple[int, ...] = ()

    @property
    def rule(self) -> str:
        """The round's rule in one sentence, as the host reads it out and the screen shows it."""
        return t(_RULES[self.kind], points=self.points, penalty=self.penalty,
                 stakes=t("quiz.listJoin").join(str(s) for s in self.stakes))


@dataclass(frozen=True)
class Contest:
    """A checked contest with its draw."""

    id: str
    title: str
    teams: tuple[str, ...]
    rounds: tuple[Round, ...]

    @property
    def key(self) -> str:
        """Fingerprint of the teams' number and every round's rules and questions (10 hex).

        It names the saved progress in the browser: change the draw and an old
        contest is not resumed against the new questions.
        """
        payload = json.dumps([self.id, len(self.teams), [
            [r.name, r.kind, r.seconds, r.points, r.penalty, list(r.stakes),
             [[q.id, q.content_hash] for q in r.questions]] for r in self.rounds]],
            ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:10]


def _schema_message(error: ValidationError) -> tuple[list[Any], str]:
    """One Chinese message for one schema error, and the path of the value it is about."""
    path = list(error.absolute_path)
    if error.validator == "required":
        missing = next((name for name in error.validator_value if name not in error.instance), "")
        return path, f"缺少 {missing}。{error.schema.get('x-message', '')}".rstrip("。") + "。"
    if error.validator == "additionalProperties":
        known = "、".join(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})), key=str)
        return [*path, extra[0]], f"不认识的键 {'、'.join(map(str, extra))}；可用的键：{known}"
    hint = error.schema.get("x-message")
    if hint is None and error.parent is not None:
        hint = error.parent.schema.get("x-message")
    if hint is None:
        hint = _hint_for(path)
    return path, hint


def _hint_for(path: list[Any]) -> str:
    """Find the x-message of the schema node that describes the value at ``path``."""
    node: Any = SCHEMA
    hint = "写法不对"
    for step in path:
        if node.get("$ref"):
            node = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]]
        if isinstance(step, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(step, {})
        if node.get("$ref"):
            node = {**SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]], **node}
        hint = node.get("x-message", hint)
    return hint


def _has_alias(text: str) -> bool:
    """Tell whether the YAML uses an alias (``*name``): a few lines could expand to gigabytes."""
    try:
        return any(isinstance(token, yaml.AliasToken) for token in yaml.scan(text))
    except yaml.YAMLError:
        return False  # the loader reports the syntax error with its line


def _draw_round(raw: Mapping[str, Any], where: str, used: set[str], banks: Mapping[str, Bank],
                by_id: Mapping[str, Question], seed: str,
                problem: Callable[[list[Any], str], None]) -> list[Question]:
    """Pick one round's questions: the listed ``ids`` or a seeded draw not repeating ``used``."""
    if "ids" in raw:
        chosen = []
        for index, question_id in enumerate(raw["ids"]):
            if question_id not in by_id:
                problem(["ids", index], f"{where}的题目 {question_id} 不在任何题库里"
                        "（已停用的题目也不能用）")
            elif question_id in used or question_id in (q.id for q in chosen):
                problem(["ids", index], f"{where}的题目 {question_id} 在本次竞赛里重复了："
                        "同一道题只能出一次")
            else:
                chosen.append(by_id[question_id])
        return chosen
    sources = list(banks.values())
    if "from" in raw:
        sources = []
        for index, bank_id in enumerate(raw["from"]):
            if bank_id in banks and banks[bank_id] in sources:
                problem(["from", index], f"{where}的 from 里题库 {bank_id} 写了两次")
            elif bank_id in banks:
                sources.append(banks[bank_id])
            else:
                problem(["from", index], f"{where}的 from 里没有题库 {bank_id}；"
                        f"现有的题库：{'、'.join(sorted(banks))}")
    pool = [replace(bank, questions=tuple(q for q in bank.questions if q.id not in used))
            for bank in sources]
    counts = {kind: raw["questions"].get(kind, 0) for kind in TYPES}
    if not sum(counts.values()):
        problem(["questions"], f"{where}一道题也不抽：至少一种题型的题数要大于0")
        return []
    short = False
    for kind in TYPES:
        have = sum(1 for bank in pool for q in bank.questions if q.type == kind)
        if counts[kind] > have:
            short = True
            problem(["questions", kind], f"{where}要抽{counts[kind]}道{TYPE_LABELS[kind]}，"
                    f"但除去前面各轮用过的题，可用的只有{have}道")
    if short:
        return []
    return draw(pool, ExamConfig(counts=counts, points={}, minutes=1, seed=seed))


def validate_contest(data: Any, display: str, stem: str,
                     banks: Mapping[str, Bank]) -> tuple[Contest | None, list[BankError]]:
    """Check one parsed contest against the schema and the banks; draw it if it is sound."""
    errors: list[BankError] = []

    def add(path: list[Any], message: str) -> None:
        found = BankError(display, line_of(data, path), None, message)
        if found not in errors:
            errors.append(found)

    for error in CONTEST_SCHEMA.errors(data):
        add(*_schema_message(error))
    if errors:
        return None, errors
    if data["id"] != stem:
        add(["id"], f"竞赛 id “{data['id']}” 应与文件名 {stem}.yml 一致")
    teams = tuple(data["teams"])
    seed = str(data.get("seed", "1"))
    by_id = {q.id: q for bank in banks.values() for q in bank.questions}
    # Listed ids are kept out of every seeded draw, whichever round lists them.
    used = {question_id for raw in data["rounds"] for question_id in raw.get("ids", [])}
    rounds = []
    for index, raw in enumerate(data["rounds"]):
        where = f"第{index + 1}轮（{raw['name']}）"

        def problem(path: list[Any], message: str, index: int = index) -> None:
            add(["rounds", index, *path], message)

        kind = raw["kind"]
        if ("ids" in raw) == ("questions" in raw):
            problem([], f"{where}要写 questions（各题型抽几道）或 ids（指定题目），只写其中一个")
            continue
        if kind == "risk":
            if "stakes" not in raw:
                problem([], f"{where}是风险题，要写 stakes（可选的分值），例如 [10, 20, 30]")
            for key in ("points", "penalty"):
                if key in raw:
                    problem([key], f"{where}是风险题，分值写在 stakes 里，不用 {key}")
        else:
            if "points" not in raw:
                problem([], f"{where}要写 points（每题的分数）")
            if "stakes" in raw:
                problem(["stakes"], f"{where}不是风险题，不用 stakes")
            if kind == "turns" and "penalty" in raw:
                problem(["penalty"], f"{where}是必答题，答错不扣分，不用 penalty")
        mine = used - set(raw.get("ids", []))
        questions = _draw_round(raw, where, mine | {q.id for r in rounds for q in r.questions},
                                banks, by_id, seed, problem)
        if kind in ("turns", "risk") and questions and len(questions) % len(teams):
            problem(["ids" if "ids" in raw else "questions"],
                    f"{where}各队轮流作答，题数（{len(questions)}）应是队数（{len(teams)}）"
                    "的整数倍，各队的题才一样多")
        rounds.append(Round(name=raw["name"], kind=kind, seconds=raw["seconds"],
                            questions=tuple(questions), points=raw.get("points", 0),
                            penalty=raw.get("penalty", raw.get("points", 0)),
                            stakes=tuple(raw.get("stakes", ()))))
    if errors:
        return None, errors
    return Contest(id=data["id"], title=data["title"], teams=teams, rounds=tuple(rounds)), []


def load_contests(contest_dir: Path, banks: Mapping[str, Bank],
                  project_dir: Path) -> dict[str, Contest]:
    """Load and check every contest; raise ``BankErrors`` listing every mistake found."""
    errors: list[BankError] = []
    contests: dict[str, Contest] = {}
    for path in sorted(contest_dir.glob("*.y*ml")):
        display = path.relative_to(project_dir).as_posix()
        if path.suffix != ".yml":
            errors.append(BankError(display, 1, None, "竞赛文件的扩展名请用 .yml"))
            continue
        if _has_alias(path.read_text(encoding="utf-8-sig", errors="replace")):
            errors.append(BankError(display, 1, None, "竞赛文件不能用 YAML 的引用（*名称），"
                                    "请把内容直接写出来"))
            continue
        data, problems = load_bank_file(path, display)
        if problems:
            errors += problems
            continue
        contest, problems = validate_contest(data, display, path.stem, banks)
        errors += problems
        if contest is not None:
            contests[contest.id] = contest
    if errors:
        raise BankErrors(errors)
    return contests


def check_calls(docs_dir: Path, contests: Mapping[str, Contest]) -> list[BankError]:
    """Find ``contest("…")`` calls on pages naming a contest that does not exist.

    Checked before any page renders: a bad name inside the macro would end the
    build with a traceback instead of a line the maintainer can act on.
    """
    errors = []
    known = "、".join(sorted(contests)) or "（quizzes/contests/ 里还没有竞赛）"
    for page in sorted(docs_dir.rglob("*.md")):
        text = page.read_text(encoding="utf-8-sig")
        for number, line in enumerate(text.splitlines(), 1):
            for match in _CALL.finditer(line):
                if match["name"] not in contests:
                    errors.append(BankError(f"docs/{page.relative_to(docs_dir).as_posix()}",
                                            number, None,
                                            f"contest(\"{match['name']}\") 找不到竞赛 "
                                            f"quizzes/contests/{match['name']}.yml；"
                                            f"现有的竞赛：{known}"))
    return errors


def _items(renderer: Renderer, contest: Contest) -> Iterator[dict[str, Any]]:
    """Everything the templates show of each question, numbered through the contest."""
    number = 0
    for index, round_ in enumerate(contest.rounds):
        for position, question in enumerate(round_.questions):
            number += 1
            options = dict(question.options)
            if question.type == "judge":
                options = {"true": "正确", "false": "错误"}
            turn = (contest.teams[position % len(contest.teams)]
                    if round_.kind in ("turns", "risk") else None)
            yield {
                "q": question, "number": number, "round": index, "position": position + 1,
                "turn": turn, "turn_index": position % len(contest.teams),
                "label": TYPE_LABELS[question.type],
                "stem": renderer.stem(question, _BLANK),
                "options": {key: renderer.markdown(text) for key, text in options.items()},
                "key": renderer.key(question),
                "answer": json.dumps(question.answer, ensure_ascii=False),
                "explanation": renderer.markdown(question.explanation),
            }


def render(renderer: Renderer, contest: Contest, view: str) -> Markup:
    """Render the projector page (``screen``) or the host's printable sheet (``host``)."""
    items = list(_items(renderer, contest))
    rounds = [{"numeral": _NUMERALS[i] if i < len(_NUMERALS) else str(i + 1), "round": r,
               "items": [item for item in items if item["round"] == i]}
              for i, r in enumerate(contest.rounds)]
    config = json.dumps({
        "id": contest.id, "key": contest.key, "teams": list(contest.teams),
        "rounds": [{"title": t("contest.roundTitle", numeral=row["numeral"],
                                name=row["round"].name),
                    "name": row["round"].name, "kind": row["round"].kind,
                    "seconds": row["round"].seconds, "points": row["round"].points,
                    "penalty": row["round"].penalty, "stakes": list(row["round"].stakes),
                    "rule": row["round"].rule, "count": len(row["items"])} for row in rounds],
    }, ensure_ascii=False)
    template = "contest.html" if view == "screen" else "contest-host.html"
    return renderer.template(template, contest=contest, rounds=rounds, items=items,
                             config=config, total=len(items))


def register(env: Any, banks: Mapping[str, Bank], renderer: Renderer) -> None:
    """Load every contest, check the pages' calls, and define the ``contest`` macro."""
    project_dir = Path(env.project_dir)
    contests = load_contests(project_dir / "quizzes" / "contests", banks, project_dir)
    errors = check_calls(Path(env.conf["docs_dir"]), contests)
    if errors:
        raise BankErrors(errors)

    @env.macro
    def contest(name: str, view: str = "screen") -> Markup:
        """Render contest ``name``: the projector page, or with ``view="host"`` the host sheet."""
        if view not in VIEWS:
            raise BankErrors([BankError("docs", 1, None,
                                        f"contest(\"{name}\", view=\"{view}\")：view 只能是 "
                                        f"{'、'.join(VIEWS)}")])
        return Markup(hold(render(renderer, contests[name], view)))
