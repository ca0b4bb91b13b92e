#!/usr/bin/env python3
"""Frames whose end the snapshot length cuts: what tshark writes once it runs out of captured
bytes behind a payload or inside a header it reads in full.

- Ethernet trailers (padding, a tap's trailer, the FCS) cut at every place, behind IPv4, IPv6,
  ARP and MPLS, under VLAN and QinQ tags, in 802.3 frames (LLC/SNAP) and in Linux cooked
  captures (v1 and v2): tshark appends "[Packet size limited during capture]" when its trailer
  walk reads past the captured bytes;
- TCP headers cut after the window (analysed, their Info stops there) and inside the options
  (analysed, without the analysis tags), in whole conversations;
- ICMP and ICMPv6 messages cut at every length (the type's name, the code, the exception), ICMP
  errors whose quoted datagram is cut, echo requests and replies paired by their checksums;
- DNS messages cut inside the datagram (the capture's exception) or short in themselves;
- a Telnet session, one of its segments cut;
- text that is not HTTP on port 80, whole, in parts and cut (also as tshark shows it by default,
  oracle/cuttrailers.view.tsv).

usage: make-cuttrailers.py   writes tests/data/cut/cuttrailers.pcapng (one interface per link
                             type), tests/data/oracle/cuttrailers.tsv and cuttrailers.view.tsv
"""
import os
import random
import struct

import fieldoracle
from ipchecksum import checksum

HERE = os.path.dirname(os.path.abspath(__file__))
MAC = bytes.fromhex("020000004002020000004001")
A4, B4 = bytes([192, 0, 2, 40]), bytes([198, 51, 100, 40])
A6 = bytes.fromhex("20010db8000000000000000000000001")
B6 = bytes.fromhex("20010db8000000000000000000000002")
TS = 1720000400
ETHERNET, SLL, SLL2 = 0, 1, 2  # interface numbers


def ip4(proto, payload, src=A4, dst=B4, total=None):
    return struct.pack(">BBHHHBBH", 0x45, 0, total or 20 + len(payload), 1, 0, 64, proto, 0) + src + dst + payload


def ip6(nh, payload, src=A6, dst=B6):
    return struct.pack(">IHBB", 0x60000000, len(payload), nh, 64) + src + dst + payload


def udp(dport, payload, sport=53550):
    return struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload


