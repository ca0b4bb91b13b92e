#!/usr/bin/env python3
"""Writes the crafted fuzz seeds of tests/fuzz/corpus/<target>/: the edge cases the shared
captures do not hold (pcapng time options, truncated blocks, huge lengths, zero-length options,
odd link layers, TCP sequence wraps). Re-run after changing it; the files are committed."""
import os
import struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def write(target, name, data):
    os.makedirs(os.path.join(HERE, target), exist_ok=True)
    with open(os.path.join(HERE, target, name), "wb") as f:
        f.write(data)


def tcp_frame(seq=1000, ack=0, flags=0x02, opts=b"", payload=b"", v6=False, dport=80):
    tcp = struct.pack(">HHIIBBHHH", 40000, dport, seq, ack, (20 + len(opts)) // 4 << 4, flags, 65535, 0, 0) + opts + payload
    if v6:
        ip = struct.pack(">IHBB", 0x60000000, len(tcp), 6, 64) + b"\0" * 15 + b"\1" + b"\0" * 15 + b"\2"
        return b"\0" * 12 + b"\x86\xdd" + ip + tcp
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0x4000, 64, 6, 0, b"\x0a\0\0\1", b"\x0a\0\0\2")
    return b"\0" * 12 + b"\x08\x00" + ip + tcp


SYN_OPTS = b"\x02\x04\x05\xb4\x01\x03\x03\x07\x04\x02\x08\x0a\0\0\0\1\0\0\0\0"

# pcap ------------------------------------------------------------------------------------------


def pcap(records, magic=0xA1B2C3D4, link=1, snap=65535, endian="<"):
    out = struct.pack(endian + "IHHiIII", magic, 2, 4, 0, 0, snap, link)
    for sec, frac, data, orig in records:
        out += struct.pack(endian + "IIII", sec, frac, len(data), orig) + data
    return out


frame = tcp_frame(opts=SYN_OPTS)
write("pcap", "header-only", pcap([]))
write("pcap", "short-header", pcap([])[:20])
write("pcap", "cut-record-header", pcap([(1, 0, frame, len(frame))])[:30])
write("pcap", "cut-record-data", pcap([(1, 0, frame, len(frame))])[:-5])
write("pcap", "huge-caplen", pcap([])[:24] + struct.pack("<IIII", 1, 0, 0xFFFFFFFF, 0xFFFFFFFF) + frame)
write("pcap", "caplen-over-snaplen", pcap([(1, 0, frame, len(frame))], snap=16))
write("pcap", "origlen-below-caplen", pcap([(1, 0, frame, 4)]))
write("pcap", "nsec-overflow", pcap([(1, 1999999999, frame, len(frame))], magic=0xA1B23C4D))
write("pcap", "usec-overflow", pcap([(0xFFFFFFFF, 0xFFFFFFFF, frame, len(frame))]))
write("pcap", "big-endian", pcap([(1, 0, frame, len(frame)), (2, 5, frame, len(frame))], endian=">"))
write("pcap", "fcs-bits-in-linktype", pcap([(1, 0, frame + b"\0\0\0\0", len(frame) + 4)], link=0x10000001))
write("pcap", "unknown-linktype", pcap([(1, 0, frame, len(frame))], link=147))
write("pcap", "zero-length-records", pcap([(1, 0, b"", 0)] * 3))
write("pcap", "time-backwards", pcap([(100, 0, frame, len(frame)), (50, 0, frame, len(frame))]))

# pcapng ----------------------------------------------------------------------------------------


def opt(code, value, e="<"):
    return struct.pack(e + "HH", code, len(value)) + value + b"\0" * (-len(value) % 4)


def block(btype, body, e="<", length=None):
    body += b"\0" * (-len(body) % 4)
    n = len(body) + 12 if length is None else length
    return struct.pack(e + "II", btype, n) + body + struct.pack(e + "I", n)


def shb(e="<", options=b""):
    return block(0x0A0D0D0A, struct.pack(e + "IHHq", 0x1A2B3C4D, 1, 0, -1) + options, e)


def idb(link=1, options=b"", e="<"):
    return block(1, struct.pack(e + "HHI", link, 0, 0) + options, e)


