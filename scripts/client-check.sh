#!/usr/bin/env bash
# Proves that a client generated from openapi/openapi.json works with no hand edits:
# regenerates a Python client with openapi-python-client (warnings are failures), starts a
# fresh demo server, and runs examples/partner_assign_license.py against it twice — signed
# in as a member (password) and as an API client (client credentials) created for the run.
#
#   scripts/client-check.sh            # debug build, SQLite
#   SEATDESK_BIN=path scripts/client-check.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
source scripts/lib-server.sh

ensure_venv .venv/gen "openapi-python-client==0.29.1" "python-dateutil==2.9.0.post0"
OUT=examples/generated
rm -rf "$OUT" && mkdir -p "$OUT"
printf 'package_name_override: seatdesk_client\nproject_name_override: seatdesk-client\n' >"$OUT/config.yaml"
echo "== generating the Python client from openapi/openapi.json"
status=0
PATH="$ROOT/.venv/gen/bin:$PATH" .venv/gen/bin/openapi-python-client generate --path openapi/openapi.json --meta none \
  --output-path "$OUT/seatdesk_client" --config "$OUT/config.yaml" --fail-on-warning >"$OUT/generate.log" 2>&1 ||
  status=$?
grep -v -e '^$' -e 'ruff is not in PATH' -e 'Skipping Integration' "$OUT/generate.log" || true
if [ $status -ne 0 ] || grep -q "will not be generated" "$OUT/generate.log"; then
  echo "FAILED: the spec does not generate a complete client (see above)" >&2
  exit 1
fi

BIN=${SEATDESK_BIN:-$(seatdesk_binary debug)}
WORK=$(mktemp -d /tmp/seatdesk-client.XXXXXX)
trap 'stop_server; rm -rf "$WORK"' EXIT
start_server "$BIN" "sqlite://$WORK/seatdesk.db" "$WORK"
export PYTHONPATH="$ROOT/$OUT"

echo "== as a member (password grant)"
.venv/gen/bin/python examples/partner_assign_license.py --base-url "$SERVER_URL" --ext 140

echo "== as an API client (client credentials grant)"
OWNER=$(sign_in owner@acme.example)
CREATED=$(curl -fsS -X POST "$SERVER_URL/api/v1/api-clients" -H "authorization: Bearer $OWNER" \
  -H 'content-type: application/json' \
  -d '{"name":"client-check partner","scopes":["licenses:read","licenses:write","directory:read"]}')
SEATDESK_CLIENT_ID=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["client_id"])' <<<"$CREATED") \
SEATDESK_CLIENT_SECRET=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["client_secret"])' <<<"$CREATED") \
  .venv/gen/bin/python examples/partner_assign_license.py --base-url "$SERVER_URL" --ext 139
echo "client check passed"
