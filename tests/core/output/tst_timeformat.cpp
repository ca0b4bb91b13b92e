// The Time column's formats and precisions, against tshark -t on real captures.
#include "capture/capturefile.h"
#include "output/timeformat.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

#include <cstdlib>
#include <ctime>

using namespace synflow;

namespace {

QString dataFile(const char* name) { return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name)); }

} // namespace

class TestTimeFormat : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // A zone with a half-hour offset and no DST: local formats differ from UTC and from whole hours.
        qputenv("TZ", "Asia/Kolkata");
        tzset();
    }

    void matchesTshark_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("option");
        QTest::addColumn<int>("format");
        const std::pair<const char*, TimeFormat> formats[] = {
            {"r", TimeFormat::SinceStart}, {"d", TimeFormat::SincePreviousCaptured}, {"a", TimeFormat::TimeOfDay},
            {"ad", TimeFormat::DateTime}, {"adoy", TimeFormat::YearDayTime}, {"e", TimeFormat::Epoch},
            {"u", TimeFormat::UtcTimeOfDay}, {"ud", TimeFormat::UtcDateTime}, {"udoy", TimeFormat::UtcYearDayTime}};
        for (const char* file : {"loopback-http-nsec.pcap", "loopback-http.pcapng"}) // nanoseconds; microseconds (if_tsresol)
            for (const auto& [option, format] : formats)
                QTest::newRow(qPrintable(QStringLiteral("%1 -t %2").arg(file, option))) << dataFile(file) << option << int(format);
    }
    void matchesTshark()
    {
        QFETCH(QString, file);
        QFETCH(QString, option);
        QFETCH(int, format);
        if (QStandardPaths::findExecutable("tshark").isEmpty())
            QSKIP("tshark is not installed: cannot compare with tshark -t");
        QProcess p;
        p.start("tshark", {"-r", file, "-t", option, "-T", "fields", "-e", "_ws.col.Time"});
        QVERIFY(p.waitForFinished(60000));
        const QStringList theirs = QString::fromUtf8(p.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        CaptureFile capture;
        std::string error;
        QVERIFY(capture.open(file.toStdString(), error));
        capture.indexAll();
        QCOMPARE(size_t(theirs.size()), capture.packetCount());
        const PacketIndex& idx = capture.index();
        for (size_t i = 0; i < capture.packetCount(); ++i) {
            const int digits = timeDigits(TimePrecision::Auto, capture.interfaces()[idx[i].iface].tsResol);
            const TimeFormat f = TimeFormat(format);
            std::string ours;
            if (f == TimeFormat::SinceStart)
                ours = formatRelativeTime(nsBetween(idx[i].tsNs, idx[0].tsNs), digits);
            else if (f == TimeFormat::SincePreviousCaptured)
                ours = formatRelativeTime(i ? nsBetween(idx[i].tsNs, idx[i - 1].tsNs) : 0, digits);
            else
                ours = formatAbsoluteTime(f, capture.exactTime(i), digits);
            QCOMPARE(QString::fromStdString(ours), theirs[qsizetype(i)]);
        }
    }

    void fixedPrecisionsTruncate()
    {
        const Timestamp t{1418145369, 924505488}; // 2014-12-09 17:16:09.924505488 UTC
        const char* expected[] = {"17:16:09", "17:16:09.9", "17:16:09.92", "17:16:09.924", "17:16:09.924505", "17:16:09.924505488"};
        const TimePrecision precisions[] = {TimePrecision::Seconds, TimePrecision::Deciseconds, TimePrecision::Centiseconds,
                                            TimePrecision::Milliseconds, TimePrecision::Microseconds, TimePrecision::Nanoseconds};
        for (int i = 0; i < 6; ++i)
            QCOMPARE(formatAbsoluteTime(TimeFormat::UtcTimeOfDay, t, timeDigits(precisions[i], 6)), std::string(expected[i]));
        QCOMPARE(formatRelativeTime(1999999999, 0), std::string("1"));
        QCOMPARE(formatRelativeTime(1999999999, 2), std::string("1.99"));
        QCOMPARE(formatRelativeTime(-1500000, 3), std::string("-0.001"));
        QCOMPARE(formatAbsoluteTime(TimeFormat::Epoch, t, 1), std::string("1418145369.9"));
    }

    void automaticFollowsTheResolution()
    {
        QCOMPARE(timeDigits(TimePrecision::Auto, 6), 6);
        QCOMPARE(timeDigits(TimePrecision::Auto, 9), 9);
        QCOMPARE(timeDigits(TimePrecision::Auto, 3), 3);
        QCOMPARE(timeDigits(TimePrecision::Auto, 0), 0);
        QCOMPARE(timeDigits(TimePrecision::Auto, 5), 6);  // 10 µs units: microseconds
        QCOMPARE(timeDigits(TimePrecision::Auto, 7), 9);
        QCOMPARE(timeDigits(TimePrecision::Auto, 0x80 | 20), 9); // 2^-20 s ≈ 1 µs: 6.02 digits
        QCOMPARE(timeDigits(TimePrecision::Auto, 0x80 | 10), 6); // 2^-10 s ≈ 1 ms: 3.01 digits
        QCOMPARE(timeDigits(TimePrecision::Milliseconds, 9), 3);
    }
};

QTEST_GUILESS_MAIN(TestTimeFormat)
#include "tst_timeformat.moc"
