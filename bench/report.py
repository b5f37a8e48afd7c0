"""Turns one bench run (runs.jsonl, startup.jsonl, machine.json) into results.md, results.json
and chart.png, and checks the targets of the benchmark issue. Usage: report.py RESULTS_DIR"""
import json
import statistics
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

out = Path(sys.argv[1])
machine = json.loads((out / "machine.json").read_text())


def read_jsonl(name):
    """The rows of one of run.sh's JSON-lines files; none when that part of the bench did not run."""
    path = out / name
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def warmup_text():
    """How the runs were warmed up: a fixed time before warmups.jsonl existed, else until the JIT was quiet."""
    warmups = read_jsonl("warmups.jsonl")
    if not warmups:
        return f"{machine['warmup_s']} s warm-ups"
    seconds = [w["seconds"] for w in warmups]
    busy = sum(not w["jit_quiet"] for w in warmups)
    return (f"warm-ups of at least {machine['warmup_s']} s that went on until the JIT compilers used under "
            f"{machine['jit_quiet_percent']} % of a core for {machine['jit_quiet_window_s']} s (this run: {len(warmups)} warm-ups, {min(seconds)}-{max(seconds)} s"
            + (f"; {busy} stopped at the {machine['warmup_max_s']} s limit with the JIT still compiling)" if busy else ")"))


runs = read_jsonl("runs.jsonl")
startups = read_jsonl("startup.jsonl")
fixed = read_jsonl("fixedrate.jsonl")
pairs = read_jsonl("pairs.jsonl")

LABELS = {
    "root": "GET / (ceiling)",
    "cached": "GET /users/{id} cached",
    "uncached": "GET /users/{id} uncached",
    "list": "GET /users?limit=20",
    "post": "POST /users",
}


def ms(us):
    return f"{us / 1000:.1f}"


def find(scenario, conns):
    return next((r for r in runs if r["scenario"] == scenario and r["connections"] == conns), None)


def cache_hits(run):
    """Hits of every cache tier during the run (the in-process tier's never reach Redis' counters)."""
    return sum(v for k, v in run.get("cache", {}).items() if k.endswith(":hit"))


def allocated_mib(run):
    """The run's allocation in MiB; older runs recorded only the rounded KiB per request."""
    if run.get("allocated_mib") is not None:
        return run["allocated_mib"]
    return run["alloc_kib_per_request"] * run["requests"] / 1024


def section(title, columns, rule, rows, caption):
    """A section of results.md: its title, a table (rule: the Markdown alignment row) and a caption."""
    return [f"## {title}", "", "| " + " | ".join(columns) + " |", rule,
            *("| " + " | ".join(row) + " |" for row in rows), "", caption, ""]


lines = [
    "# users-api benchmark",
    "",
    f"{machine['date_utc']} · {machine['nproc']} cores ({machine['cpu_model']}) · {machine['mem_total_gib']} GiB RAM · "
    f"kernel {machine['kernel']} · Docker {machine['docker']} · compose {machine['compose']} · {machine['wrk']} · "
    f"{machine['java']} · commit {machine['git_commit']}",
    "",
    f"Load average (1/5/15 min) at start: {machine['load_at_start']}; at end: {machine.get('load_at_end', '?')}. "
    "wrk runs on the same machine as the stack (the load generator competes with the server for the cores).",
    "",
    f"Each run: wrk -t{machine['wrk_threads']}, {machine['duration_s']} s, after {warmup_text()}; "
    f"{machine['seed_users']} seeded users. JVM: `{machine['entrypoint']}`, {machine['jvm_options'] or 'no JAVA_TOOL_OPTIONS'}.",
    "",
    # results before BENCH_TARGET existed went through the published port
    f"Load sent to: {machine.get('target', 'published 127.0.0.1 port (docker-proxy)')}; "
    f"load generator's CPU cgroup: {machine.get('load_cgroup', 'none (where make bench ran)')}.",
    "",
    "| scenario | conns | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | API CPU (cores) | API peak RSS MiB | "
    "docker stats (CPU, mem) | cache hit (of them in-process)/miss/load | SQL stmts on users | PG xacts | load before |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---|",
]
for r in runs:
    cache = r.get("cache", {})
    # users-local = the in-process tier (Caffeine metrics): its hits never reach the Redis counters,
    # its misses go on to Redis and are counted there
    hit = cache_hits(r)
    local_hit = cache.get("users-local:hit", 0)
    miss = sum(v for k, v in cache.items() if k.endswith(":miss") and not k.startswith("users-local:"))
    load = sum(v for k, v in cache.items() if k.endswith(":load"))
    lines.append(
        f"| {LABELS.get(r['scenario'], r['scenario'])} | {r['connections']} | {r['rps']:.0f} | {ms(r['lat_p50_us'])} | "
        f"{ms(r['lat_p90_us'])} | {ms(r['lat_p99_us'])} | {ms(r['lat_max_us'])} | {r['errors']} | {r['cpu_cores']:.2f} | "
        f"{r['rss_peak_mib']} | {r['docker_stats_cpu']}, {r['docker_stats_mem']} | {hit:.0f} ({local_hit:.0f})/{miss:.0f}/{load:.0f} | "
        f"{r['sql_statements_users']} | {r['pg_transactions']} | {r['load_before']} |")

