#!/usr/bin/env python3
"""Records the project's own small loopback captures of the TCP scenarios a teacher shows and
the tracker must name, and their tshark oracles. Run as root (dumpcap on lo; nftables drops on lo for the
lossy and simultaneous cases, removed afterwards). Run it by hand, not in CI: the
captures are committed and the tests read them.

Some scenarios run on a lo of their own (a network namespace): fastretx, whose many segments
must leave separately, and zwp and zwpbyte, whose zero window probes no kernel sends, so one
or both ends are scripted over a raw socket. After each scenario the script checks that its
oracle shows the analysis flags it is there for (EXPECT); timing can change what a run shows,
so run it again if it says otherwise.

Each capture also comes with the kernel's own account of its sockets: every TCP state change
the kernel reports through the tracepoint sock:inet_sock_set_state on the scenario's ports
(tests/data/kernel-states/NAME.tsv, format in kernel-states/README.md). The script mounts
tracefs if needed and stops, saying why, if the tracepoint cannot be had.

usage: tests/data/make-captures.py [SCENARIO...]
"""
import atexit
import ctypes
import functools
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import time
import traceback

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


TRACING = "/sys/kernel/tracing"
EVENT = "events/sock/inet_sock_set_state"


class KernelStates:
    """The kernel's TCP state changes on some ports, from the tracepoint sock:inet_sock_set_state,
    read from a tracefs instance of our own (other users of tracefs are left alone)."""

    instance = None
    LINE = re.compile(r"\s(\d+\.\d+): inet_sock_set_state: family=(\S+) protocol=IPPROTO_TCP sport=(\d+) dport=(\d+) "
                      r"saddr=(\S+) daddr=(\S+) saddrv6=(\S+) daddrv6=(\S+) oldstate=(\S+) newstate=(\S+)")

    @classmethod
    def ready(cls):
        if cls.instance:
            return cls.instance
        if not os.path.exists(os.path.join(TRACING, EVENT)):
            subprocess.run(["mount", "-t", "tracefs", "nodev", TRACING], stderr=subprocess.DEVNULL)
        if not os.path.exists(os.path.join(TRACING, EVENT)):
            sys.exit(f"cannot record the kernel's TCP states: no {TRACING}/{EVENT} (run as root, with tracefs; "
                     f"mount -t tracefs nodev {TRACING})")
        inst = os.path.join(TRACING, "instances", f"synflow-make-captures-{os.getpid()}")
        try:
            os.mkdir(inst)
        except OSError as e:
            sys.exit(f"cannot record the kernel's TCP states: no tracefs instance {inst}: {e}")
        atexit.register(lambda: os.path.isdir(inst) and os.rmdir(inst))
        # The trace clock that CLOCK_MONOTONIC reads, so times can be put on the wall clock.
        with open(os.path.join(inst, "trace_clock"), "w") as f:
            f.write("mono")
        cls.instance = inst
        return inst

    def __init__(self, name, ports):
        self.inst = KernelStates.ready()
        self.name, self.ports = name, set(ports)
        self.snapshots = []
        self.wall = time.time() - time.monotonic()
        with open(os.path.join(self.inst, "trace"), "w"):
            pass # empties the buffer
        self._enable("1")

    def _enable(self, on):
        with open(os.path.join(self.inst, EVENT, "enable"), "w") as f:
            f.write(on)

    def snapshot(self):
        """The TIME-WAIT mini-sockets on our ports now (the tracepoint does not report them:
        a socket going FIN_WAIT2 or CLOSING -> CLOSE has handed over to one)."""
        out = subprocess.run(["ss", "-Htan", "state", "time-wait"], capture_output=True, text=True, check=True).stdout
        now = time.time()
        for line in out.splitlines():
            f = line.split()
            if len(f) < 4:
                continue
            (sa, sp), (da, dp) = (f[2].rsplit(":", 1), f[3].rsplit(":", 1))
            if int(sp) in self.ports or int(dp) in self.ports:
                fam = "AF_INET6" if sa.startswith("[") else "AF_INET"
                self.snapshots.append(("ss", f"{now:.6f}", fam, sa.strip("[]"), sp, da.strip("[]"), dp, "-", "TCP_TIME_WAIT"))

    def stop(self):
        self.snapshot()
        self._enable("0")
        rows = []
        with open(os.path.join(self.inst, "trace")) as f:
            for line in f:
                m = KernelStates.LINE.search(line)
                if not m:
                    continue
                ts, fam, sp, dp, sa, da, sa6, da6, old, new = m.groups()
                if int(sp) not in self.ports and int(dp) not in self.ports:
                    continue
                if fam == "AF_INET6":
                    sa, da = sa6, da6
                rows.append(("trace", f"{float(ts) + self.wall:.6f}", fam, sa, sp, da, dp, old, new))
        rows += self.snapshots
        os.makedirs(os.path.join(HERE, "kernel-states"), exist_ok=True)
        path = os.path.join(HERE, "kernel-states", self.name + ".tsv")
        with open(path, "w") as f:
            f.write("source\ttime\tfamily\tsaddr\tsport\tdaddr\tdport\toldstate\tnewstate\n")
            for r in rows:
                f.write("\t".join(r) + "\n")
        os.chmod(path, 0o644)


