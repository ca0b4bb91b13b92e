#!/usr/bin/env python3
"""Writes snaplen/tls-records-cut.pcap: TLS segments on port 443 the snapshot length cut after a
few bytes, each in a conversation of its own, as tshark's TLS reads them: with the version known
from a TLS 1.2 handshake (records read by content type alone, anything else ignored) and unknown
(its heuristics: SSLv2's high bit and message type, a content type followed by a version, else
continuation data), for every content type (0x14-0x19), versions that are none, SSLv2 shapes,
bytes that start nothing and clear text; two records in one segment, the second cut; segments
that continue a record; and the version a ServerHello chose (SSLv3, TLS 1.0-1.3)."""
import os
import random
import struct

from pcapframes import tcp_conversation, write_pcap

CLIENT, SERVER = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
HEADERS = 14 + 20 + 20  # Ethernet, IPv4, TCP before the payload
REPORTED = 96           # the payload of a probe segment

random.seed(4242)


def noise(n):
    """Bytes that are no content type and hold no printable run."""
    return bytes(random.randrange(0xA0, 0xFF) for _ in range(n))


def record(kind, body, version=0x0303):
    return struct.pack("!BHH", kind, version, len(body)) + body


def handshake(kind, body):
    return bytes([kind]) + len(body).to_bytes(3, "big") + body


def server_hello(version, suite=b"\x00\x2f"):
    if version == 0x0304:  # TLS 1.3: supported_versions says so
        ext = b"\x00\x2b\x00\x02\x03\x04"
        body = b"\x03\x03" + noise(32) + b"\x00\x13\x01\x00" + struct.pack("!H", len(ext)) + ext
        return record(0x16, handshake(2, body))
    body = struct.pack("!H", version) + noise(32) + b"\x00" + suite + b"\x00"
    return record(0x16, handshake(2, body) + handshake(14, b""), version)


def client_hello():
    return record(0x16, handshake(1, b"\x03\x03" + noise(32) + b"\x00\x00\x02\xc0\x2f\x01\x00"), 0x0301)


def tls12():
    return [(True, client_hello()), (False, server_hello(0x0303, b"\xc0\x2f")),  # ECDHE: a point in the key exchange
            (True, record(0x16, handshake(16, b"\x41\x04" + noise(65))) + record(0x14, b"\x01") + record(0x16, noise(40))),
            (False, record(0x14, b"\x01") + record(0x16, noise(40)))]


def padded(start, size=REPORTED):
    return start + noise(size - len(start))


PROBES = {
    "ccs": padded(b"\x14\x03\x03\x00\x5b"), "alert": padded(b"\x15\x03\x03\x00\x5b"),
    "handshake": padded(b"\x16\x03\x03\x00\x5b"), "appdata": padded(b"\x17\x03\x03\x00\x5b"),
    "heartbeat": padded(b"\x18\x03\x03\x00\x5b"), "cid": padded(b"\x19\x03\x03\x00\x5b"),
    "appdata-tls10": padded(b"\x17\x03\x01\x00\x5b"), "appdata-long": padded(b"\x17\x03\x03\x40\x00"),
    "appdata-badversion": padded(b"\x17\xe2\x9a\x00\x5b"), "cid-noversion": padded(b"\x19\x16"),
    "high": padded(b"\xc8\xe2\xb7"), "sslv2-client-hello": padded(b"\x80\x5e\x01\x03\x01\x00\x03\x00\x00\x00\x20"),
    "sslv2-data": padded(b"\x80\x5e\x00\x00\x01"), "sslv2-master-key": padded(b"\x80\x5e\x02\x00\x00\x80" + bytes(6)),
    "sslv2-server-hello": padded(b"\x80\x5e\x04\x00\x01\x00\x02"), "sslv2-long": padded(b"\x8f\xff\x01\x03\x01"),
    "low": padded(b"\x51\xe5"), "zero": padded(b"\x00\x01"), "below-types": padded(b"\x13\x03\x03\x00\x5b"),
    "above-types": padded(b"\x1a\x03\x03\x00\x5b"), "text": padded(b"GET / HTTP/1.1\r\n"),
}


def main():
    frames = []
    port = 40000

    def probe(before, payload, kept):
        """A conversation: `before`, then the server's `payload` with `kept` bytes captured."""
        nonlocal port
        pairs = []
        tcp_conversation(pairs, CLIENT, SERVER, port, 443, list(before) + [(False, payload)])
        at = 3 + len(before)
        pairs[at] = (pairs[at][0], HEADERS + kept)
        frames.extend(pairs)
        port += 1

    for payload in PROBES.values():
        for kept in (1, 2, 3, 5, 6, 12):
            probe([], payload, kept)
        for kept in (2, 5, 6, 12):
            probe(tls12(), payload, kept)
    # Two records in a segment, the second cut in its header or body.
    first = record(0x17, noise(16))
    for second in (record(0x17, noise(60)), record(0x15, noise(2)), record(0x16, noise(40))):
        for kept in range(len(first) - 1, len(first) + 8):
            probe(tls12(), first + second, kept)
    # A record over two segments, the second cut (it starts inside the record).
    big = record(0x17, noise(150))
    for kept in (1, 3, 6, 14):
        probe(tls12() + [(False, big[:80])], big[80:], kept)
        probe([(False, big[:80])], big[80:], kept)
    # The version a ServerHello chose decides the reading: TLS 1.0-1.2 strictly, SSLv3 and 1.3 not.
    for version in (0x0300, 0x0301, 0x0302, 0x0303, 0x0304):
        for name in ("low", "zero", "high", "cid-noversion", "appdata", "appdata-badversion"):
            for kept in (2, 4, 6):
                probe([(True, client_hello()), (False, server_hello(version))], PROBES[name], kept)
    here = os.path.dirname(os.path.abspath(__file__))
    write_pcap(os.path.join(here, "snaplen", "tls-records-cut.pcap"),
               [(f, c, 1700000000 + i // 1000, i % 1000 * 1000) for i, (f, c) in enumerate(frames)])


if __name__ == "__main__":
    main()
