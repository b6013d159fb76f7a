#!/usr/bin/env bash
# Runs Aggregator locally on http://127.0.0.1:5080 with a persistent local PostgreSQL cluster (no Docker):
# starts the cluster (installing PostgreSQL if needed), builds, migrates, loads the sample data, serves.
# Offline (the default), the sample fortnight (samples/google-news/real-2026-06/, 14 real days of Google News) is
# replayed day by day with each day's digest built, and the server's scheduled fetches re-read its newest day.
# AGGREGATOR_ONLINE=1 fetches Google News instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v dotnet >/dev/null || { echo "run.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }

pg_dir="$(scripts/postgres.sh dir)"
ConnectionStrings__Aggregator="$(scripts/postgres.sh start "$pg_dir");Database=aggregator"
export ConnectionStrings__Aggregator
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
sample_days="$PWD/samples/google-news/real-2026-06"
if [[ "${AGGREGATOR_ONLINE:-0}" != "1" ]]; then
  # The server's offline fetches read <dir>/us-china/default.xml: the sample's newest day, so they find nothing new.
  replay_dir="${XDG_STATE_HOME:-$HOME/.local/state}/aggregator/replay"
  mkdir -p "$replay_dir/us-china"
  ln -sf "$(ls "$sample_days"/china-*.xml | sort | tail -n 1)" "$replay_dir/us-china/default.xml"
  export Fetching__ReplayDirectory="$replay_dir"
  # Saved publishers' pages, when there are any, stand in for the pages of topics that read them.
  if [[ -f samples/pages/index.tsv ]]; then export ArticleTexts__ReplayDirectory="$PWD/samples/pages"; fi
  echo "Offline: the sample fortnight is replayed (AGGREGATOR_ONLINE=1 fetches Google News instead)"
fi
echo "PostgreSQL: $ConnectionStrings__Aggregator (data in $pg_dir; stop it with: scripts/postgres.sh stop $pg_dir)"

dotnet build src/Aggregator.Web -c Release -nologo -clp:ErrorsOnly

scripts/aggregator migrate
scripts/aggregator seed-registry
if [[ "${AGGREGATOR_ONLINE:-0}" != "1" ]]; then
  # Idempotent: a second start stores nothing new and keeps every digest's version.
  scripts/aggregator replay --topic us-china "$sample_days"
else
  scripts/aggregator fetch --topic us-china || echo "run.sh: some feeds failed; see above (the app still starts)" >&2
fi

echo "Serving on http://127.0.0.1:5080 (Ctrl+C to stop)"
# dotnet run serves from the project directory, where wwwroot/ lives.
exec dotnet run --project src/Aggregator.Web -c Release --no-build --no-launch-profile -- --urls http://127.0.0.1:5080
