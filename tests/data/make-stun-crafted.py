#!/usr/bin/env python3
"""Writes tests/data/stun/stun-crafted.pcap and stun-tcp.pcap: STUN and TURN messages (RFC 5389/5766/6062 and
classic RFC 3489) over UDP, on port 3478 and on ports no dissector claims (STUN's heuristic):
every method and class, the attributes whose values tshark writes in Info (addresses in both
families, plain and XOR'ed; user name, realm and reason text with odd bytes; error codes;
lifetime, bandwidth, channel number, requested transport), ChannelData, and messages the
dissector refuses (odd lengths, a length that does not fill the datagram, no magic cookie on a
heuristic port); then each again cut by the snapshot length at points inside its header and
attributes; and attributes tshark reads as fields of fixed sizes, whole and cut inside their value.
stun-tcp.pcap: TURN over TCP (port 3478), one message per segment, several in one, messages
split across segments at points inside the header and the attributes, RFC 4571 framing,
ChannelData with its padding, a message STUN refuses; then the same conversation with every
segment cut by the snapshot length. Deterministic: run it again and the file is the same.

usage: tests/data/make-stun-crafted.py
"""
import os
import struct

from pcapframes import tcp_conversation, udp_frame, write_pcap

SRC = bytes([192, 0, 2, 10])
DST = bytes([192, 0, 2, 20])
COOKIE = 0x2112A442


def attr(t, v):
    pad = (4 - len(v) % 4) % 4
    return struct.pack("!HH", t, len(v)) + v + b"\0" * pad


def xaddr4(ip, port):
    a = bytes(ip)
    x = bytes(b ^ c for b, c in zip(a, struct.pack("!I", COOKIE)))
    return struct.pack("!BBH", 0, 1, port ^ (COOKIE >> 16)) + x


def addr4(ip, port):
    return struct.pack("!BBH", 0, 1, port) + bytes(ip)


def xaddr6(ip, port, tid):
    key = struct.pack("!I", COOKIE) + tid
    return struct.pack("!BBH", 0, 2, port ^ (COOKIE >> 16)) + bytes(b ^ c for b, c in zip(ip, key))


def addr6(ip, port):
    return struct.pack("!BBH", 0, 2, port) + bytes(ip)


def msg(mtype, attrs=b"", tid=None, cookie=True, length=None):
    tid = tid or bytes(range(1, 13))
    head = struct.pack("!HH", mtype, len(attrs) if length is None else length)
    head += (struct.pack("!I", COOKIE) + tid) if cookie else (b"\xa5" * 4 + tid)
    return head + attrs


def mtype(method, cls):
    # class bits C1 (0x100) and C0 (0x010) interleaved with the method's 12 bits
    m = method
    return (m & 0x000f) | ((m & 0x0070) << 1) | ((m & 0x0f80) << 2) | ((cls & 1) << 4) | ((cls & 2) << 7)


V6 = bytes.fromhex("20010db8000000000000000000000001")
TID = bytes(range(1, 13))


