#!/usr/bin/env bash
# Load and scale run of NML.Matching (see docs/performance.md, "Load and scale", and docs/scaling.md).
#   deploy/load/run.sh [--quick] [--no-wait] [--no-round]        SOURCE=tree deploy/load/run.sh (the working tree)
# 1. Builds the API (Release) and the loader into .data/load/, starts a fresh PostgreSQL cluster of its own
#    (.data/load/pg, port NML_LOAD_PG_PORT, with pg_stat_statements) and the API with the demo organisations
#    on PORT, with generous rate limits. Everything it started is stopped on exit (trap).
# 2. Loads the region at 10x today's volume: CANDIDATES x UNITS (10,000 x 3,000) through the API's own POSTs,
#    with the demo generators (deploy/load/NML.Matching.Load), PARALLEL clients.
# 3. Warms up, waits until the machine is quiet (1-minute load average below 0.7 for a minute, up to 40 min),
#    then runs, each for DURATION with CONNECTIONS connections (wrk -t N -c N, deploy/load/mixed.lua):
#    the baseline GET /health/live, then the mixed workload (70 % reads, 20 % rankings, 10 % writes).
#    API memory (RSS) before and after; per-query database time from pg_stat_statements; connection counts.
# 4. A dry matching round through the API on that data set, then the data set topped up to ROUND_CANDIDATES x
#    ROUND_UNITS (20,000 x 5,000): a dry round alone and one while the mixed workload runs.
# Results: deploy/load/results/<UTC time>/ (summary.md, wrk outputs, JSON, API log, SQL statistics).
# --quick: 2,000 x 600 and 1,000 x 400 more, 10 s runs, no waiting; a smoke test of the tooling.
# NML_LOAD_CONNECTION_OPTIONS: Npgsql settings appended to the API's connection string (an A/B of pool settings).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
LOAD_DIR="$ROOT/deploy/load"

QUICK=false; WAIT=true; ROUND=true
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=true; WAIT=false ;;
    --no-wait) WAIT=false ;;
    --no-round) ROUND=false ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

if [ "$QUICK" = true ]; then
  : "${CANDIDATES:=2000}" "${UNITS:=600}" "${ROUND_CANDIDATES:=3000}" "${ROUND_UNITS:=1000}" "${DURATION:=10s}" "${WARMUP:=5s}" "${DIAG_DURATION:=3s}"
fi
CANDIDATES="${CANDIDATES:-10000}"
UNITS="${UNITS:-3000}"
ROUND_CANDIDATES="${ROUND_CANDIDATES:-20000}"
ROUND_UNITS="${ROUND_UNITS:-5000}"
CONNECTIONS="${CONNECTIONS:-16}"
DURATION="${DURATION:-60s}"
WARMUP="${WARMUP:-20s}"
DIAG_DURATION="${DIAG_DURATION:-10s}"
PARALLEL="${PARALLEL:-4}"
PORT="${PORT:-8091}"
PG_PORT="${NML_LOAD_PG_PORT:-55442}"
QUIET_BELOW="${QUIET_BELOW:-0.7}"
QUIET_MAX_MINUTES="${QUIET_MAX_MINUTES:-40}"

WORK="$ROOT/.data/load"
PG_DIR="$WORK/pg"
API_URL="http://127.0.0.1:$PORT"
ADMIN_KEY="nml-admin-local-demo-key"
RESULTS="$LOAD_DIR/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$WORK" "$RESULTS"
SUMMARY="$RESULTS/summary.md"
API_PID=""; PG_STARTED=""; SAMPLER_PID=""

log() { printf '\033[1;34m[load]\033[0m %s\n' "$*" >&2; }
note() { printf '%s\n' "$*" >>"$SUMMARY"; }

as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  trap - INT TERM EXIT
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
    log "stopping the API ($API_PID)"; kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true
  fi
  if [ -n "$PG_STARTED" ]; then log "stopping PostgreSQL"; as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast stop >/dev/null 2>&1 || true; fi
}
trap cleanup INT TERM EXIT

