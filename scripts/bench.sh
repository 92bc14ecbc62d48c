#!/usr/bin/env bash
# Measures, in one run and side by side, requests per second and p99
# latency of every kind of page on two databases served by a release
# build: the demo data, and a country-sized record made by
# `thidua generate --seed 1` (3,505 units, 585 clusters, 21 years). Beside
# them: the ceiling — a fixed in-memory response as large as the yearly
# summary, served with the same server settings without database or
# template — and the server's memory after the run. The national record
# is also copied into a throwaway PostgreSQL (`thidua copy`, which checks
# every page on both) and served from there, for the same pages side by
# side. (That cluster runs with fsync off, as the tests' does: reads are
# what is compared.)
#
#   scripts/bench.sh [seconds per target, default 10] [connections, default 32]
#
# Pages are measured uncached (a session cookie that signs nobody in
# bypasses the page cache, as a signed-in clerk does) and, for the yearly
# summary, also from the cache and as a 304 revalidation. Also measures
# the static file on ONE keep-alive connection, where a response written in
# two parts stalls ~40 ms on the client's delayed ACK unless TCP_NODELAY is
# set.
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${1:-10}"
connections="${2:-32}"
demo_port=18080
ceiling_port=18081
national_port=18083
postgres_port=18084

if ! command -v wrk >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk >/dev/null
fi

cargo build --release --locked --quiet --bin thidua --example soak
bin=target/release/thidua
soak=target/release/examples/soak
work=$(mktemp -d)
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  [ -n "${pg_dir:-}" ] && scripts/postgres.sh stop "$pg_dir" 2>/dev/null || true
  rm -rf "$work"
}
pids=()
trap cleanup EXIT

wait_for() { for _ in $(seq 100); do curl -fs "$1" >/dev/null 2>&1 && return; sleep 0.2; done; }

RUST_LOG=warn "$bin" serve --bind "127.0.0.1:$demo_port" --database "$work/demo.db" &
pids+=($!)
printf 'generating the national database… '
"$bin" generate --seed 1 --database "$work/national.db" | tail -1
RUST_LOG=warn "$bin" serve --no-demo --bind "127.0.0.1:$national_port" --database "$work/national.db" &
national_pid=$!
pids+=($national_pid)
printf 'copying it into PostgreSQL… '
# Its own folder: the server's user must reach it, and $work is private.
pg_dir=$(mktemp -d /tmp/thidua-bench-pg.XXXXXX)
server_url=$(scripts/postgres.sh start "$pg_dir" | sed 's/^THIDUA_TEST_POSTGRES=//')
psql "$server_url" -qc "CREATE DATABASE national"
postgres_url=${server_url/\/postgres\?/\/national?}
"$bin" copy --from "$work/national.db" --to "$postgres_url" | tail -1
RUST_LOG=warn "$bin" serve --no-demo --bind "127.0.0.1:$postgres_port" --database "$postgres_url" &
pids+=($!)
wait_for "http://127.0.0.1:$demo_port/"
wait_for "http://127.0.0.1:$national_port/"
wait_for "http://127.0.0.1:$postgres_port/"

first() { grep -o "$1" | head -1; }

# The pages of one database: prints "name|path" lines.
pages() {
  local base=$1 search=$2 cluster year unit
  cluster=$(curl -fs "$base/rotation" | first 'href="/clusters/[0-9]*"' | sed 's/href="//; s/"$//')
  year=$(curl -fs "$base$cluster" | first "href=\"$cluster/years/[0-9]*\"" | sed 's/href="//; s/"$//')
  unit=$(curl -fs "$base$year" | first 'href="/units/[0-9]*"' | sed 's/href="//; s/"$//')
  printf '%s\n' "yearly summary|$year" "print view|$year/print" "cluster|$cluster" "unit|$unit" \
    "home|/" "award tallies|/awards" "rotation|/rotation" "search|/search?q=$search"
}