class Capture:
    """dumpcap on lo with a BPF filter, and the kernel's state changes on the filter's ports,
    from construction until stop()."""

    running = set()
    current = None # the capture of the scenario running, for snapshots

    def __init__(self, name, bpf, iface="lo"):
        self.path = os.path.join(HERE, name + ".pcapng")
        if os.path.exists(self.path):
            os.remove(self.path)
        self.states = KernelStates(name, [int(p) for p in re.findall(r"port (\d+)", bpf)])
        self.proc = subprocess.Popen(["dumpcap", "-q", "-i", iface, "-f", bpf, "-w", self.path],
                                     stderr=subprocess.PIPE, text=True)
        # dumpcap says "File: ..." once it is capturing.
        while True:
            line = self.proc.stderr.readline()
            if not line:
                raise RuntimeError("dumpcap did not start capturing on lo")
            if "File:" in line:
                break
        Capture.running.add(self)
        Capture.current = self
        time.sleep(0.3)

    def stop(self):
        Capture.running.discard(self)
        time.sleep(0.3)
        self.proc.terminate()
        self.proc.wait()
        self.states.stop()
        os.chmod(self.path, 0o644)
        return self.path


def nft(*rules, sets=()):
    """Packet drops with nftables, standing in for a network that loses packets. On lo a packet
    is captured when it is sent, so a drop on input is a packet captured but never delivered,
    and a drop on output one that is never captured. sets: "NAME { SPEC }" for rules to use."""
    script = ["add table inet synflowtest"] + ["add set inet synflowtest " + s for s in sets] + [
        "add chain inet synflowtest in { type filter hook input priority 0; }",
        "add chain inet synflowtest out { type filter hook output priority 0; }"]
    script += ["add rule inet synflowtest " + r for r in rules]
    subprocess.run(["nft", "-f", "-"], input="\n".join(script) + "\n", text=True, check=True)


def nft_off():
    subprocess.run(["nft", "delete", "table", "inet", "synflowtest"], stderr=subprocess.DEVNULL)


def on_private_lo(scenario):
    """Runs the scenario in a child process with a network namespace of its own: nothing else
    shares its lo, nft rules and raw sockets, and its lo sends no segment larger than the MSS
    (gso_max_segs 1), as a network would, instead of one packet of up to 64 KB."""

    @functools.wraps(scenario)
    def run():
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                if ctypes.CDLL(None, use_errno=True).unshare(0x40000000) != 0: # CLONE_NEWNET
                    raise OSError(ctypes.get_errno(), "unshare")
                subprocess.run(["ip", "link", "set", "lo", "up", "gso_max_segs", "1"], check=True)
                scenario()
                code = 0
            except BaseException:
                traceback.print_exc()
                for cap in Capture.running: # else the namespace lives on with it
                    cap.proc.terminate()
                    cap.proc.wait()
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        if status != 0:
            raise RuntimeError(scenario.__name__ + " failed")
        return os.path.join(HERE, "lo-" + scenario.__name__ + ".pcapng")

    return run


