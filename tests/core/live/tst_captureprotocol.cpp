// The helper's command line and status lines: what LiveCapture writes, synflow-capture reads
// back unchanged, and malformed input is refused rather than half-read.
#include "live/captureprotocol.h"

#include <QtTest>

using namespace synflow;
namespace cp = synflow::captureprotocol;

class TestCaptureProtocol : public QObject {
    Q_OBJECT
private slots:
    void optionsSurviveTheCommandLine()
    {
        CaptureOptions o;
        o.interface = "eth0";
        o.filter = "-tcp port 80"; // a value that looks like an option stays a value
        o.output = "/tmp/x y.pcapng";
        o.snapLen = 96;
        o.promiscuous = false;
        o.bufferMiB = 32;
        o.stopAfterPackets = 12;
        o.stopAfterSeconds = 0.1;
        o.stopAfterBytes = 123457;
        CaptureOptions back;
        std::string error;
        QVERIFY2(cp::parseHelperArguments(cp::helperArguments(o), back, error), error.c_str());
        QCOMPARE(back.interface, o.interface);
        QCOMPARE(back.filter, o.filter);
        QCOMPARE(back.output, o.output);
        QCOMPARE(back.snapLen, 96);
        QCOMPARE(back.promiscuous, false);
        QCOMPARE(back.bufferMiB, 32);
        QCOMPARE(back.stopAfterPackets, uint64_t(12));
        QCOMPARE(back.stopAfterSeconds, 0.1);
        QCOMPARE(back.stopAfterBytes, uint64_t(123457));

        CaptureOptions defaults;
        defaults.interface = "lo";
        defaults.output = "-";
        QVERIFY(cp::parseHelperArguments(cp::helperArguments(defaults), back, error));
        QCOMPARE(back.promiscuous, true);
        QCOMPARE(back.filter, std::string());
        QCOMPARE(back.stopAfterSeconds, 0.0);
    }

    void dumpcapStyleFilesizeIsKilobytes()
    {
        CaptureOptions o;
        std::string error;
        QVERIFY(cp::parseHelperArguments({"-i", "lo", "-a", "filesize:5", "-w", "-"}, o, error));
        QCOMPARE(o.stopAfterBytes, uint64_t(5000));
    }

    void badCommandLinesAreRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no interface") << QStringList{"-w", "out"};
        QTest::newRow("no output") << QStringList{"-i", "lo"};
        QTest::newRow("missing value") << QStringList{"-i", "lo", "-w"};
        QTest::newRow("unknown option") << QStringList{"-i", "lo", "-x", "1", "-w", "o"};
        QTest::newRow("snaplen not a number") << QStringList{"-i", "lo", "-s", "12k", "-w", "o"};
        QTest::newRow("snaplen zero") << QStringList{"-i", "lo", "-s", "0", "-w", "o"};
        QTest::newRow("buffer too large") << QStringList{"-i", "lo", "-B", "4096", "-w", "o"};
        QTest::newRow("negative count") << QStringList{"-i", "lo", "-c", "-1", "-w", "o"};
        QTest::newRow("negative duration") << QStringList{"-i", "lo", "-a", "duration:-3", "-w", "o"};
        QTest::newRow("duration nan") << QStringList{"-i", "lo", "-a", "duration:nan", "-w", "o"};
        QTest::newRow("unknown stop") << QStringList{"-i", "lo", "-a", "files:3", "-w", "o"};
        QTest::newRow("filesize overflow") << QStringList{"-i", "lo", "-a", "filesize:18446744073709551615", "-w", "o"};
    }

    void badCommandLinesAreRefused()
    {
        QFETCH(QStringList, args);
        std::vector<std::string> a;
        for (const QString& s : args)
            a.push_back(s.toStdString());
        CaptureOptions o;
        std::string error;
        QVERIFY(!cp::parseHelperArguments(a, o, error));
        QVERIFY(!error.empty());
    }

    void statusLines()
    {
        const CaptureStats s{1, 2, 3, 4, 18446744073709551615ull};
        const std::string line = cp::statsLine(s);
        QVERIFY(line.ends_with('\n'));
        CaptureStats back;
        std::string message;
        QCOMPARE(cp::parseStatusLine(std::string_view(line).substr(0, line.size() - 1), back, message), cp::Status::Stats);
        QCOMPARE(back.packets, uint64_t(1));
        QCOMPARE(back.bytes, uint64_t(2));
        QCOMPARE(back.received, uint64_t(3));
        QCOMPARE(back.dropped, uint64_t(4));
        QCOMPARE(back.ifDropped, 18446744073709551615ull);

        const std::string error = cp::errorLine("no such\ninterface");
        QCOMPARE(std::count(error.begin(), error.end(), '\n'), 1);
        QCOMPARE(cp::parseStatusLine(std::string_view(error).substr(0, error.size() - 1), back, message), cp::Status::Error);
        QCOMPARE(message, std::string("no such interface"));

        for (const char* odd : {"stats 1 2 3 4", "stats 1 2 3 4 5 6", "stats 1 2 x 4 5", "stats", "Segmentation fault"}) {
            QCOMPARE(cp::parseStatusLine(odd, back, message), cp::Status::Other);
            QCOMPARE(message, std::string(odd));
        }
    }
};

QTEST_GUILESS_MAIN(TestCaptureProtocol)
#include "tst_captureprotocol.moc"
