"""Which scripts each kind of page needs: one table for the page template and qz-header.js.

overrides/main.html decides a page's needs (``quiz``, ``view:exam`` …) and lists their
scripts as ``<script defer>`` in its ``<head>``: the browser finds them while it reads the
page and fetches them alongside it, and they run, in order, as soon as the page has been
read (before DOMContentLoaded, when Material's document$ starts the views). After an
instant navigation qz-header.js loads what the next page needs from the same table, which
the build writes in front of it (``qz.NEEDS``). This file is also a MkDocs hook (``hooks:``
in mkdocs.yml): ``on_env`` gives the theme's templates ``qz_scripts``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# qz-data.js comes before qz-storage.js: the store prunes the 错题本 by the question index;
# qz-record-check.js (the check of every stored entry) comes right before qz-storage.js.
STORE = ["qz-data.js", "qz-record-check.js", "qz-storage.js"]
# The quiz's tools (marks, groups, keys, drafts) come before qz-quiz.js: they hear its
# first quiz.
QUIZ = [*STORE, "qz-dialog.js", "qz-drafts.js", "qz-check.js", "qz-marks.js", "qz-groups.js",
        "qz-keys.js", "qz-quiz.js"]
VIEW = [*QUIZ, "qz-views.js"]
NEEDS: dict[str, list[str]] = {
    "quiz": QUIZ,
    "checklist": [*STORE, "qz-checklist.js"],
    "paper": ["qz-paper.js"],
    "view:practice": [*VIEW, "qz-practice.js"],
    "view:exam": [*VIEW, "qz-exam-clock.js", "qz-exam-sheet.js", "qz-exam-report.js",
                  "qz-exam.js"],
    "view:review": [*VIEW, "qz-review-run.js", "qz-review.js"],
    "view:progress": [*VIEW, "qz-progress.js"],
    "view:daily": [*VIEW, "qz-daily.js"],
    "view:records": [*VIEW, "qz-records.js", "qz-code.js", "qz-transfer.js"],
    "contest": ["qz-dialog.js", "qz-contest-state.js", "qz-contest-keys.js",
                "qz-contest-screen.js"],
}


def scripts_for(needs: list[str]) -> list[str]:
    """Return the scripts of these needs in load order, each once (unknown needs: none)."""
    files: list[str] = []
    for need in needs:
        files += [file for file in NEEDS.get(need, []) if file not in files]
    return files


def write_table(site_dir: Path) -> None:
    """Put the table in front of the built site's qz-header.js (before minifying)."""
    header = site_dir / "javascripts" / "qz-header.js"
    if not header.is_file():
        return  # a site without the scripts (tests/fixtures/site)
    table = json.dumps(NEEDS, separators=(",", ":"))
    header.write_text("(function(){var q=window.qz=window.qz||{};q.NEEDS=" + table + ";})();\n"
                      + header.read_text(encoding="utf-8"), encoding="utf-8")


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Let overrides/main.html list a page's scripts from this table (MkDocs hook)."""
    env.globals["qz_scripts"] = scripts_for
    return env