lines += ["", "Errors = socket errors + timeouts + HTTP status >= 400. SQL stmts on users = pg_stat_statements "
          "calls of statements naming the users table during the run (reset before it); PG xacts = "
          "xact_commit + xact_rollback delta of the database (includes health checks).", ""]
for r in runs:
    if r["scenario"] != "uncached" or not cache_hits(r):
        continue
    lines += [f"**The uncached run at {r['connections']} connections was not all misses**: {cache_hits(r):.0f} of its "
              f"{r['requests']} reads were cache hits (more requests than unread ids: raise BENCH_SEED_USERS).", ""]

# ---- allocation and GC (runs before 2026-11-26 15:00 UTC did not record them; None: the service
# exported no jvm.gc metrics)
gc_runs = [r for r in runs if r.get("alloc_kib_per_request") is not None]
if any(r.get("alloc_kib_per_request", 0) is None for r in runs):
    lines += ["**Allocation and GC not measured**: the service exported no jvm.gc.memory metrics on "
              "/actuator/prometheus during some runs.", ""]
if gc_runs:
    def gc_row(r):
        seconds = r["duration_us"] / 1e6
        return [LABELS.get(r["scenario"], r["scenario"]), str(r["connections"]), f"{r['alloc_kib_per_request']:.1f}",
                f"{allocated_mib(r) / seconds:.0f}", f"{r['promoted_mib']:.1f}", str(r["gc_pauses"]),
                f"{r['gc_pause_ms']:.0f}", f"{r['gc_pause_ms'] / seconds:.1f}",
                f"{r['gc_remark_cleanup_pauses']}, {r['gc_remark_cleanup_ms']:.0f}", str(r["rss_peak_mib"])]
    lines += section(
        "Allocation and GC pauses per run",
        ["scenario", "conns", "allocated KiB/request", "allocated MiB/s", "promoted MiB", "GC pauses",
         "pause ms total", "pause ms per s", "of them G1 Remark + Cleanup (n, ms)", "API peak RSS MiB"],
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|", [gc_row(r) for r in gc_runs],
        "From the JVM's own counters (Micrometer's jvm.gc.memory.allocated/promoted and jvm.gc.pause, "
        "read from /actuator/prometheus before and after each run). G1's Remark and Cleanup pauses (one "
        "each per concurrent marking cycle) are counted in the pauses; Micrometer files them under "
        "jvm.gc.concurrent.phase.time. The allocation rate sets how often "
        "the young generation fills, so it is what a smaller heap trades against: each pause stops "
        "every request in flight.")

