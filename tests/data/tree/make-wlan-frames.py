#!/usr/bin/env python3
"""Writes two 802.11 data frames for tst_detailtree's Protocols-in-frame check, cases the shared
captures lack: wlan-llc-arp.pcap (bare 802.11, link type 105: LLC/SNAP carrying ARP, which tshark
lists as wlan:llc:arp) and radiotap-datapad-dns.pcap (radiotap whose Flags say the 802.11 header
is padded to 32 bits: a QoS data frame, 26-byte header and 2 pad bytes, then LLC/SNAP, IPv4, UDP
to port 53).

usage: tests/data/tree/make-wlan-frames.py
"""
import os
import struct


def pcap(path, linktype, frame):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype))
        f.write(struct.pack("<IIII", 1700000000, 0, len(frame), len(frame)))
        f.write(frame)


here = os.path.dirname(os.path.abspath(__file__))
snap = bytes.fromhex("aaaa03000000")
bssid, sta, dst = bytes.fromhex("001122334466"), bytes.fromhex("001122334455"), b"\xff" * 6

# Data frame, to-DS: receiver (BSSID), transmitter, destination; sequence control 0. ARP request.
arp = (struct.pack(">HHBBH", 1, 0x0800, 6, 4, 1) + sta + bytes([192, 168, 1, 1]) + b"\x00" * 6
       + bytes([192, 168, 1, 2]))
wlan = bytes([0x08, 0x02]) + b"\x00\x00" + dst + sta + bssid + b"\x00\x00"
pcap(os.path.join(here, "wlan-llc-arp.pcap"), 105, wlan + snap + b"\x08\x06" + arp)

# Radiotap: version 0, length 9, present = Flags only, Flags 0x20 (data pad).
radiotap = struct.pack("<BBHIB", 0, 0, 9, 0x2, 0x20)
qos = bytes([0x88, 0x01]) + b"\x00\x00" + bssid + sta + dst + b"\x10\x00" + b"\x00\x00"  # + QoS control
pad = b"\x00\x00"
payload = b"hello"
udp = struct.pack(">HHHH", 1234, 53, 8 + len(payload), 0) + payload
ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + udp
pcap(os.path.join(here, "radiotap-datapad-dns.pcap"), 127, radiotap + qos + pad + snap + b"\x08\x00" + ip)
