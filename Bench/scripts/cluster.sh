# Sourced by the bench scripts: a master and two workers on loopback, started from bin/ with their own
# data directories and secrets under $work, stopped by pid when the script exits. After
# `start_cluster [WORKER_INPUT_DIR]`: $mp is the master's port, $master its pid; `api` is curl with the
# token; `rss` prints the master's resident set in MB, $rss_start is it once the cluster is up and
# $rss_peak the largest any run_job saw.
set -euo pipefail
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
api() { curl -sf -H "Authorization: Bearer $DISTSYS_API_TOKEN" "$@"; }
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$master/status"; }
start_cluster() {
  mp=$(port)
  mkdir -p "$work/inputs"
  "$bin" master 127.0.0.1 "$mp" --data-dir "$work/master" --input-dir "$work/inputs" > "$work/master.log" 2>&1 & pids+=($!); master=$!
  until api "http://127.0.0.1:$mp/healthz" >/dev/null 2>&1; do sleep 0.1; done
  for w in worker1 worker2; do
    local wp; wp=$(port)
    "$bin" "$w" 127.0.0.1 "$wp" 127.0.0.1 "$mp" --data-dir "$work/$w" ${1:+--input-dir "$1"} > "$work/$w.log" 2>&1 & pids+=($!)
    until api "http://127.0.0.1:$wp/healthz" >/dev/null 2>&1; do sleep 0.1; done
  done
  rss_start=$(rss); rss_peak=$rss_start
  until [ "$(api "http://127.0.0.1:$mp/api/workers" | python3 -c 'import json,sys; print(sum(w["status"]=="active" for w in json.load(sys.stdin)["workers"]))')" = 2 ]; do sleep 0.1; done
}
# Submits CONFIG_JSON, waits for the job to complete sampling the master's RSS; sets $id, $secs (the
# master's own created_at → finished_at, so the polling below is not what is timed) and $rss_max. The
# poll is curl and grep only: a Python start per poll would take CPU from the cluster it measures.
run_job() {
  local status job
  rss_max=$(rss)
  id=$(api -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$mp/api/jobs" -d "{\"name\":\"bench\",\"type\":\"batch\",\"config\":$1}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["job_id"])')
  while :; do
    job=$(api "http://127.0.0.1:$mp/api/jobs/$id")
    status=$(grep -o '"status":"[a-z]*"' <<<"$job" | head -1 | cut -d'"' -f4)
    local now; now=$(rss); [ "$now" -gt "$rss_max" ] && rss_max=$now; [ "$now" -gt "$rss_peak" ] && rss_peak=$now
    [ "$status" = completed ] && break
    [ "$status" = failed ] && { echo "job failed: $job" >&2; tail -n 5 "$work"/*.log >&2; exit 1; }
    [ -n "${on_poll:-}" ] && "$on_poll"
    sleep 0.2
  done
  secs=$(python3 -c 'import json,sys,datetime as d; j=json.loads(sys.argv[1]); t=lambda k: d.datetime.fromisoformat(j[k]); print((t("finished_at")-t("created_at")).total_seconds())' "$job")
}
