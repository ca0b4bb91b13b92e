#!/usr/bin/env python3
"""Writes tests/data/syslog/syslog.pcap: syslog datagrams (UDP 514) with every priority from 0 to
191, priorities tshark reads oddly (none, out of range, no closing '>', leading zeros, four
digits, '<' alone), RFC 3164 and RFC 5424 messages, control bytes, UTF-8, a NUL; then the same
messages again with the snapshot length cutting each at every point of its first 16 bytes.
Deterministic: run it again and the file is the same.

usage: tests/data/make-syslog.py
"""
import os

from pcapframes import udp_frame, write_pcap

SRC = bytes([192, 0, 2, 10])
DST = bytes([192, 0, 2, 20])


def messages():
    out = [b"<%d>msg %d" % (pri, pri) for pri in range(192)]
    out += [b"<13>Dec  3 21:00:00 host app[12]: hello world\n", b"<191>", b"<192>over", b"<999>big", b"<>empty",
            b"no pri at all", b"<13", b"<1a>x", b"<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - 'su root' failed",
            b"<13>tab\there", b"<13>ctl\x01\x02\x7f", b"<13>utf8 \xc3\xa9 and a bad byte \xff", b"<0013>lead zeros",
            b"<13>trailing\r\n", b"<13>" + b"A" * 300, b"<14>x\x00after nul", b"<", b"<1>", b"x"]
    return out


def frame(payload, sport):
    return udp_frame(SRC, DST, sport, 514, payload)


def main():
    records = []
    for k, m in enumerate(messages()):
        records.append((frame(m, 40000 + k % 1000), None))
    for k, m in enumerate(messages()[190:]):
        f = frame(m, 41000 + k)
        for keep in range(1, min(len(m), 16) + 1):
            records.append((f, 42 + keep))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "syslog", "syslog.pcap")
    write_pcap(path, [(f, cut, 1700000000 + i // 1000, (i % 1000) * 1000) for i, (f, cut) in enumerate(records)])


if __name__ == "__main__":
    main()
