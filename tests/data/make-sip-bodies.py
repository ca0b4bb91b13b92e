#!/usr/bin/env python3
"""Writes sip/sip-bodies.pcap: SIP over UDP whose bodies go where tshark's media type table sends
them: PIDF and dialog-info XML (SIP/XML), SDP whatever the type's case or parameters (SIP/SDP),
sipfrag of one line and of several (SIP/sipfrag, ", with Sipfrag(...)"), JSON, text; types nobody
registers, "+xml" ones too, and message-summary (SIP shows them itself: nothing in the columns);
multipart bodies whose parts each go to their own type's dissector. Each as a NOTIFY and its 200."""
import os

from pcapframes import udp_frame, write_pcap

A, B = bytes([192, 0, 2, 5]), bytes([192, 0, 2, 90])
PIDF = (b'<?xml version="1.0"?>\r\n<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b"><tuple id="t">'
        b"<status><basic>open</basic></status></tuple></presence>\r\n")
DIALOG = b'<?xml version="1.0"?>\r\n<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="0" state="full" entity="sip:a@b"/>\r\n'
MWI = b"Messages-Waiting: yes\r\nMessage-Account: sip:*97@b\r\nVoice-Message: 2/8 (0/2)\r\n"
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
    ]
    frames = []
    for i, (ctype, body) in enumerate(bodies):
        for first in (b"NOTIFY sip:a@192.0.2.90 SIP/2.0", b"SIP/2.0 200 OK"):
            message = (first + b"\r\nVia: SIP/2.0/UDP 192.0.2.5:5060;branch=z9hG4bK%d\r\nFrom: <sip:a@b>;tag=1\r\n"
                       b"To: <sip:c@d>\r\nCall-ID: %d@b\r\nCSeq: 1 NOTIFY\r\nContent-Type: " % (i, i)
                       + ctype + b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
            frames.append(udp_frame(A, B, 5060, 5060, message))
    write_pcap(os.path.join(here, "sip", "sip-bodies.pcap"), [(f, None, 1700000000 + i, 0) for i, f in enumerate(frames)])


if __name__ == "__main__":
    main()
