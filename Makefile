# One entry point per task; CI runs exactly these targets.
#   make serve   set up, then live preview at http://127.0.0.1:8000
#   make test    set up (test tools and a browser too), then every test
#   make site    the publishable build into site/
#   make check   fast static checks: content checks plus the strict build
#   make bench   speed and size measurements (reported, not asserted)
#   make zensical  build with Zensical too and compare the published pages

PYTHON ?= python3
VENV := .venv
ZENSICAL_VENV := build/zensical-venv
BIN := $(VENV)/bin
PY := $(BIN)/python

export PYTHONPATH := $(CURDIR)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site check test bench zensical clean

$(VENV)/.deps: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-deps: $(VENV)/.deps requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	$(PY) -m scripts.browser --install
	touch $@

# Optional: when Zensical cannot be installed, its test is skipped with the reason.
$(ZENSICAL_VENV)/.deps: requirements-zensical.txt
	($(PYTHON) -m venv $(ZENSICAL_VENV) && \
	  $(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
	    -r requirements-zensical.txt && touch $@) || echo "Zensical not installed."

serve: $(VENV)/.deps
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

site: $(VENV)/.deps
	$(PY) -m scripts.build_site

check: $(VENV)/.deps
	$(PY) -m scripts.check_content
	$(PY) -m scripts.build_site --check

test: $(VENV)/.test-deps $(ZENSICAL_VENV)/.deps
	$(PY) -m pytest

bench: $(VENV)/.test-deps
	$(PY) -m scripts.bench

zensical: $(VENV)/.deps $(ZENSICAL_VENV)/.deps
	$(PY) -m scripts.zensical_build

clean:
	rm -rf site build .pytest_cache
