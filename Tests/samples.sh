#!/usr/bin/env bash
# The samples against fresh packages and a real cluster, by the commands of docs/getting-started.md:
# every command this script runs is a line of that page (it fails when one is not), with the master's
# port 8080 replaced by a free one and HOME by a temp directory (so the cookie, the API token and the
# data are this run's own, never the developer's). It packs, builds samples/Counter and
# samples/UpperPlugin in an empty NuGet cache (DistSys.* from artifacts/packages, the rest from the
# usual feed), runs `start`, the Counter sample's two roles and the plugin job, checks their output,
# and stops what it started by pid. Its last line is "N passed, N failed, 0 skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
doc=docs/getting-started.md
tmp=$(mktemp -d "${TMPDIR:-/tmp}/distsys-samples-XXXXXX")
pids=()
passed=0
failed=0

cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

ok() { passed=$((passed + 1)); echo "samples: ok   $1"; }
fail() { failed=$((failed + 1)); echo "samples: FAIL $1"; [ -z "${2:-}" ] || sed 's/^/    | /' "$2" | tail -40; }

# The command as it stands on a line of the page, made to run here: 8080 becomes this run's port.
from_doc() {
  grep -qxF -- "$1" "$doc" || { echo "samples: '$1' is not a line of $doc: keep the page and this script in step" >&2; exit 1; }
  printf '%s' "${1//8080/$port}"
}

# Runs a command of the page in the foreground (at most 2 minutes); its output goes to $tmp/NAME.out.
run() {
  local cmd
  cmd=$(from_doc "$2") || exit 1
  (cd "$repo" && timeout 120 bash -c "$cmd") >"$tmp/$1.out" 2>&1
}

# Starts a command of the page in the background; its pid is the command's own (exec), stopped at the end.
spawn() {
  local cmd
  cmd=$(from_doc "$2") || exit 1
  (cd "$repo" && eval "exec $cmd") >"$tmp/$1.out" 2>&1 &
  pids+=("$!")
  printf -v "$1_pid" '%s' "$!"
}

# Polls until the command succeeds (at most $1 seconds): never a fixed sleep.
poll() {
  local until=$((SECONDS + $1)); shift
  until "$@"; do [ "$SECONDS" -lt "$until" ] || return 1; sleep 0.1; done
}
healthy() { curl -fs -o /dev/null "http://127.0.0.1:$1/healthz"; }
contains() { grep -qF -- "$2" "$tmp/$1.out"; }

# Stops a spawned command as Ctrl-C does in the page's terminals, by SIGTERM here (a background job of a script ignores SIGINT).
stop() {
  kill -TERM "$2" 2>/dev/null
  wait "$2"; local code=$? pid rest=()
  for pid in "${pids[@]}"; do [ "$pid" = "$2" ] || rest+=("$pid"); done
  pids=("${rest[@]}")
  [ "$code" -eq 0 ] && contains "$1" "$3"
}

# A port nothing listens on, and the next one free too (worker1 takes it).
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  for _ in $(seq 100); do
    p=$((20000 + RANDOM % 40000))
    listening "$p" || listening $((p + 1)) || { echo "$p"; return; }
  done
  return 1
}

Tests/prereqs.sh || { fail "prerequisites (bubblewrap runs the plugin)"; echo "$passed passed, $failed failed, 0 skipped"; exit 1; }
port=$(free_port)

# bin/distributed_system from these sources: built when missing or older than any source file.
if [ ! -x bin/distributed_system ] || [ -n "$(find Host Memory Transport Runtime Supervision Plugins -name '*.cs' -newer bin/distributed_system -print -quit)" ]; then
  ./build.sh >"$tmp/build.out" 2>&1 || { fail "./build.sh" "$tmp/build.out"; echo "$passed passed, $failed failed, 0 skipped"; exit 1; }
fi

if run pack "make pack" && [ "$(ls artifacts/packages/*.nupkg | wc -l)" -eq 5 ] && [ "$(ls artifacts/packages/*.snupkg | wc -l)" -eq 5 ]; then
  ok "make pack: 5 packages with symbols"
else
  fail "make pack" "$tmp/pack.out"
fi

