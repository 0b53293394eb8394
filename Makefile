# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
# `make help` lists every command.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test
PORT ?= 8000
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
export NO_MKDOCS_2_WARNING := 1

.PHONY: help site test serve check stats bench clean schema new translations-export translations-import translations-status

site: $(STAMP)  ## Build site/ (every page, both languages, every PDF) from campaigns/
	$(BIN)/python scripts/build_site.py
	@echo "Site: site/ ($$(find site -name index.html | wc -l) pages; open site/index.html or run make serve)"
	@echo "PDFs: site/downloads/ ($$(find site/downloads -name '*.pdf' | wc -l) files, ZIP kits beside them)"

help:  ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):[^#]*## /\1\t/' \
		| awk -F '\t' '{ printf "  make %-22s %s\n", $$1, $$2 }'

test: $(TEST_STAMP)  ## Lint, type-check, then run every test (installs the test tools)
	$(BIN)/ruff check hotline_site scripts tests
	$(BIN)/ruff format --check hotline_site scripts tests
	$(BIN)/mypy hotline_site scripts
	$(BIN)/pytest

serve: $(STAMP)  ## Preview at http://127.0.0.1:8000 (this computer only) while editing
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

stats: $(STAMP)  ## Pull new figures: make stats (new reports of campaigns/hotline-111/sources.yml) or make stats SOURCE=https://…/feed.json (or a file)
	$(BIN)/python scripts/update_stats.py $(if $(SOURCE),"$(SOURCE)") $(ARGS)

bench: $(STAMP)  ## Time the build on synthetic campaigns; writes scripts/bench-results.md (SCALE=5000 adds a 5,000-material size)
	$(BIN)/python scripts/bench.py $(if $(SCALE),--scale-sizes $(SCALE))

check: $(STAMP)  ## Validate the campaign content only
	$(BIN)/python scripts/check_content.py

new: $(STAMP)  ## Start a material: make new KIND=poster AUDIENCE=hotels ID=hotels-lift-poster [FOR=worksheet-id]
	@test -n "$(KIND)" -a -n "$(AUDIENCE)" -a -n "$(ID)" || { echo "usage: make new KIND=<kind> AUDIENCE=<audience> ID=<id> [FOR=<worksheet id, for an answer_key>]"; exit 2; }
	$(BIN)/python scripts/new_material.py "$(KIND)" "$(AUDIENCE)" "$(ID)" $(if $(FOR),--for "$(FOR)")

# LANG is also the locale variable: only a LANG given on the command line names a language.
translations-export: $(STAMP)  ## Texts to translate: make translations-export LANG=en (all languages without LANG)
	$(BIN)/python scripts/translations.py export $(if $(filter command line,$(origin LANG)),$(LANG))

translations-import: $(STAMP)  ## Translations back into the YAML: make translations-import FILE=translations/en.po
	@test -n "$(FILE)" || { echo "usage: make translations-import FILE=translations/<language>.po"; exit 2; }
	$(BIN)/python scripts/translations.py import "$(FILE)"

translations-status: $(STAMP)  ## Per language: translated, untranslated, stale, unreviewed texts
	$(BIN)/python scripts/translations.py status

schema: $(STAMP)  ## Write schemas/*.schema.json and give each YAML file its schema line
	$(BIN)/python scripts/make_schema.py

$(VENV)/bin/python:
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 or run make PYTHON=python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	@echo "Updating pip in $(VENV)/ …"
	@$(PIP) install --upgrade pip

# What the site needs only; `make test` adds the test tools (pytest, ruff, mypy, Playwright…).
$(STAMP): pyproject.toml | $(VENV)/bin/python
	@echo "Installing the site's Python packages into $(VENV)/ (first time: a few minutes) …"
	@$(PIP) install -e .
	@touch $@

$(TEST_STAMP): pyproject.toml | $(VENV)/bin/python
	@echo "Installing the site's packages and the test tools into $(VENV)/ (first time: a few minutes) …"
	@$(PIP) install -e '.[test]'
	@touch $(STAMP) $@

clean:
	rm -rf site .site.new .site.old .site.build-* .site.lock docs/materials docs/.generated.json .cache
