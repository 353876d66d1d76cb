# The front door: `make build` and `make test` work on a fresh machine with python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
# `make serve PORT=8001` when 8000 is taken.
PORT ?= 8000

.PHONY: build test serve deploy clean golden

$(READY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(READY)

build: $(READY)
	$(BIN)/digest ingest
	$(BIN)/digest build

test: $(READY)
	$(BIN)/python -m pytest

serve: $(READY)
	$(BIN)/digest ingest
	$(BIN)/digest serve --port $(PORT)

# A full build first (with the search index), so what is published is never a preview build.
deploy: build
	$(BIN)/digest deploy

clean:
	rm -rf site .pytest_cache test-artifacts .digest-cache

# Rewrite tests/sites/*/expected from the current templates; review the diff before committing.
golden: $(READY)
	$(BIN)/python -m tests.golden
