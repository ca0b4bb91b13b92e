// A capture of very many short connections must not make the tracker's memory blow up:
// finished conversations give up their tracking state, and what each conversation keeps for
// good (its summary and its place in the endpoint table) stays small.
#include "capture/capturefile.h"
#include "tcp/tcptracker.h"

#include <QDir>
#include <QtTest>

using namespace synflow;

class TestTcpBounds : public QObject {
    Q_OBJECT
private slots:
    void manyShortConnections()
    {
        // Our own loopback HTTP exchange (handshake, request, response, four-way teardown),
        // replayed with other addresses each time, as a server sees many clients.
        CaptureFile file;
        std::string error;
        QVERIFY2(file.open(QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("loopback-http.pcap").toStdString(), error), error.c_str());
        file.indexAll();
        const PacketIndex& index = file.index();
        QVERIFY(index.size() > 0);

        constexpr uint32_t kCopies = 150000;
        TcpTracker tracker;
        std::vector<uint8_t> buf;
        uint32_t frame = 0;
        for (uint32_t copy = 0; copy < kCopies; ++copy) {
            for (size_t i = 0; i < index.size(); ++i, ++frame) {
                const auto bytes = file.packetBytes(i);
                buf.assign(bytes.begin(), bytes.end());
                const DecodedPacket d = decodePacket(file.linkType(i), buf, index[i].origLen);
                if (d.net == NetLayer::IPv4) { // client and server addresses both move
                    uint8_t* ip = buf.data() + d.netOffset;
                    for (int a : {12, 16}) {
                        ip[a + 1] ^= uint8_t(copy);
                        ip[a + 2] ^= uint8_t(copy >> 8);
                        ip[a + 3] ^= uint8_t(copy >> 16);
                    }
                }
                PacketRecord rec = index[i];
                rec.tsNs += int64_t(copy) * 1000000000;
                tracker.process(frame, rec, decodePacket(file.linkType(i), buf, rec.origLen));
            }
        }
        QCOMPARE(tracker.conversations().size(), size_t(kCopies));
        // Every copy is analysed like the original: the last one still closes properly.
        const TcpConversation& last = tracker.conversations()[kCopies - 1];
        QCOMPARE(last.frames[0] + last.frames[1], tracker.conversations()[0].frames[0] + tracker.conversations()[0].frames[1]);
        QCOMPARE(last.completeness, tracker.conversations()[0].completeness);

        // Per frame 24 bytes; per conversation its summary plus a few table bytes, and no
        // tracking state left behind by the finished ones.
        const size_t perFrame = sizeof(TcpTracker::Entry) * size_t(frame);
        const size_t perConversation = (tracker.memoryBytes() - std::min(tracker.memoryBytes(), perFrame)) / kCopies;
        qInfo("tracker: %zu bytes, %zu bytes a conversation beyond the per-frame entries", tracker.memoryBytes(), perConversation);
        QVERIFY2(perConversation <= sizeof(TcpConversation) + 64, qPrintable(QString::number(perConversation)));
    }
};

QTEST_GUILESS_MAIN(TestTcpBounds)
#include "tst_tcpbounds.moc"
