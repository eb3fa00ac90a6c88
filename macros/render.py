"""Render a validated bank into the quiz HTML placed in a page.

The HTML is a readable paper on its own (native form controls, answers in a
collapsed ``<details>``); ``qz-quiz.js`` adds checking, scoring and saving.
Bank text is Markdown rendered with the site's own settings and then
sanitised, so raw HTML or a ``javascript:`` link in a bank never runs.
"""

from __future__ import annotations

import json
import re
import secrets
from collections import Counter
from pathlib import Path
from typing import Any

import markdown
import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from macros.build_cache import template_cache
from macros.model import BLANK, TYPE_LABELS, Bank, Question
from macros.ui_text import t

# What inline bank Markdown may produce; everything else is stripped.
_ALLOWED_TAGS = {"a", "b", "br", "code", "del", "em", "i", "ins", "kbd", "mark", "p", "s",
                 "strong", "sub", "sup", "ul", "ol", "li"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_BLANK_TOKEN = "QZBLANKTOKEN"
# Text Markdown would leave as it is: no inline syntax, HTML, entity, escape, attribute
# list or line break, and no list or quote marker at its start.
_PLAIN = re.compile(r"(?![-+>] |\d+[.)] )[^*_`\[\]<>&\\!#|~^={}:\n]*\Z")
# How much of the text printed after a blank the checker may see repeated in an answer
# (qz-check.js stops earlier, at the first punctuation mark): 年, 地, 作用, 上成熟….
_AFTER_CHARS = 6
# How the quiz shows a fill-in blank: its number, which the inputs below the stem repeat.
QUIZ_BLANK = Markup('<span class="qz-blank">（{}）</span>')



_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    bytecode_cache=template_cache(),  # compiled by an earlier build (macros/build_cache.py)
)
_TEMPLATES.globals["t"] = t  # the interface words: {{ t("quiz.submit") }}


def fill_rules(question: Question) -> str:
    """Give qz-check.js a fill question's checking rules as JSON ("" for other types).

    ``after``: the stem text right after each blank, so that an answer repeating
    the printed word (“1939年” for ____年) is not marked wrong; ``anyOrder``: the
    bank's ``any_order``.
    """
    if question.type != "fill":
        return ""
    pieces = BLANK.split(question.stem)[1:]
    rules: dict[str, Any] = {"after": [piece[:_AFTER_CHARS] for piece in pieces]}
    if question.any_order:
        rules["anyOrder"] = True
    return json.dumps(rules, ensure_ascii=False)


