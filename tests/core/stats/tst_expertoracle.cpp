// core/stats/expertinfo against tshark's -z expert on every capture (tests/data and the shared
// ones): the items of the protocols we raise (TCP, pcapng comments as "Frame", Ethernet padding as "Ethertype") must be
// tshark's, entry for entry, count for count, in tshark's order, and nothing else may appear.
// Items of protocols we do not decode are left out of tshark's report before comparing; how
// many reports are equal whole is printed at the end.
#include "common/oracletsv.h"
#include "common/tsharkstats.h"

#include "analysis/analysedcapture.h"
#include "filter/displayfilter.h"
#include "output/experttext.h"
#include "stats/expertinfo.h"

#include <QtTest>

#include <algorithm>
#include <map>

using namespace synflow;
using namespace synflow::test;

namespace {

// The protocols whose expert items we raise (core/stats/TSHARK_DIFFERENCES.md).
bool covered(const QByteArray& protocol) { return protocol == "TCP" || protocol == "Frame" || protocol == "Ethertype"; }

// tshark's report with only the covered protocols' entries, its totals summed again.
QByteArray coveredPart(const QByteArray& report, int& droppedEntries)
{
    struct Section {
        QByteArray title;
        uint64_t total = 0;
        QList<QByteArray> rows;
    };
    QList<Section> sections;
    for (const QByteArray& line : report.split('\n')) {
        if (line.isEmpty() || line.startsWith("====") || line.startsWith("   Frequency"))
            continue;
        if (!line.startsWith(' ')) { // "Warns (12)"
            sections.append({line.left(line.indexOf(" (")), 0, {}});
            continue;
        }
        if (sections.isEmpty())
            continue;
        // "%12d %10s %18s  %s": the protocol ends at column 42.
        const QByteArray protocol = line.mid(24, 18).trimmed();
        if (!covered(protocol)) {
            ++droppedEntries;
            continue;
        }
        sections.last().total += line.left(12).trimmed().toULongLong();
        sections.last().rows.append(line);
    }
    QByteArray out;
    for (const Section& s : sections) {
        if (s.rows.isEmpty())
            continue;
        out += "\n" + s.title + " (" + QByteArray::number(qulonglong(s.total)) + ")\n";
        out += "=============\n   Frequency      Group           Protocol  Summary\n";
        for (const QByteArray& r : s.rows)
            out += r + "\n";
    }
    return out;
}

int g_captures = 0, g_whole = 0, g_entriesLeftOut = 0, g_reassemblyErrors = 0;

} // namespace

