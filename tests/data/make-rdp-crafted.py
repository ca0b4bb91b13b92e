#!/usr/bin/env python3
"""Writes rdp/rdp-crafted.pcap: TPKT on TCP 3389 beyond what an xrdp session shows. RDP's
negotiation (cookies and routing tokens, requests with and without correlation info, every
failure code), COTP's other TPDUs (DR, DC, AK, ED, EA, RJ, ER, an unknown type, a length indicator of zero, a
class COTP has not), MCS's domain PDUs that T.125's heuristic takes, xrdp's Connect-Initial and
Connect-Response (from rdp-xrdp-rdp.pcap) with RDP's conference data and the server's encryption
changed, RDP's fast-path PDUs with every update type, and what is none of these (TLS records).
Each segment holds one PDU, the Connect PDUs in a conversation of their own; rdp-mcs-data.pcap
holds MCS data alone; rdp-crafted-cut60.pcap is rdp-crafted.pcap cut at 60 bytes."""
import os
import struct

from pcapframes import tcp_conversation, write_pcap

A, B = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])
here = os.path.dirname(os.path.abspath(__file__))


def tpkt(body):
    return bytes([3, 0]) + struct.pack('>H', len(body) + 4) + body


def cotp(code, var, dst=0, src=0, cls=0, data=b''):
    hdr = bytes([code]) + struct.pack('>HHB', dst, src, cls) + var
    return bytes([len(hdr)]) + hdr + data


def neg(kind, flags, value, length=8):
    return bytes([kind, flags]) + struct.pack('<HI', length, value)


def dt(data, eot=0x80, nr=0):
    return bytes([2, 0xf0, eot | nr]) + data


def per_len(n):
    return bytes([n]) if n < 128 else struct.pack('>H', 0x8000 | n)


def send_data(channel, user, indication=False):
    return tpkt(dt(bytes([0x68 if indication else 0x64]) + struct.pack('>HH', 7, channel) + b'\x70' + per_len(len(user)) + user))


def xrdp_payloads():
    # The TCP payloads of rdp-xrdp-rdp.pcap (xrdp 0.9 and xfreerdp 2.11, standard RDP security).
    with open(os.path.join(here, 'rdp', 'rdp-xrdp-rdp.pcap'), 'rb') as f:
        data = f.read()
    out, at = [], 24
    while at < len(data):
        incl = struct.unpack('<I', data[at + 8:at + 12])[0]
        frame = data[at + 16:at + 16 + incl]
        at += 16 + incl
        ihl = (frame[14] & 15) * 4
        tcp = 14 + ihl
        payload = frame[tcp + (frame[tcp + 12] >> 4) * 4:]
        if payload:
            out.append(payload)
    return out


def server_data(method, level):
    # xrdp's Connect-Response with SC_SECURITY's encryption method and level replaced.
    b = bytearray(connect_response)
    at = b.find(struct.pack('<H', 0x0c02), b.find(b'McDn'))
    b[at + 4:at + 12] = struct.pack('<II', method, level)
    return bytes(b)


def fast_path(body, flags=0):
    return bytes([flags, 2 + len(body)]) + body


payloads = xrdp_payloads()
connect_initial = next(p for p in payloads if p[7:9] == b'\x7f\x65')
connect_response = next(p for p in payloads if p[7:9] == b'\x7f\x66')

