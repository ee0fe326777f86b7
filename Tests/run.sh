#!/usr/bin/env bash
# Runs the named test projects (folders under Tests/) with `dotnet test` and prints one total line,
# "N passed, N failed, N skipped", summed over every project. A module whose test project does not
# exist yet is reported as such and counts nothing: no fake test stands in for it.
set -uo pipefail
cd "$(dirname "$0")/.."

projects=()
for name in "$@"; do
  proj="Tests/$name/DistSys.$name.csproj"
  if [ -f "$proj" ] && [ -n "$(find "Tests/$name" -name "*.cs" -not -path "*/obj/*" -not -path "*/bin/*" | head -1)" ]; then
    projects+=("$proj")
  else
    echo "$name: no tests yet"
  fi
done
[ ${#projects[@]} -gt 0 ] || { echo "0 passed, 0 failed"; exit 0; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# One `dotnet test` per project keeps each project's output readable; they build in parallel
# only within dotnet's own graph, which suits a 2-core machine.
for proj in "${projects[@]}"; do
  dotnet test "$proj" -c "${CONFIGURATION:-Release}" --nologo -v q \
    --logger "console;verbosity=${TEST_VERBOSITY:-minimal}" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

# VSTest prints one summary per project: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
read -r passed failed skipped < <(grep -E '(Passed|Failed)!  *- *Failed: *[0-9]+' "$log" |
  sed -E 's/.*Failed: *([0-9]+), *Passed: *([0-9]+), *Skipped: *([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1   # a build or host failure is a failure too
# The names again at the end, where a truncated CI log still shows them.
grep -E '^ +Failed [A-Za-z_]' "$log" | sed -E 's/^ +Failed ([^ ]+).*/failed test: \1/' | sort -u
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
