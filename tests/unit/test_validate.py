"""Rules across banks and the model handed to rendering."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.errors import BankErrors
from macros.validate import load_banks

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "site"


def load(site: Path):
    return load_banks(site / "quizzes", site / "docs", site)


def test_valid_bank_becomes_model(sample_site):
    banks = load(sample_site)
    bank = banks["sample"]
    assert [q.id for q in bank.questions] == ["sample-01", "sample-02", "sample-03", "sample-04"]
    assert bank.shuffle is True
    fill = bank.questions[1]
    assert fill.answer == [["基础"]]
    assert bank.questions[2].answer == ["A", "B"]


def test_question_ids_are_unique_across_banks(sample_site):
    """Progress is keyed by question id, so two banks must never share one.

    The message must blame the newcomer: other.yml is read first (file-name order), but
    sample-01 belongs to sample.yml, where it was published.
    """
    other = (sample_site / "quizzes" / "sample.yml").read_text(encoding="utf-8")
    other = other.replace("id: sample\n", "id: other\n", 1).replace("sample-02", "other-02")
    (sample_site / "quizzes" / "other.yml").write_text(other, encoding="utf-8")
    shared = {q.id for q in load_banks(FIXTURE / "quizzes", FIXTURE / "docs", FIXTURE)["sample"]
              .questions} - {"sample-02"}
    with pytest.raises(BankErrors) as raised:
        load(sample_site)
    errors = raised.value.errors
    assert sorted(error.question_id for error in errors) == sorted(shared)
    assert all(error.path == "quizzes/other.yml" for error in errors)
    assert "题目 id 重复：quizzes/sample.yml:" in errors[0].message


def test_every_mistake_of_a_build_is_reported_together(sample_site):
    """The maintainer fixes everything in one round, not one error per build."""
    bank = sample_site / "quizzes" / "sample.yml"
    text = bank.read_text(encoding="utf-8")
    text = text.replace("answer: A\n", "answer: E\n").replace("source: details", "source: nope")
    bank.write_text(text, encoding="utf-8")
    with pytest.raises(BankErrors) as raised:
        load(sample_site)
    assert len(raised.value.errors) == 2
    assert str(raised.value).startswith("发现 2 处错误")


def test_non_yml_extension_is_named(sample_site):
    shutil.copy(sample_site / "quizzes" / "sample.yml", sample_site / "quizzes" / "copy.yaml")
    with pytest.raises(BankErrors) as raised:
        load(sample_site)
    assert "扩展名请用 .yml" in str(raised.value)


def test_content_hash_changes_with_what_is_answered(sample_site):
    """An edited stem or answer must not restore an old saved answer; a new 解析 may."""
    before = load(sample_site)["sample"].questions[0].content_hash
    bank = sample_site / "quizzes" / "sample.yml"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace("原文如此。", "解析改写了。"), encoding="utf-8")
    assert load(sample_site)["sample"].questions[0].content_hash == before
    bank.write_text(text.replace("机关党组织是哪一类组织？", "机关党组织属于哪一类组织？"),
                    encoding="utf-8")
    assert load(sample_site)["sample"].questions[0].content_hash != before


def test_flow_style_bank_with_mixed_mistakes_lists_them_in_chinese(sample_site):
    """A flow-style bank put a bank-wide and a question error on one line: no traceback."""
    (sample_site / "quizzes" / "sample.yml").write_text(
        "id: sample\ntitle: 样例自测\npage: sample.md\n"
        "questions: [{id: sample-01, type: judge, stem: 题干。, answer: true, explanation: 解析。,"
        " source: nope}, 5]\n", encoding="utf-8")
    with pytest.raises(BankErrors) as raised:
        load(sample_site)
    assert [(e.line, e.question_id) for e in raised.value.errors] == [(4, None), (4, "sample-01")]
    assert "每道题是一组内容" in raised.value.errors[0].message
    assert "source “nope”" in raised.value.errors[1].message


def test_no_message_leaks_jsonschema_english(sample_site):
    """A rule without its own hint still speaks Chinese to the maintainer."""
    bank = sample_site / "quizzes" / "sample.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("title: 样例自测", "title: [1, 2]")
                    .replace("    source: details\n", "    source: details\n    tags: [[情境]]\n"),
                    encoding="utf-8")
    with pytest.raises(BankErrors) as raised:
        load(sample_site)
    messages = [error.message for error in raised.value.errors]
    assert messages
    assert not [m for m in messages if re.search(r"\b(is not|of type|should|must)\b", m)], messages


def test_a_second_load_of_unchanged_files_gives_the_banks_without_reading_them(
        sample_site, monkeypatch):
    """A build loads twice (macros, content checks); any changed byte loads afresh."""
    import macros.validate as validate

    first = load(sample_site)
    parsed: list[str] = []
    reader = validate.load_bank_file
    monkeypatch.setattr(validate, "load_bank_file",
                        lambda path, display: (parsed.append(display), reader(path, display))[1])
    assert load(sample_site) == first and parsed == []
    bank = sample_site / "quizzes" / "sample.yml"
    text = bank.read_text(encoding="utf-8")
    key = first["sample"].questions[0].answer
    other = "A" if key != "A" else "B"
    changed = text.replace(f"answer: {key}\n", f"answer: {other}\n", 1)
    assert len(changed) == len(text) and changed != text  # same size, one byte different
    bank.write_text(changed, encoding="utf-8")
    assert load(sample_site)["sample"].questions[0].answer == other
    assert parsed == ["quizzes/sample.yml"]
    page = sample_site / "docs" / first["sample"].page
    page.write_text(page.read_text(encoding="utf-8").replace(
        f"{{: #{first['sample'].questions[0].source} }}", "{: #renamed }"), encoding="utf-8")
    with pytest.raises(BankErrors):  # a page's heading id changed: checked again
        load(sample_site)
