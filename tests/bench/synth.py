"""Synthetic sites for the benchmark: the same pages and questions written three ways.

One seeded set of pages and questions is written as this project (banks in
``quizzes/`` and ``{{ quiz(...) }}`` calls), as the floor (plain Material, the
questions left out) and as mkdocs-quiz 1.7.1 markup. Every site's
``mkdocs.yml`` is derived from the real one, so theme, plugins and Markdown
extensions follow the real site when it changes; a missing block fails loudly.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = Path("/work/shared/seed")  # the source article the site is drawn from
PAGE_SIZE = 100  # at most this many questions on one page (one bank per page)
SECTIONS = 4  # heading sections per page, the questions' ``source`` anchors
# Type proportions of the real banks (33 single, 29 multiple, 27 judge, 33 fill).
TYPE_WEIGHTS = {"single": 33, "multiple": 29, "judge": 27, "fill": 33}

Kind = Literal["ours", "plain", "mkdocs-quiz", "real-plain", "words"]
# The 10,000-question site gets a mock exam of 100 questions (1 point each).
EXAM_POOL = 10000
EXAM_100 = ("    single: 40\n    multiple: 20\n    judge: 25\n    fill: 15\n"
            "    points: {single: 1, multiple: 1, judge: 1, fill: 1}\n    minutes: 60\n")
# Smaller sites: a paper any of them can fill (the build refuses a paper the banks cannot).
EXAM_SMALL = ("    single: 1\n    multiple: 1\n    judge: 1\n    fill: 1\n"
              "    points: {single: 25, multiple: 25, judge: 25, fill: 25}\n    minutes: 30\n")
# A line that is only a macro call: {{ quiz("role") }}, {{ paper("role") }}, {{ mock_paper() }}.
_MACRO_LINE = re.compile(r"^\{\{.*\}\}[ \t]*\n?", re.MULTILINE)
_INDEX = "# 基准测试站点\n\n这是性能基准生成的站点，页面和题目都是随机抽取的中文文字。\n"


@dataclass(frozen=True)
class Question:
    """One question in the bank format's terms (``answer`` normalised as the validator does)."""

    id: str
    type: str
    stem: str
    options: dict[str, str]
    answer: str | bool | list[str] | list[list[str]]
    explanation: str
    source: str

    def as_bank(self) -> dict[str, object]:
        """The question as a ``quizzes/*.yml`` entry, with the optional keys real banks use."""
        entry: dict[str, object] = {"id": self.id, "type": self.type, "stem": self.stem}
        if self.options:
            entry["options"] = self.options
        entry.update(answer=self.answer, explanation=self.explanation, source=self.source,
                     difficulty=1 + len(self.stem) % 3, tags=["基准测试"])
        return entry


@dataclass(frozen=True)
class Page:
    """A knowledge page: sections (id, title, paragraphs) and the bank that pairs with it."""

    slug: str
    title: str
    intro: str
    sections: list[tuple[str, str, list[str]]]
    questions: list[Question]


class Text:
    """Random but seeded Chinese text cut from the article and the real banks' wording."""

    def __init__(self, rng: random.Random) -> None:
        """Split the sources into clauses at every non-Han character (punctuation, quotes)."""
        texts = [path.read_text(encoding="utf-8") for path in sorted(SEED_DIR.glob("*.txt"))]
        for bank in sorted((ROOT / "quizzes").glob("*.yml")):
            for question in yaml.safe_load(bank.read_text(encoding="utf-8"))["questions"]:
                texts += [question["stem"], question["explanation"],
                          *question.get("options", {}).values()]
        self.clauses = [clause for text in texts
                        for clause in re.split(r"[^\u4e00-\u9fff0-9]+", text) if len(clause) >= 2]
        self.rng = rng

    def make(self, low: int, high: int, end: str = "") -> str:
        """Clauses joined with commas, cut to a random length in [low, high]."""
        length = self.rng.randint(low, high) - len(end)
        out = ""
        while len(out) < length:
            out += ("，" if out else "") + self.rng.choice(self.clauses)
        return out[:length].rstrip("，") + end

    def fill(self, blanks: int) -> tuple[str, list[str]]:
        """A fill-in stem with ``____`` where 2–4 characters were cut out, and those words."""
        stem = self.make(20, 60, "。")
        spans: list[tuple[int, int]] = []
        while len(spans) < blanks:
            length = self.rng.randint(2, 4)
            start = self.rng.randrange(0, len(stem) - length)
            word = stem[start:start + length]
            if re.fullmatch(r"[\u4e00-\u9fff]+", word) and all(
                    start > end + 1 or start + length < begin - 1 for begin, end in spans):
                spans.append((start, start + length))
        spans.sort()
        words = [stem[begin:end] for begin, end in spans]
        for begin, end in reversed(spans):
            stem = stem[:begin] + "____" + stem[end:]
        return stem, words


