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
and a catalogue of every question (id, type, point), and the site also gets one file per
question, ``quizdata/q/<id>.js``: a view draws from the catalogue and fetches the questions
it drew, and no other (``qz.data.pool``, ``qz.data.questions``). (Files of one bank and
type held ~25 questions where one was drawn: a paper of 100 drawn from 10,000 fetched 4.3 MB
in 85 files; one file per question, 0.2 MB in 100.)
"""

from __future__ import annotations

import json
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


def write_data(site_dir: Path, docs_dir: Path, banks: dict[str, Bank], renderer: Renderer,
               use_directory_urls: bool, nav: Any) -> None:
    """Write quizdata/index.js, one quizdata/<bank>.js per bank and quizdata/start.js.

    When start.js cannot carry the banks, also one quizdata/q/<id>.js per question.
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
             "html": str(renderer.template("question.html", item=item, number=0, bank=bank.id,
                                           href=f"{url}#{item['q'].source}"))}
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
    packed = fits(scripts)
    # Every live question id: qz-storage.js drops 错题本 entries of questions removed since.
    ids = [question.id for bank in banks.values() for question in bank.questions]
    data = {"banks": index, "ids": sorted(ids), "actions": str(renderer.template("actions.html")),
            "checklist": rendered_keys(), "parts": not packed}
    (out / "index.js").write_text(_script("index", data), encoding="utf-8")
    if not packed:
        # What a draw needs to know of every question (qz.data.pool): its type and its point;
        # only study pages fetch start.js, so quiz pages go without. The catalogue names
        # every live id too, so start.js leaves out the list (qz-data.js derives it).
        data = {**{key: value for key, value in data.items() if key != "ids"}, "catalogue": {
            bank: {kind: [[question["id"], question["point"]] if question["point"]
                          else [question["id"]] for question in chosen]
                   for kind, chosen in by_type.items()}
            for bank, by_type in catalogue.items()}}
    (out / "start.js").write_text(start_script(_script("index", data), scripts), encoding="utf-8")
    if not packed:
        (out / "q").mkdir(exist_ok=True)
        for bank in banks.values():
            source = {question.id: question.source for question in bank.questions}
            for chosen in catalogue[bank.id].values():
                for question in chosen:
                    name = f"q/{question['id']}"
                    anchor = source[question["id"]]
                    # Its passage too: the 错题本 shows it beside a 顽固错题.
                    (out / f"{name}.js").write_text(_script(name, {
                        "questions": [question],
                        "sections": {anchor: passages[bank.id][anchor]}}), encoding="utf-8")


def fits(banks: dict[str, str]) -> bool:
    """Whether the banks' scripts together are small enough to travel in start.js."""
    return sum(len(script.encode("utf-8")) for script in banks.values()) <= PACK_LIMIT


def start_script(index: str, banks: dict[str, str]) -> str:
    """Return start.js, fetched first: the index, and every bank if they are small enough."""
    return index + ("".join(banks.values()) if fits(banks) else "")
