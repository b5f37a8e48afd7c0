#!/usr/bin/env bash
# make bench: load-tests the service in its container (the compose stack, in a compose project
# of its own) with wrk from this machine, then writes results.md, results.json and chart.png
# to bench/results/<UTC timestamp>/ (or bench/results/$BENCH_OUT/).
#
# Scenarios, each at every connection count of BENCH_CONNECTIONS (default "32 128"):
#   root      GET /                      no database, no cache: the service's own ceiling
#   cached    GET /users/{id}            1000 ids read once before (warm-up): every read a cache hit (in-process tier)
#   uncached  GET /users/{id}            Redis FLUSHALL first, then distinct ids the warm-up never read:
#                                        every read a miss (the run warns, and results.md says so, if not)
#   list      GET /users?limit=20&...    50 pages, cycled (cached after their first read)
#   post      POST /users                a unique email a request
#   pairs     GET / and cached reads     BENCH_RATIO_PAIRS (5) back-to-back pairs of short runs
#                                        (BENCH_RATIO_SECONDS, 6): the cached / GET / ratio of each
# For each run: req/s, p50/p90/p99/max latency, errors (socket errors and HTTP >= 400), the
# API process's CPU and peak RSS (from /proc of its host PID, plus a `docker stats` sample),
# the cache outcome counters, the bytes the JVM allocated per request and its GC pauses
# (/actuator/prometheus) and the SQL statements PostgreSQL executed (pg_stat_statements, loaded
# by bench/compose.override.yml). Then startup, process start to
# readiness, with and without the AOT cache.
# Fixed rate (scenario "fixedrate"): wrk is closed-loop, so every run above is at saturation and its
# p99 is queueing. vegeta (Go module, built on first use) sends cached by-id reads at fixed rates
# (BENCH_RATES, req/s) over at most 32 connections and reports the latency at each: an open-loop
# measurement of what a client sees at a given load.
#
# Knobs (environment): BENCH_DURATION (s a run, 15), BENCH_WARMUP (s, 8: the shortest warm-up; each
# goes on until the JIT compilers are quiet, at most BENCH_WARMUP_MAX, 90), BENCH_CONNECTIONS,
# BENCH_THREADS (wrk -t, 2), BENCH_SEED_USERS (600000), BENCH_STARTUP_RUNS (3),
# BENCH_SCENARIOS ("root cached uncached list post pairs fixedrate"; "" = startup only), BENCH_RATES ("1000 5000 10000"),
# BENCH_RATIO_PAIRS (5), BENCH_RATIO_SECONDS (6),
# BENCH_KEEP_STACK=1 (leave it running),
# BENCH_API_PORT (18000), BENCH_MANAGEMENT_PORT (18081), BENCH_OUT, BENCH_COMPOSE_EXTRA (a variant),
# BENCH_TARGET: "container" (default) sends the load to the API container's address on the compose
#   network, as a load balancer reaches a pod; "published" goes through the published port, i.e.
#   through Docker's userland proxy (docker-proxy), which on this 2-core machine costs about one core
#   at 19 000 req/s and caps every scenario (GET / 19 000 req/s published vs 50 000-62 000 direct).
# BENCH_LOAD_CGROUP: "api" (default) runs wrk and vegeta in the API container's CPU cgroup, so the
#   kernel schedules their threads and the JVM's as peers, as two processes on one machine; "none"
#   leaves them where they were started (required when a variant gives the api a CPU limit:
#   the load generator would share it). Docker puts the container in a cgroup of its own, and
#   with the load generator outside it the kernel first splits the CPU between the two groups: the
#   JVM's threads then wait for their group's turn, and p99 at 32 connections measured 10-25 ms
#   (sibling cgroups, or wrk in the root cgroup) instead of 4.5-7.8 ms as peers (2026-11-26).
#   "api" needs write access to the cgroup filesystem (root, as Docker itself).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/tools/lib.sh
source scripts/tools/lib.sh

