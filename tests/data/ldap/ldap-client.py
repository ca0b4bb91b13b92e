#!/usr/bin/env python3
"""An LDAP client that writes what ldapsearch never does: three requests in one segment, an
abandon, and an unbind split over two segments (for ldap.pcap; needs slapd on 127.0.0.1:389)."""
import socket, sys, time
def tlv(tag, body):
    n = len(body)
    if n < 128: l = bytes([n])
    elif n < 256: l = bytes([0x81, n])
    else: l = bytes([0x82, n >> 8, n & 255])
    return bytes([tag]) + l + body
def msg(i, op):
    return tlv(0x30, tlv(0x02, bytes([i])) + op)
def s(x): return tlv(0x04, x.encode())
bind = msg(1, tlv(0x60, tlv(0x02, b'\x03') + s('') + tlv(0x80, b'')))
def search(i, base, scope=2, flt=None):
    flt = flt or tlv(0x87, b'objectClass')
    return msg(i, tlv(0x63, s(base) + tlv(0x0a, bytes([scope])) + tlv(0x0a, b'\x00') + tlv(0x02, b'\x00') + tlv(0x02, b'\x00') + tlv(0x01, b'\x00') + flt + tlv(0x30, b'')))
unbind = msg(9, tlv(0x42, b''))
c = socket.create_connection(('127.0.0.1', 389))
c.sendall(bind + search(2, 'dc=example,dc=test') + search(3, 'cn=nobody,dc=example,dc=test', 0))
time.sleep(0.5)
# abandon, unknown op, and an unbind split over two segments
c.sendall(msg(4, tlv(0x50, b'\x02')) + unbind[:4]); time.sleep(0.2); c.sendall(unbind[4:])
time.sleep(0.3); c.close()
