"""``dangjian``: the maintainer's one command, in Chinese.

    dangjian check [--accept-new-ids]     检查全部内容
    dangjian import 文件 --bank 编号       从Word、Excel、CSV导入题目
    dangjian export --format xlsx|moodle|gift --output 路径
    dangjian stats                        题目统计

It works on the project in the current directory (or ``--project``).  Exit
status 0 only on success, 1 when something needs fixing, 2 for a mistyped
command: scripts and ``make`` can rely on it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from macros.checks import ERROR, WARNING, Project, run_checks
from macros.checks.coverage import teaching_sections
from macros.checks.registry import accept_new_ids
from macros.model import TYPE_LABELS

# argparse's own words, in Chinese (it looks them up through gettext at call time).
_ARGPARSE_WORDS = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必填的参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "没有 %(value)r 这一项（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "后面要跟一个值",
    "%(prog)s: error: %(message)s\n": "%(prog)s：命令写得不对：%(message)s\n",
}
argparse._ = lambda text: _ARGPARSE_WORDS.get(text, text)  # type: ignore[attr-defined]


def _say(text: str) -> None:
    print(text, flush=True)


def cmd_check(args: argparse.Namespace) -> int:
    """Print every finding, then a summary; exit 1 when any error remains."""
    project = Project(args.project)
    if args.accept_new_ids:
        if project.load_errors:
            _say("题库有错误，先改正再登记新题号：")
        else:
            new = accept_new_ids(project)
            _say(f"已登记{len(new)}个新题号到 quizzes/published-ids.txt"
                 + (f"：{'、'.join(new)}" if new else ""))
            project = Project(args.project)
    findings = run_checks(project)
    for finding in findings:
        _say(str(finding))
    errors = sum(f.severity == ERROR for f in findings)
    warnings = sum(f.severity == WARNING for f in findings)
    banks = project.banks.values()
    counts = Counter(q.type for bank in banks for q in bank.questions)
    kinds = "、".join(f"{label}{counts[kind]}道" for kind, label in TYPE_LABELS.items())
    if project.load_errors:
        _say("题库有错误，题目统计从略。")
    else:
        _say(f"题库{len(project.banks)}个、题目{sum(counts.values())}道（{kinds}）。")
    if errors:
        _say(f"发现{errors}处错误、{warnings}处提醒：错误会使网站无法构建，"
             "请逐条改正后再运行 dangjian check。")
        return 1
    _say(f"检查通过：没有错误，{warnings}处提醒。" if warnings else "检查通过：没有发现问题。")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Questions per bank, type and section; sections without questions."""
    project = Project(args.project)
    if project.load_errors:
        for finding in project.load_errors:
            _say(str(finding))
        _say("题库有错误，无法统计：请先运行 dangjian check 并改正。")
        return 1
    empty: list[str] = []
    for bank in project.banks.values():
        counts = Counter(q.type for q in bank.questions)
        kinds = "、".join(f"{label}{counts[kind]}" for kind, label in TYPE_LABELS.items())
        _say(f"{bank.title}（{bank.path}）：{len(bank.questions)}道，{kinds}")
        by_source = Counter(q.source for q in bank.questions)
        sections = teaching_sections(project, bank.page)
        titles = {**sections, "self-test": "本页自测"}
        for source, number in by_source.items():
            _say(f"    {titles.get(source, source)}（{source}）：{number}道")
        empty += [f"docs/{bank.page} › {title}（{key}）" for key, title in sections.items()
                  if key not in by_source]
    total = Counter(q.type for bank in project.banks.values() for q in bank.questions)
    _say(f"合计：题库{len(project.banks)}个、题目{sum(total.values())}道（"
         + "、".join(f"{label}{total[kind]}道" for kind, label in TYPE_LABELS.items()) + "）")
    _say("没有题目的小节：" + ("无" if not empty else ""))
    for line in empty:
        _say(f"    {line}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Read a Word, Excel or CSV bank and write it into the project."""
    from macros.importing import import_file

    return import_file(Path(args.project), Path(args.file), args.bank, args.title, _say)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the banks as Excel, Moodle XML or GIFT."""
    from macros.exporting import export

    return export(Project(args.project), args.format, args.bank, Path(args.output), _say)


def build_parser() -> argparse.ArgumentParser:
    """Build the command line, with Chinese help for every command and option."""
    parser = argparse.ArgumentParser(
        prog="dangjian", add_help=False,
        description="机关党建学习与自测：维护工具。在项目文件夹（有 mkdocs.yml 的那一层）里运行。",
        epilog="每个命令的详细说明：dangjian 命令 --help，例如 dangjian import --help。"
               "成功时退出状态为0，发现问题时为1。")
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    parser.add_argument("--project", default=".", metavar="文件夹",
                        help="项目文件夹（默认：当前文件夹）")
    commands = parser.add_subparsers(title="命令", dest="command", metavar="命令", required=True)

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary, add_help=False)
        sub.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
        return sub

    check = command("check", "检查全部内容：题库格式、标点、术语、题号登记、页面和导航"
                             "（不需要浏览器和网络）")
    check.add_argument("--accept-new-ids", action="store_true",
                       help="把题库里新增的题号登记到 quizzes/published-ids.txt"
                            "（确认题目无误后再用）")
    check.set_defaults(run=cmd_check)

    imp = command("import", "从Word（.docx）、Excel（.xlsx）或CSV文件导入题目，写成题库")
    imp.add_argument("file", metavar="文件", help="要导入的 .docx、.xlsx 或 .csv 文件")
    imp.add_argument("--bank", required=True, metavar="编号",
                     help="题库编号（小写英文和连字符，例如 discipline）。已有的题库则追加新题")
    imp.add_argument("--title", metavar="标题", help="新题库的标题（默认用文件名加“自测”）")
    imp.set_defaults(run=cmd_import)

    exp = command("export", "把题库导出为Excel、Moodle XML或GIFT格式")
    exp.add_argument("--format", required=True, choices=["xlsx", "moodle", "gift"],
                     help="xlsx：Excel表格（可再导入）；moodle：Moodle XML；gift：GIFT文本")
    exp.add_argument("--bank", metavar="编号", help="只导出这个题库（默认：全部题库）")
    exp.add_argument("--output", required=True, metavar="路径", help="写到哪个文件")
    exp.set_defaults(run=cmd_export)

    stats = command("stats", "题目统计：每个题库、每种题型、每个小节的题数，以及还没有题目的小节")
    stats.set_defaults(run=cmd_stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status (0 only on success)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # Windows consoles default to a legacy code page
            stream.reconfigure(encoding="utf-8", errors="replace")
    args = build_parser().parse_args(argv)
    if not (Path(args.project) / "mkdocs.yml").is_file():
        _say(f"在 {Path(args.project).resolve()} 里找不到 mkdocs.yml："
             "请先进入项目文件夹再运行 dangjian")
        return 1
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
