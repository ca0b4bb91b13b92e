// IPv4 and IPv6 fragment reassembly on captures built here: the frame that completes a datagram
// decodes all of it, the other fragments name where it was reassembled (tshark's Info), a
// reused identification starts a new datagram, and the bound on unfinished datagrams holds. The
// expected texts are tshark 4.0's for these same frames.
#include "analysis/analysedcapture.h"
#include "common/craftedcapture.h"
#include "proto/pducontinuation.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace synflow;
using namespace synflow::test;

namespace {

QByteArray eth(quint16 type)
{
    QByteArray f = QByteArray::fromHex("020000000001020000000002");
    f.append(char(type >> 8)).append(char(type & 0xff));
    return f;
}

// An IPv4 fragment from 10.0.0.1 to 10.0.0.2 carrying `data` at byte `offset` of the datagram.
QByteArray v4Fragment(quint16 id, quint32 offset, bool more, const QByteArray& data, quint8 proto = 17)
{
    const int total = 20 + int(data.size());
    const quint16 ff = quint16((more ? 0x2000 : 0) | (offset / 8));
    QByteArray h;
    h.append(char(0x45)).append(char(0)).append(char(total >> 8)).append(char(total & 0xff));
    h.append(char(id >> 8)).append(char(id & 0xff)).append(char(ff >> 8)).append(char(ff & 0xff));
    h.append(char(64)).append(char(proto)).append(char(0)).append(char(0));
    h.append(QByteArray::fromHex("0a0000010a000002"));
    return eth(0x0800) + h + data;
}

// An IPv6 fragment (2001:db8::1 to 2001:db8::2) with a fragment header.
QByteArray v6Fragment(quint32 ident, quint32 offset, bool more, const QByteArray& data)
{
    const int payload = 8 + int(data.size());
    QByteArray h = QByteArray::fromHex("60000000");
    h.append(char(payload >> 8)).append(char(payload & 0xff)).append(char(44)).append(char(64));
    h.append(QByteArray::fromHex("20010db8000000000000000000000001"));
    h.append(QByteArray::fromHex("20010db8000000000000000000000002"));
    const quint16 offFlags = quint16(offset | (more ? 1 : 0));
    h.append(char(17)).append(char(0)).append(char(offFlags >> 8)).append(char(offFlags & 0xff));
    h.append(char(ident >> 24)).append(char(ident >> 16)).append(char(ident >> 8)).append(char(ident));
    return eth(0x86dd) + h + data;
}

// A UDP datagram 5000 -> 6000 with `n` payload bytes.
QByteArray udpDatagram(int n)
{
    QByteArray u;
    const int len = 8 + n;
    u.append(char(0x13)).append(char(0x88)).append(char(0x17)).append(char(0x70));
    u.append(char(len >> 8)).append(char(len & 0xff)).append(char(0)).append(char(0));
    for (int i = 0; i < n; ++i)
        u.append(char('a' + i % 26));
    return u;
}

struct Row {
    std::string protocol, info;
    DecodedPacket d;
};

std::vector<Row> analyse(const std::vector<Packet>& packets, QTemporaryDir& dir)
{
    const QString path = dir.filePath("frags.pcap");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(pcap(packets));
    f.close();
    AnalysedCapture capture;
    std::string error;
    if (!capture.open(path.toStdString(), error) || !capture.analyse())
        qFatal("cannot analyse: %s", error.c_str());
    std::vector<Row> rows;
    for (size_t i = 0; i < capture.index().size(); ++i) {
        Row r;
        r.d = capture.decode(i);
        const TcpPacketAnalysis a = capture.tcpAnalysis(i, r.d);
        const ProtocolSummary s = summarizeFrame(r.d, capture.index()[i], &a, capture.protocols());
        r.protocol = s.protocol;
        r.info = s.info;
        rows.push_back(std::move(r));
    }
    return rows;
}

} // namespace

