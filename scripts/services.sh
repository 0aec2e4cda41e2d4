#!/usr/bin/env bash
# check: are PostgreSQL (5432) and Redis (6379) answering on 127.0.0.1?
# start: start whichever is not (as the CI machine's packages install them), then check.
set -uo pipefail
cd "$(dirname "$0")/.."

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

case "${1:-check}" in
  start)
    if ! pg_up; then
      echo "==> Starting PostgreSQL"
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
    fi
    if ! redis_up; then
      echo "==> Starting Redis"
      redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
        --dir /tmp --logfile /tmp/redis-ci.log || true
    fi
    for _ in $(seq 1 30); do pg_up && redis_up && break; sleep 1; done
    pg_up || { echo "PostgreSQL did not start" >&2; exit 1; }
    redis_up || { echo "Redis did not start" >&2; exit 1; }
    ;;
  check)
    pg_up && redis_up
    ;;
esac
