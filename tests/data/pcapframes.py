"""Ethernet/IPv4 frames and classic pcap files for the capture generators here (a fixed MAC pair,
checksums filled in), so each generator writes only its messages."""
import struct

from ipchecksum import checksum

ETHERNET = bytes.fromhex("020000000002020000000001") + b"\x08\x00"


def ipv4(src, dst, proto, segment):
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(segment), 1, 0x4000, 64, proto, 0, src, dst)
    return ETHERNET + ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:] + segment


def udp_frame(src, dst, sport, dport, payload):
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    pseudo = src + dst + struct.pack("!BBH", 0, 17, len(udp))
    return ipv4(src, dst, 17, udp[:6] + struct.pack("!H", checksum(pseudo + udp) or 0xffff) + udp[8:])


def tcp_frame(src, dst, sport, dport, seq, ack, flags, payload):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + payload
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    return ipv4(src, dst, 6, tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:])


def tcp_conversation(frames, client, server, cport, sport, segments, cut=None, close=True):
    """Appends (frame, kept bytes or None) for a handshake, then each (from_client, payload) as one
    segment (every one cut to `cut` bytes if given), then a FIN exchange if `close`."""
    cseq, sseq = 1000, 5000
    frames.append((tcp_frame(client, server, cport, sport, cseq, 0, 0x02, b""), None))
    frames.append((tcp_frame(server, client, sport, cport, sseq, cseq + 1, 0x12, b""), None))
    cseq, sseq = cseq + 1, sseq + 1
    frames.append((tcp_frame(client, server, cport, sport, cseq, sseq, 0x10, b""), None))
    for from_client, data in segments:
        if from_client:
            frames.append((tcp_frame(client, server, cport, sport, cseq, sseq, 0x18, data), cut))
            cseq += len(data)
        else:
            frames.append((tcp_frame(server, client, sport, cport, sseq, cseq, 0x18, data), cut))
            sseq += len(data)
    if close:
        frames.append((tcp_frame(client, server, cport, sport, cseq, sseq, 0x11, b""), None))
        frames.append((tcp_frame(server, client, sport, cport, sseq, cseq + 1, 0x11, b""), None))
        frames.append((tcp_frame(client, server, cport, sport, cseq + 1, sseq + 1, 0x10, b""), None))


def write_pcap(path, records, snaplen=262144):
    """records: (frame, kept bytes or None, seconds, microseconds)."""
    with open(path, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, 1))  # pcap, Ethernet
        for frame, cut, sec, usec in records:
            data = frame if cut is None else frame[:cut]
            out.write(struct.pack("<IIII", sec, usec, len(data), len(frame)))
            out.write(data)
