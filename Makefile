# The two everyday commands: `make book` (HTML into _build/html) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BOOK_STAMP := $(VENV)/.book-installed
DEV_STAMP := $(VENV)/.dev-installed
JB_FLAGS := -n -W --keep-going

.PHONY: book pdf all test fast-test validate lab bench clean system-deps mutation

book: $(BOOK_STAMP) validate
	$(BIN)/jupyter-book build . $(JB_FLAGS)

pdf: $(BOOK_STAMP) validate
	bash scripts/install-system-deps.sh tex
	$(BIN)/jupyter-book build . --builder pdflatex $(JB_FLAGS)

all: pdf book

validate: $(BOOK_STAMP)
	$(BIN)/python -m mibook validate

# System packages first: on a bare Debian the venv itself needs python3-venv.
test: system-deps $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# Lint and the tests that need no book build, browser or TeX (the publishing workflow's gate).
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

$(DEV_STAMP): $(BOOK_STAMP) requirements-dev.txt requirements-lab.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@
