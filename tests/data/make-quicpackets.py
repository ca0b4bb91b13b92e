#!/usr/bin/env python3
"""Writes tests/data/quic/quicpackets.pcap: QUIC version 1 datagrams on UDP 443 built byte by byte
and protected as RFC 9001 says (Initial packets sealed with the keys of the client's first
Destination Connection ID, their header protection applied): a handshake's Initials with a
ClientHello and a ServerHello in CRYPTO frames, one coalesced with a Handshake packet, a ClientHello
split over two Initials, 0-RTT, 1-RTT short headers of the connection and one too short to read,
Version Negotiation, Retry, every frame type tshark names, an unknown frame type, CRYPTO cut short,
and short headers and long ones no connection explains (left to UDP). Then writes
tests/data/oracle/quicpackets.tsv with tshark as oracle/README.md says.

Needs python3-cryptography (AES-GCM, AES-ECB) and tshark. usage: tests/data/make-quicpackets.py
"""
import hashlib
import hmac
import os
import random
import struct
import subprocess

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SALT = bytes.fromhex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a")  # RFC 9001, version 1
rng = random.Random(9001)


def noise(n):
    return bytes(rng.getrandbits(8) for _ in range(n))


def expand_label(secret, label, length):
    full = b"tls13 " + label
    info = struct.pack(">H", length) + bytes([len(full)]) + full + b"\x00"
    return hmac.new(secret, info + b"\x01", hashlib.sha256).digest()[:length]


def initial_keys(dcid, server):
    secret = expand_label(hmac.new(SALT, dcid, hashlib.sha256).digest(), b"server in" if server else b"client in", 32)
    return expand_label(secret, b"quic key", 16), expand_label(secret, b"quic iv", 12), expand_label(secret, b"quic hp", 16)


def varint(v):
    if v < 64:
        return bytes([v])
    if v < 16384:
        return struct.pack(">H", 0x4000 | v)
    return struct.pack(">I", 0x80000000 | v)


def initial(odcid, dcid, scid, pn, frames, server, pnlen=2):
    key, iv, hp = initial_keys(odcid, server)
    header = bytes([0xC0 | (pnlen - 1)]) + struct.pack(">I", 1) + bytes([len(dcid)]) + dcid + bytes([len(scid)]) + scid
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


def udp(payload, from_client, captured=None):
    sport, dport = (50000, 443) if from_client else (443, 50000)
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
    frames.append(udp(bytes([0xC0]) + struct.pack(">I", 0x1A2A3A4A) + noise(40), True))  # an unknown version: UDP

    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "quic", "quicpackets.pcap")
    with open(out, "wb") as fh:
        fh.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))  # pcap, Ethernet
        for i, data in enumerate(frames):
            fh.write(struct.pack("<IIII", 1700000000 + i, 0, len(data), len(data)) + data)
    fields = open(os.path.join(here, "oracle", "x11messages.tsv")).readline().split()
    prefs = ["-o", "tcp.desegment_tcp_streams:FALSE", "-o", "tcp.relative_sequence_numbers:TRUE", "-o",
             "tcp.analyze_sequence_numbers:TRUE", "-o", "tcp.calculate_timestamps:TRUE", "-o", "tcp.check_checksum:FALSE"]
    cmd = ["tshark", "-2", "-r", out] + prefs + ["-T", "fields", "-E", "header=y", "-E", "separator=/t", "-E", "occurrence=a",
                                                  "-E", "aggregator=,"]
    for f in fields:
        cmd += ["-e", f]
    with open(os.path.join(here, "oracle", "quicpackets.tsv"), "wb") as fh:
        fh.write(subprocess.run(cmd, check=True, capture_output=True).stdout)


if __name__ == "__main__":
    main()
