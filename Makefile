# The two everyday commands: `make book` (HTML into _build/html) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BOOK_STAMP := $(VENV)/.book-installed
DEV_STAMP := $(VENV)/.dev-installed
PREVIEW_STAMP := $(VENV)/.preview-installed
JB_FLAGS := -n -W --keep-going
# `make book` validates only when the data folder in use, the package or the installed pins changed since its
# last pass (one stamp per data folder); the build itself still refuses invalid data (mibook.load).
DATA_DIR := $(or $(MIBOOK_DATA_DIR),data)
VALIDATED := _build/validated/make$(subst /,_,$(abspath $(DATA_DIR)))
INPUTS := $(shell find $(DATA_DIR)/ mibook/ -type f ! -path '*/__pycache__/*' 2>/dev/null)

.PHONY: book pdf all test fast-test validate lab preview bench clean system-deps mutation

book: $(BOOK_STAMP) $(VALIDATED)
	$(BIN)/jupyter-book build . $(JB_FLAGS)

$(VALIDATED): $(BOOK_STAMP) $(INPUTS)
	$(BIN)/python -m mibook validate
	@mkdir -p $(@D) && touch $@

pdf: $(BOOK_STAMP) $(VALIDATED)
	bash scripts/install-system-deps.sh tex
	$(BIN)/jupyter-book build . --builder pdflatex $(JB_FLAGS)

all: pdf book

validate: $(BOOK_STAMP)
	$(BIN)/python -m mibook validate

# System packages first: on a bare Debian the venv itself needs python3-venv. The suite runs in TEST_WORKERS
# pytest-xdist workers (one per core; 0 runs it in this process): the book and the PDF are built once per run,
# in the background from the end of collection, and only read by the tests (tests/book.py, tests/conftest.py).
TEST_WORKERS ?= 2
test: system-deps $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --durations=30

# Lint and the tests that need no book build, browser or TeX: a quick check while editing (CI runs `make test`).
fast-test: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not book and not browser and not pdf"

system-deps:
	bash scripts/install-system-deps.sh all

# Mutation testing (slow, not part of `make test`): every module of mibook/ and _ext/ by default, each
# against its tests; e.g. make mutation MUTATE=mibook/kit.py, or MUTATE=mibook/analysis
# MUTATION_TESTS="tests/test_analysis_*.py" (globs are expanded). Writes benchmarks/mutation.md.
MUTATE ?=
MUTATION_TESTS ?=
mutation: $(DEV_STAMP)
	$(BIN)/python scripts/mutation.py $(if $(MUTATION_TESTS),--tests "$(MUTATION_TESTS)") $(MUTATE)

# Serve the book on 127.0.0.1 (PORT=8000 unless given) and rebuild it on every save; see mibook/preview.py.
preview: $(PREVIEW_STAMP) $(VALIDATED)
	$(BIN)/python -m mibook.preview $(if $(PORT),--port $(PORT)) $(JB_FLAGS)

lab: $(BOOK_STAMP)
	$(BIN)/pip install -q -r requirements-lab.txt
	$(BIN)/python -m mibook.lab $(if $(PORT),--port $(PORT))

bench: $(DEV_STAMP)
	bash scripts/install-system-deps.sh tex
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf _build .pytest_cache .ruff_cache

$(VENV)/bin/python:
	bash scripts/install-system-deps.sh venv
	$(PYTHON) -m venv $(VENV)

$(BOOK_STAMP): $(VENV)/bin/python requirements.txt pyproject.toml
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(PREVIEW_STAMP): $(BOOK_STAMP) requirements-preview.txt
	$(BIN)/pip install -q -r requirements-preview.txt
	touch $@

$(DEV_STAMP): $(BOOK_STAMP) requirements-dev.txt requirements-lab.txt requirements-preview.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@
