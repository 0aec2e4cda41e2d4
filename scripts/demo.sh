#!/usr/bin/env bash
# `make demo`: install, migrate, load demo data, then run the web server, a Celery worker and
# Celery beat together on embedded defaults (SQLite under var/, the filesystem broker, emails
# written as files to var/emails/). It runs as the product runs: DEBUG off, the service's own error pages
# (DJANGO_DEBUG=1 turns DEBUG on). PORT (default 8000) sets the port; email links use it.
# The demo users are printed last, once the server answers. Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DJANGO_SETTINGS_MODULE=config.settings.local
export PORT=${PORT:-8000}
url="http://127.0.0.1:${PORT}/"
PY=.venv/bin/python

echo "==> Migrating the database (var/db.sqlite3)"
$PY manage.py migrate --no-input -v 0
echo "==> Loading CQC's published results (assessments/data/; rows already loaded are skipped)"
$PY manage.py load_reference_results
echo "==> Loading demo data (output: var/seed-demo.log)"
$PY manage.py seed_demo >var/seed-demo.log

worker="" server="" beat=""
stop() {
  for pid in $server $worker $beat; do kill "$pid" 2>/dev/null || true; done
  for pid in $server $worker $beat; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT INT TERM

echo "==> Starting a Celery worker (queues: default, reports; log: var/celery-worker.log)"
.venv/bin/celery -A config worker -Q default,reports --concurrency 2 --loglevel INFO \
  >var/celery-worker.log 2>&1 &
worker=$!
echo "==> Starting Celery beat (document request reminders; log: var/celery-beat.log)"
.venv/bin/celery -A config beat --schedule var/celery/beat-schedule --loglevel INFO \
  >var/celery-beat.log 2>&1 &
beat=$!

echo "==> Starting the web server on ${url}"
PYTHONUNBUFFERED=1 $PY manage.py runserver --noreload "127.0.0.1:${PORT}" &
server=$!
for _ in $(seq 1 150); do
  if $PY -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" \
    "$url" 2>/dev/null; then break; fi
  kill -0 "$server" 2>/dev/null || { echo "The web server did not start." >&2; exit 1; }
  sleep 0.2
done

echo
echo "==> Emails the demo sends are written as files to var/emails/."
echo "==> Health of the service: ${url}healthz"
$PY manage.py demo_users
echo "==> The service is at ${url} (Ctrl-C stops the server, the worker and beat)"
wait "$server"
