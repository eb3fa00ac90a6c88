"""The dangjian command: Chinese help and messages, exit status 0 only on success."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from macros.checks import Project
from macros.cli import main


def test_the_console_script_is_installed_with_chinese_help():
    """pip install -e . puts dangjian next to the venv's python; its help is Chinese."""
    script = Path(sys.executable).with_name("dangjian")
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False,
                            encoding="utf-8")
    assert result.returncode == 0
    for words in ("用法：dangjian", "检查全部内容", "从Word（.docx）", "导出为Excel", "题目统计"):
        assert words in result.stdout


@pytest.mark.parametrize("command", ["check", "import", "export", "stats"])
def test_every_command_has_chinese_help(command, capsys):
    with pytest.raises(SystemExit) as ended:
        main([command, "--help"])
    assert ended.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：") and "显示本帮助并退出" in out


def test_a_mistyped_command_is_explained_in_chinese_with_status_2(capsys):
    with pytest.raises(SystemExit) as ended:
        main(["export", "--format", "pdf", "--output", "x"])
    assert ended.value.code == 2
    assert "命令写得不对" in capsys.readouterr().err


def test_check_passes_on_the_project_with_a_summary(project, capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    banks = Project(project).banks
    total = sum(len(bank.questions) for bank in banks.values())
    assert f"题库{len(banks)}个、题目{total}道（单选题" in out
    assert out.rstrip().endswith("检查通过：没有发现问题。")


def test_check_reports_a_planted_mistake_at_file_and_line_and_fails(project, capsys):
    bank = project / "quizzes" / "role.yml"
    lines = bank.read_text(encoding="utf-8").splitlines()
    question = Project(project).banks["role"].questions[2]
    number = next(n for n, text in enumerate(lines, 1) if text.strip() == f"stem: {question.stem}")
    lines[number - 1] = lines[number - 1].replace("，", ",", 1).replace("？", "?")
    bank.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert f"[错误] quizzes/role.yml:{number} 题目 {question.id}：中文里用了半角标点" in out
    assert "发现1处错误" in out


def test_check_with_a_broken_bank_shows_the_validator_message(project, capsys):
    bank = project / "quizzes" / "role.yml"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace("    answer: C\n", "    answer: E\n", 1), encoding="utf-8")
    number = bank.read_text(encoding="utf-8").splitlines().index("    answer: E") + 1
    assert main(["check"]) == 1
    assert f"quizzes/role.yml:{number} 题目 role-01：answer “E” 不在 options 中" in (
        capsys.readouterr().out)


def test_accept_new_ids_through_the_command(project, capsys):
    registry = project / "quizzes" / "published-ids.txt"
    lines = registry.read_text(encoding="utf-8").splitlines()
    registry.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    assert main(["check"]) == 0  # a reminder, not an error
    assert f"题目 {lines[-1]}：新题号还没有登记" in capsys.readouterr().out
    assert main(["check", "--accept-new-ids"]) == 0
    out = capsys.readouterr().out
    assert f"已登记1个新题号到 quizzes/published-ids.txt：{lines[-1]}" in out
    assert registry.read_text(encoding="utf-8").splitlines() == lines


def test_stats_lists_banks_types_sections_and_empty_sections(project, capsys):
    page = project / "docs" / "role.md"
    heading = "## 本页自测 {: #self-test }"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace(heading, f"## 新小节 {{: #new-part }}\n\n正文。\n\n{heading}"),
                    encoding="utf-8")
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    for bank in Project(project).banks.values():
        assert f"{bank.title}（{bank.path}）：{len(bank.questions)}道" in out
    assert "没有题目的小节：\n    docs/role.md › 新小节（new-part）" in out


def test_outside_a_project_the_command_says_where_to_run(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    assert "找不到 mkdocs.yml" in capsys.readouterr().out
