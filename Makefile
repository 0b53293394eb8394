# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check stats bench clean schema new translations-export translations-import translations-status

site: $(STAMP)  ## Build site/ (every page, both languages) from campaigns/
	$(BIN)/python scripts/build_site.py

test: $(STAMP)  ## Lint, type-check, then run every test
	$(BIN)/ruff check hotline_site scripts tests
	$(BIN)/ruff format --check hotline_site scripts tests
	$(BIN)/mypy hotline_site scripts
	$(BIN)/pytest

serve: $(STAMP)  ## Preview at http://127.0.0.1:8000 while editing
	$(BIN)/mkdocs serve

stats: $(STAMP)  ## Pull new figures: make stats SOURCE=https://…/feed.json (or a file)
	@test -n "$(SOURCE)" || { echo "usage: make stats SOURCE=<url or file> [ARGS=--dry-run]"; exit 2; }
	$(BIN)/python scripts/update_stats.py "$(SOURCE)" $(ARGS)

bench: $(STAMP)  ## Time the build on synthetic campaigns; writes scripts/bench-results.md
	$(BIN)/python scripts/bench.py

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

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 or run make PYTHON=python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf site .site.new .site.old .site.build-* .site.lock docs/materials docs/.generated.json .cache