def _question(text: Text, qid: str, sources: list[str]) -> Question:
    """One question of a random type, sized like the real banks (4 options, mostly)."""
    rng = text.rng
    kind = rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
    source, explanation = rng.choice(sources), text.make(40, 120, "。")
    if kind == "fill":
        stem, words = text.fill(rng.choices([1, 2], weights=[7, 3])[0])
        answer = [[word, *([text.make(2, 4)] if rng.random() < 0.1 else [])] for word in words]
        return Question(qid, kind, stem, {}, answer, explanation, source)
    if kind == "judge":
        return Question(qid, kind, text.make(20, 60, "。"), {}, rng.random() < 0.5,
                        explanation, source)
    options: dict[str, str] = {}
    while len(options) < rng.choices([4, 5], weights=[9, 1])[0]:
        option = text.make(6, 20)
        if option not in options.values():
            options["ABCDEFGH"[len(options)]] = option
    keys = list(options)
    chosen: str | list[str] = (rng.choice(keys) if kind == "single" else
                               sorted(rng.sample(keys, rng.choices([2, 3, 4], [1, 7, 2])[0])))
    return Question(qid, kind, text.make(20, 60, "？"), options, chosen, explanation, source)


def make_pages(size: int, seed: int = 6) -> list[Page]:
    """``size`` questions on pages of at most ``PAGE_SIZE``; the same seed gives the same site."""
    text = Text(random.Random(f"{seed}-{size}"))
    pages = []
    for number, first in enumerate(range(0, size, PAGE_SIZE), 1):
        slug = f"p{number:03d}"
        sections = [(f"s{index}", text.make(6, 14),
                     [text.make(80, 200, "。") for _ in range(text.rng.randint(2, 3))])
                    for index in range(1, SECTIONS + 1)]
        sources = [section[0] for section in sections]
        questions = [_question(text, f"{slug}-{index:03d}", sources)
                     for index in range(1, min(PAGE_SIZE, size - first) + 1)]
        pages.append(Page(slug, text.make(4, 10), text.make(60, 120, "。"), sections, questions))
    return pages


def _mkdocs_quiz_question(question: Question, titles: dict[str, str]) -> str:
    """A question in mkdocs-quiz syntax, with the 解析 and the link back as its content.

    Judge questions become two-option single choice. mkdocs-quiz fill-in blanks
    (``[[answer]]``) take one wording each, so only the first accepted one is kept.
    """
    if question.type == "fill":
        stem = question.stem
        for accepted in question.answer:
            stem = stem.replace("____", f"[[{accepted[0]}]]", 1)
        lines = [stem, "", "---"]
    else:
        options = question.options or {"true": "正确", "false": "错误"}
        answer = question.answer
        if question.type == "judge":
            right = {"true" if answer else "false"}
        else:
            right = {answer} if isinstance(answer, str) else set(map(str, answer))
        lines = [question.stem] + [f"- [{'x' if key in right else ' '}] {text}"
                                   for key, text in options.items()]
    lines += ["", f"解析：{question.explanation}", "",
              f"[回到原文：{titles[question.source]}](#{question.source})"]
    return "<quiz>\n" + "\n".join(lines) + "\n</quiz>"


def _words_question(number: int, question: Question) -> str:
    """A question's words as plain Markdown: what a member reads, without a quiz around it.

    The phone bench compares a quiz page with these words built by plain Material, so
    the difference is what the quiz costs beyond its text (issue 14).
    """
    lines = [rf"{number}\. {question.stem}", ""]
    lines += [f"- {key}. {text}" for key, text in question.options.items()]
    if question.type == "judge":
        lines += ["- 正确", "- 错误"]
    return "\n".join([*lines, "", f"解析：{question.explanation}"])


def page_markdown(page: Page, kind: Kind) -> str:
    """The page's Markdown; only the part under 本页自测 differs between the kinds."""
    parts = [f"# {page.title}", page.intro]
    for sid, title, paragraphs in page.sections:
        parts += [f"## {title} {{: #{sid} }}", *paragraphs]
    parts.append("## 本页自测 {: #self-test }")
    if kind == "ours":
        parts.append(f'{{{{ quiz("{page.slug}") }}}}')
    elif kind == "mkdocs-quiz":
        titles = {sid: title for sid, title, _ in page.sections}
        parts += ["<!-- mkdocs-quiz intro -->",
                  *(_mkdocs_quiz_question(question, titles) for question in page.questions),
                  "<!-- mkdocs-quiz results -->"]
    elif kind == "words":
        parts += [_words_question(number, question)
                  for number, question in enumerate(page.questions, 1)]
    return "\n\n".join(parts) + "\n"


