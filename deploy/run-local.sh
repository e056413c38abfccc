#!/usr/bin/env bash
# Brings up PostgreSQL, smtp4dev and the NML.Matching API with demo data on http://localhost:8080.
#   deploy/run-local.sh [--no-demo]        PORT=8081 deploy/run-local.sh
# PostgreSQL: docker compose when a Docker engine answers; otherwise a local cluster under ./.data/
# from the PostgreSQL binaries (installed with apt when missing and allowed). Mail goes to smtp4dev, a local
# .NET tool (dotnet-tools.json): SMTP on NML_SMTP_PORT (2525), read it at http://localhost:NML_MAIL_WEB_PORT (5080).
# Ctrl-C stops what it started.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DEMO=true
for arg in "$@"; do
  case "$arg" in
    --no-demo) DEMO=false ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

PORT="${PORT:-8080}"
PG_PORT="${NML_PG_PORT:-55432}"
SMTP_PORT="${NML_SMTP_PORT:-2525}"
MAIL_WEB_PORT="${NML_MAIL_WEB_PORT:-5080}"
DATA_DIR="$ROOT/.data"
PG_DIR="$DATA_DIR/pg"
export NML_ADMIN_KEY="${NML_ADMIN_KEY:-nml-admin-local-demo-key}"
STARTED_PG=""
API_PID=""
MAIL_PID=""
MAIL_DIR=""

log() { printf '\033[1;34m[run-local]\033[0m %s\n' "$*"; }

cleanup() {
  trap - INT TERM EXIT
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
    log "stopping the API"; kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true
  fi
  if [ -n "$MAIL_PID" ] && kill -0 "$MAIL_PID" 2>/dev/null; then
    log "stopping smtp4dev"; kill "$MAIL_PID" 2>/dev/null || true; wait "$MAIL_PID" 2>/dev/null || true
  fi
  [ -n "$MAIL_DIR" ] && rm -rf "$MAIL_DIR"
  case "$STARTED_PG" in
    compose) log "stopping PostgreSQL (docker compose)"; docker compose -f deploy/docker-compose.yml stop postgres >/dev/null || true ;;
    local) log "stopping PostgreSQL (local cluster)"; as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast stop >/dev/null || true ;;
  esac
}
trap cleanup INT TERM EXIT

