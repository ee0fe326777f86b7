#!/usr/bin/env bash
# Takeover time: two masters on one PostgreSQL store (a throwaway server started here); ROUNDS times,
# kill -9 the leader and time until the standby answers /healthz 200 (lease taken, state loaded, the
# scheduler started), then restart the killed master as the new standby. Prints each time and the median.
# Usage: Bench/scripts/ha-takeover.sh [ROUNDS]   (needs ./build.sh first; default 10; default lease 500 ms / 2 s)
cd "$(dirname "$0")/../.."
rounds=${1:-10}
source Bench/scripts/postgres.sh
bin=./bin/distributed_system
work=$(mktemp -d)
declare -A pid port
cleanup() {
  for p in "${pid[@]}"; do kill -9 "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT
start_postgres
export DISTSYS_STORE=$(new_database takeover)
export DISTSYS_API_TOKEN=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
export DISTSYS_COOKIE=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
healthy() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port[$1]}/healthz")" = 200 ]; }
start() {
  port[$1]=${port[$1]:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
  "$bin" master 127.0.0.1 "${port[$1]}" --data-dir "$work/$1" >> "$work/$1.log" 2>&1 & pid[$1]=$!
}
start a
until healthy a; do sleep 0.05; done
start b
until curl -s "http://127.0.0.1:${port[b]}/healthz" | grep -q standby; do sleep 0.05; done
leader=a; standby=b; times=()
for round in $(seq "$rounds"); do
  t0=$(date +%s.%N)
  kill -9 "${pid[$leader]}"; wait "${pid[$leader]}" 2>/dev/null || true
  until healthy "$standby"; do sleep 0.01; done
  t=$(python3 -c "import sys; print(f'{float(sys.argv[2])-float(sys.argv[1]):.3f}')" "$t0" "$(date +%s.%N)")
  times+=("$t"); echo "round $round: $standby led ${t} s after the kill"
  start "$leader"
  until curl -s "http://127.0.0.1:${port[$leader]}/healthz" | grep -q standby; do sleep 0.05; done
  tmp=$leader; leader=$standby; standby=$tmp
done
python3 -c "import statistics,sys; v=sorted(map(float,sys.argv[1:])); print(f'takeover: median {statistics.median(v):.3f} s, min {v[0]:.3f}, max {v[-1]:.3f} over {len(v)} kills')" "${times[@]}"
