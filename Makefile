# MSP SI — two commands for a new machine (see README.md):
#   make run    installs everything, loads the demo MSP, serves http://127.0.0.1:8000
#   make test   lint, types, import contracts, template lint, migration check, then the
#               whole suite on PostgreSQL and Redis
SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON := .venv/bin/python
# uv from PATH, or the copy `pip install uv` put next to python3.
UV = $(shell command -v uv 2>/dev/null || echo python3 -m uv)

# The local run needs no service and ignores what a deployment .env may say.
RUN_ENV := DJANGO_SETTINGS_MODULE=msp_si.settings.base DJANGO_DEBUG=true \
	DJANGO_SECRET_KEY=dev-only-insecure-key-change-me \
	DATABASE_URL=sqlite:///$(CURDIR)/db.sqlite3 REDIS_URL= \
	DJANGO_ALLOWED_HOSTS='localhost,127.0.0.1,[::1]' DJANGO_CSRF_TRUSTED_ORIGINS=

# The suite runs on PostgreSQL (pytest-django creates test_msp_si) and a real Redis.
TEST_ENV := DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/msp_si} \
	REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/9}
PYTEST_ARGS ?=

.PHONY: run test benchmark benchmark-load uv python-deps messages compile-messages

uv:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 \
		|| python3 -m pip install uv

python-deps: uv
	$(UV) sync --frozen

# npm ci only when node_modules is missing or older than the lock file.
node_modules/.package-lock.json: package-lock.json package.json
	npm ci --no-audit --no-fund
	@touch $@

# The French catalogue gives ngettext its plural rule (« 0 votant », « 2 votants »).
compile-messages:
	@if find . -name '*.po' -not -path './.venv/*' -not -path './node_modules/*' \
			| grep -q .; then \
		if command -v msgfmt >/dev/null 2>&1; then \
			$(RUN_ENV) $(PYTHON) manage.py compilemessages --ignore=.venv --ignore=node_modules; \
		else echo "gettext (msgfmt) absent : traductions non compilées"; fi; \
	fi

# Rebuild locale/fr from the sources. The source strings are French: every msgstr repeats
# its msgid (msgen), so the catalogue is rebuilt from scratch each time (msgmerge's fuzzy
# guesses would otherwise keep another string's text).
PO := locale/fr/LC_MESSAGES/django.po
messages: python-deps
	rm -f $(PO)
	$(RUN_ENV) $(PYTHON) manage.py makemessages -l fr --no-location \
		-i .venv -i node_modules -i tests
	msgen --no-wrap $(PO) -o $(PO)
	msgattrib --clear-fuzzy --no-wrap $(PO) -o $(PO)
	sed -i -e '1,/^msgid ""$$/{/^#/d}' -e '/^"POT-Creation-Date: /d' \
		-e '/^"PO-Revision-Date: /d' -e '/^"Last-Translator: /d' -e '/^"Language-Team: /d' \
		-e 's/^"Project-Id-Version: .*"$$/"Project-Id-Version: MSP SI\\n"/' \
		-e 's/^"Language: \\n"$$/"Language: fr\\n"/' $(PO)
	sed -i '1i # MSP SI, French catalogue: the source strings are French, msgstr repeats msgid so\n# that the French plural rule (n > 1) applies. Regenerate with `make messages`.' $(PO)
	msgfmt --check -o /dev/null $(PO)

PORT ?= 8000
run: python-deps node_modules/.package-lock.json compile-messages
	$(RUN_ENV) $(PYTHON) manage.py migrate --noinput
	$(RUN_ENV) $(PYTHON) manage.py seed_demo
	$(RUN_ENV) $(PYTHON) manage.py runserver 127.0.0.1:$(PORT)

test: python-deps node_modules/.package-lock.json compile-messages
	$(PYTHON) -m ruff check .
	$(RUN_ENV) $(PYTHON) -m mypy
	.venv/bin/lint-imports
	.venv/bin/djlint templates --lint
	$(RUN_ENV) $(PYTHON) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PYTHON) -m pytest $(PYTEST_ARGS)

# Measured as deployed: DEBUG off, hashed static files, on the local SQLite demo database.
BENCH_ENV := $(RUN_ENV) DJANGO_DEBUG=false LOG_LEVEL=WARNING
benchmark: python-deps node_modules/.package-lock.json
	$(BENCH_ENV) $(PYTHON) manage.py collectstatic --noinput -v0
	$(BENCH_ENV) $(PYTHON) manage.py migrate --noinput -v0
	$(BENCH_ENV) $(PYTHON) manage.py benchmark $(BENCH_ARGS)

# Under load, as deployed: gunicorn (3 workers) with the production settings plus a bare
# view (msp_si.settings.benchmark), on a PostgreSQL database the command creates.
LOAD_ENV := DJANGO_SETTINGS_MODULE=msp_si.settings.benchmark \
	DJANGO_SECRET_KEY=benchmark-only-insecure-key DJANGO_ALLOWED_HOSTS=127.0.0.1 \
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/msp_si_benchmark} \
	REDIS_URL= LOG_LEVEL=WARNING EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
benchmark-load: python-deps node_modules/.package-lock.json
	$(LOAD_ENV) $(PYTHON) manage.py benchmark_load $(LOAD_ARGS)
