"""Printable papers as a branch prints them: Chromium's own PDF, read back with pypdf."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from macros.model import BLANK, Question
from macros.paper import TYPES, draw, exam_config
from macros.validate import load_banks
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS, Tab
from tests.conftest import ROOT
from tests.unit.test_paper import MKDOCS

BANKS = load_banks(ROOT / "quizzes", ROOT / "docs", ROOT)
EXAM = exam_config(MKDOCS["extra"]["exam"], BANKS.values(), ("mkdocs.yml", 1))
KEY_TITLE = "答案与解析"
# What must never be printed: the quiz's buttons, Material's header, search, skip link and nav,
# and this page's own screen-only heading, hint and checkbox.
NOT_PRINTED = ["提交答案", "重新作答", "搜索", "跳转至", MKDOCS["site_name"], "首页", "术语表",
               "出处与说明", "主要工作任务", "打印试卷", "（打印版）", "用浏览器的", "打印时附",
               "字号"]
# Chromium writes some CJK glyphs of Noto Sans CJK into the PDF as radicals (⻚ for 页): NFKC
# folds the Kangxi block back, the CJK Radicals Supplement is matched as any character.
_RADICAL = "[\u2e80-\u2eff]"


def norm(text: str) -> str:
    """Text as compared: NFKC, no whitespace (PDF extraction breaks lines and adds spaces)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def plain(markdown: str) -> str:
    """Bank Markdown as it reads on paper: no emphasis marks, link text only."""
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", re.sub(r"[*`]", "", markdown))


def needle(text: str) -> str:
    return "".join(f"(?:{re.escape(char)}|{_RADICAL})" for char in norm(text))


def found(text: str, printed: str) -> bool:
    return re.search(needle(text), printed) is not None


def stem_pattern(question: Question) -> re.Pattern[str]:
    """The whole stem; a blank prints as a line, numbered “(1)” when a stem has several."""
    pieces = [needle(plain(piece)) for piece in BLANK.split(question.stem)]
    return re.compile(r"(?:\(\d+\))?".join(pieces))


def paper_order(questions: list[Question]) -> list[Question]:
    """Papers group questions by type (单选, 多选, 判断, 填空), in bank order within a type."""
    return [question for kind in TYPES for question in questions if question.type == kind]


@dataclass
class Printed:
    """One printed paper: the text of each PDF page, normalised."""

    pages: list[str]

    @property
    def key_pages(self) -> list[int]:
        return [index for index, text in enumerate(self.pages) if found(KEY_TITLE, text)]

    @property
    def text(self) -> str:
        return "".join(self.pages)


def print_pdf(page: Page) -> Printed:
    """What the browser's 打印 › 另存为PDF gives: print media, A4 from the stylesheet."""
    pdf = page.pdf(prefer_css_page_size=True)
    reader = PdfReader(io.BytesIO(pdf))
    return Printed([norm(pdf_page.extract_text()) for pdf_page in reader.pages])


def open_paper(tab: Tab, url: str) -> Page:
    tab.page.goto(url)
    tab.page.wait_for_selector("[data-qz-paper][data-qz-ready]")
    return tab.page


def own_words(questions: list[Question], title: str) -> str:
    """Everything a paper legitimately prints, so a nav word inside a stem is no failure."""
    parts = [title]
    for question in questions:
        parts += [question.stem, question.explanation, *question.options.values()]
    return norm(plain("".join(parts)))


def check_paper(printed: Printed, questions: list[Question], title: str) -> None:
    """Every stem once, whole on one page, before the key; the key on later pages."""
    assert len(printed.key_pages) == 1, "the key title must print exactly once"
    key = printed.key_pages[0]
    paper = printed.pages[:key]
    stem_pages = []
    for question in questions:
        pattern = stem_pattern(question)
        assert not pattern.search("".join(printed.pages[key:])), \
            f"{question.id}: printed on or after the key's first page"
        matches = [(index, match) for index, text in enumerate(paper)
                   for match in pattern.finditer(text)]
        assert len(matches) == 1, f"{question.id}: stem printed {len(matches)}× before the key"
        index, match = matches[0]
        stem_pages.append(index)
        if question.options:
            # The whole question on one page: its last option follows the stem there.
            last = list(question.options.values())[-1]
            assert re.search(needle(plain(last)), paper[index][match.end():]), \
                f"{question.id}: split across pages"
    assert stem_pages == sorted(stem_pages), "questions print in paper order"
    assert key > stem_pages[-1], "the key starts on a page after the last question"
    after = "".join(printed.pages[key:])
    for question in questions:
        assert re.search(needle(plain(question.explanation)[:20]), after), question.id
        assert not re.search(needle(plain(question.explanation)[:20]), "".join(paper))
    allowed = own_words(questions, title)
    for word in NOT_PRINTED:
        if norm(word) not in allowed:
            assert not found(word, printed.text), f"{word!r} printed"


@pytest.mark.parametrize("bank_id", sorted(BANKS))
def test_bank_paper_prints_every_question_then_the_key_on_later_pages(tab, site, bank_id):
    """Issue 5: a clean paper per bank; the key with each 解析 on pages of its own at the end.

    Guards against a stem lost or doubled, a question split by a page break, the key
    printed before or on the same page as the questions, and site chrome (nav,
    search, quiz buttons, the screen-only hint) reaching the paper.
    """
    bank = BANKS[bank_id]
    page = open_paper(tab, site.root_url + f"papers/{bank_id}/")
    printed = print_pdf(page)
    first = printed.pages[0]
    for words in (bank.title, "姓名", "日期", "得分", f"共{len(bank.questions)}题"):
        assert found(words, first), words
    check_paper(printed, paper_order(list(bank.questions)), bank.title)
    assert found(f"第1页，共{len(printed.pages)}页", first), "page numbers in the bottom margin"


def test_mock_paper_has_the_configured_mix_points_and_time(tab, site):
    """The mock paper follows mkdocs.yml extra: exam: (count per type, points, 满分, minutes)."""
    page = open_paper(tab, site.root_url + "papers/mock/")
    drawn = draw(BANKS.values(), EXAM)
    expect(page.locator(".qz-paper__question")).to_have_count(EXAM.questions)
    ids = page.locator("[data-qz-paper-question]").evaluate_all(
        "els => els.map(e => e.dataset.qzPaperQuestion)")
    assert ids == [question.id for question in drawn]
    printed = print_pdf(page)
    first = printed.pages[0]
    assert found(f"共{EXAM.questions}题，满分{EXAM.total}分，考试时间{EXAM.minutes}分钟", first)
    for kind in TYPES:
        count = EXAM.counts[kind]
        if count:
            note = f"每题{EXAM.points[kind]}分，共{count}题{EXAM.points[kind] * count}分"
            assert found(f"（{note}）", printed.text), note
    check_paper(printed, drawn, "机关党建知识模拟测试")


@pytest.mark.parametrize("where", ["root_url", "subpath_url"])
def test_unticking_the_checkbox_prints_the_paper_without_the_key(tab, site, where):
    """“打印时附答案与解析” off: no key and no 解析 in print (also under nginx's strict CSP)."""
    page = open_paper(tab, getattr(site, where) + "papers/role/")
    box = page.get_by_role("checkbox", name="打印时附答案与解析")
    expect(box).to_be_checked()
    box.uncheck()
    expect(page.locator("[data-qz-paper-key]")).to_be_hidden()
    printed = print_pdf(page)
    assert printed.key_pages == []
    questions = paper_order(list(BANKS["role"].questions))
    for question in questions:
        assert stem_pattern(question).search(printed.text), question.id
        assert not re.search(needle(plain(question.explanation)[:20]), printed.text)
    box.check()
    assert len(print_pdf(page).key_pages) == 1


def test_without_javascript_the_key_prints_and_no_dead_checkbox_shows(new_tab, site):
    """Progressive enhancement: with scripts off the paper still prints whole, key included."""
    tab = new_tab(DESKTOP, java_script_enabled=False)
    page = tab.page
    page.goto(site.root_url + "papers/onboarding/")
    expect(page.get_by_role("checkbox")).to_have_count(0)
    printed = print_pdf(page)
    assert len(printed.key_pages) == 1
    check_paper(printed, paper_order(list(BANKS["onboarding"].questions)),
                BANKS["onboarding"].title)


def test_print_media_hides_the_site_around_the_paper(tab, site):
    """Material's header, sidebars and footer, the page heading and the hint stay on screen."""
    page = open_paper(tab, site.root_url + "papers/integrity/")
    page.emulate_media(media="print")
    for selector in [".md-header", ".md-sidebar--primary", ".md-footer", "article > h1",
                     ".qz-paper__screen"]:
        expect(page.locator(selector).first).to_be_hidden()
    styles = page.evaluate("""() => ({
        question: getComputedStyle(document.querySelector('.qz-paper__question')).breakInside,
        answer: getComputedStyle(document.querySelector('.qz-paper__answer')).breakInside,
        key: getComputedStyle(document.querySelector('.qz-paper__key')).breakBefore,
    })""")
    assert styles == {"question": "avoid", "answer": "avoid", "key": "page"}
    page.emulate_media(media="screen")
    expect(page.locator("article > h1")).to_be_visible()
    expect(page.locator(".qz-paper__screen")).to_be_visible()


def test_paper_page_reads_on_a_phone(new_tab, site):
    """390×844: the paper page fits the width and the checkbox is an easy tap; a screenshot."""
    tab = new_tab(has_touch=True, is_mobile=True)
    page = open_paper(tab, site.root_url + "papers/role/")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "phone-papers-role.png")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide"
    assert page.locator(".qz-paper__toggle").bounding_box()["height"] >= 44


