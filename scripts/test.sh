#!/usr/bin/env bash
# The README's test command. On a fresh Debian machine it installs what the suite needs (PostgreSQL server, Debian's
# Chromium for the browser tests, CJK fonts so outlet names such as 新华网 render, docker-compose to validate the
# compose file), starts a throwaway PostgreSQL cluster, builds once (the build enforces .editorconfig's formatting:
# drift fails it), runs every test project, then prints "N passed, N failed" and exits non-zero if anything failed.
# Arguments are passed to `dotnet test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }

# Debian package → a path that proves it is installed.
declare -A needed=(
  [postgresql]="$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | head -n 1 || true)"
  [chromium]=/usr/bin/chromium
  [fonts-noto-cjk]=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
  [docker-compose]=/usr/bin/docker-compose
)
missing=()
for package in "${!needed[@]}"; do
  [[ -n "${needed[$package]}" && -e "${needed[$package]}" ]] || missing+=("$package")
done
if (( ${#missing[@]} > 0 )); then
  echo "test.sh: installing ${missing[*]} (Debian packages)…" >&2
  if [[ $EUID -eq 0 ]]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    echo "test.sh: missing ${missing[*]}; install them as root: apt-get install ${missing[*]}" >&2; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >&2
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fc-cache -f >/dev/null 2>&1 || true
fi

# The compose file must stay valid even where no Docker engine runs.
POSTGRES_PASSWORD=placeholder-for-validation DATA_PROTECTION_KEY=placeholder-for-validation docker-compose -f docker-compose.yml config -q
echo "docker-compose.yml: valid"

pg_dir="$(scripts/postgres.sh tempdir)"
results="$(mktemp -d /tmp/aggregator-test-results.XXXXXX)"
cleanup() { scripts/postgres.sh stop "$pg_dir" --remove; rm -rf "$results"; }
trap cleanup EXIT
AGGREGATOR_TEST_POSTGRES="$(scripts/postgres.sh start "$pg_dir" --fast)"
export AGGREGATOR_TEST_POSTGRES

# Every process here is short-lived (the compiler, test hosts, the app processes tests start), so the runtime's
# defaults for long-lived servers cost CPU they never pay back (docs/performance.md, "The test suite"):
# - profile-guided re-compilation (the main project: 228 CPU-seconds instead of 255);
# - re-compiling a method optimized after 30 calls rather than 1,000, and mapping JIT'd code twice (write-xor-execute):
#   306 CPU-seconds instead of 341 together.
export DOTNET_TieredPGO=0 DOTNET_TC_CallCountThreshold=1000 DOTNET_EnableWriteXorExecute=0
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
# The story engine's figures on the labelled corpora, as the corpus tests measured them in this run.
grep -ohE '(real China fortnight|UCI business news), [0-9,]+ headlines[^<]*' "$results"/*.trx 2>/dev/null | sort -u || true
echo "$passed passed, $failed failed"
(( failed == 0 && passed > 0 ))
