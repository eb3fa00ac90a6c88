"""Content rules of issue 11: questions that test understanding; the article apart from our words.

The schema and ``validate`` check that a bank is well formed; this module checks
that it is good study material, by the rules a machine can apply:

- at least ``MIN_SCENARIOS`` 情境 questions, each with a 解析 that quotes the
  article (“…”) to name the principle it applies;
- few 多选 with exactly one wrong option (otherwise “tick all but the odd one” wins);
- few true 判断 copied from the article (otherwise “sounds like the article → true” wins);
- few 单选 whose key is the strictly longest option, or the strictly shortest
  (otherwise “pick the longest” wins; rewriting only the keys would make “pick the shortest” win);
- no near-duplicate stems across banks (the mock exam would ask one point twice);
- on pages, our own glosses (通俗地说, 可以这样理解, 学习提示) never inside “” quotations,
  and every ``!!! quote`` block quoting the article exactly.

The article is read from ``quizzes/source/article.txt`` (first line: a header naming the source).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path

from macros.errors import BankError
from macros.model import Bank, Question

ARTICLE = Path("quizzes") / "source" / "article.txt"
ALL_BANKS = "quizzes/*.yml"  # where a rule over all banks together is reported
SCENARIO_TAG = "情境"
MIN_SCENARIOS = 20
# Shares, as fractions: a bank set above them teaches test-taking rather than the article.
MAX_ONE_WRONG_MULTIPLE = 0.40
MAX_COPIED_TRUE_JUDGE = 0.30
# With four options, chance puts the key at one length extreme a quarter of the time.
MAX_EXTREME_KEY = 0.40
# A true 判断 is “copied” when runs of at least COPY_RUN characters shared with the article
# cover at least COPY_COVER of its statement (punctuation and the lead-in 文章认为… left out).
COPY_RUN = 6
COPY_COVER = 0.75
# Near-duplicate stems: character-bigram Jaccard of stem plus correct answer text.
DUPLICATE_JACCARD = 0.45
# Our own words on a page: never inside “”, which would put them in the article's mouth.
GLOSS_MARKERS = ("通俗地说", "可以这样理解", "学习提示")

_NOT_TEXT = re.compile(r"[^\u3400-\u9fffA-Za-z0-9]")
_LEAD_IN = re.compile(r"^(?:按|据|按照|根据)?(?:文章|本文|原文)(?:的说法|的表述)?[，,]?"
                      r"(?:认为|指出|提出|说|要求|强调|明确|写道|分析)?[，：,:]?")
_QUOTED = re.compile(r"“([^“”]*)”")
_ADMONITION = re.compile(r"^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+(?P<kind>\w+)")


def plain(text: str) -> str:
    """Letters and digits only: quotation marks, punctuation and Markdown do not count."""
    return _NOT_TEXT.sub("", text)


def read_article(project_dir: Path) -> str:
    """Read the article's text without its header line ("" when the copy is missing)."""
    path = project_dir / ARTICLE
    if not path.is_file():
        return ""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return "\n".join(lines[1:] if lines and lines[0].startswith("#") else lines)


def copied_share(statement: str, article: str) -> float:
    """Measure the share of ``statement`` covered by runs of ``COPY_RUN``+ article characters.

    Greedy from the left, longest run first: enough to tell a sentence lifted from the
    article (share near 1) from one said in other words (share well below).
    """
    text = plain(_LEAD_IN.sub("", statement.strip()))
    if not text:
        return 0.0
    covered, start = 0, 0
    while start < len(text):
        length = 0
        while start + length < len(text) and text[start:start + length + 1] in article:
            length += 1
        if length >= COPY_RUN:
            covered += length
            start += length
        else:
            start += 1
    return covered / len(text)