export COMPOSE_PROJECT_NAME="${BENCH_PROJECT:-users-api-bench}"
export API_PORT="${BENCH_API_PORT:-18000}" MANAGEMENT_HOST_PORT="${BENCH_MANAGEMENT_PORT:-18081}"
# BENCH_COMPOSE_EXTRA: one more compose file on top, to measure a tuning variant (bench/tuning/)
export COMPOSE_FILE="docker-compose.yml:bench/compose.override.yml${BENCH_COMPOSE_EXTRA:+:$BENCH_COMPOSE_EXTRA}"
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-8}
WARMUP_MAX=${BENCH_WARMUP_MAX:-90}
JIT_QUIET_PERCENT=10 JIT_QUIET_WINDOW=3
CONNECTIONS=${BENCH_CONNECTIONS:-32 128}
export WRK_THREADS=${BENCH_THREADS:-2}
SEED_USERS=${BENCH_SEED_USERS:-600000}
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-3}
SCENARIOS=${BENCH_SCENARIOS-root cached uncached list post pairs fixedrate}
RATES=${BENCH_RATES:-1000 5000 10000}
RATIO_PAIRS=${BENCH_RATIO_PAIRS:-5}
RATIO_SECONDS=${BENCH_RATIO_SECONDS:-6}
CACHED_IDS=1000
# the uncached run needs more distinct ids than it can read (about 10 000 req/s here)
((SEED_USERS >= 20 * CACHED_IDS)) || die "BENCH_SEED_USERS must be at least $((20 * CACHED_IDS)) (the uncached run reads distinct ids)"
MGMT="http://127.0.0.1:$MANAGEMENT_HOST_PORT"
out="bench/results/${BENCH_OUT:-$(date -u +%Y%m%dT%H%M%SZ)}"
export BENCH_LUA_DIR="$PWD/bench/lua"

command -v wrk >/dev/null || die "wrk is not installed (Debian: apt-get install wrk)"
command -v curl >/dev/null || die "curl is not installed"
[[ -f docker-compose.yml ]] || die "docker-compose.yml not found: the compose stack is not on this branch"
venv=$(ensure_venv bench bench/requirements.txt)
vegeta=""
[[ " $SCENARIOS " == *" fixedrate "* ]] && vegeta=$(ensure_go_tool vegeta github.com/tsenart/vegeta/v12@v12.13.0)
resolve_compose
mkdir -p "$out"
rm -f "$out/runs.jsonl" "$out/startup.jsonl" "$out/fixedrate.jsonl" "$out/warmups.jsonl"

if [[ "${BENCH_KEEP_STACK:-0}" != 1 ]]; then
  trap 'log "taking the bench stack down"; scripts/stack.sh down >/dev/null 2>&1 || log "stack down failed"' EXIT
fi
scripts/stack.sh up

cid() { "${COMPOSE[@]}" ps -q "$1" | head -n1; }
api_c=$(cid api) pg_c=$(cid postgres) redis_c=$(cid redis)
psql_() { docker exec -i "$pg_c" psql -U postgres -d mydb -v ON_ERROR_STOP=1 -qAt "$@"; }
api_pid() { docker inspect -f '{{.State.Pid}}' "$api_c"; }
# the api's CPU limit (0: none); start-up runs get it too, and wrk must not share it
nano_cpus=$(docker inspect -f '{{.HostConfig.NanoCpus}}' "$api_c")
case ${BENCH_TARGET:=container} in
  container) API="http://$(container_ip "$api_c"):8000" ;;
  published) API="http://127.0.0.1:$API_PORT" ;;
  *) die "BENCH_TARGET must be container or published, not '$BENCH_TARGET'" ;;
esac
curl -fsS -o /dev/null --max-time 5 "$API/" || die "the API does not answer on $API (BENCH_TARGET=$BENCH_TARGET; the container address is reachable from a Linux host only, use BENCH_TARGET=published elsewhere)"
log "load target: $API ($BENCH_TARGET)"

