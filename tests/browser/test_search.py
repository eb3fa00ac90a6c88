"""Search as a member types it on a phone: teaching pages first, parts of terms found,
each glossary term its own result, printable papers after every teaching page."""

from __future__ import annotations

import json
import re

import pytest

from macros.glossary import read_glossary
from macros.search_index import term_id
from tests.browser.conftest import PHONE, SCREENSHOTS
from tests.browser.test_site import open_search, search
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

TEACHING = re.compile(r"/(role|methods|onboarding|tasks/[a-z-]+)/")


def result_links(page) -> list[str]:
    """Every result's address, best first (sections folded under 更多 included)."""
    return page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")


def first_index(links: list[str], pattern: str) -> int:
    found = [n for n, link in enumerate(links) if re.search(pattern, link)]
    return found[0] if found else len(links)


@pytest.fixture
def phone(new_tab, site):
    tab = new_tab(PHONE)
    tab.page.goto(site.subpath_url + "role/")
    open_search(tab.page)
    yield tab.page
    assert tab.errors == [], tab.errors


def test_part_of_a_term_finds_the_page_that_teaches_it(phone):
    """廉洁 finds 《中国共产党廉洁自律准则》 on 加强党风廉政建设, ranked above the 术语表."""
    titles = search(phone, "廉洁")
    links = result_links(phone)
    assert "/tasks/integrity/" in links[0], (titles, links)
    assert first_index(links, "/tasks/integrity/") < first_index(links, "/glossary/")
    phone.screenshot(path=SCREENSHOTS / "search-lianjie.png")


def test_a_glossary_term_ranks_its_teaching_page_first_and_papers_last(phone):
    """三会一课: a teaching page first; its 术语表 entry is its own result; papers after."""
    search(phone, "三会一课")
    links = result_links(phone)
    assert TEACHING.search(links[0]), links
    glossary = [link for link in links if "/glossary/" in link]
    term = next(term for term in read_glossary(ROOT / "docs" / "glossary.md") if "三会一课" in term)
    assert any(link.endswith("#" + term_id(term)) for link in glossary), glossary
    teaching = [n for n, link in enumerate(links) if TEACHING.search(link)]
    papers = [n for n, link in enumerate(links) if "/papers/" in link]
    assert teaching and all(paper > max(teaching) for paper in papers), links


def test_every_glossary_term_is_its_own_entry(site):
    """The built index holds one entry per 术语表 term, linked to the term itself."""
    index = json.loads((site.directory / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    terms = read_glossary(ROOT / "docs" / "glossary.md")
    missing = [term for term in terms if f"glossary/#{term_id(term)}" not in locations]
    assert terms and missing == []
    html = (site.directory / "glossary" / "index.html").read_text("utf-8")
    assert all(f'id="{term_id(term)}"' in html for term in terms)
