"""Seatdesk benchmarks: the API under wrk against the same SQL sent straight to the database.

Run through bench/run.sh (it builds the release binary). For each backend: seeds a fresh
database with `seatdesk seed-large`, starts the release server, and measures at fixed
concurrency (1) the first license page with search + two cost-center filters, (2) a deep page
by cursor, (3) GET /licenses/{id}, (4) assign/unassign pairs, (5) a 10,000-license order —
and, for (1), (3), (4), the same SQL bare (pgbench -M prepared on PostgreSQL, a Python
sqlite3 loop on SQLite). Prints a Markdown table and writes bench/out/results-<backend>.json.
Standard library only.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
SEARCH = "son"  # Johnson, Wilson, Anderson, Thompson, Robinson, Jackson…: a realistic substring


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    def __init__(self, base):
        self.base, self.token = base, None

    def call(self, method, path, body=None, headers=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("accept", "application/json")
        if data is not None:
            req.add_header("content-type", "application/json")
        if self.token:
            req.add_header("authorization", "Bearer " + self.token)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                return resp.status, json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as err:
            raise SystemExit(f"{method} {path} -> {err.code}: {err.read().decode()[:500]}")


class Server:
    def __init__(self, binary, db_url, workdir):
        self.port = free_port()
        env = dict(os.environ, DATABASE_URL=db_url, HOST="127.0.0.1", PORT=str(self.port), SEED_DEMO="0",
                   JWT_SECRET="bench-secret", DATA_DIR=workdir, STATIC_DIR=os.path.join(workdir, "no-spa"),
                   LOG_LEVEL="warn")
        self.log = open(os.path.join(workdir, "server.log"), "w")
        self.proc = subprocess.Popen([binary, "serve"], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(600):
            try:
                urllib.request.urlopen(self.url + "/readyz", timeout=2)
                return
            except Exception:
                if self.proc.poll() is not None:
                    raise SystemExit("the server exited; see its log in " + workdir)
                time.sleep(0.2)
        raise SystemExit("the server did not become ready")

    def peak_rss_mb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


def wrk(url, script, threads, duration, env):
    cmd = ["wrk", "-t", str(threads), "-c", str(threads), "-d", f"{duration}s", "--timeout", "10s",
           "-s", os.path.join(HERE, "wrk", script), url]
    env = dict(os.environ, BENCH_LUA_DIR=os.path.join(HERE, "wrk"), **env)
    done = subprocess.run(cmd, env=env, check=True, text=True, capture_output=True)
    if done.stderr.strip():
        print(f"  [{script} c={threads}] " + done.stderr.strip().replace("\n", "\n  "), file=sys.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------- bare SQL: the statements Seatdesk runs (backend/src/storage/licenses*.rs) ----------

SELECT_LICENSE = (
    "SELECT l.id, l.number, l.product_id, p.sku, p.name AS product_name, "
    "l.assignee_id, u.name AS assignee_name, u.email AS assignee_email, u.ext AS assignee_ext, "
    "l.cost_center_id, c.code AS cost_center_code, c.name AS cost_center_name, "
    "l.added_at, l.assigned_at, l.last_used_at "
    "FROM licenses l JOIN products p ON p.id = l.product_id "
    "JOIN cost_centers c ON c.id = l.cost_center_id "
    "LEFT JOIN directory_users u ON u.id = l.assignee_id"
)
SELECT_CORE = ("SELECT l.id, l.number, l.product_id, l.assignee_id, l.cost_center_id, c.code AS cost_center_code "
               "FROM licenses l JOIN cost_centers c ON c.id = l.cost_center_id")


def list_sql(dialect, p):
    """The first page of the default order (added_at DESC, id DESC), q + two cost centers."""
    fts = ""
    if dialect == "sqlite":
        fts = f"l.rowid IN (SELECT rowid FROM licenses_search WHERE licenses_search MATCH {p(4)}) AND "
    return (f"{SELECT_LICENSE} WHERE l.account_id = {p(1)} AND l.cost_center_id IN ({p(2)}, {p(3)}) AND "
            f"{fts}l.search_text LIKE {p(5)} ESCAPE '\\' ORDER BY l.added_at DESC, l.id DESC LIMIT {p(6)}")


def get_sql(p):
    return f"{SELECT_LICENSE} WHERE l.account_id = {p(1)} AND l.id = {p(2)}"


def pg_scripts(ctx, folder):
    """pgbench scripts; the values Seatdesk binds arrive as -D variables (-M prepared binds them)."""
    var = lambda names: lambda i: ":" + names[i - 1]
    files = {
        "list.sql": "\\set lim 51\n" + list_sql("postgres", var(["acc", "cc1", "cc2", "fts", "pattern", "lim"])) + ";\n",
        "get.sql": get_sql(var(["acc", "lic"])) + ";\n",
    }
    # One assign and one unassign, each the transaction the service runs, on this client's pair.
    pair = "SELECT lic, usr FROM bench_pairs WHERE client = :client_id \\gset\n"
    audit = ("INSERT INTO audit_events (id, account_id, occurred_at, actor_type, actor_id, actor_label, action, "
             "object_type, object_id, before, after, outcome, request_id) VALUES (gen_random_uuid(), "
             ":acc, now(), 'member', :member, 'owner@bench.example', '{action}', 'license', "
             ":lic, '{before}', '{after}', 'success', 'bench');\n")
    core = f"{SELECT_CORE} WHERE l.account_id = :acc AND l.id = :lic;\n"
    holder = "SELECT id, name, email, ext, status FROM directory_users WHERE account_id = :acc AND id = :usr;\n"
    final = f"{SELECT_LICENSE} WHERE l.account_id = :acc AND l.id = :lic;\n"
    assign = ("BEGIN;\n" + core + holder +
              "UPDATE licenses SET assignee_id = :usr, assigned_at = now(), search_text = 'lr-1 cc-1000 bench user' "
              "WHERE id = :lic AND account_id = :acc AND assignee_id IS NULL;\n" +
              audit.replace("{action}", "license.assign").replace("{before}", '{"assignee_id": null}')
              .replace("{after}", '{"assignee_id": "x"}') + final + "COMMIT;\n")
    unassign = ("BEGIN;\n" + core +
                "UPDATE licenses SET assignee_id = NULL, assigned_at = NULL, last_used_at = NULL, "
                "search_text = 'lr-1 cc-1000' WHERE id = :lic AND account_id = :acc AND assignee_id = :usr;\n" +
                audit.replace("{action}", "license.unassign").replace("{before}", '{"assignee_id": "x"}')
                .replace("{after}", '{"assignee_id": null}') + final + "COMMIT;\n")
    files["pair.sql"] = pair + assign + unassign
    for name, text in files.items():
        with open(os.path.join(folder, name), "w") as f:
            f.write(text)
    return ["-D", f"acc={ctx['account']}", "-D", f"cc1={ctx['cc'][0]}", "-D", f"cc2={ctx['cc'][1]}",
            "-D", f"pattern=%{SEARCH}%", "-D", f"lic={ctx['ids'][0]}", "-D", f"member={ctx['member']}"]


def pgbench(db_url, script, clients, duration, defines):
    """Throughput and mean latency. (pgbench 15's per-transaction log reports 0 µs for most
    fast transactions, so its percentiles cannot be trusted; the mean from its summary can.)"""
    out = sh(["pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", str(clients), "-T", str(duration),
              *defines, "-f", script, db_url])
    value = lambda prefix: float(re.search(prefix + r"\s*[=:]\s*([0-9.]+)", out).group(1))
    return {"rps": value("tps"), "mean_ms": value("latency average"),
            "requests": int(value("number of transactions actually processed"))}


def sqlite_loop(path, sql, params_list, duration):
    """One client, the same statement over and over (params rotate), latency per call."""
    con = sqlite3.connect(path)
    latencies, i, end = [], 0, time.perf_counter() + duration
    while time.perf_counter() < end:
        params = params_list[i % len(params_list)]
        t = time.perf_counter()
        con.execute(sql, params).fetchall()
        latencies.append((time.perf_counter() - t) * 1000)
        i += 1
    con.close()
    latencies.sort()
    total = sum(latencies) / 1000
    return {"rps": len(latencies) / total, "p50_ms": statistics.median(latencies), "mean_ms": statistics.mean(latencies),
            "p99_ms": latencies[int(0.99 * (len(latencies) - 1))], "requests": len(latencies)}


def sqlite_pairs(path, ctx, duration):
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA busy_timeout = 5000")
    acc, (lic, usr) = ctx["account_blob"], ctx["pairs"][0]
    lic, usr = uuid.UUID(lic).bytes, uuid.UUID(usr).bytes
    q = lambda i: "?" + str(i)
    latencies, end = [], time.perf_counter() + duration
    while time.perf_counter() < end:
        t = time.perf_counter()
        for assign in (True, False):
            con.execute("BEGIN IMMEDIATE")
            con.execute(f"{SELECT_CORE} WHERE l.account_id = ?1 AND l.id = ?2", (acc, lic)).fetchall()
            if assign:
                con.execute("SELECT id, name, email, ext, status FROM directory_users WHERE account_id = ?1 AND id = ?2",
                            (acc, usr)).fetchall()
                con.execute("UPDATE licenses SET assignee_id = ?1, assigned_at = ?2, search_text = ?3 "
                            "WHERE id = ?4 AND account_id = ?5 AND assignee_id IS NULL",
                            (usr, "2026-01-01T00:00:00Z", "lr-1 cc-1000 bench user", lic, acc))
            else:
                con.execute("UPDATE licenses SET assignee_id = NULL, assigned_at = NULL, last_used_at = NULL, "
                            "search_text = ?1 WHERE id = ?2 AND account_id = ?3 AND assignee_id = ?4",
                            ("lr-1 cc-1000", lic, acc, usr))
            con.execute("INSERT INTO audit_events (id, account_id, occurred_at, actor_type, actor_id, actor_label, "
                        "action, object_type, object_id, before, after, outcome, request_id) VALUES "
                        "(?1, ?2, ?3, 'member', ?4, 'owner@bench.example', ?5, 'license', ?6, ?7, ?8, 'success', 'bench')",
                        (uuid.uuid4().bytes, acc, "2026-01-01T00:00:00Z", ctx["member_blob"],
                         "license.assign" if assign else "license.unassign", str(uuid.UUID(bytes=lic)),
                         '{"assignee_id":null}', '{"assignee_id":"x"}'))
            con.execute(f"{SELECT_LICENSE} WHERE l.account_id = ?1 AND l.id = ?2", (acc, lic)).fetchall()
            con.execute("COMMIT")
        latencies.append((time.perf_counter() - t) * 1000)
    con.close()
    latencies.sort()
    # Requests, as the API counts them: each pair is two.
    return {"rps": 2 * len(latencies) / (sum(latencies) / 1000), "p50_ms": statistics.median(latencies) / 2,
            "mean_ms": statistics.mean(latencies) / 2, "requests": 2 * len(latencies)}


# ---------- the API side ----------

def discover(api, ctx):
    ccs = api.call("GET", "/api/v1/cost-centers?limit=2")[1]["items"]
    ctx["cc"] = [c["id"] for c in ccs]
    base = f"/api/v1/licenses?q={SEARCH}&cost_center={ctx['cc'][0]}&cost_center={ctx['cc'][1]}&limit=50"
    ctx["list_path"] = base
    cursor, path = None, base
    for _ in range(ctx["deep_pages"]):
        page = api.call("GET", path)[1]
        cursor = page.get("next_cursor")
        if not cursor:
            break
        path = base + "&cursor=" + urllib.parse.quote(cursor)
    ctx["deep_path"] = path
    ids, path = [], "/api/v1/licenses?limit=200"
    for _ in range(5):
        page = api.call("GET", path)[1]
        ids += [item["id"] for item in page["items"]]
        if not page.get("next_cursor"):
            break
        path = "/api/v1/licenses?limit=200&cursor=" + urllib.parse.quote(page["next_cursor"])
    ctx["ids"] = ids
    free = api.call("GET", "/api/v1/licenses?status=unassigned&product=LIVE_REPORTS&limit=16")[1]["items"]
    users = api.call("GET", "/api/v1/users?has_license=false&limit=16")[1]["items"]
    ctx["pairs"] = [(l["id"], u["id"]) for l, u in zip(free, users)]
    ctx["member"] = api.call("GET", "/api/v1/me")[1]["id"]


def place_order(api, ctx, quantity):
    products = api.call("GET", "/api/v1/products")[1]
    items = products["items"] if isinstance(products, dict) else products
    product = next(p for p in items if p["sku"] == "LIVE_REPORTS")["id"]
    api.call("PUT", f"/api/v1/cart/items/{product}", {"quantity": quantity})
    checkout = api.call("POST", "/api/v1/checkouts")[1]
    api.call("POST", f"/api/v1/checkouts/{checkout['id']}/cost-center-assignments", {"cost_center_id": ctx["cc"][0]})
    quote = api.call("GET", f"/api/v1/checkouts/{checkout['id']}/quote")[1]
    started = time.perf_counter()
    status, order = api.call("POST", f"/api/v1/checkouts/{checkout['id']}/complete",
                             {"acknowledged": True, "expected_total": quote["total"]},
                             {"Idempotency-Key": str(uuid.uuid4())})
    return (time.perf_counter() - started) * 1000


def run_backend(args, backend):
    work = tempfile.mkdtemp(prefix=f"seatdesk-bench-{backend}-")
    pg_name = f"seatdesk_bench_{os.getpid()}"
    admin = args.pg_url
    if backend == "postgres":
        sh(["psql", "-q", "-d", admin, "-c", f"CREATE DATABASE {pg_name}"])
        parts = urllib.parse.urlsplit(admin)
        db_url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + pg_name, parts.query, ""))
    else:
        db_file = os.path.join(work, "bench.db")
        db_url = "sqlite://" + db_file
    server, results = None, {"backend": backend}
    try:
        env = dict(os.environ, DATABASE_URL=db_url, DATA_DIR=work, JWT_SECRET="bench-secret", LOG_LEVEL="warn")
        t = time.perf_counter()
        sh([args.binary, "seed-large", "--licenses", str(args.licenses), "--users", str(args.users),
            "--cost-centers", "50"], env=env)
        results["seed_s"] = round(time.perf_counter() - t, 1)
        server = Server(args.binary, db_url, work)
        api = Api(server.url)
        api.token = api.call("POST", "/api/v1/auth/token", {"grant_type": "password", "email": "owner@bench.example",
                                                             "password": "seatdesk-demo"})[1]["access_token"]
        ctx = {"deep_pages": args.deep_pages}
        discover(api, ctx)
        if backend == "postgres":
            ctx["account"] = sh(["psql", "-qAt", "-d", db_url, "-c",
                                 "SELECT account_id FROM members WHERE email = 'owner@bench.example'"]).strip()
        else:
            con = sqlite3.connect(db_file)
            ctx["account_blob"], ctx["member_blob"] = con.execute(
                "SELECT account_id, id FROM members WHERE email = 'owner@bench.example'").fetchone()
            con.close()
        paths = lambda name, lines: _write(work, name, lines)
        wenv = {"BENCH_TOKEN": api.token}
        d = args.duration
        api_res = {}
        list_file = paths("list.txt", [ctx["list_path"]])
        for c in (1, 4, 16):
            api_res[f"list_c{c}"] = wrk(server.url, "get_paths.lua", c, d, dict(wenv, BENCH_PATHS=list_file))
        deep_file = paths("deep.txt", [ctx["deep_path"]])
        api_res["deep_c1"] = wrk(server.url, "get_paths.lua", 1, d, dict(wenv, BENCH_PATHS=deep_file))
        get_file = paths("get.txt", [f"/api/v1/licenses/{i}" for i in ctx["ids"]])
        for c in (1, 16):
            api_res[f"get_c{c}"] = wrk(server.url, "get_paths.lua", c, d, dict(wenv, BENCH_PATHS=get_file))
        pairs_file = paths("pairs.txt", [f"{l} {u}" for l, u in ctx["pairs"]])
        pair_clients = 1 if backend == "sqlite" else min(8, len(ctx["pairs"]))
        api_res["pairs"] = wrk(server.url, "assign_pairs.lua", pair_clients, d, dict(wenv, BENCH_PAIRS=pairs_file))
        api_res["pairs"]["clients"] = pair_clients
        orders = [place_order(api, ctx, 10_000) for _ in range(args.orders)]
        results["order_10k_ms"] = [round(x) for x in orders]
        results["peak_rss_mb"] = round(server.peak_rss_mb(), 1)
        server.stop()
        server = None
        bare = {}
        if backend == "postgres":
            sql_dir = os.path.join(work, "sql")
            os.makedirs(sql_dir)
            defines = pg_scripts(ctx, sql_dir)
            pvalues = ",".join(f"({n}, '{l}', '{u}')" for n, (l, u) in enumerate(ctx["pairs"]))
            sh(["psql", "-q", "-d", db_url, "-c", "CREATE TABLE bench_pairs (client int, lic uuid, usr uuid)",
                "-c", f"INSERT INTO bench_pairs VALUES {pvalues}"])
            for c in (1, 4, 16):
                bare[f"list_c{c}"] = pgbench(db_url, os.path.join(sql_dir, "list.sql"), c, d, defines)
            for c in (1, 16):
                bare[f"get_c{c}"] = pgbench(db_url, os.path.join(sql_dir, "get.sql"), c, d, defines)
            bare["pairs"] = pgbench(db_url, os.path.join(sql_dir, "pair.sql"), pair_clients, d, defines)
            bare["pairs"]["rps"] *= 2  # one pgbench transaction = assign + unassign = two API requests
            bare["pairs"]["mean_ms"] /= 2
        else:
            acc = ctx["account_blob"]
            cc = [uuid.UUID(x).bytes for x in ctx["cc"]]
            sql = list_sql("sqlite", lambda i: "?" + str(i))
            bare["list_c1"] = sqlite_loop(db_file, sql, [(acc, cc[0], cc[1], f'"{SEARCH}"', f"%{SEARCH}%", 51)], d)
            bare["get_c1"] = sqlite_loop(db_file, get_sql(lambda i: "?" + str(i)),
                                         [(acc, uuid.UUID(i).bytes) for i in ctx["ids"]], d)
            bare["pairs"] = sqlite_pairs(db_file, ctx, d)
        results["api"], results["bare"] = api_res, bare
        return results
    finally:
        if server:
            server.stop()
        if backend == "postgres":
            subprocess.run(["psql", "-q", "-d", admin, "-c", f"DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)"],
                           capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


def _write(folder, name, lines):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def table(r):
    a, b = r["api"], r["bare"]
    ratio = lambda x, y: f"{x / y:.2f}" if x and y else "–"
    num = lambda v: f"{v:.2f}" if v else "–"
    rows = ["| scenario | clients | API p50 ms | API p99 ms | API mean ms | API req/s | bare p50 ms | bare mean ms "
            "| bare req/s | API÷bare mean | API÷bare req/s | non-2xx |", "|" + "---|" * 12]
    names = [("list_c1", "1 first page: q + 2 cost centers", 1), ("list_c4", "1 first page: q + 2 cost centers", 4),
             ("list_c16", "1 first page: q + 2 cost centers", 16), ("deep_c1", "2 deep page by cursor", 1),
             ("get_c1", "3 GET /licenses/{id}", 1), ("get_c16", "3 GET /licenses/{id}", 16),
             ("pairs", "4 assign/unassign (per request)", a["pairs"]["clients"])]
    for key, label, c in names:
        x, y = a.get(key), b.get(key, {})
        if not x:
            continue
        rows.append(f"| {label} | {c} | {x['p50_ms']:.2f} | {x['p99_ms']:.2f} | {x['mean_ms']:.2f} | {x['rps']:.0f} | "
                    f"{num(y.get('p50_ms'))} | {num(y.get('mean_ms'))} | {num(y.get('rps'))} | "
                    f"{ratio(x['mean_ms'], y.get('mean_ms'))} | {ratio(x['rps'], y.get('rps'))} | {x['non2xx']} |")
    rows.append(f"\n10,000-license order (complete, ms): {r['order_10k_ms']} · server peak RSS: {r['peak_rss_mb']} MB "
                f"· seed-large: {r['seed_s']} s")
    return "\n".join(rows)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--backend", choices=["postgres", "sqlite", "both"], default="both")
    parser.add_argument("--quick", action="store_true", help="50,000 licenses, 3 s per measurement")
    parser.add_argument("--pg-url", default=os.environ.get("TEST_DATABASE_URL",
                                                           "postgres://postgres@127.0.0.1:5432/postgres"))
    args = parser.parse_args()
    if args.quick:
        args.licenses, args.users, args.duration, args.orders, args.deep_pages = 50_000, 10_000, 3, 1, 10
    else:
        args.licenses, args.users, args.duration, args.orders, args.deep_pages = 1_000_000, 200_000, 10, 3, 40
    os.makedirs(OUT, exist_ok=True)
    backends = ["postgres", "sqlite"] if args.backend == "both" else [args.backend]
    for backend in backends:
        print(f"== {backend}: {args.licenses} licenses, {args.users} users", flush=True)
        r = run_backend(args, backend)
        r["mode"] = "quick" if args.quick else "full"
        with open(os.path.join(OUT, f"results-{backend}-{r['mode']}.json"), "w") as f:
            json.dump(r, f, indent=1)
        print(table(r), flush=True)


if __name__ == "__main__":
    sys.exit(main())
