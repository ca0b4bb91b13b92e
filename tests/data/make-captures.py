#!/usr/bin/env python3
"""Records the project's own small loopback captures of the TCP scenarios a teacher shows and
the tracker must name, and their tshark oracles. Run as root (dumpcap on lo; nftables drops on lo for the
lossy and simultaneous cases, removed afterwards). Run it by hand, not in CI: the
captures are committed and the tests read them.

usage: tests/data/make-captures.py [SCENARIO...]
"""
import os
import socket
import struct
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = """frame.number frame.time_epoch frame.len frame.cap_len ip.src ip.dst ipv6.src ipv6.dst
tcp.srcport tcp.dstport tcp.stream tcp.flags tcp.seq tcp.seq_raw tcp.ack tcp.ack_raw tcp.len tcp.nxtseq tcp.hdr_len
tcp.window_size_value tcp.window_size tcp.window_size_scalefactor tcp.options.mss_val tcp.options.wscale.shift
tcp.time_relative tcp.time_delta
tcp.analysis.flags tcp.analysis.retransmission tcp.analysis.fast_retransmission tcp.analysis.spurious_retransmission
tcp.analysis.out_of_order tcp.analysis.lost_segment tcp.analysis.ack_lost_segment tcp.analysis.duplicate_ack_num
tcp.analysis.duplicate_ack_frame tcp.analysis.zero_window tcp.analysis.zero_window_probe tcp.analysis.zero_window_probe_ack
tcp.analysis.window_full tcp.analysis.window_update tcp.analysis.keep_alive tcp.analysis.keep_alive_ack
tcp.analysis.reused_ports tcp.analysis.acks_frame tcp.analysis.ack_rtt tcp.analysis.initial_rtt
tcp.analysis.bytes_in_flight tcp.analysis.push_bytes_sent tcp.completeness _ws.col.Protocol _ws.col.Info""".split()
PREFS = ["-o", "tcp.desegment_tcp_streams:FALSE", "-o", "tcp.relative_sequence_numbers:TRUE",
         "-o", "tcp.analyze_sequence_numbers:TRUE", "-o", "tcp.calculate_timestamps:TRUE",
         "-o", "tcp.check_checksum:FALSE"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Capture:
    """dumpcap on lo with a BPF filter, from construction until stop()."""

    def __init__(self, name, bpf):
        self.path = os.path.join(HERE, name + ".pcapng")
        if os.path.exists(self.path):
            os.remove(self.path)
        self.proc = subprocess.Popen(["dumpcap", "-q", "-i", "lo", "-f", bpf, "-w", self.path],
                                     stderr=subprocess.PIPE, text=True)
        # dumpcap says "File: ..." once it is capturing.
        while True:
            line = self.proc.stderr.readline()
            if not line:
                raise RuntimeError("dumpcap did not start capturing on lo")
            if "File:" in line:
                break
        time.sleep(0.3)

    def stop(self):
        time.sleep(0.3)
        self.proc.terminate()
        self.proc.wait()
        os.chmod(self.path, 0o644)
        return self.path


def nft(*rules):
    """Packet drops with nftables, standing in for a network that loses packets. On lo a packet
    is captured when it is sent, so a drop on input is a packet captured but never delivered,
    and a drop on output one that is never captured."""
    script = ["add table inet synflowtest",
              "add chain inet synflowtest in { type filter hook input priority 0; }",
              "add chain inet synflowtest out { type filter hook output priority 0; }"]
    script += ["add rule inet synflowtest " + r for r in rules]
    subprocess.run(["nft", "-f", "-"], input="\n".join(script) + "\n", text=True, check=True)


def nft_off():
    subprocess.run(["nft", "delete", "table", "inet", "synflowtest"], stderr=subprocess.DEVNULL)


def server(port, handler, backlog=8):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", port))
    ls.listen(backlog)

    def run():
        c, _ = ls.accept()
        handler(c)
        ls.close()

    t = threading.Thread(target=run)
    t.start()
    return t


def read_until_eof(c):
    data = b""
    while True:
        try:
            b = c.recv(65536)
        except ConnectionResetError:
            return data  # the peer aborted: that is the end too
        if not b:
            return data
        data += b


def finish_client(c):
    """Sends FIN, takes in the rest of what the server says, closes."""
    c.shutdown(socket.SHUT_WR)
    read_until_eof(c)
    c.close()


def close_by_reset(s):
    """Closes with RST instead of FIN (SO_LINGER with a zero timeout)."""
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()


def halfclose():
    # The client sends its request and shuts its sending side; the server still answers
    # (half-close), then closes: FIN-WAIT-2 receives data, CLOSE-WAIT sends it.
    port = free_port()
    cap = Capture("lo-halfclose", f"tcp port {port}")

    def srv(c):
        read_until_eof(c)
        for _ in range(3):
            c.sendall(b"answer after your FIN\n")
            time.sleep(0.05)
        c.close()

    t = server(port, srv)
    c = socket.create_connection(("127.0.0.1", port))
    c.sendall(b"question\n")
    time.sleep(0.05)
    finish_client(c)
    t.join()
    return cap.stop()


def refused():
    # Nobody listens: SYN, then RST/ACK.
    port = free_port()
    cap = Capture("lo-refused", f"tcp port {port}")
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2)
    except ConnectionRefusedError:
        pass
    return cap.stop()