class TestIpReassembly : public QObject {
    Q_OBJECT
private slots:
    void ipv4OutOfOrderAndReusedId()
    {
        const QByteArray udp = udpDatagram(40); // 48 bytes: fragments of 16, 16 and 16
        const std::vector<Packet> packets{
            {1, v4Fragment(0x1234, 0, true, udp.mid(0, 16))},
            {2, v4Fragment(0x1234, 32, false, udp.mid(32))},
            {3, v4Fragment(0x1234, 16, true, udp.mid(16, 16))}, // completes the datagram
            {4, v4Fragment(0x0777, 8, true, udp.mid(8, 8))},    // never completed
            {5, v4Fragment(0x1234, 0, true, udp.mid(0, 24))},   // the same ID again: a new datagram
            {6, v4Fragment(0x1234, 24, false, udp.mid(24))},
        };
        QTemporaryDir dir;
        const std::vector<Row> rows = analyse(packets, dir);
        QCOMPARE(rows.size(), size_t(6));
        QCOMPARE(rows[0].protocol, std::string("IPv4"));
        QCOMPARE(rows[0].info, std::string("Fragmented IP protocol (proto=UDP 17, off=0, ID=1234) [Reassembled in #3]"));
        QCOMPARE(rows[1].info, std::string("Fragmented IP protocol (proto=UDP 17, off=32, ID=1234) [Reassembled in #3]"));
        QVERIFY(rows[2].d.reassembled);
        QCOMPARE(rows[2].d.transport, TransportLayer::Udp);
        QCOMPARE(rows[2].d.ipPayloadLen, 48u);
        QCOMPARE(rows[2].d.realFrameLen, uint32_t(packets[2].frame.size()));
        const UdpView u{rows[2].d.at(rows[2].d.transportOffset)};
        QCOMPARE(u.srcPort(), quint16(5000));
        QCOMPARE(u.dstPort(), quint16(6000));
        // The datagram's bytes are the fragments' in datagram order.
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(rows[2].d.at(rows[2].d.transportOffset)), 48), udp);
        QCOMPARE(rows[2].protocol, std::string("UDP"));
        QCOMPARE(rows[3].info, std::string("Fragmented IP protocol (proto=UDP 17, off=8, ID=0777)"));
        QCOMPARE(rows[4].info, std::string("Fragmented IP protocol (proto=UDP 17, off=0, ID=1234) [Reassembled in #6]"));
        QVERIFY(rows[5].d.reassembled);
        QCOMPARE(rows[5].protocol, std::string("UDP"));
    }

    void ipv6Fragments()
    {
        const QByteArray udp = udpDatagram(30); // 38 bytes: 24 then 14
        const std::vector<Packet> packets{
            {1, v6Fragment(0xabcdef01, 0, true, udp.mid(0, 24))},
            {2, v6Fragment(0xabcdef01, 24, false, udp.mid(24))},
        };
        QTemporaryDir dir;
        const std::vector<Row> rows = analyse(packets, dir);
        QCOMPARE(rows[0].protocol, std::string("IPv6"));
        QCOMPARE(rows[0].info, std::string("IPv6 fragment (off=0 more=y ident=0xabcdef01 nxt=17)"));
        QVERIFY(rows[1].d.reassembled);
        QCOMPARE(rows[1].d.transport, TransportLayer::Udp);
        QCOMPARE(rows[1].d.ipPayloadLen, 38u);
        QCOMPARE(rows[1].protocol, std::string("UDP"));
    }

    // A fragment cut short by the snapshot length is not taken (tshark needs its data whole).
    void cutFragmentIsNotTaken()
    {
        IpReassembly r;
        const QByteArray udp = udpDatagram(40);
        const QByteArray first = v4Fragment(9, 0, true, udp.mid(0, 24));
        const QByteArray cut = first.left(first.size() - 4);
        const DecodedPacket d = decodePacket(1, {reinterpret_cast<const uint8_t*>(cut.data()), size_t(cut.size())}, uint32_t(first.size()));
        QVERIFY(!d.ipFragment); // read as the datagram's start, as tshark 4.0 does
        QCOMPARE(d.transport, TransportLayer::Udp);
        QVERIFY(!r.add(0, d));
        const QByteArray last = v4Fragment(9, 24, false, udp.mid(24));
        const DecodedPacket e = decodePacket(1, {reinterpret_cast<const uint8_t*>(last.data()), size_t(last.size())});
        QVERIFY(!r.add(1, e)); // the first piece is missing
    }

    // At most kMaxPending unfinished datagrams are waited for: the oldest is given up.
    void pendingDatagramsAreBounded()
    {
        IpReassembly r;
        const QByteArray udp = udpDatagram(40);
        std::vector<QByteArray> keep; // the decodes point into these
        const auto add = [&](uint32_t frame, quint16 id, quint32 off, bool more, const QByteArray& data) {
            keep.push_back(v4Fragment(id, off, more, data));
            const QByteArray& f = keep.back();
            return r.add(frame, decodePacket(1, {reinterpret_cast<const uint8_t*>(f.data()), size_t(f.size())}));
        };
        uint32_t frame = 0;
        for (quint16 id = 0; id <= IpReassembly::kMaxPending; ++id)
            QVERIFY(!add(frame++, id, 0, true, udp.mid(0, 24)));
        const quint16 newest = quint16(IpReassembly::kMaxPending);
        QVERIFY(add(frame++, newest, 24, false, udp.mid(24))); // still waited for
        QCOMPARE(r.reassembledIn(newest), frame - 1);
        QCOMPARE(r.datagram(frame - 1).length, 48u);
        QVERIFY(!add(frame++, 0, 24, false, udp.mid(24))); // datagram 0 was given up
        QVERIFY(add(frame++, 2, 24, false, udp.mid(24)));  // datagram 2 was not
    }
};

QTEST_GUILESS_MAIN(TestIpReassembly)
#include "tst_ipreassembly.moc"
