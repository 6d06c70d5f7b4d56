# kgbuild — two commands: `make run` builds the seeds, `make test` runs every test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install lint eval bench clean browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/kgbuild build seeds --out output

# Chromium for the browser tests comes from Debian (see .ci/run); Playwright drives it.
test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check kgbuild tests
	$(BIN)/ruff format --check kgbuild tests
	$(BIN)/mypy

eval: install
	$(BIN)/kgbuild eval carb ../shared/eval/carb-dev
	$(BIN)/kgbuild eval meantime ../shared/eval/meantime-dev
	$(BIN)/kgbuild eval ecb ../shared/eval/ecb-dev

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf output/*.ttl output/*.trig output/*.jsonld output/*.csv output/*.html output/.cache
