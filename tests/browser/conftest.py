"""Browser fixtures: the real site built once, served over HTTP, driven in Debian's Chromium.

The site is built into a temporary folder and served from a thread: no server
for anyone to start by hand.  One server serves it at the root, another under
the subpath /dangjian/ (as an agency intranet often does).  Every test gets a
fresh browser context, so localStorage starts empty, and ``new_tab`` fails the test
whose page raised a script error.  Every test under tests/browser/ is marked
``browser`` here, so ``pytest -m "not browser"`` runs none of them and needs no Chromium.
"""

from __future__ import annotations

import functools
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

from macros.model import Bank, Question
from macros.validate import load_banks
from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
NGINX = "/usr/sbin/nginx"
NGINX_CONF = ROOT / "deploy" / "nginx" / "dangjian.conf"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SUBPATH = "/dangjian/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = ROOT / "tests" / "browser" / "screenshots"
HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder ``browser`` (before ``-m`` deselects by marker)."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(directory: Path, port: int) -> ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Site:
    """The built site and the two addresses it is served at."""

    root_url: str
    subpath_url: str
    directory: Path


def _nginx_config(webroot: Path, port: int, prefix: Path) -> Path:
    """A minimal nginx.conf around the deployment's own deploy/nginx/dangjian.conf."""
    location = NGINX_CONF.read_text(encoding="utf-8")
    assert location.count("root /var/www;") == 1
    location = location.replace("root /var/www;", f"root {webroot};")
    temp = " ".join(f"{kind}_temp_path {prefix / kind};"
                    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;" if os.geteuid() == 0 else ""  # workers must read pytest's 0700 folders
    conf = prefix / "nginx.conf"
    conf.write_text(f"""
        {user}
        daemon off;
        worker_processes 1;
        pid {prefix / "nginx.pid"};
        error_log {prefix / "error.log"} warn;
        events {{ worker_connections 64; }}
        http {{
            include /etc/nginx/mime.types;
            default_type application/octet-stream;
            access_log off;
            {temp}
            server {{
                listen 127.0.0.1:{port};
                {location}
            }}
        }}
    """, encoding="utf-8")
    return conf


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(100):
        if process.poll() is not None:
            error = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"nginx exited: {error}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("nginx did not start listening")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Build the real site once; serve it at a root (Python) and under /dangjian/ (nginx).

    The subpath is served by Debian's nginx with the deployment's own configuration,
    strict Content-Security-Policy included, so every test that uses it runs as an
    agency would deploy the site.
    """
    if not Path(NGINX).exists():
        pytest.fail("Debian's nginx is missing: run 'make test' (it installs it with apt-get)")
    webroot = tmp_path_factory.mktemp("webroot")
    out = webroot / SUBPATH.strip("/")
    sub_port, root_port = _free_port(), _free_port()
    subpath_url = f"http://127.0.0.1:{sub_port}{SUBPATH}"
    env = {**os.environ, "SITE_URL": subpath_url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    prefix = tmp_path_factory.mktemp("nginx")
    nginx = subprocess.Popen([NGINX, "-c", str(_nginx_config(webroot, sub_port, prefix)),
                              "-p", str(prefix)], stderr=subprocess.PIPE)
    _wait_for(sub_port, nginx)
    server = _serve(out, root_port)
    yield Site(root_url=f"http://127.0.0.1:{root_port}/", subpath_url=subpath_url, directory=out)
    server.shutdown()
    server.server_close()
    nginx.terminate()
    nginx.wait(timeout=10)
    if nginx.stderr:
        nginx.stderr.close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run 'make test' (it installs it with apt-get)")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class Tab:
    """A page plus what it asked the network for and any script errors it raised."""

    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    expected: tuple[str, ...] = ()  # errors the test provokes on purpose (text they contain)

    def unexpected_errors(self) -> list[str]:
        """Return the script errors the test did not provoke on purpose."""
        return [error for error in self.errors
                if not any(text in error for text in self.expected)]


def open_tab(browser: Browser, viewport: dict[str, int] = DESKTOP, **options: object) -> Tab:
    context = browser.new_context(viewport=viewport, locale="zh-CN", **options)
    page = context.new_page()
    tab = Tab(page)
    page.on("request", lambda request: tab.requests.append(request.url))
    page.on("pageerror", lambda error: tab.errors.append(f"{error}\n{error.stack}"))

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            tab.errors.append(message.text)

    page.on("console", console)
    return tab


NewTab = Callable[..., Tab]


@pytest.fixture
def new_tab(browser: Browser) -> Iterator[NewTab]:
    """Open tabs, each in a fresh context (empty localStorage), a phone (390×844) by default.

    ``new_tab(viewport=DESKTOP, expected_errors=("…",), **context_options)``. At teardown
    every tab is closed and the test FAILS if any page raised a script error (an uncaught
    exception or a console error) other than those it expected.
    """
    tabs: list[Tab] = []

    def open_new(viewport: dict[str, int] = PHONE, *, expected_errors: tuple[str, ...] = (),
                 **options: object) -> Tab:
        tab = open_tab(browser, viewport, **options)
        tab.expected = expected_errors
        tabs.append(tab)
        return tab

    yield open_new
    for tab in tabs:
        tab.page.context.close()
    errors = [error for tab in tabs for error in tab.unexpected_errors()]
    assert errors == [], "script errors:\n" + "\n".join(errors)


@pytest.fixture
def phone(new_tab: NewTab) -> Tab:
    """A fresh context at a phone's size (390×844); fails on any script error."""
    return new_tab(PHONE)


@pytest.fixture
def tab(new_tab: NewTab) -> Tab:
    """A fresh context (empty localStorage) at desktop size; fails on any script error."""
    return new_tab(DESKTOP)


@pytest.fixture(scope="module")
def by_id(banks: dict[str, Bank]) -> dict[str, Question]:
    """Every question of every bank by its id."""
    return {question.id: question for bank in banks.values() for question in bank.questions}


@pytest.fixture(scope="session")
def banks() -> dict[str, Bank]:
    """The answers come from the YAML banks, not from the page under test."""
    return load_banks(ROOT / "quizzes", ROOT / "docs", ROOT)
