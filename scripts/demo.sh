#!/usr/bin/env bash
# `make demo`: install, migrate, load demo data, then run the web server, a Celery worker and
# Celery beat together on embedded defaults (SQLite under var/, the filesystem broker). Ctrl-C
# stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DJANGO_SETTINGS_MODULE=config.settings.local
PORT=${PORT:-8000}

echo "==> Migrating the database (var/db.sqlite3)"
.venv/bin/python manage.py migrate --no-input -v 0
echo "==> Loading demo data"
.venv/bin/python manage.py seed_demo

echo "==> Starting a Celery worker (queues: default, reports)"
.venv/bin/celery -A config worker -Q default,reports --concurrency 2 --loglevel INFO \
  >var/celery-worker.log 2>&1 &
worker=$!
echo "==> Starting Celery beat (document request reminders; log: var/celery-beat.log)"
.venv/bin/celery -A config beat --schedule var/celery/beat-schedule --loglevel INFO \
  >var/celery-beat.log 2>&1 &
beat=$!
trap 'kill $worker $beat 2>/dev/null; wait $worker $beat 2>/dev/null' EXIT INT TERM

echo "==> The service is at http://127.0.0.1:${PORT}/ (worker log: var/celery-worker.log)"
.venv/bin/python manage.py runserver "127.0.0.1:${PORT}"
