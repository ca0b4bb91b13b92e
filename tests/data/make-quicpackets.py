#!/usr/bin/env python3
"""Writes tests/data/quic/quicpackets.pcap: QUIC datagrams built byte by byte
and protected as RFC 9001 says (Initial packets sealed with the keys of the client's first
Destination Connection ID, their header protection applied): a handshake's Initials with a
ClientHello and a ServerHello in CRYPTO frames, one coalesced with a Handshake packet, a ClientHello
split over two Initials, 0-RTT, 1-RTT short headers of the connection and one too short to read,
Version Negotiation, Retry, every frame type tshark names, an unknown frame type, CRYPTO cut short,
and short headers and long ones no connection explains (left to UDP); then handshakes of version 2
and of drafts on ports other than 443 (each with its salt), a connection moved to a new port,
versions tshark does not take, Google's Q050 and Q046. Then writes
tests/data/oracle/quicpackets.tsv with tshark as oracle/README.md says.

Needs python3-cryptography (AES-GCM, AES-ECB) and tshark. usage: tests/data/make-quicpackets.py
"""
import hashlib
import hmac
import os
import random
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

import fieldoracle

# Initial salts by version family (RFC 9001, RFC 9369, drafts), as tshark 4.0 applies them.
SALTS = {
    "draft22": bytes.fromhex("7fbcdb0e7c66bbe9193a96cd21519ebd7a02644a"),
    "draft23": bytes.fromhex("c3eef712c72ebb5a11a7d2432bb46365bef9f502"),
    "draft29": bytes.fromhex("afbfec289993d24c9e9786f19c6111e04390a899"),
    "v1": bytes.fromhex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a"),
    "v2": bytes.fromhex("0dede3def700a6db819381be6e269dcbf9bd2ed9"),
}
V2 = 0x6B3343CF


def salt_of(version):
    draft = {1: 34, V2: 100, 0xFACEB001: 22, 0xFACEB002: 27, 0xFACEB00E: 27}.get(version, 0)
    if version >> 8 == 0xFF0000:
        draft = version & 0xFF
    if version & 0x0F0F0F0F == 0x0A0A0A0A:
        draft = 29
    return SALTS["draft22" if draft <= 22 else "draft23" if draft <= 28 else "draft29" if draft <= 32 else "v1" if draft <= 34 else "v2"]
rng = random.Random(9001)


def noise(n):
    return bytes(rng.getrandbits(8) for _ in range(n))


def expand_label(secret, label, length):
    full = b"tls13 " + label
    info = struct.pack(">H", length) + bytes([len(full)]) + full + b"\x00"
    return hmac.new(secret, info + b"\x01", hashlib.sha256).digest()[:length]


def initial_keys(dcid, server, version=1):
    secret = expand_label(hmac.new(salt_of(version), dcid, hashlib.sha256).digest(), b"server in" if server else b"client in", 32)
    prefix = b"quicv2 " if version == V2 else b"quic "  # only version 2 renamed its labels
    return expand_label(secret, prefix + b"key", 16), expand_label(secret, prefix + b"iv", 12), expand_label(secret, prefix + b"hp", 16)


def varint(v):
    if v < 64:
        return bytes([v])
    if v < 16384:
        return struct.pack(">H", 0x4000 | v)
    return struct.pack(">I", 0x80000000 | v)


def initial(odcid, dcid, scid, pn, frames, server, pnlen=2, version=1):
    key, iv, hp = initial_keys(odcid, server, version)
    kind = 1 if version == V2 else 0  # version 2 numbers its long header types anew
    header = bytes([0xC0 | kind << 4 | (pnlen - 1)]) + struct.pack(">I", version) + bytes([len(dcid)]) + dcid \
        + bytes([len(scid)]) + scid
    header += varint(0) + struct.pack(">H", 0x4000 | (pnlen + len(frames) + 16))
    aad = header + pn.to_bytes(pnlen, "big")
    nonce = bytes(a ^ b for a, b in zip(iv, pn.to_bytes(12, "big")))
    packet = bytearray(aad + AESGCM(key).encrypt(nonce, frames, aad))
    at = len(header)
    encryptor = Cipher(algorithms.AES(hp), modes.ECB()).encryptor()
    mask = encryptor.update(bytes(packet[at + 4:at + 20])) + encryptor.finalize()
    packet[0] ^= mask[0] & 0x0F
    for i in range(pnlen):
        packet[at + i] ^= mask[1 + i]
    return bytes(packet)


def sealed(kind, dcid, scid, n):
    """A Handshake (2) or 0-RTT (1) packet: its keys are the handshake's own, so noise will do."""
    body = noise(2 + n)
    return bytes([0xC1 | kind << 4]) + struct.pack(">I", 1) + bytes([len(dcid)]) + dcid + bytes([len(scid)]) + scid \
        + struct.pack(">H", 0x4000 | len(body)) + body


