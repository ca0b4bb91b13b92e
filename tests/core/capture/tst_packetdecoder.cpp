// Decoder layer offsets on real frames, and safety on every truncation of them.
#include "capture/capturefile.h"
#include "common/oracletsv.h"
#include "decode/linktypes.h"
#include "decode/packetdecoder.h"

#include <QDir>
#include <QFileInfo>
#include <QtTest>

using namespace synflow;

namespace {

CaptureFile* openData(const char* name)
{
    auto* f = new CaptureFile;
    std::string err;
    if (!f->open(QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(name).toStdString(), err)) {
        delete f;
        return nullptr;
    }
    f->indexAll();
    return f;
}

DecodedPacket decodeAt(const CaptureFile& f, size_t i)
{
    return decodePacket(f.linkType(i), f.packetBytes(i), f.index()[i].origLen);
}

} // namespace

class TestPacketDecoder : public QObject {
    Q_OBJECT
private slots:
    void ethernetIpv4TcpLayers()
    {
        std::unique_ptr<CaptureFile> f(openData("loopback-http.pcap"));
        QVERIFY(f);
        const DecodedPacket syn = decodeAt(*f, 0);
        QCOMPARE(syn.net, NetLayer::IPv4);
        QCOMPARE(syn.netOffset, 14u);
        QCOMPARE(syn.transport, TransportLayer::Tcp);
        QCOMPARE(syn.transportOffset, 34u);
        QVERIFY(syn.tcpHeaderValid);
        QCOMPARE(syn.tcpHeaderLen, 40u);
        QCOMPARE(syn.tcpPayloadLen, 0u);
        const TcpView tcp{syn.at(syn.transportOffset)};
        QCOMPARE(tcp.flags(), uint16_t(TcpSyn));
        // SYN options: MSS, SACK_PERM, timestamps, NOP, window scale.
        std::vector<uint8_t> kinds;
        forEachTcpOption(syn, [&](uint8_t kind, uint32_t, uint32_t) { kinds.push_back(kind); });
        QVERIFY(std::find(kinds.begin(), kinds.end(), tcpopt::Mss) != kinds.end());
        QVERIFY(std::find(kinds.begin(), kinds.end(), tcpopt::WindowScale) != kinds.end());
        QVERIFY(std::find(kinds.begin(), kinds.end(), tcpopt::SackPermitted) != kinds.end());
        QVERIFY(std::find(kinds.begin(), kinds.end(), tcpopt::Timestamps) != kinds.end());

        const DecodedPacket get = decodeAt(*f, 3); // "GET / HTTP/1.0" request
        QCOMPARE(get.tcpPayloadLen, 18u);
        const DecodedPacket udp = decodeAt(*f, 11);
        QCOMPARE(udp.transport, TransportLayer::Udp);
        QCOMPARE(UdpView{udp.at(udp.transportOffset)}.length(), uint16_t(12));
    }

    void everyPrefixOfEveryFrameIsSafe()
    {
        // Decoding any captured prefix must stay inside it (ASan checks the reads).
        std::unique_ptr<CaptureFile> f(openData("loopback-http.pcapng"));
        QVERIFY(f);
        for (size_t i = 0; i < f->packetCount(); ++i) {
            const auto bytes = f->packetBytes(i);
            for (size_t n = 0; n <= bytes.size(); ++n) {
                std::vector<uint8_t> copy(bytes.begin(), bytes.begin() + long(n)); // exact-size heap buffer
                const DecodedPacket d = decodePacket(linktype::Ethernet, copy, f->index()[i].origLen);
                if (d.transport == TransportLayer::Tcp && d.tcpHeaderValid)
                    QVERIFY(d.transportOffset + 16 <= n); // through the window
                size_t options = 0;
                forEachTcpOption(d, [&](uint8_t, uint32_t off, uint32_t len) {
                    QVERIFY(off + len <= n);
                    ++options;
                });
                (void)options;
            }
        }
    }

    void unknownLinkTypeIsRawData()
    {
        std::unique_ptr<CaptureFile> f(openData("loopback-http.pcap"));
        QVERIFY(f);
        const DecodedPacket d = decodePacket(147 /* LINKTYPE_USER0 */, f->packetBytes(0));
        QVERIFY(!d.linkKnown);
        QCOMPARE(d.net, NetLayer::None);
        QCOMPARE(d.transport, TransportLayer::None);
    }

    void rawIpAndCookedCaptures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("frame");
        QTest::addColumn<int>("netOffset");
        QTest::addColumn<int>("vlans");
        QTest::newRow("raw IPv6") << "ppp-one_ipv6_http_stream.pcap" << 0 << 0 << 0;
        QTest::newRow("SLL") << "ppp-sll.pcap" << 0 << 16 << 0;
        QTest::newRow("SLL2") << "ppp-sll2.pcap" << 0 << 20 << 0;
        QTest::newRow("null loopback") << "ppp-null_loopback.pcap" << 0 << 4 << 0;
        QTest::newRow("LINKTYPE_IPV4") << "ppp-linktype_ipv4.pcap" << 0 << 0 << 0;
        QTest::newRow("802.1Q") << "zk-vlan-collisions.pcap" << 1 << 18 << 1;
        QTest::newRow("QinQ") << "zk-vlan-collisions.pcap" << 5 << 22 << 2;
    }
    void rawIpAndCookedCaptures()
    {
        QFETCH(QString, file);
        QFETCH(int, frame);
        QFETCH(int, netOffset);
        QFETCH(int, vlans);
        const QString path = QDir(synflow::test::sharedCapturesDir()).filePath(file);
        if (!QFileInfo::exists(path))
            QSKIP(qPrintable("shared capture not found: " + path));
        CaptureFile f;
        std::string err;
        QVERIFY(f.open(path.toStdString(), err));
        f.indexAll();
        const DecodedPacket d = decodeAt(f, size_t(frame));
        QVERIFY(d.net == NetLayer::IPv4 || d.net == NetLayer::IPv6);
        QCOMPARE(int(d.netOffset), netOffset);
        QCOMPARE(int(d.vlanCount), vlans);
    }
};

QTEST_GUILESS_MAIN(TestPacketDecoder)
#include "tst_packetdecoder.moc"
