// A capture of very many conversations must not make the tracker's memory blow up: silent
// conversations give up their tracking state and get it back exactly when they speak again
// (by replaying their frames), and what each conversation keeps for good stays small.
#include "analysis/analysedcapture.h"
#include "common/repeatedcapture.h"

#include <QDir>
#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>

using namespace synflow;

namespace {

// Everything analysis() tells of a frame, as one line (equal lines: equal analyses).
std::string analysisLine(const TcpPacketAnalysis& a)
{
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "%d s%u seq%u ack%u nxt%u len%u ws%d win%llu rel%lld d%lld f%x dup%u/%llu acks%llu rtt%d/%lld irtt%d/%lld "
                  "ta%d bif%u push%d/%u c%u role%d st%d/%d via%d/%d fin%d cl%d/%d",
                  a.valid, a.stream, a.seq, a.ack, a.nextSeq, a.seqLen, a.windowScale, (unsigned long long)a.windowSize,
                  (long long)a.timeRelativeNs, (long long)a.timeDeltaNs, a.flags, a.dupAckNum,
                  (unsigned long long)a.dupAckFrame, (unsigned long long)a.acksFrame, a.hasAckRtt, (long long)a.ackRttNs,
                  a.hasInitialRtt, (long long)a.initialRttNs, a.hasAnalysisData, a.bytesInFlight, a.hasPushBytes,
                  a.pushBytesSent, a.completeness, int(a.role), int(a.stateSrc), int(a.stateDst), int(a.viaSrc),
                  int(a.viaDst), a.closingInitiator, a.senderIsClient, a.clientInferred);
    return buf;
}

std::string conversationLine(const TcpConversation& c)
{
    char buf[512];
    std::snprintf(buf, sizeof buf, "%u %u-%u %02x%02x%02x%02x:%u %02x%02x%02x%02x:%u v6%d f%u/%u b%llu/%llu base%u/%u ws%d/%d c%u/%u cl%d irtt%lld %d%d%d%d",
                  c.stream, c.firstFrame, c.lastFrame, c.ep[0].addr[0], c.ep[0].addr[1], c.ep[0].addr[14], c.ep[0].addr[15],
                  c.ep[0].port, c.ep[1].addr[0], c.ep[1].addr[1], c.ep[1].addr[14], c.ep[1].addr[15], c.ep[1].port, c.ipv6,
                  c.frames[0], c.frames[1], (unsigned long long)c.bytes[0], (unsigned long long)c.bytes[1], c.baseSeq[0],
                  c.baseSeq[1], c.winScale[0], c.winScale[1], c.completeness, c.firstFrameBits, c.client,
                  (long long)c.initialRttNs, c.combinedTeardown, c.simultaneousClose, c.refused, c.simultaneousOpen);
    return buf;
}

struct Analysed {
    std::vector<std::string> frames, conversations;
    std::vector<int64_t> streams;
    size_t revivals = 0;
};

Analysed analyseWith(const QString& path, const TcpTracker::RetirePolicy* policy)
{
    Analysed out;
    AnalysedCapture capture;
    if (policy)
        capture.setRetirePolicy(*policy);
    std::string error;
    if (!capture.open(path.toStdString(), error) || !capture.analyse())
        return out;
    for (size_t i = 0; i < capture.packetCount(); ++i)
        out.frames.push_back(analysisLine(capture.tcpAnalysis(i, capture.decode(i))));
    const TcpTracker* t = capture.tracker();
    for (size_t i = 0; i < capture.packetCount(); ++i)
        out.streams.push_back(t->streamOf(uint32_t(i)));
    for (uint32_t s = 0; s < t->conversationCount(); ++s)
        out.conversations.push_back(conversationLine(t->conversation(s)) + " lfc" + std::to_string(t->lastFrameCompleteness(s)));
    out.revivals = t->revivals();
    return out;
}

// Frames of an indexed capture, for a tracker driven by hand.
class IndexSource : public TcpFrameSource {
public:
    explicit IndexSource(const AnalysedCapture& c) : c_(c) {}
    const PacketRecord& record(uint32_t frame) const override { return c_.index()[frame]; }
    DecodedPacket decode(uint32_t frame) const override { return c_.decode(frame); }

private:
    const AnalysedCapture& c_;
};

} // namespace

class TestTcpBounds : public QObject {
    Q_OBJECT
private slots:
    void manyShortConnections()
    {
        // Our own loopback HTTP exchange (handshake, request, response, four-way teardown),
        // written again and again with other addresses, as a server sees many clients.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("many.pcap"));
        const QString source = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("loopback-http.pcap"));
        constexpr size_t kPackets = 600000;
        QCOMPARE(test::writeRepeatedCapture(source, path, kPackets).size(), kPackets);

        AnalysedCapture capture;
        std::string error;
        QVERIFY2(capture.open(path.toStdString(), error), error.c_str());
        QVERIFY(capture.analyse());
        const TcpTracker& tracker = *capture.tracker();
        const size_t conversations = tracker.conversationCount();
        QVERIFY(conversations > 10000);
        // Every copy is analysed like the original: the last one still closes properly.
        const TcpConversation first = tracker.conversation(0), last = tracker.conversation(uint32_t(conversations - 2));
        QCOMPARE(last.frames[0] + last.frames[1], first.frames[0] + first.frames[1]);
        QCOMPARE(last.completeness, first.completeness);
        QCOMPARE(tracker.lastFrameCompleteness(uint32_t(conversations - 2)), tracker.lastFrameCompleteness(0));

