"""Seatdesk benchmarks: the API under wrk against the same SQL sent straight to the database.

Run through bench/run.sh (it builds the release binary). For each backend: seeds a fresh
database with `seatdesk seed-large`, starts the release server, and measures at fixed
concurrency (1) the first license page with a search + two cost-center filters, for a common,
a medium and a rare search term, (2) a deep page of each by cursor, (3) GET /licenses/{id},
(4) assign/unassign pairs, (5) a 10,000-license order — then stops the server and replays
(1), (3), (4) bare (bench/bare.py: the statements `seatdesk bench-sql` prints, through
pgbench -M prepared or a sqlite3 loop). Writes bench/out/results-<backend>-<mode>.json and
bench/out/report-<mode>.md (bench/report.py). Standard library only.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import bare
import report

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
# In seed-large's data: `son` (Johnson, Wilson, Jackson… ~10% of licenses), `smith` (~1.3%),
# `ava smith` (one first + last name, ~0.06%). Common terms favour walking an index in list
# order, rare ones the trigram index; the list must be fast for all three.
TERMS = ["son", "smith", "ava smith"]

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


# ---------- the API side ----------

def list_path(ctx, term):
    q = urllib.parse.quote(term)
    return f"/api/v1/licenses?q={q}&cost_center={ctx['cc'][0]}&cost_center={ctx['cc'][1]}&limit=50"


def deep_path(api, ctx, term):
    """The page `deep_pages` pages in (or the last one), by following cursors."""
    base = list_path(ctx, term)
    path = base
    for _ in range(ctx["deep_pages"]):
        cursor = api.call("GET", path)[1].get("next_cursor")
        if not cursor:
            break
        path = base + "&cursor=" + urllib.parse.quote(cursor)
    return path


def discover(api, ctx):
    ccs = api.call("GET", "/api/v1/cost-centers?limit=2")[1]["items"]
    ctx["cc"] = [c["id"] for c in ccs]
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
    me = api.call("GET", "/api/v1/me")[1]
    ctx["member"] = me["id"]
    ctx["account"] = me["account"]["id"]


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



def measure_api(server, api, ctx, backend, d, work):
    points = []
    wenv = {"BENCH_TOKEN": api.token}

    def point(key, label, clients, script, **env):
        points.append({"key": key, "label": label, "clients": clients,
                       "api": wrk(server.url, script, clients, d, dict(wenv, **env))})

    for term in TERMS:
        paths = _write(work, "list.txt", [list_path(ctx, term)])
        for c in (1, 4, 16):
            point("list:" + term, f"1 first page: `{term}` + 2 cost centers", c, "get_paths.lua", BENCH_PATHS=paths)
        paths = _write(work, "deep.txt", [deep_path(api, ctx, term)])
        point("deep:" + term, f"2 deep page ({ctx['deep_pages']} pages in): `{term}`", 1, "get_paths.lua",
              BENCH_PATHS=paths)
    paths = _write(work, "get.txt", [f"/api/v1/licenses/{i}" for i in ctx["ids"]])
    for c in (1, 16):
        point("get", "3 GET /licenses/{id}", c, "get_paths.lua", BENCH_PATHS=paths)
    pairs = _write(work, "pairs.txt", [f"{l} {u}" for l, u in ctx["pairs"]])
    # SQLite has one writer: beyond a few clients requests only queue for it.
    for c in ((1, 4) if backend == "sqlite" else (1, 8)):
        point("pairs", "4 assign/unassign (per request)", c, "assign_pairs.lua", BENCH_PAIRS=pairs)
        free_pairs(api, ctx)
    return points


def free_pairs(api, ctx):
    """wrk stops mid-pair: unassign what it left assigned, so the next run starts in step."""
    for lic, _ in ctx["pairs"]:
        if api.call("GET", f"/api/v1/licenses/{lic}")[1]["assignee"]:
            api.call("POST", f"/api/v1/licenses/{lic}/unassign")


def measure_bare(args, backend, db_url, db_file, ctx, points, d, work):
    env = dict(os.environ, DATA_DIR=work, JWT_SECRET="bench-secret", LOG_LEVEL="warn")
    lic, usr = ctx["pairs"][0]
    base = {"account": ctx["account"], "member": ctx["member"], "cost_centers": ctx["cc"], "license": lic, "user": usr}
    get_stmts = None
    for term in TERMS:
        stmts = bare.statements(args.binary, db_url, env, dict(base, q=term))
        get_stmts, pair_stmts = stmts["get"], [stmts["assign"], stmts["unassign"]]
        for p in points:
            if p["key"] != "list:" + term:
                continue
            if backend == "postgres":
                script, defines = bare.pgbench_script([stmts["list"]], "l", {})
                p["bare"] = bare.pgbench(db_url, script, defines, p["clients"], d, work, "list")
            elif p["clients"] == 1:
                p["bare"] = bare.sqlite_loop(db_file, [stmts["list"]], d)
    for p in points:
        if p["key"] == "get" and backend == "postgres":
            script, defines = bare.pgbench_script([get_stmts], "g", {})
            p["bare"] = bare.pgbench(db_url, script, defines, p["clients"], d, work, "get")
        elif p["key"] == "get" and p["clients"] == 1:
            p["bare"] = bare.sqlite_loop(db_file, [get_stmts], d)
    for p in points:
        if p["key"] != "pairs":
            continue
        if backend == "postgres":
            p["bare"] = pg_pairs(db_url, pair_stmts, ctx["pairs"][:p["clients"]], lic, usr, d, work)
        elif p["clients"] == 1:
            p["bare"] = bare.sqlite_loop(db_file, pair_stmts, d, per_request=2)


def pg_pairs(db_url, pair_stmts, pairs, lic, usr, d, work):
    """One pgbench process per client, each on its own (license, user) pair, all at once."""
    procs = []
    for n, (l, u) in enumerate(pairs):
        script, defines = bare.pgbench_script(pair_stmts, "p", {lic: "lic", usr: "usr"})
        defines.update(lic=l, usr=u)
        procs.append((n, script, defines))
    results = []
    import concurrent.futures
    with concurrent.futures.ThreadPoolExecutor(len(procs)) as pool:
        futures = [pool.submit(bare.pgbench, db_url, script, defines, 1, d, work, f"pair{n}")
                   for n, script, defines in procs]
        results = [f.result() for f in futures]
    # One pgbench transaction is a pair: two API requests.
    return {"rps": 2 * sum(r["rps"] for r in results), "p50_ms": sorted(r["p50_ms"] for r in results)[len(results) // 2] / 2,
            "p99_ms": max(r["p99_ms"] for r in results) / 2, "mean_ms": sum(r["mean_ms"] for r in results) / len(results) / 2}


def run_backend(args, backend):
    work = tempfile.mkdtemp(prefix=f"seatdesk-bench-{backend}-")
    pg_name = f"seatdesk_bench_{os.getpid()}"
    admin = args.pg_url
    db_file = None
    if backend == "postgres":
        sh(["psql", "-q", "-d", admin, "-c", f"CREATE DATABASE {pg_name}"])
        parts = urllib.parse.urlsplit(admin)
        db_url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + pg_name, parts.query, ""))
    else:
        db_file = os.path.join(work, "bench.db")
        db_url = "sqlite://" + db_file
    server = None
    results = {"backend": backend, "licenses": args.licenses, "users": args.users, "terms": TERMS}
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
        points = measure_api(server, api, ctx, backend, args.duration, work)
        peak = server.peak_rss_mb()
        server.stop()
        server = None
        # Bare before the orders: 10,000 new licenses would change what the list reads.
        measure_bare(args, backend, db_url, db_file, ctx, points, args.duration, work)
        server = Server(args.binary, db_url, work)
        api.base = server.url
        results["order_10k_ms"] = [round(place_order(api, ctx, 10_000)) for _ in range(args.orders)]
        results["peak_rss_mb"] = round(max(peak, server.peak_rss_mb()), 1)
        results["points"] = points
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


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    mem = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    pg = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{os.cpu_count()} cores ({cpu}), {mem / 1048576:.0f} GiB, load average before the run "
            f"{' '.join(open('/proc/loadavg').read().split()[:3])}; {pg} client; Python sqlite3 {sqlite3.sqlite_version}")


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
    mode = "quick" if args.quick else "full"
    backends = ["postgres", "sqlite"] if args.backend == "both" else [args.backend]
    sections = [f"Machine: {machine()}. Started {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.\n"]
    for backend in backends:
        print(f"== {backend}: {args.licenses} licenses, {args.users} users", flush=True)
        r = run_backend(args, backend)
        r["mode"] = mode
        with open(os.path.join(OUT, f"results-{backend}-{mode}.json"), "w") as f:
            json.dump(r, f, indent=1)
        sections.append(report.markdown(r))
        print(sections[-1], flush=True)
    with open(os.path.join(OUT, f"report-{mode}.md"), "w") as f:
        f.write("\n".join(sections))


if __name__ == "__main__":
    sys.exit(main())
