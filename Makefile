# One command sets up and runs Goldseam; one sets up and runs every check.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test test-postgres lint bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,semantic]'
	touch $(STAMP)

setup: $(STAMP)

## make run: migrate an SQLite file, seed the demo couple, serve on http://127.0.0.1:8000
run: $(STAMP)
	$(BIN)/goldseam serve --demo

## make test: lint and the whole test suite (SQLite; PostgreSQL when DATABASE_URL says so)
test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest

test-postgres: $(STAMP)
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/test $(BIN)/pytest -m "not browser"

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info
