#!/usr/bin/env python3
"""Writes ldap/cldap.pcap: CLDAP (LDAP over UDP 389) as Active Directory's domain controller
locator uses it and beyond: a search for the Netlogon attribute with its filter, the entry and
the result in one datagram, the same in two, a failed search with an error message, a search
reference, an unbind whose length is in long form, an abandon, a datagram that is not LDAP, a
message whose length runs past the datagram; a second conversation with its own count of
results; then every datagram again cut at 60 bytes."""
import os

from pcapframes import udp_frame, write_pcap

A, B, C = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]), bytes([192, 0, 2, 3])


def tlv(tag, body):
    n = len(body)
    length = bytes([n]) if n < 128 else bytes([0x81, n]) if n < 256 else bytes([0x82, n >> 8, n & 255])
    return bytes([tag]) + length + body


def integer(v):
    return tlv(0x02, bytes([v]))


def octets(s):
    return tlv(0x04, s if isinstance(s, bytes) else s.encode())


def enum(v):
    return tlv(0x0a, bytes([v]))


def msg(mid, op):
    return tlv(0x30, integer(mid) + op)


def equal(attribute, value):
    return tlv(0xa3, octets(attribute) + octets(value))


def search(base, scope, flt, attributes):
    return tlv(0x63, octets(base) + enum(scope) + enum(0) + integer(0) + integer(0) + tlv(0x01, b"\x00") + flt
               + tlv(0x30, b"".join(octets(a) for a in attributes)))


def entry(dn, attribute, value):
    return tlv(0x64, octets(dn) + tlv(0x30, tlv(0x30, octets(attribute) + tlv(0x31, octets(value)))))


def done(code, dn="", message=""):
    return tlv(0x65, enum(code) + octets(dn) + octets(message))


def main():
    ping = tlv(0xa0, equal("DnsDomain", "example.com") + equal("Host", "WS01") + equal("NtVer", b"\x06\x00\x00\x00"))
    netlogon = b"\x17\x00\x00\x00" + bytes(range(60))
    datagrams = [
        (A, B, 50000, 389, msg(1, search("", 0, ping, ["Netlogon"]))),
        (B, A, 389, 50000, msg(1, entry("", "Netlogon", netlogon)) + msg(1, done(0))),
        (A, B, 50000, 389, msg(2, search("", 0, ping, ["Netlogon"]))),
        (B, A, 389, 50000, msg(2, entry("", "Netlogon", netlogon))),
        (B, A, 389, 50000, msg(2, done(0))),
        (A, B, 50001, 389, msg(3, search("dc=example,dc=com", 2, tlv(0x87, b"objectClass"), []))),
        (B, A, 389, 50001, msg(3, done(32, "dc=example,dc=com", "no such object"))),
        (B, A, 389, 50001, msg(3, tlv(0x73, octets("ldap://other.example.com/dc=example,dc=com")))),
        (A, B, 50002, 389, b"\x30\x84\x00\x00\x00\x05\x02\x01\x04\x42\x00"),
        (A, B, 50002, 389, msg(5, tlv(0x50, b"\x03"))),
        (A, B, 50003, 389, b"hello"),
        (A, B, 50004, 389, msg(6, search("", 0, ping, ["Netlogon"]))[:-10]),
        (C, B, 50000, 389, msg(7, search("", 1, ping, ["Netlogon", "objectGUID"]))),
        (B, C, 389, 50000, msg(7, entry("cn=a", "x", "1")) + msg(7, entry("cn=b", "x", "2")) + msg(7, done(0))),
    ]
    frames = [(udp_frame(*d), None) for d in datagrams] + [(udp_frame(*d), 60) for d in datagrams]
    here = os.path.dirname(os.path.abspath(__file__))
    write_pcap(os.path.join(here, "ldap", "cldap.pcap"),
               [(f, cut, 1700000000 + i // 1000, (i % 1000) * 1000) for i, (f, cut) in enumerate(frames)])


if __name__ == "__main__":
    main()
