// A scripted run of the window (--screenshot) is never stuck behind a message nobody can click:
// errors go to stderr, a capture that cannot be opened ends the run, a damaged one is still shown.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int code = -1;
    QString err;
};

Run screenshot(const QString& capture, const QString& png)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(SYNFLOW_GUI_BIN), {QStringLiteral("--screenshot"), png, capture});
    if (!p.waitForFinished(30000)) { // a run waiting for a click would sit here
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestGuiScripted : public QObject {
    Q_OBJECT
private slots:
    void unreadableCaptureEndsTheRun()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("shot.png"));
        const Run r = screenshot(dir.filePath(QStringLiteral("missing.pcapng")), png);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("synflow: Cannot open capture: ")), qPrintable(r.err));
        QVERIFY(!QFile::exists(png));
    }

    void damagedCaptureIsShownAndReported()
    {
        QTemporaryDir dir;
        const QString cut = dir.filePath(QStringLiteral("cut.pcap"));
        QVERIFY(QFile::copy(QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("loopback-http.pcap")), cut));
        QFile f(cut);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() - 10)); // the last record ends early
        f.close();
        const QString png = dir.filePath(QStringLiteral("shot.png"));
        const Run r = screenshot(cut, png);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains(QStringLiteral("synflow: Damaged capture: ")), qPrintable(r.err));
        QVERIFY(!QImage(png).isNull());
    }
};

QTEST_GUILESS_MAIN(TestGuiScripted)
#include "tst_guiscripted.moc"
