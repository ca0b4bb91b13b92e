#!/usr/bin/env python3
"""Two BGP speakers on 127.0.0.1:179 (run as root): OPENs with capabilities, KEEPALIVEs, an
UPDATE of 600 prefixes (over two segments), several messages in one segment, a ROUTE-REFRESH, a
withdrawal, a NOTIFICATION (Cease). For bgp.pcap."""
import socket, struct, threading, time
M = b'\xff' * 16
def msg(t, body): return M + struct.pack('!HB', 19 + len(body), t) + body
def open_msg(asn, bid):
    caps = bytes([1, 4, 0, 1, 0, 1]) + bytes([2, 0]) + bytes([65, 4]) + struct.pack('!I', asn)
    opt = bytes([2, len(caps)]) + caps
    return msg(1, struct.pack('!BHH4sB', 4, asn if asn < 65536 else 23456, 90, socket.inet_aton(bid), len(opt)) + opt)
KEEP = msg(4, b'')
def update(prefixes, withdrawn=b''):
    attrs = bytes([0x40, 1, 1, 0]) + bytes([0x40, 2, 6, 2, 1]) + struct.pack('!I', 65002) + bytes([0x40, 3, 4]) + socket.inet_aton('127.0.0.2')
    nlri = b''.join(bytes([24]) + socket.inet_aton(p)[:3] for p in prefixes)
    return msg(2, struct.pack('!H', len(withdrawn)) + withdrawn + struct.pack('!H', len(attrs)) + attrs + nlri)
NOTIF = msg(3, bytes([6, 2]) + b'bye')
RR = msg(5, struct.pack('!HBB', 1, 0, 1))
def server():
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', 179)); s.listen(1)
    c, _ = s.accept()
    c.recv(4096); c.sendall(open_msg(65002, '127.0.0.2')); time.sleep(0.1)
    c.recv(4096); c.sendall(KEEP); time.sleep(0.1)
    c.sendall(update(['10.%d.%d.0' % (i // 256, i % 256) for i in range(600)])); time.sleep(0.2)
    c.sendall(KEEP + update(['192.168.1.0'])); time.sleep(0.2)
    c.recv(4096); c.sendall(NOTIF); time.sleep(0.1); c.close(); s.close()
t = threading.Thread(target=server); t.start(); time.sleep(0.2)
c = socket.create_connection(('127.0.0.1', 179))
c.sendall(open_msg(4200000001, '127.0.0.1')); time.sleep(0.1)
c.sendall(KEEP); time.sleep(0.3)
c.sendall(RR + KEEP + update([], bytes([24, 10, 0, 1]))); time.sleep(0.5)
c.recv(65536); time.sleep(0.2); c.close(); t.join()
