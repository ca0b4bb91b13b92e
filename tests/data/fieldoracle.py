"""Writes a crafted capture's per-field tshark oracle, oracle/NAME.tsv, with the fields and
preferences of the shared oracle (oracle/README.md), for the capture generators here."""
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
PREFS = ["-o", "tcp.desegment_tcp_streams:FALSE", "-o", "tcp.relative_sequence_numbers:TRUE", "-o",
         "tcp.analyze_sequence_numbers:TRUE", "-o", "tcp.calculate_timestamps:TRUE", "-o", "tcp.check_checksum:FALSE"]


def write(capture, name):
    fields = open(os.path.join(HERE, "oracle", "x11messages.tsv")).readline().split()
    cmd = ["tshark", "-2", "-r", capture] + PREFS + ["-T", "fields", "-E", "header=y", "-E", "separator=/t",
                                                      "-E", "occurrence=a", "-E", "aggregator=,"]
    for f in fields:
        cmd += ["-e", f]
    with open(os.path.join(HERE, "oracle", name + ".tsv"), "wb") as fh:
        fh.write(subprocess.run(cmd, check=True, capture_output=True).stdout)


def write_view(capture, name):
    """oracle/NAME.view.tsv: Protocol and Info as tshark shows them with default preferences (two
    passes, TCP reassembly on), as the shared view oracles are made."""
    cmd = ["tshark", "-2", "-r", capture, "-T", "fields", "-E", "header=y", "-E", "separator=/t",
           "-e", "frame.number", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info"]
    with open(os.path.join(HERE, "oracle", name + ".view.tsv"), "wb") as fh:
        fh.write(subprocess.run(cmd, check=True, capture_output=True).stdout)
