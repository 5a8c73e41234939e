# ortho_app — `make run` installs and runs the demo; `make test` installs and runs every test.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

export REFLEX_USE_SYSTEM_BUN := 1
export REFLEX_TELEMETRY_ENABLED := false
export PATH := $(CURDIR)/.tools/npm/node_modules/.bin:$(CURDIR)/.venv/bin:$(HOME)/.local/bin:$(PATH)
export UV_LINK_MODE := copy

BUN_VERSION := 1.4.4
PY := .venv/bin/python

.PHONY: run install deps bun migrate seed web test test-deps browser pg-client lint i18n unit e2e \
	bench backup restore check-files clean

run: install migrate seed  ## the demo at http://localhost:3000
	./scripts/run_app.sh

install: deps bun

deps:
	command -v uv >/dev/null || python3 -m pip install --quiet uv
	uv sync --frozen --quiet

bun:
	if [ ! -x .tools/npm/node_modules/.bin/bun ] || [ "$$(.tools/npm/node_modules/.bin/bun --version)" != "$(BUN_VERSION)" ]; then \
	  npm install --silent --no-audit --no-fund --prefix .tools/npm bun@$(BUN_VERSION); fi

migrate: deps
	$(PY) -m alembic upgrade head

seed: deps
	$(PY) -m ortho_app.demo.seed

browser:  ## Debian chromium for the browser tests (never a downloaded browser)
	if [ ! -x /usr/bin/chromium ]; then \
	  (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi

pg-client:  ## pg_dump / pg_restore for backups of PostgreSQL (Debian package)
	if ! command -v pg_dump >/dev/null; then \
	  (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null; fi

test-deps: install browser pg-client

lint: deps
	$(PY) -m ruff check ortho_app tests bench alembic/env.py rxconfig.py
	lint-imports --no-cache  # the layers and contracts of ARCHITECTURE.md (pyproject.toml)

test: test-deps lint i18n  ## SQLite (everything, incl. browser), then services and routes on PostgreSQL
	$(PY) -m pytest -p no:cacheprovider tests
	TEST_DATABASE=postgres $(PY) -m pytest -p no:cacheprovider tests/unit tests/integration \
	  --ignore=tests/integration/test_scale_out.py --ignore=tests/integration/test_migrations.py

i18n: deps  ## check the translation catalogues (ortho_app/locale) and compile them to .mo
	$(PY) -m babel.messages.frontend compile -d ortho_app/locale -D messages --statistics

bench: deps
	shopt -s nullglob; for f in bench/*.py; do $(PY) "$$f"; done

BACKUP ?= backups/$(shell date -u +%Y%m%dT%H%M%SZ)

backup: deps  ## the database and every stored file into a new folder: make backup [BACKUP=path]
	$(PY) -m ortho_app.core.backup backup "$(BACKUP)"

restore: deps  ## into an empty database and store: make restore BACKUP=path
	[ "$(origin BACKUP)" != file ] || { echo "usage: make restore BACKUP=path" >&2; exit 2; }
	$(PY) -m ortho_app.core.backup restore "$(BACKUP)"

check-files: deps  ## orphans of the file store, both ways (REMOVE=1 also removes them)
	$(PY) -m ortho_app.core.storage.orphans $(if $(REMOVE),--remove)

clean:
	rm -rf .web .states data test-artifacts
