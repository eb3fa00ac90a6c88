"""The phone measurements of issue 14: the site as members get it, on a mid-range phone.

Every candidate is built with ``site_url`` set to its served address (instant
navigation on) and served by Debian's nginx with the deployment's own
``deploy/nginx/dangjian.conf`` (gzip, CSP, cache headers) under ``/dangjian/``.
Chromium visits at 390×844 with the CPU slowed 4× and the network shaped to
1.6 Mbps down, 750 kbps up and 150 ms round trip (Chrome DevTools Protocol), each
visit in a new context (cold cache, empty storage). Candidates are visited
alternately and the median of the runs is kept.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.bench import synth
from tests.bench.measure import CHROMIUM, CHROMIUM_ARGS

NGINX = "/usr/sbin/nginx"
NGINX_CONF = synth.ROOT / "deploy" / "nginx" / "dangjian.conf"
SUBPATH = "dangjian"
PHONE = {"width": 390, "height": 844}
CPU_SLOWDOWN = 4
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8,
           "uploadThroughput": 750_000 / 8}
# A member reads the view's instructions before tapping 开始考试 / 开始练习: the data may
# arrive meanwhile. Three seconds is a quick reader of the few lines above the button.
READING_MS = 3000
SHORT_PAGE = "about/"  # a short page without a quiz, the yardstick of the ratios
QUIZ_SIZES = (32, 100)  # questions on one page (职能定位 has 32; the page size limit is 100)

# Records what the budgets need from inside the page, from navigation start:
# layout shifts (CLS), the tap on a study view's start button, and the moment
# the view's questions are wired (qz-quiz.js marks the quiz root data-qz-ready).
PROBE = """(() => {
  window.__qzBench = {cls: 0, shifts: [], tap: null, viewReady: null};
  const bench = window.__qzBench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      bench.cls += entry.value;
      for (const source of entry.sources || []) {
        const node = source.node;
        bench.shifts.push(node && node.nodeType === 1
          ? node.tagName.toLowerCase() + "." + String(node.className).trim().replace(/\\s+/g, ".")
          : String(node && node.nodeName));
      }
    }
  }).observe({type: "layout-shift", buffered: true});
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-qz-view] button")) bench.tap = performance.now();
  }, true);
  new MutationObserver(() => {
    if (bench.viewReady === null && document.querySelector("[data-qz-view] .qz[data-qz-ready]")) {
      bench.viewReady = performance.now();
    }
  }).observe(document, {subtree: true, childList: true, attributes: true,
                        attributeFilter: ["data-qz-ready"]});
})();"""
_LOAD = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : 0;
}"""
_READY_MARK = """() => {
  const mark = performance.getEntriesByName("qz:ready")[0];
  return mark ? mark.startTime : 0;
}"""


@dataclass
class Served:
    """One candidate's built site and its address under nginx."""

    name: str
    webroot: Path
    port: int

    @property
    def url(self) -> str:
        """The site root as nginx serves it."""
        return f"http://127.0.0.1:{self.port}/{SUBPATH}/"


@dataclass
class PhoneResult:
    """Every run of every phone measurement (milliseconds; CLS as a score)."""

    runs: dict[str, list[float]] = field(default_factory=dict)
    cls: dict[str, float] = field(default_factory=dict)
    shifted: dict[str, list[str]] = field(default_factory=dict)
    requests: dict[str, int] = field(default_factory=dict)

    def median(self, name: str) -> float:
        """Median of one measurement's runs."""
        return statistics.median(self.runs[name])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _build(source: Path, out: Path, url: str) -> None:
    """``mkdocs build`` of one project into ``out`` with ``site_url`` = where it is served."""
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
                          cwd=source, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"mkdocs build failed in {source}\n{done.stderr[-4000:]}")


def write_page_site(folder: Path, kind: synth.Kind, size: int) -> None:
    """A synthetic site with ``size`` questions on one page, as this project or as words."""
    synth.write_site(folder, kind, synth.make_pages(size))


def build_sites(tmp: Path, sizes: tuple[int, ...] = QUIZ_SIZES) -> list[Served]:
    """The real site, its copy without macros, and a quiz page of each size with its words.

    ``q<n>`` holds one page of ``n`` questions built by this project, ``q<n>-words``
    the same page with the questions' words as plain Markdown (stem, options, 解析)
    built by plain Material: the floor a quiz page is held to.
    """
    synth.write_real_plain(tmp / "src" / "real-plain")
    sources = {"real": synth.ROOT, "real-plain": tmp / "src" / "real-plain"}
    for size in sizes:
        for kind, suffix in (("ours", ""), ("words", "-words")):
            sources[f"q{size}{suffix}"] = tmp / "src" / f"q{size}{suffix}"
            write_page_site(sources[f"q{size}{suffix}"], kind, size)
    served = []
    for name, source in sources.items():
        site = Served(name, tmp / "web" / name, _free_port())
        _build(source, site.webroot / SUBPATH, site.url)
        served.append(site)
    return served


