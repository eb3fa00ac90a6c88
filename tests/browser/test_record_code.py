"""The 记录码: a record moved through a WeChat message, as a member does it at 390×844."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from macros.model import Bank
from tests.browser.conftest import PHONE, SCREENSHOTS, NewTab
from tests.browser.test_site import ALL_IMPACTS, axe_violations

pytestmark = pytest.mark.browser

RECORDS = "study/records/"
KEY = "jgdj:v1"
WECHAT_UA = ("Mozilla/5.0 (Linux; Android 12; V2055A) AppleWebKit/537.36 (KHTML, like Gecko) "
             "Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230303 "
             "MMWEBID/1234 MicroMessenger/8.0.34.2340(0x28002237) WeChat/arm64 Weixin")


def full_record(banks: dict[str, Bank]) -> dict[str, Any]:
    """Every question answered once (every third wrong, so the 错题本 has entries too)."""
    at = 1_764_000_000_000
    record: dict[str, Any] = {"version": 2, "answers": {}, "stats": {}, "review": {},
                              "exams": [], "attempts": {}, "checks": {}, "visit": None,
                              "settings": {}}
    for bank in banks.values():
        record["attempts"][bank.id] = 1
        for n, q in enumerate(bank.questions):
            right = n % 3 != 0
            if q.type == "fill":
                response: Any = [accepted[0] for accepted in q.answer]
            elif q.type == "multiple":
                response = list(q.answer)
            elif q.type == "judge":
                response = "true" if q.answer else "false"
            else:
                response = q.answer
            record["answers"][q.id] = {"hash": q.content_hash, "response": response,
                                       "correct": right, "at": at + n}
            record["stats"][q.id] = {"bank": bank.id, "seen": 1, "right": int(right),
                                     "last": right, "at": at + n}
            if not right:
                record["review"][q.id] = {"bank": bank.id, "step": 0, "due": "2025-11-25",
                                          "at": at + n}
    return record


def records_page(new_tab: NewTab, site, record: dict[str, Any] | None = None, **options):
    tab = new_tab(PHONE, **options)
    page = tab.page
    page.goto(site.root_url + RECORDS)
    if record is not None:
        page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                      [KEY, json.dumps(record, ensure_ascii=False)])
        page.reload()
    page.wait_for_selector("[data-qz-view=records][data-qz-ready]")
    return tab


def make_code(page: Page) -> str:
    page.get_by_role("button", name="生成记录码").click()
    box = page.get_by_label("记录码（")
    expect(box).to_be_visible()
    return box.input_value()


def import_code(page: Page, code: str) -> None:
    page.get_by_label("粘贴记录码").fill(code)
    page.get_by_role("button", name="导入记录码").click()


def stored(page: Page) -> dict[str, Any]:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or "null")


def test_a_full_record_moves_by_code_to_a_fresh_phone(new_tab, site, banks, capsys):
    """生成记录码 → 复制 → 粘贴记录码 → 导入记录码 gives the second phone the same record;
    prints the code's length against the exported file's for a full record."""
    record = full_record(banks)
    first = records_page(new_tab, site, record)
    code = make_code(first.page)
    file_text = first.page.evaluate("qz.records.exportText()")
    compact = json.dumps(json.loads(file_text), ensure_ascii=False, separators=(",", ":"))
    deflated = first.page.evaluate("""async text => {
        const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
        return (await new Response(stream).arrayBuffer()).byteLength;
    }""", compact)
    assert set(code) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert code.startswith("DJ1") and len(code) < len(compact)
    expect(first.page.locator("[data-qz-code-length]")).to_have_text(str(len(code)))
    first.page.screenshot(path=SCREENSHOTS / "record-code.png", full_page=True)
    with capsys.disabled():
        questions = sum(len(bank.questions) for bank in banks.values())
        print(f"\n记录码 for {questions} questions answered once: {len(code)} characters; "
              f"exported file {len(file_text)} characters, compact JSON {len(compact)}, "
              f"deflate-raw of it {deflated} bytes (≈{deflated * 4 // 3} base64 characters)")

    second = records_page(new_tab, site)
    page = second.page
    # Line breaks and spaces a chat adds on the way do not matter.
    import_code(page, "\n" + code[:40] + " \n" + code[40:] + "\n")
    expect(page.locator("[data-qz-status]")).to_have_text("记录码导入完成，两边的记录已合并。")
    moved = stored(page)
    assert moved["answers"] == record["answers"]
    assert moved["review"] == record["review"]
    assert moved["stats"] == record["stats"]
    expect(page.get_by_label("粘贴记录码")).to_have_value("")


@pytest.mark.parametrize(("mangle", "message"), [
    (lambda code: code[:-5], "记录码不完整或有改动"),
    (lambda code: code[:20] + ("AB"[code[20] == "A"]) + code[21:], "记录码不完整或有改动"),
    (lambda code: code + "xyz", "记录码不完整或有改动"),
    (lambda code: "DJ2" + code[3:], "来自其他版本的网页"),
    (lambda code: "你好，这是我的记录码" + code, "这不是本站的记录码"),
    (lambda code: "", "请先粘贴记录码"),
])
def test_a_mangled_code_is_refused_and_nothing_changes(new_tab, site, banks, mangle, message):
    """A code cut short, altered, from another version or not a code is refused by name."""
    tab = records_page(new_tab, site, full_record(banks))
    page = tab.page
    code = make_code(page)
    before = page.evaluate(f"localStorage.getItem('{KEY}')")
    import_code(page, mangle(code))
    status = page.locator("[data-qz-status]")
    expect(status).to_contain_text(message)
    expect(status).to_contain_text("本机记录没有改动")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == before


def test_a_valid_code_of_a_foreign_text_follows_the_file_refusal_rules(new_tab, site):
    """A code that decodes to something not a record is refused as a foreign file is."""
    tab = records_page(new_tab, site)
    page = tab.page
    code = page.evaluate("qz.code.encode(JSON.stringify({hello: 'world'}))")
    import_code(page, code)
    expect(page.locator("[data-qz-status]")).to_contain_text("这不是本站导出的学习记录文件")
    assert stored(page) is None


def test_a_code_that_expands_past_the_import_limit_is_refused_unread(new_tab, site):
    """A small hostile code must not expand to gigabytes and freeze the phone (LZW can
    grow quadratically): decoding stops at the size an imported file may have."""
    tab = new_tab()
    page = tab.page
    page.goto(site.root_url + RECORDS)
    page.wait_for_selector("[data-qz-view=records][data-qz-ready]")
    code = page.evaluate("qz.code.encode('a'.repeat(6 * 1024 * 1024))")
    assert len(code) < 20_000  # small enough to paste into a chat
    import_code(page, code)
    status = page.locator("[data-qz-status]")
    expect(status).to_contain_text("超过5MB")
    expect(status).to_contain_text("本机记录没有改动")
    assert stored(page) is None


def test_copy_without_clipboard_selects_the_code_and_says_long_press(new_tab, site, banks):
    """Where neither the clipboard API nor execCommand copies (WeChat), the code is selected
    in its read-only box and the member is told to 长按复制."""
    tab = new_tab(PHONE)
    tab.page.add_init_script("""
        Object.defineProperty(navigator, "clipboard", { value: undefined });
        document.execCommand = () => false;
    """)
    page = tab.page
    page.goto(site.root_url + RECORDS)
    page.wait_for_selector("[data-qz-view=records][data-qz-ready]")
    code = make_code(page)
    page.get_by_role("button", name="复制").click()
    expect(page.locator("[data-qz-status]")).to_contain_text("长按")
    selected = page.evaluate("""() => { const box = document.querySelector("[data-qz-code-text]");
        return box.value.slice(box.selectionStart, box.selectionEnd); }""")
    assert selected == code


def test_wechat_is_told_what_works_there(new_tab, site):
    """Inside WeChat the records page points to the 记录码 and a paper to the system browser;
    elsewhere neither note shows."""
    for agent, shown in [(WECHAT_UA, True), (None, False)]:
        options = {"user_agent": agent} if agent else {}
        tab = new_tab(PHONE, **options)
        page = tab.page
        page.goto(site.root_url + RECORDS)
        page.wait_for_selector("[data-qz-view=records][data-qz-ready]")
        note = page.get_by_text("您正在微信里浏览")
        (expect(note).to_be_visible if shown else expect(note).to_be_hidden)()
        if shown:
            expect(note).to_contain_text("记录码")
            page.screenshot(path=SCREENSHOTS / "records-wechat.png", full_page=True)
        page.goto(site.root_url + "papers/role/")
        page.wait_for_selector("[data-qz-paper][data-qz-ready]")
        paper_note = page.get_by_text("微信里不能打印")
        expect(paper_note).to_have_count(1 if shown else 0)
        if shown:
            expect(paper_note).to_contain_text("在浏览器打开")
            expect(paper_note).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_records_page_with_a_code_has_no_accessibility_violation(new_tab, site, banks, scheme):
    """axe-core finds nothing on the 记录码 UI (code shown, WeChat note on) at 特大."""
    record = {**full_record(banks), "settings": {"textSize": "x-large"}}
    tab = records_page(new_tab, site, record, user_agent=WECHAT_UA, color_scheme=scheme)
    page = tab.page
    make_code(page)
    page.get_by_role("button", name="复制").click()
    assert axe_violations(page, ALL_IMPACTS) == []
    page.screenshot(path=SCREENSHOTS / f"records-code-x-large-{scheme}.png", full_page=True)
