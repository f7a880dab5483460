# One entry point per task; CI runs exactly these targets.
#   make serve   set up, then live preview at http://127.0.0.1:8000
#   make test    set up (test tools and a browser too), then every test
#   make site    the publishable build into site/
#   make check   fast static checks: content checks plus the strict build
#   make bench   speed and size measurements (reported, not asserted)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

export PYTHONPATH := $(CURDIR)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site check test bench clean

$(VENV)/.deps: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-deps: $(VENV)/.deps requirements-test.txt tests/tools/package-lock.json
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	cd tests/tools && npm ci --ignore-scripts --no-audit --no-fund --silent
	$(PY) -m scripts.browser --install
	touch $@

serve: $(VENV)/.deps
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

site: $(VENV)/.deps
	$(PY) -m scripts.build_site

check: $(VENV)/.deps
	$(PY) -m scripts.check_content
	$(PY) -m scripts.build_site --check

test: $(VENV)/.test-deps
	$(PY) -m pytest

bench: $(VENV)/.test-deps
	$(PY) -m scripts.bench

clean:
	rm -rf site build .pytest_cache
