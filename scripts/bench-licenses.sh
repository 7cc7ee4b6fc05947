#!/usr/bin/env bash
# Latency of the license search against a running server seeded with `make seed-large`.
# Usage: BASE=http://127.0.0.1:8080 EMAIL=owner@bench.example scripts/bench-licenses.sh [q] [seconds]
# Prints wrk's latency distribution (p50/p99) at 1 and 4 connections, and throughput at 16.
set -euo pipefail
BASE=${BASE:-http://127.0.0.1:8080}
EMAIL=${EMAIL:-owner@bench.example}
Q=${1:-ava smith}
SECS=${2:-15}
token=$(curl -fsS "$BASE/api/v1/auth/token" -H 'content-type: application/json' \
  -d "{\"grant_type\":\"password\",\"email\":\"$EMAIL\",\"password\":\"seatdesk-demo\"}" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
# Two cost centers of the account, as the filter.
ccs=$(curl -fsS "$BASE/api/v1/licenses/summary" -H "authorization: Bearer $token" \
  | grep -oE '"cost_center_id":"[^"]+"' | head -2 | cut -d'"' -f4)
qs="q=$(printf '%s' "$Q" | sed 's/ /%20/g')&sort=-added_at&limit=50"
for cc in $ccs; do qs="$qs&cost_center=$cc"; done
url="$BASE/api/v1/licenses?$qs"
echo "GET $url"
curl -fsS "$url" -H "authorization: Bearer $token" | head -c 300; echo
for c in 1 4; do
  echo "== $c connection(s), ${SECS}s"
  wrk -t1 -c"$c" -d"${SECS}s" --latency -H "authorization: Bearer $token" "$url" | sed -n '/Latency Distribution/,/Requests\/sec/p'
done
echo "== 16 connections, ${SECS}s"
wrk -t2 -c16 -d"${SECS}s" -H "authorization: Bearer $token" "$url" | grep -E 'Requests/sec|Non-2xx'
