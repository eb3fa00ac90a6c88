"""How a page gets its scripts (macros/page_scripts.py): listed in its own head on the first
load, loaded by qz-header.js from the same table after an instant navigation."""

from __future__ import annotations

import pytest

from macros.page_scripts import NEEDS
from tests.browser.driver import answer, submit

pytestmark = pytest.mark.browser


def _requested(tab, file: str) -> int:
    return sum(url.endswith("/javascripts/" + file) for url in tab.requests)


def test_a_quiz_page_lists_its_scripts_and_is_ready_when_it_has_loaded(phone, site):
    """Deployment (nginx, CSP): each script of the quiz need is a deferred script of the page,
    fetched once, and the quiz is ready by DOMContentLoaded's end, not after it."""
    page = phone.page
    page.goto(site.subpath_url + "role/", wait_until="domcontentloaded")
    listed = page.eval_on_selector_all("head script[defer]",
                                       "list => list.map(s => s.src.split('/').pop())")
    assert listed == NEEDS["quiz"]
    page.wait_for_selector("[data-quiz-id=role][data-qz-ready]")
    timing = page.evaluate("""() => ({
        ready: performance.getEntriesByName('qz:ready')[0].startTime,
        dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd})""")
    assert timing["ready"] <= timing["dcl"], timing
    assert all(_requested(phone, file) == 1 for file in NEEDS["quiz"])


def test_after_an_instant_navigation_the_next_page_gets_what_it_needs(phone, site, banks):
    """From a page without a quiz to a quiz page in the same document: the quiz's scripts
    come from qz-header.js's table, once each, and the quiz works."""
    page = phone.page
    page.goto(site.subpath_url + "about/")
    page.wait_for_load_state("load")
    assert not any(_requested(phone, file) for file in NEEDS["quiz"])
    page.evaluate("window.__sameDocument = true")
    page.locator("article a[href$='role/']").first.click()  # Material's instant navigation
    page.wait_for_selector("[data-quiz-id=role][data-qz-ready]")
    assert page.evaluate("window.__sameDocument === true"), "navigation was a full reload"
    assert all(_requested(phone, file) == 1 for file in NEEDS["quiz"])
    question = banks["role"].questions[0]
    answer(page, question, right=True)
    assert submit(page).startswith("答对 1 /")
