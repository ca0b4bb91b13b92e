#!/usr/bin/env python3
"""Writes smb/smb2-crafted.pcap: SMB2 over NBSS as tshark names it, beyond what a Samba session
shows: compound requests and responses (related and not), two NBSS messages in one segment, a
keep-alive, an unknown command, error answers to every command, unknown status and FSCTL codes, every class of
GetInfo/SetInfo, a rename, Flush/Lock/Notify/Break on a named handle, an Ioctl response with one,
handles nobody opened, a Create that failed, Kerberos and NTLMSSP blobs (OEM and Unicode), a
message split across segments and one spanning many, a header cut by the segment, a Read
response past its segment; NBSS's other messages and continuations; port 139 with a session request; then the whole first conversation
again with every segment cut at 90 bytes."""
import os
import struct

from pcapframes import tcp_conversation, write_pcap

CLIENT, SERVER = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])


def u16(s):
    return s.encode("utf-16-le")


def header(cmd, mid, response=False, status=0, next_cmd=0, related=False):
    flags = (1 if response else 0) | (4 if related else 0)
    return struct.pack("<4sHHIHHIIQIIQ16s", b"\xfeSMB", 64, 0, status, cmd, 1, flags, next_cmd, mid, 0, 1, 0x1234, b"\0" * 16)


def fid(n):
    return struct.pack("<QQ", n, 0x1000 + n)


NOFID = b"\xff" * 16


def create_req(name):
    n = u16(name)
    return struct.pack("<HBBIQQIIIIIHHII", 57, 0, 0, 2, 0, 0, 0x80, 0, 7, 1, 0, 120, len(n), 0, 0) + (n or b"\0")


def create_resp(f):
    return struct.pack("<HBBI", 89, 0, 0, 1) + b"\0" * 48 + struct.pack("<II", 0x80, 0) + f + struct.pack("<II", 0, 0)


def error_body():
    return struct.pack("<HBBI", 9, 0, 0, 0) + b"\0"


def close_req(f):
    return struct.pack("<HHI", 24, 0, 0) + f


def getinfo_req(cls, level, f):
    return struct.pack("<HBBIHHIII", 41, cls, level, 1024, 0, 0, 0, 0, 0) + f + b"\0"


def setinfo_req(cls, level, f, buf):
    return struct.pack("<HBBIHHI", 33, cls, level, len(buf), 96, 0, 0) + f + buf


def rename_info(name):
    n = u16(name)
    return struct.pack("<B7sQI", 0, b"\0" * 7, 0, len(n)) + n


def read_req(f, length, offset):
    return struct.pack("<HBBIQ", 49, 0, 0, length, offset) + f + struct.pack("<IIIHH", 0, 0, 0, 0, 0) + b"\0"


def read_resp(data):
    return struct.pack("<HBBIII", 17, 80, 0, len(data), 0, 0) + data


def write_req(f, data, offset=0):
    return struct.pack("<HHIQ", 49, 112, len(data), offset) + f + struct.pack("<IIHHI", 0, 0, 0, 0, 0) + data


def ioctl_req(code, f, data=b""):
    return struct.pack("<HHI", 57, 0, code) + f + struct.pack("<IIIIIIII", 120 if data else 0, len(data), 0, 0, 0, 1024, 1, 0) + data


def ioctl_resp(code, f):
    return struct.pack("<HHI", 49, 0, code) + f + struct.pack("<IIIIII", 112, 0, 112, 0, 0, 0)


def simple(size=4):
    return struct.pack("<HH", size, 0)


def tree_req(path):
    p = u16(path)
    return struct.pack("<HHHH", 9, 0, 72, len(p)) + p


def session_req(blob):
    return struct.pack("<HBBIIHHQ", 25, 0, 1, 0, 0, 88, len(blob), 0) + blob


def session_resp(blob):
    return struct.pack("<HHHH", 9, 0, 72, len(blob)) + blob


def find_req(f, pattern, level=37):
    p = u16(pattern)
    return struct.pack("<HBBI", 33, level, 0, 0) + f + struct.pack("<HHI", 96, len(p), 65536) + p


def flush_req(f):
    return struct.pack("<HHI", 24, 0, 0) + f


def lock_req(f):
    return struct.pack("<HHI", 48, 1, 0) + f + struct.pack("<QQII", 0, 10, 2, 0)


def notify_req(f):
    return struct.pack("<HHI", 32, 0, 4096) + f + struct.pack("<II", 0x17, 0)


def break_req(f):
    return struct.pack("<HBBI", 24, 0, 0, 0) + f


def ntlm_negotiate():
    return b"NTLMSSP\0" + struct.pack("<II", 1, 0xe2088297) + b"\0" * 16


def ntlm_challenge():
    return b"NTLMSSP\0" + struct.pack("<IHHII", 2, 0, 0, 56, 0xe2898215) + b"\x11" * 8 + b"\0" * 8 + b"\0" * 8 + b"\0" * 8