def epb(data, iface=0, ts=0, orig=None, options=b"", e="<", caplen=None):
    cap = len(data) if caplen is None else caplen
    body = struct.pack(e + "IIIII", iface, ts >> 32, ts & 0xFFFFFFFF, cap, len(data) if orig is None else orig)
    return block(6, body + data + b"\0" * (-len(data) % 4) + options, e)


END = opt(0, b"")
write("pcapng", "tsresol-nanoseconds", shb() + idb(options=opt(9, b"\x09") + END) + epb(frame, ts=1_700_000_000_123_456_789))
write("pcapng", "tsresol-power-of-two", shb() + idb(options=opt(9, b"\x8a") + END) + epb(frame, ts=1 << 40))
write("pcapng", "tsresol-huge", shb() + idb(options=opt(9, b"\x7f") + END) + epb(frame, ts=(1 << 64) - 1))
write("pcapng", "tsresol-2-pow-127", shb() + idb(options=opt(9, b"\xff") + END) + epb(frame, ts=(1 << 64) - 1))
write("pcapng", "tsresol-zero", shb() + idb(options=opt(9, b"\x00") + END) + epb(frame, ts=12345))
write("pcapng", "tsoffset", shb() + idb(options=opt(14, struct.pack("<q", 1_700_000_000)) + END) + epb(frame, ts=5))
write("pcapng", "tsoffset-negative", shb() + idb(options=opt(14, struct.pack("<q", -(1 << 62))) + END) + epb(frame, ts=5))
write("pcapng", "tsoffset-max", shb() + idb(options=opt(9, b"\x09") + opt(14, struct.pack("<q", (1 << 63) - 1)) + END)
      + epb(frame, ts=(1 << 64) - 1))
write("pcapng", "tsoffset-short", shb() + idb(options=opt(14, b"\1\2\3") + END) + epb(frame, ts=5))
write("pcapng", "zero-length-options", shb(options=opt(1, b"") + END) + idb(options=opt(2, b"") + opt(9, b"") + END)
      + epb(frame, ts=1, options=opt(1, b"") + opt(2, b"") + END))
write("pcapng", "option-past-block", shb() + idb() + epb(frame, options=struct.pack("<HH", 1, 400) + b"abcd"))
write("pcapng", "comment-unterminated", shb() + idb() + epb(frame, options=opt(1, b"comment without end")))
write("pcapng", "truncated-block", (shb() + idb() + epb(frame))[:-7])
write("pcapng", "huge-block-length", shb() + idb() + struct.pack("<II", 6, 0xFFFFFFF0) + frame)
write("pcapng", "block-length-11", shb() + idb() + struct.pack("<III", 6, 11, 11))
write("pcapng", "block-length-unaligned", shb() + idb() + block(6, struct.pack("<IIIII", 0, 0, 0, 1, 1) + b"x", length=33))
write("pcapng", "caplen-past-block", shb() + idb() + epb(frame, caplen=0xFFFFFF00))
write("pcapng", "trailer-mismatch", shb() + idb() + epb(frame)[:-4] + struct.pack("<I", 12))
write("pcapng", "unknown-interface", shb() + idb() + epb(frame, iface=5))
write("pcapng", "packet-before-interface", shb() + epb(frame))
write("pcapng", "simple-packet", shb() + idb() + block(3, struct.pack("<I", len(frame)) + frame))
write("pcapng", "obsolete-packet", shb() + idb() + block(2, struct.pack("<HHIII", 0, 0, 0, 1, len(frame)) + struct.pack("<I", len(frame)) + frame))
write("pcapng", "custom-blocks", shb() + idb() + block(0x00000BAD, struct.pack("<I", 32473) + b"data")
      + block(0x40000BAD, b"") + epb(frame))
write("pcapng", "big-endian", shb(">") + idb(e=">", options=opt(9, b"\x06", ">") + END) + epb(frame, e=">", ts=99))
write("pcapng", "two-sections", shb() + idb() + epb(frame) + shb(">") + idb(101, e=">") + epb(frame[14:], e=">"))
write("pcapng", "section-length-wrong", block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, 8)) + idb() + epb(frame))
write("pcapng", "version-2", block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 2, 0, -1)) + idb() + epb(frame))
write("pcapng", "many-interfaces", shb() + b"".join(idb(l) for l in (0, 1, 101, 113, 228, 229, 276, 147)) +
      b"".join(epb(frame, iface=i) for i in range(9)))
