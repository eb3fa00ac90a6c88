"""Question data for the study views (自测中心), written next to the built site.

The views draw questions from any bank, so each bank's questions go into a file of their
own, ``quizdata/<bank>.js``, loaded only when a view needs that bank; ``quizdata/index.js``
lists the banks. Each question carries its fieldset rendered by the same template as page
quizzes, so both look and behave alike. The files are scripts calling
``qz.data.receive(…)`` rather than JSON, because the offline package is opened from disk,
where ``fetch()`` fails but ``<script src>`` works.

On a phone over mobile data every request costs a round trip, so the study pages also
get ``quizdata/start.js``, which qz-data.js requests as soon as it loads (the page preloads
it), while the member reads the instructions: the index and, while all banks together stay
under ``PACK_LIMIT``, every bank too, in one compact file. Past that size it holds the index
and a catalogue of every question (id, type, point), and the site also gets small files of
``PACK_SIZE`` questions each, ``quizdata/q/<bank>.<type>.<n>.js`` (the catalogue's order
names each question's file): a view draws from the catalogue and fetches the files of the
questions it drew, and no other (``qz.data.pool``, ``qz.data.questions``).

How many questions a file holds weighs what a draw fetches against how many files a build
writes. Files of a whole bank and type (~25 questions): a paper of 100 drawn from 10,000
fetched 4.3 MB in 85 files. One file per question: 0.2 MB in 100, but a 1,000-question
site then wrote a thousand files, 0.3–0.7 s of the disk's time in every build (more on
Windows, and a USB stick copies many small files slowly). Eight: a thousand questions
make 125 files, and a paper of 100 fetches about 70 of them.
"""

from __future__ import annotations

import json
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from macros.checklist import rendered_keys
from macros.model import Bank
from macros.pages import read_heading_ids
from macros.render import Renderer
from macros.sections import section_text

# Raw bytes of all banks' data up to which start.js carries them all (the real site's ~120
# questions are ~240 KB raw, ~30 KB gzip). 1 MiB is ~130 KB gzip: under a second at
# 1.6 Mbps, spent while the member reads; past it a phone would fetch what no draw needs.
PACK_LIMIT = 1024 * 1024
# Questions in each of quizdata/q/'s files, past PACK_LIMIT (see above).
PACK_SIZE = 8

def page_url(page: str, docs_dir: Path, use_directory_urls: bool) -> str:
    """Return the built page's URL from the site root, as MkDocs computes it."""
    return File(page, str(docs_dir), "", use_directory_urls).url


def _script(name: str, data: Any) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"qz.data.receive({json.dumps(name)},{payload});\n"


def nav_pages(nav: Any) -> list[str]:
    """List the page paths of mkdocs.yml's nav, in reading order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value)]
    if isinstance(nav, list):
        return [page for item in nav for page in nav_pages(item)]
    return []


def in_nav_order(banks: dict[str, Bank], nav: Any) -> list[Bank]:
    """Return the banks in the order of their pages in nav (others after, by id).

    quizdata's index and the 自测中心's lists written at build time (专题 choices, 学习进度
    rows) must agree row for row.
    """
    order = nav_pages(nav)
    return sorted(banks.values(), key=lambda bank: (
        order.index(bank.page) if bank.page in order else len(order), bank.id))


def topics(banks: dict[str, Bank], nav: Any, docs_dir: Path, use_directory_urls: bool,
           here: str) -> list[dict[str, Any]]:
    """List the banks as the 自测中心 page at URL ``here`` shows them (专题, 学习进度 rows).

    Written into the page at build time rather than by script, so nothing moves when the
    script fills in the figures: id, title, question count and the link to the self-test.
    """
    return [{"id": bank.id, "title": bank.title, "count": len(bank.questions),
             "href": get_relative_url(page_url(bank.page, docs_dir, use_directory_urls), here)
             + f"#quiz-{bank.id}"}
            for bank in in_nav_order(banks, nav)]


@dataclass
class BankFiles:
    """What writing the banks' files gives index.js and start.js (``write_index``)."""

    index: list[dict[str, Any]]
    scripts: dict[str, str]
    catalogue: dict[str, dict[str, list[dict[str, str]]]]


def render_items(docs_dir: Path, banks: dict[str, Bank], renderer: Renderer) -> None:
    """Render every bank's questions now, in this thread (Python-Markdown is not thread-safe).

    The page quizzes take them from the renderer's store later; ``write_banks`` too.
    """
    for bank in banks.values():
        renderer.items(bank, read_heading_ids(docs_dir / bank.page))


