#!/usr/bin/env bash
# Mutation testing of src/NML.Matching.Domain with Stryker.NET (the local tool dotnet-stryker, see
# dotnet-tools.json), against tests/NML.Matching.Domain.Tests. Settings: tests/mutation/stryker-config.json.
#
#   bash tests/mutation/run.sh [extra dotnet-stryker options, e.g. --since:main or --mutate "**/Matches/*.cs"]
#
# Reports (HTML and JSON, one folder per run) go to artifacts/mutation/<time>/reports/; the score per file is
# printed at the end, the surviving mutants are in the HTML report. A whole run takes well over an hour on two
# shared cores (docs/testing.md, "Mutation testing"), so it is not part of CI.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet tool restore >/dev/null
mkdir -p artifacts/mutation
cd tests/NML.Matching.Domain.Tests
# The commit is taken before the run (the tests are built from the working tree as it is now).
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git -C "$ROOT" diff --quiet HEAD -- src tests 2>/dev/null || commit="$commit with uncommitted changes in src/ or tests/"
started_at="$(date -u +%Y-%m-%dT%H:%MZ)"
start=$(date +%s)
dotnet dotnet-stryker --config-file "$HERE/stryker-config.json" --output "$ROOT/artifacts/mutation/$(date +%Y%m%d-%H%M%S)" "$@"
echo "mutation run started $started_at at commit $commit and took $(( ($(date +%s) - start) / 60 )) min"
