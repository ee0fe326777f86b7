#!/usr/bin/env bash
# make soak: SOAK_MINUTES (default 30) of mixed work on 1 master + 3 workers from bin/distributed_system:
# a `sum` batch job submitted every 2 s (random task count and size, delay_ms so tasks span the kills),
# one endless generator → count → collect topology at 200 events/s, a hot swap of the wordfreq plugin
# every 20 s (versions 1 and 2 of Plugins/Examples in turn), and a worker killed with -9 every 15-45 s and restarted under
# its name. At the end it checks: every submitted job completed with its exact total (zero lost work), the
# topology is still running, every hot swap answered 200, and the master's RSS at minute 5 (at 1/6 of
# the run when it is shorter than 30 minutes) against its RSS at the end is within 10 %. Exits 1 when a
# check fails. Every process is killed by pid on exit. Not part of `make test`.
set -uo pipefail
cd "$(dirname "$0")/../.."
minutes=${SOAK_MINUTES:-30}
bin=./bin/distributed_system
[ -x "$bin" ] || { echo "run ./build.sh first" >&2; exit 2; }
for v in 1 2; do dotnet build "Plugins/Examples/WordFreqV$v" -c Release -v q --nologo >/dev/null || exit 2; done
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "${KEEP_LOGS:-}" ] && echo "logs in $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
export DISTSYS_API_TOKEN=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
export DISTSYS_COOKIE=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
read -r mp p1 p2 p3 <<<"$(python3 -c "
import socket
ss=[socket.socket() for _ in range(4)]
for s in ss: s.bind(('127.0.0.1',0))
print(' '.join(str(s.getsockname()[1]) for s in ss))")"
wports=("" "$p1" "$p2" "$p3")
wpid=("" "" "" "")
api() { curl -sf -m 10 -H "Authorization: Bearer $DISTSYS_API_TOKEN" "$@"; }
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$master/status"; }
now() { date +%s; }
start_worker() {
  local i=$1
  "$bin" "worker$i" 127.0.0.1 "${wports[$i]}" 127.0.0.1 "$mp" --data-dir "$work/worker$i" --log-level warning \
    >>"$work/worker$i.log" 2>&1 & pids+=($!); wpid[$i]=$!
  until api "http://127.0.0.1:${wports[$i]}/healthz" >/dev/null 2>&1; do sleep 0.1; done
}

"$bin" master 127.0.0.1 "$mp" --data-dir "$work/master" --log-level warning --api-rate-limit 0 >"$work/master.log" 2>&1 & pids+=($!); master=$!
until api "http://127.0.0.1:$mp/healthz" >/dev/null 2>&1; do sleep 0.1; done
for i in 1 2 3; do start_worker "$i"; done
for v in 1 2; do (cd "Plugins/Examples/WordFreqV$v/bin/Release/net10.0" && zip -qr "$work/wordfreq$v.zip" .); done
echo "soak: $minutes min on master :$mp + 3 workers; load $(uptime | sed 's/.*load average: //')"

topology='{"topology":{"nodes":[
  {"id":"gen","source":"generator","rate":200,"keys":100,"seed":7},
  {"id":"per_key","op":"count","input":"gen","key":"key","parallelism":2},
  {"id":"out","sink":"collect","input":"per_key"}]}}'
