"""Run the benchmark of issues 6 and 14 and check the budgets: ``python -m tests.bench.run``.

``--quick`` skips the 10,000-question size; ``--phone`` runs only the phone-throttled
measurements of issue 14 (``tests/bench/phone.py``), a few minutes.

For each size the same seeded questions are built as this project, as plain
Material without quizzes (the floor) and as mkdocs-quiz 1.7.1; the real site is
built against a copy of itself without quizzes. Everything is printed as
Markdown, the full run is kept in ``tests/bench/results.md``, and the exit
status is non-zero when a budget is missed.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from tests.bench import measure, phone, synth
from tests.bench.measure import Candidate
from tests.budgets import EVERY_PAGE_GZIP, QUIZ_PAGE_GZIP

KIB = 1024
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "markdown",
            "pymdown-extensions", "jinja2", "nh3", "jsonschema", "pyyaml", "jieba", "playwright")
# What every page loads; every other file of ours a quiz page loads (but the site theme)
# is what the quiz adds. Their budgets: tests/budgets.py, which the browser tests hold too.
EVERY_PAGE = ("qz-header.js",)
THEME = "theme.css"
BIG_PAGE = 100  # the page size the browser, DOM and page-weight budgets are about
# What a build reads: a change to any of these during a run makes its figures inconsistent.
HISTORY = Path(__file__).resolve().parent / "before-after.md"
WATCHED = ("macros", "docs", "overrides", "quizzes", "search", "mkdocs.yml")

# Visits of each page on the throttled phone: a page's load varied by 0.3 s from visit to
# visit on this shared machine, and a median of three put a ratio either side of its budget
# from one run to the next (32-question page 0.93× to 1.12×); five steady it.
PHONE_RUNS = 5


@dataclass
class SizeResult:
    """Everything measured for one number of questions."""

    size: int
    pages: int
    runs: dict[str, list[float]]
    profile: measure.Profile
    page_bytes: dict[str, tuple[int, int]]

    @property
    def times(self) -> dict[str, float]:
        """Median build time of each candidate."""
        return _medians(self.runs)


@dataclass
class Budget:
    """One budget: ``passed`` is None when the run did not measure it (quick mode)."""

    name: str
    passed: bool | None
    figures: str


def _medians(runs: dict[str, list[float]]) -> dict[str, float]:
    return {name: statistics.median(times) for name, times in runs.items()}


def _kib(count: int) -> str:
    return f"{count / KIB:.1f} KiB"


def _machine() -> list[tuple[str, str]]:
    """Date, cores, CPU model, Python and package versions: what the figures depend on."""
    cpu = next((line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return [
        ("date", datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")),
        ("machine", f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {cpu}"),
        ("Python", platform.python_version()),
        ("project venv", ", ".join(f"{name} {version(name)}" for name in PACKAGES)),
    ]


def _git_state() -> str:
    """The commit measured, and how many files differ from it (this folder aside)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=synth.ROOT, capture_output=True,
                              text=True).stdout
    changes = [line for line in git("status", "--porcelain").splitlines()
               if not line[3:].startswith("tests/bench/")]
    return git("rev-parse", "--short", "HEAD").strip() + (
        f" + {len(changes)} uncommitted file(s)" if changes else "")


def _changed_since(start: float) -> list[str]:
    """Site files modified while the benchmark ran: the figures may then mix two versions."""
    found = []
    for name in WATCHED:
        root = synth.ROOT / name
        for path in [root] if root.is_file() else sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.stat().st_mtime > start:
                found.append(path.relative_to(synth.ROOT).as_posix())
    return found


def run_size(size: int, reps: int, tmp: Path, mq_python: Path) -> tuple[SizeResult, Path]:
    """Write the three sites for ``size`` questions, time them, profile ours, weigh the pages."""
    pages = synth.make_pages(size)
    base = tmp / str(size)
    candidates = []
    for kind in ("ours", "plain", "mkdocs-quiz"):
        synth.write_site(base / kind, kind, pages)
        if kind == "mkdocs-quiz":
            shim = {"PYTHONPATH": str(base / kind / "shim")}
            candidates.append(Candidate(kind, base / kind, mq_python, shim))
        else:
            candidates.append(Candidate(kind, base / kind, Path(sys.executable)))
    print(f"\n{size} questions on {len(pages)} page(s): {reps} builds each", flush=True)
    times = measure.time_builds(candidates, reps, base / "site")
    profile_path = measure.BENCH / "out" / f"profile-{size}.prof"
    samples = candidates[0].profile(base / "site" / "profiled", profile_path)
    print(f"    profile: {profile_path.relative_to(synth.ROOT)}, "
          f"{samples[0] / samples[1]:.0%} of stack samples in macros/", flush=True)
    page_bytes = {kind: measure.mean_page_bytes(base / "site" / kind)
                  for kind in ("ours", "plain", "mkdocs-quiz")}
    profile = measure.analyse(profile_path, samples)
    result = SizeResult(size, len(pages), times, profile, page_bytes)
    return result, base / "site"


