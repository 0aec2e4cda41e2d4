#!/usr/bin/env bash
# `make test`: install everything, lint, run the whole suite on SQLite, then again on
# PostgreSQL + Redis with real Celery worker processes. Under CI=true the second run is
# mandatory (the services are started if they are not running); elsewhere it runs when both
# services answer on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/system-packages.sh

echo "==> ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

run_pytest() {
  # pytest exits 5 when it collected no tests: that is a failure of the suite, not a pass.
  set +e
  .venv/bin/python -m pytest "$@"
  status=$?
  set -e
  if [ "$status" -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi
  if [ "$status" -ne 0 ]; then exit "$status"; fi
}

echo "==> Test suite on SQLite, filesystem broker (browser journeys included)"
run_pytest -m "not worker" -q

if [ "${CI:-}" = "true" ]; then
  bash scripts/services.sh start
fi
if bash scripts/services.sh check; then
  echo "==> Test suite on PostgreSQL and Redis, with real Celery workers"
  export DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
  export CELERY_BROKER_URL=${TEST_BROKER_URL:-redis://127.0.0.1:6379/15}
  export CACHE_URL=${TEST_CACHE_URL:-redis://127.0.0.1:6379/14}
  # Browser journeys ran in the first pass; everything else runs again here.
  run_pytest -m "not browser" -q
  echo "==> schemathesis against the running API (admin, assessor, council lead)"
  bash scripts/api-fuzz.sh
else
  echo "==> PostgreSQL or Redis is not running on 127.0.0.1: skipped the services run."
  echo "    (CI=true starts them; see scripts/services.sh)"
fi
