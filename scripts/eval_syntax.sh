#!/usr/bin/env bash
# Scores the built-in syntax model on UD English EWT test with the CoNLL 2018 shared-task
# scorer (../shared/ud/tools/conllu_eval.py --no-enhanced):
#   - gold tokenization: `annals parse --pretokenized` keeps the treebank's words;
#   - raw text: the test sentences' text, one paragraph per line as the treebank's
#     `# newpar` marks them, through annals' own blocks, sentences and tokenizer (the scorer
#     aligns on characters).
# It reports the bars of the syntax-stage issue (not all met yet: see "bars:") and fails
# only on a regression below the floors of the shipped model (FLOORS below).
# Needs ../shared/ud (not in the repository); without it, says so and exits 0.
# Usage: bash scripts/eval_syntax.sh        (ANNALS_SHARED=/path/to/shared to point elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${ANNALS_SHARED:-../shared}
UD="$SHARED/ud"
if [ ! -f "$UD/en_ewt-ud-test.conllu" ]; then
  echo "eval_syntax: $UD/en_ewt-ud-test.conllu not found; nothing to score"
  exit 0
fi
cargo build --release -q -p annals
BIN=target/release/annals
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
GOLD="$UD/en_ewt-ud-test.conllu"

echo "== syntax, EWT test, gold tokenization"
"$BIN" parse --pretokenized "$GOLD" > "$OUT/gold_tok.conllu"
python3 "$UD/tools/conllu_eval.py" --no-enhanced -v "$GOLD" "$OUT/gold_tok.conllu" | tee "$OUT/gold_tok.txt"

echo "== syntax, EWT test, raw text (annals' sentences and tokens)"
python3 - "$GOLD" > "$OUT/test.txt" <<'PY'
import sys
paras, cur = [], []
for block in open(sys.argv[1], encoding="utf-8").read().split("\n\n"):
    lines = block.strip("\n").split("\n")
    text = next((l[len("# text = "):] for l in lines if l.startswith("# text = ")), None)
    if text is None:
        continue
    if any(l.startswith(("# newpar", "# newdoc")) for l in lines) and cur:
        paras.append(" ".join(cur))
        cur = []
    cur.append(text)
if cur:
    paras.append(" ".join(cur))
print("\n\n".join(paras))
PY
"$BIN" parse "$OUT/test.txt" > "$OUT/raw.conllu"
python3 "$UD/tools/conllu_eval.py" --no-enhanced -v "$GOLD" "$OUT/raw.conllu" | tee "$OUT/raw.txt"

python3 - "$OUT/gold_tok.txt" "$OUT/raw.txt" <<'PY'
import re, sys
def f1(path, metric):
    for line in open(path):
        cols = [c.strip() for c in line.split("|")]
        if cols and cols[0] == metric:
            return float(cols[3]) / 100
    raise SystemExit(f"eval_syntax: no {metric} line in {path}")
gold = {m: f1(sys.argv[1], m) for m in ("UPOS", "Lemmas", "UAS", "LAS")}
raw_las = f1(sys.argv[2], "LAS")
bars = {"UPOS": 0.950, "Lemmas": 0.97, "UAS": 0.865, "LAS": 0.835}
bad = [f"{k} {gold[k]:.3f} < {v}" for k, v in bars.items() if gold[k] < v]
if gold["LAS"] - raw_las > 0.06:
    bad.append(f"raw-text LAS {raw_las:.3f} more than 6 points below {gold['LAS']:.3f}")
print(f"gold tokenization: UPOS {gold['UPOS']:.4f} Lemma {gold['Lemmas']:.4f} "
      f"UAS {gold['UAS']:.4f} LAS {gold['LAS']:.4f}; raw text LAS {raw_las:.4f}")
print("bars:", "all met" if not bad else "MISSED: " + "; ".join(bad))
# the shipped model's figures, a little below: a change that drops under them is a regression
FLOORS = {"UPOS": 0.950, "Lemmas": 0.970, "UAS": 0.852, "LAS": 0.822}
low = [f"{k} {gold[k]:.4f} < {v}" for k, v in FLOORS.items() if gold[k] < v]
if gold["LAS"] - raw_las > 0.06:
    low.append("raw-text LAS gap over 6 points")
print("floors:", "held" if not low else "REGRESSION: " + "; ".join(low))
sys.exit(1 if low else 0)
PY
