"""Bare: the statements one API request sends, replayed straight against the database.

The statements come from `seatdesk bench-sql` (backend/src/bench_sql.rs), which builds them
with the same code the server runs, so API and bare cannot drift apart. PostgreSQL replays
them with `pgbench -M prepared` (variables bound as parameters, like sqlx does; latencies from
its per-transaction log); SQLite with a Python `sqlite3` loop on one connection set up like the
server's. Standard library only.
"""

import glob
import json
import os
import re
import sqlite3
import statistics
import subprocess
import time
import uuid


def statements(binary, db_url, env, args):
    """{"list": [...], "get": [...], "assign": [...], "unassign": [...]} for these arguments."""
    cmd = [binary, "bench-sql", "--account", args["account"], "--member", args["member"], "--q", args["q"],
           "--license", args["license"], "--user", args["user"], "--limit", "50"]
    for cc in args["cost_centers"]:
        cmd += ["--cost-center", cc]
    out = subprocess.run(cmd, env=dict(env, DATABASE_URL=db_url), check=True, text=True, capture_output=True).stdout
    return json.loads(out)


def percentiles(latencies_ms):
    ordered = sorted(latencies_ms)
    pick = lambda p: ordered[min(len(ordered) - 1, int(p * len(ordered)))]
    return {"p50_ms": statistics.median(ordered), "p99_ms": pick(0.99), "mean_ms": statistics.mean(ordered),
            "requests": len(ordered)}


# ---------- PostgreSQL: pgbench ----------

def _pg_value(bind):
    kind, value = bind["kind"], bind["value"]
    if kind == "uuid_array":
        return "{" + ",".join(value) + "}"
    if kind == "json":
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def pgbench_script(requests, prefix, per_client):
    """The requests' statements as one pgbench script. Binds become variables (`-D`); a bind
    whose value is in `per_client` ({value: name}) becomes that per-client variable instead."""
    lines, defines = [], {}
    for r, stmts in enumerate(requests):
        for s, stmt in enumerate(stmts):
            sql = stmt["sql"]
            # Replace $n from the highest number down, so $1 does not eat the start of $10.
            for n in sorted(range(1, len(stmt["binds"]) + 1), reverse=True):
                bind = stmt["binds"][n - 1]
                if bind["kind"] == "new_uuid":
                    # pgbench cannot make a uuid; the server makes this one, the API binds it.
                    sql = re.sub(r"\$" + str(n) + r"(?![0-9])", "gen_random_uuid()", sql)
                    continue
                value = _pg_value(bind)
                name = per_client.get(value) or f"{prefix}{r}_{s}_{n}"
                if name not in per_client.values():
                    defines[name] = value
                sql = re.sub(r"\$" + str(n) + r"(?![0-9])", ":" + name, sql)
            lines.append(sql + ";")
    return "\n".join(lines) + "\n", defines


def pgbench(db_url, script_text, defines, clients, duration, work, name, setup=""):
    """Runs the script; throughput, and latency percentiles from pgbench's per-transaction log."""
    path = os.path.join(work, name + ".sql")
    with open(path, "w") as f:
        f.write(setup + script_text)
    log_prefix = os.path.join(work, "pgbench-" + name)
    for old in glob.glob(log_prefix + "*"):
        os.remove(old)
    cmd = ["pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", str(clients), "-T", str(duration),
           "-l", "--log-prefix", log_prefix, "-f", path]
    for k, v in defines.items():
        cmd += ["-D", f"{k}={v}"]
    done = subprocess.run(cmd + [db_url], text=True, capture_output=True)
    if done.returncode != 0:
        raise SystemExit(f"pgbench {name} failed:\n{done.stderr[-2000:]}")
    out = done.stdout
    tps = float(re.search(r"tps = ([0-9.]+)", out).group(1))
    latencies = []
    for log in glob.glob(log_prefix + "*"):
        with open(log) as f:
            # client_id transaction_no time(µs) script_no time_epoch time_us
            latencies += [int(line.split()[2]) / 1000 for line in f if line.strip()]
        os.remove(log)
    return dict(percentiles(latencies), rps=tps)


# ---------- SQLite: a plain sqlite3 loop ----------

def _sqlite_value(bind):
    kind, value = bind["kind"], bind["value"]
    if kind == "new_uuid":
        return NEW_UUID
    if kind == "uuid":
        return uuid.UUID(value).bytes
    if kind == "json":
        return json.dumps(value, separators=(",", ":"))
    if kind == "uuid_array":
        raise ValueError("uuid[] is PostgreSQL-only")
    return value


NEW_UUID = object()


def _fresh(params):
    return {k: (uuid.uuid4().bytes if v is NEW_UUID else v) for k, v in params.items()}


def _sqlite_statement(stmt):
    # `$n` is a named parameter to SQLite; Python's sqlite3 looks the name up without its `$`.
    return stmt["sql"], {str(i + 1): _sqlite_value(b) for i, b in enumerate(stmt["binds"])}


def sqlite_connect(path):
    """A connection set up like the server's (storage/connect.rs)."""
    con = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON", "busy_timeout = 10000",
                   "cache_size = -8192", "temp_store = memory"):
        con.execute("PRAGMA " + pragma)
    return con


def sqlite_loop(path, requests, duration, per_request=1):
    """Runs the requests' statements in turn for `duration` seconds on one connection; latency
    per request (a round of `requests` counts as `per_request` requests)."""
    prepared = [[(*_sqlite_statement(s), any(b["kind"] == "new_uuid" for b in s["binds"])) for s in stmts]
                for stmts in requests]
    con = sqlite_connect(path)
    latencies, end = [], time.perf_counter() + duration
    while time.perf_counter() < end:
        started = time.perf_counter()
        for stmts in prepared:
            for sql, params, fresh in stmts:
                con.execute(sql, _fresh(params) if fresh else params).fetchall()
        latencies.append((time.perf_counter() - started) * 1000 / per_request)
    con.close()
    result = percentiles(latencies)
    result["requests"] *= per_request
    result["rps"] = 1000 / result["mean_ms"]
    return result