def budgets(results: list[SizeResult], real: dict[str, float], assets: list[tuple[str, int, int]],
            browser: measure.Browser, big: dict[str, tuple[int, int]],
            study_runs: dict[str, list[float]]) -> list[Budget]:
    """Check every budget of issues 6 and 14 (but the phone's) against the figures."""
    by_size = {result.size: result.times for result in results}
    # The issue keeps what every page loads apart from the quiz's own files: the quiz
    # budget counts what a quiz page adds; the site theme (theme.css) is reported only.
    every = sum(packed for name, _, packed in assets if name.endswith(EVERY_PAGE))
    theme = sum(packed for name, _, packed in assets if name.endswith(THEME))
    quiz = [(name, packed) for name, _, packed in assets if not name.endswith((*EVERY_PAGE, THEME))]
    quiz_only = sum(packed for _, packed in quiz)
    checks = [Budget(f"what a quiz page adds ≤ {_kib(QUIZ_PAGE_GZIP)} gzip (its scripts, quiz.css)",
                     quiz_only <= QUIZ_PAGE_GZIP,
                     f"{_kib(quiz_only)} gzip in {len(quiz)} files"),
              Budget(f"what every page loads (字号, 错题) ≤ {_kib(EVERY_PAGE_GZIP)} gzip, apart",
                     every <= EVERY_PAGE_GZIP,
                     f"{_kib(every)} gzip ({', '.join(EVERY_PAGE)}); site theme "
                     f"{THEME} {_kib(theme)}")]
    if 1000 in by_size:
        ours, plain = by_size[1000]["ours"], by_size[1000]["plain"]
        checks.append(Budget("1,000 questions ≤ 1.5× plain build", ours <= 1.5 * plain,
                             f"{ours:.2f} s vs {plain:.2f} s = {ours / plain:.2f}×"))
    if 10000 in by_size and 1000 in by_size:
        big_time, small = by_size[10000]["ours"], by_size[1000]["ours"]
        checks.append(Budget("10,000 questions ≤ 12× our 1,000", big_time <= 12 * small,
                             f"{big_time:.2f} s vs {small:.2f} s = {big_time / small:.2f}×"))
    else:
        checks.append(Budget("10,000 questions ≤ 12× our 1,000", None, "not run (--quick)"))
    for view, label in (("exam", "开始考试"), ("practice", "开始练习"),
                        ("review", "opening 错题本")):
        found = study_runs.get(view)
        checks.append(Budget(
            f"10,000 questions: {label} → questions wired < 1 s, unthrottled",
            statistics.median(found) < 1000 if found else None,
            f"{statistics.median(found):.0f} ms" if found else "not run (--quick)"))
    site, plain = real["real"], real["real-plain"]
    checks.append(Budget("real site ≤ 1.3× plain Material", site <= 1.3 * plain,
                         f"{site:.2f} s vs {plain:.2f} s = {site / plain:.2f}×"))
    checks.append(Budget("100-question page: fewer DOM nodes than mkdocs-quiz",
                         browser.dom_ours < browser.dom_mkdocs_quiz,
                         f"{browser.dom_ours} vs {browser.dom_mkdocs_quiz}"))
    checks.append(Budget("100-question page: fewer gzip bytes than mkdocs-quiz",
                         big["ours"][1] < big["mkdocs-quiz"][1],
                         f"{_kib(big['ours'][1])} vs {_kib(big['mkdocs-quiz'][1])}"))
    for result in results:
        ours, other = result.times["ours"], result.times["mkdocs-quiz"]
        checks.append(Budget(f"{result.size:,} questions: build faster than mkdocs-quiz",
                             ours < other, f"{ours:.2f} s vs {other:.2f} s"))
    return checks


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def report(machine: list[tuple[str, str]], results: list[SizeResult],
           real_runs: dict[str, list[float]],
           assets: list[tuple[str, int, int]], inline: list[tuple[str, int, int]],
           browser: measure.Browser, checks: list[Budget], reps: int,
           study_runs: dict[str, list[float]], phone_result: phone.PhoneResult,
           phone_checks: list[phone.PhoneBudget]) -> str:
    """The whole result as Markdown: machine, builds, bytes, browser, budgets, profiles."""
    out = ["# Performance benchmark (issues 6 and 14)", "",
           "Produced by `.venv/bin/python -m tests.bench.run`; see `tests/bench/`.", ""]
    out += _table(["", ""], [[key, value] for key, value in machine])
    real_reps = len(next(iter(real_runs.values()), []))
    out += ["", f"## Build time (`mkdocs build`, median of {reps}, the real site of {real_reps}, "
            "built alternately)", ""]
    rows = [[f"{r.size:,}", str(r.pages), f"{r.times['ours']:.2f} s", f"{r.times['plain']:.2f} s",
             f"{r.times['mkdocs-quiz']:.2f} s", f"{r.times['ours'] / r.times['plain']:.2f}×",
             f"{r.times['ours'] / r.times['mkdocs-quiz']:.2f}×",
             f"{r.profile.samples[0] / r.profile.samples[1]:.0%}"] for r in results]
    real = _medians(real_runs)
    real_pages = len(list((synth.ROOT / "docs").rglob("*.md")))
    site, plain = real["real"], real["real-plain"]
    rows.append(["real site", str(real_pages), f"{site:.2f} s", f"{plain:.2f} s", "–",
                 f"{site / plain:.2f}×", "–", "–"])
    out += _table(["questions", "pages", "this project", "plain Material (floor)",
                   f"mkdocs-quiz {measure.MKDOCS_QUIZ}", "ours / floor", "ours / mkdocs-quiz",
                   "share in `macros/`"], rows)
    every = [(f"{r.size:,}", r.runs) for r in results] + [("real site", real_runs)]
    out += ["", "Every run, in build order (s):", ""]
    out += _table(["questions", "candidate", "runs"],
                  [[size, name, " ".join(f"{t:.2f}" for t in times)]
                   for size, runs in every for name, times in runs.items()])
    out += ["", "## Bytes per quiz page (HTML, mean over the pages; gzip level 6)", ""]
    out += _table(["questions", "this project raw", "gzip", "mkdocs-quiz raw", "gzip",
                   "floor (no quiz) raw", "gzip"],
                  [[f"{r.size:,}", *(_kib(r.page_bytes[kind][i]) for kind in
                                     ("ours", "mkdocs-quiz", "plain") for i in (0, 1))]
                   for r in results])
    out += ["", "Our scripts and stylesheets that the 100-question page loaded in Chromium "
            "(as built, so minified if the build minifies; separate files, cached across pages):",
            ""]
    out += _table(["file", "raw", "gzip"],
                  [[f"`{name}`", _kib(raw), _kib(packed)] for name, raw, packed in assets]
                  + [["**total**", _kib(sum(a[1] for a in assets)),
                      _kib(sum(a[2] for a in assets))]])
    out += ["", "What mkdocs-quiz inlines into **every** quiz page (inside the HTML above):", ""]
    out += _table(["part", "raw", "gzip"],
                  [[f"`{name}`", _kib(raw), _kib(packed)] for name, raw, packed in inline]
                  + [["**total**", _kib(sum(a[1] for a in inline)),
                      _kib(sum(a[2] for a in inline))]])
    tti = (f"{browser.tti_ms:.0f} ms (median of {len(browser.tti_runs)}: "
           + ", ".join(f"{t:.0f}" for t in browser.tti_runs) + ")"
           + ("" if browser.used_mark else " — no qz:ready mark: time when every "
              "[data-quiz-id] had data-qz-ready"))
    def tap(view: str) -> str:
        found = study_runs.get(view)
        return (f"{statistics.median(found):.0f} ms (median of {len(found)}: "
                + ", ".join(f"{t:.0f}" for t in found) + ")") if found else "not run (--quick)"
    out += ["", f"## A {BIG_PAGE}-question page in headless Chromium ({browser.version})", ""]
    out += _table(["", "this project", f"mkdocs-quiz {measure.MKDOCS_QUIZ}"], [
        ["DOM nodes", str(browser.dom_ours), str(browser.dom_mkdocs_quiz)],
        ["time to interactive (navigation start → `qz:ready`)", tti, "–"],
        ["mock exam of 100 questions from 10,000: 开始考试 → every question wired "
         "(after reading)", tap("exam"), "–"],
        ["综合练习, 10 questions from 10,000: 开始练习 → wired (after reading)",
         tap("practice"), "–"],
        ["错题本 with 100 due from 50 of 100 banks: navigation start → wired",
         tap("review"), "–"],
        ["script errors on our page", "; ".join(browser.errors) or "none", "–"]])
    out += ["", "## How it was measured", "",
            "- Synthetic pages: at most 100 questions a page (one bank each), four heading "
            "sections as `source` anchors and their paragraphs; seeded Chinese text cut from the "
            "source article and the real banks; type mix of the real banks "
            f"({', '.join(f'{k} {v}' for k, v in synth.TYPE_WEIGHTS.items())}). Every site's "
            "`mkdocs.yml` is the real one minus `nav` and `watch`; the floor also drops the macros "
            "plugin, mkdocs-quiz replaces it and keeps only `theme.css` of our assets.",
            "- mkdocs-quiz: single and multiple choice as `- [x]`/`- [ ]` lists, judge as a "
            "two-option single choice (正确/错误), fill-in as `[[answer]]` (it takes one wording "
            "a blank, so only the first accepted one); the 解析 and the 回到原文 link are the "
            "question's content; `<!-- mkdocs-quiz intro -->`/`results` around the questions; "
            "plugin defaults otherwise. It converts every question with a new Markdown instance "
            "carrying the site's extensions, our glossary tooltips included, as it would on this "
            "site.",
            "- Build times are wall times of `mkdocs build` in a fresh interpreter (startup "
            "included). The share in `macros/` comes from stack samples taken during the "
            "profiled build; it includes jieba's dictionary load, which the glossary extension "
            "triggers first (search would otherwise).",
            "- Browser: each visit in a new context (cold cache, empty storage), served over "
            "HTTP from 127.0.0.1; DOM nodes counted after the page's scripts ran.",
            ""]
    out += phone.report(phone_result, phone_checks)
    if HISTORY.exists():  # figures of earlier runs, kept by hand
        out += HISTORY.read_text(encoding="utf-8").rstrip().splitlines()
    out += ["", "## Budgets", ""]
    out += _table(["budget", "result", "figures"],
                  [[b.name, {True: "PASS", False: "**FAIL**", None: "not run"}[b.passed],
                    b.figures] for b in checks])
    for r in results:
        p = r.profile
        out += ["", f"## Where our build time goes: {r.size:,} questions", "",
                f"One build under cProfile ({p.total:.2f} s profiled; full profile in "
                f"`tests/bench/out/profile-{r.size}.prof`). Share in `macros/`: "
                f"**{p.samples[0] / p.samples[1]:.0%}** of {p.samples[1]} stack samples "
                f"(1 ms apart) had a frame of ours; cProfile's entry points below add up to "
                f"{p.ours:.2f} s = {p.ours / p.total:.0%}.", ""]
        out += _table(["build step (cProfile)", "cumulative"],
                      [[label, f"{t:.2f} s"] for label, t in p.phases])
        out += [""]
        out += _table(["our entry point", "calls", "cumulative"],
                      [[f"`{n}`", str(c), f"{t:.2f} s"] for n, c, t in p.entries])
        out += [""]
        out += _table(["outside function called by our code", "calls", "cumulative"],
                      [[f"`{n}`", str(c), f"{t:.2f} s"] for n, c, t in p.called])
        out += [""]
        out += _table(["our function", "calls", "own time", "cumulative (nested)"],
                      [[f"`{n}`", str(c), f"{s:.2f} s", f"{t:.2f} s"] for n, c, s, t in p.own])
        out += [""]
        out += _table(["whole build, by own time", "calls", "own time", "cumulative"],
                      [[f"`{n}`", str(c), f"{s:.2f} s", f"{t:.2f} s"]
                       for n, c, s, t in p.hottest])
    return "\n".join(out) + "\n"


