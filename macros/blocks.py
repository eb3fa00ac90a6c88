"""HTML the macros render, kept out of Python-Markdown's way.

A quiz or a paper is tens of kilobytes of finished HTML. Handed to Markdown as a raw block,
it is parsed all over again, which was the largest cost of building pages with big banks.
The macro returns a short HTML comment instead, and this extension's postprocessor puts the
block back once Markdown is done. ``define_env`` adds the extension to the site's Markdown
settings itself, so a quiz can never be left as an empty comment.
"""

from __future__ import annotations

import itertools
import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

_HELD: dict[str, str] = {}
_COUNTER = itertools.count()
_TOKEN = re.compile(r"<!--qz-block:\d+-->")


def hold(html: str) -> str:
    """Keep ``html`` aside and return the comment that stands for it in the page."""
    token = f"<!--qz-block:{next(_COUNTER)}-->"
    _HELD[token] = html
    return token


class BlocksPostprocessor(Postprocessor):
    """Put held blocks back in place of their comments."""

    def run(self, text: str) -> str:
        """Replace every token; each block is used once, then forgotten."""
        return _TOKEN.sub(lambda match: _HELD.pop(match.group(0), match.group(0)), text)


class BlocksExtension(Extension):
    """Python-Markdown extension ``macros.blocks``."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Run after the raw-HTML postprocessor (priority 30) has restored the comments."""
        md.postprocessors.register(BlocksPostprocessor(md), "qz_blocks", 4)


def makeExtension(**kwargs: str) -> BlocksExtension:
    """Entry point Python-Markdown calls for ``macros.blocks``."""
    return BlocksExtension(**kwargs)
