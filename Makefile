# Two commands on a fresh machine:
#   make serve   set everything up and serve the site on http://127.0.0.1:8000/
#   make test    set everything up and run the whole test suite (lint, build, unit, browser)
# Everything lives in .venv; Debian's Chromium is installed with apt-get when missing.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
NGINX    := /usr/sbin/nginx
# Material prints a banner about MkDocs 2 on every build; the pin mkdocs<2 already answers it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build csp offline test bench lint system-packages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --editable ".[test]"
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# A zip of a build that works opened from disk (file://), search included.
DIST ?= dist
offline: $(STAMP)
	rm -rf $(DIST)/offline $(DIST)/jiguan-dangjian-offline.zip
	OFFLINE=true $(BIN)/mkdocs build --strict -f mkdocs.offline.yml -d $(DIST)/offline/jiguan-dangjian
	$(BIN)/python -m zipfile -c $(DIST)/jiguan-dangjian-offline.zip $(DIST)/offline/jiguan-dangjian
	@echo "$(DIST)/jiguan-dangjian-offline.zip: unzip it and open jiguan-dangjian/index.html"

# After a build: update the CSP script hashes in deploy/nginx/dangjian.conf.
csp: $(STAMP)
	$(BIN)/python deploy/csp.py site

# Browser tests drive Debian's Chromium (Playwright cannot download browsers here);
# fonts-noto-cjk makes Chinese text render in screenshots; deployment tests run nginx.
SYSTEM_PACKAGES := chromium fonts-noto-cjk nginx-light
system-packages:
	@if [ ! -x $(CHROMIUM) ] || [ ! -x $(NGINX) ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "Missing $(SYSTEM_PACKAGES): run 'sudo make system-packages' once." >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES); \
	fi

lint: $(STAMP)
	$(BIN)/ruff check macros tests deploy

test: $(STAMP) system-packages lint
	$(BIN)/pytest

# The performance benchmark (not part of the tests): writes tests/bench/results.md and
# exits non-zero when a budget is missed. QUICK=1 for sizes 100 and 1,000 only; PHONE=1 for
# only the phone-throttled measurements (a few minutes, tests/bench/out/results-phone.md).
bench: $(STAMP) system-packages
	$(BIN)/python -m tests.bench.run $(if $(QUICK),--quick) $(if $(PHONE),--phone)

clean:
	rm -rf $(VENV) site dist .pytest_cache .ruff_cache