def _bigrams(text: str) -> set[str]:
    chars = plain(text)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def asserted_text(question: Question) -> str:
    """Join a question's stem and correct answer: what it asserts; wrong options do not count."""
    answer = question.answer
    if question.type == "single" and isinstance(answer, str):
        return question.stem + question.options.get(answer, "")
    if question.type == "multiple" and isinstance(answer, list):
        return question.stem + "".join(question.options.get(str(key), "") for key in answer)
    if question.type == "fill" and isinstance(answer, list):
        return question.stem + "".join(str(blank[0]) for blank in answer if blank)
    return question.stem


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def similar_pairs(sets: list[set[str]], threshold: float) -> list[tuple[int, int]]:
    """List the pairs (i < j) of ``sets`` whose Jaccard may reach ``threshold``, in order.

    Every other pair cannot (prefix filtering): order each set's tokens rarest first;
    two sets that similar share a token among the first ``n - floor(threshold·n) + 1`` of
    each (n: the set's size). Comparing only those pairs, not all (which grow as the square),
    took the near-duplicate check from a third of the content checks to a small part.
    """
    frequency = Counter(token for tokens in sets for token in tokens)
    holders: dict[str, list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for index, tokens in enumerate(sets):
        ordered = sorted(tokens, key=lambda token: (frequency[token], token))
        for token in ordered[:len(ordered) - math.floor(threshold * len(ordered)) + 1]:
            pairs.update((earlier, index) for earlier in holders[token])
            holders[token].append(index)
    return sorted(pairs)


def similarity(first: Question, second: Question) -> float:
    """Character-bigram Jaccard of two questions' asserted text (Chinese has no word boundaries)."""
    return _jaccard(_bigrams(asserted_text(first)), _bigrams(asserted_text(second)))


def _share_error(count: int, total: int, limit: float,
                 message: str) -> list[BankError]:
    if total and count / total > limit:
        return [BankError(ALL_BANKS, 1, None, message.format(count=count, total=total,
                                                        share=round(100 * count / total),
                                                        limit=round(100 * limit)))]
    return []


def _questions(banks: Mapping[str, Bank]) -> Iterator[tuple[Bank, Question]]:
    for bank in banks.values():
        for question in bank.questions:
            yield bank, question


def _scenario_errors(banks: Mapping[str, Bank], article: str) -> list[BankError]:
    errors: list[BankError] = []
    scenarios = [(bank, q) for bank, q in _questions(banks) if SCENARIO_TAG in q.tags]
    if len(scenarios) < MIN_SCENARIOS:
        errors.append(BankError(ALL_BANKS, 1, None,
                                f"情境题只有 {len(scenarios)} 道，"
                                f"全部题库至少要 {MIN_SCENARIOS} 道："
                                f"用机关工作中的一个情境提问，tags 里写“{SCENARIO_TAG}”"))
    for bank, question in scenarios:
        quotes = [plain(quote) for quote in _QUOTED.findall(question.explanation)]
        if not any(quote and quote in article for quote in quotes):
            errors.append(BankError(bank.path, question.line, question.id,
                                    "情境题的解析要用“”引出文章原话，点明所依据的原则"
                                    "（引号里的文字须与 quizzes/source/article.txt 一字不差）"))
    return errors


def _multiple_errors(banks: Mapping[str, Bank]) -> list[BankError]:
    multiples = [q for _, q in _questions(banks) if q.type == "multiple"]
    one_wrong = sum(1 for q in multiples if len(q.options) - len(q.answer) == 1)
    return _share_error(one_wrong, len(multiples), MAX_ONE_WRONG_MULTIPLE,
                        "多选题中恰好只有一个错误选项的有 {count} 道"
                        "（共 {total} 道，占 {share}%），"
                        "不能超过 {limit}%：请让正确选项的个数有多有少（2、3 或 4 个）")


def _judge_errors(banks: Mapping[str, Bank], article: str) -> list[BankError]:
    trues = [q for _, q in _questions(banks) if q.type == "judge" and q.answer is True]
    copied = sum(1 for q in trues if copied_share(q.stem, article) >= COPY_COVER)
    return _share_error(copied, len(trues), MAX_COPIED_TRUE_JUDGE,
                        "答案为“正确”的判断题中照抄文章原句的有 {count} 道（共 {total} 道，"
                        "占 {share}%），不能超过 {limit}%：请换一种说法表述同一个意思")


def length_extreme(question: Question) -> str | None:
    """Say whether a single choice's key is the strictly "longest" or "shortest" option.

    Lengths count letters and digits only (``plain``); a question whose options are all
    as long as each other gives no cue and answers None.
    """
    if question.type != "single" or not isinstance(question.answer, str):
        return None
    lengths = {key: len(plain(text)) for key, text in question.options.items()}
    if question.answer not in lengths or len(set(lengths.values())) < 2:
        return None
    key = lengths.pop(question.answer)
    if all(key > other for other in lengths.values()):
        return "longest"
    if all(key < other for other in lengths.values()):
        return "shortest"
    return None


def _length_cue_errors(banks: Mapping[str, Bank]) -> list[BankError]:
    singles = [q for _, q in _questions(banks) if q.type == "single"
               and len({len(plain(text)) for text in q.options.values()}) > 1]
    extremes = [length_extreme(q) for q in singles]
    errors: list[BankError] = []
    for extreme, word in (("longest", "最长"), ("shortest", "最短")):
        errors += _share_error(extremes.count(extreme), len(singles), MAX_EXTREME_KEY,
                               "选项长短不一的单选题中，正确答案恰好是" + word
                               + "选项的有 {count} 道"
                               "（共 {total} 道，占 {share}%），不能超过 {limit}%："
                               "请把干扰项写得和正确答案一样具体、一样有依据，"
                               "或把正确答案压缩到核心意思")
    return errors


def _duplicate_findings(banks: Mapping[str, Bank]) -> tuple[list[BankError], list[BankError]]:
    """Find near-duplicates: across banks an error; in one bank a warning, unless one point."""
    errors: list[BankError] = []
    warnings: list[BankError] = []
    questions = list(_questions(banks))
    # Each question's bigrams once, not once per pair (the pairs grow as the square).
    grams = [_bigrams(asserted_text(question)) for _, question in questions]
    for first, second in similar_pairs(grams, DUPLICATE_JACCARD):
        (bank_a, a), (bank_b, b) = questions[first], questions[second]
        if a.point is not None and a.point == b.point and bank_a.id == bank_b.id:
            continue
        score = _jaccard(grams[first], grams[second])
        if score < DUPLICATE_JACCARD:
            continue
        if bank_a.id != bank_b.id:
            errors.append(BankError(bank_b.path, b.line, b.id,
                                    f"与 {bank_a.path}:{a.line} 的 {a.id} 几乎相同"
                                    f"（相似度 {score:.2f}）："
                                    f"不同题库不要重复考同一句话，请改写或删去一道"))
        else:
            warnings.append(BankError(bank_b.path, b.line, b.id,
                                      f"与同一题库的 {a.id} 很相近（相似度 {score:.2f}）："
                                      f"如果考的是同一个知识点，请给两道题写相同的 point"))
    return errors, warnings


def _quote_spans(line: str) -> Iterator[str]:
    """Text inside “…” on one line (quotations in the site's pages never span lines)."""
    yield from _QUOTED.findall(line)


def page_errors(page: Path, display: str, article: str) -> list[BankError]:
    """Our glosses never inside “”, and every ``!!! quote`` block word for word from the article.

    Quote blocks for texts the article itself quotes (党章, 《〈共产党人〉发刊词》) pass
    too: the article reproduces them.
    """
    errors: list[BankError] = []
    quote_indent: int | None = None
    for number, line in enumerate(page.read_text(encoding="utf-8-sig").splitlines(), 1):
        for span in _quote_spans(line):
            for marker in GLOSS_MARKERS:
                # “学习提示” on its own names the box; with other words it is a gloss in quotes.
                if marker in span and plain(span) != marker:
                    errors.append(BankError(display, number, None,
                                            f"“{marker}”是本站自己的说明，不能放在引号里，"
                                            f"否则读者会以为是文章原话"))
        if match := _ADMONITION.match(line):
            quote_indent = len(match["indent"]) if match["kind"] == "quote" else None
            continue
        if quote_indent is None:
            continue
        if line.strip() and len(line) - len(line.lstrip()) <= quote_indent:
            quote_indent = None
            continue
        text = plain(line)
        if text and article and text not in article:
            errors.append(BankError(display, number, None,
                                    "引文框（!!! quote）里的文字与文章原文不一致：引文要一字不差，"
                                    "本站的解释请写在引文框外"))
    return errors


def check_quality(banks: Mapping[str, Bank], project_dir: Path
                  ) -> tuple[list[BankError], list[BankError]]:
    """Check the content rules over all banks and pages: (errors that stop the build, warnings).

    The rules are this project's, measured against its one source article: a site
    without ``quizzes/source/article.txt`` (the small test sites under tests/fixtures)
    is not checked; a unit test makes sure the real project keeps its copy.
    """
    article = plain(read_article(project_dir))
    errors: list[BankError] = []
    if not article:
        return [], []
    errors += _scenario_errors(banks, article)
    errors += _multiple_errors(banks)
    errors += _judge_errors(banks, article)
    errors += _length_cue_errors(banks)
    duplicate_errors, warnings = _duplicate_findings(banks)
    errors += duplicate_errors
    docs = project_dir / "docs"
    for page in sorted(docs.rglob("*.md")):
        errors += page_errors(page, page.relative_to(project_dir).as_posix(), article)
    return errors, warnings
