#!/usr/bin/env python3
"""Converts the CAMEO/Phoenix actor dictionaries (PETRARCH2's, MIT licence) to annals'
compact import, data/knowledge/phoenix/actors.tsv.

Usage: convert.py PHOENIX_DIR EWT_TRAIN.conllu > data/knowledge/phoenix/actors.tsv
  PHOENIX_DIR   the folder of Phoenix.Countries.actors.txt and Phoenix.International.actors.txt
  EWT_TRAIN     a UD English treebank, for the list of ordinary English words (see filter F5)

What is kept: states (an entry of the country file whose codes are bare country codes), the
people of the country file (their codes are dated: CountryInfo's heads of state and
government, ministers, diplomats), and the international organizations (IGO codes) and their
officials. National institutions, companies, NGOs and armed groups are left out: their names
("Ministry of Foreign Affairs", "Supreme Court") are generic or not actors of diplomacy, and
a wrong actor is worse than none.

Output, one row per entity, tab-separated, with a header:
  kind  id  state  aliases  adjectives  roles  word_surname
kind is state | person | organization; id the display name (the dictionaries are upper case:
case is restored, "NASSER" -> "Nasser", "MCNAMARA" -> "McNamara", "NATO" stays); state the
ISO 3166 alpha-3 code a person or organization acts for (annals maps codes to its states);
aliases and adjectives `|`-separated; roles `CODE FROM TO;...` with dates YYYYMMDD or `..`;
word_surname 1 when a person's surname is an ordinary word or a month ("May"): annals then
never takes the surname alone for the person.

Filters, all general (counts are printed on standard error):
  F1 exact duplicate entries and duplicate names within an entry;
  F2 entries whose codes are all unknown (not a country or CAMEO code: typos, fictions);
  F3 a state's names that are geographic features ("Lake Nasser", "Suez Canal") or places
     that are also a person's surname — PETRARCH codes a city as its country, annals does not:
     a state keeps only its names, variants and adjectives (its capital comes from annals'
     curated files);
  F4 names shared by entries of two countries (generic titles, common given names);
  F5 one-word names that are ordinary English words (lowercase in the treebank at least
     twice: "Chance", "Bush" is kept — it is capitalized there);
  F6 a person's aliases: titles stripped ("President Nasser" -> kept as the full name),
     bare surnames dropped (annals resolves surnames itself), names of two letters or less;
  F7 malformed or reversed date ranges.
"""
import collections
import re
import sys
import unicodedata

ROLE_CODES = set("""GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL ELI LEG LAB AGR REF HLH HRI
DEV ENV IGO NGO MNC UAF INS MOD RAD SEP RES JEW MUS CHR BUD HIN REL SET IMG NGM IRC PRO FRM MNS
ATG PRS ATH SIK CON UNK""".split())
REGIONS = set("WEU EEU EUR MEA SAS SEA EAF WAF NAF SAF CAF LAM NMR CAS ASA AFR CFR SAM EIN".split())
FEATURE = re.compile(r"\b(LAKES?|RIVER|MOUNT|MT|MOUNTAINS?|DESERT|CANAL|DAM|PENINSULA|ISLANDS?|"
                     r"ISLE|GULF|BAY|SEA|OCEAN|VALLEY|PLATEAU|SQUARE|STRAIT|FALLS|BASIN|HILLS?|"
                     r"CAPE|REEF|DELTA|COAST|PEAK|LAGOON|GLACIER|FOREST|PARK|RANGE|OASIS|ATOLL|"
                     r"AIRPORT|PALACE|BRIDGE|PROVINCE|REGION|DISTRICT|CITY)\b")
TITLE = re.compile(r"^((FORMER|EX|THE|ACTING|INTERIM)\s+)*(\S+\s+)?(PRESIDENT|VICE PRESIDENT|PRIME "
                   r"MINISTER|PREMIER|SECRETARY GENERAL|SECRETARY OF STATE|SECRETARY|FOREIGN "
                   r"MINISTER|MINISTER|SENATOR|GENERAL|GEN|KING|QUEEN|PRINCE|EMIR|SHEIKH|SIR|DR|"
                   r"MR|MRS|CHAIRMAN|AMBASSADOR|AYATOLLAH|LORD|MARSHAL|ADMIRAL)\.?\s+")
INSTITUTION = re.compile(r"\b(UNITED|NATIONS|ORGANI[SZ]ATION|UNION|LEAGUE|COUNCIL|COMMISSION|"
                         r"COMMITTEE|ASSEMBLY|BANK|FUND|AGENCY|COURT|TRIBUNAL|PROGRAMME|PROGRAM|"
                         r"OFFICE|BUREAU|FORCE|FORCES|MISSION|PARLIAMENT|COMMUNITY|ASSOCIATION|"
                         r"CONFERENCE|TREATY|PACT|ALLIANCE|SECRETARIAT|INSTITUTE|FORUM|GROUP|"
                         r"COOPERATION|PARTNERSHIP|AUTHORITY|BOARD|CENTRE|CENTER|DIVISION)\b")
