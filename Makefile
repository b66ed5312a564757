# The two commands a newcomer needs:
#   make book   set up .venv if needed, then build the site into _build/html
#   make test   the same set-up, then every test (package, data, notebooks, built site)
# Only Python 3.11 with pip and venv is assumed; everything else is installed here.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
BOOK   := $(BIN)/jupyter-book build . -W -n --keep-going

.PHONY: book test bench clean help lab student instructor edition pdf site-check lighthouse bench-build

help:
	@echo "make book   build the site into _build/html (set-up included)"
	@echo "make test   run every test, including the site build"
	@echo "make bench  build times, Lighthouse, table loading, widget updates (kernel and JupyterLab) into benchmarks/"
	@echo "make lab    open the repository in JupyterLab, to use the explorers (set-up included)"
	@echo "make clean  remove the build and the virtual environment"
	@echo "make student | instructor | edition PARTS=\"history azerbaijan\"   build an edition (see README)"
	@echo "make pdf [PARTS=... AUDIENCE=...]   the print edition as a PDF book (see README)"
	@echo "make site-check  load every built page in Chromium: errors, requests, axe, alt text, bytes"
	@echo "make lighthouse  Lighthouse scores and bytes for three pages into benchmarks/lighthouse.json"

# Stamp files: set-up runs again only when a requirements file changes.
$(VENV)/.book-installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==26.3
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.book-installed
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

$(VENV)/.lab-installed: requirements-lab.txt $(VENV)/.book-installed
	$(BIN)/python -m pip install --quiet -r requirements-lab.txt
	touch $@

$(VENV)/.bench-installed: requirements-bench.txt requirements-lab.txt $(VENV)/.test-installed
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt
	touch $@

# jupyter-cache keys a notebook's outputs on its code cells only, so a change to the package or
# the tables they read would leave stale charts and figures in the site: clear it then.
EXECUTED_FROM := $(wildcard defence_diplomacy/*.py) $(wildcard data/*.csv) data/datapackage.json
_build/.executed-from: $(EXECUTED_FROM)
	rm -rf _build/.jupyter_cache
	@mkdir -p _build
	touch $@

book: $(VENV)/.book-installed _build/.executed-from
	$(BOOK)

# The build runs first so that the site checks have a site to check; the
# digest of data/ taken before it lets the tests prove nothing wrote there.
test: $(VENV)/.test-installed _build/.executed-from
	@mkdir -p _build
	$(BIN)/python tests/tree_digest.py data > _build/data-digest-before-build.txt
	$(BOOK)
	$(BIN)/python -m pytest
	@$(MAKE) --no-print-directory site-check-if-chromium

# The repository in JupyterLab (the notebooks are in notebooks/), with the book's server setting.
lab: $(VENV)/.lab-installed
	$(BIN)/jupyter lab --config=jupyter_server_config.py

clean:
	rm -rf _build $(VENV)

# Editions (README, "Editions"): each builds under _build/editions/<name>/, never in _build/html.
EDITION  := $(BIN)/python scripts/edition.py
AUDIENCE ?= public

student: $(VENV)/.book-installed
	$(EDITION) --audience student

instructor: $(VENV)/.book-installed
	$(EDITION) --audience instructor

edition: $(VENV)/.book-installed
	@test -n "$(PARTS)" || { echo 'usage: make edition PARTS="history azerbaijan" [AUDIENCE=student]'; exit 2; }
	$(EDITION) --audience $(AUDIENCE) --parts $(PARTS)

# The print edition, printed by Debian's chromium: the student edition of the whole book in
# _build/pdf/military-diplomacy.pdf, or any edition: make pdf PARTS="history" AUDIENCE=instructor.
PDF_AUDIENCE = $(if $(filter command line environment,$(origin AUDIENCE)),$(AUDIENCE),student)
pdf: $(VENV)/.book-installed
	$(EDITION) --audience $(PDF_AUDIENCE) $(if $(PARTS),--parts $(PARTS)) --pdf

# --- Browser checks of the built site (site-check/, node tooling pinned in its
# package-lock.json). CHROMIUM is Debian's (apt-get install chromium).
CHROMIUM   ?= /usr/bin/chromium
NODE_STAMP := site-check/node_modules/.installed

$(NODE_STAMP): site-check/package.json site-check/package-lock.json
	cd site-check && npm ci --no-audit --no-fund
	touch $@

# Builds if needed (the build is incremental), then checks every page.
site-check: $(VENV)/.book-installed $(NODE_STAMP) _build/.executed-from
	$(BOOK)
	CHROME_PATH=$(CHROMIUM) node site-check/check.js --site _build/html --report _build/site-report.json

# Used by 'make test', after its build: runs the browser checks when Chromium
# and node are here, and says so plainly when they are not.
.PHONY: site-check-if-chromium
site-check-if-chromium:
	@if [ -x "$(CHROMIUM)" ] && command -v node >/dev/null && command -v npm >/dev/null; then \
	  $(MAKE) --no-print-directory $(NODE_STAMP) && \
	  CHROME_PATH=$(CHROMIUM) node site-check/check.js --site _build/html --report _build/site-report.json; \
	else \
	  echo "SITE CHECK NOT RUN: no Chromium at $(CHROMIUM) (or no node/npm); install it with 'apt-get install chromium' (.ci/run does)"; \
	fi

lighthouse: $(VENV)/.book-installed $(NODE_STAMP)
	$(BOOK)
	CHROME_PATH=$(CHROMIUM) node site-check/lighthouse.mjs --site _build/html --out benchmarks/lighthouse.json

bench-build: $(VENV)/.book-installed
	$(BIN)/python benchmarks/build_times.py --runs 3

# Every benchmark: build times, Lighthouse, then table loading, widget updates (in a kernel, and in
# JupyterLab in Chromium, with a screenshot of each explorer in benchmarks/jupyterlab/), notebooks
# and the site's live explorers.
bench: bench-build lighthouse $(VENV)/.bench-installed
	CHROME_PATH=$(CHROMIUM) $(BIN)/python benchmarks/run.py
