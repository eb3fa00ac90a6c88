"""Performance benchmark (issue 6): build time, page weight and time to interactive.

Run it from the project root with ``.venv/bin/python -m tests.bench.run`` (add
``--quick`` while developing). No file here is named ``test_*.py``: the benchmark
takes minutes and is not part of the default pytest run.
"""