def crypto(offset, data):
    return b"\x06" + varint(offset) + varint(len(data)) + data


def handshake_message(kind, body):
    return bytes([kind]) + len(body).to_bytes(3, "big") + body


def extension(kind, data):
    return struct.pack(">HH", kind, len(data)) + data


def client_hello():
    name = b"example.com"
    exts = extension(0, struct.pack(">HBH", len(name) + 3, 0, len(name)) + name)
    exts += extension(0x2B, b"\x02\x03\x04") + extension(0x0A, b"\x00\x02\x00\x1d")
    exts += extension(0x0D, b"\x00\x04\x04\x03\x08\x04") + extension(0x10, b"\x00\x03\x02h3")
    exts += extension(0x33, struct.pack(">HHH", 36, 0x1D, 32) + noise(32))
    exts += extension(0x39, b"\x04\x04\x80\x10\x00\x00\x01\x04\x80\x00\x75\x30")  # transport parameters
    body = b"\x03\x03" + noise(32) + b"\x00" + b"\x00\x06\x13\x01\x13\x02\x13\x03" + b"\x01\x00"
    return handshake_message(1, body + struct.pack(">H", len(exts)) + exts)


def server_hello():
    exts = extension(0x2B, b"\x03\x04") + extension(0x33, struct.pack(">HH", 0x1D, 32) + noise(32))
    return handshake_message(2, b"\x03\x03" + noise(32) + b"\x00" + b"\x13\x01" + b"\x00" + struct.pack(">H", len(exts)) + exts)


def udp(payload, from_client, captured=None, server_port=443, client_port=50000):
    sport, dport = (client_port, server_port) if from_client else (server_port, client_port)
    a, b = (bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) if from_client else (bytes([10, 0, 0, 2]), bytes([10, 0, 0, 1]))
    u = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(u), 1, 0, 64, 17, 0, a, b)
    return b"\x02" * 6 + b"\x04" * 6 + b"\x08\x00" + ip + u


def padded(frames, size=1162):
    return frames + b"\x00" * (size - len(frames))


