#!/usr/bin/env bash
# Runs every benchmark and prints its figures as JSON lines on stdout (progress goes to stderr).
#   bench/run.sh            full run
#   bench/run.sh --quick    short run: each benchmark under 25 s, all of them about 70 s once built
#   bench/run.sh --only tracehound|tracehound.ledger|tracehound.aspnetcore|detektr|detektr.sigma|heimdall [--quick]
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
selected=()
for project in bench/*/*.csproj; do
  name=$(basename "$(dirname "$project")" .Benchmarks | tr "[:upper:]" "[:lower:]")
  if [ -n "$only" ] && [ "$name" != "$only" ]; then continue; fi
  selected+=("$project")
done
if [ ${#selected[@]} -eq 0 ]; then echo "bench/run.sh: no benchmark named '$only'" >&2; exit 2; fi

# One build: the whole solution (every benchmark is in it, and they share most dependencies), or the one
# project asked for.
if [ -n "$only" ]; then target="${selected[0]}"; else target=Tracehound.slnx; fi
echo "== build $target" >&2
dotnet build "$target" -c Release -nologo -v quiet -clp:ErrorsOnly >&2

for project in "${selected[@]}"; do
  name=$(basename "$(dirname "$project")" .Benchmarks | tr "[:upper:]" "[:lower:]")
  echo "== $name" >&2
  dotnet "$(dirname "$project")/bin/Release/net10.0/$(basename "$project" .csproj).dll" "${args[@]}" | tee -a "$out"
done