# ------------------------------------------------------------------ prerequisites
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "installing wrk with apt"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else echo "wrk is needed (apt-get install wrk)" >&2; exit 1; fi
fi
PG_BIN=""
for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do [ -x "$dir/initdb" ] && { PG_BIN="$dir"; break; }; done
if [ -z "$PG_BIN" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "installing PostgreSQL with apt"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do [ -x "$dir/initdb" ] && { PG_BIN="$dir"; break; }; done
  fi
  [ -n "$PG_BIN" ] || { echo "PostgreSQL 15+ binaries are needed" >&2; exit 1; }
fi
for tool in dotnet curl; do command -v "$tool" >/dev/null 2>&1 || { echo "$tool is needed" >&2; exit 1; }; done

# ------------------------------------------------------------------ build (into .data/load, apart from bin/ and obj/ of the tree)
# SOURCE=head (default) builds the committed code (git archive HEAD), so that work in progress in the tree cannot
# break or colour the run; SOURCE=tree builds the working tree as it is. The loader is this folder's copy either way.
if [ "${SOURCE:-head}" = head ]; then
  BUILD_ROOT="$WORK/src"
  rm -rf "$BUILD_ROOT"; mkdir -p "$BUILD_ROOT/deploy/load"
  git archive HEAD | tar -x -C "$BUILD_ROOT"
  rm -rf "$BUILD_ROOT/deploy/load/NML.Matching.Load"
  tar -C "$LOAD_DIR" --exclude bin --exclude obj -cf - NML.Matching.Load | tar -C "$BUILD_ROOT/deploy/load" -xf -
  SOURCE_LABEL="HEAD $(git rev-parse --short HEAD)"
else
  BUILD_ROOT="$ROOT"
  SOURCE_LABEL="working tree at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ', src/ with uncommitted changes')"
fi
log "building the API (Release) and the loader from the $SOURCE_LABEL"
rm -rf "$WORK/api" "$WORK/artifacts"
dotnet publish "$BUILD_ROOT/src/NML.Matching.Api" -c Release -o "$WORK/api" --artifacts-path "$WORK/artifacts" -nologo -v quiet >"$RESULTS/build.log" 2>&1 \
  || { cat "$RESULTS/build.log" >&2; exit 1; }
dotnet build "$BUILD_ROOT/deploy/load/NML.Matching.Load" -c Release --artifacts-path "$WORK/artifacts" -nologo -v quiet >>"$RESULTS/build.log" 2>&1 \
  || { cat "$RESULTS/build.log" >&2; exit 1; }
LOADER=(dotnet "$WORK/artifacts/bin/NML.Matching.Load/release_linux-x64/NML.Matching.Load.dll")
REGIONS="$BUILD_ROOT/src/NML.Matching.Api/Data/regions.json"

# ------------------------------------------------------------------ PostgreSQL: a fresh cluster of its own
if [ -f "$PG_DIR/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast stop >/dev/null 2>&1 || true; fi
rm -rf "$PG_DIR"
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home "$WORK" postgres
  chown postgres "$WORK"; chmod 755 "$ROOT/.data" "$WORK"
fi
log "creating a PostgreSQL cluster in .data/load/pg ($("$PG_BIN/postgres" --version))"
as_pg "$PG_BIN/initdb" -D "$PG_DIR" -U nml --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w -t 60 \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c track_io_timing=on" \
  start >/dev/null
PG_STARTED=1
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U nml -X -q -v ON_ERROR_STOP=1)

# ------------------------------------------------------------------ the API
export ASPNETCORE_ENVIRONMENT=Production
export ASPNETCORE_URLS="$API_URL"
export ConnectionStrings__Matching="Host=127.0.0.1;Port=$PG_PORT;Database=nml_load;Username=nml;Password=nml${NML_LOAD_CONNECTION_OPTIONS:+;$NML_LOAD_CONNECTION_OPTIONS}"
export Database__MigrateOnStartup=true
export Demo__Seed=true
export NML_ADMIN_KEY="$ADMIN_KEY"
export RateLimiting__PerKeyPermitLimit=1000000
export RateLimiting__AnonymousPermitLimit=1000000
log "starting the API on $API_URL (Production environment, demo organisations and keys)"
# From its own folder, as the container runs it (WORKDIR /app): the content root, and so appsettings.json with its
# log levels, is the current directory. (Started from elsewhere, every EF Core command is logged at Information.)
(cd "$WORK/api" && exec dotnet NML.Matching.Api.dll) >"$RESULTS/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 180); do
  curl -fsS "$API_URL/health/ready" >/dev/null 2>&1 && break
  kill -0 "$API_PID" 2>/dev/null || { tail -30 "$RESULTS/api.log" >&2; echo "The API stopped during start-up." >&2; exit 1; }
  sleep 1
done
curl -fsS "$API_URL/health/ready" >/dev/null || { echo "The API did not become ready" >&2; exit 1; }
"${PSQL[@]}" -d nml_load -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$API_PID/status"; }
hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$API_PID/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
counts() {
  "${PSQL[@]}" -d nml_load -At -F' ' -c "SELECT (SELECT count(*) FROM candidates), (SELECT count(*) FROM units), (SELECT count(*) FROM matches), pg_size_pretty(pg_database_size('nml_load'))"
}

# ------------------------------------------------------------------ summary header
{
  echo "# Load run $(basename "$RESULTS")"
  echo
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/^Mem:/ {print $2}') GiB; $(. /etc/os-release; echo "$PRETTY_NAME")"
  echo "- .NET $(dotnet --version) (SDK); $("$PG_BIN/postgres" --version); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "- code: $SOURCE_LABEL"
  echo "- connections: $CONNECTIONS (wrk -t $CONNECTIONS -c $CONNECTIONS), duration per run: $DURATION, warm-up: $WARMUP"
  echo "- extra connection-string settings: ${NML_LOAD_CONNECTION_OPTIONS:-none}"
  echo
} >"$SUMMARY"

# ------------------------------------------------------------------ the data set
seed() {
  local candidates="$1" units="$2" label="$3"
  log "loading $label: up to $candidates candidates and $units units ($PARALLEL clients)"
  "${LOADER[@]}" seed --api "$API_URL" --admin-key "$ADMIN_KEY" --regions "$REGIONS" \
    --candidates "$candidates" --units "$units" --parallel "$PARALLEL" | tee -a "$RESULTS/seed.log" | tail -1 | sed 's/^/- /' >>"$SUMMARY"
  "${PSQL[@]}" -d nml_load -c "VACUUM ANALYZE"
  "${LOADER[@]}" export --api "$API_URL" --admin-key "$ADMIN_KEY" --regions "$REGIONS" --out "$WORK/ids.lua" \
    | tee -a "$RESULTS/seed.log" | sed 's/^/- /' >>"$SUMMARY"
}
note "## Data set"
note
seed "$CANDIDATES" "$UNITS" "the region at 10x"
note "- rows after loading (candidates, units, matches, database size): $(counts)"
note

# ------------------------------------------------------------------ helpers for runs
export NML_LOAD_IDS="$WORK/ids.lua"
CLK_TCK=$(getconf CLK_TCK)
cpu_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }        # user nice system irq softirq, all cores
proc_cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }  # utime + stime of one process
pg_cpu() {                                                                        # the postmaster, its children, and children that ended
  local pm sum c
  pm=$(head -1 "$PG_DIR/postmaster.pid")
  sum=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pm/stat")
  for c in $(pgrep -P "$pm"); do sum=$((sum + $(proc_cpu "$c"))); done
  echo "$sum"
}
cpu_snapshot() { echo "$(date +%s.%N) $(cpu_busy) $(proc_cpu "$API_PID") $(pg_cpu)"; }

