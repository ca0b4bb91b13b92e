// `synflow --version` and `synflow --help` answer where there is no display (a server, a
// container, a packaging check): QApplication would abort there.
#include <QProcess>
#include <QtTest>

namespace {

struct Run {
    int code = -1;
    QString out, err;
};

Run synflow(const QStringList& args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
        env.remove(QString::fromLatin1(name));
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(SYNFLOW_GUI_BIN), args);
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestGuiWithoutDisplay : public QObject {
    Q_OBJECT
private slots:
    void version_data()
    {
        QTest::addColumn<QString>("option");
        QTest::newRow("--version") << QStringLiteral("--version");
        QTest::newRow("-v") << QStringLiteral("-v");
    }
    void version()
    {
        QFETCH(QString, option);
        const Run r = synflow({option});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("SynFlow " SYNFLOW_VERSION "\n")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\nQt ") + QString::fromLatin1(qVersion())), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("libpcap version ")), qPrintable(r.out));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    }

    void help_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("--help") << QStringList{QStringLiteral("--help")};
        QTest::newRow("-h") << QStringList{QStringLiteral("-h")};
        QTest::newRow("after a file") << QStringList{QStringLiteral("some.pcapng"), QStringLiteral("--help")};
    }
    void help()
    {
        QFETCH(QStringList, args);
        const Run r = synflow(args);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("Usage: ")), qPrintable(r.out));
        for (const char* option : {"--version", "--interface <name>", "--teach <N>", "--benchmark"})
            QVERIFY2(r.out.contains(QString::fromLatin1(option)), option);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestGuiWithoutDisplay)
#include "tst_guiwithoutdisplay.moc"
