"""Check banks against the JSON Schema and the rules a schema cannot express.

Every mistake becomes one ``BankError`` naming file, line, question id and
the fix.  All banks are checked before any page renders, and all mistakes
are reported together, so the maintainer fixes everything in one round.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.errors import BankError, BankErrors
from macros.loader import LineDict, line_of, load_bank_file
from macros.model import BLANK, Bank, Question
from macros.pages import forget_pages, read_heading_ids
from macros.schema import Schema

if TYPE_CHECKING:
    from jsonschema import ValidationError

BANK_SCHEMA = Schema("bank.schema.json")
SCHEMA: dict[str, Any] = BANK_SCHEMA.contents

FIELD_NAMES = {
    "id": "编号", "title": "标题", "page": "配对页面", "shuffle": "打乱选项",
    "questions": "题目列表",
    "type": "题型", "stem": "题干", "options": "选项", "answer": "答案", "explanation": "解析",
    "source": "出处小节", "difficulty": "难度", "tags": "标签",
    "point": "考点", "any_order": "答案顺序不限",
}
# Steps in a schema path after which the schema describes a child value.
_CHILD_STEPS = {"properties", "items", "additionalProperties", "propertyNames", "prefixItems"}

# Raw HTML and script-bearing links: bank text is Markdown only.
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>?")
_BAD_URL = re.compile(r"\b(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
_IMAGE = re.compile(r"!\[")
# What qz-check.js ignores when it compares a fill answer (keep the two in step).
_IGNORED = re.compile(r"[\s\"'“”‘’「」『』《》〈〉]")
# Ids become keys of JavaScript objects in the browser (saved answers, the study data):
# a name Object.prototype already has would read as an inherited function.
RESERVED_IDS = {"constructor", "prototype", "__proto__", "hasownproperty", "isprototypeof",
                "propertyisenumerable", "tolocalestring", "tostring", "valueof"}


def normalize_fill(text: str) -> str:
    """Compare fill answers as qz-check.js does: NFKC, no spaces or quotation marks, lower case."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text)).lower()


def _reserved(value: Any) -> bool:
    return isinstance(value, str) and value.lower() in RESERVED_IDS


