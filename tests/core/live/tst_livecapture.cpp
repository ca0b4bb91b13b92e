// Live capture for real on the loopback interface (CI runs as root): a TCP connection made
// by the test is captured, and its handshake and teardown read back with roles and states.
#include "common/asnobody.h"
#include "common/loopbacktalk.h"
#include "common/vethpair.h"
#include "capture/capturefile.h"
#include "common/oracletsv.h"
#include "live/livecapture.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace synflow;
using synflow::test::converse;
using synflow::test::listenOnFreePort;

class TestLiveCapture : public QObject {
    Q_OBJECT
private slots:
    void capturesAHandshakeAndTeardownOnLoopback()
    {
        if (!test::mayCaptureOnLoopback())
            QSKIP("no permission to capture on lo here (CI runs as root)");
        uint16_t port = 0;
        const int listener = listenOnFreePort(port);
        QTemporaryDir dir;
        const QString out = dir.filePath("live.pcapng");

        // Through the command line, as a script would.
        QProcess cli;
        cli.start(QStringLiteral(SYNFLOW_CLI), {"capture", "-i", "lo", "-f", QStringLiteral("tcp port %1").arg(port), "-a",
                                                 "duration:3", "-w", out});
        QVERIFY(cli.waitForStarted());
        QTest::qWait(1000); // the capture is open before the connection starts
        converse(listener, port);
        close(listener);
        QVERIFY(cli.waitForFinished(10000));
        QCOMPARE(cli.exitCode(), 0);

        synflow::test::TsvTable t;
        QString error;
        QVERIFY2(synflow::test::runFields(out, t, error), qPrintable(error));
        QStringList roles;
        for (const auto& [frame, row] : t.rows)
            roles << t.cell(frame, "synflow.tcp.role");
        QVERIFY2(roles.size() >= 9, qPrintable(roles.join(", ")));
        QCOMPARE(roles.mid(0, 3), (QStringList{"handshake 1/3 SYN", "handshake 2/3 SYN-ACK", "handshake 3/3 ACK"}));
        QVERIFY2(roles.contains("teardown 1/4 FIN") && roles.contains("teardown 4/4 ACK"), qPrintable(roles.join(", ")));
        const qint64 last = t.rows.rbegin()->first;
        QCOMPARE(t.cell(last, "synflow.tcp.state_src"), QStringLiteral("TIME-WAIT"));
        QCOMPARE(t.cell(last, "synflow.tcp.state_dst"), QStringLiteral("CLOSED"));

        // tshark reads what we wrote, frame for frame.
        if (QStandardPaths::findExecutable("tshark").isEmpty())
            QSKIP("tshark is not installed: cannot cross-check the saved file");
        QProcess ts;
        ts.start("tshark", {"-r", out, "-T", "fields", "-e", "frame.number"});
        QVERIFY(ts.waitForFinished(30000));
        QCOMPARE(ts.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(ts.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts).size(), int(t.rows.size()));
    }

    void stopsOnRequestAndCountsPackets()
    {
        if (!test::mayCaptureOnLoopback())
            QSKIP("no permission to capture on lo here (CI runs as root)");
        uint16_t port = 0;
        const int listener = listenOnFreePort(port);
        QTemporaryDir dir;
        LiveCapture capture;
        CaptureOptions o;
        o.interface = "lo";
        o.filter = "tcp port " + std::to_string(port);
        o.output = dir.filePath("stop.pcapng").toStdString();
        std::string error;
        bool ok = false;
        int progressCalls = 0;
        std::thread t([&] { ok = capture.run(o, error, [&](const CaptureStats&) { ++progressCalls; }); });
        QTest::qWait(500);
        converse(listener, port);
        close(listener);
        QTest::qWait(500);
        capture.stop();
        t.join();
        QVERIFY2(ok, error.c_str());
        QVERIFY(capture.stats().packets >= 9);
        QVERIFY(progressCalls > 0);
    }

    // A stop asked for before the capture has set up (Stop right after Start) is not lost.
    void stopBeforeSetUpIsKept()
    {
        if (!test::mayCaptureOnLoopback())
            QSKIP("no permission to capture on lo here (CI runs as root)");
        QTemporaryDir dir;
        LiveCapture capture;
        CaptureOptions o;
        o.interface = "lo";
        o.output = dir.filePath("early.pcapng").toStdString();
        o.stopAfterSeconds = 20; // a lost stop then fails below instead of hanging the suite
        capture.stop();
        QElapsedTimer t;
        t.start();
        std::string error;
        QVERIFY2(capture.run(o, error), error.c_str());
        QVERIFY(t.elapsed() < 5000);
    }