client = [
    tpkt(cotp(0xe0, b'Cookie: mstshash=alice\r\n' + neg(1, 0, 3))),
    tpkt(cotp(0xe0, neg(1, 0, 0))),
    tpkt(cotp(0xe0, b'Cookie: msts=3640205228.15629.0000\r\n')),
    tpkt(cotp(0xe0, b'Cookie: mstshash=bob\r\n' + neg(1, 8, 0xb) + bytes(36))),
    tpkt(cotp(0xe0, b'Cookie: mstshash=eve')),
    tpkt(cotp(0xe0, b'Cookie: mstshash=eve\r\n' + neg(1, 0, 3)[:5])),
    tpkt(cotp(0xe0, neg(1, 0, 3, length=9) + b'\x00')),
    tpkt(cotp(0xe0, b'\xc1\x02\x00\x01\xc2\x02\x00\x01')),
    tpkt(cotp(0xe0, b'', data=b'\x01\x02')),
    tpkt(cotp(0xe0, b'', cls=0x50)),
    tpkt(cotp(0xe0, b'garbage')),
    tpkt(dt(bytes.fromhex('7f65820100') + bytes(20))),
    tpkt(dt(bytes.fromhex('0401000100'))),
    tpkt(dt(b'\x28')),
    tpkt(dt(bytes.fromhex('3800070 3eb'.replace(' ', '')))),
    tpkt(dt(bytes.fromhex('38000703')[:3])),
    tpkt(dt(b'\x01')),
    tpkt(bytes([6, 0x80, 0x12, 0x34, 0, 0, 0])),
    tpkt(bytes([6, 0xc0, 0x12, 0x34, 0, 0, 0])),
    tpkt(bytes([4, 0x60, 0x12, 0x34, 0x05])),
    tpkt(bytes([4, 0x10, 0x12, 0x34, 0x85])),
    tpkt(bytes([4, 0x20, 0x12, 0x34, 0x05])),
    tpkt(bytes([4, 0x50, 0x12, 0x34, 0x05])),
    tpkt(bytes([4, 0x70, 0x12, 0x34, 0x01])),
    tpkt(bytes([2, 0x30, 0x80])),
    tpkt(bytes([0x44, 0x10]) + bytes(10)),
    tpkt(b''),
    bytes.fromhex('16030100310100002d0303') + bytes(32) + bytes([0, 0, 2, 0, 0x2f, 1, 0]),
    bytes([0x14, 0x03, 0x03]),
    bytes([0x04, 0x80, 0x05, 0, 0]),
    bytes([0x04, 0x80, 0x06, 0, 0]),
    bytes([0x04, 0x03, 0]),
    bytes([0x84, 0x03, 0]),
    bytes([0x80, 0x09]) + bytes(7),
    bytes([0x44, 0x10]) + bytes(14),
]
server = [
    tpkt(cotp(0xd0, neg(2, 0x1f, 1), src=0x1234)),
    tpkt(cotp(0xd0, b'', src=0x1234)),
    tpkt(cotp(0xd0, neg(2, 0, 1) + neg(2, 0, 1))),
    tpkt(dt(bytes.fromhex('2e000007'))),
    tpkt(dt(bytes.fromhex('2c00'))),
    tpkt(dt(bytes.fromhex('3e00000703eb03eb'))),
    tpkt(dt(bytes.fromhex('3c000703eb7002'))),
    tpkt(dt(bytes.fromhex('3c000703f0'))),
    tpkt(dt(bytes.fromhex('2180'))),
    tpkt(dt(b'\x2e')),
] + [tpkt(cotp(0xd0, neg(3, 0, code))) for code in range(8)] + [
    fast_path(bytes([code, 0, 0])) for code in range(16)
] + [
    fast_path(bytes([0x80, 0x00, 0, 0])),
    fast_path(bytes([0x20 | 1, 0x01, 0, 0])),
    fast_path(bytes([0x00, 0x05, 0, 0, 0, 0])),
    fast_path(bytes([0x00, 0x05, 0, 0])),
    fast_path(bytes([0x00, 0x05, 0])),
    fast_path(bytes([0x01, 0x02, 0, 0xaa, 0xbb, 0x00, 0x00, 0x00])),
    bytes.fromhex('1703030010') + bytes(16),
]

segments = [(True, c) for c in client] + [(False, s) for s in server]
# RDP reads fast-path and MCS data by what a conversation's Connect-Initial and channel joins
# said: the Connect PDUs in one of their own, MCS data in another file.
channels = [(True, send_data(1003, bytes(20))), (True, send_data(1004, b'')), (True, tpkt(dt(bytes.fromhex('6400')))),
            (False, send_data(1003, bytes(300), indication=True))]
conference = [(True, connect_initial), (False, connect_response)] + [
    (False, server_data(m, l)) for m, l in ((1, 2), (0x10, 4), (8, 1), (0, 0), (5, 9))]
for name, cut in (('rdp-crafted.pcap', None), ('rdp-crafted-cut60.pcap', 60)):
    frames = []
    tcp_conversation(frames, A, B, 49200, 3389, segments, cut=cut)
    tcp_conversation(frames, A, B, 49201, 3389, conference, cut=cut)
    write_pcap(os.path.join(here, 'rdp', name), [(f, c, 1764000000 + i // 1000, i % 1000 * 1000) for i, (f, c) in enumerate(frames)])
# MCS data in a file of its own: tshark's RDP names it by channels any earlier conversation set up.
frames = []
tcp_conversation(frames, A, B, 49202, 3389, channels)
write_pcap(os.path.join(here, 'rdp', 'rdp-mcs-data.pcap'), [(f, c, 1764000000, i * 1000) for i, (f, c) in enumerate(frames)])