write("pcapng", "name-statistics-dsb", shb() + idb() + block(4, struct.pack("<HH", 1, 4) + b"\x0a\0\0\1" + b"name" + b"\0\0\0\0")
      + block(5, struct.pack("<III", 0, 0, 0) + opt(2, struct.pack("<Q", 0)) + END) + block(10, struct.pack("<II", 0x544c534b, 0))
      + epb(frame))

# decoder: byte 0 picks the link type (index into fuzzdecode.cpp's table), byte 1 the wire length ---
ETH, RAW, SLL, SLL2, NULL = 1, 4, 6, 9, 0
ip4 = tcp_frame(opts=SYN_OPTS)[14:]
write("decoder", "ethernet-tcp", bytes([ETH, 0]) + tcp_frame(opts=SYN_OPTS, payload=b"GET / HTTP/1.1\r\n\r\n"))
write("decoder", "ethernet-ipv6-tcp", bytes([ETH, 0]) + tcp_frame(v6=True))
# SMB (version 1) over NBSS: a Trans2 FIND_FIRST2 request; TPKT/COTP with RDP's negotiation request.
smb1 = (b"\xffSMB\x32" + bytes(4) + b"\x18\x03\xc8" + bytes(12) + b"\x01\x00\x34\x12\x64\x00\x0b\x00"
        + b"\x0f" + struct.pack("<HHHHBBHIHHHHHBBH", 18, 0, 10, 16384, 0, 0, 0, 0, 0, 18, 68, 0, 86, 1, 0, 1)
        + struct.pack("<H", 21) + b"\x00" * 3 + struct.pack("<HHHHI", 0x16, 1366, 6, 0x104, 0) + "\\*".encode("utf-16le") + b"\0\0")
write("decoder", "ethernet-nbss-smb1", bytes([ETH, 0]) + tcp_frame(flags=0x18, payload=struct.pack(">I", len(smb1)) + smb1, dport=445))
tpkt_cr = b"\x03\x00\x00\x2b\x26\xe0\x00\x00\x00\x00\x00Cookie: mstshash=alice\r\n\x01\x00\x08\x00\x03\x00\x00\x00"
write("decoder", "ethernet-tpkt-rdp", bytes([ETH, 0]) + tcp_frame(flags=0x18, payload=tpkt_cr, dport=3389))
write("decoder", "vlan-vlan-pppoe", bytes([ETH, 0]) + b"\0" * 12 + b"\x81\x00\x00\x05\x88\xa8\x00\x06\x88\x64"
      + b"\x11\x00\x00\x01" + struct.pack(">H", len(ip4) + 2) + b"\x00\x21" + ip4)
write("decoder", "ipv6-extension-headers", bytes([RAW, 0]) + struct.pack(">IHBB", 0x60000000, 40, 0, 64) + b"\0" * 32
      + bytes([43, 0]) + b"\0" * 6 + bytes([44, 0, 0, 0]) + b"\0\0\0\1" + bytes([6, 0]) + b"\0" * 6 + b"\0" * 20)
write("decoder", "ipv4-fragment", bytes([RAW, 0]) + ip4[:6] + b"\x00\x10" + ip4[8:])
write("decoder", "ipv4-options", bytes([RAW, 0]) + b"\x4f" + ip4[1:20] + b"\x01" * 40 + ip4[20:])
write("decoder", "sll-ipv4", bytes([SLL, 0]) + struct.pack(">HHH8sH", 0, 1, 6, b"\0" * 8, 0x0800) + ip4)
write("decoder", "sll2-ipv6", bytes([SLL2, 0]) + struct.pack(">HHIHBB8s", 0x86dd, 0, 1, 1, 0, 6, b"\0" * 8) + tcp_frame(v6=True)[14:])
write("decoder", "null-af-inet6", bytes([NULL, 0]) + struct.pack("<I", 30) + tcp_frame(v6=True)[14:])
write("decoder", "udp-dns", bytes([RAW, 0]) + struct.pack(">BBHHHBBH4s4s", 0x45, 0, 40, 1, 0, 64, 17, 0, b"\1\1\1\1", b"\2\2\2\2")
      + struct.pack(">HHHH", 53, 53, 20, 0) + b"\x12\x34\x81\x80\0\1\0\1\0\0\0\0")
