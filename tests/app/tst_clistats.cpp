// synflow-cli conv / endpoints / io against tshark run on every capture (tests/data and the
// shared ones): each printed table equal line for line; and the strict argument rules.
#include "common/craftedcapture.h"
#include "common/tsharkstats.h"

#include "analysis/analysedcapture.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
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

// The duration our io report prints for the whole capture, in microseconds ("| Interval: S.FFF").
int64_t wholeCaptureUs(const QByteArray& report)
{
    const qsizetype at = report.indexOf("| Interval: ");
    const QByteArray text = report.mid(at + 12, report.indexOf(" secs", at) - at - 12).trimmed();
    return int64_t(text.toDouble() * 1e6);
}

} // namespace

class TestCliStats : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (tsharkProgram().isEmpty())
            QSKIP("tshark is not on PATH (packaging/build-deps.txt installs it)");
    }

    // The core suite (tst_statsoracle) compares every table of every capture; here the commands'
    // wiring is checked on every third capture (a tshark start-up each) and the damaged one:
    // conv and endpoints of one type (the types in turn), a filtered table, and the io reports.
    void equalsTshark_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("type");
        const char* const types[] = {"eth", "ip", "ipv6", "tcp", "udp"};
        int k = 0, kept = 0;
        for (const auto& [name, path] : statsCaptures())
            if (k++ % 3 == 0 || name == QLatin1String("gp-le-test901.pcapng"))
                QTest::newRow(qPrintable(name)) << path << QString(types[kept++ % 5]);
    }
    void equalsTshark()
    {
        QFETCH(QString, capture);
        QFETCH(QString, type);
        std::vector<Run> runs;
        runs.push_back(cli({"conv", capture, "--type", type}));
        runs.push_back(cli({"endpoints", capture, "--type=" + type}));
        runs.push_back(cli({"conv", capture, "--type", "ip", "-Y", kLimitFilter}));
        QStringList taps{"conv," + type, "endpoints," + type, QStringLiteral("conv,ip,%1").arg(kLimitFilter)};
        // tshark shows times before 1970 as unsigned (core/capture/TSHARK_DIFFERENCES.md): a
        // capture with such a packet has its io reports left out.
        synflow::AnalysedCapture ac;
        std::string error;
        QVERIFY(ac.open(capture.toStdString(), error));
        ac.analyse(synflow::AnalysedCapture::Depth::Index);
        bool before1970 = false;
        for (size_t i = 0; i < ac.index().size(); ++i)
            before1970 = before1970 || ac.index()[i].tsNs < 0 || (ac.index()[i].flags & synflow::RecordTimeWrapped);
        if (!before1970) {
            const Run whole = cli({"io", capture, "-i", "0"});
            const QString interval = intervalFor(wholeCaptureUs(whole.out));
            runs.push_back(whole);
            runs.push_back(cli({"io", capture, "-i", interval, "-Y", kIoFilters[0], "-Y", kIoFilters[1], "-Y", kIoFilters[2]}));
            QStringList functionArgs{"io", capture, "-i", interval};
            for (const QString& f : ioFunctionColumns())
                functionArgs << "-Y" << f;
            runs.push_back(cli(functionArgs));
            taps << "io,stat,0" << QStringLiteral("io,stat,%1,%2,%3,%4").arg(interval, kIoFilters[0], kIoFilters[1], kIoFilters[2])
                 << QStringLiteral("io,stat,%1,%2").arg(interval, ioFunctionColumns().join(QLatin1Char(',')));
        }
        const QByteArray tshark = runTsharkStats(capture, taps);
        QVERIFY2(!tshark.isEmpty(), "tshark printed nothing");
        const int code = runs.front().code;
        for (const Run& r : runs) {
            QCOMPARE(r.code, code); // 0, or 2 for a damaged capture (tables printed first)
            QVERIFY2(r.err.isEmpty() == (code == 0), r.err.constData());
            const QString why = missingTable(tshark, r.out);
            QVERIFY2(why.isEmpty(), qPrintable(why));
        }
    }

    // synflow-cli phs prints tshark's -z io,phs report byte for byte, with and without -Y, with
    // TCP reassembly (tshark's default) and with --no-desegment (tcp.desegment_tcp_streams:FALSE);
    // the core suite tst_phsoracle compares every capture.
    void phsEqualsTshark_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("desegment");
        const QString http = QStringLiteral(SYNFLOW_TEST_DATA "/loopback-http.pcapng");
        QTest::newRow("http") << http << QString() << true;
        QTest::newRow("http --no-desegment") << http << QString() << false;
        // (-Y http with reassembly on: our display filter still picks the frames as without it,
        // core/stats/TSHARK_DIFFERENCES.md.)
        QTest::newRow("http, -Y http --no-desegment") << http << QStringLiteral("http") << false;
        QTest::newRow("http, -Y tcp") << http << QStringLiteral("tcp") << true;
        QTest::newRow("ipv6") << QStringLiteral(SYNFLOW_TEST_DATA "/lo-ipv6.pcapng") << QString() << true;
        QTest::newRow("retry, -Y syn") << QStringLiteral(SYNFLOW_TEST_DATA "/lo-retry.pcapng") << QStringLiteral("tcp.flags.syn == 1")
                                       << true;
    }
    void phsEqualsTshark()
    {
        QFETCH(QString, file);
        QFETCH(QString, filter);
        QFETCH(bool, desegment);
        QStringList args{"phs", file};
        if (!filter.isEmpty())
            args << "-Y" << filter;
        if (!desegment)
            args << "--no-desegment";
        const Run r = cli(args);
        QCOMPARE(r.code, 0);
        const QString tap = filter.isEmpty() ? QStringLiteral("io,phs") : "io,phs," + filter;
        const QByteArray tshark = runTsharkStats(file, {tap}, desegment);
        QVERIFY(r.out.contains("Protocol Hierarchy Statistics\nFilter: " + filter.toUtf8() + "\n\n"));
        QCOMPARE(QString::fromUtf8(r.out), QString::fromUtf8(tshark));
    }

    // synflow-cli capinfos against capinfos: every line we print is capinfos's own line, in its
    // order (we leave out the RIPEMD160 digest, which Qt does not compute, and a multi-section
    // file's later sections), and the figures are all there.
    void capinfosLinesAreCapinfos_data()
    {
        QTest::addColumn<QString>("capture");
        for (const auto& [name, path] : statsCaptures())
            QTest::newRow(qPrintable(name)) << path;
    }
    void capinfosLinesAreCapinfos()
    {
        const QString capinfos = QStandardPaths::findExecutable(QStringLiteral("capinfos"));
        if (capinfos.isEmpty())
            QSKIP("capinfos is not on PATH (the tshark package of packaging/build-deps.txt brings it)");
        QFETCH(QString, capture);
        QProcess p;
        p.setEnvironment(QProcess::systemEnvironment() << QStringLiteral("TZ=UTC")); // we print UTC
        p.start(capinfos, {capture});
        QVERIFY(p.waitForFinished(60000));
        const QList<QByteArray> theirs = p.readAllStandardOutput().split('\n');
        const Run r = cli({"capinfos", capture});
        if (p.exitCode() != 0) { // capinfos stops at damage without its report; we report it too
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains("damaged at byte"), r.err.constData());
            return;
        }
        QVERIFY2(r.code == 0, r.err.constData());
        const QList<QByteArray> mine = r.out.split('\n');
        qsizetype at = 0;
        QByteArray stray;
        for (const QByteArray& line : mine) {
            if (line.isEmpty())
                continue;
            while (at < theirs.size() && theirs[at] != line)
                ++at;
            if (at >= theirs.size()) {
                stray = line;
                break;
            }
            ++at;
        }
        // Files whose report differs, each with the reason: they must still differ.
        QFile known(QStringLiteral(CAPINFOS_DIFFERENCES));
        QVERIFY(known.open(QIODevice::ReadOnly));
        const QByteArray name = QFileInfo(capture).fileName().toUtf8();
        if (known.readAll().contains("\n" + name + "\t")) {
            QVERIFY2(!stray.isEmpty(), name + " agrees with capinfos now: take it out of capinfos-differences.tsv");
            return;
        }
        QVERIFY2(stray.isEmpty(), qPrintable("not capinfos's (or out of its order): " + QString::fromUtf8(stray)));
        for (const char* label : {"File type:", "File encapsulation:", "Number of packets:", "File size:", "Data size:",
                                  "Capture duration:", "First packet time:", "Last packet time:", "Data byte rate:",
                                  "Data bit rate:", "Average packet size:", "Average packet rate:", "Strict time order:",
                                  "Number of interfaces in file:", "SHA256:", "SHA1:", "Capture hardware:", "Capture oper-sys:",
                                  "Capture application:", "Capture comment:"})
            QVERIFY2(r.out.contains(QByteArray("\n") + label) || !theirs.join('\n').contains(label), label);
        for (const char* label : {"Time resolution =", "Filter string =", "Operating system =", "Number of stat entries ="})
            QVERIFY2(r.out.contains(QByteArray(21, ' ') + label) || !theirs.join('\n').contains(label), label);
    }

    void convKeepsTcpByDefault()
    {
        const QString file = QStringLiteral(SYNFLOW_TEST_DATA "/lo-fastretx.pcapng");
        const Run plain = cli({"conv", file});
        QCOMPARE(plain.code, 0);
        QVERIFY(plain.out.contains("TCP Conversations\n"));
        QCOMPARE(plain.out, cli({"conv", file, "--type", "tcp"}).out);
        const Run tsv = cli({"conv", file, "--type", "udp", "--format", "tsv"});
        QCOMPARE(tsv.code, 0);
        QVERIFY(tsv.out.startsWith("address_a\tport_a\taddress_b\tport_b\tframes_b_to_a"));
        const Run json = cli({"conv", file, "--type", "ip", "--format", "json"});
        QVERIFY2(json.out.startsWith("[\n  {\"a\": {\"address\": \"127.0.0.1\"}, \"b\": {\"address\": \"127.0.0.1\"}, \"frames_a_to_b\": "),
                 json.out.constData());
    }

    void usageErrorsExit2_data()
    {
        QTest::addColumn<QStringList>("args");
        const QString f = QStringLiteral(SYNFLOW_TEST_DATA "/lo-fastretx.pcapng");
        QTest::newRow("conv bad type") << QStringList{"conv", f, "--type", "sctp"};
        QTest::newRow("conv type without value") << QStringList{"conv", f, "--type"};
        QTest::newRow("conv empty type=") << QStringList{"conv", f, "--type="};
        QTest::newRow("conv bad filter") << QStringList{"conv", f, "-Y", "tcp.port =="};
        QTest::newRow("endpoints no file") << QStringList{"endpoints", "--type", "ip"};
        QTest::newRow("endpoints two files") << QStringList{"endpoints", f, f};
        QTest::newRow("endpoints unknown option") << QStringList{"endpoints", f, "--format", "json"};
        QTest::newRow("io no interval") << QStringList{"io", f};
        QTest::newRow("io interval twice") << QStringList{"io", f, "-i", "1", "-i", "2"};
        QTest::newRow("io interval not a number") << QStringList{"io", f, "-i", "1x"};
        QTest::newRow("io negative interval") << QStringList{"io", f, "-i", "-1"};
        QTest::newRow("io below a microsecond") << QStringList{"io", f, "-i", "0.0000001"};
        QTest::newRow("io bad filter") << QStringList{"io", f, "-i", "1", "-Y", "(tcp"};
        QTest::newRow("io filter without text") << QStringList{"io", f, "-i", "1", "-Y"};
        QTest::newRow("phs no file") << QStringList{"phs"};
        QTest::newRow("capinfos no file") << QStringList{"capinfos"};
        QTest::newRow("capinfos two files") << QStringList{"capinfos", f, f};
        QTest::newRow("phs two files") << QStringList{"phs", f, f};
        QTest::newRow("phs bad filter") << QStringList{"phs", f, "-Y", "tcp.port =="};
        QTest::newRow("phs filter twice") << QStringList{"phs", f, "-Y", "tcp", "-Y", "udp"};
    }
    void usageErrorsExit2()
    {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.startsWith("synflow-cli: ") && r.err.count('\n') == 1, r.err.constData());
    }

    // A clock that jumps 20 years: a row per second would not fit in memory (tshark aborts).
    void ioRefusesMoreIntervalsThanFit()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("years.pcap"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const double start = 1.0e9, later = start + 20 * 365.25 * 86400;
        f.write(synflow::test::pcap({{start, synflow::test::tcpFrame(1, 2, 1000, 80, 1, 0, 0x02)},
                                     {later, synflow::test::tcpFrame(2, 1, 80, 1000, 1, 2, 0x12)}}));
        f.close();
        const Run perSecond = cli({"io", file, "-i", "1"});
        QCOMPARE(perSecond.code, 2);
        QVERIFY(perSecond.out.isEmpty());
        QVERIFY2(perSecond.err.contains("the capture spans 631152000 s: 631152001 intervals") && perSecond.err.contains("longer interval"),
                 perSecond.err.constData());
        const Run whole = cli({"io", file, "-i", "0"});
        QCOMPARE(whole.code, 0);
        QVERIFY2(whole.out.contains("|      2 |"), whole.out.constData());
    }

    void unreadableFileExits1()
    {
        QTemporaryDir dir;
        for (const QStringList& args : {QStringList{"conv", dir.path(), "--type", "udp"}, QStringList{"endpoints", dir.path()},
                                        QStringList{"io", dir.path(), "-i", "1"}, QStringList{"phs", dir.path()}, QStringList{"capinfos", dir.path()}}) {
            const Run r = cli(args);
            QCOMPARE(r.code, 1);
            QVERIFY(r.out.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliStats)
#include "tst_clistats.moc"
