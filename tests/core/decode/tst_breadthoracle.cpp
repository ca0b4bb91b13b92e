// Every breadth capture (../shared/captures/breadth: encapsulations, link types, IP and TCP
// options, application protocols) against its tshark oracle, every column: each must agree
// 100%, except the columns breadth-known-differences.tsv lists for it, with the reason (see
// core/decode/TSHARK_DIFFERENCES.md). A listed column that starts to agree fails too, so the
// list only shrinks. Info is compared on TCP rows (as oracle-diff does) and on the rows whose
// Info we write too (ICMP, ICMPv6, ARP, CDP, DHCP, NTP, RIP, TFTP).
#include "common/oracletsv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtTest>

#include <map>
#include <set>

using namespace synflow::test;

namespace {

QString breadthDir() { return QDir(sharedCapturesDir()).filePath("breadth"); }

// capture -> the columns that differ on purpose (or for a reason the file gives).
std::map<QString, std::set<QString>> knownDifferences()
{
    std::map<QString, std::set<QString>> out;
    QFile f(QStringLiteral(SYNFLOW_BREADTH_KNOWN));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", SYNFLOW_BREADTH_KNOWN);
    for (const QByteArray& raw : f.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QStringList cells = line.split('\t');
        if (cells.size() < 3 || cells[2].trimmed().isEmpty())
            qFatal("breadth-known-differences.tsv: every line is capture<TAB>columns<TAB>reason: %s", qPrintable(line));
        for (const QString& c : cells[1].split(','))
            out[cells[0]].insert(c.trimmed());
    }
    return out;
}

} // namespace

class TestBreadthOracle : public QObject {
    Q_OBJECT
private slots:
    void everyColumn_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("oracle");
        const QDir dir(breadthDir());
        const QStringList caps = dir.entryList({"*.pcap", "*.pcapng", "*.cap"}, QDir::Files, QDir::Name);
        if (caps.isEmpty())
            QSKIP(qPrintable("no breadth captures at " + breadthDir() + ": skipping the breadth oracle check"));
        for (const QString& name : caps) {
            const QString tsv = dir.filePath("oracle/" + QFileInfo(name).completeBaseName() + ".tsv");
            if (QFileInfo::exists(tsv))
                QTest::newRow(qPrintable(QFileInfo(name).completeBaseName())) << dir.filePath(name) << tsv;
        }
    }
    void everyColumn()
    {
        QFETCH(QString, capture);
        QFETCH(QString, oracle);
        static const auto known = knownDifferences();
        TsvTable oracleTable, ours;
        QVERIFY2(readTsvFile(oracle, oracleTable), qPrintable(oracle));
        QString error;
        QVERIFY2(runFields(capture, ours, error), qPrintable(error));
        QCOMPARE(ours.rows.size(), oracleTable.rows.size());

        std::set<QString> differing;
        QStringList report;
        for (const ColumnAgreement& a : compareWithOracle(oracleTable, ours, {}, 3))
            if (a.column != "frame.number" && a.agree != a.compared) {
                differing.insert(a.column);
                report << QStringLiteral("%1: %2 of %3 agree; %4").arg(a.column).arg(a.agree).arg(a.compared).arg(a.examples.join("; "));
            }
        // The Info we write beside TCP's (ICMP, ARP, CDP, DHCP ...), exactly.
        if (const ColumnAgreement a = compareSummarizedInfo(oracleTable, ours, 3); a.agree != a.compared) {
            differing.insert(a.column);
            report << QStringLiteral("Info of ICMP/ARP/CDP/DHCP/... rows: %1 of %2 agree; %3").arg(a.agree).arg(a.compared).arg(a.examples.join("; "));
        }
        const QString name = QFileInfo(capture).completeBaseName();
        const auto it = known.find(name);
        const std::set<QString> listed = it == known.end() ? std::set<QString>{} : it->second;
        for (const QString& c : differing)
            QVERIFY2(listed.count(c), qPrintable(QStringLiteral("%1 differs from tshark (not a known difference):\n  %2").arg(c, report.join("\n  "))));
        for (const QString& c : listed)
            QVERIFY2(differing.count(c), qPrintable(QStringLiteral("%1 now agrees with tshark: remove it from breadth-known-differences.tsv").arg(c)));
    }

    // The list names only captures that exist, so a renamed capture cannot hide a difference.
    void knownDifferencesNameRealCaptures()
    {
        if (!QFileInfo::exists(breadthDir()))
            QSKIP(qPrintable("no breadth captures at " + breadthDir()));
        for (const auto& [name, columns] : knownDifferences())
            QVERIFY2(QFileInfo::exists(QDir(breadthDir()).filePath("oracle/" + name + ".tsv")), qPrintable(name));
    }
};

QTEST_GUILESS_MAIN(TestBreadthOracle)
#include "tst_breadthoracle.moc"
