// synflow-cli's promises to scripts: usage text, version, one-line errors, exit codes.
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int code = -1;
    QString out, err;
};

Run cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(SYNFLOW_CLI), args);
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString data(const char* name)
{
    return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name));
}

} // namespace

class TestCliBasics : public QObject {
    Q_OBJECT
private slots:
    void helpAndVersion()
    {
        Run r = cli({"--help"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("usage: synflow-cli"));
        QVERIFY(r.out.contains("fields"));
        r = cli({"--version"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith("synflow-cli "));
    }

    void usageErrors()
    {
        Run r = cli({});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("usage"));
        r = cli({"frobnicate"});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err.count('\n'), 1);
        r = cli({"fields"});
        QCOMPARE(r.code, 2);
    }

    void badInputIsOneLine()
    {
        QTemporaryDir dir;
        QFile t(dir.filePath("notes.txt"));
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write("these are not packets\n");
        t.close();
        for (const char* cmd : {"info", "fields"}) {
            const Run r = cli({cmd, t.fileName()});
            QCOMPARE(r.code, 1);
            QVERIFY(r.out.isEmpty());
            QCOMPARE(r.err.count('\n'), 1);
            QVERIFY2(r.err.contains("not a capture file") && r.err.contains("text file"), qPrintable(r.err));
        }
    }

    void infoDescribesTheFile()
    {
        const Run r = cli({"info", data("loopback-http.pcapng")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QRegularExpression("Format:\\s+pcapng")), qPrintable(r.out));
        QVERIFY(r.out.contains(QRegularExpression("Packets:\\s+12 ")));
        QVERIFY(r.out.contains("Ethernet (1)"));
        QVERIFY(r.out.contains(QRegularExpression("Damage:\\s+none")));
        QVERIFY(r.out.contains("First packet:"));
    }

    void infoReportsDamage()
    {
        QFile src(data("loopback-http.pcap"));
        QVERIFY(src.open(QIODevice::ReadOnly));
        const QByteArray all = src.readAll();
        QTemporaryDir dir;
        QFile cut(dir.filePath("cut.pcap"));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(all.left(all.size() - 10));
        cut.close();
        const Run r = cli({"info", cut.fileName()});
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.contains(QRegularExpression("Packets:\\s+11 ")));
        QVERIFY2(r.out.contains("cut short"), qPrintable(r.out));
    }

    // On loopback both ends share an address: --explain names them by address and port, as
    // the window's flow graph does, instead of "127.0.0.1 is SYN-SENT and 127.0.0.1 is LISTEN".
    void explainNamesEachEndOnLoopback()
    {
        const Run r = cli({"flow", data("loopback-http.pcap"), "--explain"});
        QCOMPARE(r.code, 0);
        const QString first = r.out.section(QLatin1Char('\n'), 0, 0);
        QVERIFY2(first.contains(QStringLiteral("127.0.0.1:")) && !first.contains(QStringLiteral("127.0.0.1 is")), qPrintable(first));
        QVERIFY2(first.contains(QStringLiteral("is SYN-SENT")) && first.contains(QStringLiteral("is LISTEN")), qPrintable(first));
    }
};

QTEST_GUILESS_MAIN(TestCliBasics)
#include "tst_clibasics.moc"