version=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' Directory.Build.props)
# The samples restore into an empty NuGet cache: what they get of DistSys is what `make pack` just wrote.
export NUGET_PACKAGES="$tmp/nuget"
if run counter-build "dotnet build samples/Counter -c Release" && run plugin-build "dotnet build samples/UpperPlugin -c Release" \
   && [ -d "$NUGET_PACKAGES/distsys.runtime/$version" ] && [ -d "$NUGET_PACKAGES/distsys.plugins.sdk/$version" ]; then
  ok "both samples built against DistSys $version from artifacts/packages in an empty NuGet cache"
else
  fail "building the samples" <(cat "$tmp/counter-build.out" "$tmp/plugin-build.out" 2>/dev/null)
fi

# From here on HOME is this run's: the master creates its cookie and token there, and the samples, the
# client and curl find them there, as they would in the developer's own HOME.
export HOME="$tmp/home"
mkdir -p "$HOME"
for name in $(compgen -e); do [[ $name != DISTSYS_* ]] || unset "$name"; done   # no setting of the developer's leaks in
spawn start "./bin/distributed_system start --workers 1 --port 8080 --data-dir ~/distsys-data"
if poll 60 healthy "$port" && poll 60 healthy $((port + 1)) && poll 30 contains start "cluster up after"; then
  ok "start: master and worker1 healthy"
else
  fail "start" "$tmp/start.out"
fi

spawn serve "samples/Counter/bin/Release/net10.0/Counter serve 8080"
if poll 30 contains serve "serving: global name 'counter'"; then ok "Counter serve: joined, supervised, registered"; else fail "Counter serve" "$tmp/serve.out"; fi

if run call "samples/Counter/bin/Release/net10.0/Counter call 8080" && contains call "increment -> 3" \
   && contains call "restarted by its supervisor" && contains call "get -> 0"; then
  ok "Counter call: three remote calls, a crash, the restarted counter found again"
else
  fail "Counter call" "$tmp/call.out"
fi

if run cluster 'curl -s -H "Authorization: Bearer $(cat ~/.distsys.token)" localhost:8080/api/cluster' && contains cluster '"name":"counter-serve"'; then
  ok "the master lists counter-serve as a member"
else
  fail "/api/cluster" "$tmp/cluster.out"
fi

if stop serve "$serve_pid" "left the cluster"; then ok "Counter serve stops on SIGTERM, exit 0"; else fail "stopping Counter serve" "$tmp/serve.out"; fi

# Only now the plugin: a deploy goes to every member, and the counter's embedded node runs no plugins.
if run deploy "./bin/distributed_system plugin localhost:8080 deploy upper 1 samples/UpperPlugin/bin/Release/net10.0/UpperPlugin.dll" \
   && contains deploy 'deployed upper 1: running' && contains deploy 'worker1: ok, version 1'; then
  ok "plugin deploy upper 1"
else
  fail "plugin deploy" "$tmp/deploy.out"
fi

if run submit "./bin/distributed_system client localhost:8080 submit batch \"Shout\" '{\"operation\":\"plugin:upper\",\"text\":\"hello\\nplugin\",\"task_count\":2}'" \
   && contains submit "submitted job-1" && run wait "./bin/distributed_system client localhost:8080 wait job-1" && contains wait "completed" \
   && run results "./bin/distributed_system client localhost:8080 results job-1" && contains results '"output": "HELLO\n"' && contains results '"output": "PLUGIN"'; then
  ok "a batch job with operation plugin:upper: HELLO, PLUGIN, a partition each"
else
  fail "the plugin job" <(cat "$tmp/submit.out" "$tmp/wait.out" "$tmp/results.out" 2>/dev/null)
fi

if stop start "$start_pid" "stopping 2 node(s)"; then ok "start stops its nodes on SIGTERM, exit 0"; else fail "stopping start" "$tmp/start.out"; fi

if [ "$failed" -gt 0 ]; then
  keep=$(mktemp -d "${TMPDIR:-/tmp}/distsys-samples-failed-XXXXXX") && cp "$tmp"/*.out "$keep"/ && echo "samples: the outputs are kept in $keep"
fi
echo "$passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
