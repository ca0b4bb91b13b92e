#!/usr/bin/env python3
"""Writes tests/data/gtp/gtpmessages.pcap: GTP datagrams built byte by byte on the control (2123),
user (2152) and GTP' (3386) ports. GTPv2: every message type 0-255, without a TEID, piggybacked
chains (and their lengths wrong), information elements walked to their end or cut, headers cut
short and cut by the snapshot length. GTPv0/v1: every message type, TV and TLV information
elements whole and cut, an unknown element, headers cut for each optional flag, GTP' headers.
T-PDUs: IPv4 and IPv6 payloads, data that is not IP around tshark's 15-byte limit, GTP inside
GTP, GTPv2 inside GTP, payloads cut by the snapshot length. Then writes
tests/data/oracle/gtpmessages.tsv with tshark as oracle/README.md says.

Needs tshark. usage: tests/data/make-gtpmessages.py
"""
import os
import struct

import fieldoracle
from ipchecksum import checksum


def ipv4(payload, proto=17, src=b"\x0a\x00\x00\x01", dst=b"\x0a\x00\x00\x02", options=b""):
    ihl = 5 + len(options) // 4
    h = struct.pack(">BBHHHBBH4s4s", 0x40 | ihl, 0, ihl * 4 + len(payload), 1, 0, 64, proto, 0, src, dst) + options
    return h[:10] + struct.pack(">H", checksum(h)) + h[12:] + payload


def ipv6(payload, nxt=17):
    a = bytes.fromhex("20010db8000000000000000000000001")
    b = bytes.fromhex("20010db8000000000000000000000002")
    return struct.pack(">IHBB", 0x60000000, len(payload), nxt, 64) + a + b + payload


def udp(payload, sport, dport):
    return struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload


def frame(payload, sport=2123, dport=2123):
    eth = b"\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00"
    return eth + ipv4(udp(payload, sport, dport))


def v2(mtype, teid=True, body=b"", piggy=False, length=None):
    flags = 0x40 | (0x08 if teid else 0) | (0x10 if piggy else 0)
    rest = (struct.pack(">I", 0x11223344) if teid else b"") + b"\x00\x00\x01\x00"
    return struct.pack(">BBH", flags, mtype, len(rest) + len(body) if length is None else length) + rest + body


def v1(mtype, flags=0x32, body=b"", length=None, opt=b"\x00\x01\x00\x00"):
    opt = opt if flags & 0x07 else b""
    return struct.pack(">BBHI", flags, mtype, len(opt) + len(body) if length is None else length, 0x11223344) + opt + body


