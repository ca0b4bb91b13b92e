// The filters "Apply as Filter" and "Conversation Filter" build (core/filter/filterbuilder):
// written as Wireshark 4.0 writes them (hand-written cases), read by our display filter, and
// selecting the same frames as tshark 4.0's -Y on shared captures (builder-oracle.tsv, made by
// make-builder-oracle.sh from what this suite prints with SYNFLOW_PRINT_BUILT_FILTERS=1).
#include "analysis/analysedcapture.h"
#include "fields/fieldregistry.h"
#include "filter/displayfilter.h"
#include "filter/filterbuilder.h"
#include "tree/detailtree.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QtTest>

#include <cstdio>

using namespace synflow;

namespace {

// The filter Apply as Filter builds for the first detail-tree line of `frame` (0-based) showing `name`.
std::string treeFilter(const AnalysedCapture& c, size_t frame, std::string_view name)
{
    const DetailTree tree = buildDetailTree(c, frame);
    const FrameFields fields(c, frame);
    const Field* f = findField(name);
    for (size_t i = 0; i < tree.nodes().size(); ++i)
        if (tree.nodes()[i].field == f)
            return nodeFilter(tree, int32_t(i), fields);
    return "(no line shows " + std::string(name) + ")";
}

QString framesShown(const AnalysedCapture& c, const std::string& text, QString* error)
{
    DisplayFilter f;
    std::string why;
    if (!f.compile(text, why)) {
        *error = QString::fromStdString(why);
        return QStringLiteral("ERROR");
    }
    const std::vector<uint8_t> mask = filterFrames(f, c);
    QStringList out;
    for (size_t i = 0; i < mask.size(); ++i)
        if (mask[i])
            out << QString::number(i + 1);
    return out.join(QLatin1Char(','));
}

bool open(AnalysedCapture& c, const QString& path)
{
    std::string error;
    if (!c.open(path.toStdString(), error))
        return false;
    c.analyse();
    return true;
}

// The fields whose tree lines the oracle part applies as filters, and the conversations.
const char* const kOracleFields[] = {"frame.len", "eth.src", "ip.src", "ip.dst", "ip.ttl", "ipv6.src", "ipv6.dst",
                                     "tcp.srcport", "tcp.dstport", "tcp.stream", "tcp.flags", "tcp.flags.syn",
                                     "tcp.flags.ack", "tcp.len", "tcp.window_size_value", "udp.srcport", "tcp.analysis.bytes_in_flight"};
const std::pair<const char*, ConversationLayer> kConversations[] = {{"conv.eth", ConversationLayer::Ethernet},
    {"conv.ip", ConversationLayer::Ipv4}, {"conv.ipv6", ConversationLayer::Ipv6}, {"conv.tcp", ConversationLayer::Tcp},
    {"conv.udp", ConversationLayer::Udp}};
const char* const kOracleCaptures[] = {"ppa-tcp_retransmissions.pcapng", "local-reuse.pcapng", "local-ipv6.pcapng", "ppa-http_ip4and6.pcapng", "zk-vlan-collisions.pcap",
                                       "ppp-sll.pcap", "td-ssh.pcap", "ppa-dns_isp_hijack.pcapng"};

struct Built {
    QString capture;
    size_t frame; // 1-based
    QString what;
    std::string filter;
};

// Every filter the oracle part builds: the listed fields' lines and the conversations of the
// first, middle and last frames, and the negation of the first line's stream.
std::vector<Built> buildAll(const AnalysedCapture& c, const QString& name)
{
    std::vector<Built> out;
    const size_t n = c.packetCount();
    for (const size_t frame : {size_t(0), n / 2, n - 1}) {
        if (frame >= n || (!out.empty() && out.back().frame == frame + 1))
            continue;
        const DetailTree tree = buildDetailTree(c, frame);
        const FrameFields fields(c, frame);
        for (const char* fieldName : kOracleFields) {
            const Field* f = findField(fieldName);
            for (size_t i = 0; i < tree.nodes().size(); ++i)
                if (tree.nodes()[i].field == f) {
                    const std::string filter = nodeFilter(tree, int32_t(i), fields);
                    if (!filter.empty())
                        out.push_back({name, frame + 1, QString::fromLatin1(fieldName), filter});
                    break;
                }
        }
        for (const auto& [what, layer] : kConversations) {
            const std::string filter = conversationFilter(layer, fields);
            if (!filter.empty())
                out.push_back({name, frame + 1, QString::fromLatin1(what), filter});
        }
        const std::string stream = columnFilter(ListColumn::Source, fields);
        if (!stream.empty())
            out.push_back({name, frame + 1, QStringLiteral("not source"), joinFilters("", stream, FilterJoin::NotSelected)});
    }
    return out;
}

} // namespace

class TestFilterBuilder : public QObject {
    Q_OBJECT
    AnalysedCapture http_;

private slots:
    void initTestCase() { QVERIFY(open(http_, QStringLiteral(SYNFLOW_TEST_DATA "/loopback-http.pcap"))); }

