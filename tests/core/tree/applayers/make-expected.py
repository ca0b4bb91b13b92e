#!/usr/bin/env python3
"""Writes the expected application layers of tst_applayers: for each capture below, the lines
`tshark -V` (4.0) prints above TCP/UDP for every frame that has them, into NAME.txt here.

Options as the shared oracle's (two passes, TCP desegmentation off, so each segment's PDUs
are compared as they lie in it): -2 -o tcp.desegment_tcp_streams:FALSE
-o tcp.check_checksum:FALSE. Hex dumps of extra data sources are left out.

Paths are relative to the shared captures (../../../../../shared/captures, or $SYNFLOW_SHARED)
except those starting with "data/" (tests/data). Run it by hand after changing the list; the
files are committed and the test only reads them.

With TCP desegmentation on (tshark's default), the frames that show a message reassembled from
several segments ("[N Reassembled TCP Segments ...]" and the layers decoded from it) of the
DESEGMENTED captures go to desegmented/NAME.txt, at most MAX_REASSEMBLED frames a capture and
the first MAX_LINES lines of each (a large body's text lines add nothing to the comparison).

usage: tests/core/tree/applayers/make-expected.py
"""
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SHARED = os.environ.get("SYNFLOW_SHARED", os.path.normpath(os.path.join(TESTS, "..", "..", "shared", "captures")))

CAPTURES = [
    "data/textlines.pcap",
    "data/lo-dnstcp.pcapng",
    "data/loopback-http.pcap",
    "breadth/pfl-http-http_get_1.pcap",
    "breadth/pfl-http-http_answer_2.pcap",
    "breadth/pfl-http-http_partial_response_4.pcap",
    "ppp-one_http_stream_fin.pcap",
    "ppp-one_ipv6_http_stream.pcap",
    "td-ssh.pcap",
    "data/quic/quicpackets.pcap",
] + sorted("breadth/" + f for f in os.listdir(os.path.join(SHARED, "breadth"))
           if f.startswith(("pfl-dns-", "pfl-tls-")) and f.endswith(".pcap"))

# Captures carrying HTTP and TLS messages that span segments.
DESEGMENTED = [
    "ppp-one_ipv6_http_stream.pcap",
    "ppp-one_http_stream_fin.pcap",
    "ppp-raw_ip.pcap",
    "ppp-one_tcp_stream_max_seq.pcap",
    "ppa-dns_isp_hijack.pcapng",
    "zk-206_example_b.pcap",
    "ppp-example2.pcap",
]
MAX_REASSEMBLED = 80
MAX_LINES = 300

LOWER = re.compile(r"^(Frame |Ethernet II|802\.1Q|Linux cooked|Null/Loopback|Internet Protocol|Transmission Control"
                   r"|User Datagram|Internet Control|Address Resolution|Raw packet|PPP|Point-to-Point|MultiProtocol"
                   r"|Generic Routing|Virtual eXtensible)")
HEXDUMP = re.compile(r"^[0-9a-f]{4,}  ")


def path_of(name):
    return os.path.join(TESTS, name) if name.startswith("data/") else os.path.join(SHARED, name)


def blocks_of(path, desegment):
    """(frame, application lines) for each frame tshark -V prints."""
    options = [] if desegment else ["-o", "tcp.desegment_tcp_streams:FALSE"]
    out = subprocess.run(["tshark", "-2", "-r", path] + options + ["-o", "tcp.check_checksum:FALSE", "-V"],
                         capture_output=True, check=True).stdout
    blocks, app = [], False
    for line in out.decode("utf-8", "replace").split("\n"):
        m = re.match(r"^Frame (\d+): ", line)
        if m:
            blocks.append([int(m.group(1)), []])
            app = False
            continue
        if not line.strip() or HEXDUMP.match(line):
            continue
        if not line.startswith(" "):
            app = not LOWER.match(line)
        if app and blocks:
            blocks[-1][1].append(line)
    return blocks


def write(target, name, blocks):
    with open(target, "w", encoding="utf-8") as f:
        f.write("# " + name + "\n")
        for frame, lines in blocks:
            if lines:
                f.write("=== %d\n" % frame)
                f.write("".join(l + "\n" for l in lines))


def main():
    for name in CAPTURES:
        write(os.path.join(HERE, os.path.basename(name).rsplit(".", 1)[0] + ".txt"), name, blocks_of(path_of(name), False))
    os.makedirs(os.path.join(HERE, "desegmented"), exist_ok=True)
    for name in DESEGMENTED:
        reassembled = [b for b in blocks_of(path_of(name), True)
                       if any(re.match(r"^\[\d+ Reassembled TCP Segments", l) for l in b[1])][:MAX_REASSEMBLED]
        reassembled = [[frame, lines[:MAX_LINES]] for frame, lines in reassembled]
        write(os.path.join(HERE, "desegmented", os.path.basename(name).rsplit(".", 1)[0] + ".txt"), name, reassembled)


if __name__ == "__main__":
    main()
