"""The mkdocs-macros module: validate every bank before any page renders, then render quizzes.

``define_env`` runs inside MkDocs' ``on_config``; a ``PluginError`` raised
there (or in ``on_pre_page_macros``) ends ``mkdocs build`` and ``mkdocs
serve`` with one plain message and no traceback.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markupsafe import Markup

from macros.errors import BankError, BankErrors
from macros.model import Bank
from macros.pages import jinja_style_ids, read_heading_ids
from macros.render import Renderer
from macros.validate import load_banks

_QUIZ_CALL = re.compile(r"""\bquiz\(\s*(["'])(?P<name>[^"']*)\1""")


def define_env(env: Any) -> None:
    """Load and validate all banks, then register the ``quiz`` macro."""
    project_dir = Path(env.project_dir)
    docs_dir = Path(env.conf["docs_dir"])
    banks = load_banks(project_dir / "quizzes", docs_dir, project_dir)
    renderer = Renderer(env.conf["markdown_extensions"], env.conf["mdx_configs"])
    env.variables["quiz_banks"] = banks

    @env.macro
    def quiz(bank_id: str) -> Markup:
        """Render the bank ``bank_id`` (checked to exist in ``on_pre_page_macros``)."""
        bank: Bank = banks[bank_id]
        return renderer.quiz(bank, read_heading_ids(docs_dir / bank.page))


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
    if errors:
        raise BankErrors(errors)
