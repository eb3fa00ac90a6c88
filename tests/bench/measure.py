"""Measurements: timed ``mkdocs build`` runs, a cProfile breakdown, bytes and a browser.

Builds run as subprocesses (a fresh interpreter each, as a maintainer runs
them), so import and startup costs are in every figure, for every candidate.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import os
import pstats
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import version
from pathlib import Path

from tests.bench.synth import ROOT

BENCH = Path(__file__).resolve().parent
BENCH_VENV = BENCH / ".venv-bench"
MKDOCS_QUIZ = "1.7.1"
MACROS_DIR = f"{ROOT / 'macros'}{os.sep}"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Packages the bench venv shares with the project venv, pinned to the project's versions.
SHARED = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jieba")


def sizes(data: bytes) -> tuple[int, int]:
    """Raw and gzip (level 6, a common server default) byte counts."""
    return len(data), len(gzip.compress(data, 6))


def ensure_bench_venv() -> Path:
    """Create ``.venv-bench`` with mkdocs-quiz, keeping it out of the project venv.

    It is rebuilt whenever the pins change, so a project upgrade of mkdocs or
    Material is followed by the mkdocs-quiz candidate. jieba is there because
    the site's search is configured for Chinese; Markdown and pymdown-extensions
    so both candidates render with the same code.
    """
    python = BENCH_VENV / "bin" / "python"
    pins = [f"mkdocs-quiz=={MKDOCS_QUIZ}", *(f"{name}=={version(name)}" for name in SHARED)]
    stamp = BENCH_VENV / "pins.txt"
    if python.exists() and stamp.exists() and stamp.read_text().split() == pins:
        return python
    print(f"creating {BENCH_VENV.relative_to(ROOT)}: {' '.join(pins)}", flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(BENCH_VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    *pins], check=True)
    stamp.write_text("\n".join(pins) + "\n")
    return python


def bench_versions(python: Path) -> str:
    """Versions installed in the bench venv, for the report."""
    names = ["mkdocs-quiz", *SHARED]
    code = f"from importlib.metadata import version; print(*(version(n) for n in {names!r}))"
    found = subprocess.run([str(python), "-c", code], check=True, capture_output=True, text=True)
    return ", ".join(f"{n} {v}" for n, v in zip(names, found.stdout.split(), strict=True))


# Runs one build in-process under cProfile while a thread samples the main thread's stack
# every millisecond: the share of samples with a frame under macros/ is the share of the
# build spent in (or below) our code, which summing cProfile's cumulative times cannot give
# exactly when our code calls back into itself through a library (YAML, Jinja, markupsafe).
_PROFILED_BUILD = """
import cProfile, sys, threading
from mkdocs.__main__ import cli
prefix, stats, site = sys.argv[1:4]
main, done, counts = threading.get_ident(), threading.Event(), [0, 0]
def sample():
    while not done.wait(0.001):
        frame = sys._current_frames().get(main)
        while frame is not None and not frame.f_code.co_filename.startswith(prefix):
            frame = frame.f_back
        counts[0] += frame is not None
        counts[1] += 1
threading.Thread(target=sample, daemon=True).start()
profiler = cProfile.Profile()
try:
    profiler.runcall(cli.main, ["build", "-q", "-d", site], standalone_mode=False)
finally:
    done.set()
    profiler.dump_stats(stats)