CALENDAR = set("january february march april may june july august september october november "
               "december monday tuesday wednesday thursday friday saturday sunday".split())
SMALL = set("of and the for in on to at by a an de du des da das do dos di del della van von der "
            "den ter la le les el al bin ibn bint y e et".split())


def yymmdd(s):
    s = s.strip()
    if not s.isdigit():
        raise ValueError(s)
    if len(s) <= 7:
        y = int(s[:2])
        return f"{y + (2000 if y <= 30 else 1900):04d}{s[2:4]}{s[4:6] or '01'}"
    return s[:8]


def restriction(txt):
    """`CODE`, `CODE <d`, `CODE >d`, `CODE d-d` -> (code, from, to) or None if malformed."""
    parts = txt.strip().split(None, 1)
    if not parts:
        return None
    code, rest = parts[0], (parts[1].strip() if len(parts) > 1 else "")
    try:
        if not rest:
            return code, "..", ".."
        if rest[0] == "<":
            return code, "..", yymmdd(rest[1:])
        if rest[0] == ">":
            return code, yymmdd(rest[1:]), ".."
        a, b = rest.split("-", 1)
        a, b = yymmdd(a), yymmdd(b)
        return (code, a, b) if a <= b else None
    except ValueError:
        return None


def parse(path, stats):
    """Entries with PETRARCH's grouping: a primary line without a code joins the next coded
    entry; `+` lines are synonyms; TAB lines carry (dated) codes."""
    entries, cur = [], None
    for raw in open(path, encoding="utf-8"):
        raw = raw.rstrip("\n")
        if not raw.strip() or raw[0] == "#" or raw.startswith("<!"):
            continue
        line = raw[: raw.rfind(" #")] if " #" in raw else raw
        comment = raw[len(line):]
        codes = [m.group(1) for m in re.finditer(r"\[([^\]]*)\]", line)]
        if line[0] in "\t " and line.strip().startswith("["):
            if cur is not None:
                cur["codes"] += codes
            continue
        if line[0] == "+":
            if cur is not None:
                cur["names"].append(line[1:].split(";")[0].strip())
            continue
        if cur is None or cur["codes"]:
            cur = {"names": [], "codes": [], "info": False}
            entries.append(cur)
        name = line.split("[")[0].split(";")[0].strip()
        cur["names"].append(name)
        cur["codes"] += codes
        cur["info"] |= "CountryInfo" in comment
    return entries


def norm(n):
    n = "".join(c for c in n if unicodedata.category(c)[0] != "C")
    return re.sub(r"\s+", " ", n.replace("_", " ")).strip().upper()


def case(n, acronyms):
    """Restores case: words title-cased, small words lower, Mc/O' names, initials and
    acronyms kept."""
    out = []
    for i, w in enumerate(n.split(" ")):
        def one(p, first):
            letters = re.sub(r"[^A-Z]", "", p)
            if not p or re.fullmatch(r"([A-Z]\.)+[A-Z]?\.?", p) or re.fullmatch(r"[IVX]+", p):
                return p
            if acronyms and (not re.search(r"[AEIOUY]", letters) or len(letters) <= 6 and n == p
                             or len(letters) <= 3 and p.lower() not in SMALL):
                return p
            if not first and p.lower() in SMALL:
                return p.lower()
            if p.startswith("MC") and len(p) > 3:
                return "Mc" + p[2] + p[3:].lower()
            return p[0] + p[1:].lower()
        parts = re.split(r"([-'])", w)
        out.append("".join(p if p in "-'" else one(p, i == 0 and j == 0) for j, p in enumerate(parts)))
    return " ".join(out)


def common_words(conllu):
    """Words seen lowercase at least twice and never capitalized mid-sentence in the
    treebank: ordinary English, not names."""
    low, cap = collections.Counter(), collections.Counter()
    for line in open(conllu, encoding="utf-8"):
        cols = line.split("\t")
        if len(cols) < 4 or not cols[0].isdigit():
            continue
        w = cols[1]
        if w.islower():
            low[w] += 1
        elif w[:1].isupper() and cols[0] != "1" and cols[3] == "PROPN":
            cap[w.lower()] += 1
    return {w for w, n in low.items() if n >= 2 and cap[w] < n}


