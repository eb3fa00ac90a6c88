"""MkDocs hooks (``hooks:`` in mkdocs.yml): content checks and generated paper pages.

- ``on_config`` runs every rule of ``macros.checks`` (the same code as
  ``dangjian check`` and the tests): errors stop the build with one line per
  mistake; warnings are logged at INFO so ``--strict`` does not turn them
  into failures.  It also adds the bank papers to ``nav``.
- ``on_files`` adds ``papers/<bank>.md`` for every bank.  They are written to a
  temporary folder rather than held in memory because the macros module
  reads each page's source file.
- ``on_page_markdown`` fills the list of papers on ``papers/index.md``.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros.checks import ERROR, Project, run_checks
from macros.errors import BankErrors
from macros.model import Bank
from macros.paper_pages import (
    LIST_MARKER,
    PAPERS_INDEX,
    in_nav_order,
    paper_list,
    paper_markdown,
    paper_uri,
    with_paper_entries,
)

log = logging.getLogger("mkdocs.hooks.dangjian")
_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the content, then list the bank papers under 打印试卷."""
    project = Project(Path(config.config_file_path).parent, Path(config.docs_dir))
    findings = run_checks(project)
    errors = [f for f in findings if f.severity == ERROR]
    for finding in findings:
        if finding.severity != ERROR:
            log.info("%s", finding)
    if errors:
        raise BankErrors(errors)  # type: ignore[arg-type]
    banks: list[Bank] = in_nav_order(project.banks.values(), config.nav)
    _state["banks"] = banks
    if config.nav is not None:
        config.nav = with_paper_entries(config.nav, banks)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add a paper page for every bank."""
    _cleanup()
    folder = Path(tempfile.mkdtemp(prefix="dangjian-papers-"))
    _state["folder"] = folder
    for bank in _state.get("banks", []):
        source = folder / f"{bank.id}.md"
        source.write_text(paper_markdown(bank), encoding="utf-8")
        files.append(File.generated(config, paper_uri(bank), abs_src_path=str(source)))
    return files


def on_page_markdown(markdown: str, page: Page, **_: Any) -> str:
    """Put the list of bank papers where ``papers/index.md`` holds the marker line."""
    if page.file.src_uri == PAPERS_INDEX:
        return markdown.replace(LIST_MARKER, paper_list(_state.get("banks", [])))
    return markdown


def _cleanup() -> None:
    folder = _state.pop("folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def on_post_build(config: MkDocsConfig) -> None:
    """Remove the generated sources once the pages are written."""
    _cleanup()


def on_build_error(error: Exception) -> None:
    """Remove them when the build stops too."""
    _cleanup()