class Renderer:
    """Render banks with one Markdown instance configured like the site's."""

    def __init__(self, extensions: list[Any], extension_configs: dict[str, Any]) -> None:
        """Use the site's Markdown extensions, minus the glossary.

        Glossary tooltips are left out of quizzes on purpose: a definition
        hovering over an option would give the answer away.
        """
        kept = [ext for ext in extensions if not str(ext).startswith("macros.")]
        configs = {name: conf for name, conf in extension_configs.items() if name in kept}
        self._markdown = markdown.Markdown(extensions=kept, extension_configs=configs)
        self._items: dict[str, list[dict[str, Any]]] = {}
        self._fieldsets: dict[str, list[str]] = {}
        # A stand-in no bank text can hold (new for each build): see ``fieldset``.
        self._mark = "qzmark" + secrets.token_hex(8)

    def markdown(self, text: str) -> Markup:
        """Render bank Markdown to sanitised HTML; a lone paragraph loses its ``<p>``.

        Most bank text is plain Chinese with no Markdown in it: for that, escaping is
        what Markdown would produce, at a fraction of the cost (the build's hot spot).
        """
        if _PLAIN.match(text):
            return escape(text)
        return self.full_markdown(text)

    def full_markdown(self, text: str) -> Markup:
        """Render through Python-Markdown and nh3, whatever the text (the fast path's oracle)."""
        self._markdown.reset()
        html = self._markdown.convert(text).strip()
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        clean = nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES,
                          url_schemes={"http", "https", "mailto"})
        return Markup(clean)

    def stem(self, question: Question, blank: Markup = QUIZ_BLANK) -> Markup:
        """Render a stem; each fill-in blank becomes ``blank`` formatted with its number.

        The quiz numbers its blanks for the inputs below the stem; a printed
        paper (``macros.paper``) passes a writing line instead.
        """
        if question.type != "fill":
            return self.markdown(question.stem)
        parts = BLANK.split(question.stem)
        html = self.markdown(_BLANK_TOKEN.join(parts))
        pieces = html.split(_BLANK_TOKEN)
        out = Markup(pieces[0])
        for number, piece in enumerate(pieces[1:], 1):
            out += blank.format(number)
            out += Markup(piece)
        return out

    def key(self, question: Question) -> Markup:
        """Render the correct answer as a member reads it after submitting (and on paper).

        Each blank of a fill-in question that has several is named (第1空：…).
        """
        if question.type == "judge":
            return escape(t("quiz.judgeTrue") if question.answer else t("quiz.judgeFalse"))
        if question.type == "fill":
            blanks = []
            for number, accepted in enumerate(question.answer, 1):
                # Each alternative in its own 「」: “自觉性、坚定性” must not read as two.
                others = "".join(f"「{text}」" for text in accepted[1:])
                also = t("quiz.alsoAccepted", others=others) if others else ""
                label = t("quiz.blankKey", n=number) if len(question.answer) > 1 else ""
                blanks.append(escape(f"{label}{accepted[0]}{also}"))
            order = t("quiz.anyOrder") if question.any_order and len(blanks) > 1 else ""
            return Markup("；").join(blanks) + escape(order)
        keys = [question.answer] if question.type == "single" else question.answer
        letter = Markup('<span class="qz-key__letter" data-qz-key="{k}">{k}</span>. {text}')
        return Markup("；").join(
            letter.format(k=key, text=self.markdown(question.options[key])) for key in keys
        )

    def items(self, bank: Bank, anchors: dict[str, str]) -> list[dict[str, Any]]:
        """Give what the question template needs for each question (``anchors``: id → title).

        Kept per bank for the build: the page quiz and the study views' data file
        (macros/data.py) use the same rendering, done once.
        """
        if bank.id not in self._items:
            self._items[bank.id] = self._render_items(bank, anchors)
        return self._items[bank.id]

    def _render_items(self, bank: Bank, anchors: dict[str, str]) -> list[dict[str, Any]]:
        return [
            {
                "q": question,
                "bank": bank.id,
                "label": TYPE_LABELS[question.type],
                "stem": self.stem(question),
                "options": {key: self.markdown(text)
                            for key, text in question.options.items()},
                "blanks": len(question.answer) if question.type == "fill" else 0,
                "key": self.key(question),
                "explanation": self.markdown(question.explanation),
                "source_title": anchors[question.source],
                "answer_json": json.dumps(question.answer, ensure_ascii=False),
                "fill_json": fill_rules(question),
            }
            for question in bank.questions
        ]

    def fieldset(self, item: dict[str, Any], number: int, href: str) -> Markup:
        """Render a question's fieldset (question.html): 第``number``题, its source at ``href``.

        The page quiz and the study views' data show a question alike but for its number and
        its source link, so the template runs once per question for the whole build, with a
        stand-in for those two that each use fills in (run for each use, it took a fifth of
        a 1,000-question build's own time).
        """
        pieces = self._fieldsets.get(item["q"].id)
        if pieces is None:
            html = str(self.template("question.html", item=item, number=self._mark,
                                     href=self._mark))
            pieces = self._fieldsets[item["q"].id] = html.split(self._mark)
            if len(pieces) != 3:  # the template shows the number once and links the source once
                raise ValueError(f"question.html: {len(pieces) - 1} stand-ins, expected 2")
        return Markup("".join((pieces[0], str(number), pieces[1], str(escape(href)), pieces[2])))

    def quiz(self, bank: Bank, anchors: dict[str, str]) -> Markup:
        """Render a whole bank for its paired page (``anchors``: heading id → title)."""
        counts = Counter(question.type for question in bank.questions)
        summary = t("quiz.listJoin").join(
            t("quiz.typeCount", type=TYPE_LABELS[kind], count=counts[kind])
            for kind in TYPE_LABELS if counts[kind])
        fieldsets = [self.fieldset(item, number, "#" + item["q"].source)
                     for number, item in enumerate(self.items(bank, anchors), 1)]
        return self.template("quiz.html", bank=bank, fieldsets=fieldsets,
                             summary=summary, total=len(bank.questions))

    def template(self, name: str, **context: Any) -> Markup:
        """Render one of ``templates/`` (autoescaped) as a raw HTML block for a page."""
        html = _TEMPLATES.get_template(name).render(**context)
        # A blank line would end Python-Markdown's raw HTML block midway.
        return Markup("\n".join(line for line in html.splitlines() if line.strip()))
