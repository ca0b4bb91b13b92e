// The packet list as Wireshark shows it by default (TCP reassembly on): `synflow-cli fields`
// against every NAME.view.tsv of the main and breadth sets: Protocol and Info on every row,
// exactly. The frames listed in view-known-differences.tsv may differ, with their reason; a listed frame that starts to agree
// fails too, so the list only shrinks.
#include "analysis/analysedcapture.h"
#include "common/oracletsv.h"
#include "proto/pdubytes.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtTest>

#include <map>
#include <set>

using namespace synflow::test;

namespace {

// capture -> frames that differ for the reason the file gives.
std::map<QString, std::set<qint64>> knownDifferences()
{
    std::map<QString, std::set<qint64>> out;
    QFile f(QStringLiteral(SYNFLOW_VIEW_KNOWN));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", SYNFLOW_VIEW_KNOWN);
    for (const QByteArray& raw : f.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QStringList cells = line.split('\t');
        if (cells.size() < 3 || cells[2].trimmed().isEmpty())
            qFatal("view-known-differences.tsv: every line is capture<TAB>frames<TAB>reason: %s", qPrintable(line));
        for (const QString& range : cells[1].split(',')) {
            const QStringList ends = range.trimmed().split('-');
            const qint64 first = ends.first().toLongLong(), last = ends.last().toLongLong();
            if (first <= 0 || last < first)
                qFatal("view-known-differences.tsv: bad frame range %s", qPrintable(range));
            for (qint64 n = first; n <= last; ++n)
                out[cells[0]].insert(n);
        }
    }
    return out;
}

struct Capture {
    QString path, view;
};

// Every capture with a view oracle, by base name, in the main and breadth sets.
std::map<QString, Capture> viewCaptures()
{
    std::map<QString, Capture> out;
    for (const QString& dirPath : {sharedCapturesDir(), QDir(sharedCapturesDir()).filePath("breadth")}) {
        const QDir dir(dirPath);
        for (const QString& name : dir.entryList({"*.pcap", "*.pcapng", "*.cap"}, QDir::Files, QDir::Name)) {
            const QString base = QFileInfo(name).completeBaseName();
            const QString view = dir.filePath("oracle/" + base + ".view.tsv");
            if (QFileInfo::exists(view))
                out[base] = {dir.filePath(name), view};
        }
    }
    return out;
}

} // namespace

class TestViewOracle : public QObject {
    Q_OBJECT
private slots:
    void defaultView_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("view");
        const auto captures = viewCaptures();
        if (captures.empty())
            QSKIP(qPrintable("no NAME.view.tsv oracles under " + sharedCapturesDir() + "/oracle: skipping the default-view check"));
        for (const auto& [name, c] : captures)
            QTest::newRow(qPrintable(name)) << c.path << c.view;
    }
    void defaultView()
    {
        QFETCH(QString, capture);
        QFETCH(QString, view);
        static const auto known = knownDifferences();
        TsvTable oracle, ours;
        QVERIFY2(readTsvFile(view, oracle), qPrintable(view));
        QString error;
        QVERIFY2(runFields(capture, ours, error, true), qPrintable(error));
        QCOMPARE(ours.rows.size(), oracle.rows.size());

        std::set<qint64> differing;
        QStringList report;
        for (const auto& [frame, row] : oracle.rows) {
            const QString protocol = oracle.cell(frame, "_ws.col.Protocol"), info = oracle.cell(frame, "_ws.col.Info");
            const QString ourProtocol = ours.cell(frame, "_ws.col.Protocol"), ourInfo = ours.cell(frame, "_ws.col.Info");
            if (ourProtocol != protocol || ourInfo != info) {
                differing.insert(frame);
                if (report.size() < 5)
                    report << QStringLiteral("frame %1: tshark %2 '%3', ours %4 '%5'").arg(frame).arg(protocol, info.left(120), ourProtocol, ourInfo.left(120));
            }
        }
        const QString name = QFileInfo(capture).completeBaseName();
        const auto it = known.find(name);
        const std::set<qint64> listed = it == known.end() ? std::set<qint64>{} : it->second;
        QStringList unlisted, agreeing;
        for (qint64 f : differing)
            if (!listed.count(f))
                unlisted << QString::number(f);
        for (qint64 f : listed)
            if (!differing.count(f))
                agreeing << QString::number(f);
        QVERIFY2(unlisted.isEmpty(), qPrintable(QStringLiteral("frames %1 differ from tshark's default view (not known differences):\n  %2")
                                                    .arg(unlisted.join(','), report.join("\n  "))));
        QVERIFY2(agreeing.isEmpty(), qPrintable(QStringLiteral("frames %1 now agree: remove them from view-known-differences.tsv").arg(agreeing.join(','))));
    }

    // The reassembly's messages for decoders: which frames end one, and its bytes read again.
    void reassembledMessages()
    {
        const QString path = QDir(sharedCapturesDir()).filePath(QStringLiteral("local-clean.pcapng"));
        if (!QFileInfo::exists(path))
            QSKIP(qPrintable(QStringLiteral("shared capture not found: ") + path));
        synflow::AnalysedCapture capture;
        std::string error;
        QVERIFY2(capture.open(path.toStdString(), error), error.c_str());
        capture.analyse();
        const synflow::PduReassembly& r = capture.protocols()->view().reassembly();
        // An HTTP/1.0 response from frame 6 that only the FIN (frame 12) ends.
        const auto ending = r.pdusEndingAt(11);
        QCOMPARE(ending.size(), size_t(1));
        QCOMPARE(ending[0]->firstFrame, 5u);
        QVERIFY(r.pdusEndingAt(10).empty());
        const std::vector<uint8_t> bytes = synflow::pduBytes(capture.file(), *capture.tracker(), *ending[0]);
        QCOMPARE(bytes.size(), size_t(ending[0]->endSeq - ending[0]->startSeq));
        const QByteArray text(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
        QVERIFY2(text.startsWith("HTTP/1.0 200 OK\r\n"), text.left(40).constData());
        // The segments it was made of, as tshark's tcp.reassembled_in says.
        for (uint32_t f = 5; f < 11; ++f) {
            const synflow::DecodedPacket d = capture.file().decode(f);
            const synflow::TcpPacketAnalysis a = capture.tcpAnalysis(f, d);
            if (d.tcpPayloadLen)
                QVERIFY(r.pduAt(a.stream, synflow::tcpDirectionBit(d), a.seq) == ending[0]);
        }
    }

    // The list names only captures that exist, so a renamed capture cannot hide a difference.
    void knownDifferencesNameRealCaptures()
    {
        const auto captures = viewCaptures();
        if (captures.empty())
            QSKIP(qPrintable("no NAME.view.tsv oracles under " + sharedCapturesDir() + "/oracle"));
        for (const auto& [name, frames] : knownDifferences())
            QVERIFY2(captures.count(name), qPrintable(name));
    }
};

QTEST_GUILESS_MAIN(TestViewOracle)
#include "tst_vieworacle.moc"
