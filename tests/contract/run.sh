#!/usr/bin/env bash
# Contract fuzzing of the running API against api-spec/openapi.json, with outside tools:
# @apideck/portman generates a Postman collection (contract tests and variations) from the contract, and newman
# runs it once per role with a valid demo key. Reports go to artifacts/contract/.
#
#   bash tests/contract/run.sh
#
# It starts a throw-away PostgreSQL cluster (temp dir, reached through a Unix socket there, no TCP port) and the API
# with demo data on a loopback port that the API binds itself (port 0) and reports in its log, and stops both on
# exit. No port is picked here as "free" and bound later, when another process may have taken it. Environment:
#   NML_CONTRACT_SKIP_BUILD=1   use the existing Release build of the API (CI builds it just before)
#   NML_CONTRACT_ROLES="Admin Corporatie"   run only these roles, in this order (default: all five)
#   NML_CONTRACT_KEEP=1         keep the temp dir (database, API log, generated collection) for a look afterwards
# Exit status: 0 when every assertion of every role passed, 1 otherwise (2 when the set-up failed).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

export NPM_CONFIG_UPDATE_NOTIFIER=false
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

OUT="$ROOT/artifacts/contract"
SPEC="$ROOT/api-spec/openapi.json"
API_DLL="$ROOT/src/NML.Matching.Api/bin/Release/net10.0/NML.Matching.Api.dll"
ADMIN_KEY="nml-admin-local-demo-key"
# role, then its demo key (README, "Demo keys")
ROLE_KEYS=(
  "Admin:$ADMIN_KEY"
  "Matchingspunt:nml_mpnoord_demo"
  "Corporatie:nml_maasvallei_demo"
  "Zorgaanbieder:nml_horizon_demo"
  "Gemeente:nml_gm0983_demo"
)
# The order matters: Admin changes demo data that other roles read (it parks and withdraws the candidates it lists), so it
# runs last.
ROLES="${NML_CONTRACT_ROLES:-Zorgaanbieder Corporatie Gemeente Matchingspunt Admin}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/nml-contract.XXXXXX")"
PG_DIR="$WORK/pg"
PG_BIN=""
PG_STARTED=""
API_PID=""
RUNNER_PID=""

STARTED=$SECONDS
log() { printf '[contract +%ss] %s\n' "$((SECONDS - STARTED))" "$*"; }
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$RUNNER_PID" ] && kill -0 "$RUNNER_PID" 2>/dev/null; then kill "$RUNNER_PID" 2>/dev/null || true; fi
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
    kill "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
  fi
  if [ -n "$PG_STARTED" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -f "$WORK/api.log" ]; then gzip -c "$WORK/api.log" >"$OUT/api.log.gz" 2>/dev/null || true; fi
  if [ "${NML_CONTRACT_KEEP:-}" = "1" ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$OUT"
mkdir -p "$OUT"

# ---- tools -----------------------------------------------------------------------------------
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { echo "node and npm are required" >&2; exit 2; }
LOCK_SUM="$(sha256sum "$HERE/package-lock.json" | cut -c1-16)"
if [ ! -f "$HERE/node_modules/.installed-$LOCK_SUM" ]; then
  log "npm ci (tests/contract)"
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error </dev/null) || { echo "npm ci failed" >&2; exit 2; }
  touch "$HERE/node_modules/.installed-$LOCK_SUM"
fi
PORTMAN="$HERE/node_modules/.bin/portman"
NEWMAN="$HERE/node_modules/.bin/newman"

# ---- PostgreSQL: a throw-away cluster --------------------------------------------------------
for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  [ -x "$dir/initdb" ] && { PG_BIN="$dir"; break; }
done
[ -n "$PG_BIN" ] || { PG_BIN="$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)")"; }
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL server binaries (initdb, pg_ctl) are required" >&2; exit 2; }
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$WORK"
fi
chmod 755 "$WORK"
# No TCP port: the server listens only on a Unix socket in its data folder; the port number names the socket file.
PG_PORT=5432
log "PostgreSQL $("$PG_BIN/postgres" --version | sed 's/[^0-9]*\([0-9.]*\).*/\1/') on the socket in $PG_DIR (data in $WORK)"
as_pg "$PG_BIN/initdb" -D "$PG_DIR" -U nml --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 ||
  { cat "$WORK/initdb.log" >&2; exit 2; }
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w -t 60 \
  -o "-p $PG_PORT -c listen_addresses='' -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$PG_DIR/server.log" >&2; exit 2; }
PG_STARTED=1

# ---- the API with demo data ------------------------------------------------------------------
if [ "${NML_CONTRACT_SKIP_BUILD:-}" != "1" ] || [ ! -f "$API_DLL" ]; then
  # Into the temp dir: an API that runs from bin/Release (deploy/run-local.sh) keeps its files.
  log "building the API (Release)"
  dotnet build "$ROOT/src/NML.Matching.Api" -c Release -nologo -v quiet -o "$WORK/api" </dev/null >"$WORK/build.log" 2>&1 ||
    { cat "$WORK/build.log" >&2; exit 2; }
  API_DLL="$WORK/api/NML.Matching.Api.dll"