        // Per frame 24 bytes (in chunks of 65536); per conversation 24 bytes and its place in
        // the endpoint table (8-byte slots, a quarter to half full); tracking state for at most
        // twice the sweep threshold, whatever the number of conversations.
        QVERIFY2(tracker.activeConversations() <= 2 * 2048 + 1, qPrintable(QString::number(tracker.activeConversations())));
        const size_t budget = 24 * (capture.packetCount() + 65536) + conversations * (24 + 4 * 8) + (2 * 2048 + 1) * 512;
        qInfo("tracker: %zu bytes for %zu frames and %zu conversations (budget %zu)", tracker.memoryBytes(),
              capture.packetCount(), conversations, budget);
        QVERIFY2(tracker.memoryBytes() <= budget, qPrintable(QString::number(tracker.memoryBytes())));
    }

    void revivedConversationsAreAnalysedExactly_data()
    {
        QTest::addColumn<QString>("path");
        QStringList dirs{QStringLiteral(SYNFLOW_TEST_DATA), QStringLiteral(SYNFLOW_TEST_DATA "/kernel-states"),
                         QStringLiteral(SYNFLOW_SHARED_CAPTURES)};
        int rows = 0;
        for (const QString& d : dirs) {
            QDirIterator it(d, {QStringLiteral("*.pcap"), QStringLiteral("*.pcapng")}, QDir::Files);
            while (it.hasNext()) {
                const QString p = it.next();
                if (QFileInfo(p).size() > 3 * 1024 * 1024) // replaying at every packet is quadratic
                    continue;
                QTest::newRow(qPrintable(QDir(d).dirName() + QLatin1Char('/') + QFileInfo(p).fileName())) << p;
                ++rows;
            }
        }
        if (rows == 0)
            QSKIP("no capture found");
    }

    // Every silent conversation retired after each packet, so that nearly every segment revives
    // its conversation by replay: every frame's analysis and every conversation stay the same.
    void revivedConversationsAreAnalysedExactly()
    {
        QFETCH(QString, path);
        const Analysed plain = analyseWith(path, nullptr);
        const TcpTracker::RetirePolicy eager{0, 0, 0};
        const Analysed replayed = analyseWith(path, &eager);
        QCOMPARE(replayed.frames.size(), plain.frames.size());
        for (size_t i = 0; i < plain.frames.size(); ++i)
            QVERIFY2(replayed.frames[i] == plain.frames[i],
                     qPrintable(QStringLiteral("frame %1:\n  kept:     %2\n  replayed: %3")
                                    .arg(i + 1)
                                    .arg(QString::fromStdString(plain.frames[i]), QString::fromStdString(replayed.frames[i]))));
        QCOMPARE(replayed.conversations.size(), plain.conversations.size());
        for (size_t i = 0; i < plain.conversations.size(); ++i)
            QCOMPARE(QString::fromStdString(replayed.conversations[i]), QString::fromStdString(plain.conversations[i]));
        QCOMPARE(plain.revivals, size_t(0));
        // A conversation that speaks again after another one spoke was retired in between.
        bool interleaved = false;
        std::vector<bool> seen(plain.conversations.size());
        int64_t last = -1;
        for (int64_t stream : plain.streams) {
            if (stream < 0 || stream == last)
                continue;
            interleaved = interleaved || seen[size_t(stream)];
            seen[size_t(stream)] = true;
            last = stream;
        }
        QVERIFY(!interleaved || replayed.revivals > 0);
    }

    void releasedLookupIsRebuilt_data() { revivedConversationsAreAnalysedExactly_data(); }

    // The endpoint table given back three times along the capture (conversations retired after
    // every packet too): each frame that follows finds its conversation as if it never was.
    void releasedLookupIsRebuilt()
    {
        QFETCH(QString, path);
        AnalysedCapture capture;
        std::string error;
        QVERIFY2(capture.open(path.toStdString(), error), error.c_str());
        QVERIFY(capture.analyse(AnalysedCapture::Depth::Index));
        const IndexSource source(capture);
        TcpTracker plain, released;
        released.setFrameSource(&source);
        released.setRetirePolicy({0, 0, 0});
        const size_t n = capture.packetCount();
        for (size_t i = 0; i < n; ++i) {
            const DecodedPacket d = capture.decode(i);
            if (i == n / 4 || i == n / 2 || i == n - 1)
                released.releaseLookup();
            plain.process(uint32_t(i), capture.index()[i], d);
            released.process(uint32_t(i), capture.index()[i], d);
        }
        QCOMPARE(released.conversationCount(), plain.conversationCount());
        for (size_t i = 0; i < n; ++i) {
            const DecodedPacket d = capture.decode(i);
            const std::string a = analysisLine(plain.analysis(uint32_t(i), capture.index(), d));
            const std::string b = analysisLine(released.analysis(uint32_t(i), capture.index(), d));
            QVERIFY2(a == b, qPrintable(QStringLiteral("frame %1:\n  kept:     %2\n  released: %3")
                                            .arg(i + 1)
                                            .arg(QString::fromStdString(a), QString::fromStdString(b))));
        }
    }
};

QTEST_GUILESS_MAIN(TestTcpBounds)
#include "tst_tcpbounds.moc"
