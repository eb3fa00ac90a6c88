"""Read a bank file into plain Python data that remembers the line of every value.

PyYAML throws line numbers away once it has built dicts and lists; the
validator needs them to tell the maintainer where a mistake is, so the
loader keeps them on dict and list subclasses.  It also rejects what PyYAML
silently accepts but a maintainer never means: duplicate keys, text that
YAML 1.1 turns into a number or a date (``12:30`` is 750, ``010`` is 8), and
anchors and aliases (twelve lines of them expand to gigabytes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from macros.errors import BankError


class LineDict(dict):
    """A YAML mapping with the line of the mapping and of each key."""

    line: int
    key_lines: dict[Any, int]


class LineList(list):
    """A YAML sequence with the line of the sequence and of each item."""

    line: int
    item_lines: list[int]


class _DuplicateKey(yaml.MarkedYAMLError):
    """Raised while constructing a mapping that repeats a key."""


# libyaml's parser, where PyYAML was built with it, parses banks several times faster;
# the constructors below (and so every check and message) are the same either way.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[misc, valid-type]
    """Safe loader whose mappings and sequences carry their line numbers."""


_STR_TAG = "tag:yaml.org,2002:str"
# Mappings and sequences as a bank writes them (no explicit tag): built by ``_build``.
_PLAIN_TAGS = {yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
               yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG}
_BOOL_TAG = "tag:yaml.org,2002:bool"
# Fields whose values are text as the maintainer wrote it; in ``answer`` a judge question's
# true/false (YAML 1.2's spellings only: not yes, no, on, off) stays a boolean.
_TEXT_KEYS = {"title", "stem", "explanation", "options", "tags", "answer"}
_BOOLEANS = {"true", "True", "TRUE", "false", "False", "FALSE"}


def _as_written(node: yaml.Node, keep_booleans: bool) -> None:
    """Retag the plain scalars under ``node`` as text, so YAML 1.1 cannot turn them into numbers.

    An empty value stays null (the schema then says what is missing).
    """
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.value != "":  # plain: None in PyYAML, "" in libyaml
            boolean = keep_booleans and node.value in _BOOLEANS
            node.tag = _BOOL_TAG if boolean else _STR_TAG
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _as_written(child, keep_booleans)
    elif isinstance(node, yaml.MappingNode):
        for _, child in node.value:
            _as_written(child, keep_booleans)


def _build(loader: _Loader, node: yaml.Node) -> Any:
    """Turn a composed node into LineDicts, LineLists and values, with their lines.

    Walked here rather than through PyYAML's ``construct_object``, whose bookkeeping (for
    anchors, which banks may not have) was a tenth of a 1,000-question build: text, nearly
    every value of a bank, is taken as it is; other scalars go through PyYAML as before.
    """
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
        return loader.construct_object(node, deep=True)  # !!set, !!omap, or refused by PyYAML
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = _build(loader, key_node)
            if not isinstance(key, str | int | bool | float) and key is not None:
                raise _DuplicateKey(None, None, "键必须是简单的文字", key_node.start_mark)
            if key in result:
                first = result.key_lines[key]
                raise _DuplicateKey(
                    None, None, f"键 {key} 重复出现（第 {first} 行已经有了），请删去其中一个",
                    key_node.start_mark,
                )
            if key in _TEXT_KEYS:
                _as_written(value_node, keep_booleans=key == "answer")
            result[key] = _build(loader, value_node)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LineList(_build(loader, child) for child in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items
    if node.tag == _STR_TAG:
        return node.value
    return loader.construct_object(node, deep=True)


def _load(text: str) -> Any:
    """Parse one YAML document (libyaml where PyYAML has it) into lined data."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _build(loader, node)
    finally:
        loader.dispose()


def _first_anchor_or_alias(text: str) -> int | None:
    """Return the line of the first YAML anchor (&name) or alias (*name), if any.

    Banks never need them, and an alias bank of a dozen lines expands to gigabytes in
    whatever walks it. Tokens are only scanned when the text has an ``&`` or ``*`` at all.
    """
    if "&" not in text and "*" not in text:
        return None
    try:
        for token in yaml.scan(text, Loader=_SafeLoader):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                return token.start_mark.line + 1
    except yaml.MarkedYAMLError:
        return None  # the parse below reports the syntax error with its own message
    return None


def _yaml_message(error: yaml.MarkedYAMLError, line_text: str) -> str:
    """Say in plain words what a YAML syntax error means and how to fix it."""
    problem = error.problem or ""
    if isinstance(error, _DuplicateKey):
        return problem
    if "\t" in line_text:
        return "这一行用了 Tab 键。题库文件只能用空格缩进，请把 Tab 换成空格"
    hint = "常见原因：缩进不齐、冒号后缺空格、引号不成对、以特殊字符开头的文字没有加引号"
    detail = f"（{problem}）" if problem else ""
    return f"YAML 格式错误{detail}。{hint}"


def load_bank_file(path: Path, display: str) -> tuple[Any, list[BankError]]:
    """Parse one bank file; return its data, or the errors that stopped parsing.

    ``display`` is the path shown in messages (relative to the project).  A
    UTF-8 byte-order mark is harmless (Windows Notepad writes one), so the
    file is decoded as ``utf-8-sig``.
    """
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [BankError(display, line, None,
                                "这一行有无法识别的字符：文件不是 UTF-8 编码。"
                                "请在编辑器中选择“另存为 UTF-8”后再保存")]
    if (line := _first_anchor_or_alias(text)) is not None:
        return None, [BankError(display, line, None,
                                "题库里不能用 YAML 的锚点（&名字）和别名（*名字）："
                                "每道题的内容请完整写出，不要引用别处")]
    try:
        data = _load(text)
    except yaml.MarkedYAMLError as error:
        # An unclosed quote or bracket is found only at the end of the file: point at its start.
        at_end = "end of stream" in (error.problem or "")
        mark = (error.context_mark if at_end else None) or error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        lines = text.splitlines()
        line_text = lines[line - 1] if 0 < line <= len(lines) else ""
        return None, [BankError(display, line, None, _yaml_message(error, line_text))]
    if data is None:
        return None, [BankError(display, 1, None, "题库文件是空的")]
    return data, []


def line_of(data: Any, path: list[Any] | tuple[Any, ...]) -> int:
    """Return the line of the value at ``path``, or of its nearest located ancestor."""
    line = getattr(data, "line", 1)
    node = data
    for step in path:
        if isinstance(node, LineDict) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line
