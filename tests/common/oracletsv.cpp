#include "common/oracletsv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSet>

#include <cmath>

namespace synflow::test {
namespace {

const QSet<QString>& presenceFields()
{
    static const QSet<QString> s = {
        "tcp.analysis.flags", "tcp.analysis.retransmission", "tcp.analysis.fast_retransmission",
        "tcp.analysis.spurious_retransmission", "tcp.analysis.out_of_order", "tcp.analysis.lost_segment",
        "tcp.analysis.ack_lost_segment", "tcp.analysis.zero_window", "tcp.analysis.zero_window_probe",
        "tcp.analysis.zero_window_probe_ack", "tcp.analysis.window_full", "tcp.analysis.window_update",
        "tcp.analysis.keep_alive", "tcp.analysis.keep_alive_ack", "tcp.analysis.reused_ports",
        "tcp.analysis.duplicate_ack"};
    return s;
}

bool isTimeField(const QString& c)
{
    return c == "frame.time_epoch" || c.startsWith("tcp.time_") || c == "tcp.analysis.ack_rtt"
        || c == "tcp.analysis.initial_rtt";
}

bool isTextField(const QString& c)
{
    return c.startsWith("_ws.col.") || c.startsWith("ip.") || c.startsWith("ipv6.") || c.startsWith("eth.")
        || c.startsWith("synflow.");
}

bool toNumber(const QString& s, long double& v)
{
    bool ok = false;
    const QString t = s.trimmed();
    if (t.startsWith("0x", Qt::CaseInsensitive)) {
        v = (long double)t.mid(2).toULongLong(&ok, 16);
        return ok;
    }
    // Parse as long double from the text to keep 9 decimals of large epochs.
    const QByteArray b = t.toLatin1();
    char* end = nullptr;
    v = std::strtold(b.constData(), &end);
    return !b.isEmpty() && end && *end == '\0';
}

bool sameValue(const QString& column, const QString& a, const QString& b)
{
    if (presenceFields().contains(column))
        return a.trimmed().isEmpty() == b.trimmed().isEmpty();
    if (column.startsWith("_ws.col.") || isTextField(column))
        return a.trimmed() == b.trimmed();
    const QStringList la = a.split(','), lb = b.split(',');
    if (la.size() != lb.size())
        return false;
    for (qsizetype i = 0; i < la.size(); ++i) {
        long double x, y;
        const bool nx = toNumber(la[i], x), ny = toNumber(lb[i], y);
        if (nx && ny) {
            const long double tol = isTimeField(column) ? 1e-6L : 0.0L;
            if (fabsl(x - y) > tol + 1e-12L * fabsl(x))
                return false;
        } else if (la[i].trimmed() != lb[i].trimmed()) {
            return false;
        }
    }
    return true;
}

} // namespace

QString TsvTable::cell(qint64 frame, const QString& column) const
{
    const auto it = rows.find(frame);
    const qsizetype c = header.indexOf(column);
    if (it == rows.end() || c < 0 || c >= it->second.size())
        return {};
    return it->second[c];
}

TsvTable parseTsv(const QByteArray& text)
{
    TsvTable t;
    const QList<QByteArray> lines = text.split('\n');
    bool first = true;
    for (const QByteArray& raw : lines) {
        QByteArray line = raw;
        if (line.endsWith('\r'))
            line.chop(1);
        if (first) {
            t.header = QString::fromUtf8(line).split('\t');
            first = false;
            continue;
        }
        if (line.trimmed().isEmpty())
            continue;
        QStringList cells = QString::fromUtf8(line).split('\t');
        while (cells.size() < t.header.size())
            cells.append(QString());
        bool ok = false;
        const qint64 frame = cells.value(t.header.indexOf("frame.number")).toLongLong(&ok);
        if (ok)
            t.rows[frame] = cells;
    }
    return t;
}

bool readTsvFile(const QString& path, TsvTable& out)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    out = parseTsv(f.readAll());
    return true;
}

