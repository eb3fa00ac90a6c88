"""The site as a whole: own origin only, phone layout, accessibility, tooltips, search."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest
from playwright.sync_api import Page, expect

from macros.data import nav_pages, page_url
from macros.glossary import read_glossary
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS
from tests.browser.driver import answer, submit
from tests.budgets import EVERY_PAGE_GZIP, QUIZ_PAGE_GZIP
from tests.conftest import ROOT
from tests.unit.test_paper import MKDOCS

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")
# Every page of the nav, as served (a new page or bank needs no edit here).
PAGES = [page_url(page, ROOT / "docs", True).removeprefix("./")
         for page in nav_pages(MKDOCS["nav"])]
GLOSSARY = read_glossary(ROOT / "docs" / "glossary.md")


def search(page: Page, query: str) -> list[str]:
    """Type into Material's search box and return the result titles."""
    box = page.get_by_role("textbox", name="搜索").first
    box.fill(query)
    # Playwright inserts Chinese text without key events (an IME sends them); Material
    # starts a search on a key event, so press one as a person's keyboard would.
    box.press("End")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    # jieba's zero-width spaces between words are in the result text, not in what one reads.
    return [title.replace("\u200b", "") for title in results.locator("h1, h2").all_inner_texts()]


def open_search(page: Page) -> None:
    """On a phone the search box opens from the header icon; on a desktop it is there."""
    box = page.get_by_role("textbox", name="搜索").first
    icon = page.locator("label.md-header__button[for=__search]")
    if icon.is_visible():
        icon.click()
        expect(box).to_be_focused()
    else:
        box.click()


@pytest.mark.parametrize("where", ["root_url", "subpath_url"])
def test_every_request_stays_on_the_site_origin(new_tab, site, banks, where):
    """No Google Fonts, no CDN: an intranet with no internet must get a whole site."""
    base = getattr(site, where)
    tab = new_tab(DESKTOP)
    page = tab.page
    failed: list[str] = []
    # Leaving a page aborts its pending requests (ERR_ABORTED): that is no failure.
    page.on("requestfailed", lambda request: failed.append(f"{request.failure} {request.url}")
            if "ERR_ABORTED" not in (request.failure or "") else None)
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    for path in PAGES:
        page.goto(base + path)
    page.goto(base + "role/")
    answer(page, banks["role"].questions[0], right=True)
    submit(page)
    open_search(page)
    search(page, "三会一课")
    origin = urlsplit(base)
    for url in tab.requests:
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc) == (origin.scheme, origin.netloc), url
        assert parts.path.startswith(origin.path), f"{url} escapes {origin.path}"
    assert failed == []
    assert any(url.endswith("search_index.json") for url in tab.requests)


def axe_violations(page: Page, impacts: tuple[str, ...]) -> list[str]:
    # Let transitions end first: half-way through a fade (Material's 回到页面顶部 button
    # appears as the page scrolls up) axe measures a colour that no one sees for long.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')",
                           timeout=5000)
    page.add_script_tag(path=str(AXE))
    # Questions off screen skip rendering (content-visibility: auto in quiz.css); axe measures
    # colours at their place on screen, so it would read whatever lies there instead of
    # them (axe-core issue #2768). They are rendered for the check, colours unchanged.
    rendered = page.add_style_tag(
        content=".qz-question { content-visibility: visible !important; }")
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    rendered.evaluate("style => style.remove()")
    return [f"{v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes'][:3]]}"
            for v in result["violations"] if v["impact"] in impacts]


ALL_IMPACTS = ("minor", "moderate", "serious", "critical")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_no_accessibility_violation_on_any_page(new_tab, site, viewport, scheme):
    """axe-core: no violation of any impact on any page, phone or desktop, light or dark."""
    # The deployment (nginx, /dangjian/), where the 404 page works; axe is injected as an
    # inline script, which the site's CSP rightly refuses, so this context bypasses it.
    # The 404 page is visited on purpose: its status is logged as a console error.
    tab = new_tab(viewport or DESKTOP, color_scheme=scheme, bypass_csp=True,
                  expected_errors=("status of 404",))
    page = tab.page
    found = {}
    for path in [*PAGES, "no-such-page/"]:
        page.goto(site.subpath_url + path)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
            "slate" if scheme == "dark" else "default")
        if page.locator("[data-qz-paper]").count():
            page.wait_for_selector("[data-qz-paper][data-qz-ready]")  # the print checkbox shown
        if violations := axe_violations(page, ALL_IMPACTS):
            found[path or "home"] = violations
    assert found == {}


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_quiz_page_has_no_serious_accessibility_violation(new_tab, site, banks, viewport):
    """axe-core finds no serious or critical violation before or after submitting."""
    tab = new_tab(viewport or DESKTOP)
    page = tab.page
    page.goto(site.root_url + "role/")
    page.wait_for_selector("[data-qz-ready]")
    assert axe_violations(page, ("serious", "critical")) == []
    for index, question in enumerate(banks["role"].questions):
        answer(page, question, right=index % 2 == 0)
    submit(page)
    assert axe_violations(page, ("serious", "critical")) == []


