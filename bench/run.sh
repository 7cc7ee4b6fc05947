#!/usr/bin/env bash
# make bench / make bench-quick: build the release server and run bench/bench.py.
#
#   bench/run.sh [--quick] [--backend postgres|sqlite|both]
#
# Full mode seeds 1,000,000 licenses / 200,000 users per backend (several minutes each) and
# measures 10 s per point; --quick seeds 50,000 / 10,000 and measures 3 s per point (under
# 2 minutes for both backends). Needs wrk (Debian package) and pgbench/psql (PostgreSQL client);
# PostgreSQL at $TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
# Results: a Markdown table on stdout and bench/out/results-<backend>-<mode>.json.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
source scripts/lib-server.sh
if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)" >&2
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi
BIN=${SEATDESK_BIN:-$(seatdesk_binary release)}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
exec python3 bench/bench.py --binary "$BIN" "$@"
