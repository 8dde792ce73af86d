#!/usr/bin/env bash
# Vendors the front-end packages `annals serve` embeds (versions pinned in web/package-lock.json)
# into crates/annals-web/assets/vendor. The result is committed, so a clean clone builds
# without npm; run this only to upgrade them.
set -euo pipefail
cd "$(dirname "$0")/../web"
npm ci --no-audit --no-fund
V=../crates/annals-web/assets/vendor
mkdir -p "$V"
cp node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js "$V/"
cp node_modules/vis-timeline/styles/vis-timeline-graph2d.min.css "$V/"
for f in node_modules/vis-timeline/LICENSE*; do cp "$f" "$V/vis-timeline.$(basename "$f")"; done
cp node_modules/cytoscape/dist/cytoscape.min.js "$V/"
cp node_modules/cytoscape/LICENSE "$V/cytoscape.LICENSE"
ls -la "$V"