def _nginx_config(sites: list[Served], prefix: Path) -> Path:
    """One nginx server per site, each around the deployment's own location block."""
    location = NGINX_CONF.read_text(encoding="utf-8")
    if location.count("root /var/www;") != 1:
        raise ValueError("deploy/nginx/dangjian.conf changed shape: update tests/bench/phone.py")
    servers = "\n".join(
        f"server {{ listen 127.0.0.1:{site.port};\n"
        f"{location.replace('root /var/www;', f'root {site.webroot};')}\n}}" for site in sites)
    temp = " ".join(f"{kind}_temp_path {prefix / kind};"
                    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;" if os.geteuid() == 0 else ""
    conf = prefix / "nginx.conf"
    conf.write_text(f"""{user}
daemon off;
worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  {temp}
  {servers}
}}
""", encoding="utf-8")
    return conf


@contextlib.contextmanager
def nginx(sites: list[Served], prefix: Path) -> Iterator[None]:
    """Serve every site with Debian's nginx for the duration of the block."""
    if not Path(NGINX).exists():
        raise RuntimeError("Debian's nginx is missing: run 'make system-packages'")
    prefix.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen([NGINX, "-c", str(_nginx_config(sites, prefix)), "-p", str(prefix)],
                               stderr=subprocess.PIPE)
    try:
        for site in sites:
            for _ in range(200):
                if process.poll() is not None:
                    raise RuntimeError(f"nginx exited: {process.stderr.read().decode()}")
                with socket.socket() as probe:
                    if probe.connect_ex(("127.0.0.1", site.port)) == 0:
                        break
                time.sleep(0.05)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stderr:
            process.stderr.close()


class Phone:
    """Visits in Chromium as a mid-range phone on mobile data, one fresh context each."""

    def __init__(self, browser: object, throttle: bool = True) -> None:
        """``throttle`` False gives the same visits on the unthrottled machine."""
        self.browser = browser
        self.throttle = throttle

    @contextlib.contextmanager
    def visit(self, record: str | None = None) -> Iterator[tuple[object, list[str]]]:
        """A new page (and the URLs it requests), throttled, with the probe installed.

        ``record`` is a stored learning record (localStorage ``jgdj:v1``) to start with.
        """
        context = self.browser.new_context(viewport=PHONE, locale="zh-CN")  # type: ignore[attr-defined]
        if record is not None:
            context.add_init_script(
                "if (!sessionStorage.getItem('qz-bench')) { sessionStorage.setItem('qz-bench', 1);"
                f" localStorage.setItem('jgdj:v1', {json.dumps(record)}); }}")
        context.add_init_script(PROBE)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        if self.throttle:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", NETWORK)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        try:
            yield page, requests
        finally:
            context.close()

    def load(self, url: str) -> float:
        """Navigation start → end of the load event."""
        with self.visit() as (page, _):
            page.goto(url, wait_until="load", timeout=60_000)
            return page.wait_for_function(_LOAD, timeout=60_000).json_value()

    def quiz_ready(self, url: str) -> float:
        """Navigation start → ``qz:ready`` (every question on the page wired)."""
        with self.visit() as (page, _):
            page.goto(url, wait_until="commit", timeout=60_000)
            return page.wait_for_function(_READY_MARK, timeout=60_000).json_value()

    def tap(self, url: str, button: str) -> tuple[float, int]:
        """Tap ``button`` after reading: tap → the view's questions wired; and how many
        requests the page made from the tap on."""
        with self.visit() as (page, requests):
            page.goto(url, wait_until="load", timeout=60_000)
            page.locator(button).wait_for(state="visible", timeout=60_000)
            page.wait_for_timeout(READING_MS)
            before = len(requests)
            page.locator(button).click()
            page.wait_for_function("() => window.__qzBench.viewReady !== null", timeout=60_000)
            times = page.evaluate("() => window.__qzBench")
            return times["viewReady"] - times["tap"], len(requests) - before

    def open_review(self, url: str, record: str) -> float:
        """Navigation start → the 错题本's due questions wired, with ``record`` stored."""
        with self.visit(record) as (page, _):
            page.goto(url, wait_until="commit", timeout=60_000)
            page.wait_for_function("() => window.__qzBench && window.__qzBench.viewReady !== null",
                                   timeout=60_000)
            return page.evaluate("() => window.__qzBench.viewReady")

    def layout_shift(self, url: str, record: str | None = None) -> tuple[float, list[str]]:
        """CLS of a page up to a second after its load, and what moved."""
        with self.visit(record) as (page, _):
            page.goto(url, wait_until="load", timeout=60_000)
            page.wait_for_timeout(1000)
            bench = page.evaluate("() => window.__qzBench")
            return bench["cls"], list(dict.fromkeys(bench["shifts"]))


def _twice(measurement: Callable[..., Any], *args: Any) -> Any:
    """Run a visit; once more if it timed out (on a busy machine a throttled visit can
    stall), so one stuck visit does not cost the whole run."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        return measurement(*args)
    except PlaywrightTimeout as error:
        print(f"    timed out, visiting again: {str(error).splitlines()[0]}", flush=True)
        return measurement(*args)


def review_record(text_size: str = "standard") -> str:
    """A stored record with the first two questions of every bank due in the 错题本."""
    from macros.validate import load_banks  # the bench's own import: only this step needs it

    banks = load_banks(synth.ROOT / "quizzes", synth.ROOT / "docs", synth.ROOT)
    review = {question.id: {"bank": bank.id, "step": 0, "due": "2000-01-01", "at": 0}
              for bank in banks.values() for question in bank.questions[:2]}
    return json.dumps({"version": 2, "answers": {}, "stats": {}, "review": review, "exams": [],
                       "attempts": {}, "checks": {}, "visit": None,
                       "settings": {"textSize": text_size}})


def site_pages(site: Served) -> list[str]:
    """Every page of a built site as a path from its root (``role/`` …), 404 aside."""
    root = site.webroot / SUBPATH
    paths = []
    for page in root.rglob("index.html"):
        folder = page.parent.relative_to(root).as_posix()
        paths.append("" if folder == "." else folder + "/")
    return sorted(paths)


def measure(tmp: Path, runs: int = 3, cls_pages: bool = True) -> PhoneResult:
    """Build, serve and visit every candidate alternately; ``runs`` visits of each."""
    from playwright.sync_api import sync_playwright

    sites = {site.name: site for site in build_sites(tmp)}
    real, plain = sites["real"], sites["real-plain"]
    result = PhoneResult()
    record = review_record()

    def add(name: str, value: float) -> None:
        result.runs.setdefault(name, []).append(value)

    with nginx(list(sites.values()), tmp / "nginx"), sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        phone = Phone(browser)
        for run in range(runs):
            add("short plain", _twice(phone.load, plain.url + SHORT_PAGE))
            add("short ours", _twice(phone.load, real.url + SHORT_PAGE))
            for size in QUIZ_SIZES:
                add(f"q{size} words", _twice(phone.load, sites[f"q{size}-words"].url + "p001/"))
                add(f"q{size} ours", _twice(phone.quiz_ready, sites[f"q{size}"].url + "p001/"))
            for name, path, button in (
                    ("exam", "study/exam/", "[data-qz-start]"),
                    ("practice", "study/practice/", "[data-qz-view=practice] button[type=submit]")):
                wait, requests = _twice(phone.tap, real.url + path, button)
                add(name, wait)
                result.requests[name] = requests
            add("review", _twice(phone.open_review, real.url + "study/review/", record))
            print(f"    phone run {run + 1}/{runs}: " + ", ".join(
                f"{name} {values[-1]:.0f}" for name, values in result.runs.items()), flush=True)
        if cls_pages:
            for path in site_pages(real):
                score, moved = _twice(phone.layout_shift, real.url + path)
                result.cls[path or "/"] = score
                if moved:
                    result.shifted[path or "/"] = moved
            # The header at its fullest: 特大 text and the 错题 link showing.
            for path in ("", "role/", "study/exam/"):
                score, moved = _twice(phone.layout_shift, real.url + path,
                                      review_record("x-large"))
                result.cls[f"{path} (特大, 错题)"] = score
                if moved:
                    result.shifted[f"{path} (特大, 错题)"] = moved
            print(f"    CLS on {len(result.cls)} pages: worst "
                  f"{max(result.cls.values()):.4f}", flush=True)
        browser.close()
    return result


TAP_BUDGET = 0.35  # 开始考试 / 开始练习 / 错题本: the wait, as a share of a short page's load
QUIZ_BUDGET = 1.10  # a quiz page ready, as a multiple of its words built by plain Material


@dataclass
class PhoneBudget:
    """One budget of issue 14 and the figures behind it."""

    name: str
    passed: bool
    figures: str


def budgets(result: PhoneResult) -> list[PhoneBudget]:
    """Check budgets 1–4 of issue 14 (the 10,000-question exam is checked in run.py)."""
    short = result.median("short plain")
    checks = []
    for name, label in (("exam", "开始考试 → first question"),
                        ("practice", "开始练习 → first question")):
        wait = result.median(name)
        checks.append(PhoneBudget(
            f"{label} ≤ {TAP_BUDGET}× a short plain page's load (phone)",
            wait <= TAP_BUDGET * short,
            f"{wait:.0f} ms vs {short:.0f} ms = {wait / short:.2f}×; "
            f"{result.requests.get(name, 0)} request(s) after the tap"))
    extra = result.median("review") - short
    checks.append(PhoneBudget(
        f"opening 错题本: ready within (1 + {TAP_BUDGET})× a short plain page's load (phone)",
        extra <= TAP_BUDGET * short,
        f"{result.median('review'):.0f} ms = short page {extra:+.0f} ms = "
        f"{extra / short:+.2f}×"))
    for size in QUIZ_SIZES:
        ours, words = result.median(f"q{size} ours"), result.median(f"q{size} words")
        checks.append(PhoneBudget(
            f"{size}-question page ready ≤ {QUIZ_BUDGET}× its words as plain Material (phone)",
            ours <= QUIZ_BUDGET * words,
            f"{ours:.0f} ms vs {words:.0f} ms = {ours / words:.2f}×"))
    if result.cls:
        worst = max(result.cls, key=lambda page: result.cls[page])
        checks.append(PhoneBudget(
            "no layout shift: CLS 0 on every page (phone)", result.cls[worst] == 0,
            f"{len(result.cls)} pages; worst {result.cls[worst]:.4f} (/{worst.strip('/')})"))
    return checks


def report(result: PhoneResult, checks: list[PhoneBudget]) -> list[str]:
    """The phone section of the results, as Markdown lines."""
    def runs(name: str) -> str:
        return " ".join(f"{t:.0f}" for t in result.runs[name])

    short = result.median("short plain")
    rows = [
        ("short page without a quiz (关于), plain Material: load", "short plain"),
        ("the same page, this project: load", "short ours"),
        *((f"{size} questions on a page, words as plain Material: load", f"q{size} words")
          for size in QUIZ_SIZES),
        *((f"{size} questions on a page, this project: `qz:ready`", f"q{size} ours")
          for size in QUIZ_SIZES),
        ("模拟考试: 开始考试 → first question (after reading)", "exam"),
        ("综合练习: 开始练习 → first question (after reading)", "practice"),
        ("错题本: navigation → due questions ready", "review"),
    ]
    lines = ["", "## On a phone (issue 14)", "",
             f"Chromium at {PHONE['width']}×{PHONE['height']}, CPU slowed {CPU_SLOWDOWN}×, "
             f"network {NETWORK['downloadThroughput'] * 8 / 1e6:.1f} Mbps down / "
             f"{NETWORK['uploadThroughput'] * 8 / 1e3:.0f} kbps up / {NETWORK['latency']} ms "
             "round trip (CDP `Emulation.setCPUThrottlingRate`, "
             "`Network.emulateNetworkConditions`), cold cache, served by nginx with "
             "`deploy/nginx/dangjian.conf`; candidates visited alternately, median of "
             f"{len(result.runs['short plain'])}. Taps come {READING_MS / 1000:.0f} s after the "
             "button appears (the member reads the instructions).", ""]
    lines += ["| measurement | median | ÷ short plain page | runs (ms) |", "|---|---|---|---|"]
    lines += [f"| {label} | {result.median(name):.0f} ms | {result.median(name) / short:.2f}× | "
              f"{runs(name)} |" for label, name in rows]
    if result.cls:
        lines += ["", "Layout shift (CLS, up to 1 s after load) on every page of the real site: "
                  + ", ".join(f"/{page.strip('/')} {score:.4f}"
                              for page, score in result.cls.items() if score)
                  + (" — all other pages 0." if any(result.cls.values()) else "0 on every page.")]
        for page, moved in result.shifted.items():
            lines.append(f"- /{page.strip('/')}: moved {', '.join(moved[:6])}")
    lines += ["", "| budget (phone) | result | figures |", "|---|---|---|"]
    lines += [f"| {b.name} | {'PASS' if b.passed else '**FAIL**'} | {b.figures} |"
              for b in checks]
    return lines
