# factcheck: `make run` serves the demo desk; `make test` runs the whole suite.
# Both create the virtualenv and install what they need first.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

# Local runs use the development profile unless the environment says otherwise.
export DEBUG ?= 1

.PHONY: run test install install-dev lock lint format worker chromium axe clean translations messages

# pip itself is pinned too: what a resolver does differs between its versions.
PIP_VERSION := 26.3
LOCK := $(BIN)/uv pip compile --quiet --generate-hashes --universal --python-version 3.11 \
	--custom-compile-command "make lock"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==$(PIP_VERSION)

# Installs come from the lock files only: every package of the tree pinned, with its hashes.
# requirements*.txt are the human-edited inputs; `make lock` turns them into the locks.
$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements.lock requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed translations

install-dev: $(VENV)/.installed-dev translations

# The interface's catalogues (factcheck/locale/*/LC_MESSAGES/*.po) compiled for Django, in Python
# (Babel): no GNU gettext needed to run the desk.
translations: $(VENV)/.installed
	$(BIN)/python manage.py compile_translations

# After changing or adding interface strings: extract them into the catalogues (GNU gettext's
# xgettext; Debian's gettext package), then translate what is new in each .po file.
MESSAGES := --locale ar --locale fr --locale es --add-location file --no-obsolete \
	--ignore .venv --ignore staticfiles --ignore tests --ignore media --ignore "*/node_modules/*"
messages: install-dev
	$(BIN)/python manage.py makemessages --domain django $(MESSAGES)
	$(BIN)/python manage.py makemessages --domain djangojs $(MESSAGES)

# With REDIS_URL, a loop keeps a Celery worker (with beat) running beside the web server: one that
# dies is started again, and whatever it leaves behind in its own process group (an embedded beat
# outlives a worker killed with -9) is stopped first. Gossip and mingle are off: the desk does not
# use them, and they only add broker traffic and noise on reconnects. In production a service
# manager does this job: see docs/deployment.md.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_desk --url http://$(HOST):$(PORT)/
	@if [ -n "$$REDIS_URL$$CELERY_BROKER_URL" ]; then \
		echo "Starting a Celery worker (with beat) beside the web server; Ctrl-C stops both."; \
		( trap 'kill -TERM $$worker 2>/dev/null; wait $$worker; exit 0' TERM; \
		  while :; do \
			setsid $(BIN)/celery -A factcheck worker --beat --loglevel=INFO --concurrency=2 \
				--without-gossip --without-mingle & worker=$$!; \
			wait $$worker; status=$$?; \
			kill -TERM -$$worker 2>/dev/null; \
			echo "The Celery worker exited (status $$status); starting it again in 2 s."; \
			sleep 2; \
		  done ) & supervisor=$$!; \
		trap 'kill -TERM $$supervisor 2>/dev/null; wait $$supervisor 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver $(HOST):$(PORT); \
	else \
		echo "Celery tasks run in-process (set REDIS_URL for real workers)."; \
		$(BIN)/python manage.py runserver $(HOST):$(PORT); \
	fi

worker: install
	$(BIN)/celery -A factcheck worker --beat --loglevel=INFO --without-gossip --without-mingle

# Debian's Chromium drives the browser tests (Playwright never downloads a browser here).
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "The browser tests need Chromium at $(CHROMIUM): sudo apt-get install chromium"; \
			exit 1; \
		fi; \
	fi

# axe-core (npm registry, pinned with its integrity hash in the lock) checks the pages' accessibility
# in the browser tests. npm ci installs exactly the lock and runs no install scripts.
AXE_DIR := tests/e2e/axe
axe: $(AXE_DIR)/node_modules/axe-core/axe.min.js

$(AXE_DIR)/node_modules/axe-core/axe.min.js: $(AXE_DIR)/package-lock.json
	@if ! command -v npm >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's npm for the accessibility checks"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; \
		else \
			echo "The browser tests need npm for axe-core: sudo apt-get install npm"; \
			exit 1; \
		fi; \
	fi
	npm ci --prefix $(AXE_DIR) --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# After editing requirements.txt or requirements-dev.txt: resolve the whole tree again. The dev
# lock is constrained by the runtime lock, so tests run on the versions production installs.
lock: install-dev
	$(LOCK) requirements.txt -o requirements.lock
	$(LOCK) requirements-dev.txt --constraint requirements.lock -o requirements-dev.lock

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Without a broker and PostgreSQL, the tests that need a real Celery worker or PostgreSQL itself
# cannot run: they are deselected (not skipped), and the PostgreSQL + Redis pass runs them.
# The suite runs on every core (pytest-xdist: each process has its own test database); the
# worker tests then run alone, as their Celery workers share one broker queue (exit 5: PYTEST_ARGS
# chose none of them).
TEST_PROCESSES ?= auto
test: install-dev chromium axe
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run
	@if [ -n "$$REDIS_URL$$CELERY_BROKER_URL" ] && [ "$${DATABASE_URL#postgres}" != "$$DATABASE_URL" ]; then \
		$(BIN)/pytest -n $(TEST_PROCESSES) -m "not worker" $(PYTEST_ARGS) && \
		{ $(BIN)/pytest -m worker $(PYTEST_ARGS) || [ $$? -eq 5 ]; }; \
	else \
		$(BIN)/pytest -n $(TEST_PROCESSES) -m "not worker and not postgres" $(PYTEST_ARGS); \
	fi

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis
