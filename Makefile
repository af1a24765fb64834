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

## make test-postgres: the web suites again with PostgreSQL as the database (the scale suite in
## `make test` already runs its PostgreSQL, Redis and Celery tests against the real services)
test-postgres: $(STAMP)
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/test $(BIN)/pytest tests/web -m "not browser and not slow"

## make bench: the benchmarks quoted in the README (minutes each; see README for each figure)
bench: $(STAMP)
	$(BIN)/python bench/bench_language.py
	$(BIN)/python bench/compare_engines.py
	$(BIN)/python bench/bench_cycle.py
	$(BIN)/python bench/bench_trust.py
	$(BIN)/python bench/bench_dashboard.py
	$(BIN)/python bench/bench_coach.py

clean:
	rm -rf $(VENV) build *.egg-info