def abort():
    # An established connection ended by RST (SO_LINGER with a zero timeout).
    port = free_port()
    cap = Capture("lo-abort", f"tcp port {port}")
    t = server(port, lambda c: (read_until_eof(c), c.close()))
    c = socket.create_connection(("127.0.0.1", port))
    c.sendall(b"hello, then gone\n")
    time.sleep(0.05)
    close_by_reset(c)
    t.join()
    return cap.stop()


def keepalive():
    # Idle connection with TCP keep-alive every second; the server closes as soon as it reads
    # EOF, so its FIN carries the ACK of the client's FIN (a 3-segment teardown).
    port = free_port()
    cap = Capture("lo-keepalive", f"tcp port {port}")
    t = server(port, lambda c: (read_until_eof(c), c.close()))
    c = socket.create_connection(("127.0.0.1", port))
    c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    c.sendall(b"ping\n")
    time.sleep(2.6)
    finish_client(c)
    t.join()
    return cap.stop()


def zerowindow():
    # A receiver with a small buffer stops reading: window full, zero window, probes and their
    # ACKs, then a window update when it reads again.
    port = free_port()
    cap = Capture("lo-zerowindow", f"tcp port {port}")
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    ls.bind(("127.0.0.1", port))
    ls.listen(1)
    done = threading.Event()

    def srv():
        c, _ = ls.accept()
        time.sleep(1.5)
        read_until_eof(c)
        c.close()
        done.set()

    t = threading.Thread(target=srv)
    t.start()
    c = socket.create_connection(("127.0.0.1", port))
    c.sendall(b"x" * 60000)
    finish_client(c)
    t.join()
    ls.close()
    return cap.stop()


def lossy():
    # A transfer over a loopback that loses segments both ways: some are captured and lost
    # after (retransmissions, duplicate ACKs, fast retransmissions), some lost before the
    # capture sees them (previous segment not captured, ACKed unseen segment).
    port = free_port()
    cap = Capture("lo-lossy", f"tcp port {port}")
    nft(f"in tcp dport {port} tcp flags & (syn | fin) == 0 numgen random mod 100 < 6 drop",
        f"out tcp dport {port} tcp flags & (syn | fin) == 0 numgen random mod 100 < 3 drop",
        f"in tcp sport {port} tcp flags & (syn | fin) == 0 numgen random mod 100 < 4 drop")
    try:
        t = server(port, lambda c: (read_until_eof(c), c.close()))
        c = socket.create_connection(("127.0.0.1", port))
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for _ in range(250):
            c.sendall(b"y" * 200)
            time.sleep(0.001)
        finish_client(c)
        t.join()
        time.sleep(0.3)
    finally:
        nft_off()
    return cap.stop()