std::vector<ColumnAgreement> compareWithOracle(const TsvTable& oracle, const TsvTable& ours, const QStringList& columns,
                                               int maxExamples)
{
    const QStringList cols = columns.isEmpty() ? oracle.header : columns;
    const qsizetype protoCol = oracle.header.indexOf("_ws.col.Protocol");
    std::vector<ColumnAgreement> result;
    for (const QString& col : cols) {
        ColumnAgreement a;
        a.column = col;
        const qsizetype oc = oracle.header.indexOf(col);
        const qsizetype uc = ours.header.indexOf(col);
        for (const auto& [frame, orow] : oracle.rows) {
            if (col.compare("_ws.col.Info", Qt::CaseInsensitive) == 0 && protoCol >= 0 && orow.value(protoCol) != "TCP")
                continue;
            const QString ov = oc >= 0 ? orow.value(oc) : QString();
            const auto it = ours.rows.find(frame);
            const QString uv = (uc >= 0 && it != ours.rows.end()) ? it->second.value(uc) : QString();
            if (ov.trimmed().isEmpty() && uv.trimmed().isEmpty())
                continue;
            ++a.compared;
            if (uc >= 0 && it != ours.rows.end() && sameValue(col, ov, uv))
                ++a.agree;
            else if (a.examples.size() < maxExamples)
                a.examples << QStringLiteral("frame %1: oracle='%2' ours='%3'").arg(frame).arg(ov, uv);
        }
        if (uc < 0)
            a.agree = 0;
        result.push_back(a);
    }
    return result;
}

ColumnAgreement compareSummarizedInfo(const TsvTable& oracle, const TsvTable& ours, int maxExamples)
{
    static const QSet<QString> summarized = {"ICMP", "ICMPv6", "ARP", "CDP", "DHCP", "NTP", "RIPv1", "RIPv2", "TFTP", "DNS", "MDNS", "LLMNR", "IGMP", "IGMPv1", "IGMPv2", "IGMPv3", "OSPF", "X11", "QUIC"};
    ColumnAgreement a;
    a.column = QStringLiteral("_ws.col.Info");
    for (const auto& [frame, row] : oracle.rows) {
        // IP fragments left undecoded: their Info is ours as well.
        const QString info = oracle.cell(frame, "_ws.col.Info");
        const bool fragment = info.startsWith("Fragmented IP protocol (") || info.startsWith("IPv6 fragment (");
        if (!summarized.contains(oracle.cell(frame, "_ws.col.Protocol")) && !fragment)
            continue;
        ++a.compared;
        const QString ov = oracle.cell(frame, "_ws.col.Info"), uv = ours.cell(frame, "_ws.col.Info");
        if (ov == uv)
            ++a.agree;
        else if (a.examples.size() < maxExamples)
            a.examples << QStringLiteral("frame %1: oracle='%2' ours='%3'").arg(frame).arg(ov, uv);
    }
    return a;
}

bool runFields(const QString& capture, TsvTable& out, QString& error, bool desegment)
{
    QProcess p;
    p.start(QStringLiteral(SYNFLOW_CLI), desegment ? QStringList{QStringLiteral("fields"), capture}
                                              : QStringList{QStringLiteral("fields"), capture, QStringLiteral("--no-desegment")});
    if (!p.waitForFinished(120000)) {
        error = QStringLiteral("synflow-cli fields %1 did not finish").arg(capture);
        return false;
    }
    out = parseTsv(p.readAllStandardOutput());
    if (out.header.isEmpty() || out.header.first() != "frame.number") {
        error = QStringLiteral("synflow-cli fields %1 printed no header: %2").arg(capture, QString::fromUtf8(p.readAllStandardError()));
        return false;
    }
    return true;
}

QString sharedCapturesDir()
{
    return QStringLiteral(SYNFLOW_SHARED_CAPTURES);
}

std::map<QString, QString> sharedCapturesWithOracle(const QString& subfolder)
{
    std::map<QString, QString> out;
    const QDir dir(subfolder.isEmpty() ? sharedCapturesDir() : QDir(sharedCapturesDir()).filePath(subfolder));
    const QDir oracle(dir.filePath("oracle"));
    const QStringList tsvs = oracle.entryList({"*.tsv"}, QDir::Files, QDir::Name);
    for (const QString& tsv : tsvs) {
        const QString base = QFileInfo(tsv).completeBaseName();
        const QStringList caps = dir.entryList({base + ".pcap", base + ".pcapng"}, QDir::Files);
        if (!caps.isEmpty())
            out[base] = dir.filePath(caps.first());
    }
    return out;
}

} // namespace synflow::test
