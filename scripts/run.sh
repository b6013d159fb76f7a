#!/usr/bin/env bash
# Runs Aggregator locally on http://127.0.0.1:5080 with a persistent local PostgreSQL cluster (no Docker):
# starts the cluster (installing PostgreSQL if needed), builds, migrates, loads the sample data, serves.
# Feeds are replayed offline from samples/replay/ unless AGGREGATOR_ONLINE=1 (then Google News is fetched).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v dotnet >/dev/null || { echo "run.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }

pg_dir="$(scripts/postgres.sh dir)"
ConnectionStrings__Aggregator="$(scripts/postgres.sh start "$pg_dir");Database=aggregator"
export ConnectionStrings__Aggregator
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
if [[ "${AGGREGATOR_ONLINE:-0}" != "1" ]]; then
  export Fetching__ReplayDirectory="$PWD/samples/replay"
  echo "Offline replay: feeds are read from samples/replay/ (AGGREGATOR_ONLINE=1 fetches Google News instead)"
fi
echo "PostgreSQL: $ConnectionStrings__Aggregator (data in $pg_dir; stop it with: scripts/postgres.sh stop $pg_dir)"

dotnet build src/Aggregator.Web -c Release -nologo -clp:ErrorsOnly

scripts/aggregator migrate
scripts/aggregator seed-registry
scripts/aggregator fetch --topic us-china || echo "run.sh: some feeds failed; see above (the app still starts)" >&2
if [[ "${AGGREGATOR_ONLINE:-0}" != "1" ]]; then
  # The bundled sample feed is the news of the 24 hours before 2026-01-12 04:00 UTC.
  scripts/aggregator build-digest --topic us-china --date 2026-01-12
fi

echo "Serving on http://127.0.0.1:5080 (Ctrl+C to stop)"
# dotnet run serves from the project directory, where wwwroot/ lives.
exec dotnet run --project src/Aggregator.Web -c Release --no-build --no-launch-profile -- --urls http://127.0.0.1:5080
