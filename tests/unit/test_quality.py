"""The content rules of issue 11 (macros/quality.py): each rule catches a planted mistake,
and the real banks and pages pass every rule."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest

from macros import quality
from macros.model import Bank, Question
from macros.validate import load_banks
from tests.conftest import ROOT

ARTICLE = ("机关党组织要切实发挥好协助和监督作用。机关党组织不领导本单位业务工作，"
           "不等于对机关业务工作不能发挥作用。履行好这一职责，意味着机关党组织要到位而不越位，"
           "帮忙而不添乱。我们说对同志要经常咬咬耳朵、扯扯袖子，就是要通过经常的引导、提醒，"
           "不让小毛病变成大问题。")


def question(qid: str, kind: str = "single", **fields: object) -> Question:
    """A valid question with defaults; ``fields`` override what a rule looks at."""
    defaults: dict[str, object] = {
        "stem": f"题干{qid}", "answer": "A", "explanation": "解析。", "source": "s",
        "options": {"A": "甲", "B": "乙", "C": "丙", "D": "丁"},
    }
    if kind == "judge":
        defaults.update(answer=True, options={})
    if kind == "multiple":
        defaults.update(answer=["A", "B"])
    defaults.update(fields)
    return Question(id=qid, type=kind, line=1, source_line=1, **defaults)  # type: ignore[arg-type]


def bank(bank_id: str, questions: Iterable[Question]) -> Bank:
    return Bank(id=bank_id, title="题库", page=f"{bank_id}.md", path=f"quizzes/{bank_id}.yml",
                page_line=1, questions=tuple(questions))


def scenarios(count: int) -> list[Question]:
    """Distinct, well-formed 情境 questions: different stems, a 解析 quoting the article."""
    return [question(f"case-{n:02d}", tags=("情境",),
                     stem="".join(chr(0x4E00 + 97 * n + k) for k in range(16)),
                     explanation="文章说要“到位而不越位，帮忙而不添乱”。")
            for n in range(count)]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the article and one clean page."""
    (tmp_path / "quizzes" / "source").mkdir(parents=True)
    (tmp_path / "quizzes" / "source" / "article.txt").write_text(
        "# 出处：测试用文章\n" + ARTICLE + "\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text("# 页面\n\n文章说“到位而不越位”。\n",
                                               encoding="utf-8")
    return tmp_path


def messages(found: list) -> str:
    return "\n".join(str(error) for error in found)


def test_a_clean_set_passes(project: Path):
    """The baseline the planted mistakes below are measured against."""
    errors, warnings = quality.check_quality({"a": bank("a", scenarios(quality.MIN_SCENARIOS))},
                                             project)
    assert errors == [] and warnings == []


def test_too_few_scenario_questions(project: Path):
    """情境 count below the minimum stops the build (issue 11, question 1)."""
    errors, _ = quality.check_quality({"a": bank("a", scenarios(quality.MIN_SCENARIOS - 1))},
                                      project)
    assert "情境题只有" in messages(errors)


def test_scenario_explanation_must_quote_the_article(project: Path):
    """A 情境 解析 that names no principle in the article's words, or misquotes it, is refused."""
    cases = scenarios(quality.MIN_SCENARIOS)
    cases[0] = replace(cases[0], explanation="这样做比较好。")
    cases[1] = replace(cases[1], explanation="文章说“到位而不越权”。")
    errors, _ = quality.check_quality({"a": bank("a", cases)}, project)
    assert sorted(error.question_id for error in errors) == [cases[0].id, cases[1].id]


def multiples(one_wrong: int, more_wrong: int) -> list[Question]:
    five = {"A": "甲", "B": "乙", "C": "丙", "D": "丁", "E": "戊"}
    return ([question(f"m-{n}", "multiple", stem=f"多选{n}" * 3, options=five,
                      answer=["A", "B", "C", "D"]) for n in range(one_wrong)]
            + [question(f"n-{n}", "multiple", stem=f"另一多选{n}" * 3, options=five,
                        answer=["A", "C"]) for n in range(more_wrong)])


def test_share_of_multiples_with_one_wrong_option(project: Path):
    """“Tick all but the odd one” must not win: few multiples may have one wrong option."""
    limit = quality.MAX_ONE_WRONG_MULTIPLE
    total = 10
    allowed = int(limit * total)
    ok = multiples(allowed, total - allowed)
    too_many = multiples(allowed + 1, total - allowed - 1)
    base = scenarios(quality.MIN_SCENARIOS)
    assert quality.check_quality({"a": bank("a", base + ok)}, project)[0] == []
    errors, _ = quality.check_quality({"a": bank("a", base + too_many)}, project)
    assert "恰好只有一个错误选项" in messages(errors)


LENGTHS = {"longest": {"A": "甲乙丙丁戊", "B": "甲", "C": "乙乙", "D": "丙丙丙"},
           "shortest": {"A": "甲", "B": "甲乙丙丁戊", "C": "乙乙", "D": "丙丙丙"},
           "middle": {"A": "甲乙丙", "B": "甲", "C": "乙乙乙乙乙", "D": "丙丙"}}


