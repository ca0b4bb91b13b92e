// core/stats against tshark: every conversation, endpoint and io,stat table of every capture
// (tests/data and the shared ones) printed by core/output/statstext must appear word for word
// in tshark's own output; the TCP rows' extra figures must be the ones tshark shows per frame.
#include "common/oracletsv.h"
#include "common/repeatedcapture.h"
#include "common/tsharkstats.h"

#include "analysis/analysedcapture.h"
#include "filter/displayfilter.h"
#include "output/statstext.h"
#include "stats/conversationtable.h"
#include "stats/expertinfo.h"
#include "stats/iostatistics.h"
#include "stats/protocolhierarchy.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <functional>
#include <map>

using namespace synflow;
using namespace synflow::test;

namespace {

QByteArray bytes(const std::string& s) { return QByteArray(s.data(), qsizetype(s.size())); }

constexpr ConversationType kTypes[] = {ConversationType::Ethernet, ConversationType::IPv4, ConversationType::IPv6,
                                       ConversationType::Tcp, ConversationType::Udp};

// The oracle TSV of a capture (shared, or our own), or empty.
QString oracleTsv(const QString& capturePath)
{
    const QFileInfo fi(capturePath);
    if (fi.absolutePath() == QDir(sharedCapturesDir()).absolutePath())
        return QDir(sharedCapturesDir()).filePath("oracle/" + fi.completeBaseName() + ".tsv");
    return QDir(QStringLiteral(SYNFLOW_TEST_DATA))
        .filePath("oracle/" + fi.completeBaseName() + (fi.suffix() == "pcapng" ? "-ng" : "") + ".tsv");
}

int64_t parseSecondsNs(const QString& s) { return std::llround(s.toDouble() * 1e9); }

QString rowLine(const ConversationRow& r)
{
    return QStringLiteral("%1 %2:%3 %4:%5 %6/%7 %8/%9 %10-%11 f%12 c%13 r%14 rtt%15/%16/%17/%18 irtt%19")
        .arg(r.stream)
        .arg(QString::fromStdString(formatStatsAddress(r.addrA)))
        .arg(r.portA)
        .arg(QString::fromStdString(formatStatsAddress(r.addrB)))
        .arg(r.portB)
        .arg(r.framesAtoB)
        .arg(r.bytesAtoB)
        .arg(r.framesBtoA)
        .arg(r.bytesBtoA)
        .arg(r.startNs)
        .arg(r.stopNs)
        .arg(r.firstFrame)
        .arg(int(r.completeness))
        .arg(r.retransmissions)
        .arg(r.rttSamples)
        .arg(r.rttMinNs)
        .arg(r.rttMaxNs)
        .arg(r.rttSumNs)
        .arg(r.hasInitialRtt ? r.initialRttNs : -1);
}

// The TCP rows `conv` puts together one at a time equal the table's, in tshark's order.
bool sameRowsOneAtATime(const AnalysedCapture& ac, const ConversationTables& tables, const std::vector<uint8_t>* shown,
                        QString& why, bool tcpDetails = true)
{
    ConversationOptions options;
    options.shown = shown;
    options.tcpDetails = tcpDetails;
    const TcpConversationRows lazy(ac, options);
    const std::vector<ConversationRow>& rows = tables.conv(ConversationType::Tcp);
    const std::vector<uint32_t> order = tsharkConversationOrder(rows);
    if (lazy.size() != order.size()) {
        why = QStringLiteral("%1 rows one at a time, %2 in the table").arg(lazy.size()).arg(order.size());
        return false;
    }
    for (size_t k = 0; k < order.size(); ++k) {
        const QString a = rowLine(rows[order[k]]), b = rowLine(lazy.row(k));
        if (a != b) {
            why = QStringLiteral("row %1:\n  table:         %2\n  one at a time: %3").arg(k).arg(a, b);
            return false;
        }
    }
    return true;
}

} // namespace

