#!/usr/bin/env python3
"""Writes the expected application layers of tst_applayers: for each capture below, the lines
`tshark -V` (4.0) prints above TCP/UDP for every frame that has them, into NAME.txt here.

Options as the shared oracle's (two passes, TCP desegmentation off, so each segment's PDUs
are compared as they lie in it): -2 -o tcp.desegment_tcp_streams:FALSE
-o tcp.check_checksum:FALSE. Hex dumps of extra data sources are left out.

Paths are relative to the shared captures (../../../../../shared/captures, or $SYNFLOW_SHARED)
except those starting with "data/" (tests/data). Run it by hand after changing the list; the
files are committed and the test only reads them.

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
] + sorted("breadth/" + f for f in os.listdir(os.path.join(SHARED, "breadth"))
           if f.startswith(("pfl-dns-", "pfl-tls-")) and f.endswith(".pcap"))

LOWER = re.compile(r"^(Frame |Ethernet II|802\.1Q|Linux cooked|Null/Loopback|Internet Protocol|Transmission Control"
                   r"|User Datagram|Internet Control|Address Resolution|Raw packet|PPP|Point-to-Point|MultiProtocol"
                   r"|Generic Routing|Virtual eXtensible)")
HEXDUMP = re.compile(r"^[0-9a-f]{4}  ")


def path_of(name):
    return os.path.join(TESTS, name) if name.startswith("data/") else os.path.join(SHARED, name)


def main():
    for name in CAPTURES:
        out = subprocess.run(["tshark", "-2", "-r", path_of(name), "-o", "tcp.desegment_tcp_streams:FALSE",
                              "-o", "tcp.check_checksum:FALSE", "-V"], capture_output=True, check=True).stdout
        blocks, frame, app = [], None, False
        for line in out.decode("utf-8", "replace").split("\n"):
            m = re.match(r"^Frame (\d+): ", line)
            if m:
                frame = int(m.group(1))
                blocks.append([frame, []])
                app = False
                continue
            if not line.strip() or HEXDUMP.match(line):
                continue
            if not line.startswith(" "):
                app = not LOWER.match(line)
            if app and blocks:
                blocks[-1][1].append(line)
        target = os.path.join(HERE, os.path.basename(name).rsplit(".", 1)[0] + ".txt")
        with open(target, "w", encoding="utf-8") as f:
            f.write("# " + name + "\n")
            for frame, lines in blocks:
                if lines:
                    f.write("=== %d\n" % frame)
                    f.write("".join(l + "\n" for l in lines))


if __name__ == "__main__":
    main()
