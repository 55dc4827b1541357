#!/usr/bin/env bash
# Runs every benchmark and prints its figures as JSON lines on stdout (progress goes to stderr).
#   bench/run.sh            full run
#   bench/run.sh --quick    short run, under a minute in total
#   bench/run.sh --only tracehound|tracehound.ledger|detektr|detektr.sigma|heimdall [--quick]
# The figures are also written to artifacts/bench/results.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/prerequisites.sh bench

args=(); only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

mkdir -p artifacts/bench
out="artifacts/bench/results.jsonl"
: > "$out"
for project in bench/*/*.csproj; do
  name=$(basename "$(dirname "$project")" .Benchmarks | tr "[:upper:]" "[:lower:]")
  if [ -n "$only" ] && [ "$name" != "$only" ]; then continue; fi
  echo "== $name" >&2
  dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
  dotnet "$(dirname "$project")/bin/Release/net10.0/$(basename "$project" .csproj).dll" "${args[@]}" | tee -a "$out"
done