# cpu_cgroup_dir PID: the cgroup directory that schedules the process's CPU time (cgroup v1 or v2)
cpu_cgroup_dir() {
  local path
  if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
    path=$(sed -n 's/^0:://p' "/proc/$1/cgroup")
    echo "/sys/fs/cgroup$path"
  else
    path=$(awk -F: '$2 ~ /(^|,)cpu(,|$)/ {print $3}' "/proc/$1/cgroup")
    echo "/sys/fs/cgroup/cpu$path"
  fi
}
load_cgroup=""
case ${BENCH_LOAD_CGROUP:=api} in
  api)
    ((nano_cpus == 0)) \
      || die "the api container has a CPU limit, which wrk and vegeta would share in its cgroup; set BENCH_LOAD_CGROUP=none"
    load_cgroup=$(cpu_cgroup_dir "$(api_pid)")
    [[ -w "$load_cgroup/cgroup.procs" ]] \
      || die "cannot put the load generator in the API's CPU cgroup ($load_cgroup/cgroup.procs is not writable); run as root or set BENCH_LOAD_CGROUP=none" ;;
  none) ;;
  *) die "BENCH_LOAD_CGROUP must be api or none, not '$BENCH_LOAD_CGROUP'" ;;
esac
log "load generator cgroup: ${load_cgroup:-where make bench runs} (BENCH_LOAD_CGROUP=$BENCH_LOAD_CGROUP)"
# load_gen CMD...: runs a load generator, in the API's CPU cgroup when BENCH_LOAD_CGROUP=api
load_gen() {
  if [[ -n "$load_cgroup" ]]; then
    # shellcheck disable=SC2016 # $$ and $1 belong to the inner shell
    bash -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' load-gen "$load_cgroup" "$@"
  else
    "$@"
  fi
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# Counters from /actuator/prometheus as name=value words:
#   <cache>:<result>  users_cache_requests_total (Redis tier) and cache_gets_total (Caffeine: the
#                     in-process tier, cache="users-local")
#   gc:allocated, gc:promoted  jvm_gc_memory_{allocated,promoted}_bytes_total (Micrometer adds them
#                     up at each collection, so a run's delta is off by at most one young generation)
#   gc:pauses, gc:pause_s      stop-the-world pauses: jvm_gc_pause_seconds_{count,sum} of every
#                     collector and cause, plus G1's Remark and Cleanup pauses, which the JDK
#                     reports as the "G1 Concurrent GC" collector and Micrometer therefore files
#                     under jvm_gc_concurrent_phase_time_seconds (also kept apart as gc:remarks,
#                     gc:remark_s: one Remark and one Cleanup per concurrent marking cycle)
service_counters() {
  curl -fsS "$MGMT/actuator/prometheus" | awk '
    /^(users_cache_requests|cache_gets)_total[{]/ {
      cache = result = ""
      if (match($0, /cache="[^"]*"/)) cache = substr($0, RSTART + 7, RLENGTH - 8)
      if (match($0, /result="[^"]*"/)) result = substr($0, RSTART + 8, RLENGTH - 9)
      printf "%s:%s=%s ", cache, result, $NF
    }
    /^jvm_gc_memory_allocated_bytes_total[{ ]/ { printf "gc:allocated=%s ", $NF }
    /^jvm_gc_memory_promoted_bytes_total[{ ]/ { printf "gc:promoted=%s ", $NF }
    /^jvm_gc_pause_seconds_count[{ ]/ { pauses += $NF }
    /^jvm_gc_pause_seconds_sum[{ ]/ { pause_s += $NF }
    /^jvm_gc_concurrent_phase_time_seconds_count[{].*gc="G1 Concurrent GC"/ { remarks += $NF }
    /^jvm_gc_concurrent_phase_time_seconds_sum[{].*gc="G1 Concurrent GC"/ { remark_s += $NF }
    END {
      printf "gc:pauses=%d gc:pause_s=%s gc:remarks=%d gc:remark_s=%s\n", \
        pauses + remarks, pause_s + remark_s, remarks, remark_s + 0
    }'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# ---- machine and versions ------------------------------------------------------------------
log "recording the machine"
image_id=$(docker inspect -f '{{.Image}}' "$api_c")
java_version=$(docker run --rm --entrypoint java users-api:bench -version 2>&1 | grep -m1 ' version ' || true)
jvm_env=$(container_env "$api_c" | grep '^JAVA_TOOL_OPTIONS=' || true)
jvm_entrypoint=$(docker inspect -f '{{json .Config.Entrypoint}}' users-api:bench)
python3 - "$out/machine.json" <<EOF
import json, sys
json.dump({
  "date_utc": "$(date -u +%FT%TZ)",
  "nproc": $(nproc),
  "cpu_model": """$(sed -n '0,/^model name/s/^model name[[:space:]]*: //p' /proc/cpuinfo)""",
  "mem_total_gib": round($(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1048576, 1),
  "kernel": "$(uname -r)",
  "load_at_start": "$(loadavg)",
  "docker": "$(docker version --format '{{.Server.Version}}' 2>/dev/null)",
  "compose": "$("${COMPOSE[@]}" version --short 2>/dev/null || "${COMPOSE[@]}" version | head -n1)",
  "wrk": "$(wrk --version 2>&1 | sed -n '1s/^\(wrk [^ ]*\).*/\1/p')",
  "java": """$java_version""",
  "jvm_options": """$jvm_env""",
  "entrypoint": """$jvm_entrypoint""",
  "image_id": "$image_id",
  "git_commit": "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)",
  "compose_files": "$COMPOSE_FILE",
  "target": "$BENCH_TARGET $API",
  "load_cgroup": "$BENCH_LOAD_CGROUP ${load_cgroup:-}",
  "duration_s": $DURATION, "warmup_s": $WARMUP, "warmup_max_s": $WARMUP_MAX,
  "jit_quiet_percent": $JIT_QUIET_PERCENT, "jit_quiet_window_s": $JIT_QUIET_WINDOW, "wrk_threads": $WRK_THREADS,
  "seed_users": $SEED_USERS, "ready_poller": "one process, bench/wait_ready.py",
}, open(sys.argv[1], "w"), indent=2)
EOF

# ---- data ----------------------------------------------------------------------------------
psql_ -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
have=$(psql_ -c "SELECT count(*) FROM users")
if ((have < SEED_USERS)); then
  log "seeding $((SEED_USERS - have)) users"
  psql_ -c "INSERT INTO users (name, email) SELECT 'Seed User ' || g, 'seed-' || g || '-' || md5(random()::text) || '@example.com' FROM generate_series(1, $((SEED_USERS - have))) g"
  psql_ -c "VACUUM ANALYZE users"
fi
first_id=$(psql_ -c "SELECT min(id) FROM users")
last_id=$(psql_ -c "SELECT max(id) FROM users")
# ids past the cached ones: the warm-up reads the upper half; the uncached runs read the lower half,
# each continuing where the one before stopped, so none reads an id still in the in-process cache
# (FLUSHALL empties only Redis)
uncached_first=$((first_id + CACHED_IDS)) uncached_count=$(((last_id - first_id - CACHED_IDS) / 2))
uncached_next=$uncached_first

# ---- one wrk run -----------------------------------------------------------------------------
# wrk_load SECONDS CONNECTIONS SCRIPT JSON [VAR=VALUE...]: one measured wrk run; common.lua's done()
# writes its summary to JSON, wrk's own report goes to stdout
wrk_load() {
  local seconds=$1 conns=$2 script=$3 json=$4; shift 4
  load_gen env "$@" WRK_JSON="$json" wrk -t"$WRK_THREADS" -c"$conns" -d"${seconds}s" --timeout 5s \
    -s "bench/lua/$script" "$API"
}

# run NAME CONNECTIONS SCRIPT [VAR=VALUE...]: measures one run and appends it to runs.jsonl
run() {
  local name=$1 conns=$2 script=$3; shift 3
  local pid json rss_file ticks0 ticks1 before after load0 load1 sampler stats_pid stats_file
  pid=$(api_pid)
  json=$(mktemp) rss_file=$(mktemp) stats_file=$(mktemp)
  psql_ -c "SELECT pg_stat_statements_reset()" >/dev/null
  local xact0 xact1
  xact0=$(psql_ -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'mydb'")
  before=$(service_counters) ticks0=$(cpu_ticks "$pid") load0=$(loadavg)
  # peak RSS of the API process, sampled every 0.5 s from the host: VmRSS and its anonymous part
  # (RssAnon, what Kubernetes' container_memory_rss counts; the rest are file pages in the page
  # cache: ~25 MiB of the AOT cache that relocation leaves unpatched, ~18 MiB of libjvm.so)
  ( while sleep 0.5; do
      awk '/^VmRSS/ {t = $2} /^RssAnon/ {a = $2} END {print t, a}' "/proc/$pid/status"
    done >"$rss_file" ) &
  sampler=$!
  # one `docker stats` sample in the middle of the run
  ( sleep $((DURATION / 2)); docker stats --no-stream --format '{{.CPUPerc}} {{.MemUsage}}' "$api_c" >"$stats_file" ) &
  stats_pid=$!
  wrk_load "$DURATION" "$conns" "$script" "$json" "$@" >"$out/wrk-$name-c$conns.txt"
  ticks1=$(cpu_ticks "$pid") after=$(service_counters) load1=$(loadavg)
  kill "$sampler" 2>/dev/null || true
  wait "$stats_pid" 2>/dev/null || true
  xact1=$(psql_ -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'mydb'")
  local sql_all sql_users
  sql_all=$(psql_ -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'mydb' AND query !~* 'pg_stat_statements|pg_stat_database'")
  sql_users=$(psql_ -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'mydb' AND query ~* '\\musers\\M' AND query !~* 'pg_stat_statements|pg_stat_database'")
  python3 - "$json" "$out/runs.jsonl" <<EOF
import json, sys
r = json.load(open(sys.argv[1]))
def counters(s):
    return {k: float(v) for k, v in (w.split("=") for w in s.split())}
b, a = counters("""$before"""), counters("""$after""")
delta = {k: a.get(k, 0) - b.get(k, 0) for k in a}
seconds = r["duration_us"] / 1e6
gc = "gc:allocated" in a and "gc:promoted" in a
hits = sum(v for k, v in delta.items() if k.endswith(":hit"))
if "$name" == "uncached" and hits:
    print(f"    WARNING: {hits:.0f} of the uncached run's reads were cache hits: it made more requests than "
          "there were unread ids (raise BENCH_SEED_USERS)", file=sys.stderr)
if not gc:
    print("    WARNING: no jvm_gc_memory_* metrics on /actuator/prometheus: allocation and GC not measured",
          file=sys.stderr)
samples = [line.split() for line in open("$rss_file") if len(line.split()) == 2]
stats = open("$stats_file").read().split()
r.update({
    "scenario": "$name", "connections": $conns,
    "cpu_cores": ($ticks1 - $ticks0) / 100 / seconds,
    "rss_peak_mib": round(max(int(t) for t, _ in samples) / 1024, 1) if samples else None,
    "rss_anon_peak_mib": round(max(int(a) for _, a in samples) / 1024, 1) if samples else None,
    "docker_stats_cpu": stats[0] if stats else None,
    "docker_stats_mem": " ".join(stats[1:]) if stats else None,
    "cache": {k: v for k, v in delta.items() if v and not k.startswith("gc:")},
    # None when the service does not export the JVM's GC metrics (the report then says so)
    "alloc_kib_per_request": round(delta["gc:allocated"] / 1024 / max(r["requests"], 1), 1) if gc else None,
    "allocated_mib": round(delta["gc:allocated"] / 2**20, 1) if gc else None,
    "promoted_mib": round(delta["gc:promoted"] / 2**20, 1) if gc else None,
    "gc_pauses": int(delta["gc:pauses"]) if gc else None,
    "gc_pause_ms": round(delta["gc:pause_s"] * 1000, 1) if gc else None,
    "gc_remark_cleanup_pauses": int(delta["gc:remarks"]) if gc else None,
    "gc_remark_cleanup_ms": round(delta["gc:remark_s"] * 1000, 1) if gc else None,
    "sql_statements": int("$sql_all"), "sql_statements_users": int("$sql_users"),
    "pg_transactions": $xact1 - $xact0,
    "load_before": "$load0", "load_after": "$load1",
})
open(sys.argv[2], "a").write(json.dumps(r) + "\n")
print(f"    {r['scenario']:9} c={r['connections']:<4} {r['rps']:8.0f} req/s  p50 {r['lat_p50_us']/1000:6.1f} ms"
      f"  p99 {r['lat_p99_us']/1000:7.1f} ms  max {r['lat_max_us']/1000:7.1f} ms  errors {r['errors']}"
      f"  cpu {r['cpu_cores']:.2f}  rss {r['rss_peak_mib']} MiB (anon {r['rss_anon_peak_mib']})  alloc {r['alloc_kib_per_request']} KiB/req"
      f"  gc {r['gc_pauses']} pauses {r['gc_pause_ms']} ms  sql {r['sql_statements_users']}"
      f"  cache {r['cache']}  load {r['load_before']}", file=sys.stderr)
EOF
  rm -f "$json" "$rss_file" "$stats_file"
}

# ---- cached / GET / in back-to-back pairs ---------------------------------------------------
# One run of each gives one ratio, and on 2 shared cores two runs a minute apart differed by up to
# 20 points (bench/tuning/README.md, round 11). Pairs of short runs, back to back, give several
# more; the report shows their median and range next to the target's single ratio.

# ratio_pairs CONNECTIONS: RATIO_PAIRS pairs of GET / then cached reads, appended to pairs.jsonl
ratio_pairs() {
  local conns=$1 pair root_json cached_json
  root_json=$(mktemp) cached_json=$(mktemp)
  log "cached / GET / in $RATIO_PAIRS back-to-back pairs of ${RATIO_SECONDS} s runs at $conns connections"
  for ((pair = 1; pair <= RATIO_PAIRS; pair++)); do
    wrk_load "$RATIO_SECONDS" "$conns" root.lua "$root_json" >/dev/null
    wrk_load "$RATIO_SECONDS" "$conns" by_id.lua "$cached_json" ID_FIRST="$first_id" ID_COUNT=$CACHED_IDS >/dev/null
    python3 - "$root_json" "$cached_json" "$out/pairs.jsonl" "$conns" "$pair" <<'EOF'
import json, sys
root, cached = (json.load(open(path)) for path in sys.argv[1:3])
row = {"connections": int(sys.argv[4]), "pair": int(sys.argv[5]), "root_rps": root["rps"],
       "cached_rps": cached["rps"], "ratio": cached["rps"] / root["rps"],
       "errors": root["errors"] + cached["errors"]}
open(sys.argv[3], "a").write(json.dumps(row) + "\n")
print(f"    pair {row['pair']}  GET / {row['root_rps']:8.0f} req/s  cached {row['cached_rps']:8.0f} req/s"
      f"  ratio {row['ratio'] * 100:3.0f} %  errors {row['errors']}", file=sys.stderr)
EOF
  done
  rm -f "$root_json" "$cached_json"
}

# fixed_rate RATE TARGETS: cached by-id reads (vegeta TARGETS file) at RATE req/s for DURATION over
# at most 32 connections
fixed_rate() {
  local rate=$1 targets=$2 report load0
  report=$(mktemp)
  load0=$(loadavg)
  load_gen "$vegeta" attack -targets="$targets" -rate="$rate/1s" -duration="${DURATION}s" -timeout=5s \
      -connections=32 -max-connections=32 \
    | "$vegeta" report -type=json >"$report"
  python3 - "$report" "$out/fixedrate.jsonl" <<EOF
import json, sys
r = json.load(open(sys.argv[1]))
lat = r["latencies"]
row = {"scenario": "cached", "rate": $rate, "connections": 32, "requests": r["requests"],
       "throughput": r["throughput"], "success": r["success"],
       "errors": r["requests"] - sum(n for code, n in r["status_codes"].items() if code.startswith("2")),
       "p50_ms": lat["50th"] / 1e6, "p90_ms": lat["90th"] / 1e6, "p99_ms": lat["99th"] / 1e6,
       "max_ms": lat["max"] / 1e6, "load_before": "$load0"}
open(sys.argv[2], "a").write(json.dumps(row) + "\n")
print(f"    fixed rate {row['rate']:5} req/s  achieved {row['throughput']:7.0f}  p50 {row['p50_ms']:6.1f} ms"
      f"  p90 {row['p90_ms']:6.1f} ms  p99 {row['p99_ms']:6.1f} ms  max {row['max_ms']:7.1f} ms"
      f"  errors {row['errors']}  load {row['load_before']}", file=sys.stderr)
EOF
  rm -f "$report"
}

# jit_ticks PID: CPU ticks the JVM's compiler threads (C1, C2) have used so far
jit_ticks() {
  local stat comm fields sum=0
  for stat in /proc/"$1"/task/*/stat; do
    stat=$(<"$stat") 2>/dev/null || continue
    comm=${stat#*(} comm=${comm%%)*}
    [[ $comm == C[12]\ CompilerThre* ]] || continue
    read -ra fields <<<"${stat##*) }"
    sum=$((sum + fields[11] + fields[12]))  # utime, stime
  done
  echo "$sum"
}

# warmup SCRIPT [VAR=VALUE...]: the same load, not recorded (JIT, connection pools, cache): WARMUP
# s, then JIT_QUIET_WINDOW s more at a time until the JIT compilers used under JIT_QUIET_PERCENT of
# a core in one of them, or WARMUP_MAX s in all. A fixed time is not enough on every machine: on a
# 2-vCPU AMD EPYC VM, C2 was still compiling (7 s of CPU in 15 s) in the first two runs after 8 s
# warm-ups (bench/tuning/README.md, round 15). Appends the time it took to warmups.jsonl.
warmup() {
  local script=$1; shift
  local pid start=$SECONDS seconds=$WARMUP ticks0 ticks1 quiet=false
  pid=$(api_pid)
  while :; do
    ticks0=$(jit_ticks "$pid")
    load_gen env "$@" WRK_JSON=/dev/null wrk -t"$WRK_THREADS" -c32 -d"${seconds}s" -s "bench/lua/$script" "$API" >/dev/null
    ticks1=$(jit_ticks "$pid")
    # ticks are 1/100 s: quiet when (ticks1 - ticks0) / (100 * seconds) < percent / 100
    if ((seconds == JIT_QUIET_WINDOW && ticks1 >= ticks0 && ticks1 - ticks0 < JIT_QUIET_PERCENT * seconds)); then quiet=true; break; fi
    ((SECONDS - start + JIT_QUIET_WINDOW <= WARMUP_MAX)) || break
    seconds=$JIT_QUIET_WINDOW
  done
  printf '{"script": "%s", "seconds": %d, "jit_quiet": %s}\n' "$script" $((SECONDS - start)) "$quiet" >>"$out/warmups.jsonl"
  log "  warm-up with $script: $((SECONDS - start)) s$([[ $quiet == true ]] || echo ", the JIT still compiling")"
}

# ---- the runs --------------------------------------------------------------------------------
if [[ -n "${SCENARIOS// /}" ]]; then
log "warming the JVM up (GET /, cached and uncached reads, lists, posts: each ${WARMUP}-${WARMUP_MAX} s, until the JIT is quiet)"
warmup root.lua
warmup by_id.lua ID_FIRST="$first_id" ID_COUNT=$CACHED_IDS
warmup by_id.lua ID_FIRST=$((uncached_first + uncached_count)) ID_COUNT=$uncached_count
warmup list.lua
warmup post.lua RUN_ID="warmup-$(date +%s)"
for conns in $CONNECTIONS; do
  for scenario in $SCENARIOS; do
    case $scenario in
      root) run root "$conns" root.lua ;;
      cached)
        warmup by_id.lua ID_FIRST="$first_id" ID_COUNT=$CACHED_IDS
        run cached "$conns" by_id.lua ID_FIRST="$first_id" ID_COUNT=$CACHED_IDS ;;
      uncached)
        docker exec "$redis_c" redis-cli FLUSHALL >/dev/null
        unread=$((uncached_first + uncached_count - uncached_next))
        ((unread > 0)) || die "no unread ids left for the uncached run at $conns connections (raise BENCH_SEED_USERS)"
        run uncached "$conns" by_id.lua ID_FIRST=$uncached_next ID_COUNT=$unread
        uncached_next=$((uncached_next + $(tail -n1 "$out/runs.jsonl" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id_span"])'))) ;;
      list) run list "$conns" list.lua LIST_LIMIT=20 LIST_PAGES=50 ;;
      post) run post "$conns" post.lua RUN_ID="$(date +%s)-c$conns" ;;
      pairs)
        warmup by_id.lua ID_FIRST="$first_id" ID_COUNT=$CACHED_IDS
        ratio_pairs "$conns" ;;
      fixedrate) ;;  # once, below
      *) die "unknown scenario $scenario" ;;
    esac
  done
done
if [[ -n "$vegeta" ]]; then
  log "fixed-rate latency of cached reads (vegeta, at most 32 connections): $RATES req/s"
  warmup by_id.lua ID_FIRST="$first_id" ID_COUNT=$CACHED_IDS
  targets=$(mktemp)
  for ((id = first_id; id < first_id + CACHED_IDS; id++)); do echo "GET $API/users/$id"; done >"$targets"
  for rate in $RATES; do fixed_rate "$rate" "$targets"; done
  rm -f "$targets"
fi
fi

# ---- startup: container process start -> readiness 200, with and without the AOT cache -------
startup_port=$((MANAGEMENT_HOST_PORT + 1))
env_file=$(mktemp)
container_env "$api_c" | grep -E '^(POSTGRES_|REDIS_|COMPANY_|JAVA_TOOL_OPTIONS=|LOG_FORMAT=|MALLOC_ARENA_MAX=|DNS_CACHE_)' >"$env_file"
network=$(container_network "$api_c")
# the same memory and CPU limits as the stack's api container (they decide the JVM's heap, GC
# and compiler threads, and how fast it starts)
memory_limit=$(docker inspect -f '{{.HostConfig.Memory}}' "$api_c")
limit_args=()
((memory_limit > 0)) && limit_args+=(--memory "$memory_limit")
((nano_cpus > 0)) && limit_args+=(--cpus "$(awk -v n="$nano_cpus" 'BEGIN { printf "%g", n / 1e9 }')")
startup() {  # startup MODE RUN
  local mode=$1 i=$2 name="$COMPOSE_PROJECT_NAME-startup" entry=() args=() t_ready started
  # without the JVM's AOT cache; Spring AOT's generated bean definitions stay on, as in the image
  if [[ $mode == no-aot ]]; then entry=(--entrypoint java); args=(-Dspring.aot.enabled=true -jar /app/users-api.jar); fi
  docker rm -f "$name" >/dev/null 2>&1 || true
  local load0; load0=$(loadavg)
  docker run -d --name "$name" --network "$network" --env-file "$env_file" "${limit_args[@]}" --read-only --tmpfs /tmp \
    -p "127.0.0.1:$startup_port:8081" "${entry[@]}" users-api:bench "${args[@]}" >/dev/null
  t_ready=$(python3 bench/wait_ready.py "http://127.0.0.1:$startup_port/actuator/health/readiness" 60 0.02) \
    || { docker logs "$name" | tail -20 >&2; die "startup ($mode) not ready after 60 s"; }
  started=$(date -d "$(docker inspect -f '{{.State.StartedAt}}' "$name")" +%s.%N)
  local jvm
  jvm=$(docker logs "$name" 2>&1 | grep -o 'process running for [0-9.]*' | grep -o '[0-9.]*$' | head -n1)
  docker rm -f "$name" >/dev/null
  python3 -c "import json; print(json.dumps({'mode': '$mode', 'run': $i, 'ready_s': round($t_ready - $started, 3), 'jvm_process_running_s': float('${jvm:-nan}'), 'load': '$load0'}))" \
    | tee -a "$out/startup.jsonl" >&2
}
log "startup: $STARTUP_RUNS runs each with and without the AOT cache"
for i in $(seq 1 "$STARTUP_RUNS"); do
  startup aot "$i"
  startup no-aot "$i"
done
rm -f "$env_file"

machine_load_end=$(loadavg)
python3 - "$out/machine.json" <<EOF
import json, sys
m = json.load(open(sys.argv[1])); m["load_at_end"] = "$machine_load_end"
json.dump(m, open(sys.argv[1], "w"), indent=2)
EOF
"$venv/bin/python" bench/report.py "$out"
log "results in $out/ (results.md, chart.png)"