def _show(value: Any) -> str:
    """Quote what the maintainer wrote, shortened, for the message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return "一组内容" if isinstance(value, dict) else "一个列表"
    text = str(value)
    return f"“{text[:24]}{'…' if len(text) > 24 else ''}”"


def _hint(error: ValidationError) -> str | None:
    """Find the ``x-message`` of the schema node that describes the failing value."""
    node: Any = SCHEMA
    hint = node.get("x-message")
    for step in error.absolute_schema_path:
        if step in _CHILD_STEPS:
            hint = None
        # jsonschema leaves ``$ref`` hops out of the path: follow them when the step is missing.
        while isinstance(node, dict) and step not in node and "$ref" in node:
            node = BANK_SCHEMA.lookup(node["$ref"])
            hint = node.get("x-message", hint)
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "x-message" in node:
            hint = node["x-message"]
    return hint


def _field(path: Iterable[Any]) -> str:
    names = [step for step in path if isinstance(step, str)]
    return names[-1] if names else "题库"


def _schema_messages(error: ValidationError) -> Iterator[tuple[list[Any], str]]:
    """Turn one schema error into (path, message) pairs in plain Chinese."""
    path = list(error.absolute_path)
    if error.validator == "required":
        # A misspelt key (answr) or one indented under options already has its own message.
        present = list(error.instance) + list(_options(error.instance))
        for key in error.validator_value:
            if key in error.instance or difflib.get_close_matches(key, present, n=1, cutoff=0.75):
                continue
            yield path, f"缺少 {key}（{FIELD_NAMES.get(key, key)}），请补上"
        return
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(error.schema.get("properties", {}))
        for key in error.instance:
            if key in allowed:
                continue
            guess = difflib.get_close_matches(str(key), allowed, n=1)
            suggestion = f"，是不是想写 {guess[0]}？" if guess else ""
            yield [*path, key], (f"不认识的键 {key}{suggestion}可用的键：{'、'.join(allowed)}")
        return
    if "propertyNames" in error.absolute_schema_path:
        if error.instance in FIELD_NAMES:
            yield [*path, error.instance], (
                f"{error.instance} 缩进多了，被算进了 options 里：请让 {error.instance} "
                "与 options 左端对齐")
        else:
            yield [*path, error.instance], (
                f"选项的键 {_show(error.instance)} 不对：只能是大写字母 A 到 H")
        return
    hint = _hint(error)
    if error.validator == "not":
        # The only "not" rule forbids options on judge and fill questions.
        yield [*path, "options"], hint or "这种题型不写 options"
        return
    if error.validator == "type" and not path:
        yield path, "题库文件的最外层应该是 id、title、page、questions 这几个键"
        return
    if hint is None:
        hint = f"{_field(path)} 的值不符合要求：{_plain(error)}"
    if not isinstance(error.instance, dict | list) and error.validator not in {"not", "required"}:
        hint += f"；现在写的是 {_show(error.instance)}"
    yield path, hint


_TYPE_NAMES = {"string": "一段文字", "object": "一组“键: 值”", "array": "一个列表",
               "boolean": "true 或 false", "integer": "一个整数"}


def _plain(error: ValidationError) -> str:
    """Say in Chinese what a rule without its own x-message asks (jsonschema speaks English)."""
    if error.validator == "type":
        kinds = error.validator_value if isinstance(error.validator_value, list) else [
            error.validator_value]
        return f"应该是{'或'.join(_TYPE_NAMES.get(kind, kind) for kind in kinds)}"
    if error.validator == "enum":
        return f"只能是 {'、'.join(_show(value) for value in error.validator_value)} 之一"
    if error.validator == "minItems":
        return f"至少要写 {error.validator_value} 项"
    if error.validator == "uniqueItems":
        return "列表里有重复的项"
    return "内容不能是空的，格式请照着已有的题目写"


def _options(instance: Any) -> dict[str, Any]:
    options = instance.get("options") if isinstance(instance, dict) else None
    return options if isinstance(options, dict) else {}


def _question_id(data: Any, path: list[Any]) -> str | None:
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        questions = data.get("questions") if isinstance(data, dict) else None
        if isinstance(questions, list) and path[1] < len(questions):
            question = questions[path[1]]
            if isinstance(question, dict) and isinstance(question.get("id"), str):
                return question["id"]
    return None


def _text_fields(question: LineDict) -> Iterator[tuple[list[Any], str]]:
    for key in ("stem", "explanation"):
        yield [key], question[key]
    for key, text in question.get("options", {}).items():
        yield ["options", key], text
    for index, tag in enumerate(question.get("tags", [])):
        yield ["tags", index], tag
    if question["type"] == "fill":
        for index, blank in enumerate(question["answer"]):
            for accepted in blank if isinstance(blank, list) else [blank]:
                yield ["answer", index], str(accepted)


def _unsafe_text(text: str) -> str | None:
    if match := _HTML_TAG.search(text):
        return (f"含有 HTML 标签 {match.group(0)[:20]}。题库只能用 Markdown 写格式"
                "（如 **加粗**），HTML 不会被执行，请删去")
    if _BAD_URL.search(text):
        return "含有 javascript:、data: 这类链接，可能执行脚本，请删去"
    if _IMAGE.search(text):
        return "题库里不能插入图片（![…](…)），请删去"
    return None


def _check_question(question: LineDict) -> Iterator[tuple[list[Any], str]]:
    """Rules for one schema-valid question; paths are relative to the question."""
    kind = question["type"]
    for path, text in _text_fields(question):
        if problem := _unsafe_text(text):
            name = f"选项 {path[1]}" if path[0] == "options" else path[0]
            yield path, f"{name} {problem}"
    options: dict[str, str] = question.get("options", {})
    if options:
        keys = list(options)
        expected = [chr(ord("A") + index) for index in range(len(keys))]
        if keys != expected:
            yield ["options"], (f"选项的键应从 A 起按顺序排列（{'、'.join(expected)}），"
                                f"现在是 {'、'.join(keys)}")
        seen: dict[str, str] = {}
        for key, text in options.items():
            if text.strip() in seen:
                yield ["options", key], f"选项 {key} 与选项 {seen[text.strip()]} 的文字相同"
            seen.setdefault(text.strip(), key)
        letters = "、".join(keys)
        chosen = [question["answer"]] if kind == "single" else question["answer"]
        for key in chosen:
            if key not in options:
                yield ["answer"], f"answer “{key}” 不在 options 中（{letters}）"
    for key in ("id", "point"):
        if _reserved(question.get(key)):
            yield [key], (f"{key} 不能用 “{question[key]}”：它是 JavaScript 对象自带的名字，"
                          "浏览器会把它当成别的东西，请换一个")
    if kind == "fill":
        for index, blank in enumerate(question["answer"]):
            for accepted in blank if isinstance(blank, list) else [blank]:
                if not normalize_fill(str(accepted)):
                    yield ["answer", index], (
                        f"第 {index + 1} 个空的答案 {_show(accepted)} 去掉空格和引号后什么也不剩，"
                        "学员怎么填都对不上：请写出要填的文字")
        blanks = len(BLANK.findall(question["stem"]))
        answers = len(question["answer"])
        if blanks == 0:
            yield ["stem"], "填空题的题干里没有空：用 ____（至少三个下划线）标出要填的地方"
        elif blanks != answers:
            yield ["answer"], f"题干里有 {blanks} 个空，answer 却给了 {answers} 项，两者要一一对应"


def _to_question(data: LineDict) -> Question:
    answer = data["answer"]
    if data["type"] == "fill":
        answer = [[str(item) for item in (blank if isinstance(blank, list) else [blank])]
                  for blank in answer]
    elif data["type"] == "multiple":
        answer = sorted(answer)
    return Question(
        id=data["id"], type=data["type"], stem=data["stem"], answer=answer,
        explanation=data["explanation"], source=data["source"], line=data.line,
        source_line=data.key_lines["source"],
        options=dict(data.get("options", {})), difficulty=data.get("difficulty"),
        tags=tuple(data.get("tags", [])), point=data.get("point"),
        any_order=bool(data.get("any_order", False)),
    )


def validate_bank(data: Any, display: str, stem: str) -> tuple[Bank | None, list[BankError]]:
    """Validate one parsed bank on its own (cross-bank rules come later).

    Returns the bank built from its schema-valid questions, unless the bank's own
    fields are broken, together with every error found.
    """
    errors: list[BankError] = []
    broken_questions: set[int] = set()
    bank_broken = False
    for error in BANK_SCHEMA.errors(data):
        for path, message in _schema_messages(error):
            found = BankError(display, line_of(data, path), _question_id(data, path), message)
            if found not in errors:  # e.g. an empty text breaks both minLength and pattern
                errors.append(found)
            if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
                broken_questions.add(path[1])
            else:
                bank_broken = True
    # Without a mapping holding a list of questions there is nothing more to check.
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        return None, errors
    if isinstance(data.get("title"), str) and (problem := _unsafe_text(data["title"])):
        errors.append(BankError(display, line_of(data, ["title"]), None, f"title {problem}"))
    if _reserved(data.get("id")):
        errors.append(BankError(display, line_of(data, ["id"]), None,
                                f"题库 id 不能用 “{data['id']}”：它是 JavaScript 对象自带的名字，"
                                "请给题库和文件换一个名字"))
    elif isinstance(data.get("id"), str) and data["id"] != stem:
        errors.append(BankError(display, line_of(data, ["id"]), None,
                                f"题库 id “{data['id']}” 应与文件名 {stem}.yml 一致"))
    for index, question in enumerate(data["questions"]):
        if index in broken_questions:
            continue
        for path, message in _check_question(question):
            errors.append(BankError(display, line_of(question, path), question["id"], message))
    if bank_broken:
        return None, errors
    # Questions that passed the schema still go on to the cross-bank checks, so every
    # mistake of a build is reported in one round; errors here still fail the build.
    questions = tuple(_to_question(question) for index, question in enumerate(data["questions"])
                      if index not in broken_questions)
    bank = Bank(id=data["id"], title=data["title"], page=data["page"], path=display,
                page_line=data.key_lines["page"], questions=questions,
                shuffle=data.get("shuffle", False))
    return bank, errors


def _check_collection(banks: list[Bank], docs_dir: Path) -> list[BankError]:
    """Rules across banks and pages: unique question ids, pages and anchors that exist."""
    errors: list[BankError] = []
    holders: dict[str, list[tuple[Bank, Question]]] = {}
    for bank in banks:
        for question in bank.questions:
            holders.setdefault(question.id, []).append((bank, question))
    for question_id, found in holders.items():
        if len(found) == 1:
            continue
        # Ids are written <bank>-NN: the question in its own bank is the published one, so the
        # message blames the newcomer (otherwise, the one read later).
        owner = next((held for held in found if question_id.startswith(f"{held[0].id}-")),
                     found[0])
        for bank, question in (held for held in found if held is not owner):
            errors.append(BankError(
                bank.path, question.line, question.id,
                f"题目 id 重复：{owner[0].path}:{owner[1].line} 已经用过这个 id，请换一个"))
    for bank in banks:
        page = docs_dir / bank.page
        if not page.is_file():
            errors.append(BankError(bank.path, bank.page_line, None,
                                    f"page 指向的页面 docs/{bank.page} 不存在"))
            continue
        anchors = read_heading_ids(page)
        for question in bank.questions:
            if question.source not in anchors:
                known = "、".join(anchors) or "（该页还没有带 id 的小节标题）"
                errors.append(BankError(
                    bank.path, question.source_line, question.id,
                    f"source “{question.source}” 不是 docs/{bank.page} 上的小节 id；"
                    f"该页的小节 id 有：{known}"))
    return errors


def load_banks(quiz_dir: Path, docs_dir: Path, project_dir: Path) -> dict[str, Bank]:
    """Load and validate every bank; raise ``BankErrors`` listing every mistake found.

    This starts a build, so pages are read afresh from here on (``mkdocs serve`` rebuilds
    in one process; the pages' ids are then read once for the whole build). A build asks
    twice, for the macros and for the content checks (macros/hooks.py): while no bank and
    no page has changed a byte, the second gets the banks the first loaded.
    """
    global _last_loaded
    key = _contents_key(quiz_dir, docs_dir, project_dir)
    if _last_loaded is not None and _last_loaded[0] == key:
        return dict(_last_loaded[1])
    _last_loaded = None
    forget_pages()
    errors: list[BankError] = []
    banks: list[Bank] = []
    for path in sorted(quiz_dir.glob("*.y*ml")):
        display = path.relative_to(project_dir).as_posix()
        if path.suffix != ".yml":
            errors.append(BankError(display, 1, None, "题库文件的扩展名请用 .yml"))
            continue
        data, problems = load_bank_file(path, display)
        if problems:
            errors += problems
            continue
        bank, problems = validate_bank(data, display, path.stem)
        errors += problems
        if bank is not None:
            banks.append(bank)
    errors += _check_collection(banks, docs_dir)
    if errors:
        raise BankErrors(errors)
    loaded = {bank.id: bank for bank in banks}
    _last_loaded = (key, loaded)
    return dict(loaded)


# The banks the last successful load_banks gave, and what they were read from.
_last_loaded: tuple[str, dict[str, Bank]] | None = None


def _contents_key(quiz_dir: Path, docs_dir: Path, project_dir: Path) -> str:
    """Fingerprint every file load_banks reads: the banks and the pages, name and bytes.

    Bytes, not times of change: a USB stick's file system keeps those to two seconds.
    """
    digest = hashlib.sha256(f"{quiz_dir}\0{docs_dir}\0{project_dir}".encode())
    for path in sorted([*quiz_dir.glob("*.y*ml"), *docs_dir.rglob("*.md")]):
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        with suppress(OSError):
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
