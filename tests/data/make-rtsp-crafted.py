#!/usr/bin/env python3
"""Writes rtsp/rtsp-crafted.pcap: RTSP conversations on the three ports tshark's RTSP takes (554,
8554, 7236): requests and replies of every common method, SDP bodies (with the headers, after
them, split across segments), interleaved RTP of every payload type and RTCP on the channels a
SETUP reply mapped, a channel none mapped, several interleaved frames and replies in one segment,
frames split across segments, text that is neither; then one conversation again with every
segment cut at 60 and at 90 bytes."""
import os
import struct

from pcapframes import tcp_conversation, write_pcap

CLIENT, SERVER = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 10])

SDP = (b"v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=Camera\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
       b"m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:track1\r\n"
       b"m=audio 0 RTP/AVP 0\r\na=control:track2\r\n")


def request(line, headers=(), body=b""):
    text = line.encode() + b"\r\n" + b"".join(h.encode() + b"\r\n" for h in headers)
    if body:
        text += b"Content-Length: %d\r\n" % len(body)
    return text + b"\r\n" + body


def reply(status, cseq, headers=(), body=b""):
    return request("RTSP/1.0 " + status, ["CSeq: %d" % cseq] + list(headers), body)


def rtp(pt, seq, ts, ssrc, payload=b"\x00" * 20, marker=False, version=2):
    return struct.pack("!BBHII", version << 6, pt | (0x80 if marker else 0), seq, ts, ssrc) + payload


def rtcp_sr(ssrc):
    sr = struct.pack("!BBHIIIIII", 0x80, 200, 6, ssrc, 0xE0000000, 0, 1000, 10, 1000)
    sdes = struct.pack("!BBHIBB", 0x81, 202, 2, ssrc, 1, 2) + b"ab" + b"\x00\x00"
    return sr + sdes


def rtcp_rr(ssrc):
    return struct.pack("!BBHI", 0x80, 201, 1, ssrc)


def interleaved(channel, data):
    return struct.pack("!cBH", b"$", channel, len(data)) + data


