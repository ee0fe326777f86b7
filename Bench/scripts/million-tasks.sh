#!/usr/bin/env bash
# A 1 000 000-task trivial job (sum, ten numbers a task) on a master and two workers started here on
# loopback, with their own data directories and secrets. Prints tasks/s, the master's RSS at submit,
# halfway and at the end, and the bytes jobs.db grew by per task. Kills what it started, by pid.
# Usage: Bench/scripts/million-tasks.sh [TASKS]   (needs ./build.sh first)
set -euo pipefail
cd "$(dirname "$0")/../.."
tasks=${1:-1000000}
bin=./bin/distributed_system
[ -x "$bin" ] || { echo "run ./build.sh first" >&2; exit 2; }
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
export DISTSYS_API_TOKEN=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
export DISTSYS_COOKIE=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mp=$(port)
"$bin" master 127.0.0.1 "$mp" --data-dir "$work/master" > "$work/master.log" 2>&1 & pids+=($!); master=$!
api() { curl -sf -H "Authorization: Bearer $DISTSYS_API_TOKEN" "$@"; }
until api "http://127.0.0.1:$mp/healthz" >/dev/null 2>&1; do sleep 0.1; done
for w in worker1 worker2; do
  wp=$(port)
  "$bin" "$w" 127.0.0.1 "$wp" 127.0.0.1 "$mp" --data-dir "$work/$w" > "$work/$w.log" 2>&1 & pids+=($!)
  until api "http://127.0.0.1:$wp/healthz" >/dev/null 2>&1; do sleep 0.1; done
done
until [ "$(api "http://127.0.0.1:$mp/api/workers" | python3 -c 'import json,sys; print(sum(w["status"]=="active" for w in json.load(sys.stdin)["workers"]))')" = 2 ]; do sleep 0.1; done
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$master/status"; }
db="$work/master/jobs/jobs.db"
size() { du -cb "$db"* 2>/dev/null | tail -1 | cut -f1; }
before=$(size); rss0=$(rss)
start=$(date +%s.%N)
id=$(api -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$mp/api/jobs" \
  -d "{\"name\":\"million\",\"type\":\"batch\",\"config\":{\"operation\":\"sum\",\"task_count\":$tasks}}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_id"])')
rss_half=""
while :; do
  read -r status done < <(api "http://127.0.0.1:$mp/api/jobs/$id" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["status"], j["progress"]["done"])')
  [ -z "$rss_half" ] && [ "$done" -ge $((tasks / 2)) ] && rss_half=$(rss)
  [ "$status" = completed ] && break
  [ "$status" = failed ] && { echo "job failed" >&2; exit 1; }
  sleep 0.2
done
end=$(date +%s.%N); rss_end=$(rss); after=$(size)
result=$(api "http://127.0.0.1:$mp/api/jobs/$id/results" | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"])')
python3 - "$tasks" "$start" "$end" "$rss0" "$rss_half" "$rss_end" "$before" "$after" "$result" <<'PY'
import sys
tasks, start, end, r0, rh, re, b0, b1, result = sys.argv[1:]
tasks = int(tasks); secs = float(end) - float(start); n = 10 * tasks
print(f"tasks {tasks}, {secs:.1f} s, {tasks/secs:,.0f} tasks/s (submit to completed)")
print(f"master RSS: {r0} MB at submit, {rh} MB halfway, {re} MB at the end")
print(f"jobs.db (+WAL) grew {(int(b1)-int(b0))/tasks:.0f} bytes per task")
print(f"result {result} (expected {n*(n+1)//2})")
PY
