#!/usr/bin/env bash
# Side-by-side speed and accuracy of `annals time` and the tools users would otherwise pick
# (../shared/bench: dateparser, datefinder, spaCy, chrono-node, ctparse), on the same inputs
# in one run: the founding article, the article x20 and the article x200 (>= 10 MB).
#
# Usage: bash scripts/bench.sh [--peers chrono,datefinder,dateparser] [--reps 3]
# The peers need ../shared/bench/setup.sh once (it installs into a copy under $BENCH_DIR,
# default /tmp/annals-bench, because shared/ is read-only).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${ANNALS_SHARED:-../shared}
BENCH_DIR=${BENCH_DIR:-/tmp/annals-bench}
PEERS=chrono,datefinder,dateparser
REPS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --peers) PEERS=$2; shift 2 ;;
    --reps) REPS=$2; shift 2 ;;
    *) echo "usage: bench.sh [--peers a,b] [--reps N]" >&2; exit 2 ;;
  esac
done
[ -d "$SHARED/seeds" ] || { echo "bench: $SHARED/seeds not found"; exit 0; }
SHARED=$(cd "$SHARED" && pwd)
SEED="$SHARED/seeds/000_1978def8674762f0.txt"
cargo build --release -q -p annals
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 - "$SEED" "$WORK" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
open(f"{sys.argv[2]}/seed_x20.txt", "wb").write(d * 20)
open(f"{sys.argv[2]}/seed_x200.txt", "wb").write(d * 200)
PY

echo "== annals time, end to end (process start to last byte written), best of $REPS"
python3 - "$REPS" "$SEED" "$WORK/seed_x20.txt" "$WORK/seed_x200.txt" <<'PY' | tee "$WORK/annals.tsv"
import os, subprocess, sys, time
reps = int(sys.argv[1])
print("tool\tinput\tMB\tbest_s\tMB_per_s")
for label, path in zip(("seed", "x20", "x200"), sys.argv[2:]):
    size = os.path.getsize(path) / 1e6
    best = min(
        (lambda t0: (subprocess.run(["target/release/annals", "time", path], stdout=subprocess.DEVNULL, check=True), time.perf_counter() - t0)[1])(time.perf_counter())
        for _ in range(reps)
    )
    print(f"annals\t{label}\t{size:.2f}\t{best:.4f}\t{size / best:.1f}")
PY

if [ ! -x "$BENCH_DIR/.venv/bin/python" ]; then
  echo "== peers: not installed; run: rm -rf $BENCH_DIR && cp -r $SHARED/bench $BENCH_DIR && chmod -R u+w $BENCH_DIR && bash $BENCH_DIR/setup.sh"
  exit 0
fi
echo "== peers (../shared/bench/bench.py: processing time without interpreter and model load)"
cp "$WORK/seed_x20.txt" "$WORK/x20.txt"
"$BENCH_DIR/.venv/bin/python" "$BENCH_DIR/bench.py" "$SEED" --x20 "$WORK/x20.txt" --reps "$REPS" --tools "$PEERS" | tee "$WORK/peers.tsv"

echo "== accuracy on the dev gold (bytes 0-23628), same scorer"
target/release/annals time "$SEED" > "$WORK/annals_seed.tsv"
SYS=("$WORK/annals_seed.tsv")
for t in ${PEERS//,/ }; do
  case $t in
    chrono) (cd "$BENCH_DIR" && node run_chrono.mjs "$SEED" > "$WORK/${t}_seed.tsv" 2>/dev/null) ;;
    *) (cd "$BENCH_DIR" && .venv/bin/python "run_$t.py" "$SEED" > "$WORK/${t}_seed.tsv" 2>/dev/null) ;;
  esac
  SYS+=("$WORK/${t}_seed.tsv")
done
python3 "$SHARED/eval/score.py" --gold "$SHARED/eval/seed-s1/timex.tsv" --sys "${SYS[@]}" --table --range 0 23628 | sed "s#$WORK/##"

echo "== speed ratios (annals MB/s / peer MB/s, same input)"
python3 - "$WORK/annals.tsv" "$WORK/peers.tsv" <<'PY'
import csv, sys
a = {r["input"]: float(r["MB_per_s"]) for r in csv.DictReader(open(sys.argv[1]), delimiter="\t")}
for r in csv.DictReader((l for l in open(sys.argv[2]) if not l.startswith("#")), delimiter="\t"):
    peer = float(r["KBps_max"]) * 1024 / 1e6
    print(f"{r['tool']}\t{r['input']}\tpeer {peer:.2f} MB/s\tannals {a[r['input']]:.1f} MB/s\tratio x{a[r['input']] / peer:.0f}")
PY
