#!/usr/bin/env bash
# Mutation testing of src/NML.Matching.Domain with Stryker.NET (the local tool dotnet-stryker, see
# dotnet-tools.json), against tests/NML.Matching.Domain.Tests. Settings: tests/mutation/stryker-config.json.
#
#   bash tests/mutation/run.sh [extra dotnet-stryker options, e.g. --since:main or --mutate "**/Matches/*.cs"]
#
# Reports (HTML and JSON, one folder per run) go to artifacts/mutation/. The score and the surviving mutants are
# printed at the end. A whole run takes about an hour on two cores (docs/testing.md), so it is not part of CI.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet tool restore >/dev/null
mkdir -p artifacts/mutation
cd tests/NML.Matching.Domain.Tests
start=$(date +%s)
dotnet dotnet-stryker --config-file "$HERE/stryker-config.json" --output "$ROOT/artifacts/mutation/$(date +%Y%m%d-%H%M%S)" "$@"
echo "mutation run took $(( ($(date +%s) - start) / 60 )) min (commit $(git -C "$ROOT" rev-parse --short HEAD))"
