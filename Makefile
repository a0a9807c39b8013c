# Allmenning — the two commands: `make demo` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || true)
VENDOR := allmenning/static/vendor
# QUICK=1 leaves out the slow tests (the real Södertörn imports and the whole demo seed).
PYTEST_MARK := $(if $(QUICK),-m "not slow",)
# The suite runs in one pytest process per core (pytest-xdist; each has its own test database
# and browser); an idle process takes tests queued for a busy one. TEST_WORKERS=0: one process.
TEST_WORKERS ?= auto
PYTEST_XDIST := $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist worksteal)
# The moments `make test-clocks` starts every test at: the year's edge, a leap day, and the
# spring and autumn daylight-saving switches in Europe/Oslo.
CLOCKS := 2026-12-31T23:30:00+01:00 2028-02-29T12:00:00+01:00 2027-03-28T01:30:00+01:00 2026-10-25T02:30:00+02:00

# Advisories scripts/audit_dependencies.py (pip-audit, or the registry) may ignore, each with its reason, e.g.
# PIP_AUDIT_IGNORE := --ignore GHSA-xxxx  # (why it cannot reach us)
PIP_AUDIT_IGNORE :=
# The city-scale search and map benches' PostgreSQL databases (created when missing).
BENCH_SEARCH_PG ?= postgres://postgres@127.0.0.1:5432/allmenning_searchbench
BENCH_MAP_PG ?= postgres://postgres@127.0.0.1:5432/allmenning_mapbench

.PHONY: setup demo serve test test-clocks check graph bench static messages clean

## setup: virtualenv, Python and npm packages, static files
setup: $(VENV)/.installed node_modules/.installed $(VENDOR)/.copied

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip setuptools
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Front-end libraries come from npm (package-lock.json) and are copied, not bundled.
$(VENDOR)/.copied: node_modules/.installed Makefile
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/designsystemet $(VENDOR)/leaflet $(VENDOR)/chartjs
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css $(VENDOR)/designsystemet/index.css
	cp node_modules/@digdir/designsystemet-theme/brand/digdir.css $(VENDOR)/designsystemet/theme.css
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map $(VENDOR)/chartjs/
	cp -r node_modules/leaflet/dist/. $(VENDOR)/leaflet/
	touch $@

## demo: set up, migrate, seed the demo (idempotent) and serve it under gunicorn
# Links in e-mails and notifications point at the demo's own address (an explicit SITE_URL wins).
demo: export SITE_URL ?= http://127.0.0.1:$(PORT)
demo: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py seed_demo
	@echo "Serving Allmenning on http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	WHITENOISE_USE_FINDERS=0 $(VENV)/bin/gunicorn allmenning.wsgi:application \
	  --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 --access-logfile -

## test: set up, then every test, browser tests included (Debian's chromium)
test: setup
	@if [ -z "$(CHROMIUM)" ]; then \
	  echo ""; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo "!! No Chromium found: the browser tests cannot run.                    !!"; \
	  echo "!! Install Debian's package:  sudo apt-get install chromium            !!"; \
	  echo "!! (or set CHROMIUM=/path/to/chromium). They are reported as skipped.  !!"; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo ""; \
	fi
	CHROMIUM="$(CHROMIUM)" $(PY) -m pytest $(PYTEST_XDIST) $(PYTEST_MARK) $(PYTEST_ARGS)

## test-clocks: the whole suite once with the clock at each of CLOCKS (see tests/conftest.py)
test-clocks: setup
	@for moment in $(CLOCKS); do \
	  echo "== every test starting at $$moment"; \
	  ALLMENNING_TEST_CLOCK=$$moment CHROMIUM="$(CHROMIUM)" $(PY) -m pytest -q $(PYTEST_XDIST) $(PYTEST_MARK) $(PYTEST_ARGS) || exit 1; \
	done

## check: lint, types, migrations, and Django's deployment checks with production settings
check: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache
	$(PY) scripts/app_graph.py --check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/bandit -q -c pyproject.toml -r apps allmenning
	$(PY) scripts/audit_dependencies.py $(PIP_AUDIT_IGNORE)
	DJANGO_SETTINGS_MODULE=allmenning.settings.production SECRET_KEY="check-$$(head -c 32 /dev/urandom | base64)" \
	  ALLOWED_HOSTS=allmenning.example REDIS_URL=redis://127.0.0.1:6379/0 $(PY) manage.py check --deploy --fail-level WARNING

## graph: redraw the app graph in docs/architecture.md from the imports
graph: setup
	$(PY) scripts/app_graph.py --write

## bench: SQLite and PostgreSQL, at BENCH_SCALE and a tenth of it, every endpoint anonymous and
## signed in, then a load test (BENCH_LOAD_SECONDS, default 600) -> docs/performance.md
## (knobs: see bench/run.py; PostgreSQL at postgres://postgres@127.0.0.1:5432/allmenning_bench);
## then the front end's first load (bench/frontend.py: bytes, FCP and LCP budgets), and search
## (500,000 documents) and the map (1,000,000 marks) at city scale on both databases
## (bench/search_bench.py, bench/map_bench.py; each database is filled once and reused)
bench: setup
	CHROMIUM="$(CHROMIUM)" $(PY) bench/frontend.py --measure
	$(PY) bench/run.py
	$(PY) -m bench.search_bench
	DATABASE_URL=$(BENCH_SEARCH_PG) $(PY) -m bench.search_bench
	$(PY) -m bench.map_bench
	DATABASE_URL=$(BENCH_MAP_PG) $(PY) -m bench.map_bench
	$(PY) bench/frontend.py --check

## messages: extract and compile translations (needs GNU gettext)
messages: setup
	$(PY) manage.py makemessages -l nb -l sv --no-obsolete --ignore=.venv --ignore=node_modules --ignore=bench --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles .test-db.sqlite3*
