#!/usr/bin/env bash
# Scores annals against the shared evaluation data (not part of the repository):
#   - the temporal engine on the dev gold of the founding article, with ../shared/eval/score.py,
#     checked against the bars of the foundation issue;
#   - every FRUS dateline found with the right date.
# Usage: bash scripts/eval.sh        (ANNALS_SHARED=/path/to/shared to point elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${ANNALS_SHARED:-../shared}
if [ ! -f "$SHARED/eval/score.py" ]; then
  echo "eval: $SHARED/eval/score.py not found; nothing to score (the shared folder is not part of the repository)"
  exit 0
fi
cargo build --release -q -p annals
BIN=target/release/annals
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
SEED="$SHARED/seeds/000_1978def8674762f0.txt"

"$BIN" time "$SEED" > "$OUT/seed.tsv"
echo "== temporal engine, dev gold (bytes 0-23628)"
python3 "$SHARED/eval/score.py" "$SHARED/eval/seed-s1/timex.tsv" "$OUT/seed.tsv" --range 0 23628 | tee "$OUT/score.txt"
python3 - "$OUT/score.txt" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
got = {
    "strict span F1": float(re.search(r"strict\s+span.*F1=([\d.]+)", s).group(1)),
    "relaxed span F1": float(re.search(r"relaxed\s+span.*F1=([\d.]+)", s).group(1)),
    "value accuracy": float(re.search(r"value accuracy\s+([\d.]+)", s).group(1)),
    "TIMEX3 value F1": float(re.search(r"TIMEX3 value.*F1=([\d.]+)", s).group(1)),
}
bars = {"strict span F1": 0.90, "relaxed span F1": 0.95, "value accuracy": 0.95, "TIMEX3 value F1": 0.85}
bad = [f"{k} {got[k]:.3f} < {v}" for k, v in bars.items() if got[k] < v]
print("bars:", "all met" if not bad else "MISSED: " + "; ".join(bad))
sys.exit(1 if bad else 0)
PY

echo "== FRUS datelines"
python3 scripts/frus_datelines.py "$BIN" "$SHARED/corpus/frus"
