"""Write imported questions into the project: bank YAML; for a new bank its page and nav line.

The YAML is written as text in the shape the maintainer sees in the other
banks, then read back with the project's own loader and validator before
anything touches the disk: a file that would break the build is never written.
``mkdocs.yml`` is edited as text, so its comments and ``!ENV`` tags survive.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from macros.checks.coverage import PLACEHOLDER
from macros.checks.wiring import SCHEMA_LINE
from macros.importing.draft import Draft

SELF_TEST = "self-test"


def scalar(text: str) -> str:
    """Write ``text`` as a YAML scalar: plain where YAML reads it back unchanged, else quoted."""
    try:
        plain = yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        plain = False
    if plain and "\n" not in text and not re.search(r"[\[\]{},#&*!|>'\"%@`]", text[:1]):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow_item(text: str) -> str:
    if re.search(r"[,\[\]{}:#'\"]", text) or text != text.strip():
        return json.dumps(text, ensure_ascii=False)
    loaded = yaml.safe_load(f"[{text}]")
    return text if loaded == [text] else json.dumps(text, ensure_ascii=False)


def question_yaml(draft: Draft, question_id: str) -> str:
    """One question as bank YAML (two-space list indent, like the hand-written banks)."""
    lines = [f"  - id: {question_id}", f"    type: {draft.type}", f"    stem: {scalar(draft.stem)}"]
    if draft.options:
        lines.append("    options:")
        lines += [f"      {key}: {scalar(text)}" for key, text in draft.options.items()]
    answer = draft.answer
    if isinstance(answer, bool):
        shown = "true" if answer else "false"
    elif draft.type == "multiple":
        shown = f"[{', '.join(answer)}]"  # type: ignore[arg-type]
    elif draft.type == "fill":
        shown = "[" + ", ".join("[" + ", ".join(_flow_item(word) for word in blank) + "]"
                                for blank in answer) + "]"  # type: ignore[union-attr]
    else:
        shown = str(answer)
    lines.append(f"    answer: {shown}")
    lines.append(f"    explanation: {scalar(draft.explanation or PLACEHOLDER)}")
    lines.append(f"    source: {SELF_TEST}")
    return "\n".join(lines) + "\n"


def new_bank_yaml(bank_id: str, title: str) -> str:
    """Write the head of a new bank, with the schema line editors use to check as one types."""
    return (f"{SCHEMA_LINE}\nid: {bank_id}\ntitle: {scalar(title)}\npage: {bank_id}.md\n"
            "questions:\n")


def page_markdown(bank_id: str, page_title: str) -> str:
    """Write the page of a new bank: a title, an intro and the self-test section."""
    return (f"# {page_title}\n\n"
            "本页的自测题是从Word或Excel文件导入的。整理好学习内容后，可以在本页加上小节"
            "（标题写成`## 小节标题 {: #english-id }`），再把题目的`source`改成对应小节的id，"
            "题目的解析就会链接到讲这道题的那一节。\n\n"
            "## 本页自测 {: #self-test }\n\n"
            f'{{{{ quiz("{bank_id}") }}}}\n')


def with_nav_line(config: str, title: str, page: str) -> str:
    """``mkdocs.yml`` with ``- title: page`` added to ``nav`` before the 自测中心 and 打印试卷.

    Edited as text: PyYAML would drop the comments and the ``!ENV`` tags.
    """
    lines = config.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"nav:\s*(#.*)?$", line)), None)
    if start is None:
        raise ValueError("mkdocs.yml 里没有 nav:")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " #-"):
        end += 1
    items = [i for i in range(start + 1, end) if re.match(r"\s*- ", lines[i])]
    indent = re.match(r"\s*", lines[items[0]])[0] if items else "  "
    top = [i for i in items if re.match(rf"{indent}- ", lines[i])]
    where = end
    for index, first in enumerate(top):
        last = top[index + 1] if index + 1 < len(top) else end
        if re.search(r"\b(study|papers)/", "".join(lines[first:last])):
            where = first
            # Keep a comment that belongs to that item above it.
            while where > start + 1 and lines[where - 1].lstrip().startswith("#"):
                where -= 1
            break
    while where > start + 1 and not lines[where - 1].strip():
        where -= 1
    entry = f"{indent}- {scalar(title)}: {page}\n"
    return "".join([*lines[:where], entry, *lines[where:]])


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 with LF line ends, as .editorconfig asks."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(text)
