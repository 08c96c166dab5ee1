# Kujdes: `make demo` runs the demo on SQLite, `make test` runs every check. Both set up
# everything they need on a fresh clone (a virtual environment in .venv).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000
# Test processes (pytest-xdist), each with its own test database; 2 matches CI's two cores.
TEST_WORKERS ?= 2

.PHONY: demo test test-slow bench translations messages lint clean system-libraries

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-runtime: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed-runtime

# Compiles the .po catalogues into .mo files (Babel; GNU gettext is not needed).
translations: $(VENV)/.installed-runtime
	$(BIN)/pybabel --quiet compile --directory kujdes/locale --domain django

# The background worker (documents) runs beside the web server and stops with it.
demo: $(VENV)/.installed-runtime translations system-libraries
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	@echo ""
	@echo "Kujdes is starting at http://$(HOST)/  (stop it with Ctrl-C)"
	@echo ""
	$(MANAGE) db_worker --interval 1 --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST)

# WeasyPrint (PDF) needs Pango, and the documents need a font with Albanian and Serbian
# letters; a fresh Debian has neither, so they come from Debian's packages when missing.
system-libraries:
	@ldconfig -p | grep -q libpango-1.0 && ldconfig -p | grep -q libpangoft2-1.0 \
	  && ldconfig -p | grep -q libcairo.so.2 && fc-list 2>/dev/null | grep -qi dejavu \
	  || (apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 \
	      libcairo2 fonts-dejavu-core fontconfig)

test: $(VENV)/.installed-dev translations system-libraries
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy kujdes tests bench
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest --numprocesses $(TEST_WORKERS)

# Browser and load tests: Debian's chromium driven by Playwright.
test-slow: $(VENV)/.installed-dev translations
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	$(BIN)/pytest -m slow

# Benchmarks on the local PostgreSQL; writes bench/RESULTS.md and bench/results.json. The
# directory benchmark serves the app with gunicorn (the `prod` extra). BENCH_ONLY=directory
# runs one module (results then go to bench/data/); BENCH_SECONDS=5 shortens the load tests.
bench: $(VENV)/.installed-dev translations
	$(BIN)/python -c "import gunicorn" 2>/dev/null || $(BIN)/pip install --quiet -e ".[dev,prod]"
	$(BIN)/python -m bench

# Refreshes the .po catalogues from the code (needs GNU gettext; for developers only).
messages: $(VENV)/.installed-dev
	$(MANAGE) makemessages --locale sq --locale sr_Latn --locale en --no-obsolete --no-location

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles kujdes.sqlite3