def _replace_block(config: str, header: str, new: str = "", required: bool = True) -> str:
    """Replace the line starting with ``header`` and the more deeply indented lines under it."""
    lines = config.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith(header)), None)
    if start is None and not required:
        return config
    if start is None:
        raise ValueError(f"mkdocs.yml has no block {header.strip()!r}: update tests/bench/synth.py")
    indent = len(header) - len(header.lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip()
                                or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    return "".join(lines[:start]) + new + "".join(lines[end:])


def site_config(kind: Kind) -> str:
    """The real ``mkdocs.yml``, changed only where the kind needs it.

    Synthetic sites drop ``nav`` (all pages, automatic) and ``watch`` (serve only,
    and its folders are not copied). The project loads the installed ``macros``
    package with ``modules``; mkdocs-quiz keeps the site's stylesheet and theme
    overrides but none of the quiz assets ``mkdocs.yml`` may list.
    """
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = _replace_block(config, "watch:")
    # The project's hooks: ours keeps the search index from the project's own file; the
    # content checks (hooks.py) want a nav and the real content, which synthetic sites lack.
    # Plain Material and mkdocs-quiz run without hooks.
    own_hooks = "".join(f"  - {ROOT / line.strip()[2:]}\n"
                        for line in re.findall(r"^  - macros/\S+\.py$", config, re.MULTILINE)
                        if not line.endswith("/hooks.py"))
    config = _replace_block(config, "hooks:", "hooks:\n" + own_hooks if kind == "ours" else "",
                            required=False)
    if kind != "real-plain":
        config = _replace_block(config, "nav:")
    if kind == "ours":
        block = re.search(r"^  - macros:\n(?:(?:      .*)?\n)*", config, re.MULTILINE)
        assert block is not None, "mkdocs.yml has no macros plugin"
        own = block[0].replace("module_name: macros", "modules: [macros]")
        return _replace_block(config, "  - macros:", own)
    if kind == "mkdocs-quiz":
        config = _replace_block(config, "  - macros:", "  - mkdocs_quiz\n")
        config = _replace_block(config, "extra_css:", "extra_css:\n  - stylesheets/theme.css\n",
                                required=False)
        return _replace_block(config, "extra_javascript:", required=False)
    return _replace_block(config, "  - macros:")


def write_site(folder: Path, kind: Kind, pages: list[Page]) -> None:
    """Write one synthetic project: config, theme overrides, assets, glossary, pages, banks.

    For mkdocs-quiz (run in the benchmark's own venv, without this project installed)
    ``shim/macros`` holds copies of the two Markdown extensions the config names.
    """
    docs = folder / "docs"
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    shutil.copytree(ROOT / "search", folder / "search")
    for assets in ("javascripts", "stylesheets"):
        shutil.copytree(ROOT / "docs" / assets, docs / assets)
    shutil.copy(ROOT / "docs" / "glossary.md", docs / "glossary.md")
    (folder / "mkdocs.yml").write_text(site_config(kind), encoding="utf-8")
    (docs / "index.md").write_text(_INDEX, encoding="utf-8")
    for page in pages:
        (docs / f"{page.slug}.md").write_text(page_markdown(page, kind), encoding="utf-8")
    big = sum(len(page.questions) for page in pages) >= EXAM_POOL
    if kind == "ours":
        config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
        config = re.sub(r"(  exam:\n)(?:    .*\n)+", r"\1" + (EXAM_100 if big else EXAM_SMALL),
                        config)
        (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    if kind == "ours" and big:
        # The mock exam of issue 6's report (100 questions drawn from the whole set),
        # 综合练习 (10 questions from every bank) and the 错题本, issue 14.
        (docs / "study").mkdir()
        for view, title in (("exam", "模拟考试"), ("practice", "综合练习"), ("review", "错题本")):
            (docs / "study" / f"{view}.md").write_text(
                f'# {title}\n\n{{{{ study_view("{view}") }}}}\n', encoding="utf-8")
    if kind == "ours":
        (folder / "quizzes").mkdir()
        for page in pages:
            bank = {"id": page.slug, "title": f"{page.title}自测", "page": f"{page.slug}.md",
                    "shuffle": True, "questions": [q.as_bank() for q in page.questions]}
            (folder / "quizzes" / f"{page.slug}.yml").write_text(
                yaml.safe_dump(bank, allow_unicode=True, sort_keys=False, width=4096),
                encoding="utf-8")
    if kind == "mkdocs-quiz":
        shim = folder / "shim" / "macros"
        shim.mkdir(parents=True)
        (shim / "__init__.py").write_text("", encoding="utf-8")
        for name in ("glossary.py", "checklist.py"):
            shutil.copy(ROOT / "macros" / name, shim / name)


def write_real_plain(folder: Path) -> None:
    """Copy the real site without its macro calls (``{{ quiz(...) }}`` …) or macros plugin.

    Without the plugin a call would print as literal text, so the floor keeps the
    pages but not what the macros put on them.
    """
    for name in ("docs", "overrides", "search"):
        shutil.copytree(ROOT / name, folder / name)
    for page in (folder / "docs").rglob("*.md"):
        page.write_text(_MACRO_LINE.sub("", page.read_text(encoding="utf-8")),
                        encoding="utf-8")
    (folder / "mkdocs.yml").write_text(site_config("real-plain"), encoding="utf-8")
