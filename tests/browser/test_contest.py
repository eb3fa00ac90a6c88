"""知识竞赛 on a 1280×720 projector: a whole contest, keys, the clock, reloads, fit, no script, CSP.

What the contest asks comes from quizzes/contests/default.yml through macros.contest (the
same draw the build makes), never from literals: changing the definition changes the test.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from playwright.sync_api import Page, expect

from macros.contest import Contest, load_contests
from macros.validate import load_banks
from tests.browser.conftest import DESKTOP, SCREENSHOTS
from tests.browser.test_offline import unpacked  # noqa: F401  (the offline package fixture)
from tests.browser.test_site import axe_violations
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
FULL_HD = {"width": 1920, "height": 1080}
PATH = "study/contest/"
DAY = dt.datetime(2026, 7, 1, 9, 0, 0)


@pytest.fixture(scope="module")
def contest() -> Contest:
    """The default contest as the build draws it."""
    banks = load_banks(ROOT / "quizzes", ROOT / "docs", ROOT)
    return load_contests(ROOT / "quizzes" / "contests", banks, ROOT)["default"]


def score(page: Page, team: int):
    return page.locator(f"[data-qz-contest-team='{team}'] [data-qz-contest-score]")


def board(page: Page):
    return page.get_by_role("region", name="记分板")


def stage_question(page: Page):
    return page.locator("[data-qz-contest-question]")


def go_to(page: Page, index: int, current: int = 0) -> None:
    """Press → until question index (0-based, through the contest) is on screen."""
    for _ in range(index - current):
        page.keyboard.press("ArrowRight")


def shows(page: Page, question_id: str) -> None:
    """The stage holds the stem of question_id, as the page's own list renders it."""
    stem = page.locator(f"[data-qz-contest-item='{question_id}'] [data-qz-contest-stem]")
    expect(stage_question(page).locator("[data-qz-contest-stem]")).to_have_text(
        stem.text_content() or "")


def start(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="开始竞赛").click()
    expect(page.locator("[data-qz-contest-stage]")).to_be_visible()


def test_a_whole_short_contest(new_tab, site, contest):
    """Rename, start, reveal, award, undo, a 抢答 penalty, a 风险题 stake, a reload, the ranking."""
    tab = new_tab(PROJECTOR)
    page = tab.page
    page.goto(site.root_url + PATH)
    page.get_by_role("textbox", name="第1个队").fill("红队")
    page.get_by_role("button", name="开始竞赛").click()
    names = ["红队", *contest.teams[1:]]
    expected = [0] * len(names)
    turns, buzz, risk = contest.rounds
    drawn = [q for r in contest.rounds for q in r.questions]

    # 必答题: the material header is gone, the round, points and the first team's turn show.
    expect(page.locator(".md-header")).to_be_hidden()
    expect(board(page)).to_be_visible()
    expect(board(page)).to_contain_text("红队")
    expect(page.locator("[data-qz-contest-round]")).to_contain_text(turns.name)
    expect(page.locator("[data-qz-contest-points]")).to_contain_text(f"{turns.points}分")
    expect(page.locator("[data-qz-contest-turn]")).to_contain_text("红队")
    shows(page, drawn[0].id)
    expect(page.locator("[data-qz-contest-answer]")).to_be_hidden()
    page.keyboard.press("r")
    expect(page.locator("[data-qz-contest-answer]")).to_be_visible()
    expect(page.locator("[data-qz-contest-answer]")).to_contain_text("解析")
    right = [drawn[0].answer] if drawn[0].type == "single" else drawn[0].answer
    right = [json.dumps(key) if isinstance(key, bool) else key for key in right]
    for key in right:
        expect(stage_question(page).locator(f"[data-qz-contest-option='{key}']")).to_have_class(
            re.compile("qz-contest__option--right"))
    page.get_by_role("button", name="红队加分").click()
    expected[0] += turns.points
    page.keyboard.press("2")  # a slip: the second team gets points too…
    expect(score(page, 1)).to_have_text(str(turns.points))
    page.keyboard.press("u")  # …and 撤销 takes them back
    expect(score(page, 1)).to_have_text("0")
    expect(score(page, 0)).to_have_text(str(expected[0]))

    page.keyboard.press(" ")
    shows(page, drawn[1].id)
    expect(page.locator("[data-qz-contest-turn]")).to_contain_text(names[1 % len(names)])
    page.keyboard.press("2")
    expected[1] += turns.points

    # A reload in the middle loses nothing: question, names and scores come back.
    page.reload()
    expect(page.locator("[data-qz-contest-stage]")).to_be_visible()
    shows(page, drawn[1].id)
    expect(board(page)).to_contain_text("红队")
    for team, value in enumerate(expected):
        expect(score(page, team)).to_have_text(str(value))

    # 抢答题: a wrong answer costs the round's penalty (Shift + the team's number).
    go_to(page, len(turns.questions), 1)
    shows(page, drawn[len(turns.questions)].id)
    expect(page.locator("[data-qz-contest-round]")).to_contain_text(buzz.name)
    page.keyboard.press("Shift+3")
    expected[2] -= buzz.penalty
    expect(score(page, 2)).to_have_text(str(expected[2]))

    # 风险题: no question and no award until the team picks its stake.
    first_risk = len(turns.questions) + len(buzz.questions)
    go_to(page, first_risk, len(turns.questions))
    expect(page.locator("[data-qz-contest-round]")).to_contain_text(risk.name)
    expect(stage_question(page)).to_be_empty()
    page.keyboard.press("1")
    expect(page.locator("[data-qz-contest-log]")).to_contain_text("先选分值")
    expect(score(page, 0)).to_have_text(str(expected[0]))
    stake = max(risk.stakes)
    page.get_by_role("button", name=f"{stake}分", exact=True).click()
    shows(page, drawn[first_risk].id)
    page.keyboard.press("Shift+1")
    expected[0] -= stake
    expect(score(page, 0)).to_have_text(str(expected[0]))

    # After the last question: the final ranking, best first.
    go_to(page, len(drawn), first_risk)
    ranking = page.locator("[data-qz-contest-ranking] li")
    expect(ranking).to_have_count(len(names))
    order = sorted(range(len(names)), key=lambda team: (-expected[team], team))
    for place, team in enumerate(order):
        expect(ranking.nth(place)).to_contain_text(f"{names[team]}　{expected[team]}分")
    page.screenshot(path=SCREENSHOTS / "contest-ranking-1280.png")


