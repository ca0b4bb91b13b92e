#!/usr/bin/env python3
"""Writes amqp/amqp-crafted.pcap: AMQP 0-9-1 on port 5672: the protocol header, every method of
every class (arguments as a client or broker writes them), content headers with and without a
content type, bodies of several media types, heartbeats, frames tshark does not know, several
frames in one segment and frames split across segments; then the conversation again with every
segment cut at 70 bytes."""
import os
import struct

from pcapframes import tcp_conversation, write_pcap

CLIENT, SERVER = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 20])


def shortstr(s):
    b = s.encode()
    return bytes([len(b)]) + b


def longstr(b):
    return struct.pack("!I", len(b)) + b


def table(items=()):
    body = b"".join(shortstr(k) + b"S" + longstr(v.encode()) for k, v in items)
    return longstr(body)


def frame(ftype, channel, payload, end=0xCE):
    return struct.pack("!BHI", ftype, channel, len(payload)) + payload + bytes([end])


def method(cls, mid, args=b"", channel=1):
    return frame(1, channel, struct.pack("!HH", cls, mid) + args)


def header(size, content_type=None, channel=1, extra_flags=0, props=b""):
    flags = extra_flags | (0x8000 if content_type is not None else 0)
    p = (shortstr(content_type) if content_type is not None else b"") + props
    return frame(2, channel, struct.pack("!HHQH", 60, 0, size, flags) + p)


def body(data, channel=1):
    return frame(3, channel, data)


T = struct.pack("!H", 0)  # the reserved "ticket" of 0-9-1


def methods():
    """(from_client, frame) for every method."""
    c, s = True, False
    return [
        (s, method(10, 10, bytes([0, 9]) + table([("product", "RabbitMQ")]) + longstr(b"PLAIN AMQPLAIN") + longstr(b"en_US"), 0)),
        (c, method(10, 11, table([("product", "crafted")]) + shortstr("PLAIN") + longstr(b"\0guest\0guest") + shortstr("en_US"), 0)),
        (s, method(10, 20, longstr(b"challenge"), 0)),
        (c, method(10, 21, longstr(b"response"), 0)),
        (s, method(10, 30, struct.pack("!HIH", 2047, 131072, 60), 0)),
        (c, method(10, 31, struct.pack("!HIH", 2047, 131072, 60), 0)),
        (c, method(10, 40, shortstr("/") + shortstr("") + b"\0", 0)),
        (s, method(10, 41, shortstr(""), 0)),
        (s, method(10, 60, shortstr("low on memory"), 0)),
        (s, method(10, 61, b"", 0)),
        (c, method(10, 70, longstr(b"secret") + shortstr("refresh"), 0)),
        (s, method(10, 71, b"", 0)),
        (c, method(20, 10, shortstr(""))),
        (s, method(20, 11, longstr(b""))),
        (c, method(20, 20, b"\1")),
        (s, method(20, 21, b"\1")),
        (c, method(30, 10, shortstr("/data") + b"\x1f")),
        (s, method(30, 11, T)),
        (c, method(40, 10, T + shortstr("logs") + shortstr("fanout") + b"\2" + table())),
        (s, method(40, 11)),
        (c, method(40, 20, T + shortstr("logs") + b"\0")),
        (s, method(40, 21)),
        (c, method(40, 30, T + shortstr("dest") + shortstr("src") + shortstr("key.a") + b"\0" + table())),
        (s, method(40, 31)),
        (c, method(40, 40, T + shortstr("dest") + shortstr("src") + shortstr("key.b") + b"\0" + table())),
        (s, method(40, 51)),
        (c, method(50, 10, T + shortstr("hello") + b"\2" + table([("x-queue-type", "classic")]))),
        (s, method(50, 11, shortstr("hello") + struct.pack("!II", 3, 1))),
        (c, method(50, 20, T + shortstr("hello") + shortstr("logs") + shortstr("info") + b"\0" + table())),
        (s, method(50, 21)),
        (c, method(50, 50, T + shortstr("hello") + shortstr("logs") + shortstr("info") + table())),
        (s, method(50, 51)),
        (c, method(50, 30, T + shortstr("hello") + b"\0")),
        (s, method(50, 31, struct.pack("!I", 4))),
        (c, method(50, 40, T + shortstr("hello") + b"\0")),
        (s, method(50, 41, struct.pack("!I", 0))),
        (c, method(60, 10, struct.pack("!IH", 0, 10) + b"\0")),
        (s, method(60, 11)),
        (c, method(60, 20, T + shortstr("hello") + shortstr("ctag-1") + b"\0" + table())),
        (s, method(60, 21, shortstr("ctag-1"))),
        (c, method(60, 30, shortstr("ctag-1") + b"\0")),
        (s, method(60, 31, shortstr("ctag-1"))),
        (c, method(60, 40, T + shortstr("amq.direct") + shortstr("route.key") + b"\0")),
        (s, method(60, 50, struct.pack("!H", 312) + shortstr("NO_ROUTE") + shortstr("amq.direct") + shortstr("route.key"))),
        (s, method(60, 60, shortstr("ctag-1") + struct.pack("!Q", 1) + b"\0" + shortstr("logs") + shortstr("info"))),
        (c, method(60, 70, T + shortstr("hello") + b"\0")),
        (s, method(60, 71, struct.pack("!Q", 2) + b"\1" + shortstr("") + shortstr("hello") + struct.pack("!I", 0))),
        (s, method(60, 72, shortstr(""))),
        (c, method(60, 80, struct.pack("!Q", 2) + b"\0")),
        (c, method(60, 90, struct.pack("!Q", 3) + b"\1")),
        (c, method(60, 100, b"\1")),
        (c, method(60, 110, b"\1")),
        (s, method(60, 111)),
        (c, method(60, 120, struct.pack("!Q", 4) + b"\3")),
        (c, method(90, 10)), (s, method(90, 11)), (c, method(90, 20)), (s, method(90, 21)),
        (c, method(90, 30)), (s, method(90, 31)),
        (c, method(85, 10, b"\0")), (s, method(85, 11)),
        (c, method(60, 999)),  # a method Basic does not have
        (c, method(77, 10)),  # a class 0-9-1 does not have
        (s, method(20, 40, struct.pack("!H", 404) + shortstr("NOT_FOUND - no queue 'x'") + struct.pack("!HH", 50, 10))),
        (c, method(20, 41)),
    ]


