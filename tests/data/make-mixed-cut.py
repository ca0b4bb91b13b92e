#!/usr/bin/env python3
"""Writes snaplen/mixed-cut.pcap: messages of protocols tshark reads to their end, each whole and
then cut by a snapshot length at several points: NTP, RIPv1, DHCPv6, an NBNS name query, an SSDP
M-SEARCH, Dropbox's LAN sync discovery (JSON), a Google QUIC Client Hello (its tags are read
before the packet number is written), CDP over LLC/SNAP, PPTP's control messages and
HART-IP on TCP; binary data on a TCP port nobody takes, whose first bytes JXTA's heuristic
reads as a framing header's name and value lengths; and text and binary on HTTP's port 80 in a
conversation whose request was cut before its method (HTTP, not the heuristics, reads them); BOOTP
requests and replies, with and without room for DHCP's magic cookie."""
import os
import random
import struct

from pcapframes import tcp_conversation, udp_frame, write_pcap

A, B = bytes([192, 0, 2, 5]), bytes([192, 0, 2, 90])
UDP_HEADERS = 42  # Ethernet, IPv4, UDP
TCP_HEADERS = 54


def ntp():
    return bytes([0x23, 0, 6, 0xEC]) + bytes(44)


def rip():
    entry = struct.pack("!HH4s4s4sI", 2, 0, bytes([10, 1, 0, 0]), bytes(4), bytes(4), 1)
    return bytes([2, 1, 0, 0]) + entry * 3


def dhcpv6():
    duid = struct.pack("!HH", 3, 1) + bytes.fromhex("020000000001")
    return (bytes([1, 0x3A, 0x42, 0x67]) + struct.pack("!HH", 1, len(duid)) + duid
            + struct.pack("!HHH", 8, 2, 0) + struct.pack("!HH", 6, 4) + struct.pack("!HH", 23, 24))


def nbns_query():
    name = "WORKGROUP".ljust(15) + "\x1d"
    encoded = bytes(ch for c in name.encode() for ch in (ord("A") + (c >> 4), ord("A") + (c & 15)))
    return struct.pack("!HHHHHH", 0x8127, 0x0110, 1, 0, 0, 0) + bytes([32]) + encoded + b"\x00" + struct.pack("!HH", 32, 1)


def ssdp():
    return (b"M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\n"
            b"ST: urn:dial-multiscreen-org:service:dial:1\r\n\r\n")


def dropbox():
    return (b'{"host_int": 123456789, "version": [2, 0], "displayname": "", "port": 17500, '
            b'"namespaces": [101, 202, 303]}')


def cdp_frame():
    tlv = lambda t, v: struct.pack("!HH", t, 4 + len(v)) + v
    body = bytes([2, 180, 0, 0]) + tlv(1, b"switch-7") + tlv(3, b"GigabitEthernet0/1") + tlv(4, bytes([0, 0, 0, 0x28])) \
        + tlv(5, b"Cisco IOS Software, C2960 Software, Version 15.0(2)SE")
    llc = bytes([0xAA, 0xAA, 0x03, 0, 0, 0x0C, 0x20, 0])
    return bytes.fromhex("01000ccccccc020000000001") + struct.pack("!H", len(llc) + len(body)) + llc + body


def pptp(control_type, body):
    return struct.pack("!HHIHH", 12 + len(body), 1, 0x1A2B3C4D, control_type, 0) + body


def pptp_session():
    host = b"client".ljust(64, b"\0")
    vendor = b"Linux".ljust(64, b"\0")
    start = struct.pack("!HHIIHH", 0x0100, 0, 1, 1, 0, 0) + host + vendor
    reply = struct.pack("!HBBIIHH", 0x0100, 1, 0, 1, 1, 0, 0) + host + vendor
    call = struct.pack("!HHIIIIHHHH", 7, 1, 300, 100000000, 1, 1, 64, 0, 0, 0) + bytes(64) + bytes(64)
    return [(True, pptp(1, start)), (False, pptp(2, reply)), (True, pptp(7, call))]


def hart_session():
    def message(kind, number, body):
        return struct.pack("!BBBBHH", 1, kind, 3, 0, number, 8 + len(body)) + body
    return [(True, message(0, 3, bytes(range(40)))), (False, message(1, 3, bytes(range(60))))]


def jxta_probes():
    # 200 bytes each, cut after 30: a name of 27 to 31 bytes (the value's length is read past the
    # capture for 28 and 29), and a first header whose name and value fit, then a second one.
    rng = random.Random(7)
    payloads = [bytes([first]) + rng.randbytes(199) for first in (27, 28, 29, 30, 31)]
    payloads.append(bytes([4]) + b"name" + b"\x00\x02" + b"vv" + bytes([20]) + rng.randbytes(190))
    payloads.append(bytes([4]) + b"name" + b"\x00\x02" + b"vv" + bytes([22]) + rng.randbytes(190))
    return [(True, p) for p in payloads]


