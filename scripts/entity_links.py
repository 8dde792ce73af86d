#!/usr/bin/env python3
"""Checks that every person, state and organization named in gold events is linked.

Usage: entity_links.py ANNALS.db GOLD_EVENTS.tsv [--range START END]

A gold participant counts as linked when the database holds an entity of that name (after
folding accents and case), or a person of the same surname and first initial ("John F.
Dulles" / "John Foster Dulles"), with at least one mention in the text. Prints the unlinked ones and
a summary; exits 1 if any is missing.
"""
import csv
import sqlite3
import sys
import unicodedata


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.replace("’", "'").split()).lower()


db, gold = sys.argv[1], sys.argv[2]
rng = None
if "--range" in sys.argv:
    i = sys.argv.index("--range")
    rng = (int(sys.argv[i + 1]), int(sys.argv[i + 2]))
con = sqlite3.connect(db)
linked = {fold(n) for (n,) in con.execute(
    "SELECT DISTINCT n.name FROM mentions m JOIN entities n ON n.id = m.entity")}
# participants of events count too (registry parties, states of people)
linked |= {fold(n) for (n,) in con.execute(
    "SELECT DISTINCT n.name FROM participants p JOIN entities n ON n.id = p.entity")}
names = set()
with open(gold, encoding="utf-8", newline="") as f:
    for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
        if rng and not (rng[0] <= int(r["evidence_start"]) and int(r["evidence_end"]) <= rng[1]):
            continue
        for col in ("actors", "targets"):
            names |= {n.strip() for n in (r[col] or "").split(";") if n.strip()}
def person_key(n):
    """surname and first initial: "John F. Dulles" and "John Foster Dulles" are one person"""
    w = fold(n).replace(".", " ").split()
    return (w[-1], w[0][0]) if len(w) >= 2 else None


keys = {person_key(n) for n in linked} - {None}
missing = sorted(n for n in names if fold(n) not in linked and person_key(n) not in keys)
for n in missing:
    print(f"NOT LINKED {n}")
print(f"gold participants linked: {len(names) - len(missing)}/{len(names)}")
sys.exit(1 if missing else 0)