def simulclose():
    # Both ends close before either hears of the other: the client's first FIN is captured but
    # lost, the server's FIN crosses it; both are in CLOSING, the client's FIN comes again, both
    # end in TIME-WAIT.
    port = free_port()
    cap = Capture("lo-simulclose", f"tcp port {port}")
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", port))
    ls.listen(1)
    c = socket.create_connection(("127.0.0.1", port))
    s, _ = ls.accept()
    c.sendall(b"bye?\n")
    s.recv(100)
    time.sleep(0.05)
    nft(f"in tcp dport {port} tcp flags & fin == fin drop")
    try:
        c.shutdown(socket.SHUT_WR)
        time.sleep(0.02)
        s.shutdown(socket.SHUT_WR)
        time.sleep(0.02)
    finally:
        nft_off()
    read_until_eof(c)
    read_until_eof(s)
    time.sleep(0.6) # the client's FIN is sent again
    c.close()
    s.close()
    ls.close()
    return cap.stop()


def simulopen():
    # Two ends connect to each other at once, with no listener: one SYN is captured but lost,
    # the other crosses it, each side answers with SYN/ACK (simultaneous open).
    a, b = free_port(), free_port()
    cap = Capture("lo-simulopen", f"tcp port {a} and tcp port {b}")
    socks = []
    for mine in (a, b):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", mine))
        s.setblocking(False)
        socks.append(s)
    nft(f"in tcp dport {b} tcp flags & (syn | ack) == syn drop")
    try:
        socks[0].connect_ex(("127.0.0.1", b))
        time.sleep(0.02)
        socks[1].connect_ex(("127.0.0.1", a))
        time.sleep(0.02)
    finally:
        nft_off()
    time.sleep(1.5) # the first SYN is sent again
    for s in socks:
        s.setblocking(True)
    socks[0].sendall(b"we both opened\n")
    socks[1].recv(100)
    for s in socks:
        close_by_reset(s)
    return cap.stop()


def reuse():
    # The same client port connects twice to the same server port: the second SYN starts a
    # new conversation (reused ports). The first ends with RST, so no TIME-WAIT blocks it.
    port, mine = free_port(), free_port()
    cap = Capture("lo-reuse", f"tcp port {port}")
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", port))
    ls.listen(4)
    for n in range(2):
        c = socket.socket()
        c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        c.bind(("127.0.0.1", mine))
        c.connect(("127.0.0.1", port))
        s, _ = ls.accept()
        c.sendall(b"connection %d\n" % n)
        s.recv(100)
        time.sleep(0.05)
        close_by_reset(c)
        s.close()
        time.sleep(0.1)
    ls.close()
    return cap.stop()


def retry():
    # The listener's accept queue is full, so the kernel drops the next SYN; the client sends
    # it again a second later (handshake retry) and gets in once the first one is accepted.
    port = free_port()
    cap = Capture("lo-retry", f"tcp port {port}")
    ls = socket.socket()
    ls.bind(("127.0.0.1", port))
    ls.listen(0)
    first = socket.create_connection(("127.0.0.1", port))
    time.sleep(0.1)
    second = socket.socket()
    second.setblocking(False)
    second.connect_ex(("127.0.0.1", port))
    time.sleep(0.5)
    a, _ = ls.accept()
    time.sleep(1.5)
    b, _ = ls.accept()
    second.setblocking(True)
    second.sendall(b"in at last\n")
    b.recv(100)
    for s in (first, second, a, b):
        s.close()
    ls.close()
    return cap.stop()


def oracle(path):
    name = os.path.basename(path)[: -len(".pcapng")] + "-ng"
    out = os.path.join(HERE, "oracle", name + ".tsv")
    args = ["tshark", "-2", "-r", path] + PREFS + ["-T", "fields", "-E", "header=y", "-E", "separator=/t",
                                                   "-E", "occurrence=a", "-E", "aggregator=,"]
    for f in FIELDS:
        args += ["-e", f]
    with open(out, "w") as f:
        subprocess.run(args, stdout=f, stderr=subprocess.DEVNULL, check=True)


SCENARIOS = {f.__name__: f for f in (halfclose, refused, abort, keepalive, zerowindow, lossy, simulclose, simulopen,
                                     reuse, retry)}

if __name__ == "__main__":
    for name in sys.argv[1:] or SCENARIOS:
        path = SCENARIOS[name]()
        oracle(path)
        print(name, path)