stream=$(api -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$mp/api/jobs" \
  -d "{\"name\":\"soak-stream\",\"type\":\"streaming\",\"config\":$topology}" | grep -o '"job_id":"[^"]*"' | cut -d'"' -f4)

declare -A expected=()
swaps=0 swap_failures=0 kills=0 submit_failures=0 version=0
start=$(now); end=$((start + minutes * 60)); mark=$((start + (minutes >= 30 ? 300 : minutes * 10)))
rss_mark=
next_kill=$((start + 15 + RANDOM % 30)); next_swap=$start
while [ "$(now)" -lt "$end" ]; do
  n=$((1000 + RANDOM % 50000)); tasks=$((1 + RANDOM % 16))
  if id=$(api -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$mp/api/jobs" \
      -d "{\"name\":\"soak\",\"type\":\"batch\",\"config\":{\"operation\":\"sum\",\"range\":{\"start\":1,\"end\":$n},\"task_count\":$tasks,\"delay_ms\":$((RANDOM % 3000))}}" |
      grep -o '"job_id":"[^"]*"' | cut -d'"' -f4) && [ -n "$id" ]; then
    expected[$id]=$((n * (n + 1) / 2))
  else
    submit_failures=$((submit_failures + 1))
  fi
  if [ "$(now)" -ge "$next_swap" ]; then
    version=$((swaps % 2 + 1)); swaps=$((swaps + 1))
    # A deploy starts the plugin on every node and health-checks it: a minute, not api's 10 s.
    code=$(curl -s -m 60 -o "$work/swap.out" -w '%{http_code}' -H "Authorization: Bearer $DISTSYS_API_TOKEN" -X POST \
      -H 'Content-Type: application/octet-stream' --data-binary "@$work/wordfreq$version.zip" \
      "http://127.0.0.1:$mp/api/plugins?name=wordfreq&version=$version&entry=DistSys.Plugins.Examples.WordFreqV$version.dll")
    if [ "$code" != 200 ]; then
      swap_failures=$((swap_failures + 1)); echo "hot swap to wordfreq@$version: $code $(head -c 300 "$work/swap.out")" >&2
    fi
    next_swap=$(($(now) + 20))
  fi
  if [ "$(now)" -ge "$next_kill" ]; then
    i=$((1 + RANDOM % 3))
    kill -9 "${wpid[$i]}"; wait "${wpid[$i]}" 2>/dev/null || true
    start_worker "$i"; kills=$((kills + 1))
    next_kill=$(($(now) + 15 + RANDOM % 30))
  fi
  if [ -z "$rss_mark" ] && [ "$(now)" -ge "$mark" ]; then rss_mark=$(rss); fi
  sleep 2
done
rss_end=$(rss)

# Every job must finish: a job still running after 5 minutes is lost work too.
lost=0 wrong=0 deadline=$(($(now) + 300))
for id in "${!expected[@]}"; do
  while :; do
    job=$(api "http://127.0.0.1:$mp/api/jobs/$id" || true)
    status=$(grep -o '"status":"[a-z]*"' <<<"$job" | head -1 | cut -d'"' -f4)
    if [ "$status" = completed ] || [ "$status" = failed ] || [ "$(now)" -ge "$deadline" ]; then break; fi
    sleep 0.5
  done
  result=$( [ "$status" = completed ] && api "http://127.0.0.1:$mp/api/jobs/$id/results" | grep -o '"result":[0-9]*' | cut -d: -f2)
  if [ "$status" != completed ]; then lost=$((lost + 1)); echo "job $id: ${status:-no answer}" >&2
  elif [ "$result" != "${expected[$id]}" ]; then wrong=$((wrong + 1)); echo "job $id: result $result, expected ${expected[$id]}" >&2
  fi
done
stream_status=$(api "http://127.0.0.1:$mp/api/jobs/$stream" | grep -o '"status":"[a-z]*"' | head -1 | cut -d'"' -f4 || true)
growth=$(awk -v a="$rss_mark" -v b="$rss_end" 'BEGIN {printf "%.1f", (b - a) * 100 / a}')
echo "soak: ${#expected[@]} jobs ($submit_failures submits refused), $lost lost, $wrong wrong results; $kills worker kills;" \
  "$swaps hot swaps ($swap_failures failed); stream $stream ${stream_status:-unknown};" \
  "master RSS ${rss_mark} MB at minute $(( (mark - start) / 60 )).$(( (mark - start) % 60 * 10 / 60 )) → ${rss_end} MB at the end (${growth} %);" \
  "load $(uptime | sed 's/.*load average: //')"
ok=1
[ "$lost" -eq 0 ] && [ "$wrong" -eq 0 ] && [ "$submit_failures" -eq 0 ] || ok=0
[ "$swap_failures" -eq 0 ] && [ "$stream_status" = running ] || ok=0
awk -v g="$growth" 'BEGIN {exit !(g <= 10 && g >= -10)}' || ok=0
[ "$ok" -eq 1 ] && echo "soak: PASS" || { echo "soak: FAIL"; exit 1; }