def server(port, handler, backlog=8, rcvbuf=None):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if rcvbuf:
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
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


def closeclient():
    # A clean close from the client: it sends FIN first, the server ACKs it, writes its last
    # line, then closes (four-way teardown: client TIME-WAIT, server LAST-ACK -> CLOSED).
    port = free_port()
    cap = Capture("lo-closeclient", f"tcp port {port}")

    def srv(c):
        c.recv(100)
        c.sendall(b"hello yourself\n")
        read_until_eof(c)
        time.sleep(0.05) # its ACK of the FIN leaves alone, before its own FIN
        c.close()

    t = server(port, srv)
    c = socket.create_connection(("127.0.0.1", port))
    c.sendall(b"hello\n")
    c.recv(100)
    finish_client(c)
    t.join()
    return cap.stop()


def closeserver():
    # A clean close from the server: it answers and closes first; the client reads to the end
    # and closes (the server ends in TIME-WAIT, the client in CLOSED).
    port = free_port()
    cap = Capture("lo-closeserver", f"tcp port {port}")

    def srv(c):
        c.recv(100)
        c.sendall(b"here it is, bye\n")
        c.close()

    t = server(port, srv)
    c = socket.create_connection(("127.0.0.1", port))
    c.sendall(b"give it to me\n")
    read_until_eof(c)
    time.sleep(0.05)
    c.close()
    t.join()
    return cap.stop()


def threeseg():
    # A three-segment close: the server closes as soon as it reads the client's FIN, so its
    # FIN carries the ACK of the client's FIN (FIN, FIN/ACK, ACK).
    port = free_port()
    cap = Capture("lo-threeseg", f"tcp port {port}")
    t = server(port, lambda c: (read_until_eof(c), c.close()))
    c = socket.create_connection(("127.0.0.1", port))
    c.sendall(b"short and sweet\n")
    time.sleep(0.05)
    finish_client(c)
    t.join()
    return cap.stop()


def rstafterclose():
    # The server closes its socket for good; the client, still in CLOSE-WAIT, sends data,
    # which no socket can take any more: the server's side answers with RST.
    port = free_port()
    cap = Capture("lo-rstafterclose", f"tcp port {port}")
    t = server(port, lambda c: c.close())
    c = socket.create_connection(("127.0.0.1", port))
    t.join()
    time.sleep(0.05)
    c.sendall(b"are you still there?\n")
    time.sleep(0.05)
    c.close()
    return cap.stop()


def synackloss():
    # The server's first SYN/ACK is captured but lost (dropped on input, once): the client
    # and the server each send theirs again after their retransmission timeout.
    port = free_port()
    cap = Capture("lo-synackloss", f"tcp port {port}")
    synack = f"in tcp sport {port} tcp flags & (syn | ack) == syn | ack"
    nft(synack + " tcp sport @once accept", synack + " add @once { tcp sport } drop",
        sets=["once { type inet_service; flags dynamic; }"])
    try:
        t = server(port, lambda c: (c.recv(100), read_until_eof(c), c.close()))
        c = socket.create_connection(("127.0.0.1", port), timeout=5)
        c.sendall(b"in after a loss\n")
        time.sleep(0.05)
        finish_client(c)
        t.join()
    finally:
        nft_off()
    return cap.stop()


