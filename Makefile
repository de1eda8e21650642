# Capacity Hub — every target bootstraps what it needs and is safe to run again.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WEB_CONCURRENCY ?= 2
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
ASSETS := capacityhub/web/static_build/.built

.PHONY: run dev test lint format migrate demo bench load load-short messages clean shell assets

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

# Codex from npm (package-lock.json pins it), trimmed to what pages use (decision 0015).
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

$(ASSETS): $(NODE_STAMP) $(STAMP) capacityhub/web/core/codex.py
	$(BIN)/python manage.py build_codex
	touch $(ASSETS)

assets: $(ASSETS)

migrate: $(STAMP) $(ASSETS)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py taxonomy_import --if-empty capacityhub/taxonomy/data/starter_taxonomy.json

demo: migrate
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py search_reindex

# Served by gunicorn (Django's development server drops connections under concurrent load);
# WhiteNoise serves the collected static files.
run: demo
	$(BIN)/python manage.py compile_translations -v0
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/gunicorn config.wsgi --workers $(WEB_CONCURRENCY) --bind 127.0.0.1:$(PORT) \
		--access-logfile - --graceful-timeout 5

# For development: Django's server, reloading on every code change.
dev: demo
	$(BIN)/python manage.py compile_translations -v0
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint $(ASSETS)
	$(BIN)/python manage.py compile_translations -v0
	$(BIN)/python manage.py makemigrations --check --dry-run -v0
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

messages: $(STAMP)
	$(BIN)/python manage.py makemessages --ignore=.venv --ignore=benchmarks --ignore=journeys \
		--ignore=gates --ignore=node_modules --ignore="*/tests/*" -l es -l fr -l pt -l ar --no-obsolete

bench: $(STAMP) $(ASSETS)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python -m benchmarks.matching_scale --record

load: $(STAMP)
	$(BIN)/python benchmarks/load.py

load-short: $(STAMP)
	$(BIN)/python benchmarks/load.py --short --no-record

shell: $(STAMP)
	$(BIN)/python manage.py shell

clean:
	rm -rf $(VENV) db.sqlite3* .pytest_cache node_modules capacityhub/web/static_build
