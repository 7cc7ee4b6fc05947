"""Markdown tables from a benchmark result: every point, API beside bare, then the spec's targets
(../shared/spec/product.md, "Targets that are measured") each with its verdict."""


def _num(v, fmt="{:.2f}"):
    return fmt.format(v) if isinstance(v, (int, float)) else "–"


def _ratio(x, y):
    return f"{x / y:.2f}" if isinstance(x, (int, float)) and isinstance(y, (int, float)) and y else "–"


def points_table(r):
    rows = ["| scenario | clients | API p50 ms | API p99 ms | API req/s | bare p50 ms | bare p99 ms | bare req/s "
            "| API÷bare p50 | API÷bare req/s | non-2xx |", "|" + "---|" * 11]
    for p in r["points"]:
        a, b = p["api"], p.get("bare") or {}
        rows.append(f"| {p['label']} | {p['clients']} | {_num(a['p50_ms'])} | {_num(a['p99_ms'])} | "
                    f"{_num(a['rps'], '{:,.0f}')} | {_num(b.get('p50_ms'))} | {_num(b.get('p99_ms'))} | "
                    f"{_num(b.get('rps'), '{:,.0f}')} | {_ratio(a['p50_ms'], b.get('p50_ms'))} | "
                    f"{_ratio(a['rps'], b.get('rps'))} | {a['non2xx'] + a.get('socket_errors', 0)} |")
    rows.append("")
    rows.append(f"10,000-license order (`POST /checkouts/{{id}}/complete`), ms: {r['order_10k_ms']} · "
                f"server peak RSS: {r['peak_rss_mb']} MB · seed-large: {r['seed_s']} s")
    return "\n".join(rows)


def _point(r, key, clients):
    return next((p for p in r["points"] if p["key"] == key and p["clients"] == clients), None)


def verdicts(r):
    """(target, measured, ok) for every target that applies to this backend."""
    out, pg = [], r["backend"] == "postgres"
    for term in r["terms"]:
        key = "list:" + term
        if pg:
            one, four, sixteen = _point(r, key, 1), _point(r, key, 4), _point(r, key, 16)
            ratio = one["api"]["p50_ms"] / one["bare"]["p50_ms"]
            out.append((f"list `{term}`: API p50 at 1 client ≤ 1.3 × bare p50",
                        f"{one['api']['p50_ms']:.2f} ms = {ratio:.2f} × {one['bare']['p50_ms']:.2f} ms", ratio <= 1.3))
            out.append((f"list `{term}`: API p99 at 4 clients ≤ 15 ms", f"{four['api']['p99_ms']:.2f} ms",
                        four["api"]["p99_ms"] <= 15))
            ratio = sixteen["api"]["rps"] / sixteen["bare"]["rps"]
            out.append((f"list `{term}`: API throughput at 16 clients ≥ 0.7 × bare",
                        f"{sixteen['api']['rps']:,.0f} req/s = {ratio:.2f} × {sixteen['bare']['rps']:,.0f}", ratio >= 0.7))
        else:
            one = _point(r, key, 1)
            out.append((f"list `{term}`: API p99 at 1 client ≤ 25 ms", f"{one['api']['p99_ms']:.2f} ms",
                        one["api"]["p99_ms"] <= 25))
        first, deep = _point(r, key, 1), _point(r, "deep:" + term, 1)
        ratio = deep["api"]["p50_ms"] / first["api"]["p50_ms"]
        out.append((f"list `{term}`: a deep page by cursor costs the same as the first (p50 within 1.5 ×)",
                    f"{deep['api']['p50_ms']:.2f} ms vs {first['api']['p50_ms']:.2f} ms ({ratio:.2f} ×)", ratio <= 1.5))
    if pg:
        get = _point(r, "get", 16)
        out.append(("`GET /licenses/{id}` ≥ 5,000 req/s at 16 clients", f"{get['api']['rps']:,.0f} req/s",
                    get["api"]["rps"] >= 5000))
    # Same transaction, same number of clients; SQLite's bare loop is one connection (its single
    # writer serialises the transaction anyway), so its API side is the best of 1 and 4 clients.
    pairs = [p for p in r["points"] if p["key"] == "pairs"]
    bare_pairs = [p for p in pairs if p.get("bare")]
    for b in bare_pairs:
        api = b if pg else max(pairs, key=lambda p: p["api"]["rps"])
        ratio = api["api"]["rps"] / b["bare"]["rps"]
        out.append((f"assign/unassign: API throughput ≥ 0.6 × bare (same transaction, bare at {b['clients']} "
                    f"client{'s' if b['clients'] > 1 else ''})",
                    f"{api['api']['rps']:,.0f} req/s at {api['clients']} clients = {ratio:.2f} × {b['bare']['rps']:,.0f}",
                    ratio >= 0.6))
    worst = max(r["order_10k_ms"])
    out.append(("placing a 10,000-license order ≤ 1 s", f"{worst} ms (slowest of {len(r['order_10k_ms'])})", worst <= 1000))
    out.append(("server memory under load ≤ 150 MB RSS", f"{r['peak_rss_mb']} MB peak", r["peak_rss_mb"] <= 150))
    return out


def verdict_table(r):
    rows = ["| target | measured | verdict |", "|---|---|---|"]
    rows += [f"| {t} | {m} | {'met' if ok else '**missed**'} |" for t, m, ok in verdicts(r)]
    return "\n".join(rows)


def markdown(r):
    title = {"postgres": "PostgreSQL", "sqlite": "SQLite"}[r["backend"]]
    return (f"### {title}, {r['licenses']:,} licenses / {r['users']:,} users\n\n{points_table(r)}\n\n"
            f"{verdict_table(r)}\n")