def messages():
    out = []
    # every method of tshark's table (and some it does not know), in each class
    for method in (1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 0x80, 0x0ff, 0x123, 0xfff):
        for cls in range(4):
            out.append(msg(mtype(method, cls)))
    # attributes Info reads
    out.append(msg(mtype(1, 2), attr(0x0020, xaddr4([203, 0, 113, 5], 54321)) + attr(0x8022, b"coturn-4.6")
                   + attr(0x8028, b"\x12\x34\x56\x78")))
    out.append(msg(mtype(1, 2), attr(0x0020, xaddr6(V6, 40000, TID)), tid=TID))
    out.append(msg(mtype(1, 2), attr(0x0001, addr4([198, 51, 100, 7], 3478)) + attr(0x0004, addr4([10, 0, 0, 1], 1)) +
                   attr(0x0005, addr4([10, 0, 0, 2], 2)) + attr(0x802b, addr4([10, 0, 0, 3], 3)) +
                   attr(0x802c, addr4([10, 0, 0, 4], 4))))
    out.append(msg(mtype(1, 2), attr(0x0001, addr6(V6, 3479))))
    out.append(msg(mtype(3, 2), attr(0x0016, xaddr4([203, 0, 113, 9], 50000)) + attr(0x0020, xaddr4([1, 2, 3, 4], 5))
                   + attr(0x000d, struct.pack("!I", 600))))
    out.append(msg(mtype(3, 0), attr(0x0019, b"\x11\0\0\0")))
    out.append(msg(mtype(3, 0), attr(0x0019, b"\x06\0\0\0") + attr(0x000d, struct.pack("!I", 0))))
    out.append(msg(mtype(3, 0), attr(0x0019, b"\x63\0\0\0")))
    out.append(msg(mtype(3, 0), attr(0x0019, b"\x11\0")))
    out.append(msg(mtype(3, 0), attr(0x0006, b"alice") + attr(0x0014, b"example.org") + attr(0x0015, b"abcdef0123456789")
                   + attr(0x0008, b"\0" * 20)))
    out.append(msg(mtype(3, 3), attr(0x0009, b"\0\0\x04\x01Unauthorized") + attr(0x0015, b"n0nce")
                   + attr(0x0014, b"example.org")))
    out.append(msg(mtype(3, 3), attr(0x0009, b"\0\0\x04\x26Stale Nonce")))
    out.append(msg(mtype(3, 3), attr(0x0009, b"\0\0\x06\x00Global Failure")))
    out.append(msg(mtype(3, 3), attr(0x0009, b"\0\0\x09\x63")))
    out.append(msg(mtype(3, 3), attr(0x0009, b"\0\0\x03\x00Try Alternate") + attr(0x800e, addr4([10, 1, 1, 1], 3478))))
    out.append(msg(mtype(3, 3), attr(0x0009, b"\0\0\x04\x20Unknown Attribute") + attr(0x000a, b"\x00\x99\x00\x98")))
    out.append(msg(mtype(3, 3), attr(0x0009, b"\0\0\x04")))
    out.append(msg(mtype(9, 0), attr(0x000c, b"\x40\x00\0\0") + attr(0x0012, xaddr4([192, 0, 2, 99], 6000))))
    out.append(msg(mtype(9, 0), attr(0x000c, b"\x7f\xff")))
    out.append(msg(mtype(8, 0), attr(0x0012, xaddr4([192, 0, 2, 99], 0)) + attr(0x0012, xaddr6(V6, 1, TID)), tid=TID))
    out.append(msg(mtype(6, 1), attr(0x0012, xaddr4([192, 0, 2, 99], 6000)) + attr(0x0013, b"hello world")))
    out.append(msg(mtype(7, 1), attr(0x0012, xaddr4([192, 0, 2, 99], 6000)) + attr(0x0013, b"\x01\x02\x03")))
    out.append(msg(mtype(4, 0), attr(0x000d, struct.pack("!I", 0xffffffff))))
    out.append(msg(mtype(1, 0), attr(0x0010, struct.pack("!I", 1000))))
    out.append(msg(mtype(10, 0), attr(0x0012, xaddr4([8, 8, 8, 8], 80))))
    out.append(msg(mtype(11, 0), attr(0x002a, b"\0\0\0\x07")))
    out.append(msg(mtype(12, 1), attr(0x002a, b"\0\0\0\x07") + attr(0x0012, xaddr4([8, 8, 4, 4], 443))))
    out.append(msg(mtype(1, 0), attr(0x0024, b"\x6e\x00\x1e\xff") + attr(0x802a, b"\0" * 8) + attr(0x0025, b"")))
    # text with bytes that are not plain
    out.append(msg(mtype(1, 0), attr(0x0006, b"bob\x01\tx\ny\\z")))
    out.append(msg(mtype(1, 0), attr(0x0006, b"caf\xc3\xa9 \xff end")))
    out.append(msg(mtype(1, 0), attr(0x0006, b"nul\0after")))
    out.append(msg(mtype(1, 0), attr(0x0014, b"")))
    out.append(msg(mtype(3, 3), attr(0x0009, b"\0\0\x04\x01reason\x01\n\xc3\xa9")))
    # classic STUN (no magic cookie)
    out.append(msg(1, cookie=False))
    out.append(msg(0x0101, attr(0x0001, addr4([198, 51, 100, 7], 3478)) + attr(0x0004, addr4([1, 1, 1, 1], 3478)), cookie=False))
    out.append(msg(0x0111, attr(0x0009, b"\0\0\x04\x00Bad Request"), cookie=False))
    out.append(msg(0x0002, cookie=False))
    out.append(msg(0x0102, cookie=False))
    out.append(msg(0x0112, cookie=False))
    out.append(msg(0x0003, cookie=False))
    # an unknown attribute, an attribute that runs past the message, a header past it
    out.append(msg(mtype(1, 0), attr(0x7777, b"abcd") + attr(0x0006, b"after")))
    out.append(msg(mtype(1, 0), struct.pack("!HH", 0x0006, 40) + b"short"))
    out.append(msg(mtype(1, 0), attr(0x0006, b"abcd") + b"\x00\x06"))
    out.append(msg(mtype(1, 0), attr(0x0006, b"abc"), length=7))
    return out


def channel_data():
    return [struct.pack("!HH", 0x4000, 4) + b"data", struct.pack("!HH", 0x4001, 5) + b"hello\0\0\0",
            struct.pack("!HH", 0x4002, 5) + b"hello", struct.pack("!HH", 0x7fff, 0), struct.pack("!HH", 0x8000, 4) + b"abcd",
            struct.pack("!HH", 0x4003, 9) + b"x"]


def refused():
    # not taken on a heuristic port, and some not on 3478 either
    return [msg(mtype(1, 0), attr(0x0006, b"ab")) + b"\0", msg(mtype(1, 0), length=4), msg(1, cookie=False),
            msg(mtype(1, 0), attr(0x0006, b"abcd"))[:-2], msg(mtype(1, 0))[:18], b"\x00\x01\x00",
            msg(0xc001, attr(0x0006, b"abcd")), msg(mtype(1, 0), attr(0x0006, b"abcd"), length=2)]