def contents():
    c = True
    out = []
    for media in ("text/plain", "application/json", "application/octet-stream", "text/html", "Text/Plain", None, "",
                  "application/xml", "text/xml", "image/png", "application/x-www-form-urlencoded", "text/plain; charset=utf-8"):
        data = b'{"a": 1}' if media == "application/json" else b"hello world"
        out.append((c, method(60, 40, T + shortstr("") + shortstr("hello") + b"\0")
                    + header(len(data), media) + body(data)))
    # properties after the content type, and none but later ones
    out.append((c, header(5, "text/plain", extra_flags=0x1000, props=b"\2") + body(b"12345")))
    out.append((c, header(5, None, extra_flags=0x1000, props=b"\2") + body(b"12345")))
    out.append((c, body(b"")))  # an empty body
    out.append((c, frame(8, 0, b"")))  # a heartbeat
    out.append((c, frame(4, 0, b"")))  # a frame type 0-9-1 does not have
    out.append((c, frame(1, 1, struct.pack("!HH", 60, 80) + struct.pack("!Q", 5) + b"\0", end=0x00)))  # no frame end
    # one frame split across segments, inside its header and inside its payload
    big = method(60, 40, T + shortstr("amq.direct") + shortstr("split")) + header(3000, "text/plain") + body(b"z" * 3000)
    out.append((c, big[:5]))
    out.append((c, big[5:40]))
    out.append((c, big[40:1200]))
    out.append((c, big[1200:]))
    out.append((c, method(60, 80, struct.pack("!Q", 6) + b"\0") + method(60, 80, struct.pack("!Q", 7) + b"\0")))
    return out


def main():
    session = [(True, b"AMQP\x00\x00\x09\x01")] + methods() + contents()
    frames = []
    tcp_conversation(frames, CLIENT, SERVER, 41001, 5672, session)
    tcp_conversation(frames, CLIENT, SERVER, 41002, 5672, session, cut=70)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "amqp", "amqp-crafted.pcap")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    write_pcap(path, [(f, cut, 1700000000 + i // 1000, (i % 1000) * 1000) for i, (f, cut) in enumerate(frames)])


if __name__ == "__main__":
    main()
