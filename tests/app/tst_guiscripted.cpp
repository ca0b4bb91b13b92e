// A scripted run of the window (--screenshot) is never stuck behind a message nobody can click:
// errors go to stderr, a capture that cannot be opened ends the run, a damaged one is still shown.
// Teaching mode's screenshots (the closing notes' projector pictures) come from options alone:
// --teach N [--quiz] --lang --theme.
#include <QDir>
#include <QColor>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int code = -1;
    QString err;
};

Run screenshot(const QString& capture, const QString& png, const QStringList& options = {}, const QString& config = {})
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    if (!config.isEmpty())
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config); // --lang is remembered: not in the user's settings
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(SYNFLOW_GUI_BIN), options + QStringList{QStringLiteral("--screenshot"), png, capture});
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

    // The projector window at 1024x768, N steps in, in the language and scheme asked for.
    void teachingScreenshot()
    {
        QTemporaryDir dir;
        const QString capture = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("lo-closeclient.pcapng"));
        auto shot = [&](const QString& name, const QStringList& options) {
            const QString png = dir.filePath(name + QStringLiteral(".png"));
            const Run r = screenshot(capture, png, options, dir.filePath(QStringLiteral("config")));
            return r.code == 0 ? QImage(png) : QImage();
        };
        auto teach = [](const char* steps, const char* lang, const char* theme) {
            return QStringList{QStringLiteral("--teach"), QLatin1String(steps), QStringLiteral("--lang"), QLatin1String(lang),
                               QStringLiteral("--theme"), QLatin1String(theme)};
        };
        const QImage en = shot(QStringLiteral("en"), teach("3", "en", "light"));
        const QImage zh = shot(QStringLiteral("zh"), teach("3", "zh_CN", "light"));
        const QImage dark = shot(QStringLiteral("dark"), teach("3", "en", "dark"));
        const QImage earlier = shot(QStringLiteral("earlier"), teach("2", "en", "light"));
        const QImage quiz = shot(QStringLiteral("quiz"), teach("2", "en", "light") << QStringLiteral("--quiz"));
        for (const QImage* i : {&en, &zh, &dark, &earlier, &quiz}) {
            QVERIFY(!i->isNull());
            QCOMPARE(i->size(), QSize(1024, 768)); // the classroom projector
        }
        auto meanLightness = [](const QImage& i) {
            double sum = 0;
            for (int y = 0; y < i.height(); y += 8)
                for (int x = 0; x < i.width(); x += 8)
                    sum += QColor(i.pixel(x, y)).lightnessF();
            return sum / ((i.height() / 8) * (i.width() / 8));
        };
        QVERIFY(meanLightness(en) > 0.7);
        QVERIFY(meanLightness(dark) < 0.3);
        QVERIFY(en != zh);      // another language
        QVERIFY(en != earlier); // another step
        QVERIFY(quiz != earlier); // the same step, asked
    }
};

QTEST_GUILESS_MAIN(TestGuiScripted)
#include "tst_guiscripted.moc"
