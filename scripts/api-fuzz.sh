#!/usr/bin/env bash
# Fuzz the running REST API with schemathesis, as an admin, an assessor and a council lead.
#
# Starts gunicorn on a free loopback port against a fresh, migrated and seeded database (a
# throwaway PostgreSQL database when DATABASE_URL points at PostgreSQL, else SQLite), issues an
# API token for each role, then runs schemathesis against /api/v1/schema/ with a bounded
# number of examples per operation. Fails on any server error (5xx) or any response that does
# not match the schema. The token endpoints are left out: revoking the fuzzer's own tokens would
# turn the rest of the run into 401s (tests/accounts/test_api.py covers them). Set FUZZ_EXAMPLES (default 20) or FUZZ_SEED to change the run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=$ROOT/.venv/bin/python
EXAMPLES=${FUZZ_EXAMPLES:-20}

work=$(mktemp -d "${TMPDIR:-/tmp}/api-fuzz.XXXXXX")
export APP_VAR_DIR=$work DJANGO_SETTINGS_MODULE=config.settings.local PYTHONUNBUFFERED=1
unset DJANGO_SECRET_KEY

fuzz_db=""
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  fuzz_db="fuzz_$$"
  export DATABASE_URL="${DATABASE_URL%/*}/${fuzz_db}"
  dropdb --if-exists -h 127.0.0.1 -U postgres "$fuzz_db"
  createdb -h 127.0.0.1 -U postgres "$fuzz_db"
else
  export DATABASE_URL="sqlite:///$work/fuzz.sqlite3"
fi

server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ -n "$fuzz_db" ]; then dropdb --if-exists -h 127.0.0.1 -U postgres "$fuzz_db" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "==> api-fuzz: migrating and seeding a fresh database"
"$PY" manage.py migrate --no-input -v 0
"$PY" manage.py seed_demo >/dev/null

# One Django process (each start costs seconds) issues an API token for each role and lists
# values of path parameters that exist in the seeded database (see scripts/api_fuzz_hooks.py).
setup=$("$PY" manage.py shell -c "
import json
from django.apps import apps
from accounts.models import User
from accounts.services import token_create
def pks(label):
    return list(apps.get_model(label).objects.order_by('pk').values_list('pk', flat=True)[:30])
for role, name in (('ADMIN', 'admin'), ('ASSESSOR', 'lead.assessor'), ('COUNCIL', 'council.lead')):
    print(f'{role}_TOKEN', token_create(user=User.objects.get(username=name)).key)
print('FUZZ_PATH_VALUES', json.dumps({
    'assessment_id': pks('assessments.Assessment'),
    'framework_id': pks('assessments.Framework'),
    'statement_id': pks('assessments.QualityStatement'),
    'challenge_id': pks('reviews.Challenge'),
    'evidence_id': pks('evidence.EvidenceItem'),
    'attachment_id': pks('evidence.Attachment'),
    'report_id': pks('reports.Report'),
    'gss_code': list(apps.get_model('councils.Council').objects.values_list('gss_code', flat=True)[:20]),
    'number': list(range(1, 10)),
    'case_id': pks('fieldwork.Case'),
    'session_id': pks('fieldwork.Session'),
    'code': ['ibcf-2017', 'winter-2017-18'],
    'year': [2017],
}))")
field() { printf '%s\n' "$setup" | sed -n "s/^$1 //p" | tail -n 1; }
ADMIN_TOKEN=$(field ADMIN_TOKEN)
ASSESSOR_TOKEN=$(field ASSESSOR_TOKEN)
COUNCIL_TOKEN=$(field COUNCIL_TOKEN)
FUZZ_PATH_VALUES=$(field FUZZ_PATH_VALUES)
export FUZZ_PATH_VALUES SCHEMATHESIS_HOOKS=api_fuzz_hooks

port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:${port}"
echo "==> api-fuzz: starting gunicorn on ${base}"
"$PY" -m gunicorn config.wsgi --bind "127.0.0.1:${port}" --workers 2 --threads 2 --timeout 60 \
  >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  if "$PY" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" \
    "${base}/api/v1/schema/" 2>/dev/null; then break; fi
  sleep 0.3
done
"$PY" - "${base}/api/v1/schema/" <<'EOF'
import sys
import urllib.request

import yaml

schema = yaml.safe_load(urllib.request.urlopen(sys.argv[1], timeout=10))  # noqa: S310
operations = sum(
    1
    for item in schema["paths"].values()
    for method in item
    if method in {"get", "put", "post", "delete", "patch"}
)
print(f"==> api-fuzz: the schema has {operations} operations in {len(schema['paths'])} paths")
EOF

status=0
fuzz_as() {
  local who=$1 token=$2
  echo "==> api-fuzz: schemathesis as ${who} (${EXAMPLES} examples per operation)"
  local seed_args=()
  if [ -n "${FUZZ_SEED:-}" ]; then seed_args=(--seed "$FUZZ_SEED"); fi
  if ! PYTHONPATH="$ROOT/scripts" "$ROOT/.venv/bin/st" run "${base}/api/v1/schema/" \
    --url "$base" \
    --header "Authorization: Token ${token}" \
    --checks not_a_server_error,response_schema_conformance \
    --exclude-path-regex '/token/$' \
    --mode all \
    --phases examples,fuzzing \
    --max-examples "$EXAMPLES" \
    --generation-database none \
    --suppress-health-check all \
    --request-timeout 20 \
    --workers 2 \
    --no-color \
    "${seed_args[@]}"; then
    status=1
  fi
}
fuzz_as admin "$ADMIN_TOKEN"
fuzz_as assessor "$ASSESSOR_TOKEN"
fuzz_as "council lead" "$COUNCIL_TOKEN"

if grep -q "Traceback" "$work/server.log"; then
  echo "==> api-fuzz: the server logged errors:" >&2
  grep -n -A30 "Traceback" "$work/server.log" | head -120 >&2
  status=1
fi
if [ "$status" -ne 0 ]; then
  echo "==> api-fuzz: FAILED" >&2
else
  echo "==> api-fuzz: passed (no server errors, every response matches the schema)"
fi
exit "$status"