def test_phone_layout_has_no_sideways_scroll_and_big_tap_targets(new_tab, site, banks):
    """On a 390×844 phone the quiz fits the width and every option is an easy tap."""
    tab = new_tab(has_touch=True, is_mobile=True)
    page = tab.page
    page.goto(site.root_url + "role/")
    page.wait_for_selector("[data-qz-ready]")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    questions = banks["role"].questions
    for index, question in enumerate(questions):
        answer(page, question, right=index % 3 != 0)
    submit(page)
    page.locator(f'[data-question-id="{questions[0].id}"]').scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "role-quiz-phone.png")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide"
    heights = page.locator(".qz-option").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)")
    assert min(heights) >= 44
    for box in page.locator(".qz-fill__input, .qz__actions button").all():
        assert box.bounding_box()["height"] >= 44


def test_glossary_term_inside_a_chinese_sentence_shows_its_definition(new_tab, site):
    """Python-Markdown's abbr needs word boundaries; ours must work mid-sentence, by tap too."""
    for options in ({"viewport": DESKTOP}, {"has_touch": True, "is_mobile": True}):
        tab = new_tab(**options)
        page = tab.page
        page.goto(site.root_url + "tasks/organizational-life/")
        term = page.locator("article li abbr", has_text="三会一课").first
        sentence = term.evaluate("e => e.parentElement.textContent")
        assert sentence.strip() != "三会一课"  # the term sits inside running text
        if options.get("has_touch"):
            term.scroll_into_view_if_needed()
            term.tap()
        else:
            term.hover()
        tooltip = page.locator(".md-tooltip2--active")
        expect(tooltip).to_be_visible()
        expect(tooltip).to_have_text(GLOSSARY["三会一课"])


@pytest.mark.parametrize("term", sorted(GLOSSARY))
def test_every_glossary_term_is_found_by_search(new_tab, site, term):
    """jieba with the user dictionary keeps each term whole, so searching it finds it."""
    tab = new_tab(DESKTOP)
    page = tab.page
    page.goto(site.root_url)
    open_search(page)
    query = term.strip("《》")
    titles = search(page, query)
    assert titles, f"no result for {term}"
    texts = [text.replace("\u200b", "")
             for text in page.locator(".md-search-result__item").all_inner_texts()]
    assert any(query in text for text in texts[:5]), f"{term} not in the top results"


@pytest.mark.parametrize(("query", "section"), [
    ("三会一课", "组织生活的主要形式"),
    ("双重组织生活", "监督"),
    ("人文关怀", "人文关怀"),
])
def test_search_leads_to_the_section_that_teaches_the_term(new_tab, site, query, section):
    tab = new_tab(DESKTOP)
    page = tab.page
    page.goto(site.root_url)
    open_search(page)
    titles = search(page, query)
    assert any(section in title for title in titles), titles


@pytest.mark.parametrize("path", PAGES)
def test_every_page_reads_on_a_phone(new_tab, site, path):
    """390×844: nothing wider than the screen; a screenshot of each page for a person to look at."""
    tab = new_tab(has_touch=True, is_mobile=True)
    page = tab.page
    page.goto(site.root_url + path)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = path.strip("/").replace("/", "-") or "home"
    page.screenshot(path=SCREENSHOTS / f"phone-{name}.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width}px wide"


def own_assets(tab, site) -> dict[str, int]:
    """This project's scripts and stylesheets a page requested, with their gzip sizes."""
    import gzip

    sizes = {}
    for url in tab.requests:
        path = url.removeprefix(site.root_url)
        if path.startswith(("javascripts/", "stylesheets/")):
            sizes[path] = len(gzip.compress((site.directory / path).read_bytes(), 9))
    return sizes


def test_pages_without_a_quiz_load_only_the_header_script(new_tab, site):
    """Issue 6: what every page loads (字号, 错题) stays apart and small (tests/budgets.py)."""
    tab = new_tab(DESKTOP)
    tab.page.goto(site.root_url + "glossary/")
    expect(tab.page.locator(".qz-text-size")).to_be_visible()
    assets = own_assets(tab, site)
    scripts = {path: size for path, size in assets.items() if path.endswith(".js")}
    assert list(scripts) == ["javascripts/qz-header.js"]
    assert scripts["javascripts/qz-header.js"] <= EVERY_PAGE_GZIP
    assert "stylesheets/quiz.css" not in assets


def test_quiz_page_scripts_and_stylesheet_within_budget_gzip(new_tab, site):
    """Issue 6: the quiz's own script and stylesheet, cached files, within a gzip budget."""
    tab = new_tab(DESKTOP)
    tab.page.goto(site.root_url + "role/")
    tab.page.wait_for_selector("[data-qz-ready]")
    assets = own_assets(tab, site)
    quiz = {path: size for path, size in assets.items()
            if path not in ("javascripts/qz-header.js", "stylesheets/theme.css")}
    # qz-data.js brings the question index, by which qz-storage.js prunes the 错题本.
    assert set(quiz) == {"javascripts/qz-data.js",
                         "javascripts/qz-record-check.js", "javascripts/qz-storage.js",
                         "javascripts/qz-dialog.js", "javascripts/qz-drafts.js",
                         "javascripts/qz-marks.js",
                         "javascripts/qz-groups.js", "javascripts/qz-keys.js",
                         "javascripts/qz-check.js", "javascripts/qz-quiz.js",
                         "stylesheets/quiz.css"}
    assert sum(quiz.values()) <= QUIZ_PAGE_GZIP, quiz  # why this much: tests/budgets.py
    html = (site.directory / "role" / "index.html").read_text(encoding="utf-8")
    assert "<style" not in html and "function(" not in html  # nothing inlined
