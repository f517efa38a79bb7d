# Two commands for a newcomer: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
APT_RUN := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
APT_TEST := $(APT_RUN) chromium poppler-utils postgresql nodejs

.PHONY: run test lint bench loadtest system-run system-test deps assets migrate demo clean

# Debian packages: install only what is missing (you are root here; otherwise sudo is used).
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

system-run:
	$(call apt_install,$(APT_RUN))

system-test:
	$(call apt_install,$(APT_TEST))

$(BIN)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON))"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

deps: $(BIN)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

assets: node_modules/.installed

migrate: deps assets
	$(MANAGE) migrate --noinput -v0

demo: migrate
	$(MANAGE) load_demo

run: system-run demo
	@echo "Serving on http://127.0.0.1:8000 (log in as 'two' with password 'demo')"
	@# The background worker (django-q2) for long reports runs beside the web server and stops with it.
	$(MANAGE) qcluster > var/qcluster.log 2>&1 & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:8000

lint: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: system-test deps assets
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest -n 2 --dist loadfile $(PYTEST_ARGS)

bench: system-test deps assets
	$(PY) -m bench $(BENCH_ARGS)

# gunicorn on PostgreSQL with national-scale data, 20 simulated users (locust) for 60 s (bin/loadtest)
loadtest: system-test deps assets
	bin/loadtest

clean:
	rm -rf $(VENV) node_modules var staticfiles
