#!/usr/bin/env python3
"""Writes sip/sip-rtp-crafted.pcap: RTP and RTCP on UDP ports that SIP's SDP announced, as tshark
follows them: a datagram before the INVITE (not yet RTP), static payload types, dynamic ones named
by a=rtpmap (Opus's dissector names its rows), RFC 4733 telephone events (named, ended, unknown,
cut short), RTCP on the next port and on RTP's own, RTP version 1, a header cut short; an offer
and an answer that map one type differently (a datagram takes its destination's map, an answer's
line also its offer's types), a third party, a port nobody announced; the same again with every
datagram but SIP's cut at 60 bytes."""
import os
import struct

from pcapframes import udp_frame, write_pcap

A, B, C = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 60]), bytes([192, 0, 2, 99])


def rtp(pt, seq, mark=False, payload=b"\x00" * 20, version=2):
    return bytes([version << 6, (0x80 if mark else 0) | pt]) + struct.pack("!HII", seq, 1000 * seq, 0x11223344) + payload


def event(e, end=False):
    return struct.pack("!BBH", e, (0x80 if end else 0) | 10, 160)


def sip(first, call, sdp):
    return (f"{first}\r\nVia: SIP/2.0/UDP 192.0.2.1:5060\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\n"
            f"Call-ID: {call}\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: {len(sdp)}\r\n\r\n" + sdp).encode()


def sdp(address, media):
    return f"v=0\r\no=- 1 1 IN IP4 {address}\r\ns=-\r\nc=IN IP4 {address}\r\nt=0 0\r\n" + media


def main():
    frames = [udp_frame(B, A, 9000, 7000, rtp(0, 1))]
    offer = sdp("192.0.2.1", "m=audio 7000 RTP/AVP 0 96 97 101\r\na=rtpmap:96 opus/48000/2\r\na=rtpmap:97 speex/8000\r\n"
                             "a=rtpmap:101 telephone-event/8000\r\nm=video 0 RTP/AVP 98\r\n")
    frames.append(udp_frame(A, B, 5060, 5060, sip("INVITE sip:b@example.com SIP/2.0", "call-1", offer)))
    seq = 2
    for pt in (0, 8, 96, 97, 18, 13, 9, 3):
        frames.append(udp_frame(B, A, 9000, 7000, rtp(pt, seq, pt == 0)))
        seq += 1
    for e in (0, 1, 9, 10, 11, 12, 15, 16, 17, 32, 36, 50, 64, 100, 192, 255):
        frames.append(udp_frame(B, A, 9000, 7000, rtp(101, seq, payload=event(e, e == 11))))
        seq += 1
    frames += [udp_frame(A, B, 7000, 9000, rtp(96, seq)), udp_frame(B, A, 9001, 7001, bytes([0x80, 200]) + struct.pack("!H", 6) + b"\x00" * 24),
               udp_frame(B, A, 9000, 7000, bytes([0x80, 201]) + struct.pack("!H", 1) + b"\x00" * 4),
               udp_frame(B, A, 9000, 7000, rtp(0, seq, version=1)), udp_frame(B, A, 9000, 7000, b"\x80\x00\x01"),
               udp_frame(B, A, 9000, 7000, rtp(101, seq, payload=b"\x01")), udp_frame(B, A, 9000, 7000, rtp(101, seq, payload=b"\x01\x80")),
               udp_frame(B, A, 9000, 7004, rtp(0, 5))]
    # An offer and an answer on other ports, one dynamic type mapped differently.
    offer = sdp("192.0.2.1", "m=audio 7010 RTP/AVP 96 101\r\na=rtpmap:96 opus/48000/2\r\na=rtpmap:101 telephone-event/8000\r\n")
    answer = sdp("192.0.2.60", "m=audio 8010 RTP/AVP 96\r\na=rtpmap:96 speex/8000\r\n")
    frames += [udp_frame(A, B, 5060, 5060, sip("INVITE sip:b@example.com SIP/2.0", "call-2", offer)),
               udp_frame(B, A, 5060, 5060, sip("SIP/2.0 200 OK", "call-2", answer))]
    ev = event(5)
    for src, dst, sp, dp, pt, payload in ((A, B, 7010, 8010, 96, None), (B, A, 8010, 7010, 96, None), (B, A, 8010, 7010, 101, ev),
                                          (C, B, 9999, 8010, 96, None), (C, A, 9999, 7010, 96, None), (A, C, 7010, 9999, 101, ev),
                                          (C, B, 9999, 8010, 101, ev)):
        frames.append(udp_frame(src, dst, sp, dp, rtp(pt, seq, payload=payload if payload else b"\x00" * 20)))
        seq += 1
    records = [(f, None) for f in frames] + [(f, None if f[36:38] == b"\x13\xc4" else 60) for f in frames]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sip", "sip-rtp-crafted.pcap")
    write_pcap(path, [(f, cut, 1700000000 + i // 1000, (i % 1000) * 1000) for i, (f, cut) in enumerate(records)])


if __name__ == "__main__":
    main()