def port80_session():
    rng = random.Random(80)
    return [(True, b"GET /file.bin HTTP/1.1\r\nHost: example.org\r\n\r\n"), (False, b"\xf1" + rng.randbytes(99)),
            (False, b"abcdefgh" + rng.randbytes(92)), (False, b"\x1f" + rng.randbytes(99)), (False, b"\x88" + rng.randbytes(99))]


def gquic_client_hello():
    """Google QUIC Q025: a public header with the version, an 8-byte connection ID and a 1-byte
    packet number, the hash and private flags, then a STREAM frame on stream 1 holding a CHLO with
    two tags (PAD and SNI) and their values."""
    values = bytes(40) + b"example.org"
    chlo = b"CHLO" + struct.pack("<HH", 2, 0) + b"PAD\0" + struct.pack("<I", 40) + b"SNI\0" + struct.pack("<I", len(values)) + values
    return (bytes([0x0D]) + bytes.fromhex("1122334455667788") + b"Q025" + bytes([1]) + bytes(12) + bytes([1])
            + bytes([0xA0, 1]) + struct.pack("!H", len(chlo)) + chlo)


def bootp(op, htype, hlen, chaddr, length=300):
    """A BOOTP message without DHCP's magic cookie (its vendor area zeros), `length` bytes long."""
    return (bytes([op, htype, hlen, 0]) + struct.pack("!I", 0x5EED) + bytes(20) + chaddr.ljust(16, b"\0")
            + bytes(length - 44))[:length]


def main():
    records = []
    datagrams = [(40123, 123, ntp(), (2, 20, 47)), (520, 520, rip(), (4, 10, 40)), (546, 547, dhcpv6(), (1, 3, 10, 20)),
                 (137, 137, nbns_query(), (2, 10, 12, 30)), (49152, 1900, ssdp(), (6, 10, 19, 21, 40)),
                 (17500, 17500, dropbox(), (20, 60)), (50000, 443, gquic_client_hello(), (30, 36, 50, 60, 90))]
    for sport, dport, payload, cuts in datagrams:
        frame = udp_frame(A, B, sport, dport, payload)
        records.append((frame, None))
        for kept in cuts:
            records.append((frame, UDP_HEADERS + kept))
    cdp = cdp_frame()
    records.append((cdp, None))
    for kept in (8, 30, 60):
        records.append((cdp, 14 + kept))
    port = 40500
    for kept in (None, 4, 12, 40):
        tcp_conversation(records, A, B, port, 1723, pptp_session(), cut=None if kept is None else TCP_HEADERS + kept)
        port += 1
    for kept in (None, 4, 8, 20):
        tcp_conversation(records, A, B, port, 5094, hart_session(), cut=None if kept is None else TCP_HEADERS + kept)
        port += 1
    for kept in (None, 30):
        tcp_conversation(records, A, B, port, 23318, jxta_probes(), cut=None if kept is None else TCP_HEADERS + kept)
        port += 1
    for kept in (2, 3, 6):
        tcp_conversation(records, A, B, port, 80, port80_session(), cut=TCP_HEADERS + kept)
        port += 1
    # BOOTP: a request names its client by the hardware address it read (an Ethernet one and its
    # name, another as hex, none), a cut before it leaves Info empty; a message shorter than 240
    # bytes has no room for the magic cookie tshark reads anyway.
    ether = bytes.fromhex("0a002700000d")
    for payload, cuts in [(bootp(1, 1, 6, ether), (2, 20, 33, 34, 200)), (bootp(1, 1, 6, bytes.fromhex("00000c112233"), 236), ()),
                          (bootp(1, 6, 6, ether), ()), (bootp(1, 32, 0, b""), ()), (bootp(1, 32, 4, b"\x01\x02\x03\x04"), (31,)),
                          (bootp(1, 1, 5, b"\x01\x02\x03\x04\x05"), ()), (bootp(2, 1, 6, ether), (10,)), (bootp(3, 1, 6, ether, 236), ())]:
        frame = udp_frame(A, B, 68, 67, payload)
        records.append((frame, None))
        for kept in cuts:
            records.append((frame, UDP_HEADERS + kept))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "snaplen", "mixed-cut.pcap")
    write_pcap(path, [(f, cut, 1700000000 + i // 1000, (i % 1000) * 1000) for i, (f, cut) in enumerate(records)])


if __name__ == "__main__":
    main()