def ntlm_auth(domain, user, unicode=True):
    enc = (lambda s: s.encode("utf-16-le")) if unicode else (lambda s: s.encode("ascii"))
    d, u, w = enc(domain), enc(user), enc("HOST")
    base = 72  # after the flags and an 8-byte version
    fields = []
    data = b""
    for value in (b"\0" * 24, b"\0" * 24, d, u, w, b""):
        fields.append(struct.pack("<HHI", len(value), len(value), base + len(data)))
        data += value
    flags = 0xe2888215 if unicode else 0xe2888214
    return b"NTLMSSP\0" + struct.pack("<I", 3) + b"".join(fields) + struct.pack("<I", flags) + b"\x0a\x00\x63\x45\0\0\0\x0f" + data


def nbss(*messages):
    """One NBSS session message holding `messages` (SMB2 header + body pairs) as a chain."""
    out = b""
    for i, (h, body) in enumerate(messages):
        msg = h + body
        if i + 1 < len(messages):
            msg += b"\0" * (-len(msg) % 8)
            msg = msg[:20] + struct.pack("<I", len(msg)) + msg[24:]
        out += msg
    return struct.pack(">I", len(out)) + out


def req(cmd, mid, body, **kw):
    return header(cmd, mid, **kw), body


def resp(cmd, mid, body, status=0, **kw):
    return header(cmd, mid, response=True, status=status, **kw), body


def session():
    s = []
    c = lambda *m: s.append((True, nbss(*m)))
    r = lambda *m: s.append((False, nbss(*m)))
    c(req(0, 0, struct.pack("<HHHHI16sIHH", 36, 1, 1, 0, 0, b"\0" * 16, 0, 0, 0) + struct.pack("<H", 0x311)))
    r(resp(0, 0, struct.pack("<HHHH", 65, 1, 0x311, 0) + b"\0" * 57))
    c(req(1, 1, session_req(ntlm_negotiate())))
    r(resp(1, 1, session_resp(ntlm_challenge()), status=0xc0000016))
    c(req(1, 2, session_req(ntlm_auth("EXAMPLE", "carol", unicode=False))))
    r(resp(1, 2, error_body(), status=0xc000006d))
    c(req(1, 3, session_req(ntlm_auth("", "dave"))))
    r(resp(1, 3, session_resp(b"")))
    c(req(1, 4, session_req(bytes.fromhex("6082") + b"\0" * 20)))  # a Kerberos-looking blob
    r(resp(1, 4, error_body(), status=0xc0000022))
    c(req(3, 5, tree_req("\\\\server\\data")))
    r(resp(3, 5, struct.pack("<HBBIII", 16, 1, 0, 0, 0, 0x1f01ff)))
    # A compound: Create, then GetInfo and Close on the handle it opens (related), and the answers.
    c(req(5, 6, create_req("dir\\report.txt")), req(16, 7, getinfo_req(1, 18, NOFID), related=True),
      req(6, 8, close_req(NOFID), related=True))
    r(resp(5, 6, create_resp(fid(1))), resp(16, 7, struct.pack("<HHI", 9, 72, 0) + b"\0", related=True),
      resp(6, 8, struct.pack("<HHI", 60, 0, 0) + b"\0" * 52, related=True))
    c(req(5, 9, create_req("data.bin")))
    r(resp(5, 9, create_resp(fid(2))))
    c(req(7, 10, flush_req(fid(2))))
    r(resp(7, 10, simple()))
    c(req(10, 11, lock_req(fid(2))))
    r(resp(10, 11, simple()))
    c(req(15, 12, notify_req(fid(2))))
    r(resp(15, 12, error_body(), status=0x103))
    c(req(18, 13, break_req(fid(2))))
    r(resp(18, 13, break_req(fid(2))))
    r(resp(18, 0xffffffffffffffff, break_req(fid(2))))
    lease = struct.pack("<HHI16sI", 36, 0, 0, b"\x42" * 16, 7) + b"\0" * 16
    c(req(18, 40, lease))
    r(resp(18, 40, lease))
    r(resp(18, 0xffffffffffffffff, struct.pack("<HHI", 44, 1, 1) + b"\x42" * 16 + b"\0" * 20))
    c(req(11, 14, ioctl_req(0x001401fc, fid(2))))
    r(resp(11, 14, ioctl_resp(0x001401fc, fid(2))))
    c(req(11, 41, ioctl_req(0x00090000 | (0x77 << 2), fid(2))))
    r(resp(11, 41, ioctl_resp(0x00090000 | (0x77 << 2), fid(2))))
    c(req(11, 42, ioctl_req(0, fid(2))))
    r(resp(11, 42, error_body(), status=0xc0000010))
    c(req(11, 15, ioctl_req(0x00abcdef, fid(2))))
    r(resp(11, 15, error_body(), status=0xc0abcdef))
    c(req(11, 16, ioctl_req(0x00060194, NOFID, struct.pack("<H", 4) + u16("\\server\\data\\x") + b"\0\0")))
    r(resp(11, 16, error_body(), status=0xc0000225))
    for cls, level in ((1, 5), (1, 99), (2, 1), (2, 11), (3, 0), (4, 0), (9, 1)):
        c(req(16, 17, getinfo_req(cls, level, fid(2))))
        r(resp(16, 17, struct.pack("<HHI", 9, 72, 0) + b"\0"))
    c(req(17, 18, setinfo_req(1, 10, fid(2), rename_info("renamed.bin"))))
    r(resp(17, 18, simple(2)))
    c(req(17, 19, setinfo_req(1, 20, fid(2), struct.pack("<Q", 4096))))
    r(resp(17, 19, simple(2)))
    c(req(8, 20, read_req(fid(77), 100, 5)))
    r(resp(8, 20, error_body(), status=0xc0000008))
    c(req(9, 21, write_req(fid(2), b"x" * 300, 4096)))
    r(resp(9, 21, struct.pack("<HHIIHH", 17, 0, 300, 0, 0, 0)))
    c(req(14, 22, find_req(fid(1), "*.txt", 3)))
    r(resp(14, 22, error_body(), status=0x80000006))
    c(req(14, 23, find_req(fid(1), "a", 55)))
    r(resp(14, 23, error_body(), status=0x80000006))
    # Two NBSS messages in one segment, and a keep-alive.
    s.append((True, nbss(req(13, 24, simple())) + nbss(req(13, 25, simple()))))
    s.append((False, nbss(resp(13, 24, simple())) + nbss(resp(13, 25, simple(), status=0xdeadbeef))))
    s.append((True, b"\x85\0\0\0"))
    # Not related: two unrelated commands chained.
    c(req(13, 26, simple()), req(12, 27, simple()))
    r(resp(13, 26, simple()), resp(12, 27, simple(), status=0xc0000120))
    c(req(0x20, 28, simple()))
    r(resp(0x20, 28, error_body(), status=0xc0000010))
    # Every command answering with an error, in a body too short for an error body: only the
    # commands that look at the status read one.
    for cmd in range(19):
        for status in (0xc0000022, 0x80000005):
            r(resp(cmd, 100 + cmd, simple(), status=status))
    # NBSS: too short for a header, a session message that is not SMB, an empty one, the
    # negative and retarget answers.
    s.append((True, b"\x00\x00"))
    s.append((True, b"\x00\x00\x00\x05hello"))
    s.append((True, b"\x00\x00\x00\x00"))
    s.append((False, b"\x83\x00\x00\x01\x82"))
    s.append((False, b"\x84\x00\x00\x06\x01\x02\x03\x04\x01\xbd"))
    # A Read response of 3 000 bytes, and a Write request over three segments.
    c(req(8, 29, read_req(fid(2), 3000, 0)))
    rr = nbss(resp(8, 29, read_resp(b"r" * 3000)))
    s.append((False, rr[:1000]))
    s.append((False, rr[1000:2000]))
    s.append((False, rr[2000:]))
    wr = nbss(req(9, 30, write_req(fid(2), b"w" * 2000)))
    s.append((True, wr[:40]))
    s.append((True, wr[40:1500]))
    s.append((True, wr[1500:]))
    r(resp(9, 30, struct.pack("<HHIIHH", 17, 0, 2000, 0, 0, 0)))
    c(req(6, 31, close_req(fid(2))))
    r(resp(6, 31, struct.pack("<HHI", 60, 0, 0) + b"\0" * 52))
    c(req(5, 32, create_req("missing.txt")))
    r(resp(5, 32, error_body(), status=0xc0000034))
    c(req(4, 33, simple()))
    r(resp(4, 33, simple()))
    c(req(2, 34, simple()))
    r(resp(2, 34, simple()))
    return s