def tfo():
    # TCP Fast Open: the first connection asks for a cookie (an empty Fast Open option on
    # the SYN), the second sends its data on the SYN with the cookie. Fast Open is switched
    # on for both ends (net.ipv4.tcp_fastopen = 3) for the run and put back after.
    port = free_port()
    key = "/proc/sys/net/ipv4/tcp_fastopen"
    with open(key) as f:
        before = f.read().strip()
    with open(key, "w") as f:
        f.write("3")
    try:
        cap = Capture("lo-tfo", f"tcp port {port}")
        ls = socket.socket()
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.setsockopt(socket.IPPROTO_TCP, socket.TCP_FASTOPEN, 4)
        ls.bind(("127.0.0.1", port))
        ls.listen(4)

        def srv():
            for _ in range(2):
                a, _ = ls.accept()
                read_until_eof(a)
                a.close()

        t = threading.Thread(target=srv)
        t.start()
        for n in range(2):
            c = socket.socket()
            c.sendto(b"fast open %d\n" % n, socket.MSG_FASTOPEN, ("127.0.0.1", port))
            time.sleep(0.05)
            finish_client(c)
            time.sleep(0.05)
        t.join()
        ls.close()
    finally:
        with open(key, "w") as f:
            f.write(before)
    return cap.stop()


def twreuse():
    # Port reuse while the old connection is in TIME-WAIT: the server closes first and keeps
    # the TIME-WAIT; the client connects again from the same port, and the server's kernel
    # takes the new SYN (its sequence number is beyond the old connection's) as a new one.
    port, mine = free_port(), free_port()
    cap = Capture("lo-twreuse", f"tcp port {port}")
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
        s.close()
        read_until_eof(c)
        time.sleep(0.05)
        c.close()
        time.sleep(0.1)
        if n == 0:
            cap.states.snapshot() # the server's TIME-WAIT, before the new SYN ends it
    ls.close()
    return cap.stop()


def ipv6():
    # A clean connection over IPv6 (::1): handshake, a question and its answer, four-way close.
    port = free_port()
    cap = Capture("lo-ipv6", f"ip6 and tcp port {port}")
    ls = socket.socket(socket.AF_INET6)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("::1", port))
    ls.listen(1)

    def srv():
        a, _ = ls.accept()
        a.recv(100)
        a.sendall(b"answer over IPv6\n")
        read_until_eof(a)
        time.sleep(0.05)
        a.close()

    t = threading.Thread(target=srv)
    t.start()
    c = socket.create_connection(("::1", port))
    c.sendall(b"question over IPv6\n")
    c.recv(100)
    finish_client(c)
    t.join()
    ls.close()
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


def gap():
    # One data segment is kept out of the capture by the BPF filter (the receiver still gets
    # it): the next segment follows a hole (previous segment not captured) and the receiver
    # ACKs bytes the capture never saw (ACKed unseen segment).
    port = free_port()
    # The length test comes first: a load past the end of a packet rejects the packet outright.
    payload = "ip[2:2] - ((ip[0] & 0xf) << 2) - ((tcp[12] & 0xf0) >> 2)"
    marker = "tcp[((tcp[12] & 0xf0) >> 2):4] = 0x4d495353" # "MISS"
    cap = Capture("lo-gap", f"tcp port {port} and not ({payload} >= 4 and {marker})")
    t = server(port, lambda c: (read_until_eof(c), c.close()))
    c = socket.create_connection(("127.0.0.1", port))
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    for chunk in (b"first chunk\n", b"second chunk\n", b"MISSing from the capture\n", b"after the hole\n",
                  b"last chunk\n"):
        c.sendall(chunk)
        time.sleep(0.05)
    finish_client(c)
    t.join()
    return cap.stop()


