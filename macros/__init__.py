"""The mkdocs-macros module: validate every bank before any page renders, then render quizzes.

Printable papers (``paper``, ``mock_paper``) are rendered by ``macros.paper``.

``define_env`` runs inside MkDocs' ``on_config``; a ``PluginError`` raised
there (or in ``on_pre_page_macros``) ends ``mkdocs build`` and ``mkdocs
serve`` with one plain message and no traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import Markup

from macros.assets import minify
from macros.blocks import hold
from macros.checklist import forget_keys
from macros.contest import register as register_contests
from macros.data import StudyData, topics
from macros.errors import BankErrors
from macros.model import TYPE_LABELS, Bank
from macros.page_checks import STUDY_VIEWS, check_page
from macros.page_scripts import write_table as write_needs_table
from macros.pages import read_heading_ids, read_page_title
from macros.paper import ExamConfig, PaperRenderer, exam_config, find_exam_line
from macros.render import Renderer
from macros.ui_text import write_scripts as write_text_scripts
from macros.validate import load_banks

# This build's quizdata/ (macros.data.StudyData): written by a thread from the first page on.
_study_data: StudyData | None = None


def define_env(env: Any) -> None:
    """Load and validate all banks and the exam settings, then register the macros."""
    global _study_data
    if _study_data is not None:  # an earlier build of this process (mkdocs serve) stopped midway
        _study_data.abandon()  # its thread must not write into the folder this build empties
    project_dir = Path(env.project_dir)
    docs_dir = Path(env.conf["docs_dir"])
    forget_keys()  # mkdocs serve rebuilds in one process: start each build afresh
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
                                   "minutes": exam.minutes, "partial": exam.multiple_partial,
                                   "total": exam.total})
        # 学习进度's 继续学习 names the page with a quiz last opened: room for the longest title.
        titles = [read_page_title(docs_dir / bank.page) or "" for bank in banks.values()]
        return renderer.template("study.html", view=view, label=STUDY_VIEWS[view],
                                 exam=settings, types=TYPE_LABELS,
                                 rules=exam.rules() if exam is not None else "",
                                 topics=topics(banks, env.conf["nav"], docs_dir,
                                               env.conf["use_directory_urls"], env.page.url),
                                 longest_title=max(titles, key=len, default=""))

    env.variables["quiz_renderer"] = renderer
    _study_data = StudyData(Path(env.conf["site_dir"]), docs_dir, banks, renderer,
                            env.conf["use_directory_urls"], env.conf["nav"])

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
    """Check a page's macro calls and heading ids (``macros.page_checks``) before Jinja runs.

    The first page also starts writing quizdata/: MkDocs has emptied the site folder by then.
    """
    if _study_data is not None:
        _study_data.start()
    page = env.page.file.src_uri
    # env.markdown has the front matter removed: count lines from the file's own start.
    source = Path(env.page.file.abs_src_path).read_text(encoding="utf-8-sig")
    offset = source[: max(source.find(env.markdown), 0)].count("\n")
    errors = check_page(env.markdown, offset + 1, page, env.variables["quiz_banks"],
                        env.variables["quiz_exam"] is not None)
    if errors:
        raise BankErrors(errors)


def on_post_build(env: Any) -> None:
    """Finish quizdata/, write the interface words, then minify the assets."""
    write_text_scripts(Path(env.conf["site_dir"]))
    write_needs_table(Path(env.conf["site_dir"]))
    minify(Path(env.conf["site_dir"]))
    assert _study_data is not None  # define_env made it
    _study_data.finish()
