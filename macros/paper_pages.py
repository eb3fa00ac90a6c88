"""The printable paper pages and their navigation, made from the banks (issue 5).

A bank's paper page is always the same two lines, so nobody writes it:
the build hook (``macros.hooks``) adds ``papers/<bank>.md`` for every bank,
lists them under 打印试卷 in the navigation, and fills the list on the papers
index.  Adding a bank is its YAML, its page and its nav line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from macros.data import nav_pages
from macros.model import Bank

PAPERS_INDEX = "papers/index.md"
# The line of docs/papers/index.md that the list of bank papers replaces.
LIST_MARKER = "<!-- 各页自测试卷的列表：构建时按题库自动生成，不用手写 -->"


def paper_uri(bank: Bank) -> str:
    """Where a bank's paper lives in docs/ (so its URL is papers/<bank>/)."""
    return f"papers/{bank.id}.md"


def paper_markdown(bank: Bank) -> str:
    """Write the paper page of one bank: its title and the ``paper()`` macro."""
    return f'# {bank.title}（打印版） {{: #paper }}\n\n{{{{ paper("{bank.id}") }}}}\n'


def in_nav_order(banks: Iterable[Bank], nav: Any) -> list[Bank]:
    """Banks in the order their pages appear in ``nav`` (pages not in nav last, by id)."""
    order = {path: index for index, path in enumerate(nav_pages(nav))}
    return sorted(banks, key=lambda bank: (order.get(bank.page, len(order)), bank.id))


def with_paper_entries(nav: Any, banks: list[Bank]) -> Any:
    """Return ``nav`` with one entry per bank paper right after the papers index.

    The section holding ``papers/index.md`` keeps everything else it lists
    (the mock paper), so a maintainer's own additions survive.
    """
    if isinstance(nav, list):
        if PAPERS_INDEX in nav:
            index = nav.index(PAPERS_INDEX)
            generated = {paper_uri(bank) for bank in banks}
            rest = [item for item in nav[index + 1:] if not set(nav_pages(item)) & generated]
            return [*nav[:index + 1], *({bank.title: paper_uri(bank)} for bank in banks), *rest]
        return [with_paper_entries(item, banks) for item in nav]
    if isinstance(nav, dict):
        return {key: with_paper_entries(value, banks) for key, value in nav.items()}
    return nav


def paper_list(banks: list[Bank]) -> str:
    """Write the Markdown list of bank papers for the index (links relative to papers/)."""
    return "\n".join(f"- [{bank.title}]({bank.id}.md)" for bank in banks)
