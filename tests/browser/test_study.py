"""The 自测中心, driven as a member would: practice, mock exam, 错题本, progress, daily question,
export and import. Time is Playwright's controllable clock, not the machine's."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS
from tests.browser.driver import answer, fieldset, shown_ids, submit

DAY = dt.datetime(2026, 11, 25, 9, 0)


def on(page: Page, when: dt.datetime) -> None:
    page.clock.set_fixed_time(when)


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"study-{name}.png", full_page=True)


def test_practice_draws_the_chosen_questions_with_feedback_per_question(tab, site, by_id):
    page = tab.page
    page.set_viewport_size(PHONE)
    page.goto(site.root_url + "study/practice/")
    for box in page.locator("input[name=bank]").all():
        if box.get_attribute("value") != "role":
            box.uncheck()
    for box in page.locator("input[name=type]").all():
        if box.get_attribute("value") != "judge":
            box.uncheck()
    page.locator("input[name=count]").fill("3")
    page.get_by_role("button", name="开始练习").click()
    ids = shown_ids(page)
    assert len(ids) == 3 and all(by_id[i].type == "judge" and i.startswith("role-") for i in ids)
    for number, question_id in enumerate(ids):
        box = page.locator(f'[data-question-id="{question_id}"]')
        expect(box).to_be_visible()
        expect(box.locator(".qz-question__number")).to_have_text(f"第{number + 1}题")
        answer(page, by_id[question_id], right=number != 1)
        page.get_by_role("button", name="核对本题").click()
        expect(box.locator("[data-qz-feedback]")).to_contain_text(
            "回答正确" if number != 1 else "回答错误")
        expect(box.get_by_text("解析：")).to_be_visible()
        if number < 2:
            page.get_by_role("button", name="下一题").click()
            expect(box).to_be_hidden()
    expect(page.locator("[data-qz-result]")).to_have_text(
        "本组练完：答对 2 / 3 题。答错的题已记入错题本。")
    screenshot(page, "practice")
    page.goto(site.root_url + "study/review/")
    assert shown_ids(page) == [ids[1]]


def submit_exam(page: Page) -> None:
    """交卷, then confirm in the in-page dialog that asks first."""
    page.get_by_role("button", name="交卷", exact=True).click()
    page.locator("dialog.qz-dialog").get_by_role("button", name="交卷").click()


def exam_answers(page: Page, by_id, right) -> list[str]:
    ids = shown_ids(page)
    for index, question_id in enumerate(ids):
        answer(page, by_id[question_id], right=right(index))
    return ids


def test_mock_exam_scores_out_of_100_with_breakdown_review_and_history(tab, site, by_id):
    page = tab.page
    page.goto(site.root_url + "study/exam/")
    page.get_by_role("button", name="开始考试").click()
    ids = exam_answers(page, by_id, right=lambda index: True)
    types = [by_id[i].type for i in ids]
    assert [types.count(kind) for kind in ("single", "multiple", "judge", "fill")] == [15, 5, 15, 5]
    for question_id in ids[:3]:  # no feedback before submitting
        expect(fieldset(page, by_id[question_id]).locator("[data-qz-feedback]")).to_be_hidden()
    submit_exam(page)
    expect(page.locator(".qz-exam__score")).to_have_text("本次得分100分（满分100分）")
    expect(page.locator(".qz-exam__report table").first).to_contain_text("单选题")
    expect(page.locator(".qz-exam__report")).to_be_focused()
    for question_id in ids:
        box = fieldset(page, by_id[question_id])
        expect(box.locator("[data-qz-feedback]")).to_have_text("✓回答正确")
        link = box.locator("[data-qz-source]").evaluate("a => a.href")
        assert link.startswith(site.root_url) and f"#{by_id[question_id].source}" in link
    screenshot(page, "exam-report")
    page.reload()
    page.get_by_role("button", name="开始考试").click()
    exam_answers(page, by_id, right=lambda index: index < 15)  # the 15 single choice: 30 points
    submit_exam(page)
    expect(page.locator(".qz-exam__score")).to_have_text("本次得分30分（满分100分）")
    history = page.locator("[data-qz-history] tr")
    expect(history).to_have_count(3)
    expect(history.nth(1)).to_contain_text("30分")
    expect(history.nth(2)).to_contain_text("100分")


def test_mock_exam_warns_then_submits_itself_when_time_runs_out(new_tab, site, by_id):
    tab = new_tab(DESKTOP)
    page = tab.page
    page.clock.install(time=DAY)
    page.goto(site.root_url + "study/exam/")
    page.clock.pause_at(DAY + dt.timedelta(minutes=1))  # from now on, time moves when told
    page.get_by_role("button", name="开始考试").click()
    ids = shown_ids(page)
    for question_id in ids[:2]:  # the rest left unanswered
        answer(page, by_id[question_id], right=True)
    expect(page.locator("[data-qz-clock]")).to_contain_text("剩余30:00")
    page.clock.run_for("25:01")
    expect(page.get_by_role("alert")).to_contain_text("还剩5分钟")
    page.get_by_role("button", name="延长10分钟").click()
    expect(page.locator("[data-qz-clock]")).to_contain_text("剩余14:")
    page.clock.run_for("15:00")
    expect(page.get_by_role("alert")).to_have_text("时间到，已自动交卷。")
    expect(page.locator(".qz-exam__score")).to_have_text("本次得分4分（满分100分）")
    expect(fieldset(page, by_id[ids[-1]]).locator("[data-qz-feedback]")).to_have_text("○未作答")
    expect(page.locator("[data-qz-history] tr").nth(1)).to_contain_text(re.compile("40分[01]秒"))


def test_the_timer_can_be_switched_off(new_tab, site):
    tab = new_tab(DESKTOP)
    page = tab.page
    page.clock.install(time=DAY)
    page.goto(site.root_url + "study/exam/")
    page.clock.pause_at(DAY + dt.timedelta(minutes=1))
    page.get_by_role("button", name="开始考试").click()
    page.get_by_role("button", name="不再计时").click()
    page.clock.run_for("02:00:00")
    expect(page.locator(".qz-exam__score")).to_have_count(0)
    expect(page.locator("[data-qz-clock]")).to_contain_text("已关闭计时")


def test_wrong_answers_enter_the_book_and_leave_after_spaced_reviews(new_tab, site, by_id):
    tab = new_tab(DESKTOP)
    page = tab.page
    question = by_id["role-01"]
    day = DAY
    on(page, day)
    page.goto(site.root_url + "role/")
    answer(page, question, right=False)
    submit(page)
    expect(page.locator(".qz-due")).to_have_text("错题1")

    def review(when: dt.datetime, right: bool | None) -> str:
        on(page, when)
        page.goto(site.root_url + "study/review/")
        status = page.locator("[data-qz-status]")
        expect(status).not_to_have_text("")
        if right is not None:
            answer(page, question, right=right)
            submit(page)
            expect(status).to_contain_text("复习完成")
        return status.inner_text()

    assert review(day, None).startswith("今天要复习1题（错题本共1题）")
    review(day, right=True)
    assert review(day, None) == "今天没有要复习的错题。下一次复习在2026-11-26。"
    expect(page.locator(".qz-due")).to_be_hidden()
    review(day + dt.timedelta(days=1), right=False)  # wrong again: starts over, tomorrow
    assert review(day + dt.timedelta(days=1), None).endswith("下一次复习在2026-11-27。")
    review(day + dt.timedelta(days=2), right=True)
    assert review(day + dt.timedelta(days=2), None).endswith("下一次复习在2026-11-28。")
    review(day + dt.timedelta(days=3), right=True)
    assert review(day + dt.timedelta(days=5), None).endswith("下一次复习在2026-12-01。")
    screenshot(page, "review")
    review(day + dt.timedelta(days=6), right=True)
    assert review(day + dt.timedelta(days=6), None) == "今天没有要复习的错题。"


def test_progress_figures_after_a_known_sequence(tab, site, banks):
    page = tab.page
    questions = banks["role"].questions
    page.goto(site.root_url + "role/")
    for index, question in enumerate(questions[:7]):
        answer(page, question, right=index < 5)
    submit(page)
    page.goto(site.root_url + "onboarding/")
    page.locator(".qz-check__text").first.click()
    page.goto(site.root_url + "study/")
    role = page.locator('[data-qz-topic="role"]')
    expect(role).to_contain_text(f"做过7/{len(questions)}题，掌握5题，正确率71%")
    assert role.locator("progress").evaluate("p => [p.value, p.max]") == [5, len(questions)]
    expect(page.locator('[data-qz-topic="methods"]')).to_contain_text(
        f"做过0/{len(banks['methods'].questions)}题")
    expect(page.locator("[data-qz-checklist]")).to_contain_text("已完成1/8项")
    # 继续学习 leads to the page with a quiz the member opened last: here 新同志入门.
    expect(page.locator("[data-qz-resume] a")).to_have_text("新同志入门")
    page.locator("[data-qz-resume] a").click()
    expect(page.locator("h1")).to_contain_text("新同志入门")


def daily_id(new_tab, site, when: dt.datetime) -> str:
    tab = new_tab(DESKTOP)
    page = tab.page
    on(page, when)
    page.goto(site.root_url + "study/")
    page.wait_for_selector("[data-qz-view=daily] fieldset")
    question_id = shown_ids(page)[0]
    share = page.locator("[data-qz-share]").input_value()
    assert share.endswith(f"?qid={question_id}#daily")
    return question_id


def test_daily_question_is_the_same_within_a_date_and_changes_across_dates(new_tab, site):
    morning, evening = DAY.replace(hour=7), DAY.replace(hour=22)
    assert daily_id(new_tab, site, morning) == daily_id(new_tab, site, evening)
    week = {daily_id(new_tab, site, DAY + dt.timedelta(days=n)) for n in range(7)}
    assert len(week) >= 5


def test_the_daily_share_link_opens_that_question(tab, site):
    page = tab.page
    page.goto(site.root_url + "study/")
    page.wait_for_selector("[data-qz-share]")
    question_id = shown_ids(page)[0]
    page.goto(page.locator("[data-qz-share]").input_value())
    expect(page.locator(f"[data-qz-view=daily] #q-{question_id}")).to_be_in_viewport()
    screenshot(page, "shared-question")


def record_some_progress(page: Page, site, banks) -> None:
    page.goto(site.root_url + "role/")
    for index, question in enumerate(banks["role"].questions[:6]):
        answer(page, question, right=index % 2 == 0)
    submit(page)


def progress_text(page: Page, site) -> str:
    page.goto(site.root_url + "study/")
    page.wait_for_selector("[data-qz-topic]")
    return page.locator("[data-qz-topics]").inner_text()


def test_export_then_import_into_a_fresh_browser_gives_the_same_progress(new_tab, site, banks,
                                                                          tmp_path):
    first = new_tab(DESKTOP)
    record_some_progress(first.page, site, banks)
    expected = progress_text(first.page, site)
    first.page.goto(site.root_url + "study/records/")
    with first.page.expect_download() as download:
        first.page.get_by_role("button", name="导出学习记录").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert re.fullmatch(r"机关党建学习记录-\d{4}-\d{2}-\d{2}\.json", path.name)

    second = new_tab(DESKTOP)
    page = second.page
    page.goto(site.root_url + "methods/")  # this browser's own progress must survive the import
    answer(page, banks["methods"].questions[0], right=False)
    submit(page)
    page.goto(site.root_url + "study/records/")
    page.locator("[data-qz-import]").set_input_files(path)
    expect(page.locator("[data-qz-status]")).to_have_text("导入完成，两边的记录已合并。")
    merged = progress_text(page, site)
    role_line = [line for line in expected.splitlines() if "做过6/" in line]
    assert role_line and role_line[0] in merged
    assert f"做过1/{len(banks['methods'].questions)}题" in merged
    page.goto(site.root_url + "study/review/")
    expect(page.locator("[data-qz-status]")).to_contain_text("错题本共4题")
    page.goto(site.root_url + "study/records/")
    page.locator("[data-qz-import]").set_input_files(path)  # importing twice changes nothing
    assert progress_text(page, site) == merged


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "文件已损坏或不是学习记录"),
    (json.dumps({"hello": "world"}), "这不是本站导出的学习记录文件"),
    (json.dumps({"app": "jiguan-dangjian", "data": {"version": 9}}), "来自更新版本的网页"),
])
def test_a_corrupt_or_foreign_file_is_refused_and_nothing_changes(new_tab, site, banks, tmp_path,
                                                                   content, message):
    tab = new_tab(DESKTOP)
    page = tab.page
    record_some_progress(page, site, banks)
    before = page.evaluate("localStorage.getItem('jgdj:v1')")
    bad = tmp_path / "记录.json"
    bad.write_text(content, encoding="utf-8")
    page.goto(site.root_url + "study/records/")
    page.locator("[data-qz-import]").set_input_files(bad)
    expect(page.locator("[data-qz-status]")).to_contain_text(message)
    expect(page.locator("[data-qz-status]")).to_contain_text("本机记录没有改动")
    assert page.evaluate("localStorage.getItem('jgdj:v1')") == before
    screenshot(page, "records")


def test_version_1_records_are_migrated(new_tab, site, banks):
    """Members who answered before the 自测中心 existed keep their record (schema 1 → 2)."""
    tab = new_tab(DESKTOP)
    page = tab.page
    on(page, DAY)
    old = {"version": 1, "answers": {
        "role-01": {"hash": "x", "response": "A", "correct": False, "at": 1},
        "role-02": {"hash": "y", "response": ["x"], "correct": True, "at": 1}},
        "attempts": {}, "checks": {}, "settings": {"textSize": "large"}}
    page.add_init_script(f"if (!sessionStorage.seeded) {{ sessionStorage.seeded = 1;"
                         f" localStorage.setItem('jgdj:v1', '{json.dumps(old)}'); }}")
    page.goto(site.root_url + "study/")
    expect(page.locator('[data-qz-topic="role"]')).to_contain_text(
        f"做过2/{len(banks['role'].questions)}题，掌握1题")
    expect(page.locator(".qz-due")).to_have_text("错题1")
    assert page.evaluate("document.documentElement.dataset.qzText") == "large"


def test_mock_exam_can_be_completed_by_keyboard_alone(tab, site, by_id):
    """Issue 5: a whole mock exam by keyboard, with a visible focus ring throughout."""
    from tests.browser.test_quiz import keyboard_answer

    page = tab.page
    page.goto(site.root_url + "study/exam/")
    page.get_by_role("button", name="开始考试").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-qz-view=exam] fieldset")
    ids = shown_ids(page)
    page.locator("[data-qz-cell]").last.focus()  # the 答题卡's last control, before question 1
    for question_id in ids:
        keyboard_answer(page, by_id[question_id])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "交卷"
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")  # the dialog starts on 继续作答; 交卷 is before it
    assert page.evaluate("document.activeElement.textContent") == "交卷"
    page.keyboard.press("Enter")
    expect(page.locator(".qz-exam__score")).to_have_text("本次得分100分（满分100分）")


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_views_in_use_have_no_accessibility_violation(new_tab, site, by_id, viewport):
    """axe-core on the views as members use them: a practice card, an exam running, its report."""
    from tests.browser.test_site import ALL_IMPACTS, axe_violations

    tab = new_tab(viewport or DESKTOP, bypass_csp=True)
    page = tab.page
    page.goto(site.root_url + "study/practice/")
    page.get_by_role("button", name="开始练习").click()
    first = shown_ids(page)[0]
    answer(page, by_id[first], right=False)
    page.get_by_role("button", name="核对本题").click()
    found = {"practice": axe_violations(page, ALL_IMPACTS)}
    page.goto(site.root_url + "study/exam/")
    page.get_by_role("button", name="开始考试").click()
    shown_ids(page)
    found["exam"] = axe_violations(page, ALL_IMPACTS)
    submit_exam(page)
    found["report"] = axe_violations(page, ALL_IMPACTS)
    if viewport:
        screenshot(page, "exam-phone")
    assert found == {"practice": [], "exam": [], "report": []}


def test_an_import_naming_removed_questions_leaves_no_ghosts(new_tab, site, banks, tmp_path):
    """Records survive questions removed since the export: the 错题本 drops them."""
    tab = new_tab(DESKTOP)
    page = tab.page
    page.goto(site.root_url + "role/")
    answer(page, banks["role"].questions[0], right=False)
    submit(page)
    old = json.loads(page.evaluate("localStorage.getItem('jgdj:v1')"))
    old["review"]["role-999"] = {"bank": "role", "step": 0, "due": "2000-01-01", "at": 1}
    old["stats"]["role-999"] = {"bank": "role", "seen": 1, "right": 0, "last": False, "at": 1}
    exported = tmp_path / "old.json"
    exported.write_text(json.dumps({"app": "jiguan-dangjian", "data": old}), encoding="utf-8")
    page.goto(site.root_url + "study/records/")
    page.locator("[data-qz-import]").set_input_files(exported)
    expect(page.locator("[data-qz-status]")).to_have_text("导入完成，两边的记录已合并。")
    expect(page.locator(".qz-due")).to_have_text("错题1")  # pruned as the import is saved
    page.goto(site.root_url + "study/review/")
    assert shown_ids(page) == [banks["role"].questions[0].id]
    expect(page.locator("[data-qz-status]")).to_have_text("今天要复习1题（错题本共1题）。")
    expect(page.locator(".qz-due")).to_have_text("错题1")
