#!/usr/bin/env python3
"""Checks that `annals time` finds every FRUS document's dateline date.

Usage: frus_datelines.py ANNALS_BINARY FRUS_DIR

For each document of FRUS_DIR/docs.tsv with a `dateline_when`, runs `annals time` on
doc_N.txt and looks, on the document's second line (the printed dateline), for a DATE or TIME
whose value starts with the date of `dateline_when`. Prints one line per miss and a summary;
exits 1 if any dateline is missed.
"""
import csv
import os
import subprocess
import sys

binary, frus = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(os.path.join(frus, "docs.tsv"), encoding="utf-8"), delimiter="\t"))
found = total = 0
for r in rows:
    if not r["dateline_when"]:
        continue
    total += 1
    path = os.path.join(frus, f"doc_{r['n']}.txt")
    raw = open(path, "rb").read()
    l2 = raw.index(b"\n") + 1
    l2_end = raw.index(b"\n", l2)
    out = subprocess.run([binary, "time", path], capture_output=True, text=True, check=True).stdout
    want = r["dateline_when"][:10]
    hits = []
    for line in out.splitlines()[1:]:
        f = line.split("\t")
        if l2 <= int(f[0]) < l2_end and f[4][:10] == want:
            hits.append(f)
    if hits:
        found += 1
    else:
        print(f"MISS doc {r['n']}: dateline {r['dateline_date_text']!r} (want {want})")
print(f"FRUS datelines found: {found}/{total}")
sys.exit(0 if found == total else 1)
