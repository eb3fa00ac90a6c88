"""What members do that pages must survive: double clicks, back and forward, two tabs."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, open_tab
from tests.browser.driver import answer, fieldset, submit


def test_double_click_on_submit_grades_once(tab, site, banks):
    page = tab.page
    page.goto(site.root_url + "role/")
    questions = banks["role"].questions
    answer(page, questions[0], right=True)
    page.get_by_role("button", name="提交答案").dblclick()
    expect(page.locator("[data-qz-result]")).to_contain_text(f"答对 1 / {len(questions)} 题")
    expect(page.get_by_role("button", name="提交答案")).to_be_disabled()
    expect(fieldset(page, questions[0]).locator("[data-qz-feedback]")).to_have_text("✓回答正确")
    page.get_by_role("button", name="重新作答").click()
    expect(page.get_by_role("button", name="提交答案")).to_be_enabled()


def test_back_and_forward_with_instant_navigation_keep_results(tab, site, banks):
    """Material swaps pages without reloading; going back must show the quiz as it was."""
    page = tab.page
    page.goto(site.subpath_url + "role/")
    page.evaluate("window.__sameDocument = true")
    questions = banks["role"].questions
    answer(page, questions[0], right=True)
    answer(page, questions[1], right=False)
    submit(page)
    page.locator("article a[href$='about/']").first.click()
    expect(page.locator("h1")).to_contain_text("出处与说明")
    page.go_back()
    page.wait_for_selector("[data-quiz-id=role][data-qz-ready]")
    expect(page.locator("[data-qz-result]")).to_contain_text(f"答对 1 / {len(questions)} 题")
    expect(fieldset(page, questions[1]).locator("[data-qz-feedback]")).to_contain_text("回答错误")
    page.get_by_role("button", name="重新作答").click()
    expect(page.locator("[data-qz-result]")).to_have_text("已清空本页答案，可以重新作答。")
    page.go_forward()
    expect(page.locator("h1")).to_contain_text("出处与说明")
    assert page.evaluate("window.__sameDocument === true"), "navigation was a full reload"


def test_two_tabs_keep_each_others_progress(new_tab, site, banks):
    """Each save re-reads storage first, so answers saved in one tab survive the other's."""
    first = new_tab(DESKTOP)
    context = first.page.context
    second = context.new_page()
    second.on("pageerror", lambda error: first.errors.append(f"{error}\n{error.stack}"))
    first.page.goto(site.root_url + "role/")
    second.goto(site.root_url + "methods/")
    role, methods = banks["role"].questions[0], banks["methods"].questions[0]
    answer(first.page, role, right=True)
    answer(second, methods, right=True)
    submit(first.page)
    submit(second)
    first.page.get_by_role("button", name="重新作答").click()  # clears role only
    answer(first.page, role, right=False)
    submit(first.page)
    for page, question, state in [(first.page, role, "回答错误"), (second, methods, "回答正确")]:
        page.reload()
        expect(fieldset(page, question).locator("[data-qz-feedback]")).to_contain_text(state)


def test_script_errors_are_caught_by_the_tab_guard(browser):
    """``new_tab`` fails a test on script errors: both kinds must reach ``unexpected_errors``."""
    tab = open_tab(browser)
    tab.page.set_content("<script>console.error('logged');</script>"
                         "<script>throw new Error('boom');</script>")
    try:
        assert len(tab.unexpected_errors()) == 2
        tab.expected = ("boom",)
        assert tab.unexpected_errors() == ["logged"]
    finally:
        tab.page.context.close()
