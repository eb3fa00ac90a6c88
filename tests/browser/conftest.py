"""Browser fixtures: the real site built once, served over HTTP, driven in Debian's Chromium.

The site is built into a temporary folder and served from a thread: no server
for anyone to start by hand.  One server serves it at the root, another under
the subpath /dangjian/ (as an agency intranet often does).  Every test gets a
fresh browser context, so localStorage starts empty.
"""

from __future__ import annotations

import functools
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

from macros.model import Bank
from macros.validate import load_banks
from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SUBPATH = "/dangjian/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = ROOT / "tests" / "browser" / "screenshots"


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


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Build the real site once, with site_url set to the subpath address."""
    webroot = tmp_path_factory.mktemp("webroot")
    out = webroot / SUBPATH.strip("/")
    sub_port, root_port = _free_port(), _free_port()
    subpath_url = f"http://127.0.0.1:{sub_port}{SUBPATH}"
    env = {**os.environ, "SITE_URL": subpath_url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    servers = [_serve(webroot, sub_port), _serve(out, root_port)]
    yield Site(root_url=f"http://127.0.0.1:{root_port}/", subpath_url=subpath_url, directory=out)
    for server in servers:
        server.shutdown()
        server.server_close()


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


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    """A fresh context (empty localStorage) at desktop size; fails on any script error."""
    tab = open_tab(browser)
    yield tab
    tab.page.context.close()
    assert tab.errors == [], tab.errors


@pytest.fixture(scope="session")
def banks() -> dict[str, Bank]:
    """The answers come from the YAML banks, not from the page under test."""
    return load_banks(ROOT / "quizzes", ROOT / "docs", ROOT)