def main():
    frames = []
    tcp_conversation(frames, CLIENT, SERVER, 49152, 445, session())
    # Port 139: a session request and its positive answer, then SMB2.
    called = b" " + b"EJFDEBFEEBFACACACACACACACACACAAA" + b"\0"
    calling = b" " + b"EDEMEJEFEOFEEBFACACACACACACACAAA" + b"\0"
    tcp_conversation(frames, CLIENT, SERVER, 49153, 139, [
        (True, b"\x81\0" + struct.pack(">H", len(called + calling)) + called + calling),
        (False, b"\x82\0\0\0"),
        (True, nbss(req(0, 0, struct.pack("<HHHHI16sIHH", 36, 1, 1, 0, 0, b"\0" * 16, 0, 0, 0) + struct.pack("<H", 0x210)))),
        (False, nbss(resp(0, 0, struct.pack("<HHHH", 65, 1, 0x210, 0) + b"\0" * 57))),
    ])
    tcp_conversation(frames, CLIENT, SERVER, 49154, 445, session(), cut=90)
    here = os.path.dirname(os.path.abspath(__file__))
    write_pcap(os.path.join(here, "smb", "smb2-crafted.pcap"),
               [(f, cut, 1700000000 + i // 1000, (i % 1000) * 1000) for i, (f, cut) in enumerate(frames)])


if __name__ == "__main__":
    main()
