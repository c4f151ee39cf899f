# Two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FP := $(VENV)/bin/flashpoint
STAMP := $(VENV)/.installed
DB ?= sqlite:///$(CURDIR)/var/flashpoint.sqlite

.PHONY: run test lint typecheck quality bench install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@mkdir -p var
	$(FP) ingest examples/corpus --db $(DB) --summary

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy src

test: $(STAMP) lint typecheck
	$(VENV)/bin/pytest -W error

# Speed and memory figures (format: ../shared/CONTRACT.md); sizes via FLASHPOINT_BENCH_* env.
bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var build *.egg-info
