// Teaching explanations for each step of a handshake and a four-way teardown, from a real
// loopback capture: roles, how Seq and Ack follow, and the new states.
#include "analysis/analysedcapture.h"
#include "flow/flowbrackets.h"
#include "flow/teaching.h"
#include "tcp/tcpanalysis.h"
#include "tcp/tcptracker.h"

#include <QDir>
#include <QtTest>

using namespace synflow;

class TestTeaching : public QObject {
    Q_OBJECT
private slots:
    void explainsHandshakeAndTeardown()
    {
        AnalysedCapture capture;
        std::string err;
        QVERIFY(capture.open(QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("loopback-http.pcap").toStdString(), err));
        capture.analyse();
        FlowGraph graph;
        FlowOptions o;
        o.by = FlowOptions::NodeBy::Endpoint;
        graph.build(capture, o);
        QCOMPARE(graph.arrows().size(), size_t(11));
        auto step = [&](size_t i) { return QString::fromStdString(explainStep(stepFacts(graph, i))); };

        QVERIFY(step(0).startsWith("handshake 1/3 SYN: "));
        QVERIFY(step(0).contains("is SYN-SENT") && step(0).contains("is LISTEN"));
        QVERIFY2(step(1).contains("Ack = 0 + 1: a SYN consumes one sequence number = 1"), qPrintable(step(1)));
        QVERIFY(step(1).contains("is SYN-RECEIVED"));
        QVERIFY2(step(2).contains("Seq = 0 + 1 (its SYN consumed one sequence number) = 1"), qPrintable(step(2)));
        QVERIFY(step(2).startsWith("handshake 3/3 ACK"));
        QVERIFY2(step(4).contains("Ack = 1 + 18: the next byte expected = 19"), qPrintable(step(4)));
        QVERIFY(step(7).startsWith("teardown 1/4 FIN") && step(7).contains("is FIN-WAIT-1"));
        QVERIFY2(step(8).contains("FIN consumes one sequence number"), qPrintable(step(8)));
        QVERIFY(step(8).startsWith("teardown 2/4 ACK") && step(8).contains("is FIN-WAIT-2"));
        QVERIFY(step(9).startsWith("teardown 3/4 FIN") && step(9).contains("is LAST-ACK") && step(9).contains("is TIME-WAIT"));
        QVERIFY(step(10).startsWith("teardown 4/4 ACK") && step(10).contains("is CLOSED"));
        const StepFacts last = stepFacts(graph, 10);
        QCOMPARE(last.ack, last.ackedSeq + 1); // the server's FIN, acknowledged
        QVERIFY(last.ackedSynOrFin && !last.ackedSyn);

        // The phases a view brackets: the handshake (arrows 1-3) and the four-way teardown (8-11).
        const auto brackets = flowBrackets(graph);
        QCOMPARE(brackets.size(), size_t(2));
        QCOMPARE(brackets[0].first, size_t(0));
        QCOMPARE(brackets[0].last, size_t(2));
        QCOMPARE(QString::fromStdString(brackets[0].name), QStringLiteral("three-way handshake"));
        QCOMPARE(brackets[1].first, size_t(7));
        QCOMPARE(brackets[1].last, size_t(10));
        QCOMPARE(QString::fromStdString(brackets[1].name), QStringLiteral("four-way teardown"));
    }

    // Each analysis flag a step carries is told in plain words, in the steps that carry it
    // (our own captures of zero-window probing and of a fast retransmission).
    void explainsAnalysisFlags_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<uint32_t>("flag");
        QTest::addColumn<QString>("words");
        QTest::newRow("probe") << "lo-zwp.pcapng" << uint32_t(TcpZeroWindowProbe) << "Zero window probe: ";
        QTest::newRow("probe ack") << "lo-zwp.pcapng" << uint32_t(TcpZeroWindowProbeAck) << "It answers a zero window probe";
        QTest::newRow("zero window") << "lo-zwp.pcapng" << uint32_t(TcpZeroWindow) << "Zero window: ";
        QTest::newRow("fast") << "lo-fastretx.pcapng" << uint32_t(TcpFastRetransmission) << "Fast retransmission: ";
        QTest::newRow("dup ack") << "lo-fastretx.pcapng" << uint32_t(TcpDuplicateAck) << "Duplicate ACK: ";
        QTest::newRow("unseen") << "lo-gap.pcapng" << uint32_t(TcpAckLostSegment) << "never saw";
    }
    void explainsAnalysisFlags()
    {
        QFETCH(QString, capture);
        QFETCH(uint32_t, flag);
        QFETCH(QString, words);
        AnalysedCapture analysed;
        std::string err;
        QVERIFY(analysed.open(QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(capture).toStdString(), err));
        analysed.analyse();
        FlowGraph graph;
        graph.build(analysed);
        int flagged = 0;
        for (size_t i = 0; i < graph.arrows().size(); ++i) {
            const QString text = QString::fromStdString(explainStep(stepFacts(graph, i)));
            const bool has = graph.arrows()[i].analysisFlags & flag;
            flagged += has;
            QVERIFY2(text.contains(words) == has, qPrintable(text));
        }
        QVERIFY(flagged > 0);
    }
};

QTEST_GUILESS_MAIN(TestTeaching)
#include "tst_teaching.moc"