def phone_only(runs: int) -> int:
    """The phone measurements alone, written to ``tests/bench/out/results-phone.md``."""
    (measure.BENCH / "out").mkdir(exist_ok=True)
    machine = _machine()
    machine.append(("project", _git_state()))
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="qz-phone-") as name:
        print(f"phone: building and visiting, {runs} runs", flush=True)
        result = phone.measure(Path(name), runs)
    machine.append(("load average (1 min) at start / end",
                    f"{load_start:.2f} / {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"))
    checks = phone.budgets(result)
    text = "\n".join(["# Phone measurements (issue 14)", "",
                      "Produced by `.venv/bin/python -m tests.bench.run --phone`.", "",
                      *_table(["", ""], [[key, value] for key, value in machine]),
                      *phone.report(result, checks)]) + "\n"
    print("\n" + text)
    target = measure.BENCH / "out" / "results-phone.md"
    target.write_text(text, encoding="utf-8")
    print(f"written to {target.relative_to(synth.ROOT)}")
    return 1 if any(not check.passed for check in checks) else 0


def main(argv: list[str] | None = None) -> int:
    """Run everything, print the report, write it, and fail on a missed budget."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench.run", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="sizes 100 and 1,000 only, fewer repetitions (for development)")
    parser.add_argument("--reps", type=int, help="builds per candidate (default 5, quick 3)")
    parser.add_argument("--phone", action="store_true",
                        help="only the phone-throttled measurements of issue 14 (a few minutes)")
    args = parser.parse_args(argv)
    if args.phone:
        return phone_only(args.reps or PHONE_RUNS)
    sizes = (100, 1000) if args.quick else (100, 1000, 10000)
    reps = args.reps or (3 if args.quick else 5)
    (measure.BENCH / "out").mkdir(exist_ok=True)
    mq_python = measure.ensure_bench_venv()
    machine = _machine()
    machine.append(("project", _git_state()))
    load_start, started = os.getloadavg()[0], time.time()
    machine.append(("bench venv", measure.bench_versions(mq_python)))
    with tempfile.TemporaryDirectory(prefix="qz-bench-") as name:
        tmp = Path(name)
        results = []
        study_runs: dict[str, list[float]] = {}
        for size in sizes:
            result, sites = run_size(size, reps, tmp, mq_python)
            results.append(result)
            if size == synth.EXAM_POOL:
                print("    browser: 开始考试 and 开始练习 at 10,000 questions", flush=True)
                study_runs = measure.study_tti(sites / "ours", runs=3 if args.quick else 5)
            if size == BIG_PAGE:
                big = {kind: measure.sizes((sites / kind / "p001" / "index.html").read_bytes())
                       for kind in ("ours", "mkdocs-quiz")}
                print("    browser: time to interactive, DOM nodes, assets loaded", flush=True)
                browser = measure.browser_figures(sites / "ours", sites / "mkdocs-quiz", "p001",
                                                  runs=3 if args.quick else 7)
                assets = measure.asset_sizes(sites / "ours", browser.assets)
            shutil.rmtree(sites.parent)
        # Two builds of two seconds: twice the repetitions cost little and steady the median
        # of a budget with little room (one busy spell moved a run of five by 0.07×).
        real_reps = 2 * reps
        print(f"\nreal site vs a copy without quizzes: {real_reps} builds each", flush=True)
        synth.write_real_plain(tmp / "real-plain")
        real_runs = measure.time_builds(
            [Candidate("real", synth.ROOT, Path(sys.executable)),
             Candidate("real-plain", tmp / "real-plain", Path(sys.executable))], real_reps,
            tmp / "site")
        print("\nphone (issue 14): building, serving with nginx, visiting", flush=True)
        phone_result = phone.measure(tmp / "phone", runs=3 if args.quick else PHONE_RUNS)
    phone_checks = phone.budgets(phone_result)
    real = _medians(real_runs)
    machine.append(("browser", f"Chromium {browser.version}"))
    machine.append(("load average (1 min) at start / end",
                    f"{load_start:.2f} / {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"))
    changed = _changed_since(started)
    machine.append(("site files changed during the run", ", ".join(changed[:10]) + (
        " … — the figures may mix two versions" if changed else "none")))
    checks = budgets(results, real, assets, browser, big, study_runs)
    checks += [Budget(check.name, check.passed, check.figures) for check in phone_checks]
    text = report(machine, results, real_runs, assets, measure.mkdocs_quiz_inline(), browser,
                  checks, reps, study_runs, phone_result, phone_checks)
    print("\n" + text)
    target = measure.BENCH / ("out/results-quick.md" if args.quick else "results.md")
    target.write_text(text, encoding="utf-8")
    print(f"written to {target.relative_to(synth.ROOT)}")
    return 1 if any(check.passed is False for check in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
