# Voiceprint: `make run` starts the site, `make test` runs every check.
# Needs only Python 3.11+ and make; everything else is installed into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# pip's record that .venv matches requirements.txt; rebuilt whenever that file changes.
INSTALLED := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help run test lint format requirements secret-key clean

help:
	@echo "make run    start web + worker on http://127.0.0.1:$(PORT) (SQLite and a file broker unless configured)"
	@echo "make test   lint and run the whole test suite"
	@echo "make format apply ruff's formatting and safe fixes"
	@echo "make requirements  re-pin requirements.txt from requirements.in"
	@echo "make clean  remove .venv and var/ (the local database, broker and uploads)"

$(INSTALLED): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Voiceprint needs Python 3.11 or newer; set PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@$(BIN)/python -c 'from profiles.analysis.nltk_data import ensure_nltk_data; print("NLTK data in", ensure_nltk_data())'
	@touch $@

# Links in e-mails and in what `make run` prints point at this server unless SITE_URL says otherwise.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: $(INSTALLED)
	@mkdir -p var
	@$(BIN)/python manage.py migrate --no-input -v 0
	@echo "Preparing the demo logins and the demo report (built once, a few seconds)..."
	@LOG_LEVEL=WARNING $(BIN)/python manage.py seed_demo > /dev/null
	@echo "Starting the web server, the worker and beat on port $(PORT); the address and logins follow once they answer."
	@# The Procfile's `ready` process prints the address and the demo logins last, once /healthz answers.
	@WEB_PORT=$(PORT) PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile

test: $(INSTALLED) lint
	$(BIN)/python -m pytest

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(INSTALLED)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

requirements: $(INSTALLED)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links \
		--output-file requirements.txt requirements.in

secret-key: $(INSTALLED)
	@$(BIN)/python -c 'from django.core.management.utils import get_random_secret_key as k; print(k())'

clean:
	rm -rf $(VENV) var
