# `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: install build run serve test lint bench stress clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

build: install
	$(PY) -m dashboard build

run: build
	$(PY) -m streamlit run dashboard/app.py --server.port $(PORT)

serve: build
	$(PY) -m dashboard serve --port $(PORT)

test: install
	$(PY) -m ruff check dashboard tests bench
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check dashboard tests bench

bench: build
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) -m bench.run

stress: build
	mkdir -p bench/out
	$(PY) -m bench.load --sessions 20 --seconds 60 --out bench/out/load.json
	$(PY) -m bench.soak --reruns 2000 --out bench/out/soak.json

clean:
	rm -rf $(VENV) data/border.duckdb data/.store data/.build.lock
