#!/usr/bin/env python3
"""Frames whose headers the snapshot length cuts short, built byte by byte: IPv4 and IPv6 (each
IPv6 extension header, alone and chained) carrying TCP and UDP, VLAN and QinQ tags, VXLAN, GRE,
MPLS, PBB (with Ethernet II and 802.3 inside), IP-in-IP, and deep nests of tags and tunnels.

usage:
  make-cutheaders.py               writes tests/data/cut/cutheaders.pcap (the cut lengths of each
                                   frame cutheaders-cuts.txt lists) and tests/data/oracle/cutheaders.tsv
                                   with tshark as oracle/README.md says
  make-cutheaders.py --probe DIR   writes DIR/NAME.pcap for every frame: every cut length from 0
                                   bytes to the whole frame, one packet each
Each packet of a frame gets its own ports (and IP identification), so that no two packets are one
conversation and each reads as tshark reads a packet on its own.
"""
import os
import struct
import sys

import fieldoracle

MAC_A = bytes.fromhex("020000000001")
MAC_B = bytes.fromhex("020000000002")
MAC_C = bytes.fromhex("001b21000003")
MAC_D = bytes.fromhex("001b21000004")
V4_A, V4_B = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
V4_C, V4_D = bytes([192, 168, 7, 1]), bytes([192, 168, 7, 2])
V6_A = bytes.fromhex("20010db8000000000000000000000001")
V6_B = bytes.fromhex("20010db8000000000000000000000002")
V6_C = bytes.fromhex("20010db800000000000000000000000c")
V6_D = bytes.fromhex("20010db800000000000000000000000d")
PAYLOAD = bytes(range(100, 124))  # no heuristic dissector of tshark takes it


def eth(ethertype, payload, dst=MAC_B, src=MAC_A):
    return dst + src + struct.pack(">H", ethertype) + payload


def vlan(vid, ethertype, payload, pri=3):
    return struct.pack(">HH", (pri << 13) | vid, ethertype) + payload


