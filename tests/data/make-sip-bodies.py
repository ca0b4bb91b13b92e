#!/usr/bin/env python3
"""Writes sip/sip-bodies.pcap: SIP over UDP whose bodies go where tshark's media type table sends
them: PIDF and dialog-info XML (SIP/XML), SDP whatever the type's case or parameters (SIP/SDP),
sipfrag of one line and of several (SIP/sipfrag, ", with Sipfrag(...)"), ISUP of ITU and ANSI
(SIP/ISUP(ITU), ", ISUP:IAM"), JSON, text; types nobody
registers, "+xml" ones too, and message-summary (SIP shows them itself: nothing in the columns);
multipart bodies whose parts each go to their own type's dissector. Each as a NOTIFY and its 200.
Then SIP on other UDP ports (tshark's heuristic), and keep-alives, binary and other text on 5060.
Also sip/sip-tcp.pcap: SIP over TCP on its port and on another (tshark's heuristic): messages whole,
two in a segment, a header or a body split over segments (and a message after it), blank-line
keep-alives, data that starts no message, a message without Content-Length, one the FIN ends
before its body came."""
import os

from pcapframes import tcp_conversation, udp_frame, write_pcap

A, B = bytes([192, 0, 2, 5]), bytes([192, 0, 2, 90])
PIDF = (b'<?xml version="1.0"?>\r\n<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b"><tuple id="t">'
        b"<status><basic>open</basic></status></tuple></presence>\r\n")
DIALOG = b'<?xml version="1.0"?>\r\n<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="0" state="full" entity="sip:a@b"/>\r\n'
MWI = b"Messages-Waiting: yes\r\nMessage-Account: sip:*97@b\r\nVoice-Message: 2/8 (0/2)\r\n"
IAM = bytes.fromhex("0100490000030200070410003363214300")  # an ISUP Initial Address Message (SIP-T, SIP-I)
SDP = b"v=0\r\no=- 1 1 IN IP4 192.0.2.5\r\ns=-\r\nc=IN IP4 192.0.2.5\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"


def multipart(parts):
    return b"".join(b"--XyZ\r\nContent-Type: " + t + b"\r\n\r\n" + body + b"\r\n" for t, body in parts) + b"--XyZ--\r\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    bodies = [
        (b"application/pidf+xml", PIDF), (b"application/dialog-info+xml", DIALOG), (b"application/xml", PIDF),
        (b"application/reginfo+xml", DIALOG), (b"application/watcherinfo+xml", DIALOG), (b"application/pidf-diff+xml", PIDF),
        (b"application/simple-message-summary", MWI), (b"message/sipfrag", b"SIP/2.0 200 OK\r\n"),
        (b"message/sipfrag;version=2.0", b"SIP/2.0 100 Trying\r\nContent-Length: 0\r\n"), (b"text/plain", b"hello there\r\n"),
        (b"text/html", b"<b>x</b>"), (b"application/foo+xml", PIDF), (b"application/vnd.etsi.aoc+xml", DIALOG),
        (b"application/json", b'{"a":1}'), (b"Application/SDP", SDP), (b"application/sdp; charset=x", SDP),
        (b"application/x-foo", b"zz"), (b"application/octet-stream", b"zz"),
        (b"multipart/mixed;boundary=XyZ", multipart([(b"application/pidf+xml", PIDF), (b"text/plain", b"hi")])),
        (b"multipart/mixed;boundary=XyZ", multipart([(b"application/sdp", SDP), (b"application/x-foo", b"zz")])),
        (b"application/isup", IAM), (b"application/ISUP;version=itu-t92+;base=itu-t92+", IAM),
        (b"application/isup;version=ansi88", IAM), (b"application/isup; base=ansi92", IAM),
        (b"multipart/mixed;boundary=XyZ", multipart([(b"application/sdp", SDP), (b"application/isup;version=itu-t92+", IAM)])),
    ]
    frames = []
    for i, (ctype, body) in enumerate(bodies):
        for first in (b"NOTIFY sip:a@192.0.2.90 SIP/2.0", b"SIP/2.0 200 OK"):
            message = (first + b"\r\nVia: SIP/2.0/UDP 192.0.2.5:5060;branch=z9hG4bK%d\r\nFrom: <sip:a@b>;tag=1\r\n"
                       b"To: <sip:c@d>\r\nCall-ID: %d@b\r\nCSeq: 1 NOTIFY\r\nContent-Type: " % (i, i)
                       + ctype + b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
            frames.append(udp_frame(A, B, 5060, 5060, message))
    # SIP's heuristic takes a request or status line on any UDP port; on 5060 other text is UDP's.
    options = b"OPTIONS sip:a@b SIP/2.0\r\nCall-ID: 1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
    ok = b"SIP/2.0 200 OK\r\nCall-ID: 1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
    for sport, dport in [(5070, 5080), (40000, 5061), (6000, 7000)]:
        frames += [udp_frame(A, B, sport, dport, options), udp_frame(B, A, dport, sport, ok)]
    frames += [udp_frame(A, B, 5060, 5060, payload) for payload in (b"\r\n\r\n", b"\x00\x00\x00\x00", b"hello world\r\n")]
    write_pcap(os.path.join(here, "sip", "sip-bodies.pcap"), [(f, None, 1700000000 + i, 0) for i, f in enumerate(frames)])
    tcp(here)


def tcp(here):
    A, B = bytes([192, 0, 2, 5]), bytes([192, 0, 2, 90])

    def message(first, ctype, body, length=True):
        return (first + b"\r\nVia: SIP/2.0/TCP 192.0.2.5:5060;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\n"
                b"Call-ID: 1@b\r\nCSeq: 1 INVITE\r\n" + (b"Content-Type: " + ctype + b"\r\n" if ctype else b"")
                + (b"Content-Length: %d\r\n" % len(body) if length else b"") + b"\r\n" + body)

    invite = message(b"INVITE sip:c@d SIP/2.0", b"application/sdp", SDP)
    ok = message(b"SIP/2.0 200 OK", b"application/sdp", SDP)
    options = message(b"OPTIONS sip:c@d SIP/2.0", None, b"")
    notify = message(b"NOTIFY sip:c@d SIP/2.0", b"message/sipfrag", b"SIP/2.0 200 OK\r\n")
    conversations = [
        [(True, invite), (False, ok), (True, notify)],
        [(True, invite + options)],
        [(True, invite[:100]), (True, invite[100:])],
        [(True, invite[:-20]), (True, invite[-20:])],
        [(True, invite[:-20]), (True, invite[-20:] + options)],
        [(True, options + invite[:90]), (True, invite[90:] + notify)],
        [(True, b"\r\n\r\n"), (False, b"\r\n"), (True, options)],
        [(True, options), (True, b"garbage data here\r\n")],
        [(True, message(b"OPTIONS sip:c@d SIP/2.0", None, b"", length=False))],
        [(True, invite[:-20])],
    ]
    frames = []
    for i, segments in enumerate(conversations):
        tcp_conversation(frames, A, B, 40000 + i, 5060, segments)
    for i, segments in enumerate(conversations[:6]):
        tcp_conversation(frames, A, B, 41000 + i, 5070, segments)
    write_pcap(os.path.join(here, "sip", "sip-tcp.pcap"), [(f, cut, 1700001000 + i, 0) for i, (f, cut) in enumerate(frames)])


if __name__ == "__main__":
    main()
