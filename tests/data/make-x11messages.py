#!/usr/bin/env python3
"""Writes tests/data/x11/x11messages.pcap: X11 conversations built byte by byte (no X server
needed) for the Protocol/Info tshark 4.0 writes: connection setups in both byte orders, several
requests in one segment, replies named by the request their sequence number answers (and the
"to unknown request" of a connection whose setup was not seen), events (sent ones too),
errors, QueryExtensions whose replies name an extension's requests (one tshark does not know,
two it reads: RENDER and XFIXES, their minor requests, events and errors), BIG-REQUESTS lengths,
messages that run past their segment, and segments the snapshot length cut. Deterministic: run
it again and the file is the same. It lives in x11/, away from the tests that read every
capture of tests/data against tshark's default view, which reassembles X11 messages (not done here).

usage: tests/data/make-x11messages.py
"""
import os
import struct

from ipchecksum import checksum

CLIENT = bytes([192, 0, 2, 10])
SERVER = bytes([192, 0, 2, 20])


def frame(src, dst, sport, dport, seq, ack, payload):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, 0x18, 65535, 0, 0) + payload
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return bytes.fromhex("020000000002020000000001") + b"\x08\x00" + ip + tcp


def pad4(b):
    return b + b"\0" * (-len(b) % 4)


class X11:
    """Messages in one byte order: 'l' little-endian, 'B' big-endian."""

    def __init__(self, order):
        self.order = order
        self.e = "<" if order == "l" else ">"

    def request(self, opcode, data=0, body=b""):
        body = pad4(body)
        return struct.pack(self.e + "BBH", opcode, data, 1 + len(body) // 4) + body

    def sized(self, opcode, words, body=b""):  # a length that need not match the body
        return struct.pack(self.e + "BBH", opcode, 0, words) + body

    def big(self, opcode, words, body=b""):  # BIG-REQUESTS: 0, then the length in 32 bits
        return struct.pack(self.e + "BBHI", opcode, 0, 0, words) + body

    def setup(self):
        name, data = b"MIT-MAGIC-COOKIE-1", bytes(range(16))
        return struct.pack(self.e + "BBHHHHH", ord(self.order), 0, 11, 0, len(name), len(data), 0) + pad4(name) + pad4(data)

    def refused(self, reason=b"no way"):  # a setup reply that refuses, with its reason
        return struct.pack(self.e + "BBHHH", 0, len(reason), 11, 0, len(pad4(reason)) // 4) + pad4(reason)

    def accepted(self, words=2):  # too short for an accepted setup's fields
        return struct.pack(self.e + "BBHHH", 1, 0, 11, 0, words) + b"\0" * (4 * words)

    def reply(self, seq, extra=b""):
        return struct.pack(self.e + "BBHI", 1, 0, seq, 0) + (extra + b"\0" * 24)[:24]

    def event(self, code, seq=0):
        return struct.pack(self.e + "BBH", code, 0, seq) + b"\0" * 28

    def error(self, code, seq=0):
        return struct.pack(self.e + "BBH", 0, code, seq) + b"\0" * 28

    def named(self, opcode, name):  # InternAtom, QueryExtension
        return self.request(opcode, 0, struct.pack(self.e + "HH", len(name), 0) + name)


class Conversation:
    def __init__(self, frames, client_port, server_port):
        self.frames, self.cport, self.sport = frames, client_port, server_port
        self.cseq, self.sseq = 1000, 5000

    def client(self, payload, captured=None):
        self.frames.append((frame(CLIENT, SERVER, self.cport, self.sport, self.cseq, self.sseq, payload), captured))
        self.cseq += len(payload)

    def server(self, payload, captured=None):
        self.frames.append((frame(SERVER, CLIENT, self.sport, self.cport, self.sseq, self.cseq, payload), captured))
        self.sseq += len(payload)


def main():
    frames = []
    le, be = X11("l"), X11("B")

    # A little-endian connection from its setup: names, replies, events, errors, an extension.
    a = Conversation(frames, 40001, 6000)
    a.client(le.setup())
    a.server(le.accepted())
    a.client(le.named(16, b"WM_NAME") + le.request(43) + le.request(8, 0, b"\1\0\0\0"))
    a.server(le.reply(1) + le.reply(2) + le.event(12, 3))
    a.server(le.error(3, 3))
    a.client(le.named(98, b"SYNFLOW-TEST") + le.request(139, 0))
    a.server(le.reply(4, bytes([1, 139, 0, 140])))
    a.client(le.request(139, 1) + le.request(200, 3))
    a.server(le.reply(6) + le.reply(7) + le.reply(99))
    a.server(le.event(0x80 | 33) + le.event(90) + le.event(2))
    a.server(le.error(200) + le.reply(2))
    a.server(le.event(6) + le.reply(1))

    # Big-endian, whose setup the second pass sees again: an event before any request that
    # expects a reply reads as the setup's reply there.
    b = Conversation(frames, 40002, 6001)
    b.client(be.setup())
    b.server(be.accepted())
    b.client(be.request(8, 0, b"\0\0\0\1"))
    b.server(be.event(12, 1))
    b.client(be.request(43))
    b.server(be.event(12, 2) + be.reply(2))
    b.server(be.event(12, 2))

    # Cut and overlong messages.
    c = Conversation(frames, 40010, 6000)
    c.client(le.setup())
    c.server(le.refused())
    c.client(le.request(43) + le.request(53, 0, b"\0" * 12), captured=4 + 6)  # cut in the second
    c.client(le.request(53, 0, b"\0" * 12), captured=8)                       # cut in the first
    c.client(le.sized(72, 100, b"\0" * 36))                                   # runs past the segment
    c.client(le.request(43) + b"\x2b\x00")                                    # two bytes left over
    c.client(le.sized(43, 0) + le.request(43))                                # a length of 0
    c.client(le.request(43) + le.sized(43, 0) + le.request(43))
    c.client(le.request(43) + le.request(43), captured=6)                     # cut in a header
    c.client(le.sized(43, 3, b"\0" * 4))                                      # past, nothing to read
    c.client(le.sized(18, 1))                                                 # shorter than its fields
    c.server(le.reply(2) + le.reply(3), captured=40)
    c.server(le.event(2)[:20])                                                # past the segment
    c.server(b"\x00")
    c.server(le.event(2) + le.reply(5)[:6])
    c.server(le.event(2) + le.reply(5)[:8])
    c.server(le.event(2) + b"\x00\x03")
    c.server(le.event(2), captured=1)
    c.server(le.event(12)[:16] + b"")
    c.server(le.event(11)[:16])
    c.server(le.error(3)[:8])

    # BIG-REQUESTS lengths.
    d = Conversation(frames, 40020, 6000)
    d.client(le.big(53, 5, b"\0" * 12))
    d.client(le.big(53, 5, b"\0" * 12) + le.request(43))
    d.client(le.big(43, 3, b"\0" * 4))
    d.client(le.big(43, 0))
    d.client(le.big(0, 2) + le.request(43))
    d.client(le.big(0, 1) + le.request(1)[:2] + b"\0\0" + le.request(43))
    d.client(le.big(72, 16, b"\0" * 8))
    d.client(le.big(72, 2) + le.request(43))
    d.client(le.big(0, 0x110011), captured=8)
    d.client(le.big(53, 0x4210274E, b"\0" * 4))  # too long to count in bytes: given up

    # Values after a bit mask (three set, one missing), a sent ClientMessage short of its data,
    # a GenericEvent whose length is cut off.
    k = Conversation(frames, 40060, 6000)
    k.client(le.sized(2, 6, b"\1\0\0\0" + b"\x07\0\0\0" + b"\0" * 8))
    k.client(le.sized(2, 5, b"\1\0\0\0" + b"\x07\0\0\0" + b"\0" * 12))
    k.server(le.event(0x80 | 33)[:12])
    k.server(le.event(33)[:16] + b"")
    k.server(le.event(2) + le.event(35)[:6])

    # No setup seen: the byte order guessed from the requests, the first reply resynchronises.
    e = Conversation(frames, 40030, 6002)
    e.client(le.request(43) + le.request(8, 0, b"\1\0\0\0") + le.request(43))
    e.server(le.reply(0x120))
    e.client(le.request(43))
    e.server(le.reply(0x121) + le.reply(0x120) + le.reply(3) + le.reply(1))
    e.server(le.reply(0))
    f = Conversation(frames, 40040, 6003)
    f.client(be.request(53, 0, b"\0" * 12) + be.request(43) + be.request(40, 0, b"\0" * 12))
    f.server(be.reply(2) + be.reply(3))
    f.server(le.reply(3))

    # Extensions tshark reads: minor requests named, their fields read, events and errors named
    # from the first codes the QueryExtension reply gives.
    h = Conversation(frames, 40050, 6000)
    h.client(le.named(98, b"RENDER") + le.named(98, b"XFIXES"))
    h.server(le.reply(1, bytes([1, 140, 0, 150])) + le.reply(2, bytes([1, 141, 80, 160])))
    h.client(le.request(140, 0, b"\0" * 8) + le.request(140, 1) + le.request(140, 200) + le.request(141, 1, b"\0" * 4)
             + le.request(141, 0, b"\0" * 4))
    h.server(le.reply(3) + le.reply(4) + le.reply(5) + le.reply(7))
    h.server(le.event(80) + le.event(81) + le.error(150) + le.error(160) + le.error(161))

    # Both ports X11's: the lower one is the server.
    g = Conversation(frames, 6010, 6005)
    g.client(le.request(43))
    g.server(le.reply(1))

    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "x11", "x11messages.pcap")
    with open(out, "wb") as fh:
        fh.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))  # pcap, Ethernet
        for i, (data, captured) in enumerate(frames):
            cap = len(data) if captured is None else 54 + captured
            fh.write(struct.pack("<IIII", 1700000000 + i, 0, cap, len(data)) + data[:cap])


if __name__ == "__main__":
    main()
