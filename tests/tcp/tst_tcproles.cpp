// Each segment's role in the connection and both endpoints' RFC 9293 states, on real
// loopback captures of the scenarios a teacher shows: handshake, teardowns, half-close,
// refused, reset, simultaneous close, port reuse, keep-alive.
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

QString shared(const char* name)
{
    const QString p = QDir(sharedCapturesDir()).filePath(QString::fromLatin1(name));
    return QFileInfo::exists(p) ? p : QString();
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

    void threeSegmentTeardownAndKeepAlive()
    {
        const QString cap = shared("local-keepalive.pcapng");
        if (cap.isEmpty())
            QSKIP(qPrintable("shared capture local-keepalive.pcapng not found in " + sharedCapturesDir()));
        checkSteps(cap, {{4, "keep-alive", "ESTABLISHED", "ESTABLISHED"},
                         {12, "teardown 1/3 FIN", "FIN-WAIT-1", "CLOSE-WAIT"},
                         {13, "teardown 2/3 FIN-ACK", "LAST-ACK", "TIME-WAIT"},
                         {14, "teardown 3/3 ACK", "TIME-WAIT", "CLOSED"}});
    }

    void halfClose()
    {
        const QString cap = shared("local-halfclose.pcapng");
        if (cap.isEmpty())
            QSKIP(qPrintable("shared capture local-halfclose.pcapng not found in " + sharedCapturesDir()));
        checkSteps(cap, {{6, "teardown 1/4 FIN", "FIN-WAIT-1", "CLOSE-WAIT"},
                         {7, "half-close data", "CLOSE-WAIT", "FIN-WAIT-2"},
                         {9, "ack", "FIN-WAIT-2", "CLOSE-WAIT"},
                         {27, "teardown 3/4 FIN", "LAST-ACK", "TIME-WAIT"},
                         {28, "teardown 4/4 ACK", "TIME-WAIT", "CLOSED"}});
    }

    void refusedAndReset()
    {
        const QString refused = shared("local-refused.pcapng");
        const QString abort = shared("local-abort.pcapng");
        if (refused.isEmpty() || abort.isEmpty())
            QSKIP(qPrintable("shared local-refused/local-abort captures not found in " + sharedCapturesDir()));
        checkSteps(refused, {{1, "handshake 1/3 SYN", "SYN-SENT", "LISTEN"}, {2, "reset (connection refused)", "CLOSED", "CLOSED"}});
        checkSteps(abort, {{12, "reset", "CLOSED", "CLOSED"}});
    }

    void simultaneousClose()
    {
        const QString cap = shared("local-simulclose.pcapng");
        if (cap.isEmpty())
            QSKIP(qPrintable("shared capture local-simulclose.pcapng not found in " + sharedCapturesDir()));
        checkSteps(cap, {{8, "teardown 1/4 FIN", "FIN-WAIT-1", "CLOSE-WAIT"},
                         {9, "simultaneous close FIN", "CLOSING", "CLOSING"},
                         {13, "teardown 4/4 ACK", "TIME-WAIT", "TIME-WAIT"}});
    }

    void portReuseStartsANewStream()
    {
        const QString cap = shared("local-reuse.pcapng");
        if (cap.isEmpty())
            QSKIP(qPrintable("shared capture local-reuse.pcapng not found in " + sharedCapturesDir()));
        TsvTable t;
        QString error;
        QVERIFY(runFields(cap, t, error));
        QCOMPARE(t.cell(8, "tcp.stream"), QStringLiteral("0"));
        QCOMPARE(t.cell(9, "tcp.stream"), QStringLiteral("1"));
        QCOMPARE(t.cell(9, "tcp.analysis.reused_ports"), QStringLiteral("1"));
        QCOMPARE(t.cell(9, "synflow.tcp.role"), QStringLiteral("handshake 1/3 SYN"));
        QVERIFY(t.cell(9, "_ws.col.Info").startsWith("[TCP Port numbers reused] "));
    }
};

QTEST_GUILESS_MAIN(TestTcpRoles)
#include "tst_tcproles.moc"
