// Following only a stream's first frames (what Follow TCP Stream shows while it reads the rest)
// gives exactly the first chunks of the whole stream's, and says that it is partial.
#include "analysis/analysedcapture.h"
#include "follow/tcpfollow.h"

#include <QDir>
#include <QtTest>

using namespace synflow;

class TestTcpFollowPartial : public QObject {
    Q_OBJECT
private slots:
    void firstFramesGiveTheFirstChunks_data()
    {
        QTest::addColumn<QString>("capture");
        for (const char* name : {"loopback-http.pcapng", "lo-lossy.pcapng", "lo-gap.pcapng", "textlines.pcap"})
            QTest::newRow(name) << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name));
    }
    void firstFramesGiveTheFirstChunks()
    {
        QFETCH(QString, capture);
        AnalysedCapture ac;
        std::string error;
        QVERIFY2(ac.open(capture.toStdString(), error), error.c_str());
        ac.analyse();
        QVERIFY(ac.tracker() && ac.tracker()->conversationCount() > 0);
        const TcpFollow whole = followTcpStream(ac, 0);
        QVERIFY(whole.valid && !whole.partial);
        const size_t frames = ac.tracker()->framesOf(0).size();
        QVERIFY(frames > 2);
        bool someFewer = false;
        for (size_t limit = 1; limit < frames; ++limit) {
            const TcpFollow first = followTcpStream(ac, 0, limit);
            QVERIFY(first.valid && first.partial);
            QVERIFY(first.chunks.size() <= whole.chunks.size());
            someFewer = someFewer || first.chunks.size() < whole.chunks.size();
            for (size_t i = 0; i < first.chunks.size(); ++i) {
                const FollowChunk &a = first.chunks[i], &b = whole.chunks[i];
                QVERIFY(a.fromServer == b.fromServer && a.frame == b.frame && a.offset == b.offset && a.length == b.length &&
                        a.missing == b.missing);
            }
            QVERIFY(first.client.port == whole.client.port && first.server.port == whole.server.port);
        }
        QVERIFY(someFewer); // the limit leaves chunks out
        QVERIFY(!followTcpStream(ac, 0, frames).partial); // every frame: the whole stream
    }
};

QTEST_GUILESS_MAIN(TestTcpFollowPartial)
#include "tst_tcpfollowpartial.moc"
