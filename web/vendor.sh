#!/usr/bin/env bash
# Vendors the dashboard's browser libraries from npm: runs `npm ci` here (web/, versions pinned by
# package-lock.json) and copies Chart.js's UMD build and licence into the dashboard's vendor folder.
#   web/vendor.sh            writes into src/NML.Matching.Api/wwwroot/dashboard/vendor/
#   web/vendor.sh DIR        writes into DIR instead (CI compares that copy with the committed one)
set -euo pipefail

WEB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$WEB/.." && pwd)"
DEST="${1:-$ROOT/src/NML.Matching.Api/wwwroot/dashboard/vendor}"

cd "$WEB"
npm ci --no-audit --no-fund --loglevel=error </dev/null

CHART="$WEB/node_modules/chart.js"
version="$(node -p "require('$CHART/package.json').version")"
if [ "$version" != "4.6.1" ]; then
  echo "expected chart.js 4.6.1 in web/node_modules, found $version" >&2
  exit 1
fi

mkdir -p "$DEST"
cp "$CHART/dist/chart.umd.min.js" "$DEST/chart.umd.min.js"
cp "$CHART/LICENSE.md" "$DEST/chart.js.LICENSE.md"
# The UMD build bundles @kurkle/color (MIT) too.
cp "$WEB/node_modules/@kurkle/color/LICENSE.md" "$DEST/kurkle-color.LICENSE.md"
echo "chart.js $version -> $DEST"
