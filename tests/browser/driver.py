"""Answer questions the way a member does: click labels, type into blanks."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from macros.model import Question


def fieldset(page: Page, question: Question) -> Locator:
    return page.locator(f'[data-question-id="{question.id}"]')


def right_response(question: Question) -> list[str]:
    """The option values (or texts) that make a correct answer."""
    if question.type == "single":
        return [question.answer]
    if question.type == "multiple":
        return list(question.answer)
    if question.type == "judge":
        return ["true" if question.answer else "false"]
    return [accepted[0] for accepted in question.answer]


def wrong_response(question: Question) -> list[str]:
    """A plausible wrong answer: another option, the opposite judgement, a wrong word."""
    if question.type == "single":
        return [next(key for key in question.options if key != question.answer)]
    if question.type == "multiple":
        return list(question.answer)[:1]  # one right option alone is still wrong
    if question.type == "judge":
        return ["false" if question.answer else "true"]
    return ["不对的答案"] * len(question.answer)


def answer(page: Page, question: Question, *, right: bool) -> None:
    box = fieldset(page, question)
    response = right_response(question) if right else wrong_response(question)
    if question.type == "fill":
        for index, text in enumerate(response):
            box.locator("input[type=text]").nth(index).fill(text)
        return
    for value in response:
        box.locator(f'label:has(input[value="{value}"])').click()


def submit(page: Page) -> str:
    page.get_by_role("button", name="提交答案").click()
    return page.locator("[data-qz-result]").inner_text()


def shown_ids(page: Page) -> list[str]:
    """The questions a 自测中心 view shows, once its data (loaded on demand) has arrived."""
    questions = page.locator("[data-qz-view] fieldset[data-question-id]")
    questions.first.wait_for(state="attached")
    return questions.evaluate_all("els => els.map(e => e.dataset.questionId)")


def given(page: Page, question: Question) -> list[str]:
    """What the question's inputs hold now, in the form right_response() gives (sorted)."""
    box = fieldset(page, question)
    if question.type == "fill":
        return sorted(box.locator("input[type=text]").nth(i).input_value()
                      for i in range(len(question.answer)))
    return box.locator("input:checked").evaluate_all("els => els.map(e => e.value).sort()")


def wait_for_draft(page: Page, key: str) -> None:
    """Drafts are written a moment after the input (debounced); wait for the write."""
    page.wait_for_function(
        "key => ((JSON.parse(localStorage.getItem('jgdj:v1') || '{}').drafts) || {})[key]", arg=key)
