# One entry point per task; CI runs exactly these targets.
#   make serve   set up, then live preview at http://127.0.0.1:8000
#   make test    set up (test tools and a browser too), then every test
#   make site    the publishable build into site/
#   make check   fast static checks: content, workflows, then the strict build
#   make links   the built site's external links (network needed; weekly in CI)
#   make new     scaffold a document page: make new ARGS='--help'
#   make ids     add the ids of new provisions to the register of published ids
#   make bench   speed and size measurements (reported, not asserted)
#   make zensical  build with Zensical too and compare the published pages

PYTHON ?= python3
VENV := .venv
ZENSICAL_VENV := build/zensical-venv
BIN := $(VENV)/bin
PY := $(BIN)/python

export PYTHONPATH := $(CURDIR)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site check test bench links new ids zensical clean

$(VENV)/.deps: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-deps: $(VENV)/.deps requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Chromium prints the PDF (make site) and drives the browser tests.
$(VENV)/.browser: $(VENV)/.deps
	$(PY) -m scripts.browser --install
	touch $@

$(VENV)/.test-deps: $(VENV)/.dev-deps $(VENV)/.browser requirements-test.txt tests/tools/package-lock.json
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	cd tests/tools && npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $@

# Optional: when Zensical cannot be installed, its test is skipped with the reason.
$(ZENSICAL_VENV)/.deps: requirements-zensical.txt
	($(PYTHON) -m venv $(ZENSICAL_VENV) && \
	  $(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
	    -r requirements-zensical.txt && touch $@) || echo "Zensical not installed."

serve: $(VENV)/.deps
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

site: $(VENV)/.browser
	$(PY) -m scripts.build_site

check: $(VENV)/.dev-deps
	$(PY) -m scripts.check_content
	$(PY) -m scripts.register_ids --check
	$(PY) -m scripts.check_workflows
	$(PY) -m scripts.build_site --check

test: $(VENV)/.test-deps $(ZENSICAL_VENV)/.deps
	$(PY) -m pytest

bench: $(VENV)/.test-deps
	$(PY) -m bench

# External links only (http/https); internal links are checked by every strict build.
LYCHEE_FLAGS := --no-progress --scheme https --scheme http --exclude-path '404\.html$$' --exclude '/edit/'

links: $(VENV)/.dev-deps $(VENV)/.browser
	rm -rf build/links-site
	$(PY) -m scripts.build_site --site-dir build/links-site
	$(BIN)/lychee $(LYCHEE_FLAGS) build/links-site

new: $(VENV)/.deps
	$(PY) -m scripts.new_document $(ARGS)

ids: $(VENV)/.deps
	$(PY) -m scripts.register_ids

zensical: $(VENV)/.deps $(ZENSICAL_VENV)/.deps
	$(PY) -m scripts.zensical_build

clean:
	rm -rf site build .pytest_cache