def test_the_clock_counts_down_pauses_and_survives_a_reload(new_tab, site, contest):
    """Wall-clock countdown: T pauses and resumes, a reload keeps the time left, 时间到 shows."""
    tab = new_tab(PROJECTOR)
    page = tab.page
    page.clock.install(time=DAY)
    page.goto(site.root_url + PATH)
    page.clock.pause_at(DAY + dt.timedelta(minutes=1))
    page.get_by_role("button", name="开始竞赛").click()
    seconds = contest.rounds[0].seconds
    timer = page.get_by_role("timer")
    expect(timer).to_have_text(f"剩余{seconds}秒")
    page.clock.run_for(3000)
    expect(timer).to_have_text(f"剩余{seconds - 3}秒")
    page.keyboard.press("t")
    expect(timer).to_contain_text("已暂停")
    page.clock.run_for(10_000)
    page.reload()
    expect(timer).to_have_text(f"剩余{seconds - 3}秒（已暂停）")
    page.get_by_role("button", name="继续计时").click()
    page.clock.run_for(seconds * 1000)
    expect(timer).to_have_text("时间到")


def test_keys_are_listed_on_the_help_overlay_and_wait_while_it_is_open(new_tab, site, contest):
    """? opens 快捷键; while it is open keys do nothing; Escape closes it."""
    tab = new_tab(PROJECTOR)
    page = tab.page
    start(page, site.root_url + PATH)
    page.keyboard.press("?")
    overlay = page.get_by_role("dialog", name="快捷键")
    expect(overlay).to_be_visible()
    for key in ("空格", "R", "U", "Shift"):
        expect(overlay).to_contain_text(key)
    page.keyboard.press("1")
    expect(score(page, 0)).to_have_text("0")
    page.keyboard.press("Escape")
    expect(overlay).to_be_hidden()
    page.keyboard.press("1")
    expect(score(page, 0)).to_have_text(str(contest.rounds[0].points))


