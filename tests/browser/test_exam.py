"""The mock exam as members know it (issue 10 items 2, 3, 5–8; issue 11 item 6), on a phone
(390×844) with Playwright's clock: resume after a reload or a closed tab on wall time, the
leave guard, the 交卷 guard, the 答题卡 and flags, the timer line, the result, partial credit,
history review and one question per point."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, Route, expect

from macros.paper import exam_config
from tests.browser.conftest import PHONE, SCREENSHOTS, Tab
from tests.browser.driver import answer, fieldset, right_response
from tests.unit.test_paper import MKDOCS

pytestmark = pytest.mark.browser

DAY = dt.datetime(2026, 11, 25, 9, 0)
EXAM = "study/exam/"


@pytest.fixture(scope="module")
def config(banks):
    """The site's exam settings, as macros/paper.py checks them."""
    return exam_config(MKDOCS["extra"]["exam"], banks.values(), ("mkdocs.yml", 1))


@pytest.fixture
def phone(new_tab) -> Iterator[Tab]:
    """A phone-sized tab whose clock is Playwright's, paused a minute after DAY."""
    tab = new_tab(PHONE)
    tab.page.clock.install(time=DAY)
    tab.page.on("dialog", lambda dialog: dialog.accept())  # beforeunload on reload: go on
    yield tab
    assert tab.errors == [], tab.errors


def start(page: Page, site) -> list[str]:
    page.goto(site.root_url + EXAM)
    page.clock.pause_at(DAY + dt.timedelta(minutes=1))
    page.get_by_role("button", name="开始考试").click()
    return paper_ids(page)


def paper_ids(page: Page) -> list[str]:
    questions = page.locator("[data-qz-view=exam] [data-qz-stage] fieldset[data-question-id]")
    questions.first.wait_for(state="attached")
    return questions.evaluate_all("els => els.map(e => e.dataset.questionId)")


def saved_exam(page: Page) -> dict | None:
    record = json.loads(page.evaluate("localStorage.getItem('jgdj:v1')") or "{}")
    entry = record.get("drafts", {}).get("exam")
    return entry and entry["value"]


def wait_saved(page: Page, answered: int) -> None:
    """Drafts are written a moment after the input: let a second pass, wait for the write."""
    page.clock.run_for(1000)
    page.wait_for_function("""n => { const d = (JSON.parse(localStorage.getItem('jgdj:v1') || '{}')
        .drafts || {}).exam; return d && Object.keys(d.value.answers).length === n; }""",
                           arg=answered)


def dialog(page: Page):
    return page.locator("dialog.qz-dialog")


def submit_exam(page: Page) -> None:
    """交卷, answering the in-page question if there is one."""
    page.get_by_role("button", name="交卷", exact=True).click()
    if dialog(page).count():
        dialog(page).get_by_role("button", name="交卷").click()
    expect(page.locator(".qz-exam__score")).to_be_visible()


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"exam-{name}.png")


def test_an_exam_resumes_after_a_reload_with_answers_flags_and_wall_clock_time(phone, site,
                                                                               by_id, config):
    """WeChat reloads the page after a chat switch: the sitting comes back with its questions,
    answers, flags and the time left counted on the wall clock. Prints the time to resume."""
    page = phone.page
    ids = start(page, site)
    answer(page, by_id[ids[0]], right=True)
    answer(page, by_id[ids[1]], right=False)
    fieldset(page, by_id[ids[2]]).get_by_role("button", name="标记").click()
    wait_saved(page, 2)
    page.clock.run_for("04:59")  # five minutes away in all
    began = time.perf_counter()
    page.reload()
    assert paper_ids(page) == ids
    expect(page.locator("[data-qz-clock]")).to_contain_text("剩余25:00")
    print(f"\nresumed exam ready after {time.perf_counter() - began:.2f} s (reload to questions)")
    expect(page.locator("[data-qz-view=exam] [role=status]").first).to_contain_text(
        f"已恢复未交卷的模拟考试：已答2/{config.questions}题")
    first = by_id[ids[0]]
    checked = fieldset(page, first).locator("input:checked").evaluate_all(
        "els => els.map(e => e.value).sort()")
    if first.type != "fill":
        assert checked == sorted(right_response(first))
    expect(fieldset(page, by_id[ids[2]]).get_by_role("button", name="标记")).to_have_attribute(
        "aria-pressed", "true")
    expect(page.get_by_role("button", name="开始考试")).to_be_hidden()
    page.clock.run_for("25:00")
    expect(page.locator(".qz-exam__score")).to_be_visible()
    expect(page.locator(".qz-exam__report [role=alert]")).to_have_text("时间到，已自动交卷。")
    assert saved_exam(page) is None