# ---- fixed rate
if fixed:
    lines += section(
        "Cached reads at fixed rates (open loop, vegeta, at most 32 connections)",
        ["rate req/s", "achieved req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "load before"],
        "|---:|---:|---:|---:|---:|---:|---:|---|",
        [[str(f["rate"]), f"{f['throughput']:.0f}", f"{f['p50_ms']:.1f}", f"{f['p90_ms']:.1f}", f"{f['p99_ms']:.1f}",
          f"{f['max_ms']:.1f}", str(f["errors"]), f["load_before"]] for f in fixed],
        "wrk (above) sends the next request as soon as an answer arrives, so its runs are at "
        "saturation; here requests leave on a fixed schedule, so the latency is what a client sees "
        "at that load.")

# ---- startup
if startups:
    def startup_row(mode, s):
        ready = [x["ready_s"] for x in s]
        jvm = [x["jvm_process_running_s"] for x in s if x["jvm_process_running_s"] == x["jvm_process_running_s"]]
        return ["with AOT cache" if mode == "aot" else "without AOT cache", str(len(s)),
                f"{statistics.median(ready):.2f}", f"{min(ready):.2f}", f"{max(ready):.2f}",
                f"{statistics.median(jvm) if jvm else float('nan'):.2f}", s[0]["load"]]
    by_mode = {mode: [x for x in startups if x["mode"] == mode] for mode in ("aot", "no-aot")}
    lines += section(
        "Startup: container process start → readiness 200",
        ["mode", "runs", "median ready s", "min", "max", "JVM 'process running for' s (median)", "load"],
        "|---|---:|---:|---:|---:|---:|---|", [startup_row(mode, s) for mode, s in by_mode.items() if s],
        "Ready = container StartedAt (docker) to the first 200 of /actuator/health/readiness "
        # runs before 2026-11-27 13:00 UTC polled with a curl every 20 ms and did not record the poller
        f"(polled every 20 ms from the host{' by ' + machine['ready_poller'] if 'ready_poller' in machine else ''}).")

if pairs:
    lines += section(
        "Cached / GET / in back-to-back pairs",
        ["conns", "pair", "GET / req/s", "cached by-id req/s", "ratio", "errors"], "|---:|---:|---:|---:|---:|---:|",
        [[str(p["connections"]), str(p["pair"]), f"{p['root_rps']:.0f}", f"{p['cached_rps']:.0f}",
          f"{p['ratio'] * 100:.0f} %", str(p["errors"])] for p in pairs],
        "Short runs of GET / and cached reads, one right after the other, after the other scenarios at each "
        "connection count. The target's ratio above comes from one run of each; these pairs give several "
        "more, and their range shows how far one ratio moves on this machine.")


def pair_ratios(conns):
    return sorted(p["ratio"] for p in pairs if p["connections"] == conns)


# ---- targets
targets = []
for conns in sorted({r["connections"] for r in runs}):
    root, cached = find("root", conns), find("cached", conns)
    if root and cached:
        ratio = cached["rps"] / root["rps"]
        targets.append((f"cached by-id ≥ 70 % of GET / ({conns} conns)", f"{ratio * 100:.0f} %", ratio >= 0.70))
    ratios = pair_ratios(conns)
    if ratios:
        median = statistics.median(ratios)
        targets.append((f"(context) the same, median of {len(ratios)} back-to-back pairs ({conns} conns)",
                        f"{median * 100:.0f} % ({ratios[0] * 100:.0f}-{ratios[-1] * 100:.0f} %)", median >= 0.70))
    if cached:
        targets.append((f"cached by-id: 0 SQL statements on users ({conns} conns)",
                        str(cached["sql_statements_users"]), cached["sql_statements_users"] == 0))
cached32 = find("cached", 32)
if cached32:
    targets.append(("p99 ≤ 10 ms at 32 conns (cached by-id)", f"{cached32['lat_p99_us'] / 1000:.1f} ms",
                    cached32["lat_p99_us"] <= 10_000))
root32 = find("root", 32)
if root32:
    targets.append(("p99 ≤ 10 ms at 32 conns (GET /)", f"{root32['lat_p99_us'] / 1000:.1f} ms",
                    root32["lat_p99_us"] <= 10_000))
rss = [r["rss_peak_mib"] for r in runs if r["rss_peak_mib"]]
if rss:
    targets.append(("RSS ≤ 256 MiB under load (peak over all runs)", f"{max(rss):.0f} MiB", max(rss) <= 256))
# Runs before 2026-11-26 17:30 UTC did not record the anonymous part.
anon = [r["rss_anon_peak_mib"] for r in runs if r.get("rss_anon_peak_mib")]
if anon:
    targets.append(("(context) anonymous part of that RSS (RssAnon: what Kubernetes' container_memory_rss "
                    "counts; the rest is file pages: the AOT cache's unpatched pages, libjvm.so)", f"{max(anon):.0f} MiB",
                    max(anon) <= 256))
aot = [x["ready_s"] for x in startups if x["mode"] == "aot"]
if aot:
    targets.append(("ready ≤ 3 s (with AOT cache, median)", f"{statistics.median(aot):.2f} s",
                    statistics.median(aot) <= 3.0))
# A rate above what the machine serves fails requests by design (vegeta's time-out): each rate's row
# says so next to its p99, rather than folding them into the error count of the saturation runs.
for f in fixed:
    failed = f" ({f['errors']} of {f['requests']} failed; {f['throughput']:.0f} req/s served)" if f["errors"] else ""
    targets.append((f"(context) p99 ≤ 10 ms and no errors, cached by-id at a fixed {f['rate']} req/s, ≤ 32 conns",
                    f"{f['p99_ms']:.1f} ms{failed}", f["p99_ms"] <= 10 and f["errors"] == 0))
errors = sum(r["errors"] for r in runs) + sum(p["errors"] for p in pairs)
targets.append(("no errors in any wrk run (the scenarios and the pairs)", str(errors), errors == 0))
lines += ["## Targets (issue 8)", "", "| target | measured | met |", "|---|---:|---|"]
lines += [f"| {t} | {v} | {'yes' if ok else '**no**'} |" for t, v, ok in targets]
lines += ["", "![chart](chart.png)", ""]
# Notes written by hand next to the results (e.g. the tuning before/after of bench/compare.py).
if (out / "notes.md").exists():
    lines += [(out / "notes.md").read_text()]

(out / "results.md").write_text("\n".join(lines))
(out / "results.json").write_text(json.dumps({"machine": machine, "runs": runs, "startup": startups,
                                              "fixed_rate": fixed, "pairs": pairs,
                                              "targets": [{"target": t, "measured": v, "met": ok}
                                                          for t, v, ok in targets]}, indent=2))

# ---- chart: req/s and p99 by scenario and connection count
scenarios = [s for s in LABELS if any(r["scenario"] == s for r in runs)]
conn_counts = sorted({r["connections"] for r in runs})
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, 5))
width = 0.8 / max(len(conn_counts), 1)
for i, c in enumerate(conn_counts):
    xs = [j + i * width for j in range(len(scenarios))]
    rps = [(find(s, c) or {}).get("rps", 0) for s in scenarios]
    p99 = [(find(s, c) or {}).get("lat_p99_us", 0) / 1000 for s in scenarios]
    ax1.bar(xs, rps, width, label=f"{c} connections")
    ax2.bar(xs, p99, width, label=f"{c} connections")
for ax, title in ((ax1, "throughput (req/s)"), (ax2, "p99 latency (ms)")):
    ax.set_xticks([j + width * (len(conn_counts) - 1) / 2 for j in range(len(scenarios))])
    ax.set_xticklabels([LABELS[s] for s in scenarios], rotation=20, ha="right", fontsize=8)
    ax.set_title(title)
    ax.legend()
ax2.axhline(10, color="red", linestyle="--", linewidth=1)
fig.suptitle(f"users-api · {machine['nproc']} cores · load at start {machine['load_at_start']} · {machine['date_utc']}")
fig.tight_layout()
fig.savefig(out / "chart.png", dpi=110)

print("\n".join(lines))
