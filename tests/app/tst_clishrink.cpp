// synflow-cli reading a capture that another program cuts short (issue 17 item 1): after the
// first pass, fields, flow and detail read packets through the map, where a lost page raised
// SIGBUS. Now no run dies by a signal, and a cut one follows the damage rule: the output of the
// packets before the cut, one stderr line naming it, exit 2.
#include "common/repeatedcapture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using synflow::test::cutFile;
using synflow::test::recordsBefore;

namespace {

QString dataFile(const char* name)
{
    return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name));
}

struct Run {
    int code = -1; // -1: ended by a signal
    QByteArray out, err;
};

Run finish(QProcess& p)
{
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

QByteArray firstLines(const QByteArray& text, qsizetype lines)
{
    qsizetype at = 0;
    for (qsizetype i = 0; i < lines && at >= 0; ++i)
        at = text.indexOf('\n', at) + 1;
    return text.left(at);
}

} // namespace

class TestCliShrink : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString pristine_, pristineFlow_;
    std::vector<size_t> ends_;
    static constexpr size_t kPackets = 40000;

    // A fresh copy of a capture to cut.
    QString freshCopy(const QString& pristine)
    {
        const QString path = dir_.filePath(QStringLiteral("cut.pcap"));
        QFile::remove(path);
        return QFile::copy(pristine, path) ? path : QString();
    }

private slots:
    void initTestCase()
    {
        pristine_ = dir_.filePath(QStringLiteral("whole.pcap"));
        ends_ = synflow::test::writeRepeatedCapture(dataFile("loopback-http.pcap"), pristine_, kPackets);
        QCOMPARE(ends_.size(), kPackets);
        // For flow: one pair of addresses, so its text is two lifelines wide, not thousands.
        pristineFlow_ = dir_.filePath(QStringLiteral("flow.pcap"));
        QCOMPARE(synflow::test::writeRepeatedCapture(dataFile("loopback-http.pcap"), pristineFlow_, kPackets, false), ends_);
    }

    // Deterministic: the CLI writes its first megabyte of rows and blocks on the full pipe
    // (we read nothing yet) well before the cut, which then comes during its second pass.
    void fieldsPrintsThePacketsBeforeTheCut()
    {
        QProcess whole;
        whole.start(QStringLiteral(SYNFLOW_CLI), {QStringLiteral("fields"), pristine_});
        const Run reference = finish(whole);
        QCOMPARE(reference.code, 0);
        QCOMPARE(reference.out.count('\n'), qsizetype(kPackets + 1));

        const size_t size = ends_.back();
        for (const size_t cut : {size * 3 / 10, size / 2 + 1, size * 3 / 4 + 4095}) {
            const QString path = freshCopy(pristine_);
            QVERIFY(!path.isEmpty());
            QProcess p;
            p.start(QStringLiteral(SYNFLOW_CLI), {QStringLiteral("fields"), path});
            QVERIFY(p.waitForReadyRead(60000));
            QVERIFY(cutFile(path, cut));
            const Run r = finish(p); // before the fix: killed by SIGBUS
            const size_t before = recordsBefore(ends_, cut);
            QVERIFY2(r.code == 2, r.err.constData());
            QCOMPARE(QString::fromUtf8(r.err),
                     QStringLiteral("synflow-cli: %1: damaged at byte %2: the file shrank while it was read (%3 packets read before it)\n")
                         .arg(path)
                         .arg(cut)
                         .arg(before));
            QVERIFY(r.out == firstLines(reference.out, qsizetype(before + 1))); // header + rows, as they were
        }
    }

    // Cuts at times spread over a whole run, from during the first pass to after the end: a
    // run exits 0 (uncut, or cut after it ended) or 2 naming the damage, never by a signal.
    void cutsAtAnyTimeNeverKill_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::newRow("fields") << QStringList{QStringLiteral("fields")};
        QTest::newRow("flow") << QStringList{QStringLiteral("flow")};
        QTest::newRow("detail") << QStringList{QStringLiteral("detail"), QStringLiteral("-n"), QString::number(kPackets)};
    }

    void cutsAtAnyTimeNeverKill()
    {
        QFETCH(QStringList, command);
        const QString& pristine = command.first() == QLatin1String("flow") ? pristineFlow_ : pristine_;
        auto args = [&](const QString& path) {
            QStringList a = command;
            a.insert(1, path);
            return a;
        };
        QElapsedTimer timer;
        timer.start();
        QProcess whole;
        whole.start(QStringLiteral(SYNFLOW_CLI), args(pristine));
        const Run reference = finish(whole);
        QCOMPARE(reference.code, 0);
        const qint64 runMs = std::max<qint64>(timer.elapsed(), 20);

        constexpr int kTries = 8;
        int cutShort = 0;
        for (int k = 0; k < kTries; ++k) {
            const QString path = freshCopy(pristine);
            QVERIFY(!path.isEmpty());
            const size_t cut = ends_.back() * size_t(1 + k % 3) / 4 + size_t(k); // most not on a page boundary
            QProcess p;
            p.start(QStringLiteral(SYNFLOW_CLI), args(path));
            QVERIFY(p.waitForStarted());
            QThread::msleep(unsigned(runMs * k / (kTries - 2))); // the last tries cut after the end
            QVERIFY(cutFile(path, cut));
            const Run r = finish(p);
            QVERIFY2(r.code == 0 || r.code == 2, qPrintable(QStringLiteral("try %1: exit %2 %3").arg(k).arg(r.code).arg(QString::fromUtf8(r.err))));
            if (r.code == 2) {
                ++cutShort;
                QVERIFY2(r.err.contains(": damaged at byte "), r.err.constData());
                if (command.first() == QLatin1String("detail"))
                    QVERIFY(r.out.isEmpty()); // its frame is past every cut
            }
        }
        QVERIFY(cutShort > 0);
    }
};

QTEST_GUILESS_MAIN(TestCliShrink)
#include "tst_clishrink.moc"