def test_time_that_ran_out_while_the_tab_was_closed_submits_and_says_so(new_tab, site, by_id,
                                                                        config):
    """Closed mid-exam and opened after the time limit: submitted with what was answered."""
    tab = new_tab(PHONE)
    page = tab.page
    page.clock.install(time=DAY)
    ids = start(page, site)
    question = by_id[ids[0]]
    answer(page, question, right=True)
    wait_saved(page, 1)
    page.close(run_before_unload=False)
    later = tab.page.context.new_page()
    later.clock.install(time=DAY + dt.timedelta(minutes=config.minutes + 5))
    later.goto(site.root_url + EXAM)
    report = later.locator(".qz-exam__report")
    expect(report.get_by_role("alert")).to_have_text(
        "你离开期间考试时间已到，已按离开前的作答自动交卷。")
    expect(report).to_be_focused()
    points = config.points[question.type]
    expect(later.locator(".qz-exam__score")).to_have_text(
        f"本次得分{points}分（满分{config.total}分）")
    later.context.close()


def test_leaving_mid_exam_asks_in_the_page_and_the_exam_comes_back(phone, site, by_id):
    """A link clicked mid-exam asks first (no window.confirm: WeChat blocks it); 继续考试
    stays, 离开 goes by instant navigation, and returning resumes the sitting."""
    page = phone.page
    page.goto(site.subpath_url + EXAM)
    page.clock.pause_at(DAY + dt.timedelta(minutes=1))
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("button", name="开始考试").click()
    ids = paper_ids(page)
    answer(page, by_id[ids[0]], right=True)
    link = page.locator("a.md-footer__link").first
    link.click()
    expect(dialog(page)).to_contain_text("模拟考试正在进行，离开后计时不停。")
    expect(dialog(page).get_by_role("button", name="继续考试")).to_be_focused()
    dialog(page).get_by_role("button", name="继续考试").click()
    expect(page.locator("h1")).to_contain_text("模拟考试")
    link.click()
    dialog(page).get_by_role("button", name="离开").click()
    expect(page.locator("h1")).not_to_contain_text("模拟考试")
    assert page.evaluate("window.__sameDocument === true"), "navigation was a full reload"
    page.go_back()
    assert paper_ids(page) == ids
    expect(page.locator("[data-qz-clock]")).to_be_visible()


def test_submitting_with_unanswered_questions_names_how_many(phone, site, by_id, config):
    """交卷 with questions left asks "还有N题未作答，确定交卷吗？" in the page; 继续作答
    keeps on answering."""
    page = phone.page
    ids = start(page, site)
    for question_id in ids[:2]:
        answer(page, by_id[question_id], right=True)
    page.get_by_role("button", name="交卷", exact=True).click()
    expect(dialog(page)).to_contain_text(f"还有{config.questions - 2}题未作答，确定交卷吗？")
    dialog(page).get_by_role("button", name="继续作答").click()
    expect(page.locator(".qz-exam__score")).to_have_count(0)
    expect(page.get_by_role("button", name="重新作答")).to_be_hidden()
    submit_exam(page)


def test_the_answer_sheet_shows_states_and_jumps(phone, site, by_id, config):
    """答题卡: a nav named 答题卡, one control per question saying answered / flagged, jump."""
    page = phone.page
    ids = start(page, site)
    sheet = page.get_by_role("navigation", name="答题卡")
    cells = sheet.get_by_role("button")
    expect(cells).to_have_count(config.questions)
    answer(page, by_id[ids[0]], right=True)
    fieldset(page, by_id[ids[2]]).get_by_role("button", name="标记").click()
    expect(cells.nth(0)).to_have_accessible_name("第1题，已作答")
    expect(cells.nth(1)).to_have_accessible_name("第2题，未作答")
    expect(cells.nth(2)).to_have_accessible_name("第3题，未作答，已标记")
    expect(sheet).to_contain_text(f"已答1/{config.questions}")
    expect(page.locator("[data-qz-clock]")).to_contain_text(f"已答1/{config.questions}")
    last = len(ids)
    cells.nth(last - 1).click()
    target = fieldset(page, by_id[ids[-1]])
    expect(target).to_be_in_viewport()
    assert page.evaluate("el => el.contains(document.activeElement)", target.element_handle())
    headings = page.locator(".qz-exam__part")
    first_type = by_id[ids[0]].type
    count = sum(1 for i in ids if by_id[i].type == first_type)
    each = config.points[first_type]
    expect(headings.first).to_have_text(re.compile(
        rf"^一、.+题（每题{each}分，共{each * count}分）$"))


