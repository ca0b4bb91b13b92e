// Each segment's role in the connection and both endpoints' RFC 9293 states, on our own real
// loopback captures of the scenarios a teacher shows: handshake, teardowns, half-close,
// refused, reset, simultaneous open and close, handshake retry, port reuse, keep-alive; and
// the analysis flags those captures raise.
#include "common/oracletsv.h"

#include <QDir>
#include <QFileInfo>
#include <QtTest>

using namespace synflow::test;

namespace {

struct Step {
    int frame;
    const char* role;
    const char* src;
    const char* dst;
};

void checkSteps(const QString& capture, const std::vector<Step>& steps)
{
    TsvTable t;
    QString error;
    QVERIFY2(runFields(capture, t, error), qPrintable(error));
    for (const Step& s : steps) {
        const QString where = QStringLiteral("%1 frame %2").arg(QFileInfo(capture).fileName()).arg(s.frame);
        QCOMPARE(t.cell(s.frame, "synflow.tcp.role"), QString::fromUtf8(s.role));
        QVERIFY2(t.cell(s.frame, "synflow.tcp.state_src") == s.src,
                 qPrintable(where + ": sender " + t.cell(s.frame, "synflow.tcp.state_src") + ", expected " + s.src));
        QVERIFY2(t.cell(s.frame, "synflow.tcp.state_dst") == s.dst,
                 qPrintable(where + ": receiver " + t.cell(s.frame, "synflow.tcp.state_dst") + ", expected " + s.dst));
    }
}

QString own(const QString& name)
{
    return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(name + ".pcapng");
}

} // namespace

class TestTcpRoles : public QObject {
    Q_OBJECT
private slots:
    void handshakeDataAndFourWayTeardown()
    {
        // Our own capture: client FIN first, server ACKs, then closes on its own.
        checkSteps(QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("loopback-http.pcap"),
                   {{1, "handshake 1/3 SYN", "SYN-SENT", "LISTEN"},
                    {2, "handshake 2/3 SYN-ACK", "SYN-RECEIVED", "ESTABLISHED"},
                    {3, "handshake 3/3 ACK", "ESTABLISHED", "ESTABLISHED"},
                    {4, "data", "ESTABLISHED", "ESTABLISHED"},
                    {5, "ack", "ESTABLISHED", "ESTABLISHED"},
                    {8, "teardown 1/4 FIN", "FIN-WAIT-1", "CLOSE-WAIT"},
                    {9, "teardown 2/4 ACK", "CLOSE-WAIT", "FIN-WAIT-2"},
                    {10, "teardown 3/4 FIN", "LAST-ACK", "TIME-WAIT"},
                    {11, "teardown 4/4 ACK", "TIME-WAIT", "CLOSED"}});
    }

    void demoCaptureIsAFourWayTeardown()
    {
        checkSteps(QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("../../resources/demo/demo-clean.pcapng"),
                   {{1, "handshake 1/3 SYN", "SYN-SENT", "LISTEN"},
                    {3, "handshake 3/3 ACK", "ESTABLISHED", "ESTABLISHED"},
                    {8, "teardown 1/4 FIN", "FIN-WAIT-1", "CLOSE-WAIT"},
                    {11, "teardown 4/4 ACK", "TIME-WAIT", "CLOSED"}});
    }

    // The rest: our own loopback captures (tests/data/make-captures.py), one scenario each.
    void threeSegmentTeardownAndKeepAlive()
    {
        checkSteps(own("lo-keepalive"), {{6, "keep-alive", "ESTABLISHED", "ESTABLISHED"},
                                         {7, "ack", "ESTABLISHED", "ESTABLISHED"},
                                         {10, "teardown 1/3 FIN", "FIN-WAIT-1", "CLOSE-WAIT"},
                                         {11, "teardown 2/3 FIN-ACK", "LAST-ACK", "TIME-WAIT"},
                                         {12, "teardown 3/3 ACK", "TIME-WAIT", "CLOSED"}});
    }

    void halfClose()
    {
        checkSteps(own("lo-halfclose"), {{6, "teardown 1/4 FIN", "FIN-WAIT-1", "CLOSE-WAIT"},
                                         {7, "half-close data", "CLOSE-WAIT", "FIN-WAIT-2"},
                                         {8, "ack", "FIN-WAIT-2", "CLOSE-WAIT"},
                                         {11, "half-close data", "CLOSE-WAIT", "FIN-WAIT-2"},
                                         {13, "teardown 3/4 FIN", "LAST-ACK", "TIME-WAIT"},
                                         {14, "teardown 4/4 ACK", "TIME-WAIT", "CLOSED"}});
    }

    void refusedAndReset()
    {
        // Nothing listened: no handshake began, and the server side was CLOSED (no socket at all).
        checkSteps(own("lo-refused"), {{1, "SYN to a closed port", "SYN-SENT", "CLOSED"}, {2, "reset (connection refused)", "CLOSED", "CLOSED"}});
        checkSteps(own("lo-abort"), {{4, "data", "ESTABLISHED", "ESTABLISHED"}, {6, "reset", "CLOSED", "CLOSED"}});
    }

