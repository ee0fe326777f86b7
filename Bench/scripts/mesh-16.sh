#!/usr/bin/env bash
# Time to a full mesh: 1 master + (NODES-1) workers started together from bin/distributed_system, each
# its own OS process with its own data directory, until every node's GET /api/cluster reports NODES up.
# The clock runs from the first process start to the last node seen whole. ROUNDS runs (default 5);
# prints each round, the median, the CPU the nodes burnt, and the floor: NODES `--version` starts at
# once (the .NET runtime start alone, no Kestrel, no cluster) on the same machine in the same run.
# Every process is killed by pid at the end of its round and on exit. A round with no full mesh after
# 60 s is reported with the nodes that lacked members, and the script then exits 1.
# Usage: Bench/scripts/mesh-16.sh [NODES] [ROUNDS]; MESH_ARGS adds node options (e.g. "--failure-timeout 3s");
# KEEP_LOGS=1 keeps the nodes' logs.
set -euo pipefail
cd "$(dirname "$0")/../.."
nodes=${1:-16}
rounds=${2:-5}
bin=./bin/distributed_system
[ -x "$bin" ] || { echo "run ./build.sh first" >&2; exit 2; }
work=$(mktemp -d)
pids=()
kill_all() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
trap 'kill_all; [ -n "${KEEP_LOGS:-}" ] && echo "logs in $work" >&2 || rm -rf "$work"' EXIT
export DISTSYS_API_TOKEN=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
export DISTSYS_COOKIE=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# The CPU (user + system, ms) a process has used so far; clock ticks are 100 a second on Linux.
cpu_ms() { awk '{print ($14 + $15) * 10}' "/proc/$1/stat"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

floor_round() {
  local t0 t1 i
  t0=$(now_ms)
  for ((i = 0; i < nodes; i++)); do "$bin" --version >/dev/null & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
  pids=()
  t1=$(now_ms)
  echo $((t1 - t0))
}

# Sets $mesh_ms (empty when no full mesh formed), $cpu and $cpu_max. Not run in a subshell: its pids
# must reach kill_all.
mesh_round() {
  local r=$1 ports t0 t1 i p up c
  mesh_ms=; cpu=0; cpu_max=0
  # All ports in one Python start: one per round, not one per node, so it does not load the clock.
  read -r -a ports <<<"$(python3 -c "
import socket
ss=[socket.socket() for _ in range($nodes)]
for s in ss: s.bind(('127.0.0.1',0))
print(' '.join(str(s.getsockname()[1]) for s in ss))")"
  rm -rf "$work/r$r"; mkdir -p "$work/r$r"
  t0=$(now_ms)
  "$bin" master 127.0.0.1 "${ports[0]}" --data-dir "$work/r$r/master" ${MESH_ARGS:-} >"$work/r$r/master.log" 2>&1 & pids+=($!)
  for ((i = 1; i < nodes; i++)); do
    "$bin" "worker$i" 127.0.0.1 "${ports[$i]}" 127.0.0.1 "${ports[0]}" --data-dir "$work/r$r/worker$i" ${MESH_ARGS:-} \
      >"$work/r$r/worker$i.log" 2>&1 & pids+=($!)
  done
  # One node at a time until it sees everyone (a node that saw the whole mesh keeps it): curl and grep
  # only, 20 ms apart, so the poll takes next to no CPU from the start-up it times.
  for ((i = 0; i < nodes; i++)); do
    until up=$(curl -sf -m 1 -H "Authorization: Bearer $DISTSYS_API_TOKEN" "http://127.0.0.1:${ports[$i]}/api/cluster" |
      grep -o '"up":[0-9]*' | cut -d: -f2) && [ "$up" = "$nodes" ]; do
      if [ "$(( $(now_ms) - t0 ))" -ge 60000 ]; then
        echo "round $r: no full mesh after 60 s: node $i sees ${up:-nothing} up" >&2
        kill_all; return
      fi
      sleep 0.02
    done
  done
  t1=$(now_ms)
  for p in "${pids[@]}"; do
    c=$(cpu_ms "$p"); cpu=$((cpu + c)); [ "$c" -gt "$cpu_max" ] && cpu_max=$c
  done
  mesh_ms=$((t1 - t0))
  kill_all
}

echo "load before: $(uptime | sed 's/.*load average: //')"
floors=(); meshes=(); cpus=(); failed=0
for ((r = 1; r <= rounds; r++)); do
  f=$(floor_round); floors+=("$f")
  mesh_round "$r"
  if [ -z "$mesh_ms" ]; then failed=$((failed + 1)); continue; fi
  meshes+=("$mesh_ms"); cpus+=("$cpu")
  echo "round $r: full mesh of $nodes in $mesh_ms ms (CPU of all nodes $cpu ms, at most $cpu_max ms a node); $nodes x --version: $f ms"
done
[ "${#meshes[@]}" -gt 0 ] || { echo "no round formed a full mesh" >&2; exit 1; }
fm=$(printf '%s\n' "${floors[@]}" | median)
mm=$(printf '%s\n' "${meshes[@]}" | median)
cm=$(printf '%s\n' "${cpus[@]}" | median)
echo "median: full mesh of $nodes nodes in $mm ms; CPU of all nodes $cm ms ($(awk -v c="$cm" -v n="$nodes" 'BEGIN {printf "%.0f", c / n}') ms a node); floor ($nodes x --version at once) $fm ms; ratio $(awk -v m="$mm" -v f="$fm" 'BEGIN {printf "%.2f", m / f}')x the floor"
echo "load after: $(uptime | sed 's/.*load average: //')"
[ "$failed" -eq 0 ] || { echo "$failed of $rounds rounds formed no full mesh within 60 s" >&2; exit 1; }
