#pragma once
// Small captures written byte by byte in a test: Ethernet + IPv4 + TCP frames in a pcap file,
// for cases no real capture has (packet text with control bytes, backwards times...).
#include <QByteArray>

#include <vector>

namespace synflow::test {

struct Packet {
    double time;
    QByteArray frame;
};

// Ethernet + IPv4 (10.0.0.src -> 10.0.0.dst) + TCP without options; checksums left zero
// (tshark does not check them by default).
QByteArray tcpFrame(quint8 src, quint8 dst, quint16 sport, quint16 dport, quint32 seq, quint32 ack, quint8 flags,
                    const QByteArray& payload = {});
// A little-endian microsecond pcap of Ethernet frames.
QByteArray pcap(const std::vector<Packet>& packets);
// A handshake, then an HTTP request carrying `request`, then `extraAcks` ACKs (a long flow graph).
QByteArray httpCapture(const QByteArray& request, int extraAcks = 0);

} // namespace synflow::test