run_wrk() { # name mode duration connections
  local name="$1" mode="$2" duration="$3" connections="$4"
  mkdir -p "$RESULTS/raw-$name"
  NML_LOAD_MODE="$mode" NML_LOAD_RESULT="$RESULTS/$name.json" NML_LOAD_RAW="$RESULTS/raw-$name" \
    /usr/bin/time -f '%U %S' -o "$RESULTS/$name.wrk-cpu" \
    wrk -t "$connections" -c "$connections" -d "$duration" --timeout 30s -s "$LOAD_DIR/mixed.lua" "$API_URL" >"$RESULTS/$name.txt" 2>&1
}
sample_db() { # connections of the API's database (all, active), once a second, into $1
  while true; do
    "${PSQL[@]}" -d nml_load -At -F' ' -c "SELECT now()::time(0), count(*), count(*) FILTER (WHERE state = 'active') FROM pg_stat_activity WHERE datname = 'nml_load' AND pid <> pg_backend_pid()" >>"$1" 2>/dev/null || true
    sleep 1
  done
}
round() { # label: a dry round for the whole region through the API; prints the response's figures
  local label="$1" out="$RESULTS/round-$1.json"
  local t
  t=$(curl -sS -o "$out" -w '%{http_code} %{time_total}' -H "X-Api-Key: nml_mpnoord_demo" -H "Content-Type: application/json" \
    -d '{"regionCode":"NML","dryRun":true}' "$API_URL/api/v1/matching-rounds")
  local http="${t%% *}" secs="${t##* }"
  local figures
  figures=$(grep -o '"candidateCount":[0-9]*\|"unitCount":[0-9]*\|"eligiblePairs":[0-9]*\|"proposalCount":[0-9]*\|"[a-zA-Z]*Ms":[0-9.]*' "$out" | tr '\n' ' ')
  echo "HTTP $http in $(awk -v s="$secs" 'BEGIN { printf "%.0f", s * 1000 }') ms end to end; $figures"
}
wait_quiet() {
  [ "$WAIT" = true ] || { log "not waiting for a quiet machine (--no-wait)"; return 0; }
  local waited=0 below=0
  log "waiting until the 1-minute load average stays below $QUIET_BELOW for a minute (polling every 30 s, up to $QUIET_MAX_MINUTES min)"
  while [ "$waited" -lt $((QUIET_MAX_MINUTES * 60)) ]; do
    local one; one=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v a="$one" -v b="$QUIET_BELOW" 'BEGIN { exit !(a < b) }'; then below=$((below + 1)); else below=0; fi
    if [ "$below" -ge 3 ]; then log "quiet after $waited s (load $(loadavg))"; note "- waited $waited s for a quiet machine (1-minute load average below $QUIET_BELOW at three polls 30 s apart; $(loadavg) at the last)"; return 0; fi
    sleep 30; waited=$((waited + 30))
  done
  log "the machine did not get quiet in $QUIET_MAX_MINUTES min; measuring anyway"
  note "- **the machine did not get quiet in $QUIET_MAX_MINUTES minutes (1-minute load average $(loadavg)); measured anyway**"
}
headline() { grep -E "^(mixed|health) workload|^socket errors|^wrk's own latency" "$RESULTS/$1.txt" | sed 's/^/    /'; }
table() { sed -n '/^| class/,$p' "$RESULTS/$1.txt"; }
figure() { grep -o "{\"name\":\"$2\"[^}]*}" "$RESULTS/$1.json" | grep -o "\"$3\":[0-9.]*" | cut -d: -f2; }