def ipv4(proto, payload, ident, src=V4_A, dst=V4_B, options=b"", flags=0x4000):
    hl = 20 + len(options)
    head = struct.pack(">BBHHHBBH", 0x40 | (hl // 4), 0, hl + len(payload), ident, flags, 64, proto, 0) + src + dst + options
    s = sum(struct.unpack(">%dH" % (hl // 2), head))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return head[:10] + struct.pack(">H", ~s & 0xFFFF) + head[12:] + payload


def ipv6(nh, payload, src=V6_A, dst=V6_B):
    return struct.pack(">IHBB", 0x60000000, len(payload), nh, 64) + src + dst + payload


def options_ext(nh, payload, body=b"\x01\x04\x00\x00\x00\x00"):
    # hop-by-hop or destination options: PadN to a multiple of 8
    return bytes([nh, (len(body) + 2) // 8 - 1]) + body + payload


def routing_ext(nh, payload, rtype=0, left=1, addrs=(V6_C,)):
    body = b"\x00\x00\x00\x00" + b"".join(addrs)
    if rtype == 4:
        body = bytes([len(addrs) - 1, 0, 0, 0]) + b"".join(addrs)
    return bytes([nh, (len(body) + 4) // 8 - 1, rtype, left]) + body + payload


def fragment_ext(nh, payload, ident, offset=0, more=False):
    return struct.pack(">BBHI", nh, 0, (offset << 3) | int(more), ident) + payload


def ah_ext(nh, payload, icv=12):
    return bytes([nh, (12 + icv) // 4 - 2, 0, 0]) + struct.pack(">II", 0x1000, 7) + bytes(range(1, icv + 1)) + payload


def tcp(sport, dport, payload=PAYLOAD):
    return struct.pack(">HHIIBBHHH", sport, dport, 1000, 2000, 0x50, 0x18, 8192, 0, 0) + payload


def udp(sport, dport, payload=PAYLOAD):
    return struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload


def arp():
    return struct.pack(">HHBBH", 1, 0x0800, 6, 4, 1) + MAC_C + V4_C + bytes(6) + V4_D


def vxlan(inner, vni=100):
    return struct.pack(">II", 0x08000000, vni << 8) + inner


def gre(proto, payload, key=None):
    if key is None:
        return struct.pack(">HH", 0, proto) + payload
    return struct.pack(">HHI", 0x2000, proto, key) + payload


def mpls(labels, payload):
    out = b""
    for i, label in enumerate(labels):
        out += struct.pack(">I", (label << 12) | (int(i == len(labels) - 1) << 8) | 64)
    return out + payload


def pbb(isid, inner):
    return struct.pack(">I", (3 << 29) | isid) + inner


def llc_frame(payload):
    # 802.3: a length, then LLC (STP's SAPs, unnumbered information)
    body = b"\x42\x42\x03" + payload
    return MAC_D + MAC_C + struct.pack(">H", len(body)) + body


def sport(k):
    return 40000 + k


# The frames: name -> function of the packet's index k (its ports) returning the whole frame.
def frames():
    T = lambda k: tcp(sport(k), 33333)
    U = lambda k: udp(sport(k), 33334)
    v4 = lambda proto, pl, k, **kw: eth(0x0800, ipv4(proto, pl, 0x100 + k, **kw))
    v6 = lambda nh, pl, **kw: eth(0x86DD, ipv6(nh, pl, **kw))
    f = {}
    f["v4-tcp"] = lambda k: v4(6, T(k), k)
    f["v4-udp"] = lambda k: v4(17, U(k), k)
    f["v4opt-udp"] = lambda k: v4(17, U(k), k, options=bytes([131, 7, 4]) + V4_C + b"\x01")  # loose source route
    f["v4frag-udp"] = lambda k: v4(17, U(k), k, flags=0x2000)  # a first fragment
    f["v4frag-tcp"] = lambda k: v4(6, T(k), k, flags=0x2000)
    f["v4fragnext-udp"] = lambda k: v4(17, U(k), k, flags=0x0010)  # a later one
    f["v6-tcp"] = lambda k: v6(6, T(k))
    f["v6-udp"] = lambda k: v6(17, U(k))
    for name, tnh, tf in (("tcp", 6, T), ("udp", 17, U)):
        f["v6hbh-" + name] = lambda k, tnh=tnh, tf=tf: v6(0, options_ext(tnh, tf(k)))
        f["v6rt0-" + name] = lambda k, tnh=tnh, tf=tf: v6(43, routing_ext(tnh, tf(k), 0, 1, (V6_C,)))
        f["v6rt4-" + name] = lambda k, tnh=tnh, tf=tf: v6(43, routing_ext(tnh, tf(k), 4, 1, (V6_D, V6_C)))
        f["v6frag-" + name] = lambda k, tnh=tnh, tf=tf: v6(44, fragment_ext(tnh, tf(k), 0x5000 + k))
        f["v6dst-" + name] = lambda k, tnh=tnh, tf=tf: v6(60, options_ext(tnh, tf(k)))
        f["v6ah-" + name] = lambda k, tnh=tnh, tf=tf: v6(51, ah_ext(tnh, tf(k)))
        f["v6chain-" + name] = lambda k, tnh=tnh, tf=tf: v6(0, options_ext(43, routing_ext(60, options_ext(tnh, tf(k)), 0, 0, (V6_C,))))
    f["v6fragfirst-udp"] = lambda k: v6(44, fragment_ext(17, U(k), 0x6000 + k, 0, True))
    f["v6ah-v4ah"] = lambda k: v4(51, ah_ext(6, T(k)), k)
    f["vlan-v4-tcp"] = lambda k: eth(0x8100, vlan(10, 0x0800, ipv4(6, T(k), 0x100 + k)))
    f["qinq-v4-udp"] = lambda k: eth(0x88A8, vlan(20, 0x8100, vlan(30, 0x0800, ipv4(17, U(k), 0x100 + k))))
    f["vlan-v6-udp"] = lambda k: eth(0x8100, vlan(10, 0x86DD, ipv6(17, U(k))))
    f["vlan-arp"] = lambda k: eth(0x8100, vlan(10, 0x0806, arp()))
    f["arp"] = lambda k: eth(0x0806, arp())
    inner_v4 = lambda k, proto=6: eth(0x0800, ipv4(proto, T(k) if proto == 6 else U(k), 0x200 + k, V4_C, V4_D), MAC_D, MAC_C)
    f["vxlan-v4-tcp"] = lambda k: v4(17, udp(sport(k), 4789, vxlan(inner_v4(k))), k)
    f["vxlan-arp"] = lambda k: v4(17, udp(sport(k), 4789, vxlan(eth(0x0806, arp(), MAC_D, MAC_C))), k)
    f["vxlan-vlan-v4-udp"] = lambda k: v4(17, udp(sport(k), 4789, vxlan(eth(0x8100, vlan(5, 0x0800, ipv4(17, U(k), 0x200 + k, V4_C, V4_D)), MAC_D, MAC_C))), k)
    f["vxlan-qinq-v4-udp"] = lambda k: v4(17, udp(sport(k), 4789, vxlan(eth(0x88A8, vlan(6, 0x8100, vlan(7, 0x0800, ipv4(17, U(k), 0x200 + k, V4_C, V4_D))), MAC_D, MAC_C))), k)
    f["vxlan6-v6-udp"] = lambda k: v6(17, udp(sport(k), 4789, vxlan(eth(0x86DD, ipv6(17, U(k), V6_C, V6_D), MAC_D, MAC_C))))
    f["gre-v4-udp"] = lambda k: v4(47, gre(0x0800, ipv4(17, U(k), 0x200 + k, V4_C, V4_D)), k)
    f["grekey-v6-tcp"] = lambda k: v4(47, gre(0x86DD, ipv6(6, T(k), V6_C, V6_D), key=77), k)
    f["greteb-v4-tcp"] = lambda k: v4(47, gre(0x6558, inner_v4(k)), k)
    f["mpls-v4-tcp"] = lambda k: eth(0x8847, mpls([100, 200], ipv4(6, T(k), 0x100 + k)))
    f["mpls-v6-udp"] = lambda k: eth(0x8847, mpls([300], ipv6(17, U(k))))
    f["mpls-pw-eth"] = lambda k: eth(0x8847, mpls([400], b"\x00\x00\x00\x00" + inner_v4(k, 17)))
    f["pbb-v4-udp"] = lambda k: eth(0x88E7, pbb(0x1234, inner_v4(k, 17)))
    f["pbb-8023"] = lambda k: eth(0x88E7, pbb(0x1234, llc_frame(bytes(35))))
    f["vlan-pbb-v4-udp"] = lambda k: eth(0x88A8, vlan(40, 0x88E7, pbb(0x99, inner_v4(k, 17))))
    f["ipip-tcp"] = lambda k: v4(4, ipv4(6, T(k), 0x200 + k, V4_C, V4_D), k)
    f["6in4-udp"] = lambda k: v4(41, ipv6(17, U(k), V6_C, V6_D), k)
    f["4in6-tcp"] = lambda k: v6(4, ipv4(6, T(k), 0x200 + k, V4_C, V4_D))
    f["6in6hbh-udp"] = lambda k: v6(41, ipv6(0, options_ext(17, U(k)), V6_C, V6_D))
    f["vlan20-v4-udp"] = lambda k: eth(0x8100, b"".join(vlan(i + 1, 0x8100, b"") for i in range(19)) + vlan(20, 0x0800, ipv4(17, U(k), 0x100 + k)))

    def nest(k, depth):  # IP-in-IP `depth` times, UDP inside
        p = ipv4(17, U(k), 0x300 + k, V4_C, V4_D)
        for i in range(depth):
            p = ipv4(4, p, 0x400 + i, bytes([172, 16, i, 1]), bytes([172, 16, i, 2]))
        return eth(0x0800, p)
    f["ipip10-udp"] = lambda k: nest(k, 10)
    f["ipip16-udp"] = lambda k: nest(k, 16)
    f["ipip20-udp"] = lambda k: nest(k, 20)

    def mixed(k, depth):  # GRE, VXLAN, MPLS in turn
        p = eth(0x0800, ipv4(17, U(k), 0x300 + k, V4_C, V4_D), MAC_D, MAC_C)
        for i in range(depth):
            if i % 3 == 0:
                p = eth(0x0800, ipv4(17, udp(1000 + i, 4789, vxlan(p)), 0x500 + i), MAC_D, MAC_C)
            elif i % 3 == 1:
                p = eth(0x0800, ipv4(47, gre(0x6558, p), 0x500 + i), MAC_D, MAC_C)
            else:
                p = eth(0x8847, mpls([500 + i], b"\x00\x00\x00\x00" + p), MAC_D, MAC_C)
        return p
    f["mixed8"] = lambda k: mixed(k, 8)
    f["mixed14"] = lambda k: mixed(k, 14)
    f["mixed20"] = lambda k: mixed(k, 20)
    return f


def pcap_header():
    return struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)


def record(i, data, orig):
    return struct.pack("<IIII", 1700000000 + i, 0, len(data), orig) + data


def probe(outdir):
    os.makedirs(outdir, exist_ok=True)
    for name, make in frames().items():
        size = len(make(0))
        with open(os.path.join(outdir, name + ".pcap"), "wb") as fh:
            fh.write(pcap_header())
            for k in range(size + 1):
                fh.write(record(k, make(k)[:k], size))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--probe":
        probe(sys.argv[2])
        return
    here = os.path.dirname(os.path.abspath(__file__))
    cuts = {}
    with open(os.path.join(here, "cutheaders-cuts.txt")) as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                name, lengths = line.split(None, 1)
                cuts[name] = [int(x) for x in lengths.split(",")]
    out = os.path.join(here, "cut", "cutheaders.pcap")
    made = frames()
    i = 0
    with open(out, "wb") as fh:
        fh.write(pcap_header())
        for name, lengths in cuts.items():
            for n in lengths:
                i += 1
                frame = made[name](i)
                fh.write(record(i, frame[:n], len(frame)))
    fieldoracle.write(out, "cutheaders")


if __name__ == "__main__":
    main()
