# The two commands a newcomer needs:
#   make book   set up .venv if needed, then build the site into _build/html
#   make test   the same set-up, then every test (package, data, notebooks, built site)
# Only Python 3.11 with pip and venv is assumed; everything else is installed here.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
BOOK   := $(BIN)/jupyter-book build . -W -n --keep-going

.PHONY: book test bench clean help student instructor edition pdf

help:
	@echo "make book   build the site into _build/html (set-up included)"
	@echo "make test   run every test, including the site build"
	@echo "make bench  time data loading and widget updates into benchmarks/results.json"
	@echo "make clean  remove the build and the virtual environment"
	@echo "make student | instructor | pdf | edition PARTS=\"history azerbaijan\"   build an edition (see README)"

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

book: $(VENV)/.book-installed
	$(BOOK)

# The build runs first so that the site checks have a site to check; the
# digest of data/ taken before it lets the tests prove nothing wrote there.
test: $(VENV)/.test-installed
	@mkdir -p _build
	$(BIN)/python tests/tree_digest.py data > _build/data-digest-before-build.txt
	$(BOOK)
	$(BIN)/python -m pytest

bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/run.py

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

# The print edition: the student edition as one PDF, printed by Debian's chromium.
pdf: $(VENV)/.book-installed
	$(EDITION) --audience student --name print --pdf _build/pdf/military-diplomacy.pdf
