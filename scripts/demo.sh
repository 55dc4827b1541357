#!/usr/bin/env bash
# The main job: starts the sample API with Tracehound in front, replays a mixed traffic corpus and
# prints what the buffer did. Everything stays on loopback and in a local data directory.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/prerequisites.sh demo
dotnet build src/Tracehound.Cli/Tracehound.Cli.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet src/Tracehound.Cli/bin/Release/net10.0/tracehound.dll demo "$@"
