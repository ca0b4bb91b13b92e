#!/usr/bin/env python3
"""Writes http/httplines.pcap: HTTP on port 80 as tshark's HTTP reads it, segment by segment and
reassembled. Lines that end in a lone LF or a lone CR as well as CR LF; a request whose header never
ends (the server's data after it is HTTP's continuation only once a request was read: without
reassembly at once, with it never); replies only (their other data stays TCP's); data sent before
the request it answers; requests the server acknowledged before they arrived (spurious
retransmissions, which tshark hands on only without reassembly); several messages in a segment,
what follows a message there (also after one reassembled, or a chunked one); headers that end
inside a line; a stray CR LF before a message. Then all of it cut at 80 bytes.
Also writes http/httpheaders.pcap: header fields as HTTP's two readers take them (reassembly:
"Content-Length:" a whole number, "Transfer-Encoding:" starting "chunked"; the dissector: a
number then white space, codings named with case, a Transfer-Encoding overriding the length, a
line without a colon starting the body, chunks that run past the segment), methods beyond the
common ones, notifications whose body runs to the end, MS-RPCH's oversized lengths.
Also http/httpbodies.pcap, http/httpmedia.pcap and http/httpgaps.pcap (see bodies(), media() and
gaps())."""
import gzip
import os
import zlib

from pcapframes import tcp_conversation, tcp_frame, write_pcap

A, B = bytes([192, 0, 2, 5]), bytes([192, 0, 2, 90])


def acked_before_sent(frames, cport, request, reply):
    """The server acknowledges the request before it is captured, replies, then the request arrives."""
    c, s = 1000, 5000
    frames.append(tcp_frame(A, B, cport, 80, c, 0, 0x02, b""))
    frames.append(tcp_frame(B, A, 80, cport, s, c + 1, 0x12, b""))
    frames.append(tcp_frame(A, B, cport, 80, c + 1, s + 1, 0x10, b""))
    frames.append(tcp_frame(B, A, 80, cport, s + 1, c + 1 + len(request), 0x10, b""))
    frames.append(tcp_frame(B, A, 80, cport, s + 1, c + 1 + len(request), 0x18, reply))
    frames.append(tcp_frame(A, B, cport, 80, c + 1, s + 1, 0x18, request))
    frames.append(tcp_frame(B, A, 80, cport, s + 1 + len(reply), c + 1 + len(request), 0x18, b"<html>after\n"))