@on_private_lo
def fastretx():
    # One data segment is captured but lost (dropped on input, the first time only) among many
    # sent at once: the receiver sends duplicate ACKs and the sender retransmits the hole at
    # once (fast retransmission). Its lo sends no segment larger than the MSS, so the one
    # write leaves as many segments, most of them before the sender sees an ACK.
    port = free_port()
    cap = Capture("lo-fastretx", f"tcp port {port}")
    # The payload starts after the 32-byte TCP header of loopback (with timestamps). The
    # port goes into the set on the first drop, so the retransmission passes.
    drop = f"in tcp dport {port} @th,256,32 0x44524f50" # "DROP"
    nft(drop + " tcp dport @once accept", drop + " add @once { tcp dport } drop",
        sets=["once { type inet_service; flags dynamic; }"])
    try:
        # A fixed receive buffer: a window growing during the loss would make the duplicate
        # ACKs window updates.
        t = server(port, lambda c: (read_until_eof(c), c.close()), rcvbuf=32768)
        c = socket.socket()
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 1000)
        c.connect(("127.0.0.1", port))
        c.sendall(b"before the loss\n")
        time.sleep(0.05)
        seg = 1000 - 12 # the MSS less the timestamp option
        c.sendall(b"".join((b"DROP" if n == 3 else b"data") + b"%03d" % n + b"z" * (seg - 7) for n in range(20)))
        time.sleep(0.1)
        finish_client(c)
        t.join()
    finally:
        nft_off()
    return cap.stop()


FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


