# Quick start: `make run` (portal with demo data on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: install run test test-browser lint format migrations-check

$(INSTALLED): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(INSTALLED)

install: $(INSTALLED)

run: export DJANGO_DEBUG ?= 1
run: $(INSTALLED)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Serving http://$(HOST)/ with a background worker (Ctrl-C stops both)"
	HOST=$(HOST) $(VENV)/bin/honcho start

test: $(INSTALLED)
	$(PY) -m pytest --create-db $(PYTEST_ARGS)

test-browser: $(INSTALLED)
	$(PY) -m pytest --create-db -m browser $(PYTEST_ARGS)

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: $(INSTALLED)
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
