#!/usr/bin/env bash
# A PostgreSQL cluster of our own, from the installed server binaries, on a free loopback port: no Docker,
# no system service. Used by scripts/run.sh (a persistent cluster) and scripts/test.sh (a throwaway one).
#
#   scripts/postgres.sh dir                  the persistent cluster's data directory for this checkout
#   scripts/postgres.sh tempdir              a new empty directory for a throwaway cluster
#   scripts/postgres.sh start DIR [--fast]   init DIR if new, start it if stopped; prints a connection string
#                                            (--fast: no fsync; for throwaway test clusters only)
#   scripts/postgres.sh stop DIR [--remove]  stop the cluster (and delete DIR)
#
# Auth is "trust" for the postgres user over 127.0.0.1 only: a developer's and CI's private database.
# initdb/postgres refuse to run as root, so as root the cluster runs as the postgres user and lives
# under its home, which that user can always reach.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() { echo "postgres.sh: $*" >&2; exit 1; }

pg_bin() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
    [[ $EUID -eq 0 ]] || die "PostgreSQL server binaries not found; install them: sudo apt-get install -y postgresql"
    echo "Installing PostgreSQL (Debian package postgresql)…" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  echo "$bin"
}

as_owner() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A free port in 55432-55631, searched from a random point so clusters started at the same moment rarely pick the
# same one (start retries on another port if one does).
free_port() {
  local port offset i
  offset=$((RANDOM % 200))
  for i in $(seq 0 199); do
    port=$((55432 + (offset + i) % 200))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  die "no free port in 55432-55631"
}

connection_string() {
  echo "Host=127.0.0.1;Port=$(cat "$1/aggregator.port");Username=postgres"
}

cmd="${1:-}"; shift || true
case "$cmd" in
  dir)
    pg_bin >/dev/null
    if [[ $EUID -eq 0 ]]; then
      echo "/var/lib/postgresql/aggregator/$(echo -n "$repo_root" | md5sum | cut -c1-8)"
    else
      echo "$repo_root/.local/pgdata"
    fi
    ;;
  tempdir)
    pg_bin >/dev/null
    dir="$(mktemp -d /tmp/aggregator-pg.XXXXXX)"
    chmod 755 "$dir"
    echo "$dir"
    ;;
  start)
    dir="${1:?usage: postgres.sh start DIR [--fast]}"
    fast="${2:-}"
    bin="$(pg_bin)"
    mkdir -p "$dir"
    [[ $EUID -eq 0 ]] && chown postgres:postgres "$dir" && chmod 700 "$dir"
    if [[ ! -f "$dir/PG_VERSION" ]]; then
      as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 \
        || { cat "$dir.initdb.log" >&2; die "initdb failed"; }
      rm -f "$dir.initdb.log"
    fi
    if as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      connection_string "$dir"; exit 0
    fi
    # A restarted cluster keeps its port while that port is free, so connection strings stay valid.
    port="$(cat "$dir/aggregator.port" 2>/dev/null || true)"
    if [[ -z "$port" ]] || (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then port="$(free_port)"; fi
    for attempt in 1 2 3 4 5; do
      options="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200"
      [[ "$fast" == "--fast" ]] && options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
      log_lines=$({ wc -l <"$dir/server.log"; } 2>/dev/null || echo 0)
      if as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -o "$options" -w -t 60 start >/dev/null; then break; fi
      # Another cluster took the port between our check and the bind: try another one.
      if (( attempt < 5 )) && tail -n +"$((log_lines + 1))" "$dir/server.log" 2>/dev/null | grep -q "Address already in use"; then
        port="$(free_port)"; continue
      fi
      tail -n 20 "$dir/server.log" >&2 || true; die "server failed to start"
    done
    as_owner bash -c "echo $port > '$dir/aggregator.port'"
    connection_string "$dir"
    ;;
  stop)
    dir="${1:?usage: postgres.sh stop DIR [--remove]}"
    bin="$(pg_bin)"
    if [[ -f "$dir/PG_VERSION" ]]; then
      as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [[ "${2:-}" == "--remove" ]]; then rm -rf "$dir"; fi
    ;;
  *)
    sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
