# Two commands do everything on a fresh machine: `make demo` and `make test`.
# `make data` rebuilds the bundled data from ../shared (developers only).
PYTHON ?= python3
PORT   ?= 8000
VENV   := .venv
BIN    := $(VENV)/bin
# pytest exits 5 when a selection holds no test (a marker with nothing under it): not a failure
PYTEST := $(BIN)/python -m pytest -q

.PHONY: demo test lint typecheck unit slow data clean browser java

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-train: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev,spark,train]'
	touch $@ $(VENV)/.installed-dev $(VENV)/.installed

# the bundled example corpus into a store (demo.db, made anew), then what analysts ask of it
demo: $(VENV)/.installed
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/marsad ingest examples/ant-sample.jsonl --db demo.db
	$(BIN)/marsad stats --db demo.db
	$(BIN)/marsad events --db demo.db --limit 15
	$(BIN)/marsad actors --db demo.db --top 10
	$(BIN)/marsad search --db demo.db "الغوطة" --limit 3
	$(BIN)/marsad serve --db demo.db --port $(PORT)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

# Debian's chromium for the browser tests (Playwright drives it; no browser is ever downloaded).
# Installed where this runs as root with apt (CI); elsewhere the browser tests skip with a reason.
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  { apt-get install -y -qq chromium >/dev/null 2>&1 || \
	    { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }; }; } || \
	  echo "chromium could not be installed: the browser tests will skip"

# A Java runtime for Spark (the spark tests), installed the same way when the machine has none
java:
	@command -v java >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  { apt-get install -y -qq openjdk-17-jre-headless >/dev/null 2>&1 || \
	    { apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null; }; }; } || \
	  echo "java could not be installed: the spark tests will skip"

# the fast suite: everything but the tests marked slow
unit: $(VENV)/.installed-dev browser java
	$(PYTEST) -m "not slow" || [ $$? -eq 5 ]

# large inputs, with their time and memory bounds
slow: $(VENV)/.installed-dev java
	$(PYTEST) -m slow || [ $$? -eq 5 ]

test: lint typecheck unit slow

# wordfreq -> kb -> clusters -> ner lexicons -> ner models, then src/marsad/data/manifest.json
data: $(VENV)/.installed-train
	$(BIN)/python scripts/build_data.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