class TestStatsOracle : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (tsharkProgram().isEmpty())
            QSKIP("tshark is not on PATH (packaging/build-deps.txt installs it)");
        if (!QFileInfo::exists(sharedCapturesDir()))
            qWarning("shared captures not found at %s: only tests/data is compared", qPrintable(sharedCapturesDir()));
    }

    void tablesEqualTshark_data()
    {
        QTest::addColumn<QString>("capture");
        for (const auto& [name, path] : statsCaptures())
            QTest::newRow(qPrintable(name)) << path;
    }
    // Ten conv/endpoints tables, two limited to a filter, and three io,stat reports per capture
    // (the third of field functions: SUM, MIN, MAX, AVG, COUNT).
    void tablesEqualTshark()
    {
        QFETCH(QString, capture);
        AnalysedCapture ac;
        std::string error;
        QVERIFY2(ac.open(capture.toStdString(), error), error.c_str());
        ac.analyse();
        const ConversationTables tables = buildConversationTables(ac);
        QVERIFY(tables.complete);

        IoStatistics whole, perInterval, functions;
        QVERIFY(computeIoStatistics(ac, 0, 0, {}, whole, error));
        const QString intervalText = intervalFor(whole.durationUs);
        int64_t intervalUs = 0;
        uint32_t decimals = 0;
        QVERIFY(parseIoInterval(intervalText.toStdString(), intervalUs, decimals, error));
        QVERIFY2(computeIoStatistics(ac, intervalUs, decimals, {kIoFilters[0], kIoFilters[1], kIoFilters[2]}, perInterval, error),
                 error.c_str());
        std::vector<std::string> functionColumns(std::begin(kIoFunctions), std::end(kIoFunctions));
        QVERIFY2(computeIoStatistics(ac, intervalUs, decimals, functionColumns, functions, error), error.c_str());

        DisplayFilter limit;
        QVERIFY(limit.compile(kLimitFilter, error));
        const std::vector<uint8_t> shown = filterFrames(limit, ac);
        ConversationOptions limited;
        limited.shown = &shown;
        const ConversationTables filtered = buildConversationTables(ac, limited);
        QString why;
        QVERIFY2(sameRowsOneAtATime(ac, tables, nullptr, why), qPrintable(why));
        QVERIFY2(sameRowsOneAtATime(ac, filtered, &shown, why), qPrintable(why));

        // As `conv` and `endpoints` run: the frames marked plain in the first pass (rows then
        // counted without decoding them again), the tables counted while it decodes.
        {
            AnalysedCapture marked;
            QVERIFY2(marked.open(capture.toStdString(), error), error.c_str());
            ConversationOptions plain;
            plain.tcpDetails = false;
            ConversationCounter counter(plain);
            marked.analyse({AnalysedCapture::Depth::Tcp, {}}, [&](size_t i, PacketRecord& rec, const DecodedPacket& d) {
                markTcpTapPlain(rec, d);
                counter.add(uint32_t(i), rec, d, &marked.trackerSoFar(), marked.index());
            });
            const ConversationTables counted = counter.finish(marked);
            const ConversationTables again = buildConversationTables(marked, plain);
            for (ConversationType t : kTypes) {
                QCOMPARE(counted.conv(t).size(), again.conv(t).size());
                for (size_t k = 0; k < again.conv(t).size(); ++k)
                    QCOMPARE(rowLine(counted.conv(t)[k]), rowLine(again.conv(t)[k]));
                QCOMPARE(counted.ends(t).size(), again.ends(t).size());
                for (size_t k = 0; k < again.ends(t).size(); ++k) {
                    const EndpointRow &x = counted.ends(t)[k], &y = again.ends(t)[k];
                    QVERIFY(x.addr == y.addr && x.port == y.port && x.txFrames == y.txFrames && x.txBytes == y.txBytes &&
                            x.rxFrames == y.rxFrames && x.rxBytes == y.rxBytes);
                }
            }
            const std::vector<uint8_t> markedShown = filterFrames(limit, marked);
            ConversationOptions plainLimited = plain;
            plainLimited.shown = &markedShown;
            QVERIFY2(sameRowsOneAtATime(marked, again, nullptr, why, false), qPrintable(why));
            QVERIFY2(sameRowsOneAtATime(marked, buildConversationTables(marked, plainLimited), &markedShown, why, false),
                     qPrintable(why));
        }

        std::vector<std::string> ours;
        for (ConversationType t : kTypes) {
            ours.emplace_back();
            appendConversationTable(ours.back(), t, tables.conv(t));
            ours.emplace_back();
            appendEndpointTable(ours.back(), t, tables.ends(t));
        }
        ours.emplace_back();
        appendConversationTable(ours.back(), ConversationType::IPv4, filtered.conv(ConversationType::IPv4), kLimitFilter);
        ours.emplace_back();
        appendEndpointTable(ours.back(), ConversationType::Ethernet, filtered.ends(ConversationType::Ethernet), kLimitFilter);
        // tshark shows times before 1970 as unsigned (core/capture/TSHARK_DIFFERENCES.md), and
        // its io,stat durations follow: no io comparison there.
        bool before1970 = false;
        for (size_t i = 0; i < ac.index().size(); ++i)
            before1970 = before1970 || ac.index()[i].tsNs < 0 || (ac.index()[i].flags & RecordTimeWrapped);
        if (before1970) {
            qInfo("%s: a packet time before 1970, io,stat not compared", qPrintable(capture));
        } else {
            ours.emplace_back();
            appendIoStatTable(ours.back(), whole);
            ours.emplace_back();
            appendIoStatTable(ours.back(), perInterval);
            ours.emplace_back();
            appendIoStatTable(ours.back(), functions);
        }

        const QByteArray tshark = runTsharkStats(capture, standardTaps(intervalText, !before1970));
        QVERIFY2(!tshark.isEmpty(), "tshark printed nothing");
        for (const std::string& table : ours) {
            const QString why = missingTable(tshark, bytes(table));
            QVERIFY2(why.isEmpty(), qPrintable(why));
        }
    }

    void tcpFiguresEqualTsharkPerFrame_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("tsv");
        for (const auto& [name, path] : statsCaptures())
            if (QFileInfo::exists(oracleTsv(path)))
                QTest::newRow(qPrintable(name)) << path << oracleTsv(path);
    }
    // Retransmissions, ACK RTT min/max/average and the iRTT of each TCP row, from the oracle's
    // per-frame tcp.analysis columns; completeness as tshark's tcp.completeness.
    void tcpFiguresEqualTsharkPerFrame()
    {
        QFETCH(QString, capture);
        QFETCH(QString, tsv);
        TsvTable oracle;
        QVERIFY(readTsvFile(tsv, oracle));
        struct Expect {
            uint32_t retrans = 0, samples = 0;
            int64_t min = 0, max = 0, sum = 0, irtt = 0;
            int completeness = -1;
        };
        std::map<int64_t, Expect> expect;
        for (const auto& [frame, row] : oracle.rows) {
            const QString stream = oracle.cell(frame, "tcp.stream");
            if (stream.isEmpty() || stream.contains(','))
                continue; // not TCP, or a quoted inner header as well
            Expect& e = expect[stream.toLongLong()];
            if (!oracle.cell(frame, "tcp.analysis.retransmission").isEmpty())
                ++e.retrans;
            const QString rtt = oracle.cell(frame, "tcp.analysis.ack_rtt");
            if (!rtt.isEmpty()) {
                const int64_t ns = parseSecondsNs(rtt);
                e.min = e.samples ? std::min(e.min, ns) : ns;
                e.max = e.samples ? std::max(e.max, ns) : ns;
                e.sum += ns;
                ++e.samples;
            }
            const QString irtt = oracle.cell(frame, "tcp.analysis.initial_rtt");
            if (!irtt.isEmpty())
                e.irtt = parseSecondsNs(irtt);
            const QString comp = oracle.cell(frame, "tcp.completeness");
            if (!comp.isEmpty())
                e.completeness = comp.toInt();
        }
        AnalysedCapture ac;
        std::string error;
        QVERIFY(ac.open(capture.toStdString(), error));
        ac.analyse();
        ConversationOptions tcpOnly;
        tcpOnly.types = typeBit(ConversationType::Tcp);
        const auto rows = buildConversationTables(ac, tcpOnly).conv(ConversationType::Tcp);
        QCOMPARE(rows.size(), expect.size());
        for (const ConversationRow& r : rows) {
            const Expect& e = expect.at(r.stream);
            const QByteArray at = "stream " + QByteArray::number(qint64(r.stream));
            QVERIFY2(r.retransmissions == e.retrans, at.constData());
            QVERIFY2(r.rttSamples == e.samples, at.constData());
            if (e.samples) {
                QVERIFY2(std::llabs(r.rttMinNs - e.min) <= 1000 && std::llabs(r.rttMaxNs - e.max) <= 1000, at.constData());
                QVERIFY2(std::llabs(r.rttAverageNs() - e.sum / int64_t(e.samples)) <= 1000, at.constData());
            }
            QVERIFY2(r.hasInitialRtt == (e.irtt != 0), at.constData());
            QVERIFY2(std::llabs(r.initialRttNs - e.irtt) <= 1000, at.constData());
            if (e.completeness >= 0)
                QVERIFY2(r.completeness == e.completeness, at.constData());
        }
    }

    void intervals()
    {
        int64_t us = 0;
        uint32_t dec = 0;
        std::string error;
        QVERIFY(parseIoInterval("0.25", us, dec, error));
        QCOMPARE(us, int64_t(250000));
        QCOMPARE(dec, 2u);
        QVERIFY(parseIoInterval("2.5", us, dec, error));
        QCOMPARE(dec, 1u);
        QVERIFY(parseIoInterval("10", us, dec, error));
        QCOMPARE(us, int64_t(10000000));
        QCOMPARE(dec, 0u);
        QVERIFY(parseIoInterval("1.00", us, dec, error)); // decimals as written, when whole
        QCOMPARE(dec, 2u);
        QVERIFY(parseIoInterval("0", us, dec, error));
        QCOMPARE(us, int64_t(0));
        for (const char* bad : {"", "-1", "1e3", "0.0000001", "abc", "1.", ".", "1,5", " 1"})
            QVERIFY2(!parseIoInterval(bad, us, dec, error), bad);
    }

    // "FUNC(FIELD)FILTER" as tshark 4.0 reads it, and its refusals.
    void ioColumns()
    {
        IoColumnSpec spec;
        std::string error;
        QVERIFY(parseIoColumn("tcp.port == 80", spec, error));
        QVERIFY(spec.function == IoFunction::FramesAndBytes);
        QCOMPARE(spec.filter, std::string("tcp.port == 80"));
        QVERIFY(parseIoColumn("AVG(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt", spec, error));
        QVERIFY(spec.function == IoFunction::Avg);
        QCOMPARE(spec.field, std::string("tcp.analysis.ack_rtt"));
        QVERIFY(spec.fieldType == FieldType::RelTime);
        QCOMPARE(spec.filter, std::string("tcp.analysis.ack_rtt"));
        QVERIFY(parseIoColumn("SUM(frame.len)", spec, error));
        QVERIFY(spec.filter.empty() && spec.fieldType == FieldType::Uint);
        QVERIFY(parseIoColumn("COUNT(tcp.flags.syn)tcp", spec, error)); // COUNT takes any field
        QVERIFY(parseIoColumn("FRAMES()udp", spec, error));
        QVERIFY(spec.function == IoFunction::Frames && spec.filter == "udp");
        for (const char* bad : {"SUM(no.such.field)", "SUM()tcp", "MIN(tcp.flags.syn)", "AVG(ip.src)", "FRAMES(frame.len)",
                                "MAX(frame.len"})
            QVERIFY2(!parseIoColumn(bad, spec, error), bad);
    }

    // tshark's MIN starts each interval's cell at 0 and takes the first frame's value only when
    // that frame has the field; AVG divides whole; empty intervals print 0.
    void ioFunctionFigures()
    {
        IoColumn c;
        c.spec.function = IoFunction::Min;
        c.spec.fieldType = FieldType::Uint;
        c.count = {2, 3, 0};
        c.sum = {30, 60, 0};
        c.min = {10, 5, 0};
        c.max = {20, 40, 0};
        c.firstHas = {1, 0, 0};
        QCOMPARE(c.tsharkValue(0), int64_t(10));
        QCOMPARE(c.tsharkValue(1), int64_t(0));
        QCOMPARE(c.tsharkValue(2), int64_t(0));
        QCOMPARE(c.tsharkValue(9), int64_t(0));
        c.spec.function = IoFunction::Avg;
        QCOMPARE(c.tsharkValue(0), int64_t(15));
        QCOMPARE(c.tsharkValue(1), int64_t(20));
        c.spec.function = IoFunction::Max;
        QCOMPARE(c.tsharkValue(1), int64_t(40));
        c.spec.function = IoFunction::Count;
        QCOMPARE(c.tsharkValue(1), int64_t(3));
    }

    void sizes()
    {
        QCOMPARE(tsharkSizeText(9999), std::string("9999 bytes"));
        QCOMPARE(tsharkSizeText(10000), std::string("10 kB"));
        QCOMPARE(tsharkSizeText(9999999), std::string("9999 kB"));
        QCOMPARE(tsharkSizeText(10000000), std::string("10 MB"));
        QCOMPARE(tsharkSizeText(12345678901ull), std::string("12 GB"));
    }
    // A count tells whoever waits how far it got (for a window's progress bar), and stops when
    // asked: conversations, expert information, protocol hierarchy and I/O, each on its own.
    void countsReportProgressAndStop()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("repeated.pcap"));
        const QString source = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("loopback-http.pcap"));
        constexpr size_t kFrames = 40000; // several check-ins, and more than one core's share of phs
        QCOMPARE(writeRepeatedCapture(source, path, kFrames).size(), kFrames);
        AnalysedCapture ac;
        std::string error;
        QVERIFY2(ac.open(path.toStdString(), error), error.c_str());
        ac.analyse();
        QCOMPARE(ac.packetCount(), kFrames);

        using Count = std::function<bool(WorkControl*)>; // true: complete
        const std::vector<std::pair<const char*, Count>> counts = {
            {"conv", [&](WorkControl* c) { return buildConversationTables(ac, {}, c).complete; }},
            {"expert", [&](WorkControl* c) { return collectExpertInfo(ac, {}, c).complete; }},
            {"phs", [&](WorkControl* c) { return computeProtocolHierarchy(ac, nullptr, c).complete; }},
            {"io", [&](WorkControl* c) {
                 IoStatistics io;
                 std::string why;
                 return computeIoStatistics(ac, 1000000, 0, {}, io, why, {}, c) && io.complete;
             }},
        };
        for (const auto& [name, count] : counts) {
            WorkControl whole;
            QCOMPARE(whole.permille(), 0);
            QVERIFY2(count(&whole), name);
            // Every frame counted once, whatever the number of threads sharing them.
            QVERIFY2(whole.permille() == 1000, qPrintable(QStringLiteral("%1: %2 permille").arg(QLatin1String(name)).arg(whole.permille())));
            QCOMPARE(whole.done(), uint64_t(kFrames));
            WorkControl stopped;
            stopped.requestStop();
            QVERIFY2(!count(&stopped), name);
            QCOMPARE(stopped.permille(), 0); // stopped at its first check-in
        }
    }
};

QTEST_GUILESS_MAIN(TestStatsOracle)
#include "tst_statsoracle.moc"
