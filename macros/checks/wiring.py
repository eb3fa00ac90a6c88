"""Pages, navigation, papers and search wired to the banks (PAGE-2, TERM-2, issue 5)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from macros.checks.base import Finding, Project, error, warning
from macros.glossary import read_glossary
from macros.pages import jinja_style_ids

_SECTION = re.compile(r"^#{2,6}\s+\S")
_FENCE = re.compile(r"^\s*(```|~~~)")
_ID = re.compile(r"\{:\s*#[A-Za-z0-9_-]+[^}]*\}\s*$")
# Words besides the glossary's terms that search must keep whole (the terms come from the glossary).
USER_DICTIONARY = Path("search") / "jieba_userdict.txt"


def heading_ids(project: Project) -> Iterator[Finding]:
    """PAGE-2: every section heading carries a stable English id, written ``{: #id }``."""
    for page in sorted(project.docs_dir.rglob("*.md")):
        shown = project.display(page)
        text = page.read_text(encoding="utf-8-sig")
        for line in jinja_style_ids(text):
            yield error(shown, line, None, "标题 id 要写成 {: #english-id }（冒号、空格、#），"
                                           "不能写成 {#english-id}")
        in_fence = False
        for number, line in enumerate(text.splitlines(), 1):
            if _FENCE.match(line):
                in_fence = not in_fence
            elif (not in_fence and _SECTION.match(line) and not _ID.search(line)
                  and "{#" not in line):
                yield error(shown, number, None,
                            "小节标题缺少英文 id：请在行末加上 {: #english-id }，例如 "
                            "## 小节标题 {: #section-id }")


def bank_pages_wired(project: Project) -> Iterator[Finding]:
    """Each bank's page is in ``nav`` and shows the bank under 本页自测."""
    nav = project.nav
    for bank in project.banks.values():
        page = project.docs_dir / bank.page
        text = page.read_text(encoding="utf-8-sig")
        if bank.page not in nav:
            yield error("mkdocs.yml", _nav_line(project), None,
                        f"页面 {bank.page} 不在 nav 里：请在 nav 中加一行 “- {bank.title}: "
                        f"{bank.page}”")
        if not re.search(rf"""\{{\{{\s*quiz\(\s*["']{re.escape(bank.id)}["']\s*\)\s*\}}\}}""",
                         text):
            yield error(project.display(page), 1, None,
                        f"页面没有显示题库 {bank.id}：请在页末加上 ## 本页自测 {{: #self-test }} "
                        f'和 {{{{ quiz("{bank.id}") }}}}')


def _nav_line(project: Project) -> int:
    lines = project.config_text.splitlines()
    return next((n for n, text in enumerate(lines, 1) if text.startswith("nav:")), 1)


def papers_generated(project: Project) -> Iterator[Finding]:
    """Issue 5: bank papers are generated at build time; a hand-written one would clash."""
    for bank in project.banks.values():
        page = project.docs_dir / "papers" / f"{bank.id}.md"
        if page.is_file():
            yield error(project.display(page), 1, None,
                        "打印试卷由构建自动生成，这个手写的文件会与之冲突：请删去它"
                        "（并删去 mkdocs.yml 里对应的 nav 行）")
    for number, line in enumerate(project.config_text.splitlines(), 1):
        match = re.search(r"papers/([a-z0-9-]+)\.md", line)
        if match and match[1] in project.banks:
            yield error("mkdocs.yml", number, None,
                        f"nav 里不用再写 papers/{match[1]}.md：打印试卷会自动加进“打印试卷”栏目，"
                        "请删去这一行")


def search_dictionary_words(project: Project) -> set[str]:
    """Read the extra words search keeps whole (the glossary's terms are added at build time)."""
    path = project.root / USER_DICTIONARY
    if not path.is_file():
        return set()
    return set(path.read_text(encoding="utf-8-sig").split())


def glossary_words(project: Project) -> list[tuple[str, str]]:
    """Glossary terms as jieba can hold them (no 《》 or quotes, split at 、), with their term."""
    words = []
    for term in read_glossary(project.docs_dir / "glossary.md"):
        words += [(word, term) for word in re.split(r"[、，]", term.strip("《》“”")) if word]
    return words


def glossary_not_copied_to_dictionary(project: Project) -> Iterator[Finding]:
    """TERM-2: a glossary term is written once, in the glossary; search takes it from there.

    macros.glossary adds every term to jieba when pages render, so a copy in the user
    dictionary is a second place to keep in line, not a fix.
    """
    entries = search_dictionary_words(project)
    lines = (project.root / USER_DICTIONARY).read_text(encoding="utf-8-sig").splitlines() \
        if entries else []
    for word, _term in glossary_words(project):
        if word in entries:
            line = next((n for n, text in enumerate(lines, 1) if text.strip() == word), 1)
            yield warning(USER_DICTIONARY.as_posix(), line, None,
                          f"“{word}”是术语表里的术语，搜索会自动认得它：请从这个文件删去这一行")


SCHEMA_LINE = "# yaml-language-server: $schema=../macros/bank.schema.json"


def schema_line(project: Project) -> Iterator[Finding]:
    """Item 7: each bank names its schema on line 1, so VS Code and WPS check it as one types."""
    for path in sorted(project.quiz_dir.glob("*.yml")):
        first = path.read_text(encoding="utf-8-sig").split("\n", 1)[0].strip()
        if first != SCHEMA_LINE:
            yield warning(project.display(path), 1, None,
                          f"第一行请写上 {SCHEMA_LINE}，编辑器（VS Code 等）就能边写边检查题库")
