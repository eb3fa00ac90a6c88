"""Loading bank files: line numbers kept, harmless encodings accepted."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from macros.loader import line_of, load_bank_file


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "bank.yml"
    path.write_bytes(data)
    return path


def test_lines_of_keys_and_items_are_remembered(tmp_path):
    """Guards the line numbers every message relies on."""
    path = write(tmp_path, b"id: x\nquestions:\n  - id: x-01\n    answer: [A, B]\n")
    data, errors = load_bank_file(path, "quizzes/x.yml")
    assert errors == []
    assert line_of(data, ["id"]) == 1
    assert line_of(data, ["questions", 0]) == 3
    assert line_of(data, ["questions", 0, "answer"]) == 4
    assert line_of(data, ["questions", 0, "missing"]) == 3


def test_byte_order_mark_is_harmless(tmp_path):
    """Windows Notepad saves UTF-8 with a BOM; the bank must still load."""
    path = write(tmp_path, "\ufeffid: x\ntitle: 标题\n".encode())
    data, errors = load_bank_file(path, "quizzes/x.yml")
    assert errors == []
    assert data == {"id": "x", "title": "标题"}


def test_windows_line_endings_are_harmless(tmp_path):
    path = write(tmp_path, "id: x\r\ntitle: 标题\r\n".encode())
    data, errors = load_bank_file(path, "quizzes/x.yml")
    assert errors == []
    assert data["title"] == "标题"


@pytest.mark.parametrize("written", ["12:30", "010", "0x1F", "1_000", "1e3", "0o17", "3.50",
                                     "2016-01-01", "yes", "on", "~", "null"])
def test_fill_answers_stay_exactly_as_written(tmp_path, written):
    """YAML 1.1 reads 12:30 as 750 and 010 as 8: the key must stay what the maintainer wrote."""
    path = write(tmp_path, (f"questions:\n  - type: fill\n    answer: [{written}, [{written}]]\n"
                            f"    options:\n      A: {written}\n").encode())
    data, errors = load_bank_file(path, "quizzes/x.yml")
    assert errors == []
    question = data["questions"][0]
    assert question["answer"] == [written, [written]]
    assert question["options"]["A"] == written


def test_judge_answers_stay_booleans(tmp_path):
    path = write(tmp_path, b"questions:\n  - answer: true\n  - answer: false\n  - answer:\n")
    data, errors = load_bank_file(path, "quizzes/x.yml")
    assert errors == []
    assert [q["answer"] for q in data["questions"]] == [True, False, None]


def test_aliases_and_anchors_are_refused_before_they_expand(tmp_path):
    """A 12-line alias bank once took 75 s and 4.6 GB: it must be refused at once."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]"
              for n in range(9)]
    lines += ["questions: [*j]"]
    path = write(tmp_path, "\n".join(lines).encode())
    started = time.perf_counter()
    data, errors = load_bank_file(path, "quizzes/x.yml")
    assert time.perf_counter() - started < 1
    assert data is None
    assert [(error.line, error.question_id) for error in errors] == [(1, None)]
    assert "锚点" in errors[0].message and "别名" in errors[0].message


def test_an_asterisk_in_text_is_not_an_alias(tmp_path):
    """Markdown bold (**…**) and a quoted & are text, not YAML anchors."""
    path = write(tmp_path, "stem: 这是**重点**\ntitle: \"A & B\"\n".encode())
    data, errors = load_bank_file(path, "quizzes/x.yml")
    assert errors == []
    assert data["stem"] == "这是**重点**"