write("decoder", "tcp-header-cut", bytes([ETH, 200]) + tcp_frame()[:40])
write("decoder", "tcp-bad-options", bytes([ETH, 0]) + tcp_frame(opts=b"\x02\x00\x05\xb4\x08\xff\0\0"))
write("decoder", "arp", bytes([ETH, 0]) + b"\xff" * 6 + b"\0" * 6 + b"\x08\x06" + b"\0\1\x08\0\6\4\0\1" + b"\0" * 20)

# tcp: 16-byte segments (see fuzztcp.cpp) -------------------------------------------------------


def seg(ctl, flags, seq=0, ack=0, win=65535, length=0, step=1, opts=0, arg=0):
    return struct.pack("<BBIIHBBBB", ctl | (0x80 if opts else 0), flags, seq, ack, win, length, step, opts, arg)


SYN, ACK, FIN, RST, PSH = 0x02, 0x10, 0x01, 0x04, 0x08
CLIENT, SERVER = 0, 4
ABS, NEXT, WRAP = 2 << 3, 0, 3 << 3
ACK_ABS, ACK_NEXT = 2 << 5, 0
hs = (seg(CLIENT | ABS | ACK_ABS, SYN, seq=0xFFFFFF00, opts=0x0F, arg=7)
      + seg(SERVER | ABS | ACK_NEXT, SYN | ACK, seq=1000, opts=0x0F, arg=7)
      + seg(CLIENT | NEXT | ACK_NEXT, ACK))
data = b"".join(seg(CLIENT | NEXT | ACK_NEXT, PSH | ACK, length=199) for _ in range(4))
write("tcp", "handshake-wrap-data-fin", hs + data + seg(SERVER, ACK) + seg(CLIENT, FIN | ACK) + seg(SERVER, FIN | ACK) + seg(CLIENT, ACK))
write("tcp", "retransmit-dupack-sack", hs + seg(CLIENT, PSH | ACK, length=100) + seg(CLIENT | (1 << 3), PSH | ACK, seq=0x0190, length=100)
      + seg(SERVER, ACK) * 3 + seg(SERVER, ACK, opts=0x10, arg=1, length=10) + seg(CLIENT | ABS, PSH | ACK, seq=0xFFFFFF01, length=100))
write("tcp", "zero-window-probe", hs + seg(SERVER, ACK, win=0) + seg(CLIENT, ACK, length=1) + seg(SERVER, ACK, win=0, step=0xC1)
      + seg(SERVER, ACK, win=4096))
write("tcp", "rst-and-reuse", hs + seg(SERVER, RST | ACK) + seg(CLIENT | ABS | ACK_ABS, SYN, seq=5) + seg(CLIENT | WRAP, SYN, seq=5))
write("tcp", "ipv6-and-snaplen", seg(3 | ABS, SYN, seq=1) + seg(3 | SERVER | ABS, SYN | ACK, seq=9) + seg(3, ACK | PSH, length=250, opts=0x40, arg=8))

# filter ----------------------------------------------------------------------------------------
for n, text in enumerate([
    "((((((((((((((((((((((((((((((((tcp))))))))))))))))))))))))))))))))",
    "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!tcp",
    "frame.len > 99999999999999999999999",
    "ip.addr == 10.0.0.0/33",
    "ipv6.addr == ::ffff:10.0.0.1/129",
    'tcp.payload contains "\\x00\\xff\\"\\\\"',
    "tcp.port in {80 443,22, 0x50 , 0}",
    "eth.addr == ff:ff:ff:ff:ff:ff:ff",
    "tcp.time_relative > 1e308 || tcp.time_delta < -0.5",
    "tcp.flags == 0xfff and tcp.flags.ack ne 1",
    'synflow.tcp.role contains "teardown" && synflow.tcp.state_src == "ESTABLISHED"',
    "frame.number in {}",
    "tcp.stream == -1",
    "\u00e9tcp == \u4e2d",
]):
    write("filter", "crafted-%02d" % n, text.encode())
