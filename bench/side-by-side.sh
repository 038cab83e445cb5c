#!/usr/bin/env bash
# One fleet-simulator run against one server started fresh for it, so rows of a table differ only in the server.
#   bench/side-by-side.sh SERVER OUT.json [simulator options...]
# SERVER: baseline | embedded | postgres | oap. Build first: ./mvnw -q package -DskipTests
#   embedded  Groundstation, embedded SQLite in a new temporary data dir (the zero-setup default)
#   postgres  Groundstation on a new scratch PostgreSQL cluster (Debian's postgresql package, port 25432)
#   oap       SkyWalking OAP 10.1.0 from ../shared/oap-reference (in-memory H2), gRPC on 127.0.0.1:21800
# Server JVMs run with their defaults unless SERVER_JAVA_OPTS is set. Prints the simulator's report; exits with its
# status (3 = something would have been misread).
# SAMPLE_EVERY=SECONDS (a soak, a storm) also prints a line that often: the database's size on disk, the server's
# RSS, the processes alive in /api/fleet and the registry's row counters (embedded and postgres only).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
server=${1:?server: baseline, embedded, postgres or oap}
out=${2:?output JSON file}
shift 2
bench_jar=$root/bench/target/groundstation-bench.jar
server_jar=$root/server/target/groundstation.jar
work=$(mktemp -d /tmp/gs-side-by-side.XXXXXX)
pid=""
pg_dir=""

stop() {
  [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  if [[ -n $pg_dir ]]; then
    as_postgres /usr/lib/postgresql/*/bin/pg_ctl -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap stop EXIT

# PostgreSQL refuses to run as root.
as_postgres() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Waits for the line announcing the gRPC port in $1 and prints the port.
port_from_log() {
  for _ in $(seq 1 240); do
    local port
    port=$(grep -oE "$2" "$1" | grep -oE '[0-9]+$' | head -1 || true)
    [[ -n $port ]] && { echo "$port"; return; }
    kill -0 "$pid" 2>/dev/null || { cat "$1" >&2; echo "server exited" >&2; exit 1; }
    sleep 0.5
  done
  echo "server did not announce its port" >&2; exit 1
}

start_groundstation() {
  GROUNDSTATION_GRPC_HOST=127.0.0.1 GROUNDSTATION_GRPC_PORT=0 GROUNDSTATION_HTTP_HOST=127.0.0.1 \
    GROUNDSTATION_HTTP_PORT=0 GROUNDSTATION_DATA_DIR=$work/data "$@" \
    java ${SERVER_JAVA_OPTS:-} -jar "$server_jar" >"$work/server.log" 2>&1 &
  pid=$!
  port=$(port_from_log "$work/server.log" 'agents \(gRPC[^)]*\) on [^:]+:[0-9]+')
}

case $server in
  baseline)
    java ${SERVER_JAVA_OPTS:-} -cp "$bench_jar" io.groundstation.bench.BaselineServer --port 0 >"$work/server.log" 2>&1 &
    pid=$!
    port=$(port_from_log "$work/server.log" 'listening on [^:]+:[0-9]+')
    ;;
  embedded)
    start_groundstation env
    ;;
  postgres)
    pg_dir=$work/pg
    mkdir -p "$pg_dir" && chmod 755 "$work" && chown "$( [[ $(id -u) == 0 ]] && echo postgres || id -un)" "$pg_dir"
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    as_postgres "$bin/initdb" -D "$pg_dir/data" -U groundstation -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_postgres "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w start \
      -o "-h 127.0.0.1 -p 25432 -k $pg_dir -c max_connections=200 -c shared_buffers=512MB" >/dev/null
    as_postgres "$bin/createdb" -h 127.0.0.1 -p 25432 -U groundstation groundstation
    start_groundstation env GROUNDSTATION_JDBC_URL=jdbc:postgresql://127.0.0.1:25432/groundstation \
      GROUNDSTATION_JDBC_USER=groundstation
    ;;
  oap)
    port=21800
    pid=$(SW_CORE_GRPC_PORT=21800 SW_CORE_REST_PORT=22800 "$root/../shared/oap-reference/start.sh")
    ;;
  *)
    echo "unknown server $server (baseline, embedded, postgres or oap)" >&2; exit 2 ;;
esac

# Prints one soak sample line every $SAMPLE_EVERY seconds until the server stops.
sample() {
  local http start=$SECONDS
  http=$(grep -oE 'HTTP API on [^:]+:[0-9]+' "$work/server.log" | grep -oE '[0-9]+$' | head -1)
  while kill -0 "$pid" 2>/dev/null; do
    sleep "$SAMPLE_EVERY"
    local db rss alive rows
    case $server in
      embedded) db=$(du -sb "$work/data" 2>/dev/null | cut -f1) || break ;;
      postgres) db=$(as_postgres "$bin/psql" -h 127.0.0.1 -p 25432 -U groundstation -Atc \
        "SELECT pg_database_size('groundstation')" groundstation) ;;
    esac
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    alive=$(curl -s "http://127.0.0.1:$http/api/fleet" | grep -oE '"processes":\{[^}]*\}' \
      | grep -oE '"alive":[0-9]+' | cut -d: -f2 || true)
    rows=$(curl -s "http://127.0.0.1:$http/metrics" | grep -E '^groundstation_(registry|rollout)_rows_written_total' \
      | sed -E 's/^groundstation_([a-z]+)_rows_written_total\{(.*)\} /\1{\2}=/' | tr '\n' ' ' || true)
    echo "sample s=$((SECONDS - start)) db_bytes=$db rss_kib=$rss alive_processes=$alive $rows"
  done
}
if [[ -n ${SAMPLE_EVERY:-} && ( $server == embedded || $server == postgres ) ]]; then
  sample &
fi

# Groundstation's own latency histogram too, next to what the simulator measured.
server_metrics=()
if [[ $server == embedded || $server == postgres ]]; then
  http=$(grep -oE 'HTTP API on [^:]+:[0-9]+' "$work/server.log" | grep -oE '[0-9]+$' | head -1)
  server_metrics=(--server-metrics "http://127.0.0.1:$http/metrics")
fi
status=0
java -jar "$bench_jar" --target "127.0.0.1:$port" --server-pid "$pid" "${server_metrics[@]}" --json-out "$out" "$@" \
  || status=$?
# The server's own view of the run (flush lag, pending pings), for Groundstation.
if [[ $server == embedded || $server == postgres ]]; then
  curl -s "http://127.0.0.1:$http/metrics" | grep -E '^groundstation_(ping|pending|registry|rollout_rows|meter_pending)' || true
fi
# What the run left on disk, for sizing.
case $server in
  embedded) echo "database size: $(du -sb "$work/data" | cut -f1) bytes (SQLite file, -wal and -shm)" ;;
  postgres) echo "database size: $(as_postgres "$bin/psql" -h 127.0.0.1 -p 25432 -U groundstation -Atc \
    "SELECT pg_database_size('groundstation')" groundstation) bytes (PostgreSQL)" ;;
esac
exit $status