fi
log "starting the API on 127.0.0.1, on a port it binds itself (migrations and demo data at start-up)"
(
  cd "$ROOT/src/NML.Matching.Api"
  export ASPNETCORE_ENVIRONMENT=Production
  export ASPNETCORE_URLS="http://127.0.0.1:0"
  export ConnectionStrings__Matching="Host=$PG_DIR;Port=$PG_PORT;Database=nml_matching;Username=nml;Password=nml"
  export Database__MigrateOnStartup=true
  export Demo__Seed=true
  export NML_ADMIN_KEY="$ADMIN_KEY"
  # The newman runs send a few thousand requests from one address: lift the rate limits (harmless if unused).
  export RateLimiting__PerKeyPermitLimit=100000
  export RateLimiting__AnonymousPermitLimit=100000
  export RateLimiting__PermitLimit=100000
  # Webhook deliveries go nowhere here.
  exec dotnet "$API_DLL" </dev/null >"$WORK/api.log" 2>&1
) &
API_PID=$!

# Kestrel logs the address it bound ("Now listening on: http://127.0.0.1:<port>") once start-up is done.
BASE_URL=""
for _ in $(seq 1 180); do
  BASE_URL="$(sed -n 's|.*Now listening on: \(http://127\.0\.0\.1:[0-9]*\).*|\1|p' "$WORK/api.log" 2>/dev/null | head -n 1 || true)"
  [ -n "$BASE_URL" ] && break
  kill -0 "$API_PID" 2>/dev/null || { tail -n 50 "$WORK/api.log" >&2; echo "The API stopped during start-up" >&2; exit 2; }
  sleep 1
done
[ -n "$BASE_URL" ] || { tail -n 50 "$WORK/api.log" >&2; echo "The API did not report the port it listens on" >&2; exit 2; }
log "API on $BASE_URL"

ready() { node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$BASE_URL/health/ready"; }
for _ in $(seq 1 120); do
  ready && break
  kill -0 "$API_PID" 2>/dev/null || { tail -n 50 "$WORK/api.log" >&2; echo "The API stopped during start-up" >&2; exit 2; }
  sleep 1
done
ready || { tail -n 50 "$WORK/api.log" >&2; echo "The API did not become ready" >&2; exit 2; }
log "API ready"

# ---- generate the collection from the contract, run it per role --------------------------------------------------------
ENV_ARGS=()
for pair in "${ROLE_KEYS[@]}"; do
  role="${pair%%:*}"
  case " $ROLES " in *" $role "*) ENV_ARGS+=("$role=${pair#*:}") ;; esac
done
[ "${#ENV_ARGS[@]}" -gt 0 ] || { echo "no known role in NML_CONTRACT_ROLES='$ROLES'" >&2; exit 2; }
node "$HERE/lib/prepare.mjs" "$SPEC" "$HERE/portman-config.json" "$WORK" "$BASE_URL" "${ENV_ARGS[@]}" || exit 2

log "portman: generating the collection from api-spec/openapi.json"
(cd "$WORK" && "$PORTMAN" --local "$SPEC" --baseUrl "$BASE_URL" --portmanConfigFile "$WORK/portman-config.json" \
  --postmanConfigFile "$HERE/postman-config.json" --output "$WORK/collection.json" --extraUnknownFormats uint32 \
  --logAssignVariables false --warn false </dev/null >"$WORK/portman.log" 2>&1) ||
  { cat "$WORK/portman.log" >&2; echo "portman failed" >&2; exit 2; }
cp "$WORK/portman-config.json" "$OUT/portman-config.generated.json"
gzip -c "$WORK/collection.json" >"$OUT/collection.json.gz"

ORDERED=()
for role in $ROLES; do ORDERED+=("$role"); done
log "newman: ${ORDERED[*]}"
# In the background with wait, so that a TERM (CI's timeout) reaches the trap at once and ends newman too.
RUN_RC=0
node "$HERE/lib/run-newman.mjs" "$WORK/collection.json" "$WORK" "$OUT" "${ORDERED[@]}" </dev/null &
RUNNER_PID=$!
wait "$RUNNER_PID" || RUN_RC=$?
RUNNER_PID=""

# The server's own account of what went wrong: every error it logged, grouped by the exception's first line.
node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n");
  const seen = new Map();
  for (const line of lines) {
    let e; try { e = JSON.parse(line); } catch { continue; }
    if (!["Error", "Critical"].includes(e.LogLevel)) continue;
    const first = (e.Exception || e.Message || "").split("\n")[0].slice(0, 300);
    const g = seen.get(first) || { count: 0, example: e.Exception || e.Message };
    g.count++; seen.set(first, g);
  }
  const out = [...seen].map(([k, g]) => `${g.count} x ${k}\n${String(g.example).split("\n").slice(0, 12).join("\n")}\n`);
  require("fs").writeFileSync(process.argv[2], out.join("\n") || "no errors logged\n");
  if (seen.size) console.log(`[contract] the API logged ${[...seen.values()].reduce((n, g) => n + g.count, 0)} errors: see artifacts/contract/api-errors.txt`);
' "$WORK/api.log" "$OUT/api-errors.txt" || true

log "reports in artifacts/contract/ (summary.md, summary.json, junit-*.xml)"
exit "$RUN_RC"