def play_session():
    """(from_client, segment bytes) of a DESCRIBE/SETUP/PLAY session with interleaved media."""
    out = []
    c = lambda data: out.append((True, data))
    s = lambda data: out.append((False, data))
    url = "rtsp://192.0.2.10/cam"
    c(request("OPTIONS %s RTSP/1.0" % url, ["CSeq: 1", "User-Agent: crafted"]))
    s(reply("200 OK", 1, ["Public: OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER"]))
    c(request("DESCRIBE %s RTSP/1.0" % url, ["CSeq: 2", "Accept: application/sdp"]))
    described = reply("200 OK", 2, ["Content-Base: %s/" % url, "Content-Type: application/sdp"], SDP)
    s(described[:60])  # inside the headers
    s(described[60:-40])  # the headers' end and part of the body
    s(described[-40:])
    c(request("SETUP %s/track1 RTSP/1.0" % url, ["CSeq: 3", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1"]))
    s(reply("200 OK", 3, ["transport: RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=1234ABCD", "Session: 12345678;timeout=60"]))
    c(request("SETUP %s/track2 RTSP/1.0" % url, ["CSeq: 4", "Transport: RTP/AVP/TCP;unicast;interleaved=2-3", "Session: 12345678"]))
    s(reply("200 OK", 4, ["Transport: RTP/AVP/TCP;unicast;interleaved=2-3", "Session: 12345678"]))
    c(request("PLAY %s RTSP/1.0" % url, ["CSeq: 5", "Session: 12345678", "Range: npt=0.000-"]))
    # the reply and the first media in one segment
    s(reply("200 OK", 5, ["Session: 12345678", "RTP-Info: url=%s/track1;seq=1" % url])
      + interleaved(0, rtp(96, 1, 90000, 0x1234ABCD, marker=True)))
    # every payload type, the marker on every third (not where RTP's second byte would then read
    # as RTCP's type, 64-95), but H.263's and the telephone events' (100, 101), whose own dissectors
    # SynFlow does not read (core/decode/TSHARK_DIFFERENCES.md)
    for pt in range(128):
        if pt not in (34, 100, 101):
            s(interleaved(0, rtp(pt, 100 + pt, 1000 * pt, 0x1234ABCD, marker=pt % 3 == 0 and not 64 <= pt <= 95)))
    s(interleaved(1, rtcp_sr(0x1234ABCD)))
    s(interleaved(0, rtcp_sr(0x1234ABCD)))  # RTCP on RTP's channel (RFC 5761)
    s(interleaved(2, rtp(0, 7, 160, 0x0BADCAFE)) + interleaved(3, rtcp_sr(0x0BADCAFE)) + interleaved(2, rtp(0, 8, 320, 0x0BADCAFE)))
    c(interleaved(1, rtcp_rr(0x55555555)) + interleaved(3, rtcp_rr(0x66666666)))
    s(interleaved(4, b"\x01\x02\x03\x04\x05\x06"))  # a channel no SETUP mapped
    s(interleaved(4, b"\x00" * 8) + interleaved(0, rtp(96, 300, 5, 0x1234ABCD)))
    big = interleaved(0, rtp(96, 301, 9000, 0x1234ABCD, payload=bytes(range(256)) * 8, marker=True))
    s(big[:3])  # inside the interleaved header
    s(big[3:700])
    s(big[700:] + interleaved(2, rtp(8, 9, 480, 0x0BADCAFE)))
    s(interleaved(0, rtp(96, 302, 9000, 0x1234ABCD, version=1)))  # not version 2
    s(interleaved(0, b"\x80\x60\x00"))  # shorter than an RTP header
    c(request("GET_PARAMETER %s RTSP/1.0" % url, ["CSeq: 6", "Session: 12345678", "Content-Type: text/parameters"], b"position\r\n"))
    s(reply("200 OK", 6, ["Session: 12345678", "Content-Type: text/parameters"], b"position: 12.5\r\n"))
    c(request("PAUSE %s RTSP/1.0" % url, ["CSeq: 7", "Session: 99"]))
    s(reply("454 Session Not Found", 7))
    c(b"this is not RTSP\r\n")
    c(request("TEARDOWN %s RTSP/1.0" % url, ["CSeq: 8", "Session: 12345678"]))
    s(reply("200 OK", 8) + interleaved(0, rtp(96, 303, 9000, 0x1234ABCD)))
    return out


def record_session():
    """ANNOUNCE with its SDP in the same segment, RECORD, media from the client."""
    out = []
    url = "rtsp://192.0.2.10:8554/live"
    out.append((True, request("ANNOUNCE %s RTSP/1.0" % url, ["CSeq: 1", "Content-Type: application/sdp"], SDP)))
    out.append((False, reply("200 OK", 1)))
    out.append((True, request("SETUP %s/streamid=0 RTSP/1.0" % url, ["Transport: RTP/AVP/TCP;unicast;interleaved=0-1;mode=record", "CSeq: 2"])))
    out.append((False, reply("200 OK", 2, ["Transport: RTP/AVP/TCP;unicast;mode=receive;interleaved=0-1", "Session: 77"])))
    out.append((True, request("RECORD %s RTSP/1.0" % url, ["CSeq: 3", "Session: 77"])))
    out.append((False, reply("200 OK", 3)))
    for k in range(4):
        out.append((True, interleaved(0, rtp(96, 10 + k, 3000 * k, 0xABCDEF01, marker=k == 3))))
    out.append((True, interleaved(1, rtcp_sr(0xABCDEF01))))
    out.append((True, request("TEARDOWN %s RTSP/1.0" % url, ["CSeq: 4", "Session: 77"])))
    out.append((False, reply("200 OK", 4)))
    return out


def transport_session():
    """Replies whose Transport maps one channel, a range, or UDP ports (no channel); then data on
    each channel, and packets RTP and RTCP do not take."""
    out = []
    url = "rtsp://192.0.2.10:8554/t"
    out.append((True, request("SETUP %s/a RTSP/1.0" % url, ["CSeq: 1", "Transport: RTP/AVP/TCP;interleaved=6"])))
    out.append((False, reply("200 OK", 1, ["Transport: RTP/AVP/TCP;interleaved=6", "Session: 5"])))
    out.append((True, request("SETUP %s/b RTSP/1.0" % url, ["CSeq: 2", "Transport: RTP/AVP/TCP;interleaved=8-12"])))
    out.append((False, reply("200 OK", 2, ["Transport: rtp/avp/tcp;INTERLEAVED=8-12", "Session: 5"])))
    out.append((True, request("SETUP %s/c RTSP/1.0" % url, ["CSeq: 3", "Transport: RTP/AVP;unicast;client_port=5000-5001"])))
    out.append((False, reply("200 OK", 3, ["Transport: RTP/AVP/UDP;unicast;client_port=5000-5001,RTP/AVP/TCP;interleaved=20-21"])))
    # how tshark reads the header: "interleaved=" only as written, sscanf's "%u-%u", a client port
    # of 0 or none, a port that is not a number, a channel past 255
    variants = ["RTP/AVP/TCP;interleaved= 30-31", "RTP/AVP/TCP;interleaved=32 -33", "RTP/AVP/TCP;Interleaved=34-35",
                "RTP/AVP/TCP;interleaved=36-37;server_port=6000-6001", "RTP/AVP/TCP;client_port=0;interleaved=38-39",
                "RTP/AVP/TCP;client_port=x;interleaved=40-41", "RTP/AVP/TCP;server_port=x;interleaved=42-43",
                "MP2T/TCP;interleaved=44-45", "RTP/AVP/TCP;interleaved=300-47"]
    for k, transport in enumerate(variants):
        out.append((False, reply("200 OK", 20 + k, ["Transport: " + transport])))
    for ch in (6, 7, 8, 9, 12, 13, 20, 21) + tuple(range(30, 48)):
        out.append((False, interleaved(ch, rtp(0, ch, 0, 0x77))))
    out.append((False, interleaved(12, rtcp_sr(0x77)[:28] + struct.pack("!BBHI", 0x80, 203, 1, 0x77))))
    out.append((False, interleaved(12, struct.pack("!BBHI", 0x80, 196, 1, 0x77) + struct.pack("!BBHI", 0x80, 211, 1, 0x77))))
    out.append((False, interleaved(12, struct.pack("!BBHI", 0x80, 211, 1, 0x77))))
    out.append((False, interleaved(12, b"\x80\xc8")))
    out.append((False, interleaved(12, struct.pack("!BBHI", 0x00, 200, 1, 0x77))))
    for v in (0, 1, 3):
        out.append((False, interleaved(6, rtp(0, 1, 2, 0x77, version=v))))
    out.append((False, interleaved(6, rtp(0, 1, 2, 0x77)[:8])))
    out.append((False, interleaved(6, b"")))
    out.append((False, interleaved(6, rtp(0, 1, 2, 0x77, payload=b"\0" * 7 + b"\1")[:12])))
    out.append((False, interleaved(6, rtp(8, 3, 4, 0x77)) + interleaved(12, rtcp_rr(0x77)) + b"junk"))
    out.append((False, interleaved(6, rtp(8, 4, 5, 0x77)) + reply("200 OK", 9, ["Content-Type: application/sdp"], SDP)))
    out.append((False, interleaved(9, b"abc") + reply("200 OK", 10)))
    out.append((False, b"RTSP/1.0 200 OK\r\nCSeq: 11\r\n\r\nRTSP/1.0 200 OK\r\nCSeq: 12\r\n\r\n"))
    out.append((False, b"RTSP/1.0 200 OK\r\nCSeq: 13\r\n\r\ntrailing bytes"))
    out.append((False, b"RTSP/1.0 200 OK\r\nContent-Type: Text/Plain; charset=x\r\nContent-Length: 2\r\n\r\nab"))
    out.append((False, b"RTSP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n"))
    out.append((False, b"rtsp/1.0 200 OK\n\n"))
    out.append((True, b"setup\trtsp://x RTSP/1.0\r\n\r\n"))
    out.append((True, b"SETUPX rtsp://x RTSP/1.0\r\n\r\n"))
    out.append((True, b"PLAY_NOTIFY rtsp://x RTSP/2.0\r\n\r\n"))
    out.append((True, b"REDIRECT\r\n\r\n"))
    out.append((False, b"$"))  # the conversation ends inside an interleaved header
    return out


def display_session():
    """Wi-Fi Display's RTSP (port 7236): the source asks first, parameters in the bodies."""
    out = []
    out.append((False, request("OPTIONS * RTSP/1.0", ["CSeq: 1", "Require: org.wfa.wfd1.0"])))
    out.append((True, reply("200 OK", 1, ["Public: org.wfa.wfd1.0, GET_PARAMETER, SET_PARAMETER"])))
    out.append((False, request("GET_PARAMETER rtsp://localhost/wfd1.0 RTSP/1.0", ["CSeq: 2", "Content-Type: text/parameters"],
                               b"wfd_video_formats\r\nwfd_audio_codecs\r\n")))
    out.append((True, reply("200 OK", 2, ["Content-Type: text/parameters"], b"wfd_audio_codecs: AAC 00000001 00\r\n")))
    out.append((False, request("SET_PARAMETER rtsp://localhost/wfd1.0 RTSP/1.0", ["CSeq: 3", "Content-Type: text/parameters"],
                               b"wfd_trigger_method: SETUP\r\n")))
    out.append((True, reply("200 OK", 3)))
    return out


def main():
    frames = []
    tcp_conversation(frames, CLIENT, SERVER, 40001, 554, play_session())
    tcp_conversation(frames, CLIENT, SERVER, 40002, 8554, record_session())
    tcp_conversation(frames, CLIENT, SERVER, 40003, 7236, display_session())
    tcp_conversation(frames, CLIENT, SERVER, 40006, 8554, transport_session())
    tcp_conversation(frames, CLIENT, SERVER, 40004, 554, play_session(), cut=60)
    tcp_conversation(frames, CLIENT, SERVER, 40005, 554, play_session(), cut=90)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rtsp", "rtsp-crafted.pcap")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    write_pcap(path, [(f, cut, 1700000000 + i // 1000, (i % 1000) * 1000) for i, (f, cut) in enumerate(frames)])


if __name__ == "__main__":
    main()
