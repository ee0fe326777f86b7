#!/usr/bin/env bash
# What an open dashboard costs the master: a TASKS-task `sum` job on a master and two workers, ROUNDS
# times with the page "closed" and "open", alternating in one run (closed first). "Open" is a loop
# making the page's own requests (Host/Node/Dashboard/dashboard.html, refresh()) at its interval, 1 s:
# status, cluster, metrics, workers, jobs, plugins, supervision and the two top lists, in parallel as
# the page's Promise.all does. Prints each round's tasks/s (the master's created_at → finished_at)
# and the median of each, and their ratio.
# Usage: Bench/scripts/dashboard-cost.sh [TASKS] [ROUNDS]   (needs ./build.sh first)
cd "$(dirname "$0")/../.."
source Bench/scripts/cluster.sh
tasks=${1:-50000}
rounds=${2:-5}
start_cluster
page() {
  local base="http://127.0.0.1:$mp"
  while :; do
    for path in /api/status /api/cluster /metrics /api/workers "/api/jobs?limit=20" /api/plugins /api/supervision \
      "/api/processes/top?by=mailbox&n=10" "/api/processes/top?by=handled&n=10"; do
      api -o /dev/null "$base$path" &
    done
    wait
    sleep 1
  done
}
closed=(); open=()
for ((r = 1; r <= rounds; r++)); do
  for mode in closed open; do
    poller=""
    if [ "$mode" = open ]; then page & poller=$!; pids+=("$poller"); fi
    run_job "{\"operation\":\"sum\",\"task_count\":$tasks}"
    [ -n "$poller" ] && { kill "$poller"; wait "$poller" 2>/dev/null || true; }
    rate=$(python3 -c "print(round($tasks / $secs))")
    echo "round $r, page $mode: $secs s, $rate tasks/s"
    if [ "$mode" = open ]; then open+=("$rate"); else closed+=("$rate"); fi
  done
done
python3 - "${closed[*]}" "${open[*]}" <<'PY'
import statistics, sys
closed = [float(x) for x in sys.argv[1].split()]; opened = [float(x) for x in sys.argv[2].split()]
c, o = statistics.median(closed), statistics.median(opened)
print(f"median tasks/s: page closed {c:,.0f}, page open {o:,.0f}; open/closed {o / c:.3f} ({(o / c - 1) * 100:+.1f} % with the page open)")
PY
