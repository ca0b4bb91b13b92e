#!/usr/bin/env python3
"""Writes tests/data/igmpmessages.pcap: IGMP messages built byte by byte for the Protocol and
Info columns: v1/v2/v3 queries (general, for a group, with sources), v2 reports and leaves,
IGMPv3 reports with every group record type and 0, 1 or 2 sources, several records, none,
DVMRP, PIMv1, mtrace, unknown types, and messages cut inside a part tshark reads.
Deterministic. Its oracle, oracle/igmpmessages.tsv, is made as oracle/README.md says.

usage: tests/data/make-igmpmessages.py
"""
import os
import socket
import struct
def ip4(s): return socket.inet_aton(s)
def igmp_frame(payload, dst='224.0.0.1', src='192.0.2.1'):
    ip=struct.pack('>BBHHHBBH4s4s',0x46,0,24+len(payload),1,0,1,2,0,ip4(src),ip4(dst))+b'\x94\x04\x00\x00'
    return b'\x01\x00\x5e\x00\x00\x01'+b'\x66\x77\x88\x99\xaa\xbb'+b'\x08\x00'+ip+payload
def v3query(group, sources, mrc=100):
    return struct.pack('>BBH4sBBH',0x11,mrc,0,ip4(group),2,125,len(sources))+b''.join(ip4(s) for s in sources)
def rec(t, group, sources, aux=0):
    return struct.pack('>BBH4s',t,aux,len(sources),ip4(group))+b''.join(ip4(s) for s in sources)+b'\0'*(4*aux)
def v3report(recs):
    return struct.pack('>BBHHH',0x22,0,0,0,len(recs))+b''.join(recs)
P=[]
P.append(struct.pack('>BBH4s',0x11,0,0,ip4('0.0.0.0')))         # v1 query
P.append(struct.pack('>BBH4s',0x12,0,0,ip4('224.1.2.3')))       # v1 report
P.append(struct.pack('>BBH4s',0x11,100,0,ip4('0.0.0.0')))       # v2 general
P.append(struct.pack('>BBH4s',0x11,100,0,ip4('224.1.2.3')))     # v2 specific
P.append(struct.pack('>BBH4s',0x16,0,0,ip4('224.1.2.3')))       # v2 report
P.append(struct.pack('>BBH4s',0x17,0,0,ip4('224.1.2.3')))       # leave
P.append(v3query('0.0.0.0',[]))
P.append(v3query('224.1.2.3',[]))
P.append(v3query('224.1.2.3',['10.0.0.1']))
P.append(v3query('224.1.2.3',['10.0.0.1','10.0.0.2','10.0.0.3']))
P.append(v3query('0.0.0.0',['10.0.0.1']))
for t in range(0,8):
    for ns in (0,1,2):
        P.append(v3report([rec(t,'232.1.1.%d'%t,['10.0.%d.%d'%(t,k) for k in range(ns)])]))
P.append(v3report([rec(2,'232.1.1.1',[]),rec(1,'232.1.1.2',['10.0.0.1']),rec(6,'232.1.1.3',['10.0.0.2'],aux=1)]))
P.append(v3report([]))
P.append(struct.pack('>BBH4s',0x13,0,0,ip4('0.0.0.0')))  # DVMRP
P.append(struct.pack('>BBH4s',0x14,0,0,ip4('0.0.0.0')))  # PIMv1
P.append(struct.pack('>BBH4s',0x1e,0,0,ip4('224.1.2.3'))+b'\0'*16)  # mtrace resp
P.append(struct.pack('>BBH4s',0x1f,0,0,ip4('224.1.2.3'))+b'\0'*16)  # mtrace
P.append(struct.pack('>BBH4s',0x99,0,0,ip4('224.1.2.3')))
P.append(struct.pack('>BBH4s',0x30,0,0,ip4('0.0.0.0')))  # MRD adv
P.append(struct.pack('>BBH4s',0x31,0,0,ip4('0.0.0.0')))
P.append(struct.pack('>BBH4s',0x32,0,0,ip4('0.0.0.0')))
P.append(b'\x16\x00')  # cut report
P.append(v3report([rec(1,'232.1.1.1',['10.0.0.1','10.0.0.2'])])[:-3]) # cut v3 report
P.append(v3query('224.1.2.3',['10.0.0.1','10.0.0.2'])[:-2])
P.append(struct.pack('>BBH4s',0x11,100,0,ip4('224.1.2.3'))+b'\0\0')  # query len 10
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "igmpmessages.pcap"), "wb") as f:
    f.write(struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,65535,1))
    for i,p in enumerate(P):
        fr=igmp_frame(p)
        f.write(struct.pack('<IIII',1000+i,0,len(fr),len(fr))+fr)
