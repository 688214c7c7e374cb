# Dateline: `make run` serves the demo on http://127.0.0.1:8000, `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= dateline.settings.dev

.PHONY: run test lint format messages makemessages migrate demo bench clean venv check-migrations scale scale-stop html-checker

$(VENV)/.installed: requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@

venv: $(VENV)/.installed

messages: venv
	cd dateline && ../$(PY) ../manage.py compilemessages --verbosity 0

makemessages: venv
	cd dateline && ../$(PY) ../manage.py makemessages --locale ru --no-obsolete --add-location file

migrate: venv
	mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# One ASGI server process per core serves pages, streams, sockets and the loader (the
# processes keep in step through the database: dateline/core/row_watcher.py); one scheduler
# publishes what is due and one worker sends digests and alerts. DEBUG is off, as readers
# get it (`make run DEBUG=true` for Django's debug pages). Stopping `make run` stops all.
WEB_PROCESSES ?= $(shell nproc 2>/dev/null || echo 2)
DEBUG ?= false
# Links in mail and push (confirm, digest, unsubscribe, workflow) lead where the site is served.
DATELINE_PUBLIC_URL ?= http://$(HOST):$(PORT)
WAGTAILADMIN_BASE_URL ?= $(DATELINE_PUBLIC_URL)
run: messages demo
	@echo "Dateline is on $(DATELINE_PUBLIC_URL)/  (admin: $(DATELINE_PUBLIC_URL)/admin/)"
	export DEBUG=$(DEBUG) DATELINE_SCHEDULER_IN_PROCESS=false \
		DATELINE_PUBLIC_URL=$(DATELINE_PUBLIC_URL) WAGTAILADMIN_BASE_URL=$(WAGTAILADMIN_BASE_URL); \
	$(PY) manage.py run_worker & worker=$$!; \
	$(PY) manage.py run_scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/uvicorn dateline.asgi:application --host $(HOST) --port $(PORT) \
		--workers $(WEB_PROCESSES) --no-access-log --timeout-graceful-shutdown 5 \
		--ws-per-message-deflate false --ws-max-size 65536  # deploy/scale.py UVICORN_OPTIONS

# The scale profile: PostgreSQL, Redis, Varnish in front of N web processes, a scheduler and
# workers, supervised, on http://127.0.0.1:8080 (see deploy/scale.py and docs/scale.md).
scale: messages
	$(PY) -m deploy.scale start

scale-stop: venv
	$(PY) -m deploy.scale stop

# The suite's own settings, whatever the shell exports for `make run`.
test: messages
	DJANGO_SETTINGS_MODULE=dateline.settings.test $(VENV)/bin/pytest -n 2

# The Nu HTML checker for the HTML validity test (needs Java and npm; .ci/run installs them).
html-checker:
	npm ci --silent --no-audit --no-fund --prefix tools/html-checker

check-migrations: venv
	$(PY) manage.py makemigrations --check --dry-run

# Style, the layers of DESIGN.md (pyproject.toml [tool.importlinter]), and the types of
# where the domain's rules live.
MYPY_FILES = $(wildcard dateline/*/services.py dateline/*/services/*.py dateline/*/selectors.py \
	dateline/*/tasks.py dateline/*/consumers.py dateline/*/search.py dateline/core/search/*.py)
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy $(MYPY_FILES)

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: messages
	$(PY) -m bench

clean:
	rm -rf $(VENV) var