class TestExpertOracle : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (tsharkProgram().isEmpty())
            QSKIP("tshark is not on PATH (packaging/build-deps.txt installs it)");
    }

    void equalsTshark_data()
    {
        QTest::addColumn<QString>("capture");
        for (const auto& [name, path] : statsCaptures())
            QTest::newRow(qPrintable(name)) << path;
    }
    void equalsTshark()
    {
        QFETCH(QString, capture);
        AnalysedCapture ac;
        std::string error;
        QVERIFY2(ac.open(capture.toStdString(), error), error.c_str());
        ac.analyse();
        const ExpertInfo info = collectExpertInfo(ac);
        QVERIFY(info.complete);
        std::string ours;
        appendExpertReport(ours, info);
        const QByteArray tshark = runTsharkStats(capture, {QStringLiteral("expert")});
        int dropped = 0;
        const QByteArray expected = coveredPart(tshark, dropped);
        QCOMPARE(QString::fromUtf8(ours.data(), qsizetype(ours.size())), QString::fromUtf8(expected));
        // As `expert` runs: frames the first pass marked quiet are not decoded again; the same report.
        AnalysedCapture marked;
        QVERIFY2(marked.open(capture.toStdString(), error), error.c_str());
        marked.analyse({AnalysedCapture::Depth::Tcp, {}}, [](size_t, PacketRecord& rec, const DecodedPacket& d) { markExpertQuiet(rec, d); });
        std::string again;
        appendExpertReport(again, collectExpertInfo(marked));
        QCOMPARE(QString::fromStdString(again), QString::fromStdString(ours));
        ++g_captures;
        g_whole += dropped == 0;
        g_entriesLeftOut += dropped;
    }

    // TCP reassembly on, tshark's default (what synflow-cli expert and the window count): the
    // same comparison, with tshark's reassembly errors ("New fragment overlaps old data", "New
    // fragment past old data limits").
    void desegmentedEqualsTshark_data() { equalsTshark_data(); }
    void desegmentedEqualsTshark()
    {
        QFETCH(QString, capture);
        AnalysedCapture ac;
        std::string error;
        QVERIFY2(ac.open(capture.toStdString(), error), error.c_str());
        ac.analyse();
        ExpertOptions options;
        options.desegment = true;
        const ExpertInfo info = collectExpertInfo(ac, options);
        QVERIFY(info.complete);
        const QByteArray tshark = runTsharkStats(capture, {QStringLiteral("expert")}, true);
        std::string ours;
        appendExpertReport(ours, info);
        int dropped = 0;
        const QByteArray expected = coveredPart(tshark, dropped);
        QCOMPARE(QString::fromUtf8(ours.data(), qsizetype(ours.size())), QString::fromUtf8(expected));
        g_reassemblyErrors += int(info.total(ExpertSeverity::Error));
    }

    // Without the protocols (a TCP-only analysis) there is nothing to reassemble: no error.
    void desegmentNeedsProtocols()
    {
        const QString capture = sharedCapturesDir() + QStringLiteral("/zk-206_example_b.pcap");
        if (!QFileInfo::exists(capture))
            QSKIP("the shared captures are not here");
        AnalysedCapture full, tcpOnly;
        std::string error;
        QVERIFY(full.open(capture.toStdString(), error) && tcpOnly.open(capture.toStdString(), error));
        full.analyse();
        tcpOnly.analyse(AnalysedCapture::Depth::Tcp);
        ExpertOptions options;
        options.desegment = true;
        QCOMPARE(collectExpertInfo(full, options).total(ExpertSeverity::Error), uint64_t(52)); // tshark's count
        QCOMPARE(collectExpertInfo(tcpOnly, options).total(ExpertSeverity::Error), uint64_t(0));
        QCOMPARE(collectExpertInfo(full).total(ExpertSeverity::Error), uint64_t(0)); // desegment off
    }

    // The level and the filter of -z expert,LEVEL,FILTER: the same entries, fewer of them.
    void levelAndFilter_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("level");
        QTest::addColumn<QString>("filter");
        for (const auto& [name, path] : statsCaptures()) {
            if (name == "lo-lossy.pcapng")
                QTest::newRow("lo-lossy note") << path << "note" << "tcp.dstport == 49387";
            if (name == "lo-zerowindow.pcapng")
                QTest::newRow("lo-zerowindow warn") << path << "warn" << "";
        }
    }
    void levelAndFilter()
    {
        QFETCH(QString, capture);
        QFETCH(QString, level);
        QFETCH(QString, filter);
        AnalysedCapture ac;
        std::string error;
        QVERIFY(ac.open(capture.toStdString(), error));
        ac.analyse();
        DisplayFilter df;
        QVERIFY2(df.compile(filter.toStdString(), error), error.c_str());
        const std::vector<uint8_t> shown = filterFrames(df, ac);
        ExpertOptions options;
        QVERIFY(parseExpertSeverity(level.toStdString(), options.lowest));
        if (!filter.isEmpty())
            options.shown = &shown;
        const ExpertInfo info = collectExpertInfo(ac, options);
        QVERIFY(!info.entries.empty());
        std::string ours;
        appendExpertReport(ours, info);
        const QString tap = filter.isEmpty() ? "expert," + level : "expert," + level + "," + filter;
        QCOMPARE(QString::fromStdString(ours), QString::fromUtf8(runTsharkStats(capture, {tap})));
    }

    void words()
    {
        ExpertSeverity s = ExpertSeverity::Chat;
        QVERIFY(parseExpertSeverity("error", s) && s == ExpertSeverity::Error);
        QVERIFY(parseExpertSeverity("warn", s) && s == ExpertSeverity::Warning);
        QVERIFY(parseExpertSeverity("comment", s) && s == ExpertSeverity::Comment);
        QVERIFY(!parseExpertSeverity("warning", s));
        QVERIFY(!parseExpertSeverity("", s));
        QCOMPARE(expertSeverityTitle(ExpertSeverity::Note), "Notes");
    }

    void cleanupTestCase()
    {
        if (g_captures)
            qInfo("expert: %d of %d captures equal tshark's whole -z expert report; %d entries of other "
                  "protocols left out; %d reassembly errors with desegmentation", g_whole, g_captures, g_entriesLeftOut,
                  g_reassemblyErrors);
    }
};

QTEST_GUILESS_MAIN(TestExpertOracle)
#include "tst_expertoracle.moc"