@pytest.mark.parametrize("stored", [
    "{not json",
    json.dumps({"v": 1, "phase": "running", "names": ["甲", "乙", "丙"], "index": 0,
                "revealed": False, "stake": None, "timer": {"spent": 0, "since": None},
                "log": [{"team": 99, "delta": 10, "at": 0}], "theme": None}),
], ids=["unparsable", "team-out-of-range"])
def test_a_damaged_saved_contest_is_refused_and_kept(new_tab, site, stored):
    """Storage is hostile: a bad saved contest is not used, the host is told, the value is kept."""
    tab = new_tab(PROJECTOR)
    page = tab.page
    page.goto(site.root_url + PATH)
    key = "jgdj:contest:default:" + json.loads(
        page.locator("[data-qz-contest]").get_attribute("data-qz-contest") or "{}")["key"]
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, stored])
    page.reload()
    expect(page.locator("[data-qz-contest-status]")).to_contain_text("无法读取")
    expect(page.get_by_role("button", name="开始竞赛")).to_be_visible()
    assert page.evaluate("key => localStorage.getItem(key + ':damaged')", key) == stored
    page.get_by_role("button", name="开始竞赛").click()
    expect(score(page, 0)).to_have_text("0")


def test_restart_asks_first(new_tab, site, contest):
    """重新开始 asks in the page; 取消 keeps everything, 确定 clears scores but keeps names."""
    tab = new_tab(PROJECTOR)
    page = tab.page
    page.goto(site.root_url + PATH)
    page.get_by_role("textbox", name="第2个队").fill("蓝队")
    page.get_by_role("button", name="开始竞赛").click()
    page.keyboard.press("2")
    stage = page.locator("[data-qz-contest-stage]")
    stage.get_by_role("button", name="重新开始").click()
    page.get_by_role("dialog").get_by_role("button", name="取消").click()
    expect(score(page, 1)).to_have_text(str(contest.rounds[0].points))
    stage.get_by_role("button", name="重新开始").click()
    page.get_by_role("dialog").get_by_role("button", name="重新开始").click()
    expect(stage).to_be_hidden()
    expect(page.get_by_role("textbox", name="第2个队")).to_have_value("蓝队")
    page.get_by_role("button", name="开始竞赛").click()
    expect(score(page, 1)).to_have_text("0")


def test_leaving_by_a_link_and_coming_back_resumes(new_tab, site, contest):
    """Instant navigation: the mode, the clock and the keys stop on another page, then resume."""
    tab = new_tab(PROJECTOR)
    page = tab.page
    start(page, site.root_url + PATH)
    page.keyboard.press("ArrowRight")
    page.get_by_role("button", name="收起大屏").click()
    page.locator("article a[href$='contest-host/']").first.click()
    expect(page).to_have_title(re.compile("^知识竞赛主持人题单"))
    assert not page.evaluate("document.documentElement.classList.contains('qz-contest-mode')")
    page.keyboard.press("ArrowRight")  # no contest here: nothing moves
    page.keyboard.press("1")
    page.go_back()
    expect(page.locator("[data-qz-contest-stage]")).to_be_visible()  # back on the big screen
    shows(page, contest.rounds[0].questions[1].id)
    expect(score(page, 0)).to_have_text("0")


def _longest(contest: Contest) -> int:
    drawn = [q for r in contest.rounds for q in r.questions]
    sizes = [len(q.stem) + sum(len(text) for text in q.options.values()) for q in drawn]
    return sizes.index(max(sizes))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PROJECTOR, FULL_HD], ids=["1280x720", "1920x1080"])
def test_the_longest_question_fits_in_large_type(new_tab, site, contest, viewport, scheme):
    """Stem ≥ 32 px, options ≥ 28 px, question and answer on one screen, 记分板 in view."""
    tab = new_tab(viewport, color_scheme=scheme)
    page = tab.page
    start(page, site.root_url + PATH)
    page.evaluate("document.documentElement.setAttribute('data-qz-text', 'x-large')")  # 字号特大
    index = _longest(contest)
    go_to(page, index)
    before_risk = sum(len(r.questions) for r in contest.rounds[:2])
    if index >= before_risk:
        page.locator("[data-qz-contest-stakes] button").first.click()
    page.keyboard.press("r")
    sizes = page.evaluate("""() => {
        const px = el => parseFloat(getComputedStyle(el).fontSize);
        const stage = document.querySelector('[data-qz-contest-question]');
        return {stem: px(stage.querySelector('[data-qz-contest-stem]')),
                options: [...stage.querySelectorAll('[data-qz-contest-option]')].map(px)};
    }""")
    assert sizes["stem"] >= 32
    assert sizes["options"] and min(sizes["options"]) >= 28
    screen = page.locator("[data-qz-contest-screen]")
    assert screen.evaluate("el => el.scrollHeight <= el.clientHeight"), "the question scrolls"
    box = board(page).bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
    for team in range(len(contest.teams)):
        expect(score(page, team)).to_be_in_viewport()
    name = f"contest-{viewport['width']}-{scheme}.png"
    page.screenshot(path=SCREENSHOTS / name)


