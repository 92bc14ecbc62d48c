#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, in a temporary folder:
#
#   eval "$(scripts/postgres.sh start DIR)"   # prints THIDUA_TEST_POSTGRES=…
#   scripts/postgres.sh stop DIR
#
# The server listens only on a Unix socket in DIR (no TCP port to clash
# with), trusts local connections, and is created with the C collation,
# so text sorts byte by byte as in SQLite. initdb refuses to run as root;
# as root the cluster belongs to the `postgres` user Debian's package
# creates.
set -euo pipefail

action=${1:?start or stop}
dir=${2:?a folder for the cluster}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U thidua --auth=trust \
      --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses='' -k $dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
    # The tests make one database per test from a template they fill.
    echo "THIDUA_TEST_POSTGRES=postgresql://thidua@/postgres?host=$dir"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
