#!/usr/bin/env python3
# usage: classes.py DIFF [N]: the rows compare.py -v printed, grouped by what differs (numbers left aside)
import re,collections,sys
c=collections.Counter(); ex={}
for l in open(sys.argv[1]):
    if ' cap=' not in l: continue
    n,rest=l.split(' cap=',1)
    cut,rest=rest.split(': ',1)
    parts=[p for p in rest.rstrip('\n').split(' | ') if not p.startswith('list:')]
    if not parts: parts=['list only: '+rest[:300]]
    key=re.sub(r'\d+','N',' | '.join(parts))
    key=re.sub(r'[0-9a-f:]{17}','MAC',key)
    c[key]+=1; ex.setdefault(key,f"{n} cap={cut}")
for k,v in c.most_common(int(sys.argv[2]) if len(sys.argv)>2 else 80): print(v, ex[k], '::', k[:300])
