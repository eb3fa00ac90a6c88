"""The mkdocs-macros module: validate every bank before any page renders, then render quizzes.

Printable papers (``paper``, ``mock_paper``) are rendered by ``macros.paper``.

``define_env`` runs inside MkDocs' ``on_config``; a ``PluginError`` raised
there (or in ``on_pre_page_macros``) ends ``mkdocs build`` and ``mkdocs
serve`` with one plain message and no traceback.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup

from macros.assets import minify
from macros.blocks import hold
from macros.contest import register as register_contests
from macros.data import write_data
from macros.errors import BankError, BankErrors
from macros.model import TYPE_LABELS, Bank
from macros.pages import jinja_style_ids, read_heading_ids
from macros.paper import ExamConfig, PaperRenderer, exam_config, find_exam_line
from macros.render import Renderer
from macros.validate import load_banks

_QUIZ_CALL = re.compile(r"""\bquiz\(\s*(["'])(?P<name>[^"']*)\1""")
_PAPER_CALL = re.compile(r"""\bpaper\(\s*(["'])(?P<name>[^"']*)\1""")
_MOCK_CALL = re.compile(r"\bmock_paper\(")
_VIEW_CALL = re.compile(r"""\bstudy_view\(\s*(["'])(?P<name>[^"']*)\1""")
STUDY_VIEWS = {"practice": "综合练习", "exam": "模拟考试", "review": "错题本",
               "progress": "学习进度", "daily": "每日一题", "records": "导出和导入学习记录"}


def define_env(env: Any) -> None:
    """Load and validate all banks and the exam settings, then register the macros."""
    project_dir = Path(env.project_dir)
    docs_dir = Path(env.conf["docs_dir"])
    banks = load_banks(project_dir / "quizzes", docs_dir, project_dir)
    renderer = Renderer(env.conf["markdown_extensions"], env.conf["mdx_configs"])
    if "macros.blocks" not in env.conf["markdown_extensions"]:
        env.conf["markdown_extensions"].append("macros.blocks")  # puts held quizzes back
    env.variables["quiz_banks"] = banks
    # The mock paper's settings: mkdocs.yml extra: exam: (a site without it has no mock paper).
    raw_exam = env.conf["extra"].get("exam")
    exam: ExamConfig | None = None
    if raw_exam is not None:
        exam = exam_config(raw_exam, banks.values(), find_exam_line(env.conf.config_file_path))
    env.variables["quiz_exam"] = exam
    papers = PaperRenderer(renderer, banks, docs_dir)
    register_contests(env, banks, renderer)  # 知识竞赛: quizzes/contests/, macro contest()

    @env.macro
    def quiz(bank_id: str) -> Markup:
        """Render the bank ``bank_id`` (checked to exist in ``on_pre_page_macros``)."""
        bank: Bank = banks[bank_id]
        return Markup(hold(renderer.quiz(bank, read_heading_ids(docs_dir / bank.page))))

    @env.macro
    def study_view(view: str) -> Markup:
        """Render one view of the 自测中心 (names checked in ``on_pre_page_macros``)."""
        settings = None
        if view == "exam" and exam is not None:
            settings = json.dumps({"counts": exam.counts, "points": exam.points,
                                   "minutes": exam.minutes})
        return renderer.template("study.html", view=view, label=STUDY_VIEWS[view],
                                 exam=settings, types=TYPE_LABELS)

    env.variables["quiz_renderer"] = renderer

    @env.macro
    def paper(bank_id: str) -> Markup:
        """Render the paper of bank ``bank_id`` (checked to exist in ``on_pre_page_macros``)."""
        return Markup(hold(papers.bank_paper(banks[bank_id])))

    @env.macro
    def mock_paper() -> Markup:
        """Render the mock paper drawn from all banks by ``extra: exam:``."""
        assert exam is not None  # on_pre_page_macros reports a missing exam: setting
        return Markup(hold(papers.mock_paper(exam)))


def on_pre_page_macros(env: Any) -> None:
    """Check a page's macro calls and heading ids before Jinja sees them.

    Jinja would otherwise fail with a traceback on ``{#id}`` (a comment
    opener) and on an unknown bank name; here both become plain messages.
    """
    banks: dict[str, Bank] = env.variables["quiz_banks"]
    page = env.page.file.src_uri
    display = f"docs/{page}"
    # env.markdown has the front matter removed: count lines from the file's own start.
    source = Path(env.page.file.abs_src_path).read_text(encoding="utf-8-sig")
    offset = source[: max(source.find(env.markdown), 0)].count("\n")
    errors = [
        BankError(display, offset + line, None, "标题 id 要写成 {: #english-id }（冒号、空格、#），"
                                                "不能写成 {#english-id}")
        for line in jinja_style_ids(env.markdown)
    ]
    for number, text in enumerate(env.markdown.splitlines(), offset + 1):
        for match in _QUIZ_CALL.finditer(text):
            name = match["name"]
            if name not in banks:
                known = "、".join(sorted(banks)) or "（quizzes/ 里还没有题库）"
                errors.append(BankError(display, number, None,
                                        f"quiz(\"{name}\") 找不到题库 quizzes/{name}.yml；"
                                        f"现有的题库：{known}"))
            elif banks[name].page != page:
                errors.append(BankError(display, number, None,
                                        f"题库 {name} 与页面 {banks[name].page} 配对，"
                                        f"只能放在那一页上（或修改题库的 page）"))
        for match in _PAPER_CALL.finditer(text):
            if match["name"] not in banks:
                known = "、".join(sorted(banks)) or "（quizzes/ 里还没有题库）"
                errors.append(BankError(display, number, None,
                                        f"paper(\"{match['name']}\") 找不到题库 "
                                        f"quizzes/{match['name']}.yml；现有的题库：{known}"))
        for match in _VIEW_CALL.finditer(text):
            name = match["name"]
            if name not in STUDY_VIEWS:
                errors.append(BankError(display, number, None,
                                        f"study_view(\"{name}\") 不存在；可用的有："
                                        f"{'、'.join(STUDY_VIEWS)}"))
            elif name == "exam" and env.variables["quiz_exam"] is None:
                errors.append(BankError(display, number, None,
                                        "模拟考试需要 mkdocs.yml 里的 extra: exam: 设置"))
        if _MOCK_CALL.search(text) and env.variables["quiz_exam"] is None:
            errors.append(BankError(display, number, None,
                                    "mock_paper() 需要 mkdocs.yml 里的 extra: exam: 设置"
                                    "（各题型的题数、每题分数和考试时间）"))
    if errors:
        raise BankErrors(errors)


def on_post_build(env: Any) -> None:
    """Write the study views' question data (quizdata/) and minify the site's own assets."""
    minify(Path(env.conf["site_dir"]))
    write_data(Path(env.conf["site_dir"]), Path(env.conf["docs_dir"]), env.variables["quiz_banks"],
               env.variables["quiz_renderer"], env.conf["use_directory_urls"], env.conf["nav"])
