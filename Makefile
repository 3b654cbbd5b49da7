# Two commands: `make run` (the app on SQLite with demo data) and `make test` (the whole suite).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
export FLASK_APP := wsgi

.PHONY: run test lint install install-test chromium translations clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable ".[postgres,server]"
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --editable ".[postgres,server,test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## run: set up, migrate the SQLite database under instance/, load demo data, serve on HOST:PORT
run: install
	$(BIN)/flask directory bootstrap
	$(BIN)/flask run --host $(HOST) --port $(PORT)

## test: set up, install Chromium when possible, lint, and run every test
test: install-test chromium lint
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check .

chromium:
	@bash scripts/ensure-chromium.sh

## translations: extract messages and update/compile every catalog
translations: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o directory/translations/messages.pot .
	$(BIN)/pybabel update -i directory/translations/messages.pot -d directory/translations
	$(BIN)/pybabel compile -d directory/translations

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
