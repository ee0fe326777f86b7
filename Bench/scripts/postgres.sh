# Sourced by the HA bench scripts: a throwaway PostgreSQL server (Debian's postgresql package) in a temp
# directory on 127.0.0.1 and a free port, as user nobody when run as root (PostgreSQL refuses root),
# synchronous_commit=off like the tests' server (crash-safe for the server process, as the SQLite
# store's WAL with synchronous=NORMAL is). `start_postgres` sets $pg_bin, $pg_port, $pg_pid;
# `new_database NAME` prints its connection string; the server is stopped by pid (fast shutdown) and
# its directory removed by `stop_postgres`, which the caller's EXIT trap must run.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pg_bin/initdb" ] || { echo "PostgreSQL is not installed (Tests/prereqs.sh installs it)" >&2; exit 2; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; else "$@"; fi; }
start_postgres() {
  pg_dir=$(mktemp -d /var/tmp/distsys-pg-XXXXXX)
  [ "$(id -u)" -ne 0 ] || chown nobody: "$pg_dir"
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --no-sync --no-instructions >/dev/null
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  # Started directly, not through the as_pg function: a backgrounded function is a subshell, and $! must be the
  # postmaster itself (setpriv execs it) for the stop by pid to reach it.
  local su=(); [ "$(id -u)" -ne 0 ] || su=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
  "${su[@]}" "$pg_bin/postgres" -D "$pg_dir/data" -c listen_addresses=127.0.0.1 -c port="$pg_port" -c unix_socket_directories= \
    -c synchronous_commit=off > "$pg_dir/server.log" 2>&1 &
  pg_pid=$!
  until "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" -U postgres; do
    kill -0 "$pg_pid" 2>/dev/null || { cat "$pg_dir/server.log" >&2; exit 1; }
    sleep 0.05
  done
}
new_database() {
  "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres "$1"
  echo "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$1"
}
stop_postgres() {
  [ -z "${pg_pid:-}" ] || { kill -INT "$pg_pid" 2>/dev/null || true; wait "$pg_pid" 2>/dev/null || true; }
  [ -z "${pg_dir:-}" ] || rm -rf "$pg_dir"
}
