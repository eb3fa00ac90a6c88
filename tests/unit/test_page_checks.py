"""Macro calls on a page: every mistake named with page and line before Jinja runs."""

from __future__ import annotations

import pytest

from macros.model import Bank
from macros.page_checks import check_page


def bank(bank_id: str, page: str) -> Bank:
    return Bank(id=bank_id, title="题库", page=page, path=f"quizzes/{bank_id}.yml", page_line=3,
                questions=())


BANKS = {"role": bank("role", "role.md"), "methods": bank("methods", "methods.md")}


def check(markdown: str, page: str = "role.md", exam: bool = True) -> list[str]:
    return [str(error) for error in check_page(markdown, 11, page, BANKS, exam)]


def test_a_correct_page_passes():
    assert check('# 职能定位\n\n{{ quiz("role") }}\n') == []
    assert check('{{ paper("methods") }}\n{{ mock_paper() }}\n', page="papers/x.md") == []


@pytest.mark.parametrize(("markdown", "expected"), [
    ('{{ quiz("role") }}\n正文\n{{ quiz("role") }}\n',
     'docs/role.md:13：quiz("role") 在本页第 11 行已经有了'),
    ('{{ quiz(bank_id="role") }}\n', "docs/role.md:11：quiz(…) 要写成 quiz(\"题库id\")"),
    ("{{ quiz(name) }}\n", "docs/role.md:11：quiz(…) 要写成 quiz(\"题库id\")"),
    ('{{ quiz("role") }}{{ quiz("methods") }}\n',
     "docs/role.md:11：题库 methods 与页面 methods.md 配对"),
    ('{{ quiz("role") }}\n{{ quiz("nosuch") }}\n',
     'docs/role.md:12：quiz("nosuch") 找不到题库 quizzes/nosuch.yml'),
    ('{{ quiz("role") }}\n{{ paper("nosuch") }}\n', 'docs/role.md:12：paper("nosuch") 找不到题库'),
    ('{{ quiz("role") }}\n{{ study_view("nosuch") }}\n',
     'docs/role.md:12：study_view("nosuch") 不存在'),
    ('{{ quiz("role") }}\n{{ mock_paper("x") }}\n', "docs/role.md:12：mock_paper() 不带参数"),
    ('{{ quiz("role") }}\n## 小节 {#bad}\n', "docs/role.md:12：标题 id 要写成 {: #english-id }"),
])
def test_each_mistake_is_named_with_its_line(markdown, expected):
    errors = check(markdown)
    assert len(errors) == 1, errors
    assert errors[0].startswith(expected), errors


def test_a_bank_its_page_never_shows_is_refused():
    """A bank whose page has no quiz() call would be questions no member ever sees."""
    errors = check("# 职能定位\n\n正文\n")
    assert errors == ['quizzes/role.yml:3：题库 role 的页面 docs/role.md 里没有 '
                      '{{ quiz("role") }}，这些题学员看不到：请在页面末尾加上']


def test_exam_views_need_the_exam_setting():
    errors = check('{{ quiz("role") }}\n{{ study_view("exam") }}\n{{ mock_paper() }}\n',
                   exam=False)
    assert [error.split("：")[0] for error in errors] == ["docs/role.md:12", "docs/role.md:13"]
