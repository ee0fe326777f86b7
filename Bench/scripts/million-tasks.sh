#!/usr/bin/env bash
# A 1 000 000-task trivial job (sum, ten numbers a task) on a master and two workers started here on
# loopback. Prints tasks/s, the master's RSS at submit, halfway and at the end, and the bytes jobs.db
# grew by per task. Usage: Bench/scripts/million-tasks.sh [TASKS]   (needs ./build.sh first)
cd "$(dirname "$0")/../.."
source Bench/scripts/cluster.sh
tasks=${1:-1000000}
start_cluster
db="$work/master/jobs/jobs.db"
# On a shared store (DISTSYS_STORE, Bench/scripts/ha-store.sh) there is no jobs.db: it grows by 0.
size() { du -cb "$db"* 2>/dev/null | tail -1 | cut -f1 || true; }
before=$(size); rss0=$(rss); rss_half=""
half() { [ -n "$rss_half" ] || [ "$(api "http://127.0.0.1:$mp/api/jobs/$id" | grep -o '"done":[0-9]*' | cut -d: -f2)" -lt $((tasks / 2)) ] || rss_half=$(rss); }
on_poll=half run_job "{\"operation\":\"sum\",\"task_count\":$tasks}"
after=$(size)
result=$(api "http://127.0.0.1:$mp/api/jobs/$id/results" | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"])')
python3 - "$tasks" "$secs" "$rss0" "${rss_half:-?}" "$(rss)" "$rss_max" "$before" "$after" "$result" <<'PY'
import sys
tasks, secs, r0, rh, re, rmax, b0, b1, result = sys.argv[1:]
tasks = int(tasks); secs = float(secs); n = 10 * tasks
print(f"tasks {tasks}, {secs:.1f} s, {tasks/secs:,.0f} tasks/s (submit to completed)")
print(f"master RSS: {r0} MB at submit, {rh} MB halfway, {re} MB at the end, {rmax} MB at most")
print(f"jobs.db (+WAL) grew {(int(b1)-int(b0))/tasks:.0f} bytes per task")
print(f"result {result} (expected {n*(n+1)//2})")
PY