    void joinsAsWiresharkDoes()
    {
        QCOMPARE(joinFilters("", "tcp.stream == 3", FilterJoin::Selected), std::string("tcp.stream == 3"));
        QCOMPARE(joinFilters("tcp", "tcp.stream == 3", FilterJoin::NotSelected), std::string("!(tcp.stream == 3)"));
        QCOMPARE(joinFilters("tcp", "ip.ttl == 64", FilterJoin::AndSelected), std::string("(tcp) && (ip.ttl == 64)"));
        QCOMPARE(joinFilters("tcp", "ip.ttl == 64", FilterJoin::OrSelected), std::string("(tcp) || (ip.ttl == 64)"));
        QCOMPARE(joinFilters("tcp", "ip.ttl == 64", FilterJoin::AndNotSelected), std::string("(tcp) && !(ip.ttl == 64)"));
        QCOMPARE(joinFilters("tcp", "ip.ttl == 64", FilterJoin::OrNotSelected), std::string("(tcp) || !(ip.ttl == 64)"));
        // With nothing in the bar the joined forms are the selected filter alone (negated for "not").
        QCOMPARE(joinFilters("  ", "ip.ttl == 64", FilterJoin::AndSelected), std::string("ip.ttl == 64"));
        QCOMPARE(joinFilters("", "ip.ttl == 64", FilterJoin::OrNotSelected), std::string("!(ip.ttl == 64)"));
    }

    void fieldLinesAsWiresharkWritesThem()
    {
        QCOMPARE(treeFilter(http_, 0, "ip.src"), std::string("ip.src == 127.0.0.1"));
        QCOMPARE(treeFilter(http_, 0, "tcp.flags.syn"), std::string("tcp.flags.syn == 1"));
        QCOMPARE(treeFilter(http_, 2, "tcp.flags.syn"), std::string("tcp.flags.syn == 0"));
        QCOMPARE(treeFilter(http_, 0, "tcp.srcport"), std::string("tcp.srcport == 37960"));
        QCOMPARE(treeFilter(http_, 0, "tcp.stream"), std::string("tcp.stream == 0"));
        QCOMPARE(treeFilter(http_, 0, "eth.src"), std::string("eth.src == 00:00:00:00:00:00"));
        QCOMPARE(treeFilter(http_, 0, "tcp"), std::string("tcp")); // a protocol: its name
        QCOMPARE(treeFilter(http_, 11, "udp.dstport"), std::string("udp.dstport == 40204"));
        const std::string flags = treeFilter(http_, 0, "tcp.flags");
        QVERIFY2(flags == "tcp.flags == 0x002" || flags == "tcp.flags == 0x0002", flags.c_str());
    }

    void stringsAndBytesAreQuotedAsWiresharkQuotes()
    {
        Field s{"http.host", FieldType::String, "Host", 0, 0, {}};
        FieldValue v;
        v.text = "a\"b\\c";
        Field b{"tcp.payload", FieldType::Bytes, "TCP payload", 0, 0, {}};
        FieldValue p;
        p.text = std::string_view("GE\x01", 3);
        QCOMPARE(fieldFilter(b, p), std::string("tcp.payload == 47:45:01"));
        QCOMPARE(fieldFilter(s, v), std::string("http.host == \"a\\\"b\\\\c\""));
        DisplayFilter parsed;
        std::string why;
        QVERIFY(parsed.compile("tcp.payload == 47:45:01", why));
        // A field our filter cannot read (the epoch time) gives nothing to apply.
        QCOMPARE(fieldFilter(*findField("frame.time_epoch"), v), std::string());
    }

    void columnsAndConversations()
    {
        const FrameFields first(http_, 0);
        QCOMPARE(columnFilter(ListColumn::Number, first), std::string("frame.number == 1"));
        QCOMPARE(columnFilter(ListColumn::Source, first), std::string("ip.src == 127.0.0.1"));
        QCOMPARE(columnFilter(ListColumn::Destination, first), std::string("ip.dst == 127.0.0.1"));
        QCOMPARE(columnFilter(ListColumn::TimeRelative, first), std::string("frame.time_relative == 0.000000000"));
        QCOMPARE(conversationFilter(ConversationLayer::Tcp, first),
                 std::string("(ip.addr==127.0.0.1 && ip.addr==127.0.0.1) && (tcp.port==37960 && tcp.port==40204)"));
        QCOMPARE(conversationFilter(ConversationLayer::Ipv4, first), std::string("ip.addr==127.0.0.1 && ip.addr==127.0.0.1"));
        QCOMPARE(conversationFilter(ConversationLayer::Ethernet, first), std::string("eth.addr==00:00:00:00:00:00 && eth.addr==00:00:00:00:00:00"));
        QCOMPARE(conversationFilter(ConversationLayer::Udp, first), std::string()); // a TCP packet has no UDP conversation
        QCOMPARE(conversationFilter(ConversationLayer::Ipv6, first), std::string());
        const FrameFields udp(http_, 11);
        QCOMPARE(conversationFilter(ConversationLayer::Udp, udp),
                 std::string("(ip.addr==127.0.0.1 && ip.addr==127.0.0.1) && (udp.port==50058 && udp.port==40204)"));
        QString error;
        QCOMPARE(framesShown(http_, conversationFilter(ConversationLayer::Tcp, first), &error), QStringLiteral("1,2,3,4,5,6,7,8,9,10,11"));
        QCOMPARE(framesShown(http_, joinFilters("", conversationFilter(ConversationLayer::Tcp, first), FilterJoin::NotSelected), &error),
                 QStringLiteral("12"));
    }

