"""Real ``mkdocs build`` and ``mkdocs serve`` runs: the site builds, broken input fails cleanly."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from macros.validate import load_banks
from tests.conftest import FIXTURES, ROOT

MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(args: list[str], cwd: Path, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MKDOCS, *args], cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("real") / "site"
    result = run(["build", "--strict", "-d", str(out)], ROOT)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return out


def test_real_site_builds_strict(real_site):
    """The shipped site, all banks and pages, builds with --strict and no warning."""
    assert (real_site / "role" / "index.html").is_file()


def search_docs(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_search_index_is_segmented_by_jieba_with_the_user_dictionary(real_site):
    """Without jieba, Material indexes Chinese unsegmented and search finds nothing.

    Every glossary term (taken from docs/glossary.md at build time, not copied into the
    user dictionary) must be indexed whole on the glossary page, so search finds it.
    """
    from tests.unit.test_search_dictionary import glossary_words

    text = "".join(doc["text"] for doc in search_docs(real_site)
                   if doc["location"].startswith("glossary/"))
    for term in glossary_words():
        assert f"\u200b{term}\u200b" in text, term


def test_search_index_holds_no_answer_or_explanation(real_site):
    """Search should teach, not give answers away: quizzes are excluded from the index."""
    docs = search_docs(real_site)
    text = "".join(doc["title"] + doc["text"] for doc in docs).replace("\u200b", "")
    banks = load_banks(ROOT / "quizzes", ROOT / "docs", ROOT)
    assert "正确答案：" not in text and "答案与解析" not in text  # the quiz's own labels
    for bank in banks.values():
        for question in bank.questions:
            # The whole 解析 (pages may share a phrase with it, not every sentence of it).
            assert question.explanation.replace("**", "") not in text, question.id


def test_fixture_site_builds(sample_site, tmp_path):
    result = run(["build", "--strict", "-d", str(tmp_path / "out")], sample_site)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "sample" / "index.html").read_text(encoding="utf-8")
    assert 'data-quiz-id="sample"' in html


@pytest.mark.parametrize("case", ["yaml-unclosed-quote", "not-utf8", "tab-indent",
                                  "answer-outside-options", "bad-source-anchor", "script-in-stem"])
def test_broken_bank_fails_build_with_one_message_and_no_traceback(case, sample_site, tmp_path):
    """A broken bank stops the build with the located message, never a traceback or a page."""
    shutil.copy(FIXTURES / "broken" / f"{case}.yml", sample_site / "quizzes" / "sample.yml")
    out = tmp_path / "out"
    result = run(["build", "--strict", "-d", str(out)], sample_site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "ERROR" in result.stderr and "quizzes/sample.yml:" in result.stderr
    assert not (out / "sample" / "index.html").exists()


@pytest.mark.parametrize(("markdown", "expected"), [
    ('{{ quiz("nosuch") }}', 'docs/sample.md:18：quiz("nosuch") 找不到题库 quizzes/nosuch.yml'),
    ("## 坏标题 {#bad}", "docs/sample.md:18：标题 id 要写成 {: #english-id }"),
    ('{{ quiz(bank_id="sample") }}', 'docs/sample.md:18：quiz(…) 要写成 quiz("题库id")'),
    ('{{ quiz("sample") }}', 'docs/sample.md:18：quiz("sample") 在本页第 17 行已经有了'),
])
def test_page_mistakes_fail_build_with_located_message(markdown, expected, sample_site, tmp_path):
    """An unknown bank, a Jinja-style heading id, a keyword or a repeated quiz: page and line.

    The page gets front matter too (4 lines), which MkDocs strips before the
    macros see the page: the line must still be the file's own line 18.
    """
    page = sample_site / "docs" / "sample.md"
    text = page.read_text(encoding="utf-8")
    assert text.count("\n") == 13
    page.write_text("---\ntitle: 样例\nsummary: 样例\n---\n" + text + markdown + "\n",
                    encoding="utf-8")
    result = run(["build", "--strict", "-d", str(tmp_path / "out")], sample_site)
    assert result.returncode != 0
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_stops_on_broken_bank_with_message(sample_site):
    """``mkdocs serve`` must give the same message instead of serving a half-broken site."""
    shutil.copy(FIXTURES / "broken" / "unknown-type.yml", sample_site / "quizzes" / "sample.yml")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run(["serve", "--dev-addr", f"127.0.0.1:{port}"], sample_site, timeout=60)
    assert result.returncode != 0
    assert "type 只能是 single" in result.stderr
    assert "Traceback" not in result.stderr


def test_patched_search_worker_is_served_under_a_name_of_its_own(real_site):
    """overrides/ holds Material's search worker with its query segmentation fixed.

    Material's own name is fingerprinted and cached for a year: patched content under it
    would never reach a browser that cached the original. Pages must load ours by its own
    name, every fingerprinted file must be Material's byte for byte, and if a Material
    upgrade renames the worker (the pin moved) the replacement in main.html fails here first.
    """
    import material

    theirs = Path(material.__file__).parent / "templates"
    replaced = re.search(r'replace\("workers/(search\.[0-9a-f]{8}\.min\.js)"',
                         (ROOT / "overrides" / "main.html").read_text(encoding="utf-8"))
    assert replaced, "overrides/main.html no longer renames the search worker"
    assert (theirs / "assets" / "javascripts" / "workers" / replaced[1]).is_file()
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                  (real_site / "role" / "index.html").read_text(),
                                  re.DOTALL)[1])
    assert config["search"] == "../assets/javascripts/workers/search-zh.js"
    built = real_site / "assets" / "javascripts" / "workers" / "search-zh.js"
    assert "o<=t.length" in built.read_text()
    fingerprinted = [path for path in (real_site / "assets").rglob("*")
                     if re.fullmatch(r".+\.[0-9a-f]{8}\.min\.(css|js)", path.name)]
    assert fingerprinted
    for path in fingerprinted:
        original = theirs / path.relative_to(real_site)
        assert path.read_bytes() == original.read_bytes(), path


def test_paper_pages_give_search_only_their_titles(real_site):
    """Search must not serve a paper's stems, answers or 解析, nor an empty hit per paper.

    The paper sits in a <section data-search-exclude>; a heading with an id inside it
    would still become its own (empty) search result.
    """
    docs = [doc for doc in search_docs(real_site) if doc["location"].startswith("papers/")]
    banks = load_banks(ROOT / "quizzes", ROOT / "docs", ROOT)
    papers = [doc for doc in docs if doc["location"] != "papers/"
              and not doc["location"].startswith("papers/#")]
    assert sorted(doc["location"] for doc in papers) == sorted(
        [f"papers/{bank_id}/" for bank_id in banks] + ["papers/mock/"])
    assert all(doc["text"] == "" for doc in papers)
    text = "".join(doc["text"] for doc in docs).replace("\u200b", "")
    for bank in banks.values():
        for question in bank.questions:
            assert question.stem[:12] not in text, question.id


def test_study_data_lists_the_checklist_keys_the_pages_carry(sample_site, tmp_path):
    """学习进度 counts ticks by the keys of the rendered boxes: a **bold** item broke that
    when the study data computed its keys from the Markdown a second way."""
    config = sample_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + (
        "  - pymdownx.tasklist:\n      custom_checkbox: true\n      clickable_checkbox: true\n"
        "  - macros.checklist\n"), encoding="utf-8")
    page = sample_site / "docs" / "sample.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\n- [ ] 读完**职能定位**\n- [ ] 参加一次 `组织生活`\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run(["build", "--strict", "-d", str(out)], sample_site)
    assert result.returncode == 0, result.stderr
    rendered = re.findall(r'data-qz-check="([^"]+)"', (out / "sample" / "index.html").read_text())
    assert len(rendered) == 2
    index = (out / "quizdata" / "index.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index(",") + 1: index.rindex(")")])
    assert data["checklist"] == rendered


def test_no_page_names_an_address_outside_the_site(real_site):
    """No canonical link to site_url, no footer link to the internet: every href and src
    of every page is relative to the site (the intranet copy may live at any address)."""
    outside = re.compile(r"""\b(?:href|src)\s*=\s*["']?(?:[a-z][a-z0-9+.-]*:)?//""", re.I)
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > len(list((ROOT / "docs").rglob("*.md")))  # papers and 404 too
    found = [f"{page.relative_to(real_site)}: {match[0]}"
             for page in pages for match in outside.finditer(page.read_text(encoding="utf-8"))]
    assert found == []
