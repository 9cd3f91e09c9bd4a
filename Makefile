# The two everyday commands: `make book` (HTML into _build/html) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BOOK_STAMP := $(VENV)/.book-installed
DEV_STAMP := $(VENV)/.dev-installed
JB_FLAGS := -n -W --keep-going

.PHONY: book pdf all test validate lab bench clean system-deps

book: $(BOOK_STAMP) validate
	$(BIN)/python -m mibook cache-guard _build
	$(BIN)/jupyter-book build . $(JB_FLAGS)

pdf: $(BOOK_STAMP) validate
	bash scripts/install-system-deps.sh tex
	$(BIN)/python -m mibook cache-guard _build
	$(BIN)/jupyter-book build . --builder pdflatex $(JB_FLAGS)

all: pdf book

validate: $(BOOK_STAMP)
	$(BIN)/python -m mibook validate

test: $(DEV_STAMP) system-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

system-deps:
	bash scripts/install-system-deps.sh all

lab: $(DEV_STAMP)
	$(BIN)/pip install -q -r requirements-lab.txt
	$(BIN)/jupyter lab --notebook-dir=.

bench: $(DEV_STAMP)
	bash scripts/install-system-deps.sh tex
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf _build .pytest_cache .ruff_cache

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(BOOK_STAMP): $(VENV)/bin/python requirements.txt pyproject.toml
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(DEV_STAMP): $(BOOK_STAMP) requirements-dev.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@
