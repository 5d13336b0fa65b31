# certpath — two commands matter: `make run` and `make test`. Both set everything up first.
# Needs only python3 (3.11) and make; uv is fetched into .tools/ when it is not on PATH.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TOOLS := .tools
UV := $(shell command -v uv 2>/dev/null || echo $(TOOLS)/bin/uv)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install install-dev migrate catalogue run serve test lint format lock audit clean

help:
	@echo "make run      set up, migrate, load the catalogue, serve on http://$(HOST):$(PORT)"
	@echo "make test     set up and run the whole test suite"
	@echo "make serve    production mode: debug off, collectstatic, gunicorn on 127.0.0.1:\$${PORT:-8000}"
	@echo "make install  create .venv with the locked dependencies only"
	@echo "make lint     ruff check + ruff format --check + the import boundary (import-linter)"
	@echo "make lock     re-pin requirements.lock from pyproject.toml"

$(TOOLS)/bin/uv: tools.lock
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --require-hashes -r tools.lock
	@touch $@

# Two locks: requirements.lock is what production runs (make serve installs only that);
# requirements-dev.lock adds the test and lint tools. A stamp per lock makes reinstalling a
# no-op until the lock changes.
$(VENV)/.installed: requirements.lock | $(UV)
	$(UV) venv --quiet --allow-existing --python $(PYTHON) $(VENV)
	$(UV) pip sync --quiet --python $(PY) --require-hashes requirements.lock
	@rm -f $(VENV)/.installed-dev
	@touch $@

$(VENV)/.installed-dev: requirements-dev.lock | $(UV)
	$(UV) venv --quiet --allow-existing --python $(PYTHON) $(VENV)
	$(UV) pip sync --quiet --python $(PY) --require-hashes requirements-dev.lock
	@rm -f $(VENV)/.installed
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install-dev
	$(PY) manage.py migrate --no-input

# Loads data/certs.yaml (and data/resources.yaml, the study links), unless that would undo admin edits newer than the file: then the
# database is left as it is and the command says how to export or force.
catalogue: migrate
	$(PY) manage.py load_catalogue --keep-edits
	$(PY) manage.py load_resources --keep-edits

run: catalogue
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production configuration (see docs/operations.md). Secure by default: set DJANGO_HTTPS=false
# only to try it on plain http. The catalogue is loaded only into an empty database, so a
# restart never overwrites admin edits; run load_catalogue explicitly to apply the file.
# Where make run or make test installed the dev tools, that environment already holds every
# runtime package: serving keeps it (syncing the runtime lock would uninstall the dev tools).
serve:
	@if [ -f $(VENV)/.installed-dev ]; then $(MAKE) --no-print-directory install-dev; \
	else $(MAKE) --no-print-directory install; fi
	@bash scripts/serve

# pytest exits 5 when it collected nothing: that is a failure here, and it says so. One test
# process per core (pytest-xdist): the suite is CPU-bound.
test: install-dev
	@$(PY) -m pytest -n auto $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; fi; exit $$rc

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The locked runtime dependencies against known vulnerabilities; says plainly when the
# advisory database cannot be reached (nothing checked) rather than reporting none found.
audit: install-dev
	@bash scripts/audit

lock: | $(UV)
	$(UV) pip compile pyproject.toml --universal --generate-hashes --python-version 3.11 \
		--no-emit-index-url -o requirements.lock
	$(UV) pip compile pyproject.toml --extra dev --universal --generate-hashes \
		--python-version 3.11 --no-emit-index-url -o requirements-dev.lock

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache staticfiles .secret_key
