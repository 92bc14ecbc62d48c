#!/usr/bin/env bash
# Soak test, loopback only and bounded in time:
#   1. N readers against an idle server (p99 read latency, idle);
#   2. the same readers while M clerks save the meeting-results form
#      through the real login, CSRF token and form (p99 under write load);
#   3. clerks keep saving while the server is killed with SIGKILL and
#      restarted K times;
#   4. every save the portal acknowledged (303) must be in the database,
#      which must pass integrity_check;
#   5. `thidua backup` while clerks save, `thidua restore` into a stopped
#      deployment: every save acknowledged before the backup began is in it,
#      and the restored portal serves.
# Prints a summary table; exits non-zero if a save went missing, the
# database fails its check, a read failed or the restore does not serve.
#
#   scripts/soak.sh [--short]
#   SOAK_SECONDS=20 SOAK_READERS=8 SOAK_WRITERS=3 SOAK_CYCLES=10 scripts/soak.sh
#
# --short: 5 s phases, 4 readers, 2 clerks, 3 kills, debug build (it is a
# correctness check; the latency figures of a debug build mean little).
set -euo pipefail
cd "$(dirname "$0")/.."

short=0
[ "${1:-}" = "--short" ] && short=1
if [ "$short" = 1 ]; then
  seconds=${SOAK_SECONDS:-5} readers=${SOAK_READERS:-4} writers=${SOAK_WRITERS:-2} cycles=${SOAK_CYCLES:-3}
  profile=${SOAK_PROFILE:-debug}
else
  seconds=${SOAK_SECONDS:-20} readers=${SOAK_READERS:-8} writers=${SOAK_WRITERS:-3} cycles=${SOAK_CYCLES:-10}
  profile=${SOAK_PROFILE:-release}
fi
build_flags=(--locked --quiet --bin thidua --example soak)
[ "$profile" = release ] && build_flags+=(--release)
cargo build "${build_flags[@]}"
bin=target/$profile/thidua
soak=target/$profile/examples/soak

work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  jobs -p | xargs -r kill 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A free loopback port: one nobody answers on.
while :; do
  port=$((20000 + RANDOM % 30000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done
addr="127.0.0.1:$port"
base="http://$addr"

start_server() {
  RUST_LOG=warn "$bin" serve --bind "$addr" --database "$1" --workers 2 >>"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do
    curl -fs "$base/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the server did not start; its log:" >&2
  cat "$work/server.log" >&2
  exit 1
}
stop_server() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }

db="$work/thidua.db"
start_server "$db"

# One clerk for M clusters; each writing clerk edits its own cluster-year.
mapfile -t targets < <("$soak" targets --database "$db" --count "$writers")
cluster_flags=() target_flags=()
for t in "${targets[@]}"; do cluster_flags+=(--cluster "${t%/*}"); target_flags+=(--target "$t"); done
password="soak-$RANDOM-$RANDOM-mat-khau"
THIDUA_PASSWORD=$password "$bin" user --database "$db" add soak --role clerk "${cluster_flags[@]}" >/dev/null
write_args=(--addr "$addr" --user soak --password "$password" "${target_flags[@]}")
year_path="/clusters/${targets[0]%/*}/years/${targets[0]#*/}"
read_args=(--addr "$addr" --seconds "$seconds" --readers "$readers"
  --path / --path "$year_path" --path /awards --path /static/thidua.css)

# 1. Idle.
idle=$("$soak" read "${read_args[@]}")
# 2. Under write load.
"$soak" write "${write_args[@]}" --seconds "$seconds" --log "$work/acked.log" >"$work/load-writes" &
loaded=$("$soak" read "${read_args[@]}")
wait $!
load_writes=$(cat "$work/load-writes")

# 3. kill -9 while clerks save.
"$soak" write "${write_args[@]}" --seconds 600 --stop-file "$work/stop-crash" --log "$work/acked.log" >"$work/crash-writes" &
writer=$!
for _ in $(seq "$cycles"); do
  sleep "0.$((RANDOM % 9 + 1))"; sleep 0.5
  kill -9 "$server"
  wait "$server" 2>/dev/null || true
  start_server "$db"
done
sleep 1
touch "$work/stop-crash"
wait "$writer"
crash_writes=$(cat "$work/crash-writes")

# 4. Every acknowledged save is there; the database is sound.
after_crashes=$("$soak" check --database "$db" --log "$work/acked.log")

# 5. Backup during saves, restore into a stopped deployment, serve it.
"$soak" write "${write_args[@]}" --seconds 600 --stop-file "$work/stop-backup" --log "$work/acked.log" >/dev/null &
writer=$!
sleep 1
cp "$work/acked.log" "$work/acked-before-backup.log"
backup_line=$("$bin" backup --database "$db" "$work/backup.db")
touch "$work/stop-backup"
wait "$writer"
stop_server
restored="$work/restored/thidua.db"
"$bin" restore --database "$restored" "$work/backup.db" >/dev/null
in_backup=$("$soak" check --database "$restored" --log "$work/acked-before-backup.log")
start_server "$restored"
serves="$(curl -s -o /dev/null -w '%{http_code}' "$base/") $(curl -s -o /dev/null -w '%{http_code}' "$base$year_path")"
stop_server

printf '\nthidua soak: %s s phases, %s readers, %s writing clerks, %s kill -9 cycles, %s build, %s cores\n\n' \
  "$seconds" "$readers" "$writers" "$cycles" "$profile" "$(nproc)"
printf '%-38s %10s %8s %9s %9s\n' "reads" "requests" "errors" "p50 ms" "p99 ms"
printf '%-38s %10s %8s %9s %9s\n' "idle" "$(field "$idle" requests)" "$(field "$idle" errors)" \
  "$(field "$idle" p50_ms)" "$(field "$idle" p99_ms)"
printf '%-38s %10s %8s %9s %9s\n' "while $writers clerks save" "$(field "$loaded" requests)" \
  "$(field "$loaded" errors)" "$(field "$loaded" p50_ms)" "$(field "$loaded" p99_ms)"
printf '\n%-38s %s\n' "saves acknowledged under load" "$(field "$load_writes" acknowledged) (refused $(field "$load_writes" refused), failed $(field "$load_writes" failed))"
printf '%-38s %s\n' "saves acknowledged across kill -9" "$(field "$crash_writes" acknowledged) (failed while down: $(field "$crash_writes" failed))"
printf '%-38s %s\n' "acknowledged but missing" "$(field "$after_crashes" missing) of $(field "$after_crashes" acknowledged)"
printf '%-38s %s\n' "integrity_check after $cycles kills" "$(field "$after_crashes" integrity)"
printf '%-38s %s\n' "backup during saves" "$backup_line"
printf '%-38s %s\n' "missing from the backup" "$(field "$in_backup" missing) of $(field "$in_backup" acknowledged) acknowledged before it"
printf '%-38s %s\n' "restored portal: / and a year page" "$serves"

status=0
[ "$(field "$after_crashes" missing)" = 0 ] || status=1
[ "$(field "$after_crashes" integrity)" = '"ok"' ] || status=1
[ "$(field "$in_backup" missing)" = 0 ] || status=1
[ "$(field "$idle" errors)" = 0 ] && [ "$(field "$loaded" errors)" = 0 ] || status=1
[ "$serves" = "200 200" ] || status=1
[ "$status" = 0 ] && echo "soak: passed" || echo "soak: FAILED" >&2
exit "$status"