print(*counts)
"""


@dataclass(frozen=True)
class Candidate:
    """One site to build: its folder (the build's cwd), interpreter and extra environment."""

    name: str
    folder: Path
    python: Path
    extra_env: dict[str, str] = field(default_factory=dict)

    def _run(self, arguments: list[str]) -> tuple[float, str]:
        """Run the interpreter in the site's folder; return wall time and stdout.

        The cwd is the site's folder because jieba's user dictionary path in
        ``mkdocs.yml`` is relative to the working directory.
        """
        # PYTHONDONTWRITEBYTECODE (set on some machines, CI's among them) would make every
        # build compile macros/ from source while Material and MkDocs, compiled when they
        # were installed, are not: a maintainer's Python keeps what it compiled.
        env = {key: value for key, value in os.environ.items()
               if key not in {"SITE_URL", "PYTHONDONTWRITEBYTECODE"}}
        env.update(NO_MKDOCS_2_WARNING="1", **self.extra_env)
        start = time.perf_counter()
        done = subprocess.run([str(self.python), *arguments], cwd=self.folder, env=env,
                              capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if done.returncode:
            raise RuntimeError(f"{self.name}: mkdocs build failed in {self.folder}\n"
                               f"{done.stderr[-4000:]}")
        return elapsed, done.stdout

    def build(self, site: Path) -> float:
        """Run ``mkdocs build`` once and return its wall time in seconds."""
        return self._run(["-m", "mkdocs", "build", "-q", "-d", str(site)])[0]

    def profile(self, site: Path, stats: Path) -> tuple[int, int]:
        """Build once under cProfile (written to ``stats``); return (samples in macros/, all)."""
        _, out = self._run(["-c", _PROFILED_BUILD, MACROS_DIR, str(stats), str(site)])
        inside, total = map(int, out.split()[-2:])
        return inside, total


def time_builds(candidates: list[Candidate], reps: int, sites: Path) -> dict[str, list[float]]:
    """Build times of each candidate, built alternately (A B C A B C …).

    Alternating spreads any drift of the machine (other load, caches, thermal)
    evenly over the candidates instead of charging it to whichever ran last.
    """
    times: dict[str, list[float]] = defaultdict(list)
    for rep in range(reps):
        for candidate in candidates:
            times[candidate.name].append(candidate.build(sites / candidate.name))
        print(f"    run {rep + 1}/{reps}: " + ", ".join(
            f"{name} {runs[-1]:.2f} s" for name, runs in times.items()), flush=True)
    return dict(times)


def _label(func: tuple[str, int, str]) -> str:
    """``path:line(function)``, shortened to the project or the installed package."""
    path, line, name = func
    path = path.removeprefix(f"{ROOT}{os.sep}")
    path = re.sub(r"^.*/site-packages/", "", path)
    return f"{path}:{line}({name})" if line else name


@dataclass
class Profile:
    """Where one profiled build spent its time, split at the boundary of ``macros/``."""

    total: float
    ours: float  # sum of the entry points' cumulative time (cProfile)
    samples: tuple[int, int]  # stack samples with a frame in macros/, all stack samples
    entries: list[tuple[str, int, float]]  # our functions as called from outside: calls, cumtime
    own: list[tuple[str, int, float, float]]  # each of our functions: calls, tottime, cumtime
    called: list[tuple[str, int, float]]  # outside functions as called by ours: calls, cumtime
    hottest: list[tuple[str, int, float, float]]  # whole build, by own (self) time
    phases: list[tuple[str, float]]  # MkDocs' build steps, cumulative


# MkDocs' build steps: (label, file, function, caller); "·" marks a step inside the one above.
# A caller ("file:function") picks the calls from there only (Jinja renders for many callers).
PHASES = [
    ("whole build", "mkdocs/commands/build.py", "build", ""),
    ("· on_config of all plugins (macros: load and check every bank)",
     "mkdocs/plugins.py", "on_config", ""),
    ("· read and convert each page (`_populate_page`)", "mkdocs/commands/build.py",
     "_populate_page", ""),
    ("· · on_page_markdown (macros: run each page's macros, render quizzes)",
     "mkdocs/plugins.py", "on_page_markdown", ""),
    ("· · Markdown → HTML of the page (quiz HTML included)", "mkdocs/structure/pages.py",
     "render", ""),
    ("· write each page (`_build_page`)", "mkdocs/commands/build.py", "_build_page", ""),
    ("· · search index entry (Material search, jieba)", "material/plugins/search/plugin.py",
     "on_page_context", ""),
    ("· · theme templates (Jinja)", "jinja2/environment.py", "render",
     "mkdocs/commands/build.py:_build_page"),
]


def _phase(table: dict, file: str, name: str, caller: str) -> float:
    """Cumulative time of a function, or of its calls from one caller only."""
    total = 0.0
    for func, (_, _, _, ct, callers) in table.items():
        if not (func[0].endswith(file) and func[2] == name):
            continue
        if not caller:
            total += ct
            continue
        caller_file, caller_name = caller.split(":")
        total += sum(values[3] for (path, _, function), values in callers.items()
                     if path.endswith(caller_file) and function == caller_name)
    return total


def analyse(path: Path, samples: tuple[int, int], top: int = 12) -> Profile:
    """Break a profiled build down at the boundary of this project's code.

    Summing every ``macros/`` function's cumulative time would count nested calls
    over and over (``Renderer.quiz`` includes ``Renderer.markdown``), so only entry
    points count: our functions as called from code that is not ours and is not
    itself reached only from our code. A library that both we and MkDocs call
    (Jinja, markupsafe, YAML) can still hide a call back into ours, so this sum
    may run a little high; the stack samples give the share without that flaw.
    """
    stats = pstats.Stats(str(path))
    table = stats.stats  # type: ignore[attr-defined]

    def ours(func: tuple[str, int, str]) -> bool:
        return func[0].startswith(MACROS_DIR) and func[0].endswith(".py")

    inside = {func for func in table if ours(func)}
    changed = True
    while changed:  # outside functions whose every caller is ours, or inside ours
        changed = False
        for func, (*_, callers) in table.items():
            if func not in inside and callers and all(caller in inside for caller in callers):
                inside.add(func)
                changed = True
    entries: list[tuple[str, int, float]] = []
    called: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for func, (_, _, _, _, callers) in table.items():
        if ours(func):
            from_outside = [values for caller, values in callers.items() if caller not in inside]
            if from_outside:
                entries.append((_label(func), sum(v[1] for v in from_outside),
                                sum(v[3] for v in from_outside)))
            continue
        for caller, values in callers.items():
            if ours(caller):
                called[_label(func)][0] += values[1]
                called[_label(func)][1] += values[3]
    own = [(_label(func), nc, tt, ct) for func, (_, nc, tt, ct, _) in table.items() if ours(func)]
    hottest = [(_label(func), nc, tt, ct) for func, (_, nc, tt, ct, _) in table.items()]
    by_time = sorted(called.items(), key=lambda item: -item[1][1])
    return Profile(
        total=stats.total_tt,  # type: ignore[attr-defined]
        ours=sum(entry[2] for entry in entries),
        samples=samples,
        entries=sorted(entries, key=lambda entry: -entry[2])[:top],
        own=sorted(own, key=lambda row: -row[3])[:top],
        called=[(name, int(calls), cum) for name, (calls, cum) in by_time[:top]],
        hottest=sorted(hottest, key=lambda row: -row[2])[:top],
        phases=[(label, _phase(table, *where)) for label, *where in PHASES],
    )


def quiz_pages(site: Path) -> list[Path]:
    """The built quiz pages (``p001/index.html`` …) of a synthetic site."""
    return sorted(site.glob("p[0-9][0-9][0-9]/index.html"))


def mean_page_bytes(site: Path) -> tuple[int, int]:
    """Mean raw and gzip bytes of the quiz pages' HTML."""
    counted = [sizes(page.read_bytes()) for page in quiz_pages(site)]
    return (round(statistics.mean(raw for raw, _ in counted)),
            round(statistics.mean(packed for _, packed in counted)))


def asset_sizes(site: Path, paths: list[str]) -> list[tuple[str, int, int]]:
    """Raw and gzip bytes of built files (``javascripts/qz-quiz.js`` …) as served."""
    return [(path, *sizes((site / path).read_bytes())) for path in paths]


def mkdocs_quiz_inline() -> list[tuple[str, int, int]]:
    """What mkdocs-quiz inlines into every quiz page: its stylesheet, script and confetti."""
    package = next(BENCH_VENV.glob("lib/python*/site-packages/mkdocs_quiz"))
    parts = ["css/quiz.css", "js/vendor/js-confetti.browser.js", "js/quiz.js"]
    return [(part, *sizes((package / part).read_bytes())) for part in parts]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site over HTTP from a thread on 127.0.0.1; yield its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


# Resolves once every quiz on the page is wired: the time since navigation start.
_READY = """() => {
  const quizzes = document.querySelectorAll("[data-quiz-id]");
  if (!quizzes.length || document.querySelector("[data-quiz-id]:not([data-qz-ready])")) return 0;
  const mark = performance.getEntriesByName("qz:ready")[0];
  return mark ? {ms: mark.startTime, mark: true} : {ms: performance.now(), mark: false};
}"""
_DOM_NODES = "() => document.getElementsByTagName('*').length"
# Every file the page fetched, including scripts and stylesheets added by a script.
_RESOURCES = "() => performance.getEntriesByType('resource').map(entry => entry.name)"


@dataclass
class Browser:
    """Figures of the 100-question page in headless Chromium."""

    version: str
    assets: list[str]  # our javascripts/ and stylesheets/ files the quiz page loaded
    tti_ms: float
    tti_runs: list[float]
    used_mark: bool
    dom_ours: int
    dom_mkdocs_quiz: int
    errors: list[str]  # uncaught script errors on our page: a broken script skews the figures


def browser_figures(ours: Path, mkdocs_quiz: Path, slug: str, runs: int) -> Browser:
    """Time to interactive of our page (median of fresh visits), both pages' DOM nodes, and
    which of our scripts and stylesheets the page loaded (some are added by a script).

    Each visit gets a new browser context: empty cache and storage, as a first visit.
    """
    from playwright.sync_api import sync_playwright  # only the browser step needs it

    with sync_playwright() as driver, serve(ours) as ours_url, serve(mkdocs_quiz) as mq_url:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        times: list[float] = []
        marks: list[bool] = []
        errors: list[str] = []
        dom: dict[str, int] = {}
        loaded: list[str] = []
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{ours_url}{slug}/")
            ready = page.wait_for_function(_READY, timeout=60_000).json_value()
            times.append(ready["ms"])
            marks.append(ready["mark"])
            page.wait_for_load_state("networkidle")
            dom["ours"] = page.evaluate(_DOM_NODES)
            loaded = [url.removeprefix(ours_url).split("?")[0]
                      for url in page.evaluate(_RESOURCES) if url.startswith(ours_url)]
            context.close()
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{mq_url}{slug}/", wait_until="networkidle")
        dom["mkdocs-quiz"] = page.evaluate(_DOM_NODES)
        context.close()
        browser_version = browser.version
        browser.close()
    assets = [path for path in dict.fromkeys(loaded)
              if path.startswith(("javascripts/", "stylesheets/"))]
    return Browser(browser_version, assets, statistics.median(times), times, all(marks),
                   dom["ours"], dom["mkdocs-quiz"], list(dict.fromkeys(errors)))


def review_record(site: Path, banks: int = 50, per_bank: int = 2) -> str:
    """A stored record with ``per_bank`` questions of each of the first ``banks`` banks due
    in the 错题本, read from the built site's own question data (start.js)."""
    start = (site / "quizdata" / "start.js").read_text(encoding="utf-8").splitlines()[0]
    index = json.loads(start[start.index(",") + 1: start.rindex(")")])
    review = {}
    for bank in index["banks"][:banks]:
        if "catalogue" in index:
            types = index["catalogue"][bank["id"]]
            ids = [item[0] for items in types.values() for item in items][:per_bank]
        else:  # a build from before the catalogue (the before column of results.md)
            data = (site / "quizdata" / f"{bank['id']}.js").read_text(encoding="utf-8")
            questions = json.loads(data[data.index(",") + 1: data.rindex(")")])["questions"]
            ids = [question["id"] for question in questions][:per_bank]
        review.update({qid: {"bank": bank["id"], "step": 0, "due": "2000-01-01", "at": 0}
                       for qid in ids})
    return json.dumps({"version": 2, "answers": {}, "stats": {}, "review": review, "exams": [],
                       "attempts": {}, "checks": {}, "visit": None, "settings": {}})


def study_tti(site: Path, runs: int) -> dict[str, list[float]]:
    """Milliseconds from tapping 开始考试 (100 questions) and 开始练习 (10) to the drawn
    questions being wired, and from opening the 错题本 (100 due, from 50 banks) to its
    questions being wired, on the unthrottled machine, cold cache.

    The tap comes after the member has read the instructions (``phone.READING_MS``), as
    on the phone: what a study page fetches on its own meanwhile is not the tap's wait.
    """
    from playwright.sync_api import sync_playwright

    from tests.bench import phone  # the probe and the reading time are the phone bench's

    buttons = {"exam": "[data-qz-start]",
               "practice": "[data-qz-view=practice] button[type=submit]"}
    record = review_record(site)
    times: dict[str, list[float]] = defaultdict(list)
    with sync_playwright() as driver, serve(site) as url:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            for view, button in buttons.items():
                context = browser.new_context()
                context.add_init_script(phone.PROBE)
                page = context.new_page()
                page.goto(f"{url}study/{view}/", wait_until="load")
                page.locator(button).wait_for(state="visible")
                page.wait_for_timeout(phone.READING_MS)
                page.locator(button).click()
                page.wait_for_function("() => window.__qzBench.viewReady !== null",
                                       timeout=120_000)
                bench = page.evaluate("() => window.__qzBench")
                times[view].append(bench["viewReady"] - bench["tap"])
                context.close()
            context = browser.new_context()
            context.add_init_script(f"localStorage.setItem('jgdj:v1', {json.dumps(record)});")
            context.add_init_script(phone.PROBE)
            page = context.new_page()
            page.goto(f"{url}study/review/", wait_until="commit")
            page.wait_for_function("() => window.__qzBench && window.__qzBench.viewReady !== null",
                                   timeout=120_000)
            times["review"].append(page.evaluate("() => window.__qzBench.viewReady"))
            context.close()
        browser.close()
    return dict(times)
