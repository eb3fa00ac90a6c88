"""The offline package: `make offline`, unzipped, opened from disk (file://)."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.browser.driver import answer, submit
from tests.browser.test_site import open_search, search
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the README's command, then unzip the package as a member would."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(["make", "--no-print-directory", "offline", f"DIST={dist}"], cwd=ROOT,
                   check=True, capture_output=True)
    target = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(dist / "jiguan-dangjian-offline.zip") as package:
        package.extractall(target)
    index = next(target.rglob("index.html"))
    assert index.parent.name == "jiguan-dangjian"
    return index.parent


def test_quiz_and_search_work_from_disk(new_tab, banks, unpacked):
    tab = new_tab(DESKTOP)
    page = tab.page
    page.goto((unpacked / "index.html").as_uri())
    page.locator("article a[href$='role.html']").first.click()
    question = banks["role"].questions[0]
    answer(page, question, right=True)
    assert submit(page).startswith("答对 1 /")
    page.reload()
    expect(page.locator("[data-qz-result]")).to_contain_text("答对 1 /")
    open_search(page)
    assert any("组织生活的主要形式" in title for title in search(page, "三会一课"))
    assert [url for url in tab.requests if not url.startswith("file://")] == []


def test_offline_features_follow_the_site_but_instant_loading():
    """mkdocs.offline.yml restates the theme features (YAML lists are not merged by INHERIT)."""
    import yaml

    class Loader(yaml.SafeLoader):
        """Reads MkDocs' !ENV, !relative and !!python tags as nothing."""

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    configs = [yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader)
               for name in ("mkdocs.yml", "mkdocs.offline.yml")]
    features = [config["theme"]["features"] for config in configs]
    assert features[1] == [name for name in features[0] if name != "navigation.instant"]
    # The hooks too: without them the package lacked the bank papers and each page's scripts.
    assert configs[1]["hooks"][:len(configs[0]["hooks"])] == configs[0]["hooks"]


def test_the_package_has_every_page_of_the_site(unpacked, site):
    """The same pages as the served site, bank papers included (built by the hooks)."""
    served = {path.parent.relative_to(site.directory).as_posix()
              for path in site.directory.rglob("index.html")} - {"."}
    offline = {path.relative_to(unpacked).with_suffix("").as_posix()
               for path in unpacked.rglob("*.html") if path.name != "index.html"}
    offline |= {path.parent.relative_to(unpacked).as_posix()
                for path in unpacked.rglob("index.html")} - {"."}
    assert served <= offline, served - offline


def test_every_offline_page_has_its_own_csp_and_a_javascript_link_runs_nothing(new_tab, unpacked):
    """Issue 9.1: opened from disk no server sends a policy, so each page carries one; a
    `javascript:` address (e.g. a 继续学习 link from a hostile record) must not run there."""
    pages = list(unpacked.rglob("*.html"))
    assert pages and all('http-equiv="Content-Security-Policy"' in page.read_text(encoding="utf-8")
                         for page in pages)
    tab = new_tab(DESKTOP, expected_errors=("Content Security Policy",))
    page = tab.page
    page.goto((unpacked / "study" / "index.html").as_uri())
    page.evaluate("""() => {
        const link = document.createElement("a");
        link.href = "javascript:document.title='pwned'";
        link.textContent = "x";
        link.id = "hostile";
        document.body.appendChild(link);
    }""")
    page.locator("#hostile").click()
    page.wait_for_timeout(300)
    assert page.title() != "pwned"
    assert [error for error in tab.errors if "Content Security Policy" in error], tab.errors
