#!/usr/bin/env python3
"""Score `annals time` on a folder of documents with timex gold (TimeBank+AQUAINT, frus-dev),
micro-averaged over the documents: the TempEval-3 way (strict / relaxed span F1 and TIMEX3
value F1 summed over every document's rows, not averaged per document).

Usage: eval_timebank.py ANNALS_BIN GOLD_DIR [--convention timeml|historian] [--errors FILE]
                        [--bars STRICT RELAXED VALUE] [--floor VALUE]

GOLD_DIR holds NAME.txt, NAME.txt.timex.tsv and (optionally) dct.tsv (NAME <tab> DCT).
--errors writes one line per miss (missed / spurious / wrong value) for error analysis.
The texts are only read, never copied: newswire is copyrighted.
"""
import argparse
import os
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("gold_dir")
    ap.add_argument("--convention", default="timeml")
    ap.add_argument("--errors")
    ap.add_argument("--bars", nargs=3, type=float, metavar=("STRICT", "RELAXED", "VALUE"),
                    help="the issue's bars: reported, not enforced")
    ap.add_argument("--floor", type=float,
                    help="fail (exit 1) when TIMEX3 value F1 falls below this: a regression")
    a = ap.parse_args()
    sys.path.insert(0, os.path.dirname(os.path.abspath(a.gold_dir.rstrip("/"))))
    import score as sc  # ../shared/eval/score.py

    dct = {}
    path = os.path.join(a.gold_dir, "dct.tsv")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                dct[parts[0]] = parts[1][:10]
    names = sorted(f[:-4] for f in os.listdir(a.gold_dir) if f.endswith(".txt")
                   and os.path.exists(os.path.join(a.gold_dir, f + ".timex.tsv")))
    tot = {"gold": 0, "sys": 0, "strict": 0, "relaxed": 0, "value": 0}
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            txt = os.path.join(a.gold_dir, name + ".txt")
            cmd = [a.bin, "time", txt, "--format", "tsv", "--convention", a.convention]
            if name in dct:
                cmd += ["--dct", dct[name]]
            out = os.path.join(tmp, "sys.tsv")
            with open(out, "w", encoding="utf-8") as f:
                subprocess.run(cmd, stdout=f, check=True)
            gold = sc.read_gold([txt + ".timex.tsv"])
            sysr = sc.read_sys(out)
            r = sc.score(gold, sysr)
            tot["gold"] += r["n_gold"]
            tot["sys"] += r["n_sys"]
            tot["strict"] += r["strict"][0]
            tot["relaxed"] += r["relaxed"][0]
            tot["value"] += r["timex3"][0]
            if a.errors:
                errors += misses(sc, name, gold, sysr, dct.get(name, ""))
    print(f"documents {len(names)}  gold rows {tot['gold']}  system rows {tot['sys']}")
    got = {}
    for k, label in (("strict", "strict span"), ("relaxed", "relaxed span"), ("value", "TIMEX3 value")):
        p, r, f = sc.prf(tot[k], tot["sys"], tot["gold"])
        got[k] = f
        print(f"  {label:13s} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tot[k]})")
    if a.errors:
        with open(a.errors, "w", encoding="utf-8") as f:
            f.write("doc\tdct\tkind\tgold_text\tgold_type\tgold_value\tsys_text\tsys_value\n")
            f.writelines("\t".join(e) + "\n" for e in errors)
    if a.bars:
        bad = [f"{k} {got[k]:.3f} < {b}" for k, b in zip(("strict", "relaxed", "value"), a.bars)
               if got[k] < b]
        print("bars:", "all met" if not bad else "MISSED: " + "; ".join(bad))
    if a.floor is not None and got["value"] < a.floor:
        print(f"REGRESSION: TIMEX3 value F1 {got['value']:.3f} < floor {a.floor}")
        sys.exit(1)


def misses(sc, name, gold, sysr, dct):
    m = sc.relaxed_match(gold, sysr)
    used = set(m.values())
    out = []
    esc = lambda s: s.replace("\n", " ").replace("\t", " ")
    for i, g in enumerate(gold):
        if i not in m:
            out.append((name, dct, "missed", esc(g["text"]), g["type"], g["value"], "", ""))
            continue
        s = sysr[m[i]]
        if sc.norm_value(s["value"]) != sc.norm_value(g["value"]):
            out.append((name, dct, "value", esc(g["text"]), g["type"], g["value"], esc(s["text"]), s["value"]))
        elif (s["start"], s["end"]) != (g["start"], g["end"]):
            out.append((name, dct, "span", esc(g["text"]), g["type"], g["value"], esc(s["text"]), s["value"]))
    for j, s in enumerate(sysr):
        if j not in used:
            out.append((name, dct, "spurious", "", "", "", esc(s["text"]), s["value"]))
    return out


if __name__ == "__main__":
    main()
