"""The page self-test as a member uses it, on the real 职能定位 page and its bank."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, Tab
from tests.browser.driver import answer, fieldset, submit

ROLE = "role/"


@pytest.fixture(params=["root_url", "subpath_url"], ids=["root", "nginx-subpath"])
def role(request, tab: Tab, site, banks):
    """The 职能定位 page, served at a root and by nginx under /dangjian/ with a strict CSP."""
    tab.page.goto(getattr(site, request.param) + ROLE)
    tab.page.wait_for_selector("[data-quiz-id=role][data-qz-ready]")
    return banks["role"].questions


def stored(tab: Tab) -> dict:
    return json.loads(tab.page.evaluate("localStorage.getItem('jgdj:v1')") or "null")


def test_no_answer_is_visible_before_submitting(tab, role):
    """With JavaScript on, answers and 解析 stay hidden until 提交答案."""
    page = tab.page
    expect(page.get_by_text("正确答案：")).to_have_count(len(role))
    for locator in page.get_by_text("正确答案：").all():
        expect(locator).to_be_hidden()
    expect(page.locator("[data-qz-noscript]")).to_be_hidden()
    expect(page.get_by_role("button", name="提交答案")).to_be_visible()
    expect(page.get_by_role("button", name="重新作答")).to_be_visible()


def test_all_right(tab, role):
    page = tab.page
    for question in role:
        answer(page, question, right=True)
    assert submit(page).startswith(f"答对 {len(role)} / {len(role)} 题")
    for question in role:
        box = fieldset(page, question)
        expect(box.locator("[data-qz-feedback]")).to_have_text("✓回答正确")
        expect(box.get_by_text("解析：")).to_be_visible()
        link = box.locator("[data-qz-source]").evaluate("a => a.href")
        assert link.endswith(f"/role/#{question.source}")


def test_all_wrong_shows_each_correct_answer_and_explanation(tab, role):
    page = tab.page
    for question in role:
        answer(page, question, right=False)
    assert submit(page).startswith(f"答对 0 / {len(role)} 题")
    for question in role:
        box = fieldset(page, question)
        expect(box.locator("[data-qz-feedback]")).to_contain_text("回答错误。你的答案：")
        expect(box.get_by_text("正确答案：")).to_be_visible()
        expect(box.locator(".qz-question__explanation")).to_be_visible()


def test_mixed_score_and_unanswered_count(tab, role):
    """Right, wrong and unanswered questions are each counted and marked."""
    page = tab.page
    right, wrong = role[:7], role[7:12]
    for question in right:
        answer(page, question, right=True)
    for question in wrong:
        answer(page, question, right=False)
    result = submit(page)
    unanswered = len(role) - 12
    assert result.startswith(f"答对 7 / {len(role)} 题（其中{unanswered}题未作答）")
    expect(fieldset(page, role[-1]).locator("[data-qz-feedback]")).to_have_text("○未作答")
    expect(page.locator("[data-qz-result]")).to_be_focused()


def test_source_link_leads_back_to_the_teaching_section(tab, role):
    page = tab.page
    submit(page)
    fieldset(page, role[0]).locator("[data-qz-source]").click()
    # Under instant navigation the address updates after the click: wait for it.
    expect(page).to_have_url(re.compile(f"#{role[0].source}$"))
    expect(page.locator(f"#{role[0].source}")).to_be_in_viewport()
    expect(page.locator(f"#{role[0].source}")).to_be_focused()  # keyboard users land there too


def test_fill_answers_ignore_width_spaces_and_quotes(tab, role):
    """Fill-in answers are compared after NFKC, trimming spaces and quotation marks."""
    page = tab.page
    fill = next(q for q in role if q.type == "fill" and len(q.answer) == 2)
    inputs = fieldset(page, fill).locator("input[type=text]")
    first, second = fill.answer[0][0], fill.answer[1][0]
    inputs.nth(0).fill(f"  “{first}” ")
    inputs.nth(1).fill("\u3000" + " ".join(second))
    submit(page)
    expect(fieldset(page, fill).locator("[data-qz-feedback]")).to_have_text("✓回答正确")
    assert page.evaluate("qz.check.normalize('ＡＢＣ　１２３')") == "abc123"


def test_answers_and_results_come_back_after_reload(tab, role):
    page = tab.page
    for question in role[:5]:
        answer(page, question, right=True)
    answer(page, role[5], right=False)
    submit(page)
    page.reload()
    page.wait_for_selector("[data-quiz-id=role][data-qz-ready]")
    expect(page.locator("[data-qz-result]")).to_contain_text(f"答对 5 / {len(role)} 题")
    for question in role[:5]:
        expect(fieldset(page, question).locator("[data-qz-feedback]")).to_have_text("✓回答正确")
    expect(fieldset(page, role[5]).locator("[data-qz-feedback]")).to_contain_text("回答错误")
    single = next(q for q in role[:5] if q.type in ("single", "judge"))
    value = single.answer if single.type == "single" else str(single.answer).lower()
    expect(fieldset(page, single).locator(f'input[value="{value}"]')).to_be_checked()


def test_edited_question_is_not_shown_as_answered(tab, role):
    """Progress is keyed by question id and content hash."""
    page = tab.page
    for question in role[:2]:
        answer(page, question, right=True)
    submit(page)
    page.evaluate("""id => {
        const data = JSON.parse(localStorage.getItem('jgdj:v1'));
        data.answers[id].hash = 'edited0000';
        localStorage.setItem('jgdj:v1', JSON.stringify(data));
    }""", role[0].id)
    page.reload()
    page.wait_for_selector("[data-quiz-id=role][data-qz-ready]")
    expect(fieldset(page, role[0]).locator("[data-qz-feedback]")).to_be_hidden()
    expect(fieldset(page, role[1]).locator("[data-qz-feedback]")).to_have_text("✓回答正确")


def test_reset_clears_answers_page_and_storage(tab, role):
    page = tab.page
    answer(page, role[0], right=True)
    submit(page)
    page.get_by_role("button", name="重新作答").click()
    expect(page.locator("[data-qz-result]")).to_have_text("已清空本页答案，可以重新作答。")
    expect(fieldset(page, role[0]).locator("[data-qz-feedback]")).to_be_hidden()
    expect(fieldset(page, role[0]).get_by_text("正确答案：")).to_be_hidden()
    assert not any(box.is_checked() for box in page.locator(".qz-option__input").all())
    assert stored(tab)["answers"] == {}
    assert stored(tab)["attempts"]["role"] == 1


def test_shuffled_options_keep_answers_by_key(tab, role):
    """Options are shuffled per attempt; letters are relabelled and answers keyed by option."""
    page = tab.page
    multiple = next(q for q in role if q.type == "multiple")
    box = fieldset(page, multiple)
    letters = box.locator("[data-qz-letter]").all_inner_texts()
    assert letters == sorted(letters)  # displayed letters always run A, B, C…
    orders = set()
    for _ in range(4):
        orders.add(tuple(box.locator("input").evaluate_all("els => els.map(e => e.value)")))
        page.get_by_role("button", name="重新作答").click()
    assert len(orders) > 1
    answer(page, multiple, right=True)
    submit(page)
    expect(box.locator("[data-qz-feedback]")).to_have_text("✓回答正确")
    shown = box.locator(".qz-key__letter").all_inner_texts()
    for key, letter in zip(multiple.answer, shown, strict=True):
        label = box.locator(f'label:has(input[value="{key}"]) [data-qz-letter]')
        assert label.inner_text() == letter


@pytest.mark.parametrize("raw", ["{oops", "[]", '{"answers": 3}', "null"])
def test_corrupt_storage_never_breaks_the_page(new_tab, site, banks, raw):
    """Corrupt or foreign data is set aside (not lost) and the quiz still works and saves."""
    tab = new_tab(DESKTOP)
    page = tab.page
    page.add_init_script(f"localStorage.setItem('jgdj:v1', {json.dumps(raw)})")
    page.goto(site.root_url + ROLE)
    question = banks["role"].questions[0]
    answer(page, question, right=True)
    assert submit(page).startswith("答对 1 /")
    expect(page.locator("[data-qz-storage-note]")).to_be_hidden()
    kept = page.evaluate("""() => Object.keys(localStorage)
        .filter(k => k.startsWith('jgdj:v1:corrupt:')).map(k => localStorage.getItem(k))""")
    assert raw in kept
    saved = json.loads(page.evaluate("localStorage.getItem('jgdj:v1')"))
    assert saved["answers"][question.id]["correct"] is True


def test_newer_version_data_is_left_untouched(new_tab, site, banks):
    tab = new_tab(DESKTOP)
    page = tab.page
    newer = json.dumps({"version": 99, "answers": {"x": 1}})  # far beyond the current schema
    page.add_init_script(f"localStorage.setItem('jgdj:v1', {json.dumps(newer)})")
    page.goto(site.root_url + ROLE)
    expect(page.locator("[data-qz-storage-note]")).to_contain_text("更新版本")
    answer(page, banks["role"].questions[0], right=True)
    assert submit(page).startswith("答对 1 /")
    assert page.evaluate("localStorage.getItem('jgdj:v1')") == newer


@pytest.mark.parametrize("failure", [
    # Private mode in some browsers: any access throws.
    "Object.defineProperty(window, 'localStorage', {get() { throw new Error('denied'); }});",
    # Quota full: reads work, every write throws.
    "Storage.prototype.setItem = function () {"
    " throw new DOMException('full', 'QuotaExceededError'); };",
])
def test_unavailable_storage_still_grades_and_says_progress_is_not_saved(browser, site, banks,
                                                                          failure):
    # Material's own head script reads localStorage unguarded and throws: this test keeps its
    # own tab and asserts only that none of our scripts threw.
    from tests.browser.conftest import open_tab

    tab = open_tab(browser)
    page = tab.page
    page.add_init_script(failure)
    page.goto(site.root_url + ROLE)
    answer(page, banks["role"].questions[0], right=True)
    assert submit(page).startswith("答对 1 /")
    expect(page.locator("[data-qz-storage-note]")).to_contain_text("进度不会保存")
    page.context.close()
    # Material's own head script reads localStorage unguarded; ours must not throw.
    assert [error for error in tab.errors if "qz-" in error] == []


def keyboard_answer(page, question) -> None:
    """Tab to the question, then answer it right with arrows, Space and typing only."""
    box = f'[data-question-id="{question.id}"]'
    page.keyboard.press("Tab")
    for _ in range(20):  # past glossary terms or links inside a stem, if any
        if page.evaluate(f"document.activeElement.closest('{box}') !== null "
                         "&& document.activeElement.tagName === 'INPUT'"):
            break
        page.keyboard.press("Tab")
    if question.type == "fill":
        for index, accepted in enumerate(question.answer):
            if index:
                page.keyboard.press("Tab")
            page.keyboard.type(accepted[0])
    elif question.type == "multiple":
        values = page.locator(f"{box} input").evaluate_all("els => els.map(e => e.value)")
        for index, value in enumerate(values):
            if index:
                page.keyboard.press("Tab")
            if value in question.answer:
                page.keyboard.press("Space")
    else:
        target = question.answer if question.type == "single" else str(question.answer).lower()
        values = page.locator(f"{box} input").evaluate_all("els => els.map(e => e.value)")
        page.keyboard.press("Space")
        for _ in range(values.index(target)):
            page.keyboard.press("ArrowDown")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", f"no visible focus ring on {question.id}"


def test_keyboard_only_completion(tab, role):
    """Tab, arrow keys, Space and typing reach every control; Enter submits."""
    page = tab.page
    page.locator("#self-test").scroll_into_view_if_needed()
    page.evaluate("document.querySelector('#self-test').setAttribute('tabindex', '-1')")
    page.locator("#self-test").focus()
    for question in role:
        keyboard_answer(page, question)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "提交答案"
    page.keyboard.press("Enter")
    expect(page.locator("[data-qz-result]")).to_contain_text(f"答对 {len(role)} / {len(role)} 题")


def test_without_javascript_the_quiz_reads_as_a_paper(new_tab, site):
    """No script: questions show, each answer and 解析 waits in a collapsed <details>."""
    tab = new_tab(DESKTOP, java_script_enabled=False)
    page = tab.page
    page.goto(site.root_url + ROLE)
    quiz = page.locator("[data-quiz-id=role]")
    expect(quiz.locator("fieldset legend").first).to_be_visible()
    expect(quiz.locator("[data-qz-noscript]")).to_be_visible()
    expect(quiz.get_by_role("button", name="提交答案")).to_be_hidden()
    first = quiz.locator("details").first
    expect(first.get_by_text("解析：")).to_be_hidden()
    first.locator("summary").click()
    expect(first.get_by_text("解析：")).to_be_visible()


def test_instant_navigation_starts_the_quiz(tab, site, banks):
    """Material's instant loading swaps pages without a reload; the quiz must still start."""
    page = tab.page
    page.goto(site.subpath_url)
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-sidebar--primary").get_by_role("link", name="职能定位", exact=True).click()
    page.wait_for_selector("[data-quiz-id=role][data-qz-ready]")
    assert page.evaluate("window.__sameDocument === true"), "navigation was a full reload"
    question = banks["role"].questions[0]
    answer(page, question, right=True)
    assert submit(page).startswith("答对 1 /")
