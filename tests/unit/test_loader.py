"""Loading bank files: line numbers kept, harmless encodings accepted."""

from __future__ import annotations

from pathlib import Path

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