def test_host_sheet_prints_the_draw_in_order_with_a_score_sheet(new_tab, site, contest):
    """主持人题单: the same questions in the same order with answers and 解析, only the sheet
    in print, and a blank score sheet with a row per question on a page of its own."""
    tab = new_tab(DESKTOP)
    page = tab.page
    page.goto(site.root_url + "study/contest-host/")
    drawn = [q.id for r in contest.rounds for q in r.questions]
    questions = page.locator("[data-qz-contest-host-question]")
    assert questions.evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('data-qz-contest-host-question'))") == drawn
    expect(questions.locator(".qz-paper__explanation")).to_have_count(len(drawn))
    rows = page.locator(".qz-paper__key tbody tr")
    expect(rows).to_have_count(len(drawn) + 2)  # and 合计, 名次
    expect(page.locator(".qz-paper__key thead th")).to_have_count(3 + len(contest.teams))
    page.emulate_media(media="print")
    expect(page.locator(".qz-paper__screen")).to_be_hidden()
    expect(page.locator("article h1")).to_be_hidden()
    assert page.locator(".qz-paper__key").evaluate(
        "el => getComputedStyle(el).breakBefore") == "page"


def test_without_scripts_the_contest_is_a_readable_list(new_tab, site, contest):
    """No JavaScript: every drawn question in order, answers in <details>, no stage."""
    tab = new_tab(PROJECTOR, java_script_enabled=False)
    page = tab.page
    page.goto(site.root_url + PATH)
    items = page.locator("[data-qz-contest-item]")
    drawn = [q.id for r in contest.rounds for q in r.questions]
    assert [items.nth(i).get_attribute("data-qz-contest-item")
            for i in range(items.count())] == drawn
    expect(items.first).to_be_visible()
    expect(page.locator("details.qz-contest__details")).to_have_count(len(drawn))
    answers = page.locator("[data-qz-contest-item] [data-qz-contest-reveal-text]")
    expect(answers.first).to_be_hidden()  # collapsed until the reader opens it
    expect(page.locator("[data-qz-contest-app]")).to_be_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violation(new_tab, site, scheme):
    """axe-core: the setup, the stage with an answer shown, and the final ranking."""
    tab = new_tab(PROJECTOR, color_scheme=scheme, bypass_csp=True)
    page = tab.page
    page.goto(site.subpath_url + PATH)
    page.wait_for_selector("[data-qz-contest][data-qz-ready]")
    found = {"setup": axe_violations(page, ("minor", "moderate", "serious", "critical"))}
    page.get_by_role("button", name="开始竞赛").click()
    page.keyboard.press("r")
    page.keyboard.press("1")
    found["stage"] = axe_violations(page, ("minor", "moderate", "serious", "critical"))
    page.get_by_role("button", name="深色" if scheme == "light" else "浅色").click()
    found["other theme"] = axe_violations(page, ("minor", "moderate", "serious", "critical"))
    assert found == {"setup": [], "stage": [], "other theme": []}


def test_works_under_the_deployed_policy(new_tab, site):
    """nginx with the strict CSP: the contest runs with no policy violation."""
    tab = new_tab(PROJECTOR)
    page = tab.page
    violations: list[str] = []
    page.add_init_script("""document.addEventListener('securitypolicyviolation',
        e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));""")
    page.on("console", lambda m: violations.append(m.text) if "CSP" in m.text
            or "Content Security Policy" in m.text else None)
    start(page, site.subpath_url + PATH)
    page.keyboard.press("r")
    page.keyboard.press("1")
    expect(score(page, 0)).not_to_have_text("0")
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="快捷键")).to_be_visible()
    assert violations == []


def test_works_from_the_offline_package(new_tab, unpacked, contest):  # noqa: F811
    """file:// on the meeting-room PC: start, award, reload, still there; nothing fetched."""
    tab = new_tab(PROJECTOR)
    page = tab.page
    start(page, (unpacked / "study" / "contest.html").as_uri())
    page.keyboard.press("1")
    page.reload()
    expect(score(page, 0)).to_have_text(str(contest.rounds[0].points))
    assert [url for url in tab.requests if not url.startswith("file://")] == []