def main():
    frames = []  # (captured bytes, original length)

    def add(data, orig=None):
        frames.append((data, len(data) if orig is None else orig))

    def snapped(data, keep):
        add(data[:keep], len(data))

    # GTPv2: every type, then its header's variants.
    for t in range(256):
        add(frame(v2(t)))
    add(frame(v2(1, teid=False)))
    add(frame(v2(32, teid=False)))
    add(frame(v2(32), 2152, 2152))
    add(frame(v2(32), 40000, 2123))
    add(frame(v2(33), 2123, 4789))  # the lower port first
    add(frame(v2(33, piggy=True) + v2(95)))
    add(frame(v2(33, piggy=True) + v2(95, piggy=True) + v2(97)))
    add(frame(v2(33, piggy=True) + v2(95, piggy=True) + v2(97, piggy=True) + v2(99)))
    add(frame(v2(33, piggy=True, teid=False) + v2(95, teid=False)))
    add(frame(v2(33, piggy=True) + v2(8)))
    add(frame(v2(33, piggy=True)))
    add(frame(v2(33, piggy=True) + b"\x48"))
    add(frame(v2(33, piggy=True) + b"\x01\x02\x03"))
    add(frame(v2(33, piggy=True) + v2(95, piggy=True)))
    add(frame(v2(33, piggy=True, length=0) + v2(95)))
    add(frame(v2(33, piggy=True, length=4) + v2(95)))
    add(frame(v2(33, piggy=True, length=9) + v2(95)))
    add(frame(v2(33, piggy=True, length=200) + v2(95)))
    add(frame(v2(33, piggy=True, body=b"\x03\x00\x05\x00\x05") + v2(95)))
    add(frame(v2(33, piggy=True, body=b"\x03\x00\x05") + v2(95)))
    add(frame(v2(33, piggy=True, length=10) + b"\x03\x00\x05\x00\x05" + v2(95)))
    add(frame(v2(33, piggy=True) + v2(95), 2152, 2152))
    add(frame(v2(32, length=100)))
    add(frame(v2(32, length=0)))
    add(frame(v2(32) + b"\x00\x00\x00\x00"))
    for body in ["01", "0300", "030001", "000000", "ff0000", "00000000", "0300010005", "03000100050300",
                 "0300010005030001", "fe0002006162", "0300050005", "4800ff00"]:
        add(frame(v2(32, body=bytes.fromhex(body))))
    add(frame(v2(32, body=b"\x01\x02\x03", length=8)))
    for n in (1, 2, 4, 8, 11):
        add(frame(v2(32)[:n]))
        add(frame(v2(32)[:n], 2152, 2152))
    for n in (7, 8):
        add(frame(v2(32, teid=False)[:n]))
    whole = frame(v2(32, body=b"\x03\x00\x01\x00\x05\x03\x00\x01\x00\x06"))
    for n in (1, 2, 5, 11, 14, 17, 20):
        snapped(whole, 42 + n)
    # GTPv0/v1 and GTP': every type, then headers and information elements.
    for t in range(256):
        add(frame(v1(t)))
    for port in (2123, 2152):
        add(frame(v1(1, flags=0x30), port, port))
        add(frame(v1(16, body=b"\x0e\x05"), port, port))
        add(frame(v1(16, body=b"\x01\x02\x03"), port, port))
        add(frame(v1(16, body=b"\x85\x00\x10\x01"), port, port))
        add(frame(v1(16, body=b"\x85\x00\x04\x01\x02\x03\x04"), port, port))
        add(frame(v1(16, flags=0x36, opt=b"\x00\x01\x00\xc0", body=b"\x01\x00\x00\x00\x0e\x01"), port, port))
        add(frame(v1(16)[:1], port, port))
        snapped(frame(v1(16), port, port), 43)
    for t, size in [(1, 1), (2, 8), (3, 6), (6, 3), (9, 28), (18, 5), (22, 9), (25, 2), (126, 1), (127, 4)]:
        add(frame(v1(16, body=bytes([t]) + b"\x01" * size)))
        add(frame(v1(16, body=bytes([t]) + b"\x01" * (size - 1))))
    for body in ["07", "0703", "00ff", "1e0102", "e10005", "850004", "85", "8500", "0e010e"]:
        add(frame(v1(16, body=bytes.fromhex(body))))
    add(frame(v1(16, body=b"\x03", length=4)))
    add(frame(v1(16, body=b"\x0e\x01", length=40)))
    add(frame(v1(16, body=b"\x0e\x01\x03\x00\x00\x00\x00\x00\x00", length=7)))
    snapped(frame(v1(16, body=b"\x0e\x01\x03\x00\x00\x00\x00\x00\x00")), 42 + 15)
    add(frame(v1(254, body=b"\x03")))
    add(frame(v1(26, body=b"\x10\x00\x00\x00\x01\x85\x00\x04\x0a\x00\x00\x01")))
    for flags in (0x31, 0x32, 0x34):
        for t in (1, 255):
            for n in (9, 10, 11):
                add(frame(v1(t, flags=flags)[:n], 2152, 2152))
    for n in (8, 19, 20):
        add(frame((bytes([0x1E, 1, 0, 0]) + b"\0" * 16)[:n], 2152, 2152))
    add(frame(bytes([0x1E, 16, 0, 2]) + b"\0" * 16 + b"\x03\x00"))
    add(frame(bytes([0x1E, 255, 0, 0]) + b"\0" * 16 + ipv4(udp(b"hi", 1, 2)), 2152, 2152))
    add(frame(bytes([0x1E, 255, 0, 30]) + b"\0" * 16 + ipv4(udp(b"hi", 1, 2)), 2152, 2152))
    add(frame(bytes([0x2E, 240, 0, 0, 0, 1])))
    add(frame(bytes([0x2E, 240, 0, 0, 0])))
    add(frame(bytes([0x0E, 240, 0, 2, 0, 1, 1, 2]), 3386, 3386))
    add(frame(bytes([0x2E, 241, 0, 0, 0, 1]), 3386, 3386))
    add(frame(v1(1), 3386, 3386))
    add(frame(bytes([0x40, 1, 0, 4, 0, 0, 1, 0]), 3386, 3386))
    add(frame(bytes([0x60, 1, 0, 4, 0, 0, 1, 0]), 3386, 3386))
    add(frame(bytes([0x2E, 0, 0, 0, 0, 1]), 3386, 3386))
    add(frame(bytes([0x32]), 3386, 3386))
    for version in (3, 7):
        add(frame(bytes([version << 5 | 0x10, 1, 0, 4, 0, 0, 0, 0]), 2152, 2152))
    add(frame(b"", 2152, 2152))
    # T-PDUs.
    inner = ipv4(udp(b"hello there friend", 1000, 2000))
    tpdu = lambda body, **kw: frame(v1(255, flags=kw.pop("flags", 0x30), body=body, **kw), 2152, 2152)
    add(tpdu(inner))
    add(tpdu(ipv4(udp(b"hi", 1000, 2000), options=b"\x01\x01\x01\x00")))
    add(tpdu(ipv4(udp(b"hi", 1000, 2000), options=b"\x01" * 36 + b"\x00" * 4)))
    add(tpdu(ipv6(udp(b"hello", 1000, 2000))))
    add(tpdu(ipv4(bytes([8, 0, 0, 0, 0, 1, 0, 1]) + b"abcd", 1)))
    for first in (0x00, 0x40, 0x44, 0x4F, 0x50, 0x5F, 0x70, 0xFF):
        for n in (1, 14, 15, 30):
            add(tpdu(bytes([first]) * n))
    add(tpdu(bytes.fromhex("ff030021") + inner))
    add(tpdu(b""))
    add(tpdu(inner, flags=0x32))
    add(tpdu(b"\x01\x00\x00\x00" + inner, flags=0x34, opt=b"\x00\x00\x00\x85"))
    add(tpdu(inner, length=100))
    add(tpdu(b"\0" * 20, length=10))
    add(tpdu(b"\0" * 20, length=0))
    add(tpdu(b"\0" * 10) + b"\0" * 20)  # Ethernet padding after the datagram
    snapped(tpdu(b"\0" * 20), 42 + 8 + 10)
    snapped(tpdu(b"\0" * 20), 42 + 8 + 16)
    snapped(tpdu(inner), 42 + 8)
    gin = udp(v1(255, flags=0x30, body=inner), 2152, 2152)
    add(tpdu(ipv4(gin)))
    add(tpdu(ipv4(udp(v1(255, flags=0x30, body=ipv4(gin)), 2152, 2152))))
    add(tpdu(ipv4(udp(v2(32), 2123, 2123))))
    add(tpdu(ipv4(udp(v2(1, teid=False), 2152, 2152))))
    add(tpdu(ipv4(udp(v1(1), 2152, 2152))))
    add(tpdu(ipv4(udp(v1(255, flags=0x30, body=b"\x00\x01\x02\x03"), 2152, 2152))))
    add(tpdu(ipv4(udp(v1(255, flags=0x30, body=b"\x00" * 20), 2152, 2152))))
    # Whole messages as networks send them: their elements all well formed.
    def ie(t, v, inst=0):
        return struct.pack(">BHB", t, len(v), inst) + v

    def tlv(t, v):
        return bytes([t]) + struct.pack(">H", len(v)) + v

    def v2seq(t, body, teid=True):
        rest = (struct.pack(">I", 0x11223344) if teid else b"") + struct.pack(">I", 7 << 8)
        return struct.pack(">BBH", 0x48 if teid else 0x40, t, len(rest) + len(body)) + rest + body

    def v1seq(t, body):
        return struct.pack(">BBHIHBB", 0x32, t, 4 + len(body), 0x11223344, 5, 0, 0) + body

    imsi = bytes.fromhex("2143658709214365")
    fteid = bytes([0x8A]) + struct.pack(">I", 0x1000) + bytes([10, 0, 0, 1])
    apn = b"\x08internet"
    bearer = ie(73, b"\x05") + ie(80, bytes([0x09, 9]) + b"\0" * 20) + ie(87, bytes([0x81]) + struct.pack(">I", 0x2000) + bytes([10, 0, 0, 2]), 2)
    add(frame(v2seq(32, ie(1, imsi) + ie(76, bytes.fromhex("1932547698")) + ie(75, bytes.fromhex("5389141600000001"))
                    + ie(86, bytes.fromhex("1832f410000132f41000000101")) + ie(83, bytes.fromhex("32f410")) + ie(82, b"\x06")
                    + ie(87, fteid) + ie(71, apn) + ie(128, b"\x01") + ie(99, b"\x01") + ie(79, b"\x01\x00\x00\x00\x00")
                    + ie(127, b"\x00") + ie(72, struct.pack(">II", 1000, 2000)) + ie(93, bearer) + ie(3, b"\x05") + ie(114, b"\x00\x00"))))
    add(frame(v2seq(33, ie(2, b"\x10\x00") + ie(87, fteid, 1) + ie(79, b"\x01\x0a\x00\x00\x05") + ie(127, b"\x00")
                    + ie(93, ie(73, b"\x05") + ie(2, b"\x10\x00") + ie(87, fteid, 2)) + ie(3, b"\x05"))))
    add(frame(v2seq(34, ie(93, ie(73, b"\x05") + ie(87, fteid)))))
    add(frame(v2seq(36, ie(73, b"\x05"))))
    add(frame(v2seq(176, ie(73, b"\x05") + ie(155, b"\x00")), 2152, 2123))
    add(frame(v2seq(1, ie(3, b"\x05"), teid=False)))
    add(frame(v1seq(16, bytes([2]) + imsi + bytes([3]) + bytes.fromhex("32f4100001ff") + bytes([14, 5, 15, 1, 16]) + struct.pack(">I", 1)
                    + bytes([17]) + struct.pack(">I", 2) + bytes([20, 5, 26, 8, 0]) + tlv(128, b"\xf1\x21") + tlv(131, apn)
                    + tlv(132, bytes.fromhex("8080211001000010810600000000830600000000")) + tlv(133, bytes([10, 0, 0, 1]))
                    + tlv(133, bytes([10, 0, 0, 1])) + tlv(134, bytes.fromhex("911932547698")) + tlv(135, bytes.fromhex("0b921f7396404074f8ff4a4a"))
                    + tlv(151, b"\x01") + tlv(152, bytes.fromhex("0032f41000010001")) + tlv(153, b"\x40\x00")
                    + tlv(154, bytes.fromhex("5389141600000001")))))
    add(frame(v1seq(17, bytes([1, 128, 8, 0xFF, 14, 5, 16]) + struct.pack(">I", 3) + bytes([17]) + struct.pack(">I", 4) + bytes([127])
                    + struct.pack(">I", 9) + tlv(128, b"\xf1\x21\x0a\x00\x00\x05") + tlv(133, bytes([10, 0, 0, 9]))
                    + tlv(133, bytes([10, 0, 0, 9])) + tlv(135, bytes.fromhex("0b921f7396404074f8ff4a4a")))))
    add(frame(v1seq(20, bytes([19, 0xFF, 20, 5]))))
    add(frame(v1seq(21, bytes([1, 128]))))
    # GTPv0 with a TID of digits and fillers, GTP' version 0 with its 6-byte header.
    add(frame(bytes([0x1F, 1, 0, 0, 0x12, 0x34, 0x56, 0x78, 0x9A, 1, 2, 3, 0x21, 0x43, 0x65, 0x87, 0x09, 0xBA, 0xDC, 0xFE]), 2152, 2152))
    add(frame(bytes([0x0F, 240, 0, 2, 0, 1, 1, 2]), 3386, 3386))

    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "gtp", "gtpmessages.pcap")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "wb") as fh:
        fh.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))  # pcap, Ethernet
        for i, (data, orig) in enumerate(frames):
            fh.write(struct.pack("<IIII", 1700000000 + i, 0, len(data), orig) + data)
    fieldoracle.write(out, "gtpmessages")


if __name__ == "__main__":
    main()
