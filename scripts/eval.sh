#!/usr/bin/env bash
# Scores annals against the shared evaluation data (not part of the repository):
#   - the temporal engine on the dev gold of the founding article, with ../shared/eval/score.py,
#     checked against the bars of the foundation issue; on TimeBank+AQUAINT (TimeML
#     conventions) and the frus-dev archival documents, micro-averaged, with a floor against
#     regressions;
#   - every FRUS dateline found with the right date;
#   - the chronology (`annals build` + `annals timeline`) on the dev gold events, with
#     ../shared/eval/score_events.py, and every gold participant linked to an entity.
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

echo "== temporal engine, TimeBank+AQUAINT news (TimeML conventions, micro-averaged; bars reported)"
python3 scripts/eval_timebank.py "$BIN" "$SHARED/eval/timebank" --convention timeml \
  --bars 0.85 0.92 0.85 --floor 0.78
echo "== temporal engine, frus-dev archival documents (bars reported)"
python3 scripts/eval_timebank.py "$BIN" "$SHARED/eval/frus-dev" --convention historian \
  --bars 0.0 0.95 0.90 --floor 0.93

echo "== FRUS datelines"
python3 scripts/frus_datelines.py "$BIN" "$SHARED/corpus/frus"

echo "== chronology, dev gold events (bytes 0-23628)"
"$BIN" build "$SEED" --db "$OUT/seed.db" 2>/dev/null
"$BIN" timeline --db "$OUT/seed.db" --format tsv > "$OUT/events.tsv"
python3 "$SHARED/eval/score_events.py" "$SHARED/eval/seed-s1/events.tsv" "$OUT/events.tsv" --range 0 23628 | tee "$OUT/events.txt"
python3 - "$OUT/events.txt" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
p, r = (float(x) for x in re.search(r"events: P=([\d.]+) R=([\d.]+)", s).groups())
bad = [m for m, ok in ((f"recall {r:.3f} < 0.85", r >= 0.85), (f"precision {p:.3f} < 0.80", p >= 0.80)) if not ok]
print("bars:", "all met" if not bad else "MISSED: " + "; ".join(bad))
sys.exit(1 if bad else 0)
PY
python3 scripts/entity_links.py "$OUT/seed.db" "$SHARED/eval/seed-s1/events.tsv" --range 0 23628

echo "== build time: the article and all of the FRUS corpus, one core"
start=$(date +%s.%N)
ONE_CORE=""; command -v taskset >/dev/null && ONE_CORE="taskset -c 0"
$ONE_CORE "$BIN" build "$SEED" "$SHARED/corpus/frus" --db "$OUT/all.db" 2>&1 | tail -1
end=$(date +%s.%N)
python3 -c "print(f'build took {$end - $start:.2f} s (bar: < 2 s)')"