    void simultaneousClose()
    {
        // The client's first FIN was lost after the capture saw it; the server's FIN crosses it
        // (it does not acknowledge the client's, so the server never was in CLOSE-WAIT). The
        // kernel's own states (tst_kernelstates): client FIN-WAIT-1 > CLOSING > TIME-WAIT, server
        // FIN-WAIT-1 > FIN-WAIT-2 > TIME-WAIT.
        checkSteps(own("lo-simulclose"), {{6, "simultaneous close FIN", "FIN-WAIT-1", "ESTABLISHED"},
                                          {7, "simultaneous close FIN", "FIN-WAIT-1", "CLOSING"},
                                          {8, "simultaneous close ACK", "CLOSING", "FIN-WAIT-2"},
                                          {9, "teardown retry FIN", "CLOSING", "TIME-WAIT"},
                                          {10, "simultaneous close ACK", "TIME-WAIT", "TIME-WAIT"}});
    }

    void simultaneousOpen()
    {
        // No listener: the first SYN was lost after the capture saw it, the other side's SYN
        // crosses it. The other side was not listening; what it was before its own SYN, the
        // capture cannot tell.
        checkSteps(own("lo-simulopen"), {{1, "simultaneous open", "SYN-SENT", "unknown"},
                                         {2, "simultaneous open", "SYN-SENT", "SYN-SENT"},
                                         {3, "simultaneous open", "SYN-RECEIVED", "ESTABLISHED"},
                                         {4, "handshake 3/3 ACK", "ESTABLISHED", "ESTABLISHED"}});
    }

    void handshakeRetry()
    {
        // A full accept queue drops the second client's SYN; it is sent again a second later.
        checkSteps(own("lo-retry"), {{4, "handshake 1/3 SYN", "SYN-SENT", "LISTEN"},
                                     {5, "handshake retry", "SYN-SENT", "LISTEN"},
                                     {6, "handshake 2/3 SYN-ACK", "SYN-RECEIVED", "ESTABLISHED"}});
        TsvTable t;
        QString error;
        QVERIFY(runFields(own("lo-retry"), t, error));
        QCOMPARE(t.cell(5, "tcp.stream"), QStringLiteral("1")); // the same conversation, not a new one
        QCOMPARE(t.cell(5, "tcp.analysis.retransmission"), QStringLiteral("1"));
    }

    void portReuseStartsANewStream()
    {
        TsvTable t;
        QString error;
        QVERIFY(runFields(own("lo-reuse"), t, error));
        QCOMPARE(t.cell(6, "tcp.stream"), QStringLiteral("0"));
        QCOMPARE(t.cell(6, "synflow.tcp.role"), QStringLiteral("reset"));
        QCOMPARE(t.cell(7, "tcp.stream"), QStringLiteral("1"));
        QCOMPARE(t.cell(7, "tcp.analysis.reused_ports"), QStringLiteral("1"));
        QCOMPARE(t.cell(7, "synflow.tcp.role"), QStringLiteral("handshake 1/3 SYN"));
        QVERIFY(t.cell(7, "_ws.col.Info").startsWith("[TCP Port numbers reused] "));
    }

    // Each analysis flag appears in our own captures of the situation that causes it (tshark
    // agrees on every frame: tst_tcporacle compares them all). The rows match EXPECT in
    // tests/data/make-captures.py.
    void analysisFlags_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QStringList>("flags");
        QTest::newRow("lossy") << "lo-lossy"
                               << QStringList{"retransmission", "spurious_retransmission", "out_of_order", "duplicate_ack_num",
                                              "window_update"};
        QTest::newRow("zerowindow") << "lo-zerowindow" << QStringList{"window_full", "zero_window", "keep_alive", "window_update"};
        QTest::newRow("keepalive") << "lo-keepalive" << QStringList{"keep_alive", "keep_alive_ack"};
        QTest::newRow("reuse") << "lo-reuse" << QStringList{"reused_ports"};
        QTest::newRow("retry") << "lo-retry" << QStringList{"retransmission"};
        QTest::newRow("gap") << "lo-gap" << QStringList{"lost_segment", "ack_lost_segment"};
        QTest::newRow("fastretx") << "lo-fastretx" << QStringList{"fast_retransmission", "duplicate_ack_num"};
        QTest::newRow("zwp") << "lo-zwp"
                             << QStringList{"window_full", "zero_window", "zero_window_probe", "zero_window_probe_ack",
                                            "window_update"};
        // The receiver keeps a probe's byte: its ACK is no probe ACK for tshark 4.0.
        QTest::newRow("zwpbyte") << "lo-zwpbyte"
                                 << QStringList{"zero_window", "zero_window_probe", "ack_lost_segment", "lost_segment",
                                                "window_update"};
    }
    void analysisFlags()
    {
        QFETCH(QString, capture);
        QFETCH(QStringList, flags);
        TsvTable t;
        QString error;
        QVERIFY2(runFields(own(capture), t, error), qPrintable(error));
        for (const QString& flag : flags) {
            const int col = t.header.indexOf("tcp.analysis." + flag);
            QVERIFY2(col >= 0, qPrintable(flag));
            const bool seen = std::any_of(t.rows.begin(), t.rows.end(), [&](const auto& r) { return !r.second.value(col).isEmpty(); });
            QVERIFY2(seen, qPrintable(capture + ": no frame with tcp.analysis." + flag));
        }
    }
};

QTEST_GUILESS_MAIN(TestTcpRoles)
#include "tst_tcproles.moc"
