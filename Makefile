# Two entry points for a fresh machine (see README):
#   make demo   set up, run the pipeline on the sample corpus, write report.html
#   make test   set up, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: setup demo test lint bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

demo: setup
	$(BIN)/detente run examples/corpus --db demo.duckdb
	$(BIN)/detente report --db demo.duckdb --out report.html

test: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python benchmarks/bench_pipeline.py

clean:
	rm -rf $(VENV) demo.duckdb report.html .pytest_cache