class RawTcp:
    """One end of a TCP connection to 127.0.0.1 scripted segment by segment over a raw socket
    (the kernel adds the IP header), for segments no kernel sends. The kernel knows no socket
    on its port and answers the peer with RSTs: the caller drops those on output."""

    def __init__(self, port, peer, isn=1000000, window=65535):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
        self.port, self.peer = port, peer
        self.nxt = isn # next sequence number to send
        self.ack = 0 # next sequence number expected from the peer
        self.window = window # advertised

    def send(self, flags, data=b"", options=b""):
        hdr = struct.pack("!HHIIBBHHH", self.port, self.peer, self.nxt, self.ack, (20 + len(options)) << 2, flags,
                          self.window, 0, 0) + options
        seg = bytearray(hdr + data)
        pseudo = socket.inet_aton("127.0.0.1") * 2 + struct.pack("!BBH", 0, socket.IPPROTO_TCP, len(seg))
        struct.pack_into("!H", seg, 16, checksum(pseudo + seg))
        self.sock.sendto(seg, ("127.0.0.1", 0))
        self.nxt += len(data) + (1 if flags & (SYN | FIN) else 0)

    def recv(self, timeout=1.0):
        """The next segment from the peer as (flags, seq, ack, window), or None on timeout."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            self.sock.settimeout(left)
            try:
                pkt = self.sock.recv(65536)
            except socket.timeout:
                break
            ihl = (pkt[0] & 0xf) * 4
            sport, dport, seq, ack, _, flags, window = struct.unpack_from("!HHIIBBH", pkt, ihl)
            if (sport, dport) == (self.peer, self.port): # the raw socket sees all TCP, ours too
                return flags, seq, ack, window
        return None


def checksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


@on_private_lo
def zwp():
    # A receiver with a small buffer stops reading until its window is zero; the sender then
    # probes it with one byte beyond the window (zero window probe), which the receiver answers
    # with its zero window again (zero window probe ACK). Linux probes with no byte at all
    # (tshark calls that a keep-alive), so the sender is scripted over a raw socket.
    port, mine = free_port(), free_port()
    cap = Capture("lo-zwp", f"tcp port {port}")
    nft(f"out tcp sport {mine} tcp flags & rst == rst drop")
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    ls.bind(("127.0.0.1", port))
    ls.listen(1)
    ls.settimeout(10) # a failed script leaves no thread waiting for ever
    read = threading.Event()

    def srv():
        c, _ = ls.accept()
        c.settimeout(10)
        read.wait()
        read_until_eof(c)
        c.close()

    t = threading.Thread(target=srv)
    t.start()
    try:
        raw = RawTcp(mine, port)
        raw.send(SYN, options=struct.pack("!BBH", 2, 4, 1000)) # MSS 1000, no window scaling
        flags, seq, ack, window = raw.recv()
        assert flags & (SYN | ACK) == SYN | ACK, flags
        raw.ack = seq + 1
        raw.send(ACK)
        data = b"".join(b"line %04d of the transfer\n" % i for i in range(400))
        una, sent = ack, 0

        def send_window():
            nonlocal sent
            while sent < len(data) and (room := una + window - raw.nxt) > 0:
                n = min(1000, room, len(data) - sent)
                raw.send(PSH | ACK, data[sent : sent + n])
                sent += n

        def take_ack(timeout=1.0):
            nonlocal una, window
            seg = raw.recv(timeout)
            assert seg, "no ACK from the receiver"
            una, window = seg[2], seg[3]
            return seg

        # Fill the window until the receiver, which does not read, closes it.
        while not (window == 0 and una == raw.nxt):
            send_window()
            take_ack()
        for pause in (0.2, 0.4, 0.8): # backing off as a persist timer does
            time.sleep(pause)
            raw.send(PSH | ACK, data[sent : sent + 1]) # one byte beyond the window
            raw.nxt -= 1 # not accepted: the next segment starts with it again
            take_ack()
        read.set()
        while window == 0: # the window update
            take_ack()
        while una != raw.nxt or sent < len(data):
            send_window()
            take_ack()
        raw.send(FIN | ACK)
        while True:
            flags, seq, ack, window = raw.recv()
            if flags & FIN:
                break
        raw.ack = seq + 1
        raw.send(ACK)
    finally:
        read.set()
        t.join()
        ls.close()
        nft_off()
    return cap.stop()


@on_private_lo
def zwpbyte():
    # A receiver that keeps the byte of a zero window probe and still advertises a zero
    # window, as some stacks do. tshark 4.0 calls its ACK no probe ACK but an ACK of an unseen
    # segment (the probe does not move the sequence it expects), and the next probe one after
    # a segment not captured. The receiver refuses that one, then reads. Both ends scripted.
    a, b = free_port(), free_port()
    cap = Capture("lo-zwpbyte", f"tcp port {a} and tcp port {b}")
    nft(f"out tcp sport {a} tcp flags & rst == rst drop", f"out tcp sport {b} tcp flags & rst == rst drop")
    try:
        snd, rcv = RawTcp(a, b, isn=3000000000), RawTcp(b, a, isn=7000000, window=2000)
        mss = struct.pack("!BBH", 2, 4, 1000)

        def answer(window, keep=True):
            """The receiver ACKs all the sender has sent (keep) or all but its last byte."""
            time.sleep(0.002)
            rcv.window = window
            rcv.ack = snd.nxt if keep else snd.nxt - 1
            rcv.send(ACK)

        snd.send(SYN, options=mss)
        rcv.ack = snd.nxt
        rcv.send(SYN | ACK, options=mss)
        snd.ack = rcv.nxt
        snd.send(ACK)
        time.sleep(0.05)
        snd.send(PSH | ACK, b"a" * 1000)
        answer(1000)
        snd.send(PSH | ACK, b"b" * 1000) # fills the window
        answer(0)
        time.sleep(0.2)
        snd.send(PSH | ACK, b"c") # kept
        answer(0)
        time.sleep(0.4)
        snd.send(PSH | ACK, b"d") # refused
        answer(0, keep=False)
        snd.nxt -= 1
        time.sleep(0.3)
        answer(2000) # the receiver has read: window update
        snd.send(PSH | ACK, b"d" * 500)
        answer(2000)
        snd.send(FIN | ACK)
        rcv.ack = snd.nxt
        rcv.send(FIN | ACK)
        snd.ack = rcv.nxt
        snd.send(ACK)
    finally:
        nft_off()
    return cap.stop()


def dns_message(ident, name, response):
    """A DNS message asking for (or answering) NAME's A record."""
    qname = b"".join(bytes([len(label)]) + label.encode() for label in name.split(".")) + b"\0"
    header = struct.pack("!HHHHHH", ident, 0x8180 if response else 0x0100, 1, 1 if response else 0, 0, 0)
    answer = struct.pack("!HHHIH", 0xC00C, 1, 1, 60, 4) + bytes([192, 0, 2, ident]) if response else b""
    return header + qname + struct.pack("!HH", 1, 1) + answer


