// The detail tree's application layers (HTTP, TLS, DNS, SSH, SMTP, FTP, POP, IMAP) against
// what tshark -V printed for the same frames (applayers/*.txt, made by make-expected.py with
// TCP desegmentation off), and the byte spans their nodes cover.
#include "analysis/analysedcapture.h"
#include "common/oracletsv.h"
#include "fields/fieldregistry.h"
#include "filter/displayfilter.h"
#include "proto/pducontinuation.h"
#include "tree/apptree.h"
#include "tree/detailtree.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QtTest>

#include <map>

using namespace synflow;

namespace {

QString expectedDir() { return QDir(QStringLiteral(SYNFLOW_TEST_DATA "/../core/tree/applayers")).absolutePath(); }

// The lines above the transport layer, as make-expected.py cuts them.
QStringList applicationLines(const QStringList& all)
{
    static const QRegularExpression lower(
        "^(Frame |Ethernet II|802\\.1Q|Linux cooked|Null/Loopback|Internet Protocol|Transmission Control|User Datagram|Internet Control"
        "|Address Resolution|Raw packet|PPP|Point-to-Point|MultiProtocol|Generic Routing|Virtual eXtensible)");
    QStringList out;
    bool app = false;
    for (const QString& l : all) {
        if (l.trimmed().isEmpty())
            continue;
        if (!l.startsWith(' '))
            app = !lower.match(l).hasMatch();
        if (app)
            out << l;
    }
    return out;
}

// The protocol a block belongs to: its first heading, up to a parenthesis.
QString protocolOf(const QStringList& lines)
{
    for (const QString& l : lines)
        if (!l.startsWith(' ') && !l.startsWith('['))
            return l.section(" (", 0, 0);
    return QStringLiteral("other");
}

struct Score {
    int compared = 0;
    int found = 0;
    double percent() const { return compared ? 100.0 * found / compared : 100.0; }
};

// Each protocol's least agreement over every frame compared (percent of tshark's lines found
// verbatim). The measured figures are in core/tree/TSHARK_DIFFERENCES.md; these floors sit a
// little under them.
double floorFor(const QString& protocol)
{
    static const std::map<QString, double> floors = {
        {"Hypertext Transfer Protocol", 97.0}, {"Domain Name System", 91.0}, {"Transport Layer Security", 92.0},
        {"SSH Protocol", 66.0}, {"Simple Mail Transfer Protocol", 82.0}, {"File Transfer Protocol", 99.0},
        {"Post Office Protocol", 99.0}, {"Internet Message Access Protocol", 99.0}, {"Line-based text data", 95.0},
        {"QUIC IETF", 92.0}};
    const auto it = floors.find(protocol);
    return it == floors.end() ? 0.0 : it->second;
}

// An expected file (make-expected.py): "# CAPTURE" then "=== N" and tshark's lines for frame N.
// `path` is the capture's (our own data/ or the shared set's); empty blocks if unreadable.
struct Expected {
    QString path;
    std::map<int, QStringList> blocks; // frame number -> tshark's lines
};

Expected readExpected(const QString& file)
{
    Expected e;
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return e;
    const QStringList lines = QString::fromUtf8(in.readAll()).split('\n');
    if (!lines.first().startsWith("# "))
        return e;
    const QString name = lines.first().mid(2);
    e.path = name.startsWith("data/") ? QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(name.mid(5))
                                      : QDir(synflow::test::sharedCapturesDir()).filePath(name);
    int frame = 0;
    for (const QString& l : lines.mid(1)) {
        if (l.startsWith("=== "))
            frame = l.mid(4).toInt();
        else if (frame && !l.isEmpty())
            e.blocks[frame] << l;
    }
    return e;
}

// Set when a capture of the set is missing (no ../shared beside the checkout): the floors are
// over the whole set, so a part of it proves nothing about them.
bool& setIncomplete()
{
    static bool incomplete = false;
    return incomplete;
}

std::map<QString, Score>& totals()
{
    static std::map<QString, Score> t;
    return t;
}

// The same with desegmentation on: reassembly lets whole TLS Certificate messages be decoded,
// whose X.509 structure we do not show (TSHARK_DIFFERENCES.md), so TLS scores lower there.
double desegmentedFloorFor(const QString& protocol)
{
    static const std::map<QString, double> floors = {{"Hypertext Transfer Protocol", 97.0}, {"Line-based text data", 93.0},
                                                     {"Transport Layer Security", 40.0}, {"TCP reassembly", 99.0}};
    const auto it = floors.find(protocol);
    return it == floors.end() ? 0.0 : it->second;
}

std::map<QString, Score>& desegmentedTotals()
{
    static std::map<QString, Score> t;
    return t;
}

int32_t findNode(const DetailTree& t, const QString& prefix)
{
    for (size_t i = 0; i < t.nodes().size(); ++i)
        if (QString::fromStdString(t.nodes()[i].label).startsWith(prefix))
            return int32_t(i);
    return -1;
}

} // namespace