def singles(kind: str, count: int, start: int = 0) -> list[Question]:
    """Single choices keyed A whose key is the ``kind`` option by length; distinct stems."""
    return [question(f"{kind}-{n}", stem="".join(chr(0x5E00 + 89 * n + k) for k in range(12)),
                     options=LENGTHS[kind]) for n in range(start, start + count)]


def test_length_extreme_names_the_keys_position():
    """The measure behind the rule: longest, shortest, in between, or no cue at all."""
    for kind in ("longest", "shortest"):
        assert quality.length_extreme(singles(kind, 1)[0]) == kind
    assert quality.length_extreme(singles("middle", 1)[0]) is None
    assert quality.length_extreme(question("same")) is None  # 甲乙丙丁: all one character


@pytest.mark.parametrize("kind, word", [("longest", "最长"), ("shortest", "最短")])
def test_share_of_singles_keyed_by_option_length(project: Path, kind: str, word: str):
    """“Pick the longest option” (or, once keys are trimmed, the shortest) must not win."""
    total = 10
    allowed = int(quality.MAX_EXTREME_KEY * total)
    base = scenarios(quality.MIN_SCENARIOS)
    ok = base + singles(kind, allowed) + singles("middle", total - allowed, start=50)
    assert quality.check_quality({"a": bank("a", ok)}, project)[0] == []
    too_many = base + singles(kind, allowed + 1) + singles("middle", total - allowed - 1, start=50)
    errors, _ = quality.check_quality({"a": bank("a", too_many)}, project)
    assert f"正确答案恰好是{word}选项" in messages(errors)


def test_share_of_true_judges_copied_from_the_article(project: Path):
    """“Sounds like the article → true” must not win: copied true statements are capped."""
    copied = "机关党组织不领导本单位业务工作，不等于对机关业务工作不能发挥作用。"
    paraphrase = "虽然业务不归党组织领导，它照样可以为业务出力。"
    assert quality.copied_share(copied, quality.plain(ARTICLE)) >= quality.COPY_COVER
    assert quality.copied_share(paraphrase, quality.plain(ARTICLE)) < quality.COPY_COVER
    total = 10
    allowed = int(quality.MAX_COPIED_TRUE_JUDGE * total)

    def judges(copies: int) -> list[Question]:
        return ([question(f"c-{n}", "judge", stem=f"文章指出，{copied}") for n in range(copies)]
                + [question(f"p-{n}", "judge", stem=f"{paraphrase}（第{n}种说法）")
                   for n in range(total - copies)])

    base = scenarios(quality.MIN_SCENARIOS)
    ok = quality.check_quality({"a": bank("a", base + judges(allowed))}, project)
    assert not any("照抄" in str(error) for error in ok[0] + ok[1])
    errors, _ = quality.check_quality({"a": bank("a", base + judges(allowed + 1))}, project)
    assert "照抄文章原句" in messages(errors)


def test_false_judges_do_not_count_as_copied(project: Path):
    """Only true statements teach “sounds like the article → true”; a false one may quote."""
    copied = "机关党组织不领导本单位业务工作，不等于对机关业务工作不能发挥作用。"
    cases = [question(f"f-{n}", "judge", stem=f"{copied}{n}", answer=False) for n in range(5)]
    errors, _ = quality.check_quality(
        {"a": bank("a", scenarios(quality.MIN_SCENARIOS) + cases[:1])}, project)
    assert errors == []


def test_near_duplicates_across_banks_are_errors(project: Path):
    """The same sentence asked in two banks (onboarding vs. a task page) stops the build."""
    first = question("x-01", stem="文章说，机关党的活动党员要人人参与，"
                                  "这是维护党员哪些权利的应有之义？",
                     options={"A": "知情权", "B": "审批权", "C": "参与权", "D": "监督权"},
                     answer="A")
    second = replace(first, id="y-01",
                     stem="文章认为，机关党的活动党员人人参与，是维护党员哪些权利的应有之义？")
    base = scenarios(quality.MIN_SCENARIOS)
    errors, _ = quality.check_quality({"x": bank("x", [*base, first]), "y": bank("y", [second])},
                                      project)
    assert [error.question_id for error in errors] == ["y-01"]
    assert "x-01" in errors[0].message


def test_near_duplicates_in_one_bank_warn_unless_they_share_a_point(project: Path):
    """Within a bank, two questions on one fact are fine when marked with one point."""
    first = question("x-01", "judge",
                     stem="两部党内法规不仅管党员干部、执政骨干，所有党员和党的各级组织都受约束。")
    second = question("x-02", "judge",
                      stem="两部党内法规不仅管党员干部和执政骨干，所有党员、党的各级组织都受约束。")
    base = scenarios(quality.MIN_SCENARIOS)
    errors, warnings = quality.check_quality({"x": bank("x", [*base, first, second])}, project)
    assert errors == [] and [warning.question_id for warning in warnings] == ["x-02"]
    marked = [replace(first, point="two-regulations"), replace(second, point="two-regulations")]
    assert quality.check_quality({"x": bank("x", base + marked)}, project) == ([], [])


