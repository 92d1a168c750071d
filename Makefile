# The two commands a newcomer needs: `make run` and `make test` (see README).
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip install --disable-pip-version-check -q -c requirements.lock

# Tests always run against the real services on loopback, with production-style settings
# (DEBUG off, explicit keys). These keys are for the throw-away test database only.
TEST_ENV := ENV_FILE= DEBUG=0 \
	DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cs_platform} \
	REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/1} \
	CHANNEL_LAYER_PREFIX=test-asgi DB_CONN_MAX_AGE=0 \
	SECRET_KEY=test-secret-key-not-for-production \
	FIELD_ENCRYPTION_KEYS=dGVzdC1rZXktb25lLW5vdC1mb3ItcHJvZHVjdGlvbiE= \
	BLIND_INDEX_KEY=test-blind-index-key \
	ALLOWED_HOSTS=localhost,127.0.0.1,testserver

.PHONY: run test lint install install-dev browser clean

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(VENV)/.installed: $(VENV)/bin/python requirements.txt requirements.lock
	$(PIP) -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(PY) scripts/bootstrap_env.py
	# PostgreSQL: owner and app roles (README, Security); prints "nothing to do" on SQLite.
	$(PY) manage.py db_roles
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py seed_demo
	scripts/run.sh

lint: install-dev
	$(VENV)/bin/ruff check .
	# Security lint: no high-severity finding may land (medium ones are reviewed in README).
	$(VENV)/bin/bandit -q -r . -x ./.venv,./tests,./benchmarks,./node_modules -lll

# Browser tests drive Debian's chromium (Playwright never downloads a browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei; }

# One pytest worker per core (at most 4), each on its own test database and Redis database
# (config/settings.py). Tests are handed out in collection order, which keeps pytest-django's
# order (database tests before the transactional ones that flush migration-seeded rows).
test: lint browser
	$(TEST_ENV) $(VENV)/bin/pytest -n auto --maxprocesses 4 --dist load $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 test-artifacts