def main():
    odcid, client, server = bytes.fromhex("8394c8f03e515708"), bytes.fromhex("c1c2c3c4"), bytes.fromhex("5a5b5c5d5e5f6061")
    ack = b"\x02\x00\x00\x00\x00"
    frames = [
        udp(bytes([0x40]) + noise(16), True),  # a short header before any connection: UDP
        udp(initial(odcid, odcid, client, 0, padded(crypto(0, client_hello())), False), True),
        udp(initial(odcid, client, server, 0, ack + crypto(0, server_hello()), True) + sealed(2, client, server, 300), False),
        udp(sealed(2, client, server, 500), False),
        udp(initial(odcid, server, client, 1, padded(ack), False), True),
        udp(bytes([0x41]) + server + noise(60), True),  # 1-RTT, to the server's ID
        udp(bytes([0x45]) + client + noise(80), False),  # the phase bit set, under protection
        udp(bytes([0x41]) + client + noise(8), False),  # too short for its protection's sample
        udp(sealed(1, odcid, client, 100), True),
        udp(bytes([0x8A]) + b"\x00\x00\x00\x00" + b"\x00" + bytes([8]) + odcid + struct.pack(">II", 1, 0xFF00001D), False),
        udp(bytes([0xF0]) + struct.pack(">I", 1) + b"\x00" + bytes([4]) + b"\x01\x02\x03\x04" + b"token" + noise(16), False),
    ]
    hello = client_hello()
    frames.append(udp(initial(odcid, odcid, client, 2, padded(b"\x01" + crypto(0, hello[:100])), False), True))
    frames.append(udp(initial(odcid, odcid, client, 3, padded(b"\x00" * 20 + crypto(100, hello[100:]), 1000), False), True))
    v = varint
    for pn, body in enumerate([
            b"\x02" + v(5) + v(0) + v(1) + v(0) + v(0) + v(1), b"\x03" + v(5) + v(0) + v(0) + v(0) + v(1) + v(2) + v(3),
            b"\x04" + v(0) + v(1) + v(2), b"\x05" + v(0) + v(1), b"\x07" + v(3) + b"abc", b"\x0a" + v(4) + v(2) + b"hi",
            b"\x10" + v(100), b"\x11" + v(0) + v(100), b"\x12" + v(10), b"\x13" + v(10), b"\x14" + v(10),
            b"\x15" + v(0) + v(10), b"\x16" + v(10), b"\x17" + v(10), b"\x18" + v(1) + v(0) + b"\x04abcd" + b"\x00" * 16,
            b"\x19" + v(1), b"\x1a" + b"12345678", b"\x1b" + b"12345678", b"\x1c\x0a\x00\x03abc", b"\x1d" + v(0) + v(0),
            b"\x1e", b"\x31" + v(2) + b"zz", b"\x21", b"\x06\x00\x40\x50abc"], start=4):
        frames.append(udp(initial(odcid, odcid, client, pn, b"\x01" + body + b"\x01" + b"\x00" * 40, False), True))
    frames.append(udp(initial(odcid, odcid, client, 30, b"\x01\x08" + v(8) + b"stream to its end", False, pnlen=1), True))
    # Coalesced: the second packet's Info is the row's.
    frames.append(udp(initial(odcid, odcid, client, 31, b"\x01" + b"\x00" * 300, False)
                      + initial(odcid, odcid, client, 32, b"\x01\x01" + b"\x00" * 300, False), True))
    frames.append(udp(bytes([0xC0]) + struct.pack(">I", 0x1A2A3A4A) + noise(40), True))  # malformed: IDs too long

    # QUIC on any port no other dissector takes (tshark's heuristic), each version with its salt.
    def handshake(version, port, cport, odcid, client, server, before=None):
        def u(payload, from_client):
            return udp(payload, from_client, server_port=port, client_port=cport)
        if before is not None:  # a datagram the heuristic alone would not take: QUIC all the same
            frames.append(u(before, True))
        frames.append(u(initial(odcid, odcid, client, 0, padded(crypto(0, client_hello())), False, version=version), True))
        frames.append(u(initial(odcid, client, server, 0, ack + crypto(0, server_hello()), True, version=version), False))
        frames.append(u(bytes([0x41]) + server + noise(40), True))
        frames.append(u(bytes([0x41]) + client + noise(40), False))
    handshake(1, 4433, 51000, bytes.fromhex("1111111111111111"), bytes.fromhex("a1a2a3a4"),
              bytes.fromhex("b1b2b3b4b5b6b7b8"), before=b"\x17" + noise(30))
    ids = 0x20
    for version, port in [(0xFF00001D, 8443), (V2, 443), (0xFF000016, 443), (0xFACEB002, 10000), (0xFF000023, 443),
                          (0xFF000022, 443), (0x5A6A7A8A, 4434)]:
        handshake(version, port, 51000 + ids, bytes([ids]) * 8, bytes([ids + 1]) * 4, bytes([ids + 2]) * 8)
        ids += 3
    # A client moved to another port: its short headers name a connection ID already seen.
    frames.append(udp(bytes([0x41]) + bytes.fromhex("b1b2b3b4b5b6b7b8") + noise(40), True, server_port=4433, client_port=52000))
    frames.append(udp(bytes([0x41]) + bytes.fromhex("a1a2a3a4") + noise(40), False, server_port=4433, client_port=52000))
    frames.append(udp(bytes([0x41]) + noise(48), True, server_port=4433, client_port=52001))  # no known ID: UDP
    # Versions the heuristic does not take (UDP), a port another dissector owns (DNS), Google's
    # Q050 (QUIC, keys unknown), and Q046's IETF-style headers (GQUIC).
    for version, cport in [(0x12345678, 53000), (0x709A50C4, 53001), (0xFF00000A, 53002)]:
        frames.append(udp(bytes([0xC0]) + struct.pack(">I", version) + b"\x08" + noise(8) + b"\x00" + noise(40), True,
                          client_port=cport))
    frames.append(udp(initial(bytes(8), bytes(8), b"\x01", 0, padded(b"\x01"), False), True, server_port=53, client_port=53003))
    frames.append(udp(bytes([0xC1]) + b"Q050" + b"\x08" + noise(8) + b"\x00" + noise(40), True, client_port=53004))
    cid = bytes.fromhex("0102030405060708")
    frames.append(udp(bytes([0xC3]) + b"Q046" + b"\x50" + cid + b"\x00\x00\x00\x01" + noise(60), True, client_port=53005))
    frames.append(udp(bytes([0xC1]) + b"Q046" + b"\x05" + cid + b"\x00\x02" + noise(60), False, client_port=53005))
    frames.append(udp(bytes([0x43]) + cid + b"\x00\x00\x00\x03" + noise(60), True, client_port=53005))
    frames.append(udp(bytes([0x40]) + b"\x04" + noise(60), False, client_port=53005))

    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "quic", "quicpackets.pcap")
    with open(out, "wb") as fh:
        fh.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))  # pcap, Ethernet
        for i, data in enumerate(frames):
            fh.write(struct.pack("<IIII", 1700000000 + i, 0, len(data), len(data)) + data)
    fieldoracle.write(out, "quicpackets")


if __name__ == "__main__":
    main()