@pytest.mark.parametrize("size", ["standard", "x-large"])
def test_the_timer_line_warns_at_5_and_1_minutes_and_stays_small(phone, site, config, size):
    """One sticky line under 10 % of the screen at every text size; warnings change its colour
    and put text into a live region in that line."""
    page = phone.page
    page.goto(site.root_url)
    page.evaluate("s => localStorage.setItem('jgdj:v1', JSON.stringify({version: 2,"
                  " settings: {textSize: s}}))", size)
    start(page, site)
    line = page.locator("[data-qz-clock]")
    page.mouse.wheel(0, 3000)
    expect(line).to_be_in_viewport()
    box = line.bounding_box()
    assert box and box["height"] < PHONE["height"] * 0.1, box
    page.clock.run_for(f"{config.minutes - 5:02d}:01")
    warning = line.get_by_role("alert")
    expect(warning).to_have_text("还剩5分钟")
    expect(line).to_have_class(re.compile("qz-exam__clock--warn"))
    screenshot(page, f"timer-warning-{size}")
    assert line.bounding_box()["height"] < PHONE["height"] * 0.1
    page.clock.run_for("04:00")
    expect(warning).to_have_text("还剩1分钟")
    page.get_by_role("button", name="延长10分钟").click()
    expect(warning).to_have_text("")
    expect(line).to_contain_text("剩余10:59")


def test_the_result_lists_wrong_questions_as_links_and_filters_them(phone, site, by_id, config):
    """After 交卷: the score under the header, "答错的题：第2、5题" as jump links, 只看错题,
    points per type; the exam can then be reopened from the history."""
    page = phone.page
    ids = start(page, site)
    wrong = {1, 4}
    for n, question_id in enumerate(ids):
        answer(page, by_id[question_id], right=n not in wrong)
    submit_exam(page)
    score = sum(config.points[by_id[i].type] for n, i in enumerate(ids) if n not in wrong)
    expect(page.locator(".qz-exam__score")).to_have_text(f"本次得分{score}分（满分{config.total}分）")
    expect(page.locator(".qz-exam__score")).to_be_in_viewport()
    expect(page.locator(".qz-exam__wrong")).to_have_text("答错的题：第2、5题")
    page.locator(".qz-exam__wrong").get_by_role("link", name="第5题").click()
    expect(fieldset(page, by_id[ids[4]])).to_be_in_viewport()
    page.get_by_label("只看错题").check()
    expect(fieldset(page, by_id[ids[0]])).to_be_hidden()
    expect(fieldset(page, by_id[ids[1]])).to_be_visible()
    first_type = by_id[ids[0]].type
    got = sum(config.points[first_type] for n, i in enumerate(ids)
              if by_id[i].type == first_type and n not in wrong)
    full = sum(config.points[first_type] for i in ids if by_id[i].type == first_type)
    expect(page.locator(".qz-exam__report table").first).to_contain_text(f"{got}/{full}")
    screenshot(page, "result")
    page.reload()
    page.get_by_role("button", name=re.compile("^查看")).first.click()
    review = page.locator(".qz-exam__past")
    expect(review.locator("h2")).to_contain_text(f"得分{score}分")
    expect(review.locator("fieldset")).to_have_count(len(ids))
    expect(review.locator("fieldset").nth(1).locator("[data-qz-feedback]")).to_contain_text(
        "回答错误")
    expect(review.locator("fieldset").nth(0).locator("[data-qz-feedback]")).to_have_text(
        "✓回答正确")


def with_partial(route: Route, fraction: float) -> None:
    """Serve the exam page with extra.exam.multiple_partial set, as a site configured so."""
    html = route.fetch().text()
    html = re.sub(r"(&#34;partial&#34;: )[0-9.]+", rf"\g<1>{fraction}", html)
    route.fulfill(body=html, headers={"content-type": "text/html; charset=utf-8"})


