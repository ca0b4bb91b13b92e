#pragma once
// Column-by-column comparison of a `synflow-cli fields` TSV with a tshark oracle TSV,
// with the same normalisation rules as ../shared/tools/oracle-diff.
#include <QByteArray>
#include <QString>
#include <QStringList>

#include <map>
#include <vector>

namespace synflow::test {

struct TsvTable {
    QStringList header;
    std::map<qint64, QStringList> rows; // keyed on frame.number
    QString cell(qint64 frame, const QString& column) const;
};

TsvTable parseTsv(const QByteArray& text);
bool readTsvFile(const QString& path, TsvTable& out);

struct ColumnAgreement {
    QString column;
    int agree = 0;
    int compared = 0;
    QStringList examples; // "frame N: oracle='..' ours='..'"
    double percent() const { return compared ? 100.0 * agree / compared : 100.0; }
};

// Compares `columns` (all oracle columns when empty). A column missing from `ours` scores 0.
std::vector<ColumnAgreement> compareWithOracle(const TsvTable& oracle, const TsvTable& ours,
                                               const QStringList& columns = {}, int maxExamples = 5);

// The Info column on the rows whose oracle Protocol is one of those whose Info we write beside
// TCP's (ICMP, ICMPv6, IGMP, OSPF, ARP, CDP, DHCP, NTP, RIP, TFTP, DNS, mDNS, LLMNR): exactly, as tshark
// prints it.
ColumnAgreement compareSummarizedInfo(const TsvTable& oracle, const TsvTable& ours, int maxExamples = 5);

// Runs `synflow-cli fields FILE --no-desegment` (the per-field oracle's Protocol/Info), or with
// `desegment` the default view; parses its output; returns false with `error` on failure.
bool runFields(const QString& capture, TsvTable& out, QString& error, bool desegment = false);

// The shared captures that have an oracle (or those of a subfolder: "breadth"): base name -> path.
std::map<QString, QString> sharedCapturesWithOracle(const QString& subfolder = {});
QString sharedCapturesDir();

} // namespace synflow::test