def write_banks(site_dir: Path, docs_dir: Path, banks: dict[str, Bank], renderer: Renderer,
                use_directory_urls: bool, nav: Any) -> BankFiles:
    """Write quizdata/<bank>.js per bank and, past ``PACK_LIMIT``, the small files of quizdata/q/.

    Runs in a thread while MkDocs builds the pages (``StudyData``), once ``render_items`` has
    run: it renders nothing with Markdown, and the question template is thread-safe.
    """
    out = site_dir / "quizdata"
    out.mkdir(parents=True, exist_ok=True)
    index = []
    scripts: dict[str, str] = {}
    catalogue: dict[str, dict[str, list[dict[str, str]]]] = {}
    passages: dict[str, dict[str, str]] = {}
    for bank in in_nav_order(banks, nav):
        url = page_url(bank.page, docs_dir, use_directory_urls)
        items = renderer.items(bank, read_heading_ids(docs_dir / bank.page))
        questions = [
            {"id": item["q"].id, "type": item["q"].type, "link": f"{url}#q-{item['q'].id}",
             "point": item["q"].point,  # the mock exam draws one question per point
             "html": str(renderer.fieldset(item, 0, f"{url}#{item['q'].source}"))}
            for item in items
        ]
        # The passages the questions come from, shown beside 顽固错题 in the 错题本.
        markdown = (docs_dir / bank.page).read_text(encoding="utf-8-sig")
        sections = {anchor: section_text(markdown, anchor)
                    for anchor in sorted({question.source for question in bank.questions})}
        scripts[bank.id] = _script(bank.id, {"questions": questions, "sections": sections})
        (out / f"{bank.id}.js").write_text(scripts[bank.id], encoding="utf-8")
        by_type: dict[str, list[dict[str, str]]] = {}
        for question in questions:
            by_type.setdefault(question["type"], []).append(question)
        catalogue[bank.id] = by_type
        passages[bank.id] = sections
        index.append({"id": bank.id, "title": bank.title, "url": url,
                      "count": len(bank.questions),
                      "types": {kind: len(chosen) for kind, chosen in by_type.items()}})
    if not fits(scripts):
        (out / "q").mkdir(exist_ok=True)
        for bank in banks.values():
            source = {question.id: question.source for question in bank.questions}
            for kind, chosen in catalogue[bank.id].items():
                for first in range(0, len(chosen), PACK_SIZE):
                    pack = chosen[first:first + PACK_SIZE]
                    name = f"q/{bank.id}.{kind}.{first // PACK_SIZE}"
                    # Their passages too: the 错题本 shows one beside a 顽固错题.
                    anchors = sorted({source[question["id"]] for question in pack})
                    (out / f"{name}.js").write_text(_script(name, {
                        "questions": pack,
                        "sections": {anchor: passages[bank.id][anchor] for anchor in anchors}}),
                        encoding="utf-8")
    return BankFiles(index, scripts, catalogue)


def write_index(site_dir: Path, banks: dict[str, Bank], renderer: Renderer,
                written: BankFiles) -> None:
    """Write quizdata/index.js and quizdata/start.js, once every page is built.

    The index names the checklists the pages rendered, so it waits for the last page.
    """
    out = site_dir / "quizdata"
    packed = fits(written.scripts)
    # Every live question id: qz-storage.js drops 错题本 entries of questions removed since.
    ids = [question.id for bank in banks.values() for question in bank.questions]
    data = {"banks": written.index, "ids": sorted(ids),
            "actions": str(renderer.template("actions.html")),
            "checklist": rendered_keys(), "parts": not packed}
    (out / "index.js").write_text(_script("index", data), encoding="utf-8")
    if not packed:
        # What a draw needs to know of every question (qz.data.pool): its type and its point;
        # only study pages fetch start.js, so quiz pages go without. The catalogue names
        # every live id too, so start.js leaves out the list (qz-data.js derives it).
        data = {**{key: value for key, value in data.items() if key != "ids"},
                "pack": PACK_SIZE, "catalogue": {
            bank: {kind: [[question["id"], question["point"]] if question["point"]
                          else [question["id"]] for question in chosen]
                   for kind, chosen in by_type.items()}
            for bank, by_type in written.catalogue.items()}}
    (out / "start.js").write_text(start_script(_script("index", data), written.scripts),
                                  encoding="utf-8")


class StudyData:
    """Write quizdata/ for one build: the banks' files in a thread during the pages, then the index.

    Past ``PACK_LIMIT`` the banks' files are many small ones, and creating files is the
    disk's time, not Python's: written while the pages are built, it is mostly hidden
    behind them. A failure in the thread stops the build at ``finish``.
    """

    def __init__(self, site_dir: Path, docs_dir: Path, banks: dict[str, Bank],
                 renderer: Renderer, use_directory_urls: bool, nav: Any) -> None:
        self._arguments = (site_dir, docs_dir, banks, renderer, use_directory_urls, nav)
        self._writer: ThreadPoolExecutor | None = None
        self._written: Future[BankFiles] | None = None

    def start(self) -> None:
        """Start writing the banks' files (once the site folder has been emptied)."""
        if self._written is not None:
            return
        _, docs_dir, banks, renderer, _, _ = self._arguments
        render_items(docs_dir, banks, renderer)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quizdata")
        self._written = self._writer.submit(write_banks, *self._arguments)

    def finish(self) -> None:
        """Wait for the banks' files (raising what stopped them), then write the index.

        Without ``start`` (a site whose pages never started it), all is written here.
        """
        self.start()
        assert self._written is not None
        try:
            written = self._written.result()
        finally:
            self.abandon()
        site_dir, _, banks, renderer, _, _ = self._arguments
        write_index(site_dir, banks, renderer, written)

    def abandon(self) -> None:
        """Let the thread end (a build stopped midway), before another build empties the folder."""
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None


def fits(banks: dict[str, str]) -> bool:
    """Whether the banks' scripts together are small enough to travel in start.js."""
    return sum(len(script.encode("utf-8")) for script in banks.values()) <= PACK_LIMIT


def start_script(index: str, banks: dict[str, str]) -> str:
    """Return start.js, fetched first: the index, and every bank if they are small enough."""
    return index + ("".join(banks.values()) if fits(banks) else "")
