"""``dangjian import``: read a Word, Excel or CSV 题库 and write it as a bank of the site.

Nothing is dropped silently: the report counts the questions read and
written and names every paragraph or row skipped, with the reason, and every
question skipped as a duplicate of one the site already has.  A new bank
gets its YAML, its page and its nav line, so the site builds with no hand
edit; its printable paper follows from the bank at build time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from macros.checks import Project
from macros.checks.registry import REGISTRY, read_registry
from macros.checks.typography import fix_punctuation
from macros.errors import BankError
from macros.importing.draft import TYPE_NAMES, Draft, width_fold
from macros.importing.sources import Unreadable, read_file
from macros.importing.writing import (
    new_bank_yaml,
    page_markdown,
    question_yaml,
    with_nav_line,
    write_text,
)
from macros.loader import load_bank_file
from macros.validate import validate_bank

_BANK_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def stem_key(text: str) -> str:
    """Reduce a stem to what makes it the same question: characters, without width or marks."""
    text = width_fold(text).lower()
    return re.sub(r"[\s\W_]+", "", text)


def _next_ids(bank_id: str, taken: set[str], count: int) -> list[str]:
    numbers = [int(m[1]) for i in taken if (m := re.fullmatch(rf"{re.escape(bank_id)}-(\d+)", i))]
    start = max(numbers, default=0) + 1
    return [f"{bank_id}-{number:02d}" for number in range(start, start + count)]


def import_file(root: Path, source: Path, bank_id: str, title: str | None,
                say: Callable[[str], None]) -> int:
    """Import ``source`` into bank ``bank_id``; return 0 when everything was read and written."""
    if not _BANK_ID.match(bank_id):
        say(f"题库编号“{bank_id}”不行：只能用小写英文字母、数字和连字符，"
            "例如 discipline 或 rules-2024")
        return 1
    project = Project(root)
    if project.load_errors:
        for finding in project.load_errors:
            say(str(finding))
        say("现有题库有错误，先改正（dangjian check）再导入。")
        return 1
    try:
        drafts, skipped = read_file(source)
    except Unreadable as error:
        say(str(error))
        return 1
    existing = project.banks.get(bank_id)
    bank_path = project.quiz_dir / f"{bank_id}.yml"
    page_path = project.docs_dir / f"{bank_id}.md"
    if existing is None and (bank_path.exists() or page_path.exists()):
        say(f"{project.display(bank_path if bank_path.exists() else page_path)} 已经存在，"
            "但不是一个可用的题库：请换一个题库编号")
        return 1

    seen = {stem_key(q.stem): (q.id, bank.path) for bank in project.banks.values()
            for q in bank.questions}
    duplicates: list[tuple[str, str]] = []
    kept: list[Draft] = []
    for draft in drafts:
        key = stem_key(draft.stem)
        if key in seen:
            question_id, where = seen[key]
            duplicates.append((draft.where, f"与{where}里的 {question_id} 重复"))
            continue
        seen[key] = ("本文件" + draft.where, "导入文件")
        kept.append(draft)

    say(f"从 {source.name} 读到{len(drafts) + len(skipped)}处题目，能读懂{len(drafts)}道"
        + ("：" + "、".join(f"{name}{sum(d.type == kind for d in drafts)}道"
                           for kind, name in TYPE_NAMES.items()) if drafts else "。"))
    for where, reason in skipped:
        say(f"  没有读入 {where}：{reason}")
    for where, reason in duplicates:
        say(f"  跳过重复 {where}：{reason}")
    if not kept:
        say("没有可写入的新题目，题库没有改动。")
        return 1 if skipped or not duplicates else 0

    taken = {q.id for bank in project.banks.values() for q in bank.questions}
    taken |= {entry.id for entry in read_registry(project.root / REGISTRY)[0]}
    ids = _next_ids(bank_id, taken, len(kept))
    body = "".join(question_yaml(draft, question_id) for draft, question_id in zip(kept, ids,
                                                                                  strict=True))
    bank_title = fix_punctuation((title or f"{source.stem}自测").strip())
    if existing is None:
        text = new_bank_yaml(bank_id, bank_title) + body
    else:
        text = bank_path.read_text(encoding="utf-8-sig")
        keys = re.findall(r"^([A-Za-z_]+)\s*:", text, re.M)
        if not keys or keys[-1] != "questions":
            say(f"{project.display(bank_path)} 里 questions: 不是最后一项，新题无法接在文件末尾："
                "请把 questions: 和它下面的题目移到文件最后，再导入一次。什么都没有写入。")
            return 1
        text = (text if text.endswith("\n") else text + "\n") + body
    before = len(existing.questions) if existing else 0
    if not _valid(text, bank_path, before + len(kept), project, say):
        return 1
    write_text(bank_path, text)
    if existing is None:
        page_title = bank_title.removesuffix("自测") or bank_title
        write_text(page_path, page_markdown(bank_id, page_title))
        config = project.root / "mkdocs.yml"
        write_text(config, with_nav_line(config.read_text(encoding="utf-8-sig"), page_title,
                                         f"{bank_id}.md"))
        say(f"新建题库 {project.display(bank_path)}、页面 {project.display(page_path)}，"
            "并在 mkdocs.yml 的 nav 里加了一行；打印试卷会自动生成。")
    say(f"写入{len(kept)}道题（{ids[0]} 至 {ids[-1]}）到 {project.display(bank_path)}，"
        f"跳过{len(duplicates)}道重复题，{len(skipped)}处没有读懂。")
    if any(not draft.explanation for draft in kept):
        say("有的题没有解析，已写入占位文字：请补写（dangjian check 会逐题提醒）。")
    say("下一步：运行 dangjian check 检查；预览无误后运行 "
        "dangjian check --accept-new-ids 登记新题号。")
    return 1 if skipped else 0


def _valid(text: str, bank_path: Path, expected: int, project: Project,
           say: Callable[[str], None]) -> bool:
    """Read the bank back with the site's own loader and validator before writing it."""
    import tempfile

    display = project.display(bank_path)
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / bank_path.name
        trial.write_text(text, encoding="utf-8")
        data, problems = load_bank_file(trial, display)
        if not problems:
            problems = [p for p in validate_bank(data, display, bank_path.stem)[1]
                        if "source" not in p.message]  # a new bank's page is written next
        if not problems and len(data.get("questions") or []) != expected:
            problems = [BankError(display, 1, None, "追加后题目数不对，没有写入")]
    for problem in problems:
        say(str(problem))
    if problems:
        say("导入的内容有上面这些问题，什么都没有写入。请把这些情况告诉维护人员。")
    return not problems
