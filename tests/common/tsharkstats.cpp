#include "common/tsharkstats.h"

#include "common/oracletsv.h"
#include "common/tsharkoutput.h"

#include <QDir>
#include <QStandardPaths>

namespace synflow::test {

const char* const kLimitFilter = "tcp.analysis.retransmission or udp.port == 53 or eth.dst == ff:ff:ff:ff:ff:ff";
const char* const kIoFilters[3] = {"tcp", "udp || icmp", "tcp.analysis.retransmission || tcp.analysis.duplicate_ack"};
// Each function on an integer and a relative-time field; MIN over frames whose first may lack
// the field (tshark's cell then stays 0). tshark finds a field only where the column's filter
// names it, so every column's filter does (core/stats/TSHARK_DIFFERENCES.md).
const char* const kIoFunctions[8] = {"SUM(frame.len)frame.len",
                                     "AVG(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt",
                                     "MIN(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt or tcp",
                                     "MAX(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt",
                                     "SUM(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt",
                                     "COUNT(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt",
                                     "AVG(tcp.window_size)tcp.window_size",
                                     "MIN(tcp.len)tcp.len"};

QStringList ioFunctionColumns()
{
    QStringList out;
    for (const char* f : kIoFunctions)
        out << QString::fromLatin1(f);
    return out;
}

QString tsharkProgram()
{
    return QStandardPaths::findExecutable(QStringLiteral("tshark"));
}

std::vector<std::pair<QString, QString>> statsCaptures()
{
    std::vector<std::pair<QString, QString>> out;
    for (const QString& dirPath : {QStringLiteral(SYNFLOW_TEST_DATA), sharedCapturesDir()}) {
        const QDir dir(dirPath);
        for (const QString& f : dir.entryList({"*.pcap", "*.pcapng"}, QDir::Files, QDir::Name))
            out.emplace_back(f, dir.filePath(f));
    }
    // The crafted captures of QUIC and X11 (tests/data/quic, x11). Not gtp/ and cut/: their
    // tunnels and cut headers leave conversation and TCP tables that still differ (see
    // core/stats/TSHARK_DIFFERENCES.md); tst_phsoracle takes gtp/ on its own.
    const QDir data(QStringLiteral(SYNFLOW_TEST_DATA));
    for (const QString sub : {QStringLiteral("quic"), QStringLiteral("x11")}) {
        const QDir dir(data.filePath(sub));
        for (const QString& f : dir.entryList({"*.pcap", "*.pcapng"}, QDir::Files, QDir::Name))
            out.emplace_back(sub + "/" + f, dir.filePath(f));
    }
    return out;
}

QByteArray runTsharkStats(const QString& capture, const QStringList& taps, bool desegment)
{
    QStringList args{"-2", "-o", desegment ? "tcp.desegment_tcp_streams:TRUE" : "tcp.desegment_tcp_streams:FALSE",
                     "-o", "tcp.relative_sequence_numbers:TRUE",
                     "-o", "tcp.analyze_sequence_numbers:TRUE", "-o", "tcp.calculate_timestamps:TRUE", "-o",
                     "tcp.check_checksum:FALSE", "-o", "nameres.mac_name:FALSE", "-q"};
    for (const QString& t : taps)
        args << "-z" << t;
    return tsharkOutput(capture, args).out;
}

QStringList standardTaps(const QString& intervalText, bool withIo)
{
    QStringList taps;
    for (const char* t : {"eth", "ip", "ipv6", "tcp", "udp"})
        taps << QStringLiteral("conv,%1").arg(t) << QStringLiteral("endpoints,%1").arg(t);
    taps << QStringLiteral("conv,ip,%1").arg(kLimitFilter) << QStringLiteral("endpoints,eth,%1").arg(kLimitFilter);
    if (withIo)
        taps << QStringLiteral("io,stat,0")
         << QStringLiteral("io,stat,%1,%2,%3,%4").arg(intervalText, kIoFilters[0], kIoFilters[1], kIoFilters[2])
         << QStringLiteral("io,stat,%1,%2").arg(intervalText, ioFunctionColumns().join(QLatin1Char(',')));
    return taps;
}

QString intervalFor(int64_t durationUs)
{
    // The power of ten giving at most 100 rows (tshark then prints whole seconds or 1-3 decimals).
    int64_t us = 1000;
    while (us < 1000000000000 && durationUs / us > 100)
        us *= 10;
    if (us >= 1000000)
        return QString::number(us / 1000000);
    return QString::number(double(us) / 1e6, 'f', us >= 100000 ? 1 : us >= 10000 ? 2 : 3);
}

QString missingTable(const QByteArray& tshark, const QByteArray& ours)
{
    if (tshark.contains(ours))
        return {};
    if (!ours.startsWith("===") && !ours.startsWith("\n"))
        return QStringLiteral("not a table: %1").arg(QString::fromUtf8(ours.left(80)));
    // The title is the first line that is not a rule or blank; conv and endpoints tables also
    // name their filter on the next line.
    const QList<QByteArray> mine = ours.split('\n');
    qsizetype mineAt = 0;
    while (mineAt < mine.size() && (mine[mineAt].isEmpty() || mine[mineAt].startsWith("===")))
        ++mineAt;
    const QByteArray title = mineAt < mine.size() ? mine[mineAt] : QByteArray();
    const QByteArray next = mineAt + 1 < mine.size() ? mine[mineAt + 1] : QByteArray();
    const QList<QByteArray> theirs = tshark.split('\n');
    qsizetype at = -1;
    for (qsizetype k = 0; k + 1 < theirs.size() && at < 0; ++k)
        if (theirs[k] == title && (!next.startsWith("Filter:") || theirs[k + 1] == next))
            at = k;
    if (at < 0)
        return QStringLiteral("tshark printed no table titled '%1'").arg(QString::fromUtf8(title));
    // Compare from the title on, line by line, and name the first difference that is not the
    // documented one (core/stats/TSHARK_DIFFERENCES.md: a conversation starting before the
    // first frame, whose start tshark wraps through unsigned microseconds).
    const qsizetype lines = mine.size() - (mine.last().isEmpty() ? 1 : 0);
    for (qsizetype k = 0; mineAt + k < lines; ++k) {
        const QByteArray a = at + k < theirs.size() ? theirs[at + k] : QByteArray("<end>");
        const QByteArray& b = mine[mineAt + k];
        if (a == b)
            continue;
        const QList<QByteArray> fa = a.simplified().split(' '), fb = b.simplified().split(' ');
        const bool negativeStart = fa.size() == fb.size() && fb.size() > 2 && fb[fb.size() - 2].startsWith('-') &&
                                   fa.mid(0, fa.size() - 2) == fb.mid(0, fb.size() - 2);
        if (!negativeStart)
            return QStringLiteral("'%1', line %2:\n  tshark: %3\n  ours:   %4")
                .arg(QString::fromUtf8(title)).arg(k + 1).arg(QString::fromUtf8(a), QString::fromUtf8(b));
    }
    return {};
}

} // namespace synflow::test