def tcp(sp, dp, seq, ack, flags, opts=b"", payload=b""):
    return struct.pack(">HHIIBBHHH", sp, dp, seq, ack, (20 + len(opts)) // 4 << 4, flags, 8192, 0, 0) + opts + payload


def icmp(t, code, rest, payload=b"", v6=False, src=A6, dst=B6):
    body = struct.pack(">BBH", t, code, 0) + rest + payload
    pseudo = src + dst + struct.pack(">IxxxB", len(body), 58) if v6 else b""
    c = checksum(pseudo + body)
    return body[:2] + struct.pack(">H", c) + body[4:]


class Capture:
    def __init__(self):
        self.blocks, self.names = [], []

    def add(self, name, frame, wire=None, iface=ETHERNET, cut=None):
        wire = wire or len(frame)
        if cut is not None:
            frame = frame[:cut]
        ts = TS * 1000000 + len(self.names)
        body = struct.pack("<IIIII", iface, ts >> 32, ts & 0xFFFFFFFF, len(frame), wire) + frame + b"\0" * (-len(frame) % 4)
        self.blocks.append(struct.pack("<II", 6, 12 + len(body)) + body + struct.pack("<I", 12 + len(body)))
        self.names.append(name)

    def write(self, path):
        shb = struct.pack("<IIIHHq", 0x0A0D0D0A, 28, 0x1A2B3C4D, 1, 0, -1) + struct.pack("<I", 28)
        idbs = b"".join(struct.pack("<IIHHI", 1, 20, lt, 0, 65535) + struct.pack("<I", 20) for lt in (1, 113, 276))
        with open(path, "wb") as f:
            f.write(shb + idbs + b"".join(self.blocks))


def trailers(c, rng):
    """Random frames of every link shape, with trailers of every length and content, cut anywhere."""
    def trailer(n):
        kind = rng.choice(["zero", "zero", "random", "stamp", "stamp-near"])
        if kind == "zero":
            return b"\0" * n
        if kind == "random":
            return bytes(rng.randrange(256) for _ in range(n))
        secs = 100 if kind == "stamp" else TS + rng.randrange(-100, 100)  # a VSS Monitoring time stamp
        return (struct.pack(">II", secs, rng.choice([5000, 0x7FFFFFFF])) + bytes(rng.randrange(256) for _ in range(6)))[:n] + b"\0" * max(0, n - 14)

    for i in range(900):
        link = rng.choice(["eth", "eth", "vlan", "qinq", "llc", "vlanllc", "arp", "mpls", "sll", "sll2"])
        v6 = rng.random() < 0.3
        kind = rng.choice(["udp", "udp", "tcp", "icmp"])
        plen = rng.choice([0, 1, 4, 6, 10, 17, 20, 30])
        data = bytes(range(100, 100 + plen))  # nothing tshark's heuristics take
        if kind == "udp":
            proto, l4 = 17, udp(5555, data, 30000 + i)
        elif kind == "tcp":
            proto, l4 = 6, tcp(40000 + i % 1000, 9999, rng.randrange(1 << 32), 0, 0x18, payload=data)
        else:
            proto = 58 if v6 else 1
            l4 = icmp(128 if v6 else 8, 0, struct.pack(">HH", i, 1), data, v6)
        l3 = ip6(proto, l4) if v6 else ip4(proto, l4)
        et = b"\x86\xdd" if v6 else b"\x08\x00"
        tl = rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 18, 20, 30, 40])
        tr = trailer(tl)
        iface = ETHERNET
        snap = bytes.fromhex("aaaa03000000") + et + l3
        if link == "eth":
            frame = MAC + et + l3 + tr
        elif link == "vlan":
            frame = MAC + b"\x81\x00\x00\x05" + et + l3 + tr
        elif link == "qinq":
            frame = MAC + b"\x88\xa8\x00\x07\x81\x00\x00\x05" + et + l3 + tr
        elif link == "llc":
            frame = MAC + struct.pack(">H", len(snap)) + snap + tr
        elif link == "vlanllc":
            frame = MAC + b"\x81\x00\x00\x05" + struct.pack(">H", len(snap)) + snap + tr
        elif link == "arp":
            frame = MAC + b"\x08\x06" + bytes.fromhex("0001080006040001020000004001") + A4 + bytes(6) + B4 + tr
        elif link == "mpls":
            frame = MAC + b"\x88\x47" + b"\x00\x01\x01\x40" + l3 + tr
        elif link == "sll":
            iface, frame = SLL, struct.pack(">HHH", 0, 1, 6) + MAC[6:] + b"\0\0" + et + l3 + tr
        else:
            iface, frame = SLL2, et + b"\0\0" + struct.pack(">IHBB", 2, 1, 0, 6) + MAC[6:] + b"\0\0" + l3 + tr
        cut = rng.randrange(0, tl + 8)
        c.add("%s:%s:%s%d:trailer%d:cut%d" % (link, "v6" if v6 else "v4", kind, plen, tl, cut), frame, iface=iface,
              cut=max(14, len(frame) - cut))


def tcp_headers(c):
    """Conversations whose segments are cut inside the header: after the window, inside the options."""
    stamp = b"\x01\x01\x08\x0a\0\0\0\1\0\0\0\2"
    port = 30000
    for cut in list(range(12, 21)) + [24, 28, 31]:
        for what in ["data", "dupack", "dataopt", "synack", "fin", "rst"]:
            port += 1
            opts = stamp if what == "dataopt" or cut > 20 else b""
            ether = lambda l3: MAC + b"\x08\x00" + l3
            c.add("tcp:%s%d:syn" % (what, cut), ether(ip4(6, tcp(port, 5555, 1000, 0, 0x02))))
            synack = ether(ip4(6, tcp(5555, port, 5000, 1001, 0x12, opts), B4, A4))
            c.add("tcp:%s%d:synack" % (what, cut), synack, cut=34 + cut if what == "synack" else None)
            c.add("tcp:%s%d:ack" % (what, cut), ether(ip4(6, tcp(port, 5555, 1001, 5001, 0x10))))
            flags = {"data": 0x18, "dataopt": 0x18, "dupack": 0x10, "fin": 0x11, "rst": 0x14}.get(what)
            if flags:
                data = b"x" * 10 if what.startswith("data") else b""
                seg = ether(ip4(6, tcp(port, 5555, 1001, 5001, flags, opts, data)))
                c.add("tcp:%s%d:CUT" % (what, cut), seg, wire=len(seg) + (6 if not data else 0), cut=34 + cut)
            c.add("tcp:%s%d:next" % (what, cut), ether(ip4(6, tcp(port, 5555, 1011 if what.startswith("data") else 1001, 5001, 0x18,
                                                                 payload=b"y" * 10))))
            c.add("tcp:%s%d:last" % (what, cut), ether(ip4(6, tcp(5555, port, 5001, 1021, 0x10), B4, A4)))


