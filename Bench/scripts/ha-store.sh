#!/usr/bin/env bash
# The same trivial job (sum, ten numbers a task) on the embedded SQLite store and on a PostgreSQL store
# (a throwaway server started here), alternating, in one run: tasks/s of each and their ratio.
# Usage: Bench/scripts/ha-store.sh [TASKS] [ROUNDS]   (needs ./build.sh first; default 100000 tasks, 2 rounds)
cd "$(dirname "$0")/../.."
tasks=${1:-100000}; rounds=${2:-2}
source Bench/scripts/postgres.sh
trap stop_postgres EXIT
start_postgres
for round in $(seq "$rounds"); do
  for store in sqlite postgres; do
    if [ "$store" = postgres ]; then export DISTSYS_STORE=$(new_database "bench$round"); else unset DISTSYS_STORE; fi
    line=$(Bench/scripts/million-tasks.sh "$tasks" | grep -E '^tasks ')
    echo "$store round $round: $line"
  done
done