    void badFilterIsRefusedWithLibpcapsMessage()
    {
        std::string error;
        QVERIFY(!checkCaptureFilter("tcp port", 1, error));
        QVERIFY2(QString::fromStdString(error).contains("syntax error"), error.c_str());
        QVERIFY(checkCaptureFilter("tcp port 80 and host 127.0.0.1", 1, error));
    }

    void missingInterfaceIsNamed()
    {
        QTemporaryDir dir;
        LiveCapture capture;
        CaptureOptions o;
        o.interface = "synflow-nosuch0";
        o.output = dir.filePath("x.pcapng").toStdString();
        std::string error;
        QVERIFY(!capture.run(o, error));
        QVERIFY2(QString::fromStdString(error).contains("synflow-nosuch0"), error.c_str());
        QVERIFY(!QFile::exists(dir.filePath("x.pcapng")));
    }

    void interfaceGoingAwayStopsCleanlyAndKeepsThePackets()
    {
        test::VethPair veth;
        std::string why;
        if (!veth.create(why))
            QSKIP(qPrintable(QStringLiteral("cannot make a veth pair here: %1").arg(QString::fromStdString(why))));
        QTemporaryDir dir;
        LiveCapture capture;
        CaptureOptions o;
        o.interface = veth.name();
        o.filter = "ether proto 0x88b5";
        o.output = dir.filePath("gone.pcapng").toStdString();
        std::string error;
        bool ok = true;
        std::thread t([&] { ok = capture.run(o, error); });
        QTRY_VERIFY(QFile::exists(dir.filePath("gone.pcapng")));
        QTest::qWait(200);
        QVERIFY(veth.sendFrames(5));
        QTRY_COMPARE(capture.stats().packets, uint64_t(5));
        veth.remove();
        t.join(); // stops by itself
        QVERIFY(!ok);
        QVERIFY2(QString::fromStdString(error).contains(QString::fromStdString(veth.name())), error.c_str());
        CaptureFile saved;
        QVERIFY2(saved.open(o.output, error), error.c_str());
        saved.indexAll();
        QVERIFY(!saved.damage());
        QCOMPARE(saved.packetCount(), size_t(5));
    }

    void withoutPermissionSaysHowToGrantIt()
    {
        // As an unprivileged user (nobody) in a child process.
        if (geteuid() != 0)
            QSKIP("needs root to switch to an unprivileged user");
        QTemporaryDir dir;
        QFile::setPermissions(dir.path(), QFileDevice::Permissions(0x7777));
        std::string error;
        QVERIFY(synflow::test::runAsNobody(
            [&] {
                LiveCapture capture;
                CaptureOptions o;
                o.interface = "lo";
                o.output = (dir.path() + "/nobody.pcapng").toStdString();
                std::string err;
                return capture.run(o, err) ? std::string() : err;
            },
            error));
        // The build tree's helper has no capabilities: it names itself and how to grant them.
        QVERIFY2(error.find("no permission to capture on lo: ") == 0, error.c_str());
        QVERIFY2(error.find("synflow-capture lacks the cap_net_raw and cap_net_admin capabilities") != std::string::npos, error.c_str());
        QVERIFY2(error.find("setcap cap_net_raw,cap_net_admin=eip ") != std::string::npos, error.c_str());
    }

    // The interface picker and the filter check work for anyone, without the helper.
    void interfaceQueriesNeedNoRights()
    {
        if (geteuid() != 0)
            QSKIP("needs root to switch to an unprivileged user");
        std::string report;
        QVERIFY(synflow::test::runAsNobody(
            [] {
                std::vector<CaptureInterface> list;
                std::string err;
                if (!listCaptureInterfaces(list, err))
                    return "list: " + err;
                const auto lo = std::find_if(list.begin(), list.end(), [](const CaptureInterface& i) { return i.name == "lo"; });
                if (lo == list.end() || !lo->loopback || !lo->up
                    || std::find(lo->addresses.begin(), lo->addresses.end(), "127.0.0.1") == lo->addresses.end())
                    return std::string("lo is missing or incomplete");
                uint64_t packets = 0;
                if (!interfacePacketCounter("lo", packets))
                    return std::string("no packet counter for lo");
                if (!checkCaptureFilter("tcp port 80", 1, err) || checkCaptureFilter("tcp port", 1, err))
                    return "filter check: " + err;
                return std::string();
            },
            report));
        QVERIFY2(report.empty(), report.c_str());
    }
};

QTEST_GUILESS_MAIN(TestLiveCapture)
#include "tst_livecapture.moc"
