#!/usr/bin/env bash
# The benchmark of docs/performance.md: builds once, starts a throwaway PostgreSQL cluster (installs the server with
# apt if missing), fills it with a year of generated data (1,000,000 articles, 10 topics, 500 outlets, every
# topic-day's digest), runs every scenario against its same-run baseline and prints one table (figure, baseline,
# ratio, target, pass/fail). Arguments go to the benchmark (e.g. --articles 200000 for a quick run).
# BENCH_PG_DIR=<dir> keeps the cluster there, so a rerun skips the generation.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v dotnet >/dev/null || { echo "bench.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  if [[ $EUID -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
  echo "bench.sh: installing postgresql (Debian package)…" >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

dotnet build bench/Aggregator.Bench -c Release -nologo -clp:ErrorsOnly >&2
pg_dir="${BENCH_PG_DIR:-$(scripts/postgres.sh tempdir)}"
cleanup() { [[ -n "${BENCH_PG_DIR:-}" ]] || scripts/postgres.sh stop "$pg_dir" --remove; }
trap cleanup EXIT
ConnectionStrings__Aggregator="$(scripts/postgres.sh start "$pg_dir");Database=bench"
export ConnectionStrings__Aggregator
dotnet bench/Aggregator.Bench/bin/Release/net10.0/Aggregator.Bench.dll "$@"
