# `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

NODE_TOOLS := node_modules/.installed

.PHONY: install build run serve test lint bench stress clean export report screenshots catalogs mutants

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# axe-core for the accessibility test, pinned in package-lock.json.
$(NODE_TOOLS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

build: install
	$(PY) -m dashboard build

run: build
	$(PY) -m streamlit run dashboard/app.py --server.port $(PORT)

serve: build
	$(PY) -m dashboard serve --port $(PORT)

test: install $(NODE_TOOLS)
	$(PY) -m ruff check dashboard tests bench docs
	$(VENV)/bin/lint-imports
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
	HYPOTHESIS_PROFILE=stress $(PY) -m pytest -q tests/test_malformed.py tests/test_hostile_urls.py

# Mutation testing of the pure modules (config in pyproject.toml); the report is docs/mutants.md.
# MUTATE="dashboard.check.claims.*" reruns one module's mutants; by default every mutant without a result runs.
# Which tests reach which function is recorded afresh each time (mutmut keeps its old record otherwise, and a
# function added or moved since then counts as untested, or is tried against too few tests).
MUTATE ?=
mutants: install
	$(PY) -m pip install --quiet mutmut
	rm -f mutants/mutmut-stats.json
	start=$$(date +%s); BORDER_SHARED=$(abspath ../shared) HYPOTHESIS_PROFILE=mutants $(VENV)/bin/mutmut run $(MUTATE) \
		&& echo "$$(( $$(date +%s) - start )) $$(date -u +%FT%TZ) $(or $(MUTATE),all)" >> mutants/runs
	$(PY) docs/mutants_report.py

# Compile the gettext catalogues (dashboard/words/locale/*/LC_MESSAGES/messages.po) to .mo files with Babel.
catalogs: install
	$(VENV)/bin/pybabel compile --directory dashboard/words/locale --domain messages --statistics

screenshots: build
	$(PY) docs/screenshots.py

export: build
	$(PY) -m dashboard export out/border-migration.zip

report: build
	$(PY) -m dashboard report out/border-migration-report.html

clean:
	rm -rf $(VENV) node_modules data/border.duckdb data/.store data/.build.lock