def icmp_cuts(c):
    """ICMP and ICMPv6 messages cut at each length, errors with their quoted datagram cut."""
    ether4 = lambda m: MAC + b"\x08\x00" + ip4(1, m)
    ether6 = lambda m: MAC + b"\x86\xdd" + ip6(58, m)
    quoted_udp = ip4(17, udp(2, b"abcd", 1))
    quoted_tcp = ip4(6, struct.pack(">HHI", 1, 2, 100), total=60)
    for ident, (t, code, rest, payload) in enumerate([(8, 0, b"\0\x01\0\x01", b"\0" * 12), (0, 0, b"\0\x02\0\x01", b""),
                                                      (13, 0, b"\0\x03\0\x01", b"\0" * 4), (13, 0, b"\0\x04\0\x01", b"\0" * 12),
                                                      (3, 3, b"\0" * 4, quoted_udp), (11, 0, b"\0" * 4, quoted_tcp),
                                                      (5, 1, bytes([10, 0, 0, 1]), quoted_udp), (42, 0, b"\0" * 4, b"")]):
        m = icmp(t, code, rest, payload)
        for n in range(0, len(m) + 1):
            c.add("icmp:type%d:cap%d" % (t, n), ether4(m), cut=34 + n)
    for t, code, rest, payload in [(128, 0, b"\0\x01\0\x01", b"\0" * 12), (1, 0, b"\0" * 4, b""), (3, 0, b"\0" * 4, b"\0" * 12),
                                   (1, 4, b"\0" * 4, ip6(17, udp(2, b"ab", 1))[:30]), (137, 0, b"\0" * 4, b""),
                                   (135, 0, b"\0" * 4, A6), (200, 0, b"\0" * 4, b"")]:
        m = icmp(t, code, rest, payload, True)
        for n in range(0, min(len(m), 24) + 1):
            c.add("icmpv6:type%d:cap%d" % (t, n), ether6(m), cut=54 + n)
    # Echoes paired as tshark pairs them: the reply's checksum answers the request's.
    for v6 in (False, True):
        for ident, (req, rep, reverse) in enumerate([(b"hello", b"hello", True), (b"hello", b"world", True), (b"same", b"same", False)]):
            t_req, t_rep = (128, 129) if v6 else (8, 0)
            for t, data, back in ((t_req, req, False), (t_rep, rep, reverse)):
                src, dst = (B6, A6) if back and v6 else (A6, B6) if v6 else (B4, A4) if back else (A4, B4)
                m = icmp(t, 0, struct.pack(">HH", 100 + ident, 1), data, v6, src, dst)
                frame = MAC + b"\x86\xdd" + ip6(58, m, src, dst) if v6 else MAC + b"\x08\x00" + ip4(1, m, src, dst)
                c.add("echo:%s:%d:type%d" % ("v6" if v6 else "v4", ident, t), frame)


