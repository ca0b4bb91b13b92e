// synflow-capture on its own: the line protocol on stderr, pcapng on stdout, a clean end on
// SIGTERM, one error line for each way it can fail; and how synflow-cli finds it.
#include "capture/capturefile.h"
#include "common/loopbacktalk.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace synflow;

namespace {

struct Run {
    int code = -1;
    QByteArray out;
    QStringList lines; // stderr
};

Run helper(const QStringList& args, int timeoutMs = 20000)
{
    QProcess p;
    p.start(QStringLiteral(SYNFLOW_CAPTURE), args);
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            QString::fromUtf8(p.readAllStandardError()).split('\n', Qt::SkipEmptyParts)};
}

} // namespace

class TestCaptureHelper : public QObject {
    Q_OBJECT
private slots:
    void usageErrorIsOneErrorLine()
    {
        const Run r = helper({"-i", "lo"});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.lines.size(), 1);
        QVERIFY2(r.lines[0].startsWith("error ") && r.lines[0].contains("usage: synflow-capture"), qPrintable(r.lines[0]));
    }

    void failuresAreOneErrorLineAndNoFile()
    {
        if (!test::mayCaptureOnLoopback())
            QSKIP("no permission to capture on lo here (CI runs as root)");
        QTemporaryDir dir;
        const QString out = dir.filePath("x.pcapng");
        Run r = helper({"-i", "synflow-nosuch0", "-w", out});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.lines, QStringList{"error no such interface: synflow-nosuch0 (synflow-cli interfaces lists them)"});
        r = helper({"-i", "lo", "-f", "tcp port", "-w", out});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.lines.size(), 1);
        QVERIFY2(r.lines[0].startsWith("error capture filter \"tcp port\": ") && r.lines[0].contains("syntax error"),
                 qPrintable(r.lines[0]));
        QVERIFY(!QFile::exists(out));
        r = helper({"-i", "lo", "-w", dir.filePath("no/such/dir.pcapng")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.lines.last().startsWith("error cannot write ") && r.lines.last().contains("No such file"), qPrintable(r.lines.join('|')));
    }

    void writesPcapngToStdoutUntilSigterm()
    {
        if (!test::mayCaptureOnLoopback())
            QSKIP("no permission to capture on lo here (CI runs as root)");
        uint16_t port = 0;
        const int listener = test::listenOnFreePort(port);
        QProcess p;
        p.start(QStringLiteral(SYNFLOW_CAPTURE), {"-i", "lo", "-f", QStringLiteral("tcp port %1").arg(port), "-w", "-"});
        QVERIFY(p.waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("stats "), 5000); // the capture is open
        test::converse(listener, port);
        close(listener);
        QTest::qWait(400);
        p.terminate(); // SIGTERM
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        err += p.readAllStandardError();
        const QByteArray out = p.readAllStandardOutput();
        const QStringList lines = QString::fromUtf8(err).split('\n', Qt::SkipEmptyParts);
        for (const QString& l : lines)
            QVERIFY2(QRegularExpression("^stats( \\d+){5}$").match(l).hasMatch(), qPrintable(l));

        QTemporaryDir dir;
        QFile f(dir.filePath("stdout.pcapng"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(out);
        f.close();
        CaptureFile file;
        std::string error;
        QVERIFY2(file.open(f.fileName().toStdString(), error), error.c_str());
        file.indexAll();
        QVERIFY(!file.damage());
        QVERIFY2(file.packetCount() >= 9, qPrintable(QString::number(file.packetCount())));
        const QStringList last = lines.last().split(' ');
        QCOMPARE(last[1].toULongLong(), quint64(file.packetCount()));
        QCOMPARE(last[2].toLongLong(), qint64(out.size()));
        // Received counts each packet once, as dumpcap does (ps_recv counts lo's packets twice).
        QCOMPARE(last[3].toULongLong(), quint64(file.packetCount()));
    }

    void stopsAfterItsDuration()
    {
        if (!test::mayCaptureOnLoopback())
            QSKIP("no permission to capture on lo here (CI runs as root)");
        QTemporaryDir dir;
        QElapsedTimer t;
        t.start();
        const Run r = helper({"-i", "lo", "-f", "udp port 9", "-a", "duration:0.5", "-w", dir.filePath("d.pcapng")}, 10000);
        QCOMPARE(r.code, 0);
        QVERIFY(t.elapsed() < 5000);
        QVERIFY(QFileInfo(dir.filePath("d.pcapng")).size() > 0);
    }

    // "synflow-cli capture -w -" hands the helper's stdout through: pcapng down a pipe.
    void theCliWritesToStandardOutput()
    {
        if (!test::mayCaptureOnLoopback())
            QSKIP("no permission to capture on lo here (CI runs as root)");
        QProcess cli;
        cli.start(QStringLiteral(SYNFLOW_CLI), {"capture", "-i", "lo", "-f", "udp port 9", "-a", "duration:0.5", "-w", "-"});
        QVERIFY(cli.waitForFinished(10000));
        QCOMPARE(cli.exitCode(), 0);
        const QByteArray out = cli.readAllStandardOutput();
        QVERIFY2(out.startsWith(QByteArray::fromHex("0a0d0d0a")) && out.mid(8, 4) == QByteArray::fromHex("4d3c2b1a"), out.toHex().constData());
        QVERIFY(QString::fromUtf8(cli.readAllStandardError()).contains("packets captured to standard output"));
    }

    // SYNFLOW_CAPTURE_HELPER names the helper; without it synflow-cli looks beside itself.
    void theCliFindsItsHelper()
    {
        QTemporaryDir dir;
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("SYNFLOW_CAPTURE_HELPER", "/nonexistent/synflow-capture");
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(SYNFLOW_CLI), {"capture", "-i", "lo", "-w", dir.filePath("a.pcapng")});
        QVERIFY(cli.waitForFinished(10000));
        QCOMPARE(cli.exitCode(), 1);
        QString err = QString::fromUtf8(cli.readAllStandardError());
        QCOMPARE(err, QStringLiteral("synflow-cli: the capture helper /nonexistent/synflow-capture (from SYNFLOW_CAPTURE_HELPER) does not exist\n"));

        env.remove("SYNFLOW_CAPTURE_HELPER");
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(SYNFLOW_CLI), {"capture", "-i", "synflow-nosuch0", "-w", dir.filePath("b.pcapng")});
        QVERIFY(cli.waitForFinished(10000));
        QCOMPARE(cli.exitCode(), 1);
        err = QString::fromUtf8(cli.readAllStandardError());
        // Root reaches libpcap's answer; anyone else the build tree's helper without capabilities.
        QVERIFY2(err.contains(geteuid() == 0 ? "no such interface: synflow-nosuch0" : "app/synflow-capture lacks the cap_net_raw"),
                 qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestCaptureHelper)
#include "tst_capturehelper.moc"
