#!/usr/bin/env python3
"""Writes tests/data/dnsrecords.pcap: DNS messages built byte by byte for the Info column, one
per frame: a response per record type tshark summarises differently (address, name, MX, SRV,
HINFO, NAPTR, types it names without data, a type it does not know, an A record shorter than
four bytes), an EDNS query, responses cut inside a record, two questions, a compressed MX,
then the same over mDNS (QM/QU questions, cache flush) and LLMNR. Deterministic.

usage: tests/data/make-dnsrecords.py; then oracle/dnsrecords.tsv as oracle/README.md says.
"""
import os
import struct


def name(text):
    out = b""
    for label in text.split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def record(owner, rtype, rdata, cls=1, ttl=300):
    return owner + struct.pack(">HHIH", rtype, cls, ttl, len(rdata)) + rdata


QNAME = name("q.example.test")
TO_QNAME = b"\xc0\x0c"  # a pointer to the question's name
EDNS = record(b"\0", 41, b"", cls=4096, ttl=0)

# (type, record data): each type as tshark summarises it in Info.
RECORDS = [
    (1, bytes([192, 0, 2, 1])),
    (28, bytes(range(16))),
    (2, name("ns1.example.test")),
    (5, name("alias.example.test")),
    (6, name("ns1.example.test") + name("admin.example.test") + struct.pack(">IIIII", 1, 2, 3, 4, 5)),
    (12, name("host.example.test")),
    (15, struct.pack(">H", 10) + name("mx.example.test")),
    (16, b"\x05hello\x05world"),
    (33, struct.pack(">HHH", 1, 2, 443) + name("srv.example.test")),
    (13, b"\x03cpu\x02os"),
    (257, b"\x00\x05issueca.example"),
    (35, struct.pack(">HH", 100, 10) + b"\x01U\x07E2U+sip\x00" + name("x.example.test")),
    (43, struct.pack(">HBB", 12345, 8, 2) + bytes(32)),
    (46, struct.pack(">HBBIIIH", 1, 8, 2, 300, 2000000000, 1900000000, 12345) + name("example.test") + bytes(16)),
    (48, struct.pack(">HBB", 257, 3, 8) + bytes(16)),
    (47, name("next.example.test") + b"\x00\x01\x40"),
    (65, struct.pack(">H", 1) + name("svc.example.test")),
    (64, struct.pack(">H", 1) + b"\x00"),
    (65280, b"\x01\x02"),
    (99, b"\x03abc"),
    (17, name("mbox.example.test") + name("txt.example.test")),
    (29, bytes(16)),
    (44, bytes([1, 1]) + bytes(20)),
    (52, bytes([3, 1, 1]) + bytes(32)),
    (250, name("hmac-md5.sig-alg.reg.int") + bytes(16)),
    (1, bytes([1, 2, 3])),  # shorter than an address: tshark reads four bytes anyway
]


def header(ident, flags, qd, an, ns, ar):
    return struct.pack(">HHHHHH", ident, flags, qd, an, ns, ar)


def messages():
    out = []
    for i, (rtype, rdata) in enumerate(RECORDS):
        qtype = rtype if rtype < 65280 else 1
        out.append(header(0x1000 + i, 0x8180, 1, 1, 0, 1) + QNAME + struct.pack(">HH", qtype, 1)
                   + record(TO_QNAME, rtype, rdata) + EDNS)
    out.append(header(0x2000, 0x8183, 1, 0, 1, 0) + QNAME + struct.pack(">HH", 1, 1)
               + record(TO_QNAME, 6, name("ns1.example.test") + name("a.example.test") + bytes(20)))
    out.append(header(0x3000, 0x0100, 1, 0, 0, 1) + QNAME + struct.pack(">HH", 1, 1) + EDNS)
    full = (header(0x3001, 0x8180, 1, 2, 0, 0) + QNAME + struct.pack(">HH", 1, 1)
            + record(TO_QNAME, 1, bytes([192, 0, 2, 1])) + record(TO_QNAME, 5, name("alias.example.test")))
    out += [full[:-5], full[:-len(name("alias.example.test")) - 8], full[:40], full[:20], full[:7]]
    out.append(header(0x3002, 0x0100, 2, 0, 0, 0) + QNAME + struct.pack(">HH", 1, 1) + name("r.example.test")
               + struct.pack(">HH", 28, 1))
    out.append(header(0x3003, 0x8180, 1, 1, 0, 0) + QNAME + struct.pack(">HH", 15, 1)
               + record(TO_QNAME, 15, struct.pack(">H", 5) + b"\x02mx\xc0\x0c"))
    out.append(header(0x3004, 0x8180, 1, 1, 0, 0) + QNAME + struct.pack(">HH", 1, 3)
               + record(TO_QNAME, 1, bytes([10, 0, 0, 1]), cls=3))
    out.append(header(0x3005, 0x8180, 1, 1, 0, 0) + b"\xc0\x0c" + struct.pack(">HH", 1, 1))  # a name pointing at itself
    return out


def udp(payload, sport, dport, src=bytes([192, 0, 2, 53]), dst=bytes([192, 0, 2, 10])):
    u = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(u), 1, 0, 64, 17, 0, src, dst)
    return b"\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\x08\x00" + ip + u


def main():
    frames = []
    for port in (53, 5353, 5355):
        for i, m in enumerate(messages()):
            query = (m[2] & 0x80) == 0
            frames.append(udp(m, 40000 if query else port, port if query else 40000))
    # mDNS: a unicast-response ("QU") question and a cache-flush answer.
    qu = header(0, 0, 1, 0, 0, 0) + name("printer.local") + struct.pack(">HH", 12, 0x8001)
    flush = header(0, 0x8400, 0, 1, 0, 0) + record(name("printer.local"), 1, bytes([192, 0, 2, 9]), cls=0x8001)
    frames += [udp(qu, 5353, 5353), udp(flush, 5353, 5353)]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dnsrecords.pcap")
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, frame in enumerate(frames):
            f.write(struct.pack("<IIII", 1000 + i, 0, len(frame), len(frame)) + frame)


if __name__ == "__main__":
    main()
