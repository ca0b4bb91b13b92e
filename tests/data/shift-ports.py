#!/usr/bin/env python3
"""shift-ports.py IN OUT SERVER_PORT DELTA: copy a classic pcap of Ethernet/IPv4 frames, adding
DELTA to the TCP client ports (the port that is not SERVER_PORT). A cut copy of a recording
then makes connections of its own when merged after the original (same ports and sequence
numbers would read as retransmissions). Checksums are left as they were (tshark does not check them)."""
import struct
import sys

src, dst, server, delta = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
data = bytearray(open(src, 'rb').read())
endian = '<' if data[:4] == b'\xd4\xc3\xb2\xa1' or data[:4] == b'\x4d\x3c\xb2\xa1' else '>'
off = 24
while off + 16 <= len(data):
    caplen = struct.unpack_from(endian + 'I', data, off + 8)[0]
    frame = off + 16
    if caplen >= 14 + 20 and data[frame + 12:frame + 14] == b'\x08\x00' and data[frame + 23] == 6:
        tcp = frame + 14 + (data[frame + 14] & 0x0f) * 4
        if tcp + 4 <= frame + caplen:
            sp, dp = struct.unpack_from('!HH', data, tcp)
            if sp != server:
                sp = (sp + delta) & 0xffff
            if dp != server:
                dp = (dp + delta) & 0xffff
            struct.pack_into('!HH', data, tcp, sp, dp)
    off = frame + caplen
open(dst, 'wb').write(data)
