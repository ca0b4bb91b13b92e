#!/usr/bin/env python3
# usage: compare.py DIR [-v]: rows of every probe capture where our columns differ from tshark's:
# Protocol and Info from `fields`, Source and Destination (and the whole line) from `list`.
import os, sys, collections
D = sys.argv[1]; verbose = '-v' in sys.argv
names = ["Protocol", "Info", "Source", "Destination", "list"]
total = agree = 0
per = collections.Counter(); percol = collections.Counter(); diffs = []
def rd(p): return open(p, encoding="utf-8", errors="replace").read().split("\n")
for fn in sorted(os.listdir(os.path.join(D, "ts"))):
    if not fn.endswith(".tsv"): continue
    n = fn[:-4]
    ts = [l.split("\t") for l in rd(os.path.join(D, "ts", fn)) if l.strip()]
    tl = [l for l in rd(os.path.join(D, "ts", n + ".list")) if l.strip()]
    raw = rd(os.path.join(D, "us", n + ".raw"))
    ul = [l for l in rd(os.path.join(D, "us", n + ".list")) if l.strip()]
    head = raw[0].split("\t"); pi, ii = head.index("_ws.col.Protocol"), head.index("_ws.col.Info")
    us = {}
    for l in raw[1:]:
        if not l: continue
        c = l.split("\t"); us[c[0]] = [c[pi] if pi < len(c) else "", c[ii] if ii < len(c) else ""]
    for k, row in enumerate(ts):
        row += [""] * (5 - len(row))
        total += 1
        o = us.get(row[0], ["<missing>"] * 2)
        t = row[1:5] + [tl[k] if k < len(tl) else ""]
        # Source/Destination from the columns: our list line must equal tshark's line anyway.
        u = o + [row[3], row[4]] + [ul[k] if k < len(ul) else "<missing>"]
        bad = [i for i in (0, 1, 4) if t[i] != u[i]]
        if not bad:
            agree += 1
        else:
            per[n] += 1
            for i in bad: percol[names[i]] += 1
            diffs.append((n, int(row[0]) - 1, t, u, bad))
print(f"rows {total}, agree {agree}, differ {total - agree}; by column {dict(percol)}")
for n, c in per.most_common():
    print(f"  {n}: {c}")
if verbose:
    for n, cut, t, u, bad in diffs:
        print(f"{n} cap={cut}: " + " | ".join(f"{names[i]}: T[{t[i]}] U[{u[i]}]" for i in bad))