# One measured run: wrk for DURATION (optionally a dry round 10 s into it), with the CPU of the API, PostgreSQL,
# wrk and everything else, the API's memory, the database connections and the database time per statement.
measure() { # name mode connections title [round-label]
  local name="$1" mode="$2" connections="$3" title="$4" round_label="${5:-}"
  log "$title ($DURATION, $connections connections)"
  "${PSQL[@]}" -d nml_load -c "SELECT pg_stat_statements_reset()" >/dev/null
  sample_db "$RESULTS/$name.db-connections" & SAMPLER_PID=$!
  local load_before rss_before before after round_text=""
  load_before=$(loadavg); rss_before=$(rss_kib); before=$(cpu_snapshot)
  if [ -n "$round_label" ]; then
    run_wrk "$name" "$mode" "$DURATION" "$connections" & local wrk_pid=$!
    sleep 10
    round_text=$(round "$round_label")
    wait "$wrk_pid"
  else
    run_wrk "$name" "$mode" "$DURATION" "$connections"
  fi
  after=$(cpu_snapshot)
  kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
  "${PSQL[@]}" -d nml_load -c "\copy (SELECT calls, round(total_exec_time::numeric, 1) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms, round(max_exec_time::numeric, 1) AS max_ms, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 400) AS query FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'nml_load') ORDER BY total_exec_time DESC LIMIT 30) TO '$RESULTS/$name.pg-statements.csv' CSV HEADER"
  local db_ms db_calls
  read -r db_ms db_calls < <("${PSQL[@]}" -d nml_load -At -F' ' -c "SELECT round(sum(total_exec_time)::numeric), sum(calls) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'nml_load') AND query NOT LIKE '%pg_stat_statements%' AND query NOT LIKE '%pg_stat_activity%'")
  local responses; responses=$(figure "$name" ALL count)
  {
    echo "### $title"
    echo
    echo "- load average before: $load_before; API RSS before $(mib "$rss_before") MiB, after $(mib "$(rss_kib)") MiB, peak so far (VmHWM) $(mib "$(hwm_kib)") MiB"
    echo "$before $after $(cat "$RESULTS/$name.wrk-cpu")" | awk -v clk="$CLK_TCK" '{
      wall = $5 - $1; busy = ($6 - $2) / clk; api = ($7 - $3) / clk; pg = ($8 - $4) / clk; wrk = $9 + $10;
      printf "- CPU, in cores busy on average over %.1f s: all %.2f = API %.2f + PostgreSQL %.2f + wrk %.2f + other processes %.2f\n",
        wall, busy / wall, api / wall, pg / wall, wrk / wall, (busy - api - pg - wrk) / wall }'
    awk -v r="$responses" -v ms="$db_ms" -v calls="$db_calls" 'BEGIN { if (r > 0) printf "- database: %d statements, %.0f ms execution in all (pg_stat_statements): %.1f statements and %.2f ms per response\n", calls, ms, calls / r, ms / r }'
    echo "- database connections of the API (max all / max active, sampled each second): $(awk 'BEGIN { t = 0; a = 0 } { if ($2 + 0 > t) t = $2 + 0; if ($3 + 0 > a) a = $3 + 0 } END { print t " / " a }' "$RESULTS/$name.db-connections")"
    [ -n "$round_text" ] && echo "- the dry round started 10 s into the run: $round_text"
    echo
    headline "$name"
    echo
    table "$name"
    echo
  } >>"$SUMMARY"
}

