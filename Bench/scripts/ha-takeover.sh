#!/usr/bin/env bash
# Takeover time and lease traffic: two masters on one PostgreSQL store (a throwaway server started here)
# and one worker that follows them (--masters). First the store's traffic at rest (leader + standby +
# idle worker): committed transactions per second over 10 s (pg_stat_database), which is the lease's.
# Then a long job of slow tasks; ROUNDS times, kill -9 the leader and time until the first task the new
# leader dispatches (the earliest tasks.claimed_at after the kill: only the new leader can write once
# the fence moved), also when the standby answered /healthz 200; then the killed master is started
# again (same port) as the standby. Prints each time and the medians.
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
sql() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d "${2:-takeover}" -Atc "$1"; }
now_ms() { date +%s%3N; }
healthy() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port[$1]}/healthz")" = 200 ]; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() {
  port[$1]=${port[$1]:-$(free_port)}
  "$bin" master 127.0.0.1 "${port[$1]}" --data-dir "$work/$1" >> "$work/$1.log" 2>&1 & pid[$1]=$!
}
start a
until healthy a; do sleep 0.05; done
start b
until curl -s "http://127.0.0.1:${port[b]}/healthz" | grep -q standby; do sleep 0.05; done
port[w]=$(free_port)
DISTSYS_JOBS__MAX_TASKS=4 "$bin" worker1 127.0.0.1 "${port[w]}" 127.0.0.1 "${port[a]}" --masters "127.0.0.1:${port[b]}" \
  --data-dir "$work/w" >> "$work/w.log" 2>&1 & pid[w]=$!
until healthy w; do sleep 0.05; done

commits() { sql "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'takeover'" postgres; }
c0=$(commits); t0=$(now_ms); sleep 10; c1=$(commits); t1=$(now_ms)
# The two reads of pg_stat_database are themselves transactions on another database: not counted.
python3 -c "import sys; c0,c1,t0,t1=map(int,sys.argv[1:]); print(f'store traffic at rest (leader + 1 standby + 1 idle worker): {(c1-c0)*1000/(t1-t0):.1f} transactions/s')" "$c0" "$c1" "$t0" "$t1"

curl -s -H "Authorization: Bearer $DISTSYS_API_TOKEN" -H 'Content-Type: application/json' -X POST "http://127.0.0.1:${port[a]}/api/jobs" \
  -d '{"name":"takeover","type":"batch","config":{"operation":"sleep","sleep_ms":100,"task_count":1000000}}' > /dev/null
until [ "$(sql "SELECT COUNT(*) FROM tasks WHERE state = 'completed'")" -ge 20 ]; do sleep 0.1; done
leader=a; standby=b; dispatch=(); ready=()
for round in $(seq "$rounds"); do
  t0=$(now_ms)
  kill -9 "${pid[$leader]}"; wait "${pid[$leader]}" 2>/dev/null || true
  until healthy "$standby"; do sleep 0.01; done
  tr=$(now_ms)
  until [ -n "$(sql "SELECT MIN(claimed_at) FROM tasks WHERE claimed_at > $t0")" ]; do sleep 0.01; done
  td=$(sql "SELECT MIN(claimed_at) FROM tasks WHERE claimed_at > $t0")
  ready+=("$(( tr - t0 ))"); dispatch+=("$(( td - t0 ))")
  echo "round $round: $standby ready $(( tr - t0 )) ms, first task dispatched $(( td - t0 )) ms after the kill"
  start "$leader"
  until curl -s "http://127.0.0.1:${port[$leader]}/healthz" | grep -q standby; do sleep 0.05; done
  tmp=$leader; leader=$standby; standby=$tmp
done
python3 -c "
import statistics,sys
n=int(sys.argv[1]); d=sorted(map(int,sys.argv[2:2+n])); r=sorted(map(int,sys.argv[2+n:]))
print(f'takeover to the first task dispatched by the new leader: median {statistics.median(d)/1000:.3f} s, min {d[0]/1000:.3f}, max {d[-1]/1000:.3f} over {n} kills')
print(f'takeover to the standby ready: median {statistics.median(r)/1000:.3f} s, min {r[0]/1000:.3f}, max {r[-1]/1000:.3f}')" \
  "${#dispatch[@]}" "${dispatch[@]}" "${ready[@]}"
