#!/usr/bin/env bash
# Scores the chronology on the archival dev gold (../shared/eval/frus-dev, ten FRUS 1955
# documents) with ../shared/eval/score_events.py: each document is built into its own
# database, its timeline written as TSV and scored against its gold; the totals line pools
# every document's events (one score_events.py run over all golds and all system rows, with
# offsets made unique per document).
# Usage: bash scripts/eval_events.sh [-v]    (ANNALS_SHARED=/path/to/shared to point elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${ANNALS_SHARED:-../shared}
DEV="$SHARED/eval/frus-dev"
if [ ! -d "$DEV" ]; then
  echo "eval_events: $DEV not found; nothing to score"
  exit 0
fi
VERBOSE=${1:-}
cargo build --release -q -p annals
BIN=$PWD/target/release/annals
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for txt in "$DEV"/doc_*.txt; do
  name=$(basename "$txt" .txt)
  "$BIN" build "$txt" --db "$OUT/$name.db" > /dev/null 2> "$OUT/$name.err" || { cat "$OUT/$name.err"; exit 1; }
  "$BIN" timeline --db "$OUT/$name.db" --format tsv > "$OUT/$name.tsv"
  if [ -n "$VERBOSE" ]; then
    echo "== $name"
    python3 "$SHARED/eval/score_events.py" "$txt.events.tsv" "$OUT/$name.tsv" -v
  fi
done
python3 - "$DEV" "$OUT" <<'PY'
import csv, glob, os, sys
dev, out = sys.argv[1:]
csv.field_size_limit(10**9)
# pool: shift each document's offsets by a per-document base so spans never overlap across docs
gold_rows, sys_rows, base = [], [], 0
for txt in sorted(glob.glob(os.path.join(dev, "doc_*.txt"))):
    name = os.path.basename(txt)[:-4]
    size = os.path.getsize(txt)
    for path, rows in ((txt + ".events.tsv", gold_rows), (os.path.join(out, name + ".tsv"), sys_rows)):
        with open(path, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                r["evidence_start"] = str(int(r["evidence_start"]) + base)
                r["evidence_end"] = str(int(r["evidence_end"]) + base)
                rows.append(r)
    base += size + 1
for path, rows in (("gold.tsv", gold_rows), ("sys.tsv", sys_rows)):
    keys = list(rows[0].keys()) if rows else ["date", "start", "end", "type", "actors", "targets", "evidence_start", "evidence_end"]
    with open(os.path.join(out, path), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, keys, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar=None, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: (r.get(k) or "").replace("\t", " ").replace("\n", " ") for k in keys})
PY
echo "== chronology, frus-dev (10 archival documents, pooled)"
python3 "$SHARED/eval/score_events.py" "$OUT/gold.tsv" "$OUT/sys.tsv"
echo "== gold participants linked to entities, frus-dev"
linked=0; total=0
for txt in "$DEV"/doc_*.txt; do
  name=$(basename "$txt" .txt)
  line=$(python3 scripts/entity_links.py "$OUT/$name.db" "$txt.events.tsv" || true)
  echo "$line" | grep "^NOT LINKED" | sed "s/^/$name: /" || true
  got=$(echo "$line" | sed -n 's/^gold participants linked: \([0-9]*\)\/\([0-9]*\)$/\1 \2/p')
  linked=$((linked + ${got% *})); total=$((total + ${got#* }))
done
echo "gold participants linked: $linked/$total"
