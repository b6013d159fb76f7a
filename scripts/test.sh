#!/usr/bin/env bash
# Runs the whole test suite against a throwaway PostgreSQL cluster: build once, test every project,
# then print "N passed, N failed" and exit non-zero if anything failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }

pg_dir="$(scripts/postgres.sh tempdir)"
results="$(mktemp -d /tmp/aggregator-test-results.XXXXXX)"
cleanup() { scripts/postgres.sh stop "$pg_dir" --remove; rm -rf "$results"; }
trap cleanup EXIT
AGGREGATOR_TEST_POSTGRES="$(scripts/postgres.sh start "$pg_dir" --fast)"
export AGGREGATOR_TEST_POSTGRES

dotnet build Aggregator.sln -c Release -nologo -clp:ErrorsOnly
status=0
dotnet test Aggregator.sln -c Release --no-build -nologo --logger trx --results-directory "$results" "$@" || status=$?

passed=0; failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if (( status != 0 && failed == 0 )); then failed=1; echo "test.sh: dotnet test exited with $status" >&2; fi
echo "$passed passed, $failed failed"
(( failed == 0 && passed > 0 ))
