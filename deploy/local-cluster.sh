#!/usr/bin/env bash
# A cluster on this machine without Docker: a throwaway PostgreSQL from the installed server programs and N gateway
# silos on it, each its own process.
#
#   deploy/local-cluster.sh up N     start PostgreSQL and N silos, wait until each is ready, print their URLs
#   deploy/local-cluster.sh status   each silo's URL, process and readiness
#   deploy/local-cluster.sh down     stop the silos (SIGTERM: they drain and leave the cluster), then PostgreSQL,
#                                    and delete everything the cluster wrote
#
# Environment:
#   LOCAL_CLUSTER_DIR        where the cluster keeps its database, logs and process ids
#                            (default ${TMPDIR:-/tmp}/orleansgroq-local-cluster); one cluster per directory
#   LOCAL_CLUSTER_BASE_PORT  silo i (0-based) serves HTTP on BASE+i, talks to the other silos on BASE+100+i and to
#                            Orleans clients on BASE+200+i; PostgreSQL listens on BASE+300 (default 8080)
#   LOCAL_CLUSTER_APP        the gateway to run (OrleansGroq.Silo.dll); by default the script publishes
#                            src/OrleansGroq.Silo into the cluster's directory first, as Silo.Dockerfile does
# Any other variable in the environment reaches the silos: GROQ_API_KEY, Groq__Keys__0__Secret, ... (without a key
# each silo serves from its own built-in emulator).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${LOCAL_CLUSTER_DIR:-${TMPDIR:-/tmp}/orleansgroq-local-cluster}
base=${LOCAL_CLUSTER_BASE_PORT:-8080}
pg_port=$((base + 300))
stop_wait=60

usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# The newest installed server programs (Debian/Ubuntu: apt-get install postgresql).
pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n | tail -n 1)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "local-cluster: PostgreSQL's server programs were not found under /usr/lib/postgresql/<version>/bin (apt-get install postgresql)." >&2
    exit 1
  fi
  echo "$bin"
}

# PostgreSQL refuses to run as root: as root, run its programs as the postgres user, which owns its directory.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

silo_pids() {
  local file
  for file in "$dir"/silo-*.pid; do
    [ -e "$file" ] && cat "$file"
  done
  return 0
}

alive() { kill -0 "$1" 2>/dev/null; }

app_dll() {
  if [ -n "${LOCAL_CLUSTER_APP:-}" ]; then
    echo "$LOCAL_CLUSTER_APP"
    return
  fi
  echo "local-cluster: publishing src/OrleansGroq.Silo into $dir/app ..." >&2
  dotnet publish "$repo/src/OrleansGroq.Silo/OrleansGroq.Silo.csproj" -c Release -o "$dir/app" -p:UseAppHost=false --nologo -v quiet >&2
  echo "$dir/app/OrleansGroq.Silo.dll"
}

ready() { dotnet "$1" probe "http://127.0.0.1:$2/health/ready" >/dev/null 2>&1; }

up() {
  local count=$1
  [[ "$count" =~ ^[1-9][0-9]?$ ]] || usage
  if [ -e "$dir/cluster" ]; then
    echo "local-cluster: a cluster already runs from $dir; stop it first (down)." >&2
    exit 1
  fi

  mkdir -p "$dir/pg"
  echo "$count" > "$dir/cluster"
  local bin
  bin=$(pg_bin)
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$dir/pg"
  as_pg "$bin/initdb" -D "$dir/pg/data" --auth=trust -U postgres --encoding=UTF8 --locale=C --no-sync >/dev/null
  # A throwaway database: durability is not worth its cost.
  cat >> "$dir/pg/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/pg'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
  as_pg "$bin/pg_ctl" start -w -t 60 -D "$dir/pg/data" -l "$dir/pg/server.log" -o "-p $pg_port" >/dev/null
  as_pg "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "CREATE DATABASE orleansgroq" >/dev/null

  local app
  app=$(app_dll)
  echo "$app" > "$dir/app.path"
  local i
  for ((i = 0; i < count; i++)); do
    # setsid: the silos outlive this script and its terminal; `down` stops them.
    ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=orleansgroq" \
      Orleans__SiloPort=$((base + 100 + i)) \
      Orleans__GatewayPort=$((base + 200 + i)) \
      Orleans__SiloName="local-$((i + 1))" \
      setsid dotnet "$app" --urls "http://127.0.0.1:$((base + i))" > "$dir/silo-$((i + 1)).log" 2>&1 < /dev/null &
    echo $! > "$dir/silo-$((i + 1)).pid"
  done

  for ((i = 0; i < count; i++)); do
    local pid waited=0
    pid=$(cat "$dir/silo-$((i + 1)).pid")
    until ready "$app" $((base + i)); do
      if ! alive "$pid" || [ $waited -ge 120 ]; then
        echo "local-cluster: silo $((i + 1)) did not become ready; its log, $dir/silo-$((i + 1)).log, ends:" >&2
        tail -n 20 "$dir/silo-$((i + 1)).log" >&2
        exit 1
      fi
      sleep 0.5
      waited=$((waited + 1))
    done
  done

  for ((i = 0; i < count; i++)); do
    echo "silo $((i + 1)): http://127.0.0.1:$((base + i))  (OpenAI SDKs: http://127.0.0.1:$((base + i))/openai/v1)"
  done
  echo "PostgreSQL: Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=orleansgroq"
}

status() {
  if [ ! -e "$dir/cluster" ]; then
    echo "local-cluster: no cluster runs from $dir."
    return 0
  fi
  local app i count
  app=$(cat "$dir/app.path" 2>/dev/null || true)
  count=$(cat "$dir/cluster")
  for ((i = 0; i < count; i++)); do
    local pid state
    pid=$(cat "$dir/silo-$((i + 1)).pid" 2>/dev/null || echo 0)
    if ! alive "$pid"; then
      state="stopped"
    elif [ -n "$app" ] && ready "$app" $((base + i)); then
      state="ready"
    else
      state="not ready"
    fi
    echo "silo $((i + 1)): http://127.0.0.1:$((base + i))  pid $pid  $state"
  done
  if as_pg "$(pg_bin)/pg_ctl" status -D "$dir/pg/data" >/dev/null 2>&1; then
    echo "PostgreSQL: Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=orleansgroq  running"
  else
    echo "PostgreSQL: stopped"
  fi
}

down() {
  if [ ! -d "$dir" ]; then
    echo "local-cluster: no cluster runs from $dir."
    return 0
  fi
  local pid pids waited
  pids=$(silo_pids)
  for pid in $pids; do
    alive "$pid" && kill -TERM "$pid"
  done
  # Each silo drains and leaves the cluster; one still there after a minute is killed.
  for pid in $pids; do
    waited=0
    while alive "$pid" && [ $waited -lt $((stop_wait * 10)) ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    alive "$pid" && kill -KILL "$pid"
  done
  if [ -e "$dir/pg/data/postmaster.pid" ]; then
    as_pg "$(pg_bin)/pg_ctl" stop -w -t 60 -m fast -D "$dir/pg/data" >/dev/null
  fi
  rm -rf "$dir"
  echo "local-cluster: stopped; $dir removed."
}

case "${1:-}" in
  up) [ $# -eq 2 ] || usage; up "$2" ;;
  status) status ;;
  down) down ;;
  *) usage ;;
esac
