#!/usr/bin/env bash
# make bench-streams: the issue's streaming figures on a master and two workers of this machine.
#  1. generator → filter → count by key (key edge) → collect, 100-byte events, 10 000 keys, parallelism 2:
#     events/s over SECONDS (default 30) after a warm-up, against the same work in one process joined by
#     System.Threading.Channels (Bench's `streams-baseline`), in the same run; also that baseline with a
#     sink that only counts, which shows what the SQLite collect store costs.
#  2. http ingestion: NDJSON bodies of 100-byte lines from 4 concurrent clients, events/s accepted (202);
#     then p50/p99 ingest-to-sink latency at half that rate (a body's events have reached the sink when
#     the source's acked offset passes the body's end offset).
#  3. memory: the nodes' RSS idle and under load, against the events the edges can hold in flight.
# Usage: Bench/scripts/bench-streams.sh [SECONDS]   (needs ./build.sh first)
cd "$(dirname "$0")/../.."
source Bench/scripts/cluster.sh
seconds=${1:-30}
dotnet build Bench/DistSys.Bench.csproj -c Release -v q --nologo > /dev/null
start_cluster
nodes() { echo "$master ${pids[1]} ${pids[2]}"; }
topology='{"topology":{"nodes":[
  {"id":"gen","source":"generator","keys":10000,"event_bytes":100,"seed":1},
  {"id":"valid","op":"filter","input":"gen","where":{"field":"amount","gt":0},"parallelism":2},
  {"id":"per_key","op":"count","input":"valid","key":"key","parallelism":2},
  {"id":"out","sink":"collect","input":"per_key"}]}}'
baseline_collect=$(dotnet Bench/bin/Release/net10.0/DistSys.Bench.dll streams-baseline "$topology" 5 "$seconds" collect)
baseline_discard=$(dotnet Bench/bin/Release/net10.0/DistSys.Bench.dll streams-baseline "$topology" 5 "$seconds" discard)
python3 Bench/scripts/streams.py "http://127.0.0.1:$mp" "$seconds" "$topology" "$baseline_collect" "$baseline_discard" $(nodes)
echo "load: $(uptime)"
