#!/usr/bin/env python3
"""Writes tls/tls-fragments.pcap: TLS handshake messages that do not fit in their record, on port
443, as tshark gathers them across records and segments: a message split over two, three and
four records (in one segment, in several, with application data between), its 4-byte header
split, a record that completes one message and starts or holds others; records tshark takes for
encrypted (an unknown type, a length of 64 KiB or more, an AEAD nonce of zeros, after the side's
ChangeCipherSpec in an earlier segment) and those it does not (under 16 bytes; the
ChangeCipherSpec in the same segment); records that span segments; and the whole split handshake
again with its segments cut at 60 bytes."""
import os
import struct

from pcapframes import tcp_conversation, write_pcap

CLIENT, SERVER = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 40])


def rec(ctype, body, version=b"\x03\x03"):
    return bytes([ctype]) + version + struct.pack("!H", len(body)) + body


def hs(htype, body, length=None):
    return bytes([htype]) + struct.pack("!I", len(body) if length is None else length)[1:] + body


CLIENT_HELLO = hs(1, b"\x03\x03" + b"\x11" * 32 + b"\x00" + b"\x00\x02\x13\x01" + b"\x01\x00" + b"\x00\x00")
SERVER_HELLO = hs(2, b"\x03\x03" + b"\x22" * 32 + b"\x00\x13\x01\x00\x00\x00")
CERT = hs(11, b"\x01" * 100)
BIG_CERT = hs(11, bytes(range(256)) * 12)
DONE = hs(14, b"")


def cases():
    yield [(1, rec(22, CLIENT_HELLO[:10])), (1, rec(22, CLIENT_HELLO[10:]))]
    yield [(1, rec(22, CLIENT_HELLO[:10]) + rec(22, CLIENT_HELLO[10:]))]
    yield [(1, rec(22, CLIENT_HELLO[:2])), (1, rec(22, CLIENT_HELLO[2:]))]
    yield [(1, rec(22, CLIENT_HELLO, b"\x03\x01")), (0, rec(22, SERVER_HELLO + CERT[:30])), (0, rec(22, CERT[30:60])),
           (0, rec(22, CERT[60:] + DONE))]
    yield [(0, rec(22, CERT[:30]) + rec(22, CERT[30:60])), (0, rec(22, CERT[60:] + DONE))]
    yield [(0, rec(22, CERT[:30])), (0, rec(23, b"x" * 30)), (0, rec(22, CERT[30:]))]
    yield [(0, rec(22, hs(11, b"\x00" * 40, 60))), (0, rec(22, b"\x00" * 24))]
    yield [(0, rec(22, hs(11, b"\x00" * 40, 0x8000)))]
    yield [(0, rec(22, hs(11, b"\x00" * 40, 0x10000)))]
    yield [(0, rec(22, hs(0x63, b"abc")))]
    yield [(0, rec(22, hs(0x63, b"a" * 20)))]
    yield [(0, rec(22, b"\x00" * 5 + b"\x0b" * 20))]
    yield [(1, rec(20, b"\x01") + rec(22, hs(20, b"\x07" * 12) + b"\x05" * 20))]
    yield [(1, rec(20, b"\x01")), (1, rec(22, hs(20, b"\x07" * 12) + b"\x05" * 20))]
    yield [(1, rec(20, b"\x01")), (1, rec(22, hs(20, b"\x07" * 12)))]
    # A 3 000-byte certificate in records of 1 200 bytes, sent in segments of 1 000 bytes.
    stream = b"".join(rec(22, BIG_CERT[i:i + 1200]) for i in range(0, len(BIG_CERT), 1200)) + rec(22, DONE)
    yield [(0, stream[i:i + 1000]) for i in range(0, len(stream), 1000)]


def main():
    frames = []
    port = 42000
    for segments in cases():
        tcp_conversation(frames, CLIENT, SERVER, port, 443, segments)
        port += 1
    handshake = [(1, rec(22, CLIENT_HELLO, b"\x03\x01")), (0, rec(22, SERVER_HELLO) + rec(22, CERT[:50])),
                 (0, rec(22, CERT[50:]) + rec(22, DONE))]
    tcp_conversation(frames, CLIENT, SERVER, port, 443, handshake, cut=60)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tls", "tls-fragments.pcap")
    write_pcap(path, [(f, cut, 1700000000 + i // 1000, (i % 1000) * 1000) for i, (f, cut) in enumerate(frames)])


if __name__ == "__main__":
    main()