def main():
    pairs = []
    unended = b"GET /x HTTP/1.1\r\nHost: a\r\n"
    reply = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
    for port, segments in [
        (40001, [(True, unended), (False, b"<html>text here\n</html>\n")]),
        (40002, [(True, unended), (False, b"\x00\x01\x02binary")]),
        (40003, [(False, reply), (False, b"<html>more\n")]),
        (40004, [(False, reply), (False, b"\x00\x01binary")]),
        (40005, [(False, b"<html>early\n"), (True, b"GET / HTTP/1.1\r\n\r\n"), (False, b"<html>late\n")]),
        (40006, [(False, b"<html>early\n"), (True, b"GET / HTTP/1.1\r\n"), (True, b"Host: b\r\n\r\n"), (False, b"\x00late\n")]),
        (40007, [(True, b"GET /bad.html \n"), (False, b"<html>x\n"), (False, b"\x00bin")]),
        (40008, [(True, b"GET /lf HTTP/1.0\nHost: x\n\n"), (False, b"HTTP/1.0 200 OK\nContent-Length: 4\n\nabcd"),
                 (False, b"<p>more\n")]),
        (40009, [(True, b"GET /lf HTTP/1.0\nHost: x\n"), (True, b"\n"), (False, b"HTTP/1.0 200 OK\nContent-Length: 4\n"),
                 (False, b"\nab"), (False, b"cd")]),
        (40010, [(True, b"GET /cr HTTP/1.0\rHost: x\r\r"), (False, b"HTTP/1.0 200 OK\r\n\r\n")]),
        (40011, [(True, b"GET /mix HTTP/1.1\r\nHost: x\n\r\n"), (False, b"HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\nhi")]),
        (40012, [(True, b"GET /cr HTTP/1.1\rHost: y\r\n\r\n"), (False, b"HTTP/1.1 200 OK\rContent-Length: 3\r\r\nabc")]),
        (40013, [(False, reply), (False, b"<html>no end"), (False, b" more\n"), (False, b"<p>" + b"x" * 80 + b"\n")]),
        (40015, [(True, b"GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n"),
                 (False, b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
                 (False, b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok\x00\x01"),
                 (False, b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokabc\r\ndef"),
                 (False, b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA"), (False, b"MORE\r"), (False, b"\n")]),
        (40016, [(False, b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokmore text\n"), (False, b"abc"), (False, b"def\nghi")]),
        (40017, [(True, b"GET /a HTTP/1.1\r\nHo"), (True, b"st: x\r\n\r\nGET /b HTTP/1.1\r\n\r\n"),
                 (False, b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab"), (False, b"cdHTTP/1.1 204 No Content\r\n\r\n"),
                 (False, b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab"), (False, b"cdmore\n"),
                 (False, b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab"), (False, b"cd\x00\x01\x02")]),
        (40018, [(True, b"GET /a HTTP/1.1\r\nHost: x"), (True, b"\r\nfoo bar\r\nHo"), (True, b"\r\n\r\n"),
                 (False, b"HTTP/1.1 200 OK\r\nServer: y\r\nCont")]),
        (40019, [(True, b"POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\nGET /b HTTP/1.1\r\n\r\n"),
                 (False, b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n"
                         b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
                 (False, b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nmore text\n")]),
        (40020, [(True, b"\r\nGET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n"), (True, b"\r\n"),
                 (False, b"\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")]),
        (40014, [(True, unended), (False, b"<html>no end"), (False, b" more\n"), (False, b"<p>" + b"y" * 80 + b"\n"),
                 (False, bytes(90))]),
    ]:
        tcp_conversation(pairs, A, B, port, 80, segments)
    frames = [frame for frame, _ in pairs]
    acked_before_sent(frames, 40101, b"GET / HTTP/1.1\r\n\r\n", b"<html>x\n")
    acked_before_sent(frames, 40102, b"GET / HTTP/1.1\r\n", b"<html>x\n")
    acked_before_sent(frames, 40103, b"GET / HTTP/1.1\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    here = os.path.dirname(os.path.abspath(__file__))
    write_pcap(os.path.join(here, "http", "httplines.pcap"), [(f, None, 1000 + i, 0) for i, f in enumerate(frames)])
    # The same cut at 80 bytes: 26 bytes of each payload, read as captured (never reassembled).
    # Then a reply followed by text or binary, cut 1, 2 and 4 bytes after the message: the check
    # for a stray CR LF reads two bytes; binary is read no further than captured.
    cut = [(f, 80) for f in frames]
    port = 40200
    for tail in (b"more text here\n", b"\x00\x01\x02\x03\x04\x05"):
        for after in (1, 2, 4):
            message = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
            tcp_conversation(cut, A, B, port, 80, [(True, b"GET / HTTP/1.1\r\n\r\n"), (False, message + tail)],
                             cut=54 + len(message) + after)
            port += 1
    write_pcap(os.path.join(here, "http", "httplines-cut80.pcap"), [(f, c, 1000 + i, 0) for i, (f, c) in enumerate(cut)])

    headers(here)
    bodies(here)
    media(here)
    gaps(here)


def headers(here):
    get = b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
    ok0 = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
    json = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
    chunked = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
    replies = [
        json + b"bogus\r\nContent-Length: 2\r\n\r\n{}",
        json + b"bogus\r\n{}",
        b"HTTP/1.1 200 OK\r\nContent-Type : application/json\r\nContent-Length : 2\r\n\r\n{}",
        json + b"Content-Length: 2 x\r\n\r\n{}GET",
        json + b"Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
        json + b"Content-Length: 0x2\r\n\r\n{}",
        json + b"Transfer-Encoding: Chunked\r\nContent-Length: 2\r\n\r\n{}GET",
        json + b"Transfer-Encoding: identity\r\nContent-Length: 2\r\n\r\n{}GET",
        json + b"Content-Encoding: compress\r\nContent-Length: 2\r\n\r\n{}",
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json ; x=1\r\nContent-Length: 2\r\n\r\n{}",
        json + b"Content-Length: +2\r\n\r\n{}GET",
        b"ICY 200 OK\r\nContent-Type: application/json\r\n\r\n{}",
        json + b"Content-Length: 2 \r\n\r\n{}GET",
        json + b"Content-Length: 2\r\nContent-Length: x\r\n\r\n{}GET",
        json + b"Content-Encoding: identity\r\nContent-Length: 2\r\n\r\n{}",
        chunked + b"3\r\nabc",
        chunked + b"3\r\nabc\r",
        chunked + b"3\r\nabc\r\n0\r\nfoo",
        chunked + b"30\r\nabc",
        chunked + b"3\r\nabc\r\n0\r\nX: y\r\n\r\nGET",
        chunked + b"zz\r\nabc\r\n0\r\n\r\n",
    ]
    conversations = [[(True, get), (False, reply)] for reply in replies] + [
        [(True, get), (False, json + b"Content-Length: 4\r\n\r\n{}"), (False, b"{}")],
        [(True, get), (False, json + b"Content-Length: 2\r\n"), (False, b"Content-Length: x\r\n\r\n{}GET")],
        [(True, get), (False, chunked + b"3\r\nab"), (False, b"c\r\n0\r\n\r\n")],
        [(True, b"POST /a HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip\r\n\r\n{}"),
         (False, b"HTTP/1.1 204 No Content\r\n\r\n")],
        [(True, b"NOTIFY /a HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{}"), (False, ok0)],
        [(True, b"NOTIFY /a HTTP/1.1\r\nContent-Type: application/json\r\n"), (True, b"\r\n{}"), (False, ok0)],
        [(True, b"GET\r\nHost: x\r\n\r\n"), (False, ok0)],
        [(True, b"POLL /x HTTP/1.1\r\nHost: x\r\n\r\n"), (False, ok0)],
        [(True, b"M-POST /a HTTP/1.1\r\nHost: x\r\n\r\n"), (False, ok0)],
        [(True, b"RPC_IN_DATA /rpc HTTP/1.1\r\nContent-Length: 1073741824\r\n\r\nabcd"), (True, b"efgh"), (False, ok0)],
    ]
    pairs = []
    for i, segments in enumerate(conversations):
        tcp_conversation(pairs, A, B, 41001 + i, 80, segments)
    write_pcap(os.path.join(here, "http", "httpheaders.pcap"), [(f, None, 2000 + i, 0) for i, (f, _) in enumerate(pairs)])


def bodies(here):
    """http/httpbodies.pcap: bodies as tshark's media dissectors take them. Image types and none,
    each with a JFIF, Exif, Photoshop (not JFIF), short, PNG, GIF or other body (the type's own
    dissector, else HTTP's heuristic ones, else media or data); JFIF, PNG and GIF files whose
    reading runs past their end; bodies split over segments (read without reassembly as far as
    the segment goes); gzip bodies inflated in part, or not at all; OCSP cut; continuations that
    start with text, read as header lines and a body."""
    jfif_head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    jfif = jfif_head + b"\xff\xdb\x00\x04\x00\x00" + b"x" * 30 + b"\xff\xd9"
    exif_ifd = (b"\xff\xd8\xff\xe1\x00\x2eExif\x00\x00II*\x00\x08\x00\x00\x00"  # IFD at 8
                + b"\x01\x00" + b"\x0f\x01\x02\x00\x04\x00\x00\x00abc\x00" + b"\x00\x00\x00\x00" + b"\xff\xd9")
    exif_cut_ifd = b"\xff\xd8\xff\xe1\x00\x16Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x05" + b"z" * 4 + b"\xff\xd9"
    photoshop = b"\xff\xd8\xff\xed\x00\x2cPhotoshop 3.0\x00" + b"z" * 40
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
           + b"\x00\x00\x00\x00IEND\xaeB`\x82")
    gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x01\x00\x00;"
    kinds = [("jfif", jfif), ("exif", exif_ifd), ("photoshop", photoshop), ("short", jfif[:15]),
             ("png", png), ("gif", gif), ("gif87", b"GIF87a" + gif[6:]), ("text", b"plain text, no image at all\n")]
    walks = [jfif_head + b"\xff\xdb\x00\x64" + b"q" * 46,            # a segment longer than the file
             jfif_head + b"\xff\xdb\x00\x04\x00\x00" + b"q" * 20 + b"\xff",  # ends in a marker's first byte
             jfif_head + b"\xff\x02" + b"q" * 20,                          # a reserved marker ends the walk
             jfif_head + b"\xff\xc0\x00\x04\x08\x00" + b"q" * 8,     # a frame header too short for its count
             exif_cut_ifd,
             png[:8] + b"\x00" * 30,                                       # chunks of zeros, the last cut
             png[:8] + b"\x00\x00\x00\x04gAMA\x00\x00" + b"\x00" * 16,  # gamma chunk shorter than its value
             b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + b"\x00" * 6 + b"!\xf9\x09ab"]  # a block past the end
    get = b"GET /i HTTP/1.1\r\nHost: a\r\n\r\n"

    def reply(ctype, body, extra=b""):
        return (b"HTTP/1.1 200 OK\r\n" + (b"Content-Type: " + ctype + b"\r\n" if ctype else b"") + extra
                + b"Content-Length: %d\r\n\r\n" % len(body) + body)

    conversations = []
    for ctype in [b"image/jpeg", b"image/jpg", b"IMAGE/JFIF", b"image/pjpeg", b"image/png", b"image/gif",
                  b"image/x-icon", b"text/html", b"application/octet-stream", None]:
        conversations += [[(True, get), (False, reply(ctype, body))] for _, body in kinds]
    conversations += [[(True, get), (False, reply(b"image/jpeg", body))] for body in walks]
    conversations += [[(True, get), (False, reply(None, body))] for body in walks[:2]]
    for ctype, body in [(b"image/jpeg", jfif), (None, jfif), (b"image/png", png), (b"image/gif", gif + b"\x00" * 8)]:
        for split in (8, 12, 25):  # the body's first bytes in the header's segment
            whole = reply(ctype, body)
            cut = len(whole) - len(body) + split
            conversations.append([(True, get), (False, whole[:cut]), (False, whole[cut:])])
    text = b"<html>" + b"abcdefgh" * 400 + b"\n"
    gz = gzip.compress(text, mtime=0)
    for split in (5, 12, 40, None):  # gzip's header not whole, then inflating in part
        whole = reply(b"text/html", gz, b"Content-Encoding: gzip\r\n")
        cut = len(whole) if split is None else len(whole) - len(gz) + split
        conversations.append([(True, get), (False, whole[:cut])] + ([(False, whole[cut:])] if split else []))
    for coding, body in [(b"gzip", b"\x1f\x8b\x08\x00" + b"not deflate at all" * 3), (b"deflate", zlib.compress(text)),
                         (b"deflate", zlib.compress(text)[2:]), (b"x-gzip", gzip.compress(jfif, mtime=0))]:
        conversations.append([(True, get), (False, reply(b"image/jpeg" if coding == b"x-gzip" else b"text/plain", body,
                                                         b"Content-Encoding: " + coding + b"\r\n"))])
    chunked = b"%x\r\n" % len(jfif) + jfif + b"\r\n0\r\n\r\n"
    conversations.append([(True, get), (False, b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked)])
    inner = b"\x30\x03\x02\x01\x00" + b"\x00" * 40  # a BasicOCSPResponse's start, then padding
    octets = b"\x04" + bytes([len(inner)]) + inner
    typed = b"\x06\x09\x2b\x06\x01\x05\x05\x07\x30\x01\x01" + octets  # id-pkix-ocsp-basic
    bytes_ = b"\xa0" + bytes([len(typed) + 2]) + b"\x30" + bytes([len(typed)]) + typed
    ocsp = b"\x30" + bytes([len(bytes_) + 3]) + b"\x0a\x01\x00" + bytes_
    whole = reply(b"application/ocsp-response", ocsp)
    conversations.append([(True, get), (False, whole[:-20]), (False, whole[-20:])])
    ok = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    for data in [b"var a = {b: 1};\nfoo bar", b"var a = {b: 1};\nfoo bar\n", b"abc\nx: y\n",
                 b"x: y\r\nContent-Type: text/plain\r\n\r\nhello", b"x: y\r\nContent-Type: image/jpeg\r\n\r\n" + jfif,
                 b"\r\nx: y\nfoo", b"\r\n\r\n" + jfif, b"\r\nabc\r\n\r\n" + jfif,
                 b"x: y\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nabcdef", b"x: y\r\nfoo\r",
                 b"a: b\r\nContent-Type: application/json\r\n\r\n{\"a\":1}", b"a: b\r\nContent-Type: text/xml\r\n\r\n<a/>",
                 b"a: b\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                 b"a: b\r\n\x00\x01\x02", b"a: b\r\n\tcontinued value"]:
        conversations.append([(True, get), (False, ok), (False, data)])
    pairs = []
    for i, segments in enumerate(conversations):
        tcp_conversation(pairs, A, B, 42001 + i, 80, segments)
    write_pcap(os.path.join(here, "http", "httpbodies.pcap"), [(f, None, 3000 + i, 0) for i, (f, _) in enumerate(pairs)])


def media(here):
    """http/httpmedia.pcap: bodies by tshark's media type table. Types the XML, JSON and text
    dissectors register (and "+xml"/"+json" types nobody does: media), XML DTDs' own types
    (HTTP/SMIL), SDP, dissectors that name the row (OCSP, PKIX-CRL, timestamps, CMP, Git, DoH, MP4)
    or write nothing (CBOR, gRPC, TIFF); WBXML's version and public identifier; MP4 and TIFF bodies their dissector declines; IMF and
    message/http; multipart bodies whose parts each go to their own type's dissector (JSON, XML,
    text, media, data, SDP, a nested multipart); all as requests and as replies. The DER bodies
    (a certificate, a CRL, a CSR made with openssl) are in http/bodies/."""
    def der(name):
        with open(os.path.join(here, "http", "bodies", name), "rb") as f:
            return f.read()

    text = b"abc def\nline two\n"
    binary = bytes(range(10))
    dns_query = bytes.fromhex("123401000001000000000000076578616d706c6503636f6d0000010001")
    dns_reply = bytes.fromhex("123481800001000100000000076578616d706c6503636f6d0000010001c00c000100010000003c000401020304")
    mp4 = b"\x00\x00\x00\x14ftypisom\x00\x00\x02\x00isom\x00\x00\x00\x08free"
    mail = b"From: a@b.c\r\nTo: d@e.f\r\nSubject: hi\r\n\r\nbody\r\n"

    def form(parts, boundary=b"XyZ"):
        out = b"preamble\r\n"
        for ctype, body in parts:
            out += (b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"x\"\r\n"
                    + (b"Content-Type: " + ctype + b"\r\n" if ctype else b"") + b"\r\n" + body + b"\r\n")
        return out + b"--" + boundary + b"--\r\n"

    bodies = [(t, text) for t in [
        b"text/vnd.wap.wml", b"image/svg+xml", b"application/soap+xml", b"application/atom+xml", b"application/foo+xml",
        b"text/foo+xml", b"application/hal+json", b"application/vnd.api+json", b"application/problem+json",
        b"application/x-ndjson", b"application/json-rpc", b"application/smil", b"application/cpim-pidf+xml",
        b"application/mediaservercontrol+xml", b"application/sdp", b"text/x-ref-list", b"application/x-wms-logplaystats",
        b"text/csv", b"application/cbor", b"application/grpc", b"message/http", b"application/x-x509-ca-cert"]]
    bodies += [(t, binary) for t in [b"application/timestamp-query", b"application/timestamp-reply", b"application/pkixcmp",
                                     b"application/x-git-upload-pack-advertisement", b"application/cose"]]
    bodies += [(b"application/pkix-cert", der("cert.der")), (b"application/pkix-crl", der("crl.der")),
               (b"application/pkcs10", der("csr.der")), (b"application/dns-message", dns_query),
               (b"application/dns-message", dns_reply), (b"video/mp4", mp4), (b"audio/mp4", b"\x00\x00\x00\x08mdat"),
               (b"video/mp4", b"\x00\x00\x00\x08free"), (b"video/mp4", b"\x00\x00\x00"),
               (b"image/tiff", b"II*\x00" + b"\x00" * 4), (b"image/tiff", b"II+\x00" + b"\x00" * 12),
               (b"message/rfc822", mail), (b"application/vnd.ms-sync.wbxml", b"\x03\x01\x6a\x00\x45\x01"),
               (b"application/vnd.wap.wbxml", b"\x03\x00\x00\x6a\x04abc\x00\x45\x01"),
               (b"application/vnd.wap.wmlc", b"\x02\x81\x00\x6a\x00\x45\x01"), (b"application/vnd.wap.sic", b"\x07\x01")]
    for parts in [[(b"text/plain", b"hi")], [(b"application/json", b'{"a":1}')], [(b"text/xml", b"<a/>")],
                  [(b"application/x-foo", b"zz")], [(b"text/plain", b"hi"), (b"TEXT/HTML; charset=utf-8", b"<b>")],
                  [(None, b"v"), (b"application/json", b"{}"), (b"text/xml", b"<a/>")], [(b"application/octet-stream", b"\0\1")],
                  [(b"image/png", b"notpng")], [(b"application/sdp", b"v=0\r\n")],
                  [(b"multipart/mixed; boundary=Inner", b"--Inner\r\nContent-Type: text/css\r\n\r\na{}\r\n--Inner--")]]:
        bodies.append((b"multipart/form-data; boundary=XyZ", form(parts)))
    bodies += [(b'multipart/related; type="text/xml"; boundary="q r"', form([(b"text/plain", b"x")], b"q r")),
               (b"multipart/x-anything; boundary=XyZ", form([(b"text/plain", b"x")])), (b"multipart/mixed", form([(b"text/plain", b"x")]))]

    def message(first, ctype, body):
        return first + b"\r\nHost: a\r\nContent-Type: " + ctype + b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body

    pairs = []
    for i, (ctype, body) in enumerate(bodies):
        tcp_conversation(pairs, A, B, 43001 + i, 80, [(True, message(b"POST /m HTTP/1.1", ctype, body)),
                                                      (False, message(b"HTTP/1.1 200 OK", ctype, body))])
    write_pcap(os.path.join(here, "http", "httpmedia.pcap"), [(f, None, 4000 + i, 0) for i, (f, _) in enumerate(pairs)])


def gaps(here):
    """http/httpgaps.pcap: replies some of whose segments were never captured, as tshark's
    reassembly reads them. A header or a chunked body is read one more segment at a time: past a
    gap the segments are read afresh, and the message waits for the missing bytes, resent after
    duplicate ACKs (a fast retransmission) or never; a resend that completes it; one that arrives
    out of order; a body of known length, which keeps its later segments and is completed by the
    resend of what it lacks, before or after its end went by (and the segment that ends it, when the
    next reply follows there)."""
    records = []
    clock = [0]

    def put(frame):
        records.append((frame, None, 6000 + clock[0] // 1000000, clock[0] % 1000000))
        clock[0] += 200  # 200 us apart

    def conversation(port, reply, sizes, order):
        # order: ("s", i) the server sends piece i; ("a", i) the client acknowledges up to piece i.
        get = b"GET /g HTTP/1.1\r\nHost: a\r\n\r\n"
        c, s = 1000, 5000
        put(tcp_frame(A, B, port, 80, c, 0, 0x02, b""))
        put(tcp_frame(B, A, 80, port, s, c + 1, 0x12, b""))
        put(tcp_frame(A, B, port, 80, c + 1, s + 1, 0x10, b""))
        put(tcp_frame(A, B, port, 80, c + 1, s + 1, 0x18, get))
        c, s = c + 1 + len(get), s + 1
        starts = [sum(sizes[:i]) for i in range(len(sizes))] + [len(reply)]
        assert starts[-2] < len(reply) and sum(sizes[:-1]) < len(reply)
        pieces = [reply[starts[i]:starts[i + 1]] for i in range(len(sizes))]
        for kind, i in order:
            if kind == "s":
                put(tcp_frame(B, A, 80, port, s + starts[i], c, 0x10, pieces[i]))
            else:
                put(tcp_frame(A, B, port, 80, c, s + starts[i], 0x10, b""))
        end = s + len(reply)
        put(tcp_frame(B, A, 80, port, end, c, 0x11, b""))
        put(tcp_frame(A, B, port, 80, c, end + 1, 0x11, b""))
        put(tcp_frame(B, A, 80, port, end + 1, c + 1, 0x10, b""))

    def chunked(*chunks):
        body = b"".join(b"%x\r\n" % len(x) + x + b"\r\n" for x in chunks) + b"0\r\n\r\n"
        return b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n" + body

    body = chunked(b"0123456789", b"x" * 1800, b"y" * 300)
    sizes = [300] * 8
    # The third piece lost, resent after three duplicate ACKs.
    conversation(43001, body, sizes, [("s", 0), ("s", 1), ("s", 3), ("a", 2), ("s", 4), ("a", 2), ("s", 5), ("a", 2),
                                      ("s", 2), ("s", 6), ("s", 7)])
    # Never resent.
    conversation(43002, body, sizes, [("s", 0), ("s", 1), ("s", 3), ("s", 4), ("s", 5), ("s", 6), ("s", 7)])
    # Two pieces lost, the first resent: the message waits at the second.
    conversation(43003, body, sizes, [("s", 0), ("s", 1), ("s", 4), ("a", 2), ("s", 5), ("a", 2), ("a", 2),
                                      ("s", 2), ("s", 6), ("s", 7)])
    # Resent out of order, at once.
    conversation(43004, body, sizes, [("s", 0), ("s", 1), ("s", 3), ("s", 2), ("s", 4), ("s", 5), ("s", 6), ("s", 7)])
    # The resend completes the body; the next reply follows in the piece after it.
    short = chunked(b"0123456789", b"z" * 500)
    pipelined = short + b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlast"
    conversation(43005, pipelined, [200, 200, len(short) - 400, len(pipelined) - len(short)],
                 [("s", 0), ("s", 1), ("s", 3), ("a", 2), ("a", 2), ("a", 2), ("s", 2)])
    # A header over three pieces, the middle one lost then resent; then its body.
    header = (b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-Pad-%d: %s\r\n" % (i, b"p" * 60) for i in range(12))
              + b"Content-Type: text/plain\r\nContent-Length: 400\r\n\r\n")
    conversation(43006, header + b"b" * 400, [300, 300, len(header) - 600, 400],
                 [("s", 0), ("s", 2), ("a", 1), ("a", 1), ("a", 1), ("s", 1), ("s", 3)])
    # A body of known length with a piece lost and resent.
    known = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1500\r\n\r\n" + b"k" * 1500
    conversation(43007, known, [300] * 6, [("s", 0), ("s", 2), ("a", 1), ("s", 3), ("a", 1), ("a", 1), ("s", 1),
                                           ("s", 4), ("s", 5)])
    # The same, resent only after the body's end went by.
    conversation(43008, known, [300] * 6, [("s", 0), ("s", 2), ("a", 1), ("s", 3), ("a", 1), ("s", 4), ("a", 1),
                                           ("s", 5), ("a", 1), ("s", 1)])
    # The end of such a body followed by the next reply in its segment, resent late or never: TCP's
    # note, then the reply's line.
    two = known + b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext"
    conversation(43009, two, [300] * 6, [("s", 0), ("s", 2), ("a", 1), ("s", 3), ("a", 1), ("s", 4), ("a", 1),
                                         ("s", 5), ("a", 1), ("s", 1)])
    conversation(43010, two, [300] * 6, [("s", 0), ("s", 2), ("s", 3), ("s", 4), ("s", 5)])
    write_pcap(os.path.join(here, "http", "httpgaps.pcap"), records)


if __name__ == "__main__":
    main()