def test_unrelated_questions_are_not_near_duplicates():
    a = question("a", stem="机关党组织的首要任务是什么？")
    b = question("b", stem="新媒体有哪些用途？")
    assert quality.similarity(a, b) < quality.DUPLICATE_JACCARD


@pytest.mark.parametrize("marker", quality.GLOSS_MARKERS)
def test_gloss_marker_inside_a_quotation(project: Path, marker: str):
    """Our own words inside “” would read as the article's: refused with the page and line."""
    page = project / "docs" / "page.md"
    page.write_text(f"# 页面\n\n原文：“到位而不越位，{marker}，要帮忙。”\n", encoding="utf-8")
    errors, _ = quality.check_quality({"a": bank("a", scenarios(quality.MIN_SCENARIOS))},
                                      project)
    assert [(error.path, error.line) for error in errors] == [("docs/page.md", 3)]


def test_gloss_marker_outside_quotations_is_fine(project: Path):
    """A gloss beside a quotation, and a marker quoted as a name (“学习提示”框), pass."""
    page = project / "docs" / "page.md"
    page.write_text("# 页面\n\n!!! tip \"学习提示\"\n    通俗地说，“到位而不越位”就是不越权。\n"
                    "本站的解释写在“学习提示”框里，或以“通俗地说”开头。\n", encoding="utf-8")
    assert quality.page_errors(page, "docs/page.md", quality.plain(ARTICLE)) == []


def test_quote_blocks_must_match_the_article(tmp_path: Path):
    """A quote block is the article word for word; a changed word in it is refused."""
    page = tmp_path / "page.md"
    page.write_text("# 页面\n\n!!! quote \"原文\"\n    “到位而不越位，帮忙而不添乱。”\n\n"
                    "!!! quote \"原文\"\n    “到位而不越权，帮忙而不添乱。”\n\n正文。\n",
                    encoding="utf-8")
    errors = quality.page_errors(page, "docs/page.md", quality.plain(ARTICLE))
    assert [error.line for error in errors] == [7]


def test_a_site_without_the_article_is_not_checked(tmp_path: Path):
    """Small test sites have no source article; the rules belong to this project's content."""
    assert quality.check_quality({"a": bank("a", [question("a-01")])}, tmp_path) == ([], [])


# The real content.
BANKS = load_banks(ROOT / "quizzes", ROOT / "docs", ROOT)
QUESTIONS = [q for b in BANKS.values() for q in b.questions]


def test_the_project_keeps_its_article():
    """Without the article copy every rule above would silently switch off."""
    text = quality.read_article(ROOT)
    assert (ROOT / quality.ARTICLE).read_text(encoding="utf-8").startswith("# 出处")
    assert "机关党组织是各级党和国家机关中党的基层组织" in text


def test_real_banks_and_pages_pass_every_rule():
    errors, warnings = quality.check_quality(BANKS, ROOT)
    assert messages(errors) == "" and messages(warnings) == ""


def test_every_scenario_question_has_an_explanation_and_a_source():
    """情境 questions point the member back to the section that states the principle."""
    cases = [q for q in QUESTIONS if quality.SCENARIO_TAG in q.tags]
    assert len(cases) >= quality.MIN_SCENARIOS
    assert all(q.explanation.strip() and q.source for q in cases)
    assert all(q.type in {"single", "multiple", "judge"} for q in cases)


@pytest.mark.parametrize("threshold", [0.2, 0.45, 0.8])
def test_the_near_duplicate_check_compares_every_pair_that_can_be_similar(threshold):
    """Prefix filtering leaves out only pairs below the threshold: checked against every
    pair, on the real banks' questions and on random sets of small alphabets."""
    import random
    from itertools import combinations

    from macros.quality import _bigrams, _jaccard, asserted_text, similar_pairs
    from macros.validate import load_banks
    from tests.conftest import ROOT

    banks = load_banks(ROOT / "quizzes", ROOT / "docs", ROOT)
    real = [_bigrams(asserted_text(q)) for bank in banks.values() for q in bank.questions]
    chance = random.Random(7)
    made = [{chance.choice("abcdefgh") + chance.choice("abcd") for _ in range(chance.randint(0, 9))}
            for _ in range(150)]
    for sets in (real, made):
        everyone = [(i, j) for i, j in combinations(range(len(sets)), 2)
                    if _jaccard(sets[i], sets[j]) >= threshold]
        found = similar_pairs(sets, threshold)
        assert set(everyone) <= set(found) and found == sorted(set(found))
        assert len(found) < len(sets) * (len(sets) - 1) / 2  # it does leave pairs out
