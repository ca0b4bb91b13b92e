// Teaching explanations for each step of a handshake and a four-way teardown, from a real
// loopback capture: roles, how Seq and Ack follow, and the new states.
#include "analysis/analysedcapture.h"
#include "common/craftedcapture.h"
#include "flow/flowbrackets.h"
#include "flow/teaching.h"
#include "tcp/tcpanalysis.h"
#include "tcp/tcptracker.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace synflow;

namespace {

// Each step's explanation of a capture's conversations (lifelines per address and port).
QStringList explanations(const QString& path)
{
    AnalysedCapture capture;
    std::string err;
    if (!capture.open(path.toStdString(), err))
        return {QString::fromStdString(err)};
    capture.analyse();
    FlowGraph graph;
    FlowOptions o;
    o.by = FlowOptions::NodeBy::Endpoint;
    graph.build(capture, o);
    QStringList out;
    for (size_t i = 0; i < graph.arrows().size(); ++i)
        out << QString::fromStdString(explainStep(stepFacts(graph, i)));
    return out;
}

QString own(const char* name)
{
    return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name));
}

} // namespace

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
        // Where the server's Seq = 0 comes from: its own initial sequence number, shown relative.
        QVERIFY2(step(1).contains("this side's own initial sequence number") && step(1).contains("Seq = 0 is that number"), qPrintable(step(1)));
        QVERIFY(!step(0).contains("own initial sequence number") && !step(2).contains("own initial sequence number"));
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

    // A refused connection: no handshake, nothing listening, and the RST is the refusal.
    void explainsRefusal()
    {
        const QStringList steps = explanations(own("lo-refused.pcapng"));
        QCOMPARE(steps.size(), 2);
        QVERIFY2(steps[0].startsWith("SYN to a closed port: ") && steps[0].contains("Nothing listens on that port"), qPrintable(steps[0]));
        QVERIFY2(!steps[0].contains("LISTEN") && steps[0].endsWith(" is CLOSED."), qPrintable(steps[0]));
        QVERIFY2(steps[1].startsWith("reset (connection refused): ") && steps[1].contains("This RST refuses the connection"),
                 qPrintable(steps[1]));
        QVERIFY(!steps[1].contains("aborts"));
        AnalysedCapture capture;
        std::string err;
        QVERIFY(capture.open(own("lo-refused.pcapng").toStdString(), err));
        capture.analyse();
        FlowGraph graph;
        graph.build(capture);
        const auto brackets = flowBrackets(graph);
        QCOMPARE(brackets.size(), size_t(1));
        QCOMPARE(QString::fromStdString(brackets[0].name), QStringLiteral("refused connection"));
        QCOMPARE(brackets[0].first, size_t(0));
        QCOMPARE(brackets[0].last, size_t(1));
    }

    // A simultaneous close: every FIN and ACK of it named so, and what each side goes through.
    void explainsSimultaneousClose()
    {
        const QStringList steps = explanations(own("lo-simulclose.pcapng"));
        QCOMPARE(steps.size(), 10);
        for (int i : {5, 6})
            QVERIFY2(steps[i].startsWith("simultaneous close FIN: ") && steps[i].contains("Both sides sent a FIN before receiving"),
                     qPrintable(steps[i]));
        for (int i : {7, 9})
            QVERIFY2(steps[i].startsWith("simultaneous close ACK: "), qPrintable(steps[i]));
        for (const QString& s : steps)
            QVERIFY2(!s.contains("CLOSE-WAIT") && !s.startsWith("teardown 1/4") && !s.startsWith("teardown 4/4"), qPrintable(s));
        // One bracket from the first FIN to the ACK of the last one.
        AnalysedCapture capture;
        std::string err;
        QVERIFY(capture.open(own("lo-simulclose.pcapng").toStdString(), err));
        capture.analyse();
        FlowGraph graph;
        graph.build(capture);
        const auto brackets = flowBrackets(graph);
        QCOMPARE(brackets.size(), size_t(2));
        QCOMPARE(QString::fromStdString(brackets[1].name), QStringLiteral("simultaneous close"));
        QCOMPARE(brackets[1].first, size_t(5));
        QCOMPARE(brackets[1].last, size_t(9));
    }

    // A FIN that also acknowledges the receiver's FIN: the state passed through is told.
    void explainsStatePassedThrough()
    {
        const QStringList steps = explanations(own("lo-threeseg.pcapng"));
        const auto it = std::find_if(steps.begin(), steps.end(), [](const QString& s) { return s.startsWith("teardown 2/3 FIN-ACK"); });
        QVERIFY(it != steps.end());
        QVERIFY2(it->contains("is TIME-WAIT.") && it->contains("passed through FIN-WAIT-2"), qPrintable(*it));
    }

    // Only the client's side was captured, from its SYN: its ACK shows the server's SYN/ACK,
    // so the server went through SYN-RECEIVED; nothing is left at LISTEN or SYN-SENT.
    void unseenSynAck()
    {
        using namespace synflow::test;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("oneway.pcap");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(pcap({{1.0, tcpFrame(1, 2, 40000, 80, 1000, 0, 0x02)},
                      {1.1, tcpFrame(1, 2, 40000, 80, 1001, 7001, 0x10)},
                      {1.2, tcpFrame(1, 2, 40000, 80, 1001, 7001, 0x18, "GET / HTTP/1.1\r\n\r\n")}}));
        f.close();
        const QStringList steps = explanations(path);
        QCOMPARE(steps.size(), 3);
        QVERIFY2(steps[0].endsWith("10.0.0.1:40000 is SYN-SENT and 10.0.0.2:80 is LISTEN."), qPrintable(steps[0]));
        QVERIFY2(steps[1].contains("10.0.0.1:40000 is ESTABLISHED and 10.0.0.2:80 is ESTABLISHED.")
                     && steps[1].contains("On the way 10.0.0.2:80 passed through SYN-RECEIVED: its SYN/ACK was not captured"),
                 qPrintable(steps[1]));
        QVERIFY2(steps[2].contains("10.0.0.1:40000 is ESTABLISHED and 10.0.0.2:80 is ESTABLISHED."), qPrintable(steps[2]));
    }

    // A capture that begins mid-connection: the states are unknown, and the reason is told.
    void explainsUnknownStates()
    {
        using namespace synflow::test;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("midway.pcap");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // Only the client's side was captured, and not from the start.
        f.write(pcap({{1.0, tcpFrame(1, 2, 40000, 80, 1000, 5000, 0x18, "GET / HTTP/1.1\r\n\r\n")},
                      {1.1, tcpFrame(1, 2, 40000, 80, 1018, 5000, 0x18, "Host: x\r\n\r\n")}}));
        f.close();
        const QStringList steps = explanations(path);
        QCOMPARE(steps.size(), 2);
        for (const QString& s : steps) {
            QVERIFY2(s.contains("10.0.0.1:40000 is unknown and 10.0.0.2:80 is unknown."), qPrintable(s));
            QVERIFY2(s.contains("10.0.0.1:40000 is in an unknown state: the capture began after this connection opened"), qPrintable(s));
            QVERIFY2(s.contains("10.0.0.2:80 is in an unknown state: nothing it sent was captured"), qPrintable(s));
            QVERIFY2(!s.contains("10.0.0.1:40000 is in an unknown state: nothing it sent"), qPrintable(s));
        }
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
