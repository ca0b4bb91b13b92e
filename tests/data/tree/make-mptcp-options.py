#!/usr/bin/env python3
"""Writes tests/data/tree/mptcp-options.pcap: one TCP segment for each MPTCP option subtype (RFC 8684:
MP_CAPABLE in its four lengths, MP_JOIN in its three, DSS with 4- and 8-octet numbers and a
checksum, ADD_ADDR for IPv4 and IPv6 with and without port, REMOVE_ADDR, MP_PRIO, MP_FAIL,
MP_FASTCLOSE, MP_TCPRST), for tst_detailtree to compare our option subtrees with tshark's.
No real capture in the shared set holds more than MP_CAPABLE and DSS.

usage: tests/data/tree/make-mptcp-options.py
"""
import os
import struct

MPTCP = 30


def opt(subtype_byte, body):
    return bytes([MPTCP, 3 + len(body), subtype_byte]) + body


def segment(options, flags, seq=1000, ack=2000, payload=b""):
    # Each segment on a connection of its own: tshark keeps an MPTCP key per connection and side.
    segment.port += 1
    while len(options) % 4:
        options += b"\x01"  # NOP padding, as stacks put it before the header's end
    tcp_len = 20 + len(options)
    tcp = struct.pack("!HHIIBBHHH", segment.port, 443, seq, ack, (tcp_len // 4) << 4, flags, 65535, 0, 0) + options + payload
    total = 20 + len(tcp)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, 1, 0x4000, 64, 6, 0, bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    eth = bytes.fromhex("020000000002020000000001") + b"\x08\x00"
    return eth + ip + tcp


segment.port = 40000
KEY_A = struct.pack("!Q", 3001306557161771836)
KEY_B = struct.pack("!Q", 2295531734017261039)
SYN, ACK, PSH, RST = 0x02, 0x10, 0x08, 0x04
frames = [
    segment(opt(0x01, b"\x81"), SYN),                                       # MP_CAPABLE v1, checksum, SHA-256
    segment(opt(0x01, b"\x01" + KEY_A), SYN | ACK),                         # + sender's key
    segment(opt(0x01, b"\x01" + KEY_B + KEY_A), ACK),                       # + receiver's key
    segment(opt(0x01, b"\x81" + KEY_B + KEY_A + b"\x00\x05\xbe\xef"), ACK | PSH, payload=b"hello"),  # + length, checksum
    segment(opt(0x00, b"\x01" + KEY_A), SYN | ACK),                         # MP_CAPABLE v0 (SHA-1)
    segment(opt(0x11, b"\x02" + b"\x11\x22\x33\x44" + b"\xaa\xbb\xcc\xdd"), SYN),  # MP_JOIN SYN, backup
    segment(opt(0x10, b"\x03" + bytes(range(1, 9)) + b"\x01\x02\x03\x04"), SYN | ACK),  # MP_JOIN SYN/ACK
    segment(opt(0x10, b"\x00" + bytes(range(20))), ACK),                    # MP_JOIN third ACK
    segment(opt(0x20, b"\x05" + b"\x00\x00\x10\x00" + b"\x00\x00\x20\x00" + b"\x00\x00\x00\x01" + b"\x00\x05" + b"\x12\x34"),
            ACK | PSH, payload=b"hello"),                                   # DSS 4-octet ack and DSN, checksum
    segment(opt(0x20, b"\x1f" + struct.pack("!QQI", 77, 99, 1) + b"\x00\x01"), ACK | PSH, payload=b"x"),  # DSS 8-octet, DATA_FIN
    segment(opt(0x30, b"\x04" + bytes([192, 0, 2, 7]) + bytes(range(8))), ACK),  # ADD_ADDR IPv4 with HMAC
    segment(opt(0x31, b"\x05" + bytes([192, 0, 2, 8]) + b"\x1f\x90"), ACK),  # ADD_ADDR echo, IPv4 and port
    segment(opt(0x31, b"\x06" + bytes.fromhex("20010db8000000000000000000000001")), ACK),  # ADD_ADDR echo IPv6
    segment(opt(0x40, b"\x04"), ACK),                                       # REMOVE_ADDR one
    segment(opt(0x40, b"\x04\x05\x06"), ACK),                               # REMOVE_ADDR three
    segment(opt(0x51, b""), ACK),                                           # MP_PRIO backup
    segment(opt(0x50, b"\x02"), ACK),                                       # MP_PRIO with address ID
    segment(opt(0x60, b"\x00" + struct.pack("!Q", 123456789)), ACK),        # MP_FAIL
    segment(opt(0x70, b"\x00" + KEY_B), ACK),                               # MP_FASTCLOSE
    segment(opt(0x8f, b"\x05"), RST | ACK),                                 # MP_TCPRST, all flags, reason 5
]

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mptcp-options.pcap")
with open(path, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, fr in enumerate(frames):
        f.write(struct.pack("<IIII", 1700000000 + i, 0, len(fr), len(fr)) + fr)
print(path, len(frames), "frames")
