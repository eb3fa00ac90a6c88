"""No layout shift while the scripts start (issue 14): CLS 0 on every page, on a phone.

Every page of the built site is visited at 390×844 behind the deployment's nginx (strict
CSP), at 字号 标准 and 特大, with an empty record and with one holding 错题 due today (the
header's badge shows), progress in every topic, a 继续学习 page and an exam taken. Every
request waits a phone's round trip, so the page paints before its data and view scripts
arrive: what they fill in must have had its room from the first paint. A PerformanceObserver
added before the page's own scripts sums the layout-shift entries (those without recent
input) until a second after load, as tests/bench/phone.py does; any shift fails, naming what
moved and where from.
"""

from __future__ import annotations

import json

import pytest

from macros.model import Bank
from macros.pages import read_page_title
from tests.browser.conftest import PHONE, Site
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

ROUND_TRIP_MS = 150  # tests/bench/phone.py's mobile network

# Sums the layout shifts from navigation start and names each node that moved.
PROBE = """(() => {
  window.__cls = {score: 0, moved: []};
  const box = (rect) => [rect.x, rect.y, rect.width, rect.height].map(Math.round).join(",");
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__cls.score += entry.value;
      for (const source of entry.sources || []) {
        const node = source.node;
        const name = node && node.nodeType === 1
          ? node.tagName.toLowerCase() + "." + String(node.className).trim().replace(/\\s+/g, ".")
          : String(node && node.nodeName);
        window.__cls.moved.push(`${name} ${box(source.previousRect)} → ${box(source.currentRect)}`);
      }
    }
  }).observe({type: "layout-shift", buffered: true});
})();"""


def site_pages(site: Site) -> list[str]:
    """Every page of the built site as a path from its root (``role/`` …), 404 aside."""
    return sorted("" if page.parent == site.directory
                  else page.parent.relative_to(site.directory).as_posix() + "/"
                  for page in site.directory.rglob("index.html"))


def full_record(banks: dict[str, Bank], size: str) -> dict:
    """A record with something for every scripted part: 错题 due (the header badge, 错题本),
    answers in every topic, a 继续学习 page, days of practice and an exam taken."""
    review, stats = {}, {}
    for bank in banks.values():
        for question in bank.questions[:2]:
            review[question.id] = {"bank": bank.id, "step": 0, "due": "2000-01-01", "at": 1}
        for question in bank.questions[2:5]:
            stats[question.id] = {"bank": bank.id, "seen": 3, "right": 2, "last": True, "at": 1}
    first = next(iter(banks.values()))
    return {"version": 3, "answers": {}, "stats": stats, "review": review, "attempts": {},
            "checks": {}, "exams": [{"at": 1, "score": 90, "seconds": 600, "right": 9,
                                     "total": 10}],
            "visit": {"url": first.page.removesuffix(".md") + "/",
                      "title": read_page_title(ROOT / "docs" / first.page), "at": 1},
            "settings": {"textSize": size}}


def layout_shift(new_tab, url: str, record: dict) -> dict:
    """CLS of the page at ``url`` up to a second after its load, and what moved."""
    tab = new_tab(PHONE)
    page = tab.page
    page.add_init_script(
        f"localStorage.setItem('jgdj:v1', {json.dumps(json.dumps(record))});" + PROBE)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": ROUND_TRIP_MS, "downloadThroughput": -1,
        "uploadThroughput": -1})
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1000)
    measured = page.evaluate("window.__cls")
    page.context.close()
    return measured


@pytest.mark.parametrize(("size", "recorded"), [
    ("standard", False), ("standard", True), ("x-large", True)])
def test_no_page_moves_while_its_scripts_start(new_tab, site, banks, size, recorded):
    """Every page at 标准 (empty and full record) and 特大 (full record): the header's 字号
    and 错题 controls, Material's table wrappers, 学习进度, 每日一题, the 综合练习 form, the
    错题本 and the exam history fill space kept for them: the layout-shift score is 0."""
    empty = {"version": 3, "settings": {"textSize": size}}
    record = full_record(banks, size) if recorded else empty
    pages = site_pages(site)
    assert "study/" in pages and "study/practice/" in pages  # the pages this guards most
    shifted = {}
    for path in pages:
        measured = layout_shift(new_tab, site.subpath_url + path, record)
        if measured["score"]:
            shifted[f"/{path}"] = f"CLS {measured['score']:.4f}: " + "; ".join(
                dict.fromkeys(measured["moved"]))
    assert shifted == {}, "\n".join(f"{page} {what}" for page, what in shifted.items())


@pytest.mark.parametrize("size", ["standard", "x-large"])
def test_a_shared_daily_question_opens_without_moving_anything(new_tab, site, banks, size):
    """A shared 每日一题 link (…?qid=…#daily) opens scrolled to the question, which comes
    after the data: 更多练习方式 and the footer below it stay where they are (CLS 0)."""
    question = next(iter(banks.values())).questions[0]
    measured = layout_shift(new_tab, f"{site.subpath_url}study/?qid={question.id}#daily",
                            {"version": 3, "settings": {"textSize": size}})
    assert measured["score"] == 0, "; ".join(dict.fromkeys(measured["moved"]))
