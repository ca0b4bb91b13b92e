#include "common/craftedcapture.h"

namespace synflow::test {

QByteArray tcpFrame(quint8 src, quint8 dst, quint16 sport, quint16 dport, quint32 seq, quint32 ack, quint8 flags,
                    const QByteArray& payload)
{
    QByteArray f = QByteArray::fromHex("000000000002000000000001") + QByteArray::fromHex("0800");
    auto be16 = [&](quint16 v) { f += char(v >> 8); f += char(v); };
    auto be32 = [&](quint32 v) { be16(quint16(v >> 16)); be16(quint16(v)); };
    f += char(0x45);
    f += char(0);
    be16(quint16(40 + payload.size()));
    be16(1);
    be16(0);
    f += char(64);
    f += char(6);
    be16(0);
    f += QByteArray::fromHex("0a0000") + char(src);
    f += QByteArray::fromHex("0a0000") + char(dst);
    be16(sport);
    be16(dport);
    be32(seq);
    be32(ack);
    f += char(0x50);
    f += char(flags);
    be16(65535);
    be32(0);
    return f + payload;
}

QByteArray pcap(const std::vector<Packet>& packets)
{
    QByteArray out;
    auto le32 = [&](quint32 v) { for (int i = 0; i < 4; ++i) out += char(v >> (8 * i)); };
    le32(0xa1b2c3d4);
    out += QByteArray::fromHex("02000400");
    le32(0);
    le32(0);
    le32(65535);
    le32(1);
    for (const Packet& p : packets) {
        const auto us = qint64(p.time * 1e6 + 0.5);
        le32(quint32(us / 1000000));
        le32(quint32(us % 1000000));
        le32(quint32(p.frame.size()));
        le32(quint32(p.frame.size()));
        out += p.frame;
    }
    return out;
}

QByteArray httpCapture(const QByteArray& request, int extraAcks)
{
    std::vector<Packet> p{{1.0, tcpFrame(1, 2, 40000, 80, 100, 0, 0x02)},
                          {1.1, tcpFrame(2, 1, 80, 40000, 500, 101, 0x12)},
                          {1.2, tcpFrame(1, 2, 40000, 80, 101, 501, 0x10)},
                          {1.3, tcpFrame(1, 2, 40000, 80, 101, 501, 0x18, request)}};
    for (int i = 0; i < extraAcks; ++i)
        p.push_back({1.4 + i * 0.001, tcpFrame(2, 1, 80, 40000, 501, quint32(101 + request.size()), 0x10)});
    return pcap(p);
}

} // namespace synflow::test
