#!/usr/bin/env bash
# Runs every test in the solution after installing what the tests need (bubblewrap, strace,
# Chromium, poppler-utils). Results land as TRX files in artifacts/test-results/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/prerequisites.sh test
exec dotnet test --solution Tracehound.slnx -c Release \
  --results-directory "$PWD/artifacts/test-results" --report-xunit-trx "$@"
