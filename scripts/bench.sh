#!/usr/bin/env bash
# Serves the demo data from a release build and measures, in one run and
# side by side, requests per second and p99 latency for: the yearly
# summary page, the award tallies, a search, a static CSS file, and the ceiling — a
# fixed in-memory response as large as the yearly summary, served by the
# same server settings without database or template.
#
#   scripts/bench.sh [seconds per target, default 10] [connections, default 32]
#
# Also measures the static file on ONE keep-alive connection, where a
# response written in two parts stalls ~40 ms on the client's delayed ACK
# unless TCP_NODELAY is set.
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${1:-10}"
connections="${2:-32}"
port=18080
ceiling_port=18081

if ! command -v wrk >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk >/dev/null
fi

cargo build --release --locked --quiet
bin=target/release/thidua
work=$(mktemp -d)
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"; }
pids=()
trap cleanup EXIT

RUST_LOG=warn "$bin" serve --bind "127.0.0.1:$port" --database "$work/bench.db" &
pids+=($!)
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.2; done

base="http://127.0.0.1:$port"
# The Bắc Kạn cluster's 2022 summary: a full page with every section.
year_path=$(curl -fs "$base/search?q=cum+thi+dua+cac+huyen+thanh+pho" | grep -o 'href="/clusters/[0-9]*"' | head -1 | sed 's/href="//; s/"$//')/years/2022
year_bytes=$(curl -fs "$base$year_path" | wc -c)
# The page's ETag, for a browser revalidating an unchanged page (304). An
# anonymous GET is served from the page cache; any session cookie (even
# one that signs nobody in) bypasses it, for the uncached row.
year_etag=$(curl -fs -D - -o /dev/null "$base$year_path" | awk -F': ' 'tolower($1) == "etag" {print $2}' | tr -d '\r')

RUST_LOG=warn "$bin" ceiling --bind "127.0.0.1:$ceiling_port" --bytes "$year_bytes" &
pids+=($!)
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$ceiling_port/" >/dev/null 2>&1 && break; sleep 0.2; done

# Prints "requests/s p99" for one target.
measure() {
  local url=$1 threads=$2 conns=$3 header=${4:-}
  local out rps p99
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
printf '\nthidua benchmark: %s s per target, %s connections, %s threads, on %s cores\n' \
  "$duration" "$connections" "$threads" "$(nproc)"
printf 'yearly summary: %s (%s bytes)\n\n' "$year_path" "$year_bytes"
printf '%-34s %14s %12s\n' "target" "requests/s" "p99"
printf '%-34s %14s %12s\n' "----------------------------------" "----------" "-------"
for target in \
  "yearly summary|$base$year_path" \
  "yearly summary, If-None-Match|$base$year_path|If-None-Match: $year_etag" \
  "yearly summary, uncached|$base$year_path|Cookie: thidua_session=none" \
  "award tallies|$base/awards" \
  "search (a common name)|$base/search?q=nguyen" \
  "static CSS|$base/static/thidua.css" \
  "ceiling (fixed $year_bytes bytes)|http://127.0.0.1:$ceiling_port/"; do
  IFS='|' read -r name url header <<<"$target"
  read -r rps p99 <<<"$(measure "$url" "$threads" "$connections" "$header")"
  printf '%-34s %14s %12s\n' "$name" "$rps" "$p99"
done
printf '\nOne keep-alive connection:\n'
for target in "static CSS|$base/static/thidua.css" "yearly summary|$base$year_path"; do
  name=${target%%|*}; url=${target#*|}
  read -r rps p99 <<<"$(measure "$url" 1 1)"
  printf '%-34s %14s %12s\n' "$name" "$rps" "$p99"
done

# The same static file from a server with TCP_NODELAY off: the headers and
# the file body leave in two writes, and Nagle holds the second until the
# client's delayed ACK (~40 ms) arrives.
nagle_port=18082
THIDUA_TCP_NODELAY=0 RUST_LOG=warn "$bin" serve --bind "127.0.0.1:$nagle_port" --database "$work/bench.db" &
pids+=($!)
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$nagle_port/" >/dev/null 2>&1 && break; sleep 0.2; done
read -r rps p99 <<<"$(measure "http://127.0.0.1:$nagle_port/static/thidua.css" 1 1)"
printf '%-34s %14s %12s\n' "static CSS, TCP_NODELAY off" "$rps" "$p99"
