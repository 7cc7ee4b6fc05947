#!/usr/bin/env bash
# Property-based fuzzing of the live API with schemathesis, from its own OpenAPI document.
#
#   scripts/fuzz-api.sh [--postgres] [--examples N]
#
# Starts the server (debug build, or $SEATDESK_BIN) on a free port over a fresh database seeded
# with the demo data (SQLite by default; --postgres makes a throw-away database on
# $TEST_DATABASE_URL), signs in as the demo owner and runs every schemathesis phase
# (examples, coverage, fuzzing, stateful) with `--checks all`. Exit status 0 means no failure.
# Generation is deterministic (no seed, no example database kept between runs): the same code
# and spec give the same cases every time, so CI can gate on it.
# Reports (JUnit, and a VCR cassette to replay failures) land in bench/out/fuzz/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
source scripts/lib-server.sh

SCHEMATHESIS_VERSION=4.32.5
EXAMPLES=${FUZZ_EXAMPLES:-30}
BACKEND=sqlite
while [ $# -gt 0 ]; do
  case $1 in
    --postgres) BACKEND=postgres ;;
    --examples) EXAMPLES=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

ensure_venv .venv/fuzz "schemathesis==$SCHEMATHESIS_VERSION"
BIN=${SEATDESK_BIN:-$(seatdesk_binary debug)}
OUT="$ROOT/bench/out/fuzz"
rm -rf "$OUT" && mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/seatdesk-fuzz.XXXXXX)
PG_ADMIN=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PG_NAME="seatdesk_fuzz_$$"
cleanup() {
  stop_server
  [ "$BACKEND" = postgres ] && drop_pg_database "$PG_ADMIN" "$PG_NAME"
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "$BACKEND" = postgres ]; then
  DB_URL=$(fresh_pg_database "$PG_ADMIN" "$PG_NAME")
else
  DB_URL="sqlite://$WORK/seatdesk.db"
fi
start_server "$BIN" "$DB_URL" "$WORK"
TOKEN=$(sign_in owner@acme.example)
echo "fuzzing $SERVER_URL ($BACKEND, $EXAMPLES examples per operation)"

status=0
.venv/fuzz/bin/schemathesis run "$SERVER_URL/api/v1/openapi.json" \
  --checks all \
  --max-examples "$EXAMPLES" \
  --generation-deterministic \
  --header "Authorization: Bearer $TOKEN" \
  --request-timeout 30 \
  --workers 1 \
  --report junit,vcr --report-dir "$OUT" \
  --no-color || status=$?
cp "$WORK/server.log" "$OUT/server.log" 2>/dev/null || true
if grep -q "internal error" "$OUT/server.log" 2>/dev/null; then
  echo "the server logged internal errors (see bench/out/fuzz/server.log)" >&2
  status=1
fi
exit $status