def main():
    phoenix, ewt = sys.argv[1], sys.argv[2]
    stats = collections.Counter()
    words = common_words(ewt)
    country = parse(f"{phoenix}/Phoenix.Countries.actors.txt", stats)
    intl = parse(f"{phoenix}/Phoenix.International.actors.txt", stats)
    # country codes: the bare three-letter codes of state entries
    states = set()
    for e in country:
        for c in e["codes"]:
            r = restriction(c)
            if r and re.fullmatch(r"[A-Z]{3}", r[0]) and r[0] not in ROLE_CODES | REGIONS | {"IGO", "MNC", "NGO"}:
                states.add(r[0])
    known = states | ROLE_CODES | REGIONS | {"IGO", "NGO", "MNC", "USR", "SUN", "YUG", "CZE"}

    def valid_code(code):
        return len(code) >= 3 and code[:3] in known

    rows, seen, owners = [], set(), collections.defaultdict(set)
    surnames = set()
    for src, es in (("C", country), ("I", intl)):
        for e in es:
            rs = []
            for c in e["codes"]:
                r = restriction(c)
                if r is None:
                    stats["F7 malformed or reversed date range dropped"] += 1
                    continue
                rs.append(r)
            if not rs or not any(valid_code(r[0]) for r in rs):
                stats["F2 entry with no known code dropped"] += 1
                continue
            names = []
            for n in e["names"]:
                n = norm(n)
                if n and n not in names and "+" not in n and "\ufffd" not in n:
                    names.append(n)
            if not names:
                continue
            sig = (tuple(sorted(names)), tuple(sorted(map(str, rs))))
            if sig in seen:
                stats["F1 duplicate entry dropped"] += 1
                continue
            seen.add(sig)
            dated = any(r[1] != ".." or r[2] != ".." for r in rs)
            if src == "C" and all(r[0] in states for r in rs):
                kind = "state"
                if any(x["kind"] == "state" and x["state"] == rs[0][0] for x in rows):
                    # a second entry under a country code is one of its places or
                    # territories ("Leipzig", "Mayotte"), not another state
                    stats["F3 a second state entry under one code dropped"] += 1
                    continue
            elif src == "C" and (e["info"] or dated) and not FEATURE.search(names[0]):
                kind = "person"
            elif src == "I" and dated:
                kind = "person"
            elif src == "I" and any(r[0].startswith("IGO") for r in rs):
                # an IGO's undated official is a person: a name without an institution word
                # that is no acronym ("Carlos Santos Cruz" under the UN)
                institution = INSTITUTION.search(names[0]) or " " not in names[0]
                kind = "organization" if institution else "person"
            else:
                stats["national institution, company or NGO left out"] += 1
                continue
            cc = collections.Counter(r[0][:3] for r in rs if r[0][:3] in states)
            state = cc.most_common(1)[0][0] if cc else ""
            if kind == "person":
                surnames.add(names[0].split()[-1])
            rows.append({"kind": kind, "names": names, "state": state, "roles": rs})
            for n in names:
                owners[n].add(state or rows[-1]["names"][0])
    out = []
    for r in rows:
        aliases, adjectives = [], []
        prim = r["names"][0]
        for n in r["names"][1:]:
            if len(owners[n]) > 1:
                stats["F4 name shared by entries of two countries dropped"] += 1
                continue
            one_word = " " not in n
            if one_word and n.lower() in words:
                stats["F5 ordinary English word dropped"] += 1
                continue
            if len(re.sub(r"[^A-Z]", "", n)) <= 2:
                stats["F6 name of two letters or less dropped"] += 1
                continue
            if r["kind"] == "state":
                if FEATURE.search(n) or (one_word and n in surnames):
                    stats["F3 geographic feature or surname-place dropped from a state"] += 1
                    continue
                stem = re.sub(r"[^A-Z]", "", prim)[:3]
                if one_word and re.search(r"(AN|ANS|IAN|ESE|ISH|I|IC|CH|OT|EAN)$", n) and n[:3] == stem:
                    adjectives.append(n)
                elif prim in n or n in prim:
                    aliases.append(n)
                else:
                    stats["F3 a state's place (city, region) left to the curated files"] += 1
                continue
            m = TITLE.match(n)
            if r["kind"] == "person" and m:
                n = n[m.end():]
                stats["F6 title stripped from a person's alias"] += 1
            if r["kind"] == "person" and " " not in n:
                stats["F6 bare surname dropped (annals resolves surnames)"] += 1
                continue
            if n != prim and n not in aliases:
                aliases.append(n)
        acr = r["kind"] == "organization"
        roles = ";".join(f"{c} {a} {b}" for c, a, b in r["roles"])
        # a surname that is an ordinary word ("May", "Bush" is not one) must not stand for
        # the person alone
        last = prim.split()[-1].lower()
        word_surname = "1" if r["kind"] == "person" and (last in words or last in CALENDAR) else ""
        out.append("\t".join([r["kind"], case(prim, acr), r["state"],
                              "|".join(case(a, acr) for a in aliases),
                              "|".join(case(a, acr) for a in adjectives), roles, word_surname]))
        stats[f"kept: {r['kind']}"] += 1
    print("# annals import of the CAMEO/Phoenix actor dictionaries (PETRARCH2, commit 676801cd;")
    print("# MIT licence, (c) 2014 Open Event Data Alliance: see LICENSE). Regenerate with")
    print("# scripts/phoenix/convert.py; do not edit by hand (annals' TOML files override it).")
    print("kind\tid\tstate\taliases\tadjectives\troles\tword_surname")
    for line in out:
        print(line)
    for k, v in sorted(stats.items()):
        print(f"{v:7d}  {k}", file=sys.stderr)


if __name__ == "__main__":
    main()
