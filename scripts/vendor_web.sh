#!/usr/bin/env bash
# The web app's libraries, vendored from the npm registry so that the app needs no network:
# each package's files that the app loads, and its licence, into src/marsad/web/static/vendor.
# Developers only (it needs npm and the registry); DATA.md lists what it copies.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=src/marsad/web/static/vendor
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# package@version  files to copy (relative to the package)
PACKAGES=(
  "leaflet@1.9.4 dist/leaflet.js dist/leaflet.css"
  "echarts@6.1.0 dist/echarts.common.min.js"
  "cytoscape@3.35.0 dist/cytoscape.min.js"
  "topojson-client@3.1.0 dist/topojson-client.min.js"
  "world-atlas@2.0.2 countries-50m.json"
)
rm -rf "$OUT"
for line in "${PACKAGES[@]}"; do
  read -r spec files <<<"$line"
  name=${spec%@*}
  (cd "$WORK" && npm pack --silent "$spec" >/dev/null)
  mkdir -p "$WORK/$name" "$OUT/$name"
  tar xzf "$WORK/$name-${spec#*@}.tgz" -C "$WORK/$name"
  for f in $files; do cp "$WORK/$name/package/$f" "$OUT/$name/"; done
  cp "$WORK/$name/package/LICENSE" "$OUT/$name/LICENSE"
  [ -f "$WORK/$name/package/NOTICE" ] && cp "$WORK/$name/package/NOTICE" "$OUT/$name/NOTICE"
  echo "$spec" > "$OUT/$name/VERSION"
done
echo "vendored into $OUT:"
du -sh "$OUT"/*
