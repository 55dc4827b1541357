#!/usr/bin/env bash
# Installs the Debian packages a task needs, and only those that are missing.
#   scripts/prerequisites.sh demo   -> nothing beyond the .NET SDK
#   scripts/prerequisites.sh test   -> sandboxing tools, Chromium and PDF text tools for the test suite
#   scripts/prerequisites.sh bench  -> the test set plus wrk and hyperfine
set -euo pipefail

task="${1:-test}"
packages=()
case "$task" in
  demo) ;;
  test) packages=(bubblewrap strace iproute2 nftables libseccomp2 chromium poppler-utils procps) ;;
  bench) packages=(bubblewrap strace iproute2 nftables libseccomp2 chromium poppler-utils procps wrk hyperfine) ;;
  *) echo "unknown task '$task' (expected demo, test or bench)" >&2; exit 2 ;;
esac

command -v dotnet >/dev/null || { echo "the .NET SDK (dotnet) must be on PATH" >&2; exit 2; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
