# kgbuild — two commands: `make run` builds the seeds, `make test` runs every test.
# `make run` installs what running needs; `make test` adds the test and lint tools, and the
# programs the tests drive (Debian's chromium and rapper: .ci/test-peers).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RUN_STAMP  := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test install install-test peers lint eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(TEST_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	touch $(TEST_STAMP) $(RUN_STAMP)

install: $(RUN_STAMP)

install-test: $(TEST_STAMP)

peers:
	.ci/test-peers

run: install
	$(BIN)/kgbuild build seeds --out output

test: install-test peers
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check kgbuild tests lint
	$(BIN)/ruff format --check kgbuild tests lint
	$(BIN)/mypy
	$(BIN)/lint-imports

eval: install
	$(BIN)/kgbuild eval carb ../shared/eval/carb-dev
	$(BIN)/kgbuild eval meantime ../shared/eval/meantime-dev
	$(BIN)/kgbuild eval ecb ../shared/eval/ecb-dev

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf output/.generations output/.cache output/store output/graph.* output/triples.csv