def dns_cuts(c):
    """DNS messages over UDP cut by the capture, or short in themselves (nothing cut); the
    responses of dnsrecords.pcap (every record type we summarise) cut every fourth byte."""
    query = struct.pack(">HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0) + b"\x07example\x03com\x00\x00\x01\x00\x01"
    for n in range(0, len(query) + 1):
        frame = MAC + b"\x08\x00" + ip4(17, udp(53, query))
        c.add("dns:query:cap%d" % n, frame, cut=42 + n)
        c.add("dns:short%d" % n, MAC + b"\x08\x00" + ip4(17, udp(53, query[:n])))
    c.add("dns:trailing-bytes-cut", MAC + b"\x08\x00" + ip4(17, udp(53, query + bytes(20))), cut=42 + len(query) + 4)
    # Bit-string labels (RFC 2673), read a byte at a time: a name of them, and text taken for them.
    bits = struct.pack(">HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0) + b"\x41\x41" + b"\x11" * 9 + b"\x03abc\x00\x00\x01\x00\x01"
    for name, message in (("bitstring", bits), ("text", b"A" * 40)):
        frame = MAC + b"\x08\x00" + ip4(17, udp(53, message))
        for cut in range(42, len(frame)):
            c.add("dns:%s:cut%d" % (name, cut), frame, cut=cut)
    with open(os.path.join(HERE, "dnsrecords.pcap"), "rb") as f:
        raw = f.read()
    at, k = 24, 0
    while at < len(raw):
        length = struct.unpack("<I", raw[at + 8:at + 12])[0]
        frame = raw[at + 16:at + 16 + length]
        at += 16 + length
        k += 1
        for cut in range(42 + k % 4, len(frame), 4):
            c.add("dns:record%d:cut%d" % (k, cut), frame, cut=cut)


def telnet(c):
    """A Telnet session (option negotiation, text) and a segment of it cut: tshark names every
    segment on port 23 alike, then reads all of it."""
    ether = lambda l3: MAC + b"\x08\x00" + l3
    cl, sv = 1000, 5000
    c.add("telnet:syn", ether(ip4(6, tcp(40023, 23, cl, 0, 0x02))))
    c.add("telnet:synack", ether(ip4(6, tcp(23, 40023, sv, cl + 1, 0x12), B4, A4)))
    cl, sv = cl + 1, sv + 1
    c.add("telnet:ack", ether(ip4(6, tcp(40023, 23, cl, sv, 0x10))))
    for name, server, data in [("do", True, b"\xff\xfd\x18\xff\xfd\x20\xff\xfd\x23\xff\xfd\x27"), ("will", False, b"\xff\xfb\x18\xff\xfc\x20"),
                               ("login", True, b"\r\nlogin: "), ("key", False, b"u"), ("echo", True, b"u"), ("banner", True, b"Welcome\r\n$ ")]:
        if server:
            c.add("telnet:" + name, ether(ip4(6, tcp(23, 40023, sv, cl, 0x18, payload=data), B4, A4)))
            sv += len(data)
        else:
            c.add("telnet:" + name, ether(ip4(6, tcp(40023, 23, cl, sv, 0x18, payload=data))))
            cl += len(data)
    c.add("telnet:cut", ether(ip4(6, tcp(23, 40023, sv, cl, 0x18, payload=b"more text here"), B4, A4)), cut=60)
    c.add("telnet:fin", ether(ip4(6, tcp(40023, 23, cl, sv + 14, 0x11))))


def http_port_text(c):
    """Text that is not HTTP on port 80: tshark's HTTP reads a first line to its end, across
    segments with reassembly on (they are "[TCP segment of a reassembled PDU]" until it ends), and
    past the captured bytes of a cut one."""
    ether = lambda l3: MAC + b"\x08\x00" + l3
    for k, (name, segments, cut) in enumerate([("three-parts", [b"AAAA", b"BBBB", b"CC\r\nDD"], None),
                                               ("request-in-parts", [b"GET / HT", b"TP/1.1\r\nHost: x", b"\r\n\r\n"], None),
                                               ("text-then-zeros", [b"AAAA", b"\0\0\0"], None), ("lf", [b"AAAA", b"BB\nCC"], None),
                                               ("cut-text", [b"A" * 100], 50), ("cut-after-text", [b"AAAA", b"A" * 100], 50),
                                               ("cut-zeros", [b"\0" * 100], 50), ("cut-after-line", [b"AB\r\n" + b"A" * 100], 50),
                                               ("tab", [b"\tAAAA"], None), ("space", [b" AAAA"], None), ("crlf", [b"\r\nAAAA"], None)]):
        port, seq = 42001 + k, 1001
        c.add("http-text:%s:syn" % name, ether(ip4(6, tcp(port, 80, 1000, 0, 0x02))))
        c.add("http-text:%s:synack" % name, ether(ip4(6, tcp(80, port, 5000, 1001, 0x12), B4, A4)))
        c.add("http-text:%s:ack" % name, ether(ip4(6, tcp(port, 80, 1001, 5001, 0x10))))
        for i, data in enumerate(segments):
            frame = ether(ip4(6, tcp(port, 80, seq, 5001, 0x18, payload=data)))
            c.add("http-text:%s:%d" % (name, i), frame, cut=len(frame) - cut if cut and i == len(segments) - 1 else None)
            seq += len(data)


def main():
    c = Capture()
    trailers(c, random.Random(16))
    tcp_headers(c)
    icmp_cuts(c)
    dns_cuts(c)
    telnet(c)
    http_port_text(c)
    out = os.path.join(HERE, "cut", "cuttrailers.pcapng")
    c.write(out)
    with open(os.path.join(HERE, "cut", "cuttrailers-frames.txt"), "w") as f:
        f.write("# What each frame of cuttrailers.pcapng is (make-cuttrailers.py), one line per frame.\n")
        f.write("\n".join(c.names) + "\n")
    fieldoracle.write(out, "cuttrailers")
    fieldoracle.write_view(out, "cuttrailers")


if __name__ == "__main__":
    main()
