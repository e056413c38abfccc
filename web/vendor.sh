#!/usr/bin/env bash
# Vendors the browser libraries of the portal from npm: runs `npm ci` here (web/, versions pinned by package-lock.json)
# and copies, with their licences, into portal/vendor/:
#   chart.js/          Chart.js's UMD build for the monitoring page's charts (and @kurkle/color's licence: the build
#                      bundles it);
#                      NL Design System: @utrecht/component-library-css (the components' CSS), the neutral theme
#                      @nl-design-system-unstable/voorbeeld-design-tokens (its tokens, scoped to .voorbeeld-theme) and
#                      the theme's font @fontsource/noto-sans (the latin and latin-ext subsets of the weights 400 and
#                      700, upright and italic, as woff2, in one noto-sans.css made from fontsource's own files).
#   web/vendor.sh            writes into src/NML.Matching.Api/wwwroot/
#   web/vendor.sh DIR        writes into DIR instead (CI compares that copy with the committed one)
set -euo pipefail

WEB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$WEB/.." && pwd)"
DEST="${1:-$ROOT/src/NML.Matching.Api/wwwroot}"

cd "$WEB"
npm ci --no-audit --no-fund --loglevel=error </dev/null

# Each package at exactly the version the project pins (package.json says so too; this catches a stale lock file).
check_version() {
  local package="$1" expected="$2" found
  found="$(node -p "require('$WEB/node_modules/$package/package.json').version")"
  if [ "$found" != "$expected" ]; then
    echo "expected $package $expected in web/node_modules, found $found" >&2
    exit 1
  fi
}
check_version chart.js 4.6.1
check_version @utrecht/component-library-css 9.0.4
check_version @nl-design-system-unstable/voorbeeld-design-tokens 7.4.1
check_version @fontsource/noto-sans 5.3.0

# ---- the portal ---------------------------------------------------------------------------------------------------
PORTAL="$DEST/portal/vendor"
UTRECHT="$WEB/node_modules/@utrecht/component-library-css"
THEME="$WEB/node_modules/@nl-design-system-unstable/voorbeeld-design-tokens"
NOTO="$WEB/node_modules/@fontsource/noto-sans"
rm -rf "$PORTAL"
mkdir -p "$PORTAL/chart.js" "$PORTAL/utrecht" "$PORTAL/voorbeeld-theme" "$PORTAL/noto-sans/files"
CHART="$WEB/node_modules/chart.js"
cp "$CHART/dist/chart.umd.min.js" "$PORTAL/chart.js/chart.umd.min.js"
cp "$CHART/LICENSE.md" "$PORTAL/chart.js/chart.js.LICENSE.md"
# The UMD build bundles @kurkle/color (MIT) too.
cp "$WEB/node_modules/@kurkle/color/LICENSE.md" "$PORTAL/chart.js/kurkle-color.LICENSE.md"
cp "$UTRECHT/dist/index.css" "$PORTAL/utrecht/component-library.css"
cp "$UTRECHT/LICENSE.md" "$PORTAL/utrecht/LICENSE.md"
cp "$THEME/dist/theme.css" "$PORTAL/voorbeeld-theme/theme.css"
cp "$THEME/LICENSE.md" "$PORTAL/voorbeeld-theme/LICENSE.md"
cp "$NOTO/LICENSE" "$PORTAL/noto-sans/LICENSE"
# fontsource's 400.css (and friends) hold one @font-face per subset, each with its unicode-range: keep latin and
# latin-ext, and only their woff2 source (every browser that knows CSS custom properties reads woff2).
node - "$NOTO" "$PORTAL/noto-sans" <<'NODE'
const fs = require('fs');
const path = require('path');
const [noto, out] = process.argv.slice(2);
const parts = ['/* Noto Sans (@fontsource/noto-sans 5.3.0, OFL-1.1): latin and latin-ext, made by web/vendor.sh. */\n'];
for (const sheet of ['400.css', '400-italic.css', '700.css', '700-italic.css']) {
  const blocks = fs.readFileSync(path.join(noto, sheet), 'utf8').split(/(?=\/\* noto-sans-)/);
  for (const block of blocks) {
    const name = (block.match(/^\/\* (noto-sans-[\w-]+) \*\//) || [])[1];
    if (!name || !/^noto-sans-latin(-ext)?-\d+-(normal|italic)$/.test(name)) continue;
    const woff2 = `${name}.woff2`;
    const face = block.replace(/src: url\(\.\/files\/[^)]+\.woff2\) format\('woff2'\), url\(\.\/files\/[^)]+\.woff\) format\('woff'\);/,
      `src: url(./files/${woff2}) format('woff2');`);
    if (!face.includes(`src: url(./files/${woff2}) format('woff2');`)) throw new Error(`unexpected src in ${sheet}: ${name}`);
    fs.copyFileSync(path.join(noto, 'files', woff2), path.join(out, 'files', woff2));
    parts.push(face.trim() + '\n');
  }
}
if (parts.length !== 1 + 8) throw new Error(`expected 8 faces (2 subsets x 2 weights x 2 styles), found ${parts.length - 1}`);
fs.writeFileSync(path.join(out, 'noto-sans.css'), parts.join('\n'));
NODE
echo "chart.js, @utrecht/component-library-css, voorbeeld-design-tokens, @fontsource/noto-sans -> $PORTAL"
