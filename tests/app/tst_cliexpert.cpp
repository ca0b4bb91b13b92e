// synflow-cli expert against tshark -z expert on our own captures (tests/data: TCP only, so the
// whole report is compared), with a level and a filter; and its argument rules. Every shared
// capture is compared in the core suite (tst_expertoracle).
#include "common/tsharkstats.h"

#include <QDir>
#include <QProcess>
#include <QtTest>

using namespace synflow::test;

namespace {

struct Run {
    int code = -1;
    QByteArray out, err;
};

Run cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(SYNFLOW_CLI), args);
    if (!p.waitForFinished(120000))
        return {-2, {}, {}};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

QString data(const char* name) { return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name)); }

} // namespace

class TestCliExpert : public QObject {
    Q_OBJECT
private slots:
    void equalsTshark_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("tap");
        QTest::newRow("lossy") << data("lo-lossy.pcapng") << QStringList{} << "expert";
        QTest::newRow("zerowindow warn") << data("lo-zerowindow.pcapng") << QStringList{"--severity", "warn"} << "expert,warn";
        QTest::newRow("reuse filtered") << data("lo-reuse.pcapng") << QStringList{"-Y", "tcp.stream == 1"}
                                        << "expert,comment,tcp.stream == 1";
        QTest::newRow("keepalive note=") << data("lo-keepalive.pcapng") << QStringList{"--severity=note"} << "expert,note";
    }
    void equalsTshark()
    {
        if (tsharkProgram().isEmpty())
            QSKIP("tshark is not on PATH (packaging/build-deps.txt installs it)");
        QFETCH(QString, capture);
        QFETCH(QStringList, options);
        QFETCH(QString, tap);
        const Run r = cli(QStringList{"expert", capture} + options);
        QCOMPARE(r.code, 0);
        QVERIFY(!r.out.isEmpty());
        QCOMPARE(QString::fromUtf8(r.out), QString::fromUtf8(runTsharkStats(capture, {tap}, true)));
    }

    void usage()
    {
        const QString f = data("lo-lossy.pcapng");
        for (const QStringList& bad : {QStringList{"expert"}, QStringList{"expert", f, "--severity", "warning"},
                                       QStringList{"expert", f, "--severity"}, QStringList{"expert", f, "-Y", "tcp.port =="},
                                       QStringList{"expert", f, "--bogus"}}) {
            const Run r = cli(bad);
            QVERIFY2(r.code == 2, qPrintable(bad.join(' ')));
            QVERIFY(r.out.isEmpty());
            QVERIFY(r.err.startsWith("synflow-cli: "));
        }
        const Run missing = cli({"expert", data("no-such-file.pcapng")});
        QCOMPARE(missing.code, 1);
        const Run help = cli({"--help"});
        QVERIFY(help.out.contains("expert FILE [-Y FILTER] [--severity error|warn|note|chat|comment]"));
    }
};

QTEST_GUILESS_MAIN(TestCliExpert)
#include "tst_cliexpert.moc"
