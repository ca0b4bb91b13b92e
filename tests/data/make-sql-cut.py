#!/usr/bin/env python3
"""Writes snaplen/sql-cut.pcap: a MySQL session on 3306 (greeting, login, OK, a query and its result
set) and a DRDA session on port 50000 (EXCSAT with its parameters, an SQL statement chained to its
PRPSQLSTT, replies of several DSSs in one segment), each whole and then with every segment cut,
as a capture tool's snapshot length cuts them: inside MySQL's length and number, inside the
greeting's version and the login's user, inside a DSS's header, its parameters and an SQL text.
The MySQL session ends with commands tshark does not know (their bodies are not read)."""
import os
import struct

from pcapframes import tcp_conversation, write_pcap

CLIENT, SERVER = bytes([192, 0, 2, 7]), bytes([192, 0, 2, 33])
HEADERS = 54  # Ethernet, IPv4 and TCP without options: a cut keeps HEADERS + n payload bytes


def mysql_packet(number, body):
    return struct.pack("<I", len(body))[:3] + bytes([number]) + body


def mysql_session():
    greeting = (b"\x0a" + b"8.0.35-0+deb12u1\x00" + struct.pack("<I", 11) + b"abcdefgh\x00"
                + struct.pack("<HBHH", 0xFFFF, 255, 2, 0xDFFF) + bytes([21]) + bytes(10) + b"ijklmnopqrst\x00"
                + b"caching_sha2_password\x00")
    login = (struct.pack("<IIB", 0x000FA68D, 16777216, 255) + bytes(23) + b"alice\x00" + bytes([20]) + bytes(20)
             + b"shop\x00" + b"caching_sha2_password\x00")
    ok = b"\x00\x00\x00\x02\x00\x00\x00"
    query = b"\x03select name, price from items"
    return [(False, mysql_packet(0, greeting)), (True, mysql_packet(1, login)), (False, mysql_packet(2, ok)),
            (True, mysql_packet(0, query)),
            (False, mysql_packet(1, b"\x02") + mysql_packet(2, b"\x03def\x04shop" + bytes(40))),
            (True, mysql_packet(0, b"\x59" + bytes(30))), (True, mysql_packet(7, b"\x40" + bytes(30)))]


def ddm(codepoint, params=b""):
    return struct.pack("!HH", 4 + len(params), codepoint) + params


def dss(kind, correlator, body, chained=False):
    # length, magic, format (type, chain bit), correlation id, then the DDM
    return struct.pack("!HBBH", 6 + len(body), 0xD0, kind | (0x40 if chained else 0), correlator) + body


def param(codepoint, data):
    return struct.pack("!HH", 4 + len(data), codepoint) + data


def drda_session():
    excsat = dss(1, 1, ddm(0x1041, param(0x115E, b"db2jcc_application".ljust(40, b" "))
                            + param(0x1404, struct.pack("!HHHHHH", 0x1403, 7, 0x2407, 7, 0x240F, 7))
                            + param(0x1147, b"QDB2/LINUXX8664")))
    excsatrd = dss(2, 1, ddm(0x1443, param(0x116D, b"DB2INST1".ljust(20, b" ")) + param(0x1147, b"QDB2/LINUXX8664")
                             + param(0x115A, b"SQL11050")))
    prepare = dss(1, 2, ddm(0x200D, param(0x2110, b"SAMPLE".ljust(18, b" ")) + param(0x2113, bytes(68))), chained=True)
    statement = dss(3, 2, ddm(0x2414, b"\xff" + struct.pack("!I", 31) + b"SELECT NAME, PRICE FROM ITEMS  "))
    sqlcard = dss(3, 2, ddm(0x2408, b"\xff"), chained=True)
    sqldard = dss(3, 2, ddm(0x2411, b"\x00" + bytes(60) + b"NAME".ljust(30, b" ") + b"PRICE".ljust(30, b" ")))
    enduowrm = dss(2, 3, ddm(0x220C, param(0x1149, b"\x00\x04") + param(0x2115, b"\x01")
                             + param(0x2110, b"SAMPLE".ljust(18, b" "))), chained=True)
    unknown = dss(2, 4, ddm(0x0006, param(0x1149, b"\x00\x04")))  # a reply code point DRDA does not name
    return [(True, excsat), (False, excsatrd), (True, prepare + statement), (False, sqlcard + sqldard),
            (False, enduowrm + sqlcard), (False, unknown)]


def main():
    frames = []
    tcp_conversation(frames, CLIENT, SERVER, 40310, 3306, mysql_session())
    port = 40311
    for kept in (2, 3, 4, 5, 16, 36, 65):
        tcp_conversation(frames, CLIENT, SERVER, port, 3306, mysql_session(), cut=HEADERS + kept)
        port += 1
    tcp_conversation(frames, CLIENT, SERVER, 40410, 50000, drda_session())
    port = 40411
    for kept in (12, 14, 24, 40, 70, 100, 104):
        tcp_conversation(frames, CLIENT, SERVER, port, 50000, drda_session(), cut=HEADERS + kept)
        port += 1
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "snaplen", "sql-cut.pcap")
    write_pcap(path, [(f, cut, 1700000000 + i // 1000, (i % 1000) * 1000) for i, (f, cut) in enumerate(frames)])


if __name__ == "__main__":
    main()