as_pg() {
  # PostgreSQL refuses to run as root: run its tools as the postgres user then.
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

find_pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

start_compose() {
  log "Docker engine found: starting PostgreSQL with docker compose"
  NML_PG_PORT="$PG_PORT" docker compose -f deploy/docker-compose.yml up -d postgres
  STARTED_PG=compose
  for _ in $(seq 1 60); do
    docker compose -f deploy/docker-compose.yml exec -T postgres pg_isready -U nml >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "PostgreSQL did not become ready" >&2; exit 1
}

start_local() {
  if ! PG_BIN="$(find_pg_bin)"; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
      log "installing PostgreSQL with apt"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      PG_BIN="$(find_pg_bin)"
    else
      echo "No PostgreSQL binaries found and apt is not available to install them (need root). Install PostgreSQL 15+ and retry." >&2
      exit 1
    fi
  fi
  mkdir -p "$DATA_DIR"
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home "$DATA_DIR" postgres
    chown postgres "$DATA_DIR"; chmod 755 "$DATA_DIR"
  fi
  if [ ! -f "$PG_DIR/PG_VERSION" ]; then
    log "creating a local PostgreSQL cluster in .data/pg ($("$PG_BIN/postgres" --version))"
    as_pg "$PG_BIN/initdb" -D "$PG_DIR" -U nml --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; then
    log "PostgreSQL already runs in .data/pg; using it"
  else
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w -t 60 \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR" start >/dev/null
    STARTED_PG=local
  fi
}

if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then start_compose; else start_local; fi

if ! command -v dotnet >/dev/null 2>&1; then echo "The .NET SDK (dotnet) is required: https://dot.net" >&2; exit 1; fi

listens() {
  # A TCP port on 127.0.0.1 that accepts a connection (bash's /dev/tcp: no curl or nc needed).
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_mail() {
  log "restoring the local .NET tools (dotnet-tools.json)"
  dotnet tool restore >/dev/null
  # Its messages live in a temporary folder that is removed on exit: every run starts with an empty inbox.
  MAIL_DIR="$(mktemp -d "${TMPDIR:-/tmp}/nml-smtp4dev.XXXXXX")"
  log "starting smtp4dev: SMTP on 127.0.0.1:$SMTP_PORT, its inbox on http://localhost:$MAIL_WEB_PORT"
  XDG_CONFIG_HOME="$MAIL_DIR" dotnet tool run smtp4dev -- --urls="http://127.0.0.1:$MAIL_WEB_PORT" \
    --smtpport="$SMTP_PORT" --imapport= --pop3port= --db="$MAIL_DIR/smtp4dev.db" --nousersettings \
    --hostname=localhost >"$MAIL_DIR/smtp4dev.log" 2>&1 &
  MAIL_PID=$!
  for _ in $(seq 1 60); do
    if listens "$SMTP_PORT" && listens "$MAIL_WEB_PORT"; then return 0; fi
    if ! kill -0 "$MAIL_PID" 2>/dev/null; then
      tail -n 20 "$MAIL_DIR/smtp4dev.log" >&2
      echo "smtp4dev stopped during start-up (is port $SMTP_PORT or $MAIL_WEB_PORT taken? set NML_SMTP_PORT / NML_MAIL_WEB_PORT)." >&2
      exit 1
    fi
    sleep 1
  done
  echo "smtp4dev did not listen on $SMTP_PORT and $MAIL_WEB_PORT within 60 s; see $MAIL_DIR/smtp4dev.log" >&2; exit 1
}

start_mail

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="http://0.0.0.0:$PORT"
export ConnectionStrings__Matching="Host=127.0.0.1;Port=$PG_PORT;Database=nml_matching;Username=nml;Password=nml"
export Database__MigrateOnStartup=true
export Demo__Seed="$DEMO"
export Email__Smtp__Host=127.0.0.1
export Email__Smtp__Port="$SMTP_PORT"
export Email__Smtp__Security=None

log "building the API"
dotnet build src/NML.Matching.Api -c Release -nologo -v quiet >/dev/null

ready() {
  local url="http://127.0.0.1:$PORT/health/ready"
  if command -v curl >/dev/null 2>&1; then curl -fsS "$url" >/dev/null 2>&1
  else dotnet src/NML.Matching.Api/bin/Release/net10.0/NML.Matching.Api.dll --healthcheck "$url"; fi
}

log "starting the API on http://localhost:$PORT (migrations and demo data are applied at start-up)"
dotnet run --project src/NML.Matching.Api -c Release --no-build --no-launch-profile &
API_PID=$!

for _ in $(seq 1 120); do
  if ready; then break; fi
  kill -0 "$API_PID" 2>/dev/null || { echo "The API stopped during start-up; see the log above." >&2; exit 1; }
  sleep 1
done

cat <<BANNER

  NML.Matching runs on   http://localhost:$PORT
  Portal (sign in)       http://localhost:$PORT/inloggen
  Swagger UI             http://localhost:$PORT/swagger
  OpenAPI document       http://localhost:$PORT/openapi/v1.json
  Admin key              $NML_ADMIN_KEY   (header X-Api-Key)
  Mail (smtp4dev)        http://localhost:$MAIL_WEB_PORT   (every mail the API sends; SMTP on 127.0.0.1:$SMTP_PORT)
BANNER
if [ "$DEMO" = true ]; then
  cat <<'KEYS'
  Demo keys (fictional organisations; every gemeente has nml_<code>_demo, e.g. nml_gm0983_demo for Venlo):
    Matchingspunt   nml_mpnoord_demo  nml_mpmidden_demo  nml_mpmhl_demo
    Corporatie      nml_maasvallei_demo  nml_peelrand_demo  nml_roerstreek_demo  nml_weerterland_demo
    Zorgaanbieder   nml_horizon_demo  nml_overstap_demo  nml_kompas_demo
  Demo people (portal; password Demo-wachtwoord-2026 for all, no second factor in Development):
    Admin           demo+admin@nml-matching.test
    Matchingspunt   demo+mpnoord@nml-matching.test  (and demo+mpmidden, demo+mpmhl)
    Corporatie      demo+maasvallei@nml-matching.test  (and demo+peelrand, demo+roerstreek, demo+weerterland)
    Zorgaanbieder   demo+horizon@nml-matching.test  (and demo+overstap, demo+kompas)
    Gemeente        demo+gm0983@nml-matching.test  (demo+<cbs code> for every gemeente)
KEYS
fi
printf '\n  Try:  curl -H "X-Api-Key: %s" "http://localhost:%s/api/v1/gemeenten?region=NML"\n  Ctrl-C stops the API, smtp4dev and the database this script started.\n\n' "$NML_ADMIN_KEY" "$PORT"

wait "$API_PID"