# Service time per endpoint: each request kind alone, one connection, DIAG_DURATION each (no queueing: what one
# request costs end to end on an otherwise idle API).
ENDPOINTS="read:list-candidates read:list-units read:get-candidate read:get-unit read:gemeenten read:list-matches read:get-match read:monitoring-summary rank:unit-candidates rank:candidate-units write:"
service_times() { # label
  local label="$1" n f
  log "service times per endpoint, one connection, $DIAG_DURATION each ($label)"
  {
    echo "### Service time per endpoint, one connection, $DIAG_DURATION each ($label)"
    echo
    echo "| endpoint | requests | req/s | mean ms | p50 ms | p95 ms | p99 ms | max ms | errors |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  } >>"$SUMMARY"
  for n in $ENDPOINTS; do
    f="st-$label-${n//:/_}"; f="${f%_}"
    NML_LOAD_ONLY="$n" run_wrk "$f" mixed "$DIAG_DURATION" 1
    grep -o '{"name":"ALL"[^}]*}' "$RESULTS/$f.json" | awk -v n="$n" -F'[:,]' '{
      printf "| %s | %d | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f | %d |\n", (n == "write:" ? "write: (the five-step cycle)" : n), $4, $6, $8, $10, $12, $14, $16, $18 }' >>"$SUMMARY"
  done
  note
}

# ------------------------------------------------------------------ quiet, warm-up, measure
note "## Runs"
note
wait_quiet
log "warm-up: mixed workload for $WARMUP (not recorded)"
run_wrk warmup mixed "$WARMUP" "$CONNECTIONS"
note "- load average before the first run (1, 5, 15 min): $(loadavg)"
note
measure baseline health "$CONNECTIONS" "Baseline: GET /health/live"
measure mixed mixed "$CONNECTIONS" "Mixed workload (70 % reads, 20 % rankings, 10 % writes)"
BASE_RPS=$(figure baseline ALL rps); MIXED_RPS=$(figure mixed ALL rps)
note "- **throughput: mixed $MIXED_RPS req/s, baseline $BASE_RPS req/s: $(awk -v m="$MIXED_RPS" -v b="$BASE_RPS" 'BEGIN { printf "%.1f %%", 100 * m / b }') of the baseline**"
note
measure mixed-c4 mixed 4 "Mixed workload, light: 4 connections"
NML_LOAD_ONLY=read:get-unit measure ceiling mixed "$CONNECTIONS" "Ceiling: the cheapest authenticated read alone (GET /units/{id}: key lookup + one row)"
CEILING_RPS=$(figure ceiling ALL rps)
note "- **the cheapest authenticated read reaches $CEILING_RPS req/s: $(awk -v m="$CEILING_RPS" -v b="$BASE_RPS" 'BEGIN { printf "%.1f %%", 100 * m / b }') of the baseline**"
note
service_times "region at 10x"

# ------------------------------------------------------------------ matching rounds through the API
if [ "$ROUND" = true ]; then
  note "## Matching rounds (dry, through POST /api/v1/matching-rounds)"
  note
  log "dry round on the 10x data set (no other load)"
  note "- region at 10x, no other load: $(round 10x)"
  seed "$ROUND_CANDIDATES" "$ROUND_UNITS" "the round data set"
  note "- rows after loading (candidates, units, matches, database size): $(counts)"
  run_wrk warmup2 mixed 5s "$CONNECTIONS"
  log "dry round on $ROUND_CANDIDATES x $ROUND_UNITS (no other load)"
  note "- $ROUND_CANDIDATES x $ROUND_UNITS, no other load: $(round big-alone); API RSS after: $(mib "$(rss_kib)") MiB, peak (VmHWM) $(mib "$(hwm_kib)") MiB"
  note
  measure mixed-big mixed "$CONNECTIONS" "Mixed workload on the $ROUND_CANDIDATES x $ROUND_UNITS data set"
  service_times "$ROUND_CANDIDATES x $ROUND_UNITS"
  measure mixed-big-round mixed "$CONNECTIONS" "Mixed workload on the $ROUND_CANDIDATES x $ROUND_UNITS data set, with a dry round in it" big-under-load
fi

note "- load average at the end: $(loadavg)"
log "done: $SUMMARY"
cat "$SUMMARY"