class TestAppLayers : public QObject {
    Q_OBJECT
private slots:
    void matchesTshark_data()
    {
        QTest::addColumn<QString>("expected");
        const QStringList files = QDir(expectedDir()).entryList({"*.txt"}, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), qPrintable(expectedDir()));
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << QDir(expectedDir()).filePath(f);
    }
    void matchesTshark()
    {
        QFETCH(QString, expected);
        const Expected e = readExpected(expected);
        QVERIFY2(!e.path.isEmpty(), qPrintable(expected));
        const QString& path = e.path;
        if (!QFileInfo::exists(path)) {
            setIncomplete() = true;
            QSKIP(qPrintable("missing capture " + path));
        }
        AnalysedCapture capture;
        std::string error;
        QVERIFY2(capture.open(path.toStdString(), error), error.c_str());
        capture.analyse(); // the Protocol column (which chooses the layer) needs the protocols pass
        const std::map<int, QStringList>& blocks = e.blocks;
        QVERIFY(!blocks.empty());
        std::map<QString, Score> scores;
        QStringList missing;
        for (const auto& [n, theirs] : blocks) {
            const QStringList ours = applicationLines(QString::fromStdString(buildDetailTree(capture, size_t(n - 1)).text()).split('\n'));
            QHash<QString, int> available;
            for (const QString& l : ours)
                ++available[l];
            // Scored per top-level layer, so a body's "Line-based text data" counts apart from HTTP.
            QString layer = protocolOf(theirs);
            for (const QString& l : theirs) {
                if (!l.startsWith(' ') && !l.startsWith('['))
                    layer = l.section(" (", 0, 0).section(':', 0, 0);
                Score& s = scores[layer];
                ++s.compared;
                if (available.value(l) > 0) {
                    --available[l];
                    ++s.found;
                } else if (missing.size() < 40) {
                    missing << QStringLiteral("#%1 %2").arg(n).arg(l.left(160));
                }
            }
        }
        for (const auto& [protocol, s] : scores) {
            totals()[protocol].compared += s.compared;
            totals()[protocol].found += s.found;
            qInfo("%s: %d/%d tshark lines (%.1f%%)", qPrintable(protocol), s.found, s.compared, s.percent());
        }
        // Per file, a protocol may fall below its floor by a few points (one odd frame); the
        // totals below hold the floors.
        for (const auto& [protocol, s] : scores)
            QVERIFY2(s.percent() >= floorFor(protocol) - 30.0,
                     qPrintable(QStringLiteral("%1 %2/%3; first missing:\n%4").arg(protocol).arg(s.found).arg(s.compared).arg(missing.join('\n'))));
    }
    // With TCP desegmentation on (tshark's default): the frames that complete a message spanning
    // segments show "[N Reassembled TCP Segments ...]" and the layers decoded from the reassembled
    // bytes (applayers/desegmented, tshark -2 -V); the message's other segments show no
    // application layer but "[Reassembled PDU in frame: N]".
    void matchesTsharkDesegmented_data()
    {
        QTest::addColumn<QString>("expected");
        const QDir dir(expectedDir() + QStringLiteral("/desegmented"));
        const QStringList files = dir.entryList({"*.txt"}, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), qPrintable(dir.path()));
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    void matchesTsharkDesegmented()
    {
        QFETCH(QString, expected);
        const Expected e = readExpected(expected);
        QVERIFY2(!e.path.isEmpty(), qPrintable(expected));
        const QString& path = e.path;
        if (!QFileInfo::exists(path)) {
            setIncomplete() = true;
            QSKIP(qPrintable("missing capture " + path));
        }
        AnalysedCapture capture;
        std::string error;
        QVERIFY2(capture.open(path.toStdString(), error), error.c_str());
        capture.analyse();
        const std::map<int, QStringList>& blocks = e.blocks;
        QVERIFY(!blocks.empty());
        std::map<QString, Score> scores;
        QStringList missing;
        int segments = 0;
        static const QRegularExpression piece(QStringLiteral("#(\\d+)\\(\\d+\\)"));
        for (const auto& [n, theirs] : blocks) {
            const QStringList ours = applicationLines(QString::fromStdString(buildDetailTree(capture, size_t(n - 1), true).text()).split('\n'));
            // tshark stores a frame's first lines only (make-expected.py): compare as many.
            QHash<QString, int> available;
            for (const QString& l : ours)
                ++available[l];
            QString layer = protocolOf(theirs);
            for (const QString& l : theirs) {
                if (l.startsWith('['))
                    layer = QStringLiteral("TCP reassembly");
                else if (!l.startsWith(' '))
                    layer = l.section(" (", 0, 0).section(':', 0, 0);
                Score& s = scores[layer];
                ++s.compared;
                if (available.value(l) > 0) {
                    --available[l];
                    ++s.found;
                } else if (missing.size() < 40) {
                    missing << QStringLiteral("#%1 %2").arg(n).arg(l.left(160));
                }
            }
            // The message's earlier segments: no application layer, a link to this frame.
            for (const QString& l : theirs) {
                if (!l.startsWith('[') || !l.contains(QStringLiteral("Reassembled TCP Segments")))
                    continue;
                auto it = piece.globalMatch(l);
                while (it.hasNext()) {
                    const int f = it.next().captured(1).toInt();
                    if (f == n)
                        continue;
                    const DetailTree t = buildDetailTree(capture, size_t(f - 1), true);
                    const QString text = QString::fromStdString(t.text());
                    QVERIFY2(text.contains(QStringLiteral("    [Reassembled PDU in frame: %1]\n").arg(n)) || text.contains(QStringLiteral("Reassembled TCP Segments")),
                             qPrintable(QStringLiteral("frame %1 (part of %2):\n%3").arg(f).arg(n).arg(text.right(600))));
                    ++segments;
                }
            }
        }
        for (const auto& [protocol, s] : scores) {
            desegmentedTotals()[protocol].compared += s.compared;
            desegmentedTotals()[protocol].found += s.found;
            qInfo("%s: %d/%d tshark lines (%.1f%%)", qPrintable(protocol), s.found, s.compared, s.percent());
        }
        qInfo("%d earlier segments checked", segments);
        for (const auto& [protocol, s] : scores)
            QVERIFY2(s.percent() >= desegmentedFloorFor(protocol) - 30.0,
                     qPrintable(QStringLiteral("%1 %2/%3; first missing:\n%4").arg(protocol).arg(s.found).arg(s.compared).arg(missing.join('\n'))));
    }
    void agreementDesegmented()
    {
        if (desegmentedTotals().empty() || setIncomplete())
            QSKIP("captures of the set missing: its floors are over the whole set");
        for (const auto& [protocol, s] : desegmentedTotals()) {
            qInfo("total desegmented %s: %d/%d (%.1f%%)", qPrintable(protocol), s.found, s.compared, s.percent());
            QVERIFY2(s.percent() >= desegmentedFloorFor(protocol), qPrintable(QStringLiteral("%1: %2%").arg(protocol).arg(s.percent())));
        }
    }

    void agreementPerProtocol()
    {
        if (totals().empty() || setIncomplete())
            QSKIP("captures of the set missing: its floors are over the whole set");
        for (const auto& [protocol, s] : totals()) {
            qInfo("total %s: %d/%d (%.1f%%)", qPrintable(protocol), s.found, s.compared, s.percent());
            QVERIFY2(s.percent() >= floorFor(protocol), qPrintable(QStringLiteral("%1: %2%").arg(protocol).arg(s.percent())));
        }
    }

    // The nodes cover the bytes they show, so the bytes pane highlights the right span.
    void nodesCoverTheirBytes()
    {
        const QString path = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("textlines.pcap");
        AnalysedCapture capture;
        std::string error;
        QVERIFY(capture.open(path.toStdString(), error));
        capture.analyse();
        const DetailTree t = buildDetailTree(capture, 4); // frame 5: C: EHLO client.example.test
        const int32_t cmd = findNode(t, "Command: EHLO");
        QVERIFY(cmd >= 0);
        const DecodedPacket d = capture.decode(4);
        const DetailNode& n = t.nodes()[size_t(cmd)];
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(d.frame.data()) + n.offset, int(n.length)), QByteArray("EHLO"));
        QCOMPARE(t.nodeAt(n.offset), cmd);
    }

    // Every tree line that shows an application field shows the value the registry reads for
    // it, in the same order (Apply as Filter takes the n-th value for the n-th line).
    void fieldsFollowTheTree_data()
    {
        QTest::addColumn<QString>("path");
        for (const char* name : {"textlines.pcap", "loopback-http.pcap", "lo-dnstcp.pcapng"})
            QTest::newRow(name) << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(name);
    }
    void fieldsFollowTheTree()
    {
        QFETCH(QString, path);
        AnalysedCapture capture;
        std::string error;
        QVERIFY(capture.open(path.toStdString(), error));
        capture.analyse();
        int compared = 0;
        QStringList wrong;
        for (size_t i = 0; i < capture.index().size(); ++i) {
            const DecodedPacket d = capture.decode(i);
            const TcpPacketAnalysis a = capture.tcpAnalysis(i, d);
            const std::string protocol = summarizeFrame(d, capture.index()[i], a.valid ? &a : nullptr, capture.protocols()).protocol;
            FieldSource src;
            src.number = i + 1;
            src.record = &capture.index()[i];
            src.decoded = &d;
            src.protocol = protocol;
            const DetailTree tree = buildDetailTree(capture, i);
            std::map<const Field*, size_t> seen;
            for (const DetailNode& n : tree.nodes()) {
                if (!n.field || n.field->type == FieldType::Protocol)
                    continue;
                const size_t occurrence = seen[n.field]++;
                const QString where = QStringLiteral("frame %1 \"%2\" (%3)").arg(i + 1).arg(QString::fromStdString(n.label), QString::fromStdString(n.field->name));
                static const QRegularExpression app(QStringLiteral("^(http|dns|tls|ssh|smtp|ftp|pop|imap)\\."));
                if (!app.match(QString::fromStdString(n.field->name)).hasMatch())
                    continue; // a lower layer's field: tst_fieldregistry's
                const FieldValues values = n.field->values(src);
                if (occurrence >= values.size()) {
                    wrong << where + ": no such occurrence";
                    continue;
                }
                std::string printed;
                appendFieldValue(printed, *n.field, values[occurrence]);
                const QString label = QString::fromStdString(n.label);
                const QString value = QString::fromStdString(printed);
                // Strings are shown verbatim; numbers as written or as "name (number)".
                if (!label.contains(value) && !label.contains(QStringLiteral("(%1)").arg(value))
                    && !label.contains(QStringLiteral("0x%1").arg(value.toLongLong(), n.field->hexDigits, 16, QLatin1Char('0'))))
                    wrong << where + ": the registry reads " + value;
                ++compared;
            }
        }
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.mid(0, 20).join('\n')));
        QVERIFY(compared > 0);
    }

    // Display filters on application fields pick tshark's frames (tshark -2 -Y on the same file,
    // desegmentation off: the frame numbers below are its answers).
    void filtersPickTsharksFrames_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("frames");
        QTest::newRow("imap command") << "textlines.pcap" << "imap.request.command == \"LOGIN\"" << "49";
        QTest::newRow("smtp code") << "textlines.pcap" << "smtp.response.code == 250" << "6,8,10,14";
        QTest::newRow("ftp command") << "textlines.pcap" << "ftp.request.command == \"USER\"" << "21";
        QTest::newRow("pop") << "textlines.pcap" << "pop" << "34,35,36,37,38,39,40,41,42,43,44";
        QTest::newRow("pop indicator") << "textlines.pcap" << "pop.response.indicator == \"-ERR\"" << "42";
        QTest::newRow("http method") << "loopback-http.pcap" << "http.request.method == \"GET\"" << "4";
        QTest::newRow("http code") << "loopback-http.pcap" << "http.response.code == 200" << "6";
        QTest::newRow("dns name") << "lo-dnstcp.pcapng" << "dns.qry.name == \"b.example.test\"" << "4";
    }
    void filtersPickTsharksFrames()
    {
        QFETCH(QString, file);
        QFETCH(QString, filter);
        QFETCH(QString, frames);
        AnalysedCapture capture;
        std::string error;
        QVERIFY(capture.open(QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(file).toStdString(), error));
        capture.analyse();
        DisplayFilter f;
        QVERIFY2(f.compile(filter.toStdString(), error), error.c_str());
        const std::vector<uint8_t> mask = filterFrames(f, capture);
        QStringList shown;
        for (size_t i = 0; i < mask.size(); ++i)
            if (mask[i])
                shown << QString::number(i + 1);
        QCOMPARE(shown.join(','), frames);
    }

    // A PDU put together from several segments is fed as one span; its nodes then cover no
    // frame bytes, and the layout is the same as for one segment.
    void reassembledSpanDecodesAlike()
    {
        const QByteArray http = "GET /a?x=1&y=2 HTTP/1.1\r\nHost: example.test\r\nCookie: a=b; c=d\r\n\r\n";
        AppPayload p;
        p.bytes = std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(http.constData()), size_t(http.size()));
        p.frameOffset = 54;
        DetailTree inFrame;
        QVERIFY(buildHttpTree(inFrame, p));
        p.inFrame = false;
        DetailTree reassembled;
        QVERIFY(buildHttpTree(reassembled, p));
        QCOMPARE(reassembled.text(), inFrame.text());
        const QString text = QString::fromStdString(inFrame.text());
        QVERIFY2(text.contains("            Request URI Query: x=1&y=2\n                Request URI Query Parameter: x=1\n"), qPrintable(text));
        QVERIFY(text.contains("        Cookie pair: c=d\n"));
        QVERIFY(text.contains("    [Full request URI: http://example.test/a?x=1&y=2]\n"));
        for (const DetailNode& n : reassembled.nodes())
            QCOMPARE(n.length, 0u);
        const int32_t host = findNode(inFrame, "Host: ");
        QVERIFY(host >= 0);
        QCOMPARE(inFrame.nodes()[size_t(host)].offset, 54u + uint32_t(http.indexOf("Host: ")));
        QCOMPARE(inFrame.nodes()[size_t(host)].length, uint32_t(strlen("Host: example.test\r\n")));
    }

    // Bytes that are not the protocol: nothing added, so the tree shows no bogus layer.
    void rejectsOtherBytes()
    {
        const uint8_t junk[] = {0x00, 0x01, 0x02};
        AppPayload p;
        p.bytes = junk;
        DetailTree t;
        QVERIFY(!buildDnsTree(t, p)); // shorter than a DNS header (with TCP's length prefix)
        QVERIFY(!buildLineTree(t, p, "TELNET"));
        QVERIFY(t.nodes().empty());
    }
};

QTEST_APPLESS_MAIN(TestAppLayers)
#include "tst_applayers.moc"
