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
# the network's layout: cytoscape-fcose and the two libraries it needs, in the order their
# UMD builds expect (each defines a global the next one reads), as one file
cat node_modules/layout-base/layout-base.js node_modules/cose-base/cose-base.js \
    node_modules/cytoscape-fcose/cytoscape-fcose.js > "$V/cytoscape-fcose.js"
for p in layout-base cose-base cytoscape-fcose; do cp "node_modules/$p/LICENSE" "$V/$p.LICENSE"; done
ls -la "$V"
