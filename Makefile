# Two commands: `make run` (set up, then serve the web app) and `make test` (set up, then run
# every test, lint and type check). Everything goes into .venv; nothing else is needed.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: setup run test lint typecheck bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("certwise needs Python 3.11 or newer (found %s)" % sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

run: setup
	$(BIN)/certwise serve

lint: setup
	$(BIN)/ruff check src tests benchmarks

typecheck: setup
	$(BIN)/mypy src/certwise

test: setup lint typecheck
	@# the docstrings' examples, in a private data directory
	CERTWISE_DATA_DIR=$$(mktemp -d) CERTWISE_CACHE_DIR=$$(mktemp -d) $(BIN)/pytest -p no:cacheprovider \
		--doctest-modules src/certwise --ignore=src/certwise/store/migrations
	$(BIN)/pytest -n 2 --dist loadfile

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
