"""The deployment as an agency runs it: Debian's nginx with deploy/nginx/dangjian.conf.

The ``site`` fixture serves the build under /dangjian/ with exactly that configuration.
"""

from __future__ import annotations

import gzip
import re
import urllib.request
from urllib.error import HTTPError

import pytest
from playwright.sync_api import expect

from deploy.csp import configured_hashes, inline_script_hashes
from tests.browser.conftest import DESKTOP, NGINX_CONF, PHONE
from tests.browser.driver import answer, submit
from tests.browser.test_site import PAGES, open_search, search


def fetch(url: str, encoding: str = "identity") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


def asset(site, pattern: str) -> str:
    """The URL of the built file whose path matches ``pattern``."""
    paths = [p.relative_to(site.directory).as_posix() for p in site.directory.rglob("*")]
    return site.subpath_url + next(path for path in paths if re.fullmatch(pattern, path))


def test_pages_carry_a_strict_content_security_policy(site):
    status, headers, _ = fetch(site.subpath_url + "role/")
    assert status == 200
    header = headers["Content-Security-Policy"]
    policy = dict(part.strip().split(" ", 1) for part in header.split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"].startswith("'self'") and "unsafe-inline" not in policy["script-src"]
    assert "unsafe-eval" not in policy["script-src"]
    assert policy["object-src"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_csp_hashes_match_the_built_pages(site):
    """Material's inline scripts change with its version and the config: `make csp` updates."""
    missing = inline_script_hashes(site.directory) - configured_hashes()
    assert missing == set(), "run `make build csp` to update deploy/nginx/dangjian.conf"


@pytest.mark.parametrize(("pattern", "mime"), [
    (r"role/index\.html", "text/html"),
    (r"assets/stylesheets/main\.[0-9a-f]{8}\.min\.css", "text/css"),
    (r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js", "application/javascript"),
    (r"javascripts/qz-quiz\.js", "application/javascript"),
    (r"search/search_index\.json", "application/json"),
])
def test_gzip_and_mime_types(site, pattern, mime):
    url = asset(site, pattern).removesuffix("index.html")
    status, headers, body = fetch(url, encoding="gzip")
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == mime
    assert headers.get("Content-Encoding") == "gzip"
    plain = gzip.decompress(body)
    # Compressed well (level 6), not at nginx's fastest level 1, which sent a fifth more.
    assert len(body) <= 1.05 * len(gzip.compress(plain, 6)) < len(gzip.compress(plain, 1))
    assert "charset=utf-8" in headers["Content-Type"]


def test_fingerprinted_assets_are_cached_long_and_pages_revalidate(site):
    """Material's fingerprinted files never change: a year, immutable. All else revalidates,
    the patched search worker included (its content changes under one name)."""
    _, fingerprinted, _ = fetch(asset(site, r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js"))
    max_age = int(re.search(r"max-age=(\d+)", fingerprinted["Cache-Control"])[1])
    assert max_age >= 365 * 24 * 3600
    assert "immutable" in fingerprinted["Cache-Control"]
    for url in [site.subpath_url, site.subpath_url + "javascripts/qz-quiz.js",
                site.subpath_url + "assets/javascripts/workers/search-zh.js"]:
        status, headers, _ = fetch(url)
        assert status == 200, url
        assert headers["Cache-Control"] == "no-cache", url


@pytest.mark.parametrize("path", ["role/", "no-such-page/", "assets/javascripts/bundle"])
def test_hardening_headers_reach_every_response(site, path):
    """nginx drops the server block's headers in a location with its own: they are repeated
    there, and reach pages, fingerprinted assets (a nested location) and the 404 alike."""
    url = (asset(site, r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js")
           if path.startswith("assets/") else site.subpath_url + path)
    _, headers, body = fetch(url)
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    policy = dict(part.strip().split("=", 1) for part in headers["Permissions-Policy"].split(","))
    assert {policy[name] for name in ("camera", "microphone", "geolocation", "payment")} == {"()"}
    assert "Content-Security-Policy" in headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Server"] == "nginx"  # server_tokens off: no version
    assert b"nginx/" not in body


def test_dotfiles_are_denied(site):
    """A stray .git or .env copied along with the site must not be served."""
    secret = site.directory / ".env"
    secret.write_text("PASSWORD=x\n", encoding="utf-8")
    try:
        status, _, body = fetch(site.subpath_url + ".env")
    finally:
        secret.unlink()
    assert status == 403
    assert b"PASSWORD" not in body


def test_hsts_is_offered_for_https():
    """HSTS binds a host to https, so it ships commented out with a note saying when to use it."""
    conf = NGINX_CONF.read_text(encoding="utf-8")
    assert re.search(r"^\s*# add_header Strict-Transport-Security \"max-age=\d+\" always;$",
                     conf, re.MULTILINE)


def test_missing_page_gets_the_site_404(site):
    status, headers, body = fetch(site.subpath_url + "no-such-page/")
    assert status == 404
    assert "机关党建学习与自测" in body.decode("utf-8")
    assert "Content-Security-Policy" in headers


def test_the_policy_is_enforced(new_tab, site):
    """Proves the CSP is live: an injected inline script is refused and reported."""
    tab = new_tab(DESKTOP, expected_errors=("Content Security Policy",))
    page = tab.page
    page.goto(site.subpath_url)
    ran = page.evaluate("""() => new Promise(resolve => {
        document.addEventListener('securitypolicyviolation', () => resolve('refused'));
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true';
        document.body.appendChild(script);
        setTimeout(() => resolve(window.__injected ? 'ran' : 'silent'), 1000);
    })""")
    assert ran == "refused"


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_every_page_works_under_the_policy(new_tab, site, banks, viewport):
    """No CSP violation anywhere: pages, a quiz, search (worker), instant navigation."""
    tab = new_tab(viewport or DESKTOP)
    page = tab.page
    violations: list[str] = []
    page.add_init_script("""document.addEventListener('securitypolicyviolation',
        e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));""")
    page.on("console", lambda m: violations.append(m.text) if "CSP" in m.text
            or "Content Security Policy" in m.text else None)
    for path in PAGES:
        page.goto(site.subpath_url + path)
    page.goto(site.subpath_url + "role/")
    answer(page, banks["role"].questions[0], right=True)
    assert submit(page).startswith("答对 1 /")
    open_search(page)
    assert search(page, "三会一课")
    page.keyboard.press("Escape")
    page.goto(site.subpath_url)
    page.locator("article a[href$='glossary/']").first.click()  # a link in the text
    expect(page).to_have_title(re.compile("^术语表"))
    assert violations == []
