#!/usr/bin/env python3
"""Two IRC clients against an IRC server on 127.0.0.1:6667 (ngircd): registration, a channel,
messages and a CTCP action, several commands in one segment, an unknown command, a prefixed line.
For irc.pcap."""
import socket, time
def client(nick, lines, wait=0.4):
    c = socket.create_connection(('127.0.0.1', 6667)); c.settimeout(0.5)
    out = b''
    for l in lines:
        c.sendall(l.encode() + b'\r\n'); time.sleep(wait)
        try:
            out += c.recv(65536)
        except socket.timeout:
            pass
    return c
a = client('alice', ['NICK alice', 'USER alice 0 * :Alice Liddell', 'JOIN #lab', 'TOPIC #lab :rabbit holes'])
b = client('bob', ['NICK bob', 'USER bob 0 * :Bob', 'JOIN #lab', 'PRIVMSG #lab :hello alice', 'NOTICE alice :psst'])
a.sendall(b'PRIVMSG bob :\x01ACTION waves\x01\r\nWHOIS bob\r\nMODE #lab +t\r\n'); time.sleep(0.4)
b.sendall(b'PING :x\r\nLIST\r\nNAMES #lab\r\nPART #lab :bye\r\nQUIT :done\r\n'); time.sleep(0.4)
a.sendall(b'bogus command here\r\n:prefix PRIVMSG #lab :with prefix\r\nQUIT\r\n'); time.sleep(0.5)
a.close(); b.close()
