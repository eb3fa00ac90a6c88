# Two commands on a fresh machine:
#   make serve   set everything up and serve the site on http://127.0.0.1:8000/
#   make test    set everything up and run the whole test suite (lint, build, unit, browser),
#                then leave the built site in site/ and the offline package in dist/
# The maintainer's checks without browser or root: make check (dangjian check).
# Everything lives in .venv; Debian's Chromium is installed with apt-get when missing.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Serving, building, checking and importing need the project only; the test tools come with make test.
SERVE_STAMP := $(VENV)/.installed-serve
WHEELHOUSE  := wheelhouse
CHROMIUM := /usr/bin/chromium
NGINX    := /usr/sbin/nginx
# Material prints a banner about MkDocs 2 on every build; the pin mkdocs<2 already answers it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build csp offline check test bench lint system-packages clean wheelhouse constraints

# A .venv made by another Python (an upgrade, or PYTHON=python3.12) is rebuilt, not reused:
# its packages were built for that Python. A missing or broken .venv reports no version.
PY_VERSION := import sys; print("%d.%d.%d" % sys.version_info[:3])
VENV_PYTHON := $(shell $(BIN)/python -c '$(PY_VERSION)' 2>/dev/null)
WANT_PYTHON := $(shell $(PYTHON) -c '$(PY_VERSION)' 2>/dev/null)
ifneq ($(VENV_PYTHON),$(WANT_PYTHON))
.PHONY: $(STAMP)
endif

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(if $(filter $(WANT_PYTHON),$(VENV_PYTHON)),,--clear) $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --editable ".[test]"
	touch $(STAMP) $(SERVE_STAMP)

$(SERVE_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --editable .
	touch $(SERVE_STAMP)

serve: $(SERVE_STAMP)
	$(BIN)/mkdocs serve

build: $(SERVE_STAMP)
	$(BIN)/mkdocs build --strict

# Every content rule, without browser, root or network (the build runs the same rules).
check: $(SERVE_STAMP)
	$(BIN)/dangjian check

# A zip of a build that works opened from disk (file://), search included.
DIST ?= dist
offline: $(SERVE_STAMP)
	rm -rf $(DIST)/offline $(DIST)/jiguan-dangjian-offline.zip
	OFFLINE=true $(BIN)/mkdocs build --strict -f mkdocs.offline.yml -d $(DIST)/offline/jiguan-dangjian
	$(BIN)/python -m zipfile -c $(DIST)/jiguan-dangjian-offline.zip $(DIST)/offline/jiguan-dangjian
	@echo "$(DIST)/jiguan-dangjian-offline.zip: unzip it and open jiguan-dangjian/index.html"

# After a build: update the CSP script hashes in deploy/nginx/dangjian.conf.
csp: $(SERVE_STAMP)
	$(BIN)/python deploy/csp.py site

# Browser tests drive Debian's Chromium (Playwright cannot download browsers here);
# fonts-noto-cjk makes Chinese text render in screenshots; deployment tests run nginx.
SYSTEM_PACKAGES := chromium fonts-noto-cjk nginx-light
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
system-packages:
	@if [ ! -x $(CHROMIUM) ] || [ ! -x $(NGINX) ] || [ ! -f $(CJK_FONT) ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "Missing $(SYSTEM_PACKAGES): run 'sudo make system-packages' once." >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES); \
	fi

lint: $(STAMP)
	$(BIN)/ruff check macros tests deploy

# CI (.ci/run) runs exactly this; site/ and dist/jiguan-dangjian-offline.zip are its artefacts.
test: $(STAMP) system-packages lint
	$(BIN)/pytest
	$(BIN)/mkdocs build --strict
	$(MAKE) offline

# For a machine without internet: every wheel the project and its tests need, pinned by
# constraints.txt, into wheelhouse/. Copy the project folder with wheelhouse/ in it, then there:
#   python3 -m venv .venv && .venv/bin/pip install --no-index --find-links wheelhouse -e .
# Wheels are for this operating system and Python; make the wheelhouse on the same kind of machine.
wheelhouse: $(SERVE_STAMP)
	rm -rf $(WHEELHOUSE)
	$(BIN)/pip download --quiet --dest $(WHEELHOUSE) --constraint constraints.txt \
	  ".[test]" setuptools wheel pip
	rm -f $(WHEELHOUSE)/jiguan_dangjian-* $(WHEELHOUSE)/jiguan-dangjian-*
	cp constraints.txt $(WHEELHOUSE)/
	@echo "$(WHEELHOUSE)/: $$(ls $(WHEELHOUSE) | wc -l) files"

# Refresh constraints.txt from a .venv that passed make test.
constraints: $(STAMP)
	{ sed -n '1,2p' constraints.txt; $(BIN)/pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

# The performance benchmark (not part of the tests): writes tests/bench/results.md and
# exits non-zero when a budget is missed. QUICK=1 for sizes 100 and 1,000 only; PHONE=1 for
# only the phone-throttled measurements (a few minutes, tests/bench/out/results-phone.md).
bench: $(STAMP) system-packages
	$(BIN)/python -m tests.bench.run $(if $(QUICK),--quick) $(if $(PHONE),--phone)

clean:
	rm -rf $(VENV) site dist .pytest_cache .ruff_cache $(WHEELHOUSE)
