#!/usr/bin/env bash
# Two app instances on one throwaway database, on a compressed schedule (a fetch every 10 s, a digest every minute),
# for SECONDS (default 180): then counts how many jobs each recurring fire produced, the job states, the articles and
# the digest versions. Every fire must have run once, no article or digest version twice. The test suite runs a
# shortened form of this (ClusteredSchedulingTests); this is the long one:  scripts/soak.sh [SECONDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-180}"

pg_dir="$(scripts/postgres.sh tempdir)"
replay="$(mktemp -d /tmp/aggregator-soak-replay.XXXXXX)"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; scripts/postgres.sh stop "$pg_dir" --remove; rm -rf "$replay"; }
trap cleanup EXIT
server="$(scripts/postgres.sh start "$pg_dir" --fast)"
export ConnectionStrings__Aggregator="$server;Database=soak"
dotnet build src/Aggregator.Web -c Release -nologo -clp:ErrorsOnly

# The sample day moved to the last closed window, so each digest fire has something to publish.
mkdir -p "$replay/us-china"
# The latest closed window ends today at 04:00 UTC, or yesterday before then.
end_day="today"; (( 10#$(date -u +%H) < 4 )) && end_day="yesterday"
today="$(LC_ALL=C date -u -d "$end_day" +%d\ %b\ %Y)"; yesterday="$(LC_ALL=C date -u -d "$end_day - 1 day" +%d\ %b\ %Y)"
sed -e "s/11 Jan 2026/$yesterday/g; s/12 Jan 2026/$today/g" samples/replay/us-china/default.xml > "$replay/us-china/default.xml"
export Fetching__ReplayDirectory="$replay" Scheduler__FetchCron="*/10 * * * * *" Scheduler__DigestCron="0 * * * * *"
export Scheduler__PollingInterval="00:00:01" DataProtection__KeyEncryptionKey="$(head -c 32 /dev/urandom | base64)"

dll=src/Aggregator.Web/bin/Release/net10.0/Aggregator.Web.dll
dotnet "$dll" migrate >/dev/null
psql "host=127.0.0.1 port=$(cat "$pg_dir/aggregator.port") user=postgres dbname=soak" -qc "UPDATE topics SET fetch_interval_minutes = 5"
for port in 5201 5202; do
  dotnet "$dll" --urls "http://127.0.0.1:$port" >"/tmp/aggregator-soak-$port.log" 2>&1 & pids+=($!)
done
echo "Two instances on 127.0.0.1:5201 and :5202 for $seconds s (logs in /tmp/aggregator-soak-*.log)…"
sleep "$seconds"

psql "host=127.0.0.1 port=$(cat "$pg_dir/aggregator.port") user=postgres dbname=soak" \
  -c "SELECT r.value AS schedule, count(*) AS fires, max(n) AS most_jobs_for_one_fire
      FROM (SELECT recurring.value AS value, fire.value AS time, count(*) AS n
            FROM hangfire.jobparameter fire
            JOIN hangfire.jobparameter recurring ON recurring.jobid = fire.jobid AND recurring.name = 'RecurringJobId'
            WHERE fire.name = 'Time' GROUP BY recurring.value, fire.value) r GROUP BY r.value" \
  -c "SELECT s.name AS job_state, count(*) FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid GROUP BY s.name" \
  -c "SELECT count(*) AS articles, count(DISTINCT guid) AS distinct_guids FROM articles" \
  -c "SELECT date, count(*) AS versions FROM digests GROUP BY date" \
  -c "SELECT count(DISTINCT data->>'ServerId') AS instances_that_ran_jobs FROM hangfire.state WHERE name = 'Processing'"