@on_private_lo
def dnstcp():
    # DNS over TCP, each message behind its 2-byte length, sent so that segments and messages
    # do not line up: a segment that ends inside a message, one that finishes it and starts the
    # next ("[Continuation to #N]", then that next message's summary).
    cap = Capture("lo-dnstcp", "tcp port 53")

    def srv(c):
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        c.recv(1000)
        framed = b"".join(struct.pack("!H", len(m)) + m for m in
                          (dns_message(1, "a.example.test", True), dns_message(2, "b.example.test", True)))
        for part in (framed[:20], framed[20:60], framed[60:]):
            c.sendall(part)
            time.sleep(0.05)
        read_until_eof(c)
        c.close()

    t = server(53, srv)
    c = socket.create_connection(("127.0.0.1", 53))
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    c.sendall(b"".join(struct.pack("!H", len(m)) + m for m in
                       (dns_message(1, "a.example.test", False), dns_message(2, "b.example.test", False))))
    got = b""
    while len(got) < 2 * (2 + len(dns_message(1, "a.example.test", True))):
        got += c.recv(1000)
    finish_client(c)
    t.join()
    cap.stop()


def oracle(path):
    name = os.path.basename(path)[: -len(".pcapng")] + "-ng"
    out = os.path.join(HERE, "oracle", name + ".tsv")
    args = ["tshark", "-2", "-r", path] + PREFS + ["-T", "fields", "-E", "header=y", "-E", "separator=/t",
                                                   "-E", "occurrence=a", "-E", "aggregator=,"]
    for f in FIELDS:
        args += ["-e", f]
    with open(out, "w") as f:
        subprocess.run(args, stdout=f, stderr=subprocess.DEVNULL, check=True)


def missing_flags(path, flags):
    """The tcp.analysis flags of `flags` that no frame of path's oracle shows."""
    name = os.path.basename(path)[: -len(".pcapng")] + "-ng"
    with open(os.path.join(HERE, "oracle", name + ".tsv")) as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    cols = [rows[0].index("tcp.analysis." + flag) for flag in flags]
    return [flag for flag, c in zip(flags, cols) if not any(r[c] for r in rows[1:])]


SCENARIOS = {f.__name__: f for f in (closeclient, closeserver, threeseg, halfclose, refused, abort, rstafterclose,
                                     keepalive, zerowindow, lossy, simulclose, simulopen, reuse, twreuse, retry,
                                     synackloss, tfo, ipv6, gap, fastretx, zwp, zwpbyte, dnstcp)}
# The flags each scenario is there to show (tests/core/tcp/tst_tcproles.cpp checks them too).
EXPECT = {
    "gap": ["lost_segment", "ack_lost_segment"],
    "fastretx": ["fast_retransmission", "duplicate_ack_num"],
    "zwp": ["window_full", "zero_window", "zero_window_probe", "zero_window_probe_ack", "window_update"],
    "zwpbyte": ["zero_window", "zero_window_probe", "ack_lost_segment", "lost_segment", "window_update"],
}

if __name__ == "__main__":
    KernelStates.ready() # here, not in a scenario's child process, which ends without atexit
    failed = False
    for name in sys.argv[1:] or SCENARIOS:
        path = SCENARIOS[name]()
        oracle(path)
        print(name, path)
        if missing := missing_flags(path, EXPECT.get(name, [])):
            print(f"  {name}: no frame shows {', '.join(missing)}; run it again", file=sys.stderr)
            failed = True
    sys.exit(1 if failed else 0)