# Prints "requests/s p99" for one target.
measure() {
  local url=$1 threads=$2 conns=$3 header=${4:-}
  local out rps p99
  # One request first: what a page keeps (db::memo) is computed once per
  # data version, and that first computation is not the steady state.
  curl -fs -o /dev/null ${header:+-H "$header"} "$url" || true
  if [ -n "$header" ]; then
    out=$(wrk -t"$threads" -c"$conns" -d"${duration}s" --latency -H "$header" "$url")
  else
    out=$(wrk -t"$threads" -c"$conns" -d"${duration}s" --latency "$url")
  fi
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  printf '%s %s' "$rps" "$p99"
}

threads=2
uncached="Cookie: thidua_session=none"
demo="http://127.0.0.1:$demo_port"
national="http://127.0.0.1:$national_port"
postgres="http://127.0.0.1:$postgres_port"
mapfile -t demo_pages < <(pages "$demo" "na+ri")
mapfile -t national_pages < <(pages "$national" "nguyen+van")
year_path=${demo_pages[0]#*|}
year_bytes=$(curl -fs "$demo$year_path" | wc -c)

RUST_LOG=warn "$bin" ceiling --bind "127.0.0.1:$ceiling_port" --bytes "$year_bytes" &
pids+=($!)
wait_for "http://127.0.0.1:$ceiling_port/"

printf '\nthidua benchmark: %s s per target, %s connections, %s threads, on %s cores\n' \
  "$duration" "$connections" "$threads" "$(nproc)"
printf 'demo yearly summary: %s (%s bytes); national: %s\n\n' "$year_path" "$year_bytes" "${national_pages[0]#*|}"
row() { printf '%-30s %10s %10s %10s %10s %10s %10s %10s\n' "$@"; }
row "page (uncached)" "demo r/s" "demo p99" "natl r/s" "natl p99" "natl KB" "pg r/s" "pg p99"
row "------------------------------" "--------" "--------" "--------" "--------" "-------" "--------" "--------"
for i in "${!demo_pages[@]}"; do
  name=${demo_pages[$i]%%|*}
  demo_path=${demo_pages[$i]#*|}
  national_path=${national_pages[$i]#*|}
  read -r d_rps d_p99 <<<"$(measure "$demo$demo_path" "$threads" "$connections" "$uncached")"
  read -r n_rps n_p99 <<<"$(measure "$national$national_path" "$threads" "$connections" "$uncached")"
  read -r p_rps p_p99 <<<"$(measure "$postgres$national_path" "$threads" "$connections" "$uncached")"
  kb=$(( $(curl -fs -H "$uncached" "$national$national_path" | wc -c) / 1024 ))
  row "$name" "$d_rps" "$d_p99" "$n_rps" "$n_p99" "$kb" "$p_rps" "$p_p99"
done
national_year=${national_pages[0]#*|}
demo_etag=$(curl -fs -D - -o /dev/null "$demo$year_path" | awk -F': ' 'tolower($1) == "etag" {print $2}' | tr -d '\r')
national_etag=$(curl -fs -D - -o /dev/null "$national$national_year" | awk -F': ' 'tolower($1) == "etag" {print $2}' | tr -d '\r')
postgres_etag=$(curl -fs -D - -o /dev/null "$postgres$national_year" | awk -F': ' 'tolower($1) == "etag" {print $2}' | tr -d '\r')
read -r d_rps d_p99 <<<"$(measure "$demo$year_path" "$threads" "$connections")"
read -r n_rps n_p99 <<<"$(measure "$national$national_year" "$threads" "$connections")"
read -r p_rps p_p99 <<<"$(measure "$postgres$national_year" "$threads" "$connections")"
row "yearly summary, cached" "$d_rps" "$d_p99" "$n_rps" "$n_p99" "" "$p_rps" "$p_p99"
read -r d_rps d_p99 <<<"$(measure "$demo$year_path" "$threads" "$connections" "If-None-Match: $demo_etag")"
read -r n_rps n_p99 <<<"$(measure "$national$national_year" "$threads" "$connections" "If-None-Match: $national_etag")"
read -r p_rps p_p99 <<<"$(measure "$postgres$national_year" "$threads" "$connections" "If-None-Match: $postgres_etag")"
row "yearly summary, 304" "$d_rps" "$d_p99" "$n_rps" "$n_p99" "" "$p_rps" "$p_p99"
read -r d_rps d_p99 <<<"$(measure "$demo/static/thidua.css" "$threads" "$connections")"
row "static CSS" "$d_rps" "$d_p99" "" "" ""
read -r c_rps c_p99 <<<"$(measure "http://127.0.0.1:$ceiling_port/" "$threads" "$connections")"
row "ceiling ($year_bytes bytes)" "$c_rps" "$c_p99" "" "" ""

# Four clerks saving the meeting form of their own cluster-years on the
# national database while eight readers load pages: p99 of a save's POST.
mapfile -t targets < <("$soak" targets --database "$work/national.db" --count 4)
cluster_flags=() target_flags=()
for t in "${targets[@]}"; do cluster_flags+=(--cluster "${t%/*}"); target_flags+=(--target "$t"); done
password="bench-$RANDOM-$RANDOM-mat-khau"
THIDUA_PASSWORD=$password "$bin" user --database "$work/national.db" add bench --role clerk "${cluster_flags[@]}" >/dev/null
"$soak" write --addr "127.0.0.1:$national_port" --user bench --password "$password" "${target_flags[@]}" \
  --seconds "$duration" --log "$work/saves.log" >"$work/saves" &
writer=$!
reads=$("$soak" read --addr "127.0.0.1:$national_port" --seconds "$duration" --readers 8 \
  --path / --path "$national_year" --path /awards --path /rotation)
wait "$writer"
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }
saves=$(cat "$work/saves")
printf '\nnational, 4 clerks saving + 8 readers: %s saves, save p50 %s ms, p99 %s ms; reads p99 %s ms\n' \
  "$(field "$saves" acknowledged)" "$(field "$saves" save_p50_ms)" "$(field "$saves" save_p99_ms)" "$(field "$reads" p99_ms)"
printf 'national server memory after the run: %s MB RSS\n' "$(( $(ps -o rss= -p "$national_pid") / 1024 ))"

# Memory through a longer run: eight readers over every kind of page and
# four clerks saving, the national server's RSS sampled each second.
memory_seconds="${MEMORY_SECONDS:-60}"
path_flags=()
for p in "${national_pages[@]}"; do path_flags+=(--path "${p#*|}"); done
"$soak" write --addr "127.0.0.1:$national_port" --user bench --password "$password" "${target_flags[@]}" \
  --seconds "$memory_seconds" --log "$work/saves.log" >"$work/saves" &
writer=$!
"$soak" read --addr "127.0.0.1:$national_port" --seconds "$memory_seconds" --readers 8 "${path_flags[@]}" >"$work/reads" &
reader=$!
peak=0
while kill -0 "$reader" 2>/dev/null; do
  rss=$(ps -o rss= -p "$national_pid" | tr -d ' ')
  [ "${rss:-0}" -gt "$peak" ] && peak=$rss
  sleep 1
done
wait "$writer" "$reader"
saves=$(cat "$work/saves")
reads=$(cat "$work/reads")
printf 'national, %s s over all %s pages + 4 clerks saving: %s reads, %s saves (p99 %s ms), peak RSS %s MB\n' \
  "$memory_seconds" "${#national_pages[@]}" "$(field "$reads" requests)" "$(field "$saves" acknowledged)" \
  "$(field "$saves" save_p99_ms)" "$(( peak / 1024 ))"

printf '\nOne keep-alive connection (demo):\n'
for target in "static CSS|$demo/static/thidua.css" "yearly summary|$demo$year_path"; do
  name=${target%%|*}; url=${target#*|}
  read -r rps p99 <<<"$(measure "$url" 1 1)"
  printf '%-30s %10s %10s\n' "$name" "$rps" "$p99"
done

# The same static file from a server with TCP_NODELAY off: the headers and
# the file body leave in two writes, and Nagle holds the second until the
# client's delayed ACK (~40 ms) arrives.
nagle_port=18082
THIDUA_TCP_NODELAY=0 RUST_LOG=warn "$bin" serve --bind "127.0.0.1:$nagle_port" --database "$work/demo.db" &
pids+=($!)
wait_for "http://127.0.0.1:$nagle_port/"
read -r rps p99 <<<"$(measure "http://127.0.0.1:$nagle_port/static/thidua.css" 1 1)"
printf '%-30s %10s %10s\n' "static CSS, TCP_NODELAY off" "$rps" "$p99"
