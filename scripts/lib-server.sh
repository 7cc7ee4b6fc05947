# Shared by the fuzz, client and bench scripts: start a throw-away Seatdesk server on a free
# port over a fresh database, wait until it is ready, sign in, and stop it on exit.
# Source it, then call `start_server <binary> <database_url> <workdir> [extra env…]`.

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# A fresh PostgreSQL database named $2 on the server of admin URL $1; prints its URL.
fresh_pg_database() {
  local admin_url=$1 name=$2
  psql -q -d "$admin_url" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" >/dev/null
  python3 - "$admin_url" "$name" <<'PY'
import sys
from urllib.parse import urlsplit, urlunsplit
url, name = sys.argv[1], sys.argv[2]
parts = urlsplit(url)
print(urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, "")))
PY
}

drop_pg_database() {
  psql -q -d "$1" -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" >/dev/null 2>&1 || true
}

SERVER_PID=""
SERVER_URL=""

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

# start_server BIN DATABASE_URL WORKDIR [VAR=value …]: serves with demo data, logs to WORKDIR/server.log.
start_server() {
  local bin=$1 db_url=$2 workdir=$3
  shift 3
  mkdir -p "$workdir"
  local port
  port=$(free_port)
  env DATABASE_URL="$db_url" HOST=127.0.0.1 PORT="$port" SEED_DEMO=1 JWT_SECRET=fuzz-and-bench-secret \
    DATA_DIR="$workdir" STATIC_DIR="$workdir/no-spa" LOG_LEVEL="${SERVER_LOG_LEVEL:-warn}" "$@" \
    "$bin" serve >"$workdir/server.log" 2>&1 &
  SERVER_PID=$!
  SERVER_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 600); do
    if curl -fsS "$SERVER_URL/readyz" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "the server exited; its log:" >&2; cat "$workdir/server.log" >&2; return 1
    fi
    sleep 0.2
  done
  echo "the server did not become ready in 120 s" >&2
  return 1
}

# sign_in EMAIL [PASSWORD]: prints an access token.
sign_in() {
  local body
  body=$(printf '{"grant_type":"password","email":"%s","password":"%s"}' "$1" "${2:-seatdesk-demo}")
  curl -fsS -X POST "$SERVER_URL/api/v1/auth/token" -H 'content-type: application/json' -d "$body" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

# ensure_venv DIR REQUIREMENT…: a Python virtualenv with exactly these pinned packages.
ensure_venv() {
  local dir=$1
  shift
  local stamp="$dir/.installed"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$*" ]; then return 0; fi
  python3 -m venv "$dir"
  "$dir/bin/pip" install -q --disable-pip-version-check "$@"
  echo "$*" >"$stamp"
}

# seatdesk_binary debug|release: builds (incrementally) and prints the path of the binary.
seatdesk_binary() {
  local profile=$1 root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  local target=${CARGO_TARGET_DIR:-$root/target}
  if [ "$profile" = release ]; then
    (cd "$root" && cargo build -q --release --bin seatdesk) >&2
  else
    (cd "$root" && cargo build -q --bin seatdesk) >&2
  fi
  echo "$target/$profile/seatdesk"
}