@pytest.mark.parametrize("fraction", [0, 0.5])
def test_partial_credit_for_multiple_choice_follows_the_setting(phone, site, by_id, config,
                                                                fraction):
    """少选 (some right options, none wrong) earns the configured fraction; off, nothing."""
    page = phone.page
    page.route(re.compile(r".*/study/exam/$"), lambda route: with_partial(route, fraction))
    ids = start(page, site)
    multiple = next(by_id[i] for i in ids if by_id[i].type == "multiple")
    answer(page, multiple, right=False)  # one right option alone: 少选
    submit_exam(page)
    got = config.points["multiple"] * fraction
    shown = f"{got:g}"
    expect(page.locator(".qz-exam__score")).to_have_text(f"本次得分{shown}分（满分{config.total}分）")


def test_the_online_draw_never_takes_two_questions_of_one_point(phone, site, banks, config):
    """Questions sharing a point test one fact: the exam draws at most one of them. Every
    single-choice question is served with the same point, so only one can be drawn."""
    page = phone.page

    def one_point(route: Route) -> None:
        text = re.sub(r'("type":"single","link":"[^"]*","point":)(?:null|"[^"]*")', r'\1"same"',
                      route.fetch().text())
        route.fulfill(body=text, headers={"content-type": "text/javascript; charset=utf-8"})

    page.route(re.compile(r".*/quizdata/(?!index).*\.js$"), one_point)
    ids = start(page, site)
    singles = [i for i in ids if any(q.id == i and q.type == "single"
                                     for bank in banks.values() for q in bank.questions)]
    assert len(singles) == 1
    assert len(ids) == config.questions - config.counts["single"] + 1


def test_a_stored_exam_naming_removed_questions_is_dropped_with_a_message(phone, site):
    """A sitting whose questions no longer exist cannot be scored fairly: dropped, and said."""
    page = phone.page
    page.goto(site.root_url)
    page.evaluate("""() => localStorage.setItem('jgdj:v1', JSON.stringify({version: 2, drafts:
        {exam: {at: 1, value: {paper: [{b: 'role', id: 'role-999'}], began: Date.now(),
        limit: 60000, flags: [], answers: {}}}}}))""")
    page.goto(site.root_url + EXAM)
    expect(page.locator("[data-qz-status]")).to_have_text(
        "上次未交卷的模拟考试里有题目已被修改或删除，无法继续，已作废；请重新开始考试。")
    expect(page.get_by_role("button", name="开始考试")).to_be_enabled()
    assert saved_exam(page) is None



@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["standard", "x-large"])
def test_the_exam_on_a_phone_has_no_accessibility_violation(new_tab, site, by_id, scheme, size):
    """axe-core on the new exam parts (timer line warning, 答题卡, flags, dialog, result) in
    light and dark at 标准 and 特大; screenshots for review in tests/browser/screenshots."""
    from tests.browser.test_site import ALL_IMPACTS, axe_violations

    tab = new_tab(PHONE, color_scheme=scheme, bypass_csp=True)
    page = tab.page
    page.clock.install(time=DAY)
    page.goto(site.root_url)
    page.evaluate("s => localStorage.setItem('jgdj:v1', JSON.stringify({version: 2,"
                  " settings: {textSize: s}}))", size)
    ids = start(page, site)
    for question_id in ids[:3]:
        answer(page, by_id[question_id], right=True)
    fieldset(page, by_id[ids[1]]).get_by_role("button", name="标记").click()
    page.clock.run_for("25:01")
    expect(page.locator("[data-qz-clock]").get_by_role("alert")).to_have_text("还剩5分钟")
    page.clock.resume()  # axe waits on timers of its own
    name = f"{scheme}-{size}"
    screenshot(page, f"sheet-{name}")
    fieldset(page, by_id[ids[1]]).scroll_into_view_if_needed()
    screenshot(page, f"question-{name}")
    found = {"running": axe_violations(page, ALL_IMPACTS)}
    page.get_by_role("button", name="交卷", exact=True).click()
    screenshot(page, f"dialog-{name}")
    found["dialog"] = axe_violations(page, ALL_IMPACTS)
    dialog(page).get_by_role("button", name="交卷").click()
    expect(page.locator(".qz-exam__score")).to_be_in_viewport()
    screenshot(page, f"result-{name}")
    found["result"] = axe_violations(page, ALL_IMPACTS)
    page.get_by_role("button", name="开始考试").scroll_into_view_if_needed()
    page.get_by_role("button", name=re.compile("^查看")).first.click()
    expect(page.locator(".qz-exam__past fieldset").first).to_be_visible()
    found["review"] = axe_violations(page, ALL_IMPACTS)
    assert found == {"running": [], "dialog": [], "result": [], "review": []}
