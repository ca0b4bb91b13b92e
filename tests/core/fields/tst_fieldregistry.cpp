// The field registry is the single source of field knowledge: every column `synflow-cli fields`
// prints, every name the display filter takes and every field a detail-tree line shows is a
// registry field, and a tree line shows the value the registry reads and prints.
#include "analysis/analysedcapture.h"
#include "capture/capturefile.h"
#include "fields/fieldregistry.h"
#include "filter/displayfilter.h"
#include "output/fieldswriter.h"
#include "tcp/tcptracker.h"
#include "tree/detailtree.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

using namespace synflow;

namespace {

QString describe(const Field& f)
{
    return QStringLiteral("%1 (%2): \"%3\"").arg(QString::fromStdString(f.name), fieldTypeName(f.type), QString::fromStdString(f.description));
}

bool wellFormed(const Field* f)
{
    return f && !f->name.empty() && !f->description.empty() && *fieldTypeName(f->type) && f->read;
}

// Integers as the label or tshark writes them: decimal or 0x hex.
bool sameNumber(const QString& a, const QString& b)
{
    bool okA = false, okB = false;
    const qlonglong x = a.toLongLong(&okA, 0), y = b.toLongLong(&okB, 0);
    return okA && okB && x == y;
}

// Whether the value part of a label ("0x0800 (IPv4)"-like wording around it) shows `printed`:
// its first word, or the number in its last parentheses ("TCP (6)", "Default (0)").
bool labelShows(const QString& valueText, const QString& printed, FieldType type)
{
    if (type == FieldType::Bool)
        return ((valueText == QLatin1String("Set") || valueText == QLatin1String("True")) && printed == QLatin1String("1"))
            || ((valueText == QLatin1String("Not set") || valueText == QLatin1String("False")) && printed == QLatin1String("0"));
    if (valueText == printed)
        return true;
    QStringList candidates;
    QString first = valueText.section(' ', 0, 0);
    if (first.endsWith(','))
        first.chop(1);
    candidates << first;
    const QRegularExpressionMatch paren = QRegularExpression(QStringLiteral("\\(([^()]*)\\)$")).match(valueText);
    if (paren.hasMatch())
        candidates << paren.captured(1);
    for (const QString& c : candidates)
        if (c == printed || sameNumber(c, printed))
            return true;
    return false;
}

bool hasValue(FieldType t) { return t != FieldType::Protocol && t != FieldType::None && t != FieldType::Bytes; }

} // namespace

class TestFieldRegistry : public QObject {
    Q_OBJECT
private slots:
    void everyFieldIsDescribed()
    {
        QVERIFY(allFields().size() > 100);
        for (const Field& f : allFields()) {
            QVERIFY2(wellFormed(&f), qPrintable(describe(f)));
            QCOMPARE(findField(f.name), &f);
        }
    }

    void fieldsColumnsAreRegistryFields()
    {
        const FieldsWriter writer;
        for (const std::string& c : writer.columns())
            QVERIFY2(wellFormed(findColumnField(c)), c.c_str());
        // The header synflow-cli prints, too.
        QProcess cli;
        cli.start(QStringLiteral(SYNFLOW_CLI), {QStringLiteral("fields"), QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("loopback-http.pcap")});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const QStringList header = QString::fromUtf8(cli.readAllStandardOutput()).section('\n', 0, 0).split('\t');
        QCOMPARE(header.size(), qsizetype(writer.columns().size()));
        for (const QString& c : header)
            QVERIFY2(wellFormed(findColumnField(c.toStdString())), qPrintable(c));
    }

    void filterFieldsAreRegistryFields()
    {
        const std::vector<std::string> names = DisplayFilter::names();
        QVERIFY(names.size() > 100);
        for (const std::string& name : names) {
            QVERIFY2(wellFormed(findField(name)), name.c_str());
            DisplayFilter f;
            std::string error;
            QVERIFY2(f.compile(name, error), error.c_str());
        }
        // Fields a filter is not given what they need for are refused by name, not as unknown.
        for (const char* name : {"_ws.col.info", "frame.time_epoch", "frame.time_delta"}) {
            DisplayFilter f;
            std::string error;
            QVERIFY(findField(name));
            QVERIFY(!f.compile(name, error));
            QVERIFY2(error.find("cannot be filtered on") != std::string::npos, error.c_str());
        }
    }

    // One reading serves filter and columns: tcp.ack and tcp.nxtseq exist wherever the columns
    // print them, as tshark -Y shows (a SYN's Ack is 0; a pure ACK's next sequence number is its own).
    void filterAndColumnsAgree()
    {
        const QString path = QDir(QStringLiteral(SYNFLOW_SHARED_CAPTURES)).filePath("ppa-tcp_handshake.pcapng");
        if (!QFileInfo::exists(path))
            QSKIP("shared captures not found");
        AnalysedCapture capture;
        std::string err;
        QVERIFY2(capture.open(path.toStdString(), err), err.c_str());
        capture.analyse(AnalysedCapture::Depth::Tcp);
        const CaptureFile& file = capture.file();
        const TcpTracker& tracker = *capture.tracker();
        const std::pair<const char*, size_t> cases[] = {{"tcp.ack && tcp.flags.ack == 0", 0}, {"tcp.nxtseq && tcp.len == 0 && tcp.flags.syn == 0", 2}};
        for (const auto& [text, frame] : cases) {
            DisplayFilter f;
            QVERIFY2(f.compile(text, err), err.c_str());
            QVERIFY2(frameMatches(f, file, &tracker, nullptr, frame), text);
        }
    }