    // A class-wide property: the filter built from any line of a packet's detail tree compiles
    // and selects that packet (first 40 packets of every shared capture and breadth capture).
    void everyLineSelectsItsOwnPacket()
    {
        QStringList paths;
        for (const char* sub : {"", "/breadth"}) {
            const QDir dir(QStringLiteral(SYNFLOW_SHARED_CAPTURES) + QString::fromLatin1(sub));
            for (const QString& name : dir.entryList({QStringLiteral("*.pcap"), QStringLiteral("*.pcapng")}, QDir::Files, QDir::Name))
                paths << dir.filePath(name);
        }
        if (paths.isEmpty())
            QSKIP("shared captures missing: " SYNFLOW_SHARED_CAPTURES);
        int lines = 0;
        QStringList wrong;
        for (const QString& path : paths) {
            AnalysedCapture c;
            if (!open(c, path))
                continue; // damaged on purpose: other suites test those
            for (size_t frame = 0; frame < std::min<size_t>(c.packetCount(), 40); ++frame) {
                const DetailTree tree = buildDetailTree(c, frame);
                const FrameFields fields(c, frame);
                for (size_t i = 0; i < tree.nodes().size(); ++i) {
                    const std::string filter = nodeFilter(tree, int32_t(i), fields);
                    if (filter.empty())
                        continue;
                    ++lines;
                    DisplayFilter f;
                    std::string error;
                    if (!f.compile(filter, error) || !frameMatches(f, c.file(), c.tracker(), c.protocols(), frame))
                        wrong << QStringLiteral("%1 #%2 \"%3\": %4 %5").arg(QFileInfo(path).fileName()).arg(frame + 1)
                                     .arg(QString::fromStdString(tree.nodes()[i].label), QString::fromStdString(filter), QString::fromStdString(error));
                }
            }
        }
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.mid(0, 20).join(QLatin1Char('\n'))));
        QVERIFY(lines > 10000);
        qInfo("%d detail lines of %lld captures: each one's filter selects its packet", lines, static_cast<long long>(paths.size()));
    }

    // Built on shared captures, every filter selects exactly what tshark 4.0 -Y selects.
    void agreesWithTshark()
    {
        const QString dir = QStringLiteral(SYNFLOW_SHARED_CAPTURES);
        const bool print = qEnvironmentVariableIsSet("SYNFLOW_PRINT_BUILT_FILTERS");
        QHash<QString, QStringList> oracle; // capture\tframe\twhat -> {filter, frames}
        if (!print) {
            QFile f(QStringLiteral(SYNFLOW_BUILDER_ORACLE));
            QVERIFY(f.open(QIODevice::ReadOnly));
            f.readLine(); // header
            while (!f.atEnd()) {
                const QStringList cols = QString::fromUtf8(f.readLine()).chopped(1).split(QLatin1Char('\t'));
                QCOMPARE(cols.size(), 5);
                oracle.insert(cols.mid(0, 3).join(QLatin1Char('\t')), cols.mid(3));
            }
        }
        int compared = 0;
        for (const char* name : kOracleCaptures) {
            const QString path = dir + QLatin1Char('/') + QString::fromLatin1(name);
            if (!QFileInfo::exists(path))
                QSKIP(qPrintable(QStringLiteral("shared capture missing: ") + path));
            AnalysedCapture c;
            QVERIFY(open(c, path));
            for (const Built& b : buildAll(c, QString::fromLatin1(name))) {
                const QString key = QStringLiteral("%1\t%2\t%3").arg(b.capture).arg(b.frame).arg(b.what);
                if (print) {
                    std::printf("%s\t%s\n", qPrintable(key), b.filter.c_str());
                    continue;
                }
                QVERIFY2(oracle.contains(key), qPrintable(QStringLiteral("not in the oracle: ") + key));
                const QStringList expected = oracle.take(key);
                QCOMPARE(QString::fromStdString(b.filter), expected[0]);
                QString error;
                QCOMPARE(framesShown(c, b.filter, &error), expected[1]);
                QVERIFY2(error.isEmpty(), qPrintable(error));
                ++compared;
            }
        }
        if (print)
            return;
        QVERIFY2(oracle.isEmpty(), qPrintable(QStringLiteral("built no more: ") + oracle.keys().join(QLatin1Char(' '))));
        QVERIFY(compared > 100);
        qInfo("%d built filters select the frames tshark -Y selects", compared);
    }
};

QTEST_GUILESS_MAIN(TestFilterBuilder)
#include "tst_filterbuilder.moc"
