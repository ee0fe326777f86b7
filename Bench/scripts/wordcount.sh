#!/usr/bin/env bash
# wordcount over a generated text file of SIZE_MB (default 1024) on a master and two workers of this
# machine that see the master's input directory (so each reads its slices itself), against the
# single-threaded .NET baseline (Bench's `wordcount-baseline`) on the same file in the same run.
# Prints both rates, their ratio, the job service's wordcount operation alone on one thread (so the
# cluster's use of two cores shows apart from the operation's speed), the master's largest RSS, and
# checks the counts agree.
# Usage: Bench/scripts/wordcount.sh [SIZE_MB]   (needs ./build.sh first)
cd "$(dirname "$0")/../.."
source Bench/scripts/cluster.sh
size_mb=${1:-1024}
start_cluster "$work/inputs"
# 16 MB of Zipf-distributed words from a 50 000-word vocabulary, repeated to the size asked.
python3 - "$work/chunk.txt" <<'PY'
import random, sys
random.seed(42)
vocab = ["".join(random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(random.randint(2, 10))) for _ in range(50000)]
weights = [1 / (i + 1) for i in range(len(vocab))]
with open(sys.argv[1], "w") as f:
    written = 0
    while written < 16_000_000:
        line = " ".join(random.choices(vocab, weights, k=12)) + "\n"
        f.write(line); written += len(line)
PY
for _ in $(seq $(( (size_mb + 15) / 16 ))); do cat "$work/chunk.txt"; done > "$work/inputs/corpus.txt"
bytes=$(stat -c %s "$work/inputs/corpus.txt")
dotnet build Bench/DistSys.Bench.csproj -c Release -v q --nologo > /dev/null
baseline=$(dotnet run -c Release --no-build --project Bench/DistSys.Bench.csproj -- wordcount-baseline "$work/inputs/corpus.txt")
# The first job runs on freshly started nodes, so it pays for their JIT compilation; the next three
# are the steady state a running cluster gives. Both are reported: cold, and the median of the warm.
run_job '{"operation":"wordcount","file":"corpus.txt"}'; cold=$secs
warm=()
for _ in 1 2 3; do run_job '{"operation":"wordcount","file":"corpus.txt"}'; warm+=("$secs"); done
secs=$(printf '%s\n' "${warm[@]}" | sort -g | sed -n 2p)
total=$(api -H 'Accept: application/x-ndjson' "http://127.0.0.1:$mp/api/jobs/$id/results" | python3 -c 'import json,sys; print(sum(json.loads(l)["value"] for l in sys.stdin))')
python3 - "$bytes" "$secs" "$rss_start → $rss_peak" "$total" "$baseline" "$cold" "${warm[*]}" <<'PY'
import sys
size, secs, rss, total, baseline = sys.argv[1], float(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5].split()
cold, warm = float(sys.argv[6]), sys.argv[7]
mb = int(size) / 1e6; base_secs, base_rate, base_total = float(baseline[1]), float(baseline[3]), int(baseline[7])
op_secs, op_rate = float(baseline[10]), float(baseline[12])
rate = mb / secs
print(f"input {mb:.0f} MB; cluster (master + 2 workers), median of 3 warm runs ({warm} s): {secs:.2f} s = {rate:.1f} MB/s")
print(f"first run on fresh nodes (JIT included) {cold:.2f} s = {mb / cold:.1f} MB/s; baseline (1 thread) {base_secs:.2f} s = {base_rate:.1f} MB/s")
print(f"the wordcount operation alone on 1 thread {op_secs:.2f} s = {op_rate:.1f} MB/s: the cluster runs at {rate / op_rate:.2f}x that on 2 cores")
print(f"ratio {rate / base_rate:.2f}x the baseline; {rate / 44:.1f}x Dask's 44 MB/s on this machine; master RSS {rss} MB (up, then the largest while the jobs ran)")
print(f"words counted: cluster {total}, baseline {base_total}: {'equal' if total == base_total else 'DIFFERENT'}")
PY