    void treeLinesShowRegistryValues_data()
    {
        QTest::addColumn<QString>("path");
        const QDir data(QStringLiteral(SYNFLOW_TEST_DATA));
        for (const char* name : {"loopback-http.pcapng", "lo-zwp.pcapng", "lo-fastretx.pcapng", "lo-gap.pcapng"})
            QTest::newRow(name) << data.filePath(name);
        const QDir shared(QStringLiteral(SYNFLOW_SHARED_CAPTURES));
        for (const char* name : {"ppa-http_ip4and6.pcapng", "ppa-tcp_dupack.pcapng", "ppp-sll.pcap", "ppp-sll2.pcap", "ppp-one_tcp_stream_max_seq.pcap",
                                 "td-mptcp-v1.pcap", "ppa-dns_isp_hijack.pcapng", "gp-be-test202.pcapng", "td-tcp_rst_data-trunc.pcap"})
            if (shared.exists(name))
                QTest::newRow(name) << shared.filePath(name);
    }

    // Every frame: each line that names a field is "[bits = ][[]Description: value[]]" with the
    // registry's description, and the value is one the registry reads and prints for the packet.
    void treeLinesShowRegistryValues()
    {
        QFETCH(QString, path);
        AnalysedCapture capture;
        std::string err;
        QVERIFY2(capture.open(path.toStdString(), err), err.c_str());
        capture.analyse(AnalysedCapture::Depth::Tcp);
        const CaptureFile& file = capture.file();
        const TcpTracker& tracker = *capture.tracker();
        const PacketIndex& index = file.index();
        size_t compared = 0, named = 0;
        QStringList wrong;
        for (size_t i = 0; i < index.size(); ++i) {
            const DecodedPacket d = file.decode(i);
            const TcpPacketAnalysis a = tracker.analysis(uint32_t(i), index, d);
            const DetailTree tree = buildDetailTree(file, i, d, &a);
            FieldSource src;
            src.number = i + 1;
            src.record = &index[i];
            src.decoded = &d;
            src.time = file.exactTime(i);
            src.timeRelativeNs = nsBetween(index[i].tsNs, index[0].tsNs);
            src.timeDeltaNs = i ? nsBetween(index[i].tsNs, index[i - 1].tsNs) : 0;
            src.tcp = a.valid ? &a : nullptr;
            const std::vector<std::string> comments = file.packetComments(i);
            src.comments = &comments;
            for (const DetailNode& n : tree.nodes()) {
                if (!n.field)
                    continue;
                ++named;
                const Field& f = *n.field;
                const QString where = QStringLiteral("frame %1, \"%2\", %3").arg(i + 1).arg(QString::fromStdString(n.label), describe(f));
                if (findField(f.name) != &f) {
                    wrong << where + ": not a registry field";
                    continue;
                }
                const FieldValues values = f.values(src);
                if (values.empty()) {
                    wrong << where + ": the registry reads no value";
                    continue;
                }
                QString label = QString::fromStdString(n.label);
                // tshark shows a packet comment as its text alone, under "Packet comments".
                if (f.name == "frame.comment")
                    label = QString::fromStdString(f.description) + QStringLiteral(": ") + label;
                static const QRegularExpression bitPicture(QStringLiteral("^[01.]{4}( [01.]{4})* = "));
                label.remove(bitPicture);
                if (label.startsWith('[') && label.endsWith(']'))
                    label = label.mid(1, label.size() - 2);
                const QString description = QString::fromStdString(f.description);
                if (!hasValue(f.type)) {
                    if (!label.contains(description))
                        wrong << where + ": the label does not name the field";
                    continue;
                }
                const QString prefix = description + QStringLiteral(": ");
                if (!label.startsWith(prefix)) {
                    wrong << where + ": the label does not start with the field's description";
                    continue;
                }
                const QString valueText = label.mid(prefix.size()).trimmed();
                QStringList printed;
                bool shown = false;
                for (const FieldValue& v : values) {
                    std::string s;
                    appendFieldValue(s, f, v);
                    printed << QString::fromStdString(s);
                    shown = shown || labelShows(valueText, printed.back(), f.type);
                }
                if (!shown)
                    wrong << where + ": the registry prints " + printed.join(',');
                ++compared;
            }
        }
        QVERIFY2(wrong.isEmpty(), qPrintable(QStringLiteral("%1 of %2 lines:\n  ").arg(wrong.size()).arg(named) + wrong.mid(0, 20).join("\n  ")));
        QVERIFY(compared > 0);
        qInfo("%zu lines name a field, %zu values compared", named, compared);
    }
};

QTEST_GUILESS_MAIN(TestFieldRegistry)
#include "tst_fieldregistry.moc"