# Attributes whose values tshark reads in fields of their own (addresses, fixed sizes), some it
# reads whole, and two it does not read at all: whole and cut inside the value, at six lengths.
SIZED = [0x0001, 0x0003, 0x0008, 0x0009, 0x000c, 0x000d, 0x0012, 0x0013, 0x0017, 0x0018, 0x0019, 0x0022,
         0x0024, 0x0026, 0x0030, 0x0077, 0x8004, 0x8008, 0x8022, 0x8028, 0x8029, 0x8050, 0x8057, 0x8058, 0x805d, 0x8095,
         0xc057]


def sized():
    value = bytes([0, 1, 0x12, 0x34, 10, 0, 0, 1]) + bytes(range(0x41, 0x61))
    return [(t, msg(mtype(1, 0), attr(t, value[:n])), n) for t in SIZED for n in (1, 2, 3, 4, 8, 12)]


def frame(payload, sport, dport):
    return udp_frame(SRC, DST, sport, dport, payload)


def tcp_stream():
    """(from the client?, segment bytes) in order."""
    alloc = msg(mtype(3, 0), attr(0x0019, b"\x06\0\0\0") + attr(0x000d, struct.pack("!I", 600))
                + attr(0x0006, b"alice") + attr(0x0014, b"example.org") + attr(0x0015, b"n0nce"))
    err = msg(mtype(3, 3), attr(0x0009, b"\0\0\x04\x01Unauthorized") + attr(0x0015, b"n0nce")
              + attr(0x0014, b"example.org"))
    ok = msg(mtype(3, 2), attr(0x0016, xaddr4([203, 0, 113, 9], 50000)) + attr(0x0020, xaddr4([1, 2, 3, 4], 5))
             + attr(0x000d, struct.pack("!I", 600)))
    bind = msg(mtype(9, 0), attr(0x000c, b"\x40\x00\0\0") + attr(0x0012, xaddr4([192, 0, 2, 99], 6000)))
    bound = msg(mtype(9, 2))
    chan = struct.pack("!HH", 0x4000, 5) + b"hello\0\0\0"
    chan2 = struct.pack("!HH", 0x4000, 8) + b"8 bytes!"
    refused = msg(mtype(0x123, 0))
    long = msg(mtype(6, 1), attr(0x0012, xaddr4([192, 0, 2, 99], 6000)) + attr(0x0013, bytes(range(256)) * 3))
    framed = [struct.pack("!H", len(m)) + m for m in (msg(mtype(1, 0), attr(0x0024, b"\0\0\0\x01")), msg(mtype(1, 2),
              attr(0x0020, xaddr4([10, 0, 0, 7], 1234))))]
    return [(True, alloc), (False, err), (True, alloc[:10]), (True, alloc[10:]), (False, ok[:30]), (False, ok[30:]),
            (True, bind + chan), (False, bound + chan2 + chan2), (True, chan2 + bind[:25]), (True, bind[25:] + chan[:3]),
            (True, chan[3:]), (True, refused), (False, refused + bound), (True, long[:100]), (True, long[100:600]),
            (True, long[600:]), (True, alloc + refused[:4]), (True, refused[4:]), (True, framed[0]), (False, framed[1][:12]),
            (False, framed[1][12:] + framed[1])]


def write_tcp(path):
    frames = []
    for k, snap in enumerate((None, 62, 70)):
        tcp_conversation(frames, SRC, DST, 41000 + k, 3478, tcp_stream(), cut=snap, close=False)
    write_pcap(path, [(f, cut, 1700000000 + i, 0) for i, (f, cut) in enumerate(frames)])


def main():
    records = []
    k = 0

    def add(payload, dport, cuts=()):
        nonlocal k
        k += 1
        f = frame(payload, 40000 + k, dport)
        records.append((f, None))
        for keep in cuts:
            if keep < len(payload):
                records.append((frame(payload, 45000 + k, dport), 42 + keep))

    for m in messages():
        add(m, 3478)
        add(m, 50002)  # the heuristic
    for m in channel_data() + refused():
        add(m, 3478)
        add(m, 50002)
    for m in messages()[60:]:
        add(m, 3478, cuts=(1, 2, 3, 4, 8, 19, 20, 22, 24, 26, 30, 34))
        add(m, 50002, cuts=(4, 19, 20, 24, 30))
    for _, m, n in sized():
        add(m, 3478, cuts=(24 + n - 1,))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stun", "stun-crafted.pcap")
    write_pcap(path, [(f, cut, 1700000000 + i // 1000, (i % 1000) * 1000) for i, (f, cut) in enumerate(records)])
    write_tcp(os.path.join(os.path.dirname(path), "stun-tcp.pcap"))


if __name__ == "__main__":
    main()
