// pcapng packet comments (opt_comment, several per packet) read as tshark 4.0 reads them —
// frame.comment in fields and filters, the "Packet comments" tree — and written back: a save
// with edited comments round-trips, keeps every other option, and tshark reads it the same.
#include "analysis/analysedcapture.h"
#include "capture/capturefile.h"
#include "capture/capturesaver.h"
#include "common/craftedcapture.h"
#include "fields/fieldregistry.h"
#include "filter/displayfilter.h"
#include "tree/detailtree.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

using namespace synflow;

namespace {

// A pcapng written byte by byte in either byte order (not by our writer: the reader is checked
// against tshark on bytes it did not make).
class RawPcapNg {
public:
    explicit RawPcapNg(bool big) : big_(big) { }
    void u16(QByteArray& b, quint16 v) const
    {
        char x[2];
        big_ ? qToBigEndian(v, x) : qToLittleEndian(v, x);
        b.append(x, 2);
    }
    void u32(QByteArray& b, quint32 v) const
    {
        char x[4];
        big_ ? qToBigEndian(v, x) : qToLittleEndian(v, x);
        b.append(x, 4);
    }
    void option(QByteArray& b, quint16 code, const QByteArray& v) const
    {
        u16(b, code);
        u16(b, quint16(v.size()));
        b += v;
        while (b.size() % 4)
            b += '\0';
    }
    QByteArray block(quint32 type, const QByteArray& body) const
    {
        QByteArray b;
        u32(b, type);
        u32(b, quint32(12 + body.size()));
        b += body;
        u32(b, quint32(12 + body.size()));
        return b;
    }
    // Section header; its length "unspecified" unless `statedLength` (then filled in by finish()).
    QByteArray header(bool statedLength) const
    {
        QByteArray body;
        u32(body, 0x1A2B3C4D);
        u16(body, 1);
        u16(body, 0);
        u32(body, 0xffffffff);
        u32(body, 0xffffffff);
        stated_ = statedLength;
        return block(0x0A0D0D0A, body);
    }
    QByteArray interface() const
    {
        QByteArray body;
        u16(body, 1); // Ethernet
        u16(body, 0);
        u32(body, 65535);
        option(body, 2, "eth0");
        option(body, 0, {});
        return block(1, body);
    }
    QByteArray packet(quint32 usec, const QByteArray& frame, const QList<QByteArray>& comments, bool flags) const
    {
        QByteArray body;
        u32(body, 0);
        u32(body, 0x5f5e1);
        u32(body, usec);
        u32(body, quint32(frame.size()));
        u32(body, quint32(frame.size()));
        body += frame;
        while (body.size() % 4)
            body += '\0';
        QByteArray opts;
        for (const QByteArray& c : comments)
            option(opts, 1, c);
        if (flags) {
            QByteArray f;
            u32(f, 0x1); // epb_flags: inbound
            option(opts, 2, f);
        }
        if (!opts.isEmpty())
            option(opts, 0, {});
        return block(6, body + opts);
    }
    // Fills in the stated section length when asked for.
    QByteArray finish(QByteArray file) const
    {
        if (stated_) {
            const quint32 shbLen = big_ ? qFromBigEndian<quint32>(file.constData() + 4) : qFromLittleEndian<quint32>(file.constData() + 4);
            // 64 bits in the section's order: the low word first in little-endian, last in big-endian.
            QByteArray low, high;
            u32(low, quint32(file.size() - shbLen));
            u32(high, 0);
            file.replace(16, 8, big_ ? high + low : low + high);
        }
        return file;
    }

private:
    bool big_;
    mutable bool stated_ = false;
};

// Four packets: two comments and a flags option; none; one comment cut by a NUL; a comment
// with a comma, quotes and non-ASCII text.
QByteArray commentedCapture(bool big, bool statedLength)
{
    using test::tcpFrame;
    const RawPcapNg w(big);
    QByteArray f = w.header(statedLength) + w.interface();
    f += w.packet(1, tcpFrame(1, 2, 40000, 80, 100, 0, 0x02), {"first comment", "second, with \xc3\xbcn\xc3\xaf" "code"}, true);
    f += w.packet(2, tcpFrame(2, 1, 80, 40000, 500, 101, 0x12), {}, false);
    f += w.packet(3, tcpFrame(1, 2, 40000, 80, 101, 501, 0x10), {QByteArray("cut\0here", 8)}, false);
    f += w.packet(4, tcpFrame(1, 2, 40000, 80, 101, 501, 0x18, "GET /"), {"say \"hello\", then wait"}, true);
    return w.finish(f);
}

QString write(QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size())
        return {};
    return path;
}

QStringList tshark(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral("tshark"), args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {QStringLiteral("tshark failed: ") + QString::fromUtf8(p.readAllStandardError())};
    QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

// frame.comment of every frame, as tshark -T fields prints it (occurrences joined by commas).
QStringList ourCommentField(const CaptureFile& file)
{
    const Field* field = findField("frame.comment");
    QStringList out;
    for (size_t i = 0; i < file.packetCount(); ++i) {
        const std::vector<std::string> comments = file.packetComments(i);
        FieldSource s;
        s.number = i + 1;
        s.record = &file.index()[i];
        s.comments = &comments;
        std::string line;
        appendFieldValues(line, *field, field->values(s));
        out << QString::fromStdString(line);
    }
    return out;
}

QStringList theirCommentField(const QString& path) { return tshark({"-r", path, "-T", "fields", "-e", "frame.comment"}); }

bool haveTshark() { return !QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty(); }

std::vector<std::vector<std::string>> commentsOf(const CaptureFile& file)
{
    std::vector<std::vector<std::string>> out;
    for (size_t i = 0; i < file.packetCount(); ++i)
        out.push_back(file.packetComments(i));
    return out;
}

} // namespace

class TestPacketComments : public QObject {
    Q_OBJECT
private slots:
    void readsAsTshark_data()
    {
        QTest::addColumn<bool>("big");
        QTest::addColumn<bool>("statedLength");
        QTest::newRow("little-endian") << false << false;
        QTest::newRow("big-endian") << true << false;
        QTest::newRow("section length stated") << false << true;
        QTest::newRow("big-endian, length stated") << true << true;
    }
    void readsAsTshark()
    {
        QFETCH(bool, big);
        QFETCH(bool, statedLength);
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("c.pcapng"), commentedCapture(big, statedLength));
        AnalysedCapture capture;
        std::string error;
        QVERIFY2(capture.open(path.toStdString(), error), error.c_str());
        capture.analyse();
        const CaptureFile& file = capture.file();
        QCOMPARE(file.packetCount(), size_t(4));
        QCOMPARE(file.packetComments(0), (std::vector<std::string>{"first comment", "second, with \xc3\xbcn\xc3\xaf" "code"}));
        QVERIFY(file.packetComments(1).empty());
        QCOMPARE(file.packetComments(2).size(), size_t(1));
        // The detail tree: a "Packet comments" tree before the frame, as tshark -V prints it.
        const DetailTree tree = buildDetailTree(capture, 0);
        const QStringList lines = QString::fromStdString(tree.text()).split(QLatin1Char('\n'));
        QCOMPARE(lines.value(0), QStringLiteral("Packet comments"));
        QCOMPARE(lines.value(1), QStringLiteral("    first comment"));
        QVERIFY2(lines.value(6).startsWith(QStringLiteral("    second, with ")), qPrintable(lines.join(QLatin1Char('\n'))));
        if (!haveTshark())
            QSKIP("tshark is not installed: cannot compare with it");
        QCOMPARE(ourCommentField(file), theirCommentField(path));
        // -V: every line of tshark's "Packet comments" tree is ours, in order (packets are
        // separated by an empty line; the comments come before the "Frame" line, matched whole).
        const QStringList all = tshark({"-r", path, "-V"});
        int frame = 0;
        for (qsizetype at = 0; at < all.size(); ++frame) {
            QVERIFY(frame < 4);
            const qsizetype end = all.indexOf(QRegularExpression(QStringLiteral("Frame .*")), at);
            QVERIFY2(end >= at, qPrintable(all.mid(at).join(QLatin1Char('\n'))));
            const QStringList theirs = all.mid(at, end - at);
            const QStringList ours = QString::fromStdString(buildDetailTree(capture, size_t(frame)).text()).split(QLatin1Char('\n')).mid(0, theirs.size());
            QCOMPARE(ours, theirs);
            at = all.indexOf(QString(), end);
            at = at < 0 ? all.size() : at + 1;
        }
        QCOMPARE(frame, 4);
        if (big || statedLength)
            return; // the filters read the same comments whatever the byte order
        // Display filters on the comment, as tshark -Y selects.
        for (const char* text : {"frame.comment", "frame.comment contains \"sec\"", "frame.comment == \"cut\"", "!frame.comment",
                                 "frame.comment contains \"hello\" && tcp.len > 0", "frame.comment contains \"\xc3\xbc\""}) {
            DisplayFilter filter;
            QVERIFY2(filter.compile(text, error), error.c_str());
            QStringList ours;
            for (size_t i = 0; i < file.packetCount(); ++i)
                if (frameMatches(filter, file, capture.tracker(), capture.protocols(), i))
                    ours << QString::number(i + 1);
            QCOMPARE(ours, tshark({"-r", path, "-Y", QString::fromUtf8(text), "-T", "fields", "-e", "frame.number"}));
        }
    }

    void editsOverlayTheFile()
    {
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("c.pcapng"), commentedCapture(false, false));
        CaptureFile file;
        std::string error;
        QVERIFY(file.open(path.toStdString(), error));
        file.indexAll();
        const uint64_t before = file.commentEdits().revision();
        file.commentEdits().set(1, {"added"});
        file.commentEdits().set(0, {});
        QVERIFY(file.commentEdits().revision() > before);
        QCOMPARE(file.packetComments(1), std::vector<std::string>{"added"});
        QVERIFY(file.packetComments(0).empty());
        QCOMPARE(file.fileComments(0).size(), size_t(2)); // the file itself is unchanged
    }

    void savesCommentsAndReadsBack_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("format"); // of the source file
        QTest::newRow("pcapng little-endian") << QStringLiteral("le") << QStringLiteral("pcapng");
        QTest::newRow("pcapng big-endian, length stated") << QStringLiteral("be") << QStringLiteral("pcapng");
        QTest::newRow("pcap source") << QStringLiteral(SYNFLOW_TEST_DATA "/loopback-http.pcap") << QStringLiteral("pcap");
    }
    void savesCommentsAndReadsBack()
    {
        QFETCH(QString, source);
        QTemporaryDir dir;
        QString path = source;
        if (source == QLatin1String("le") || source == QLatin1String("be"))
            path = write(dir, QStringLiteral("in.pcapng"), commentedCapture(source == QLatin1String("be"), source == QLatin1String("be")));
        CaptureFile file;
        std::string error;
        QVERIFY2(file.open(path.toStdString(), error), error.c_str());
        file.indexAll();
        const size_t n = file.packetCount();
        QVERIFY(n >= 4);
        std::vector<std::vector<std::string>> expected = commentsOf(file);
        const std::vector<std::pair<uint32_t, std::vector<std::string>>> edits{
            {0, {"edited \xe2\x80\x94 one", "two"}}, {1, {"a new one"}}, {3, {}}, {uint32_t(n - 1), {"the last, \"quoted\""}}};
        for (const auto& [frame, comments] : edits) {
            file.commentEdits().set(frame, comments);
            expected[frame] = comments;
        }
        const QString out = dir.filePath(QStringLiteral("out.pcapng"));
        QVERIFY2(saveCapture(file, out.toStdString(), SaveFormat::PcapNg, error), error.c_str());
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("out.pcapng*")}, QDir::Files), QStringList{QStringLiteral("out.pcapng")}); // no temporary left
        CaptureFile back;
        QVERIFY2(back.open(out.toStdString(), error), error.c_str());
        back.indexAll();
        QVERIFY(!back.damage());
        QCOMPARE(back.packetCount(), n);
        QCOMPARE(commentsOf(back), expected);
        for (size_t i = 0; i < n; ++i) {
            const auto a = file.packetBytes(i), b = back.packetBytes(i);
            QVERIFY(std::equal(a.begin(), a.end(), b.begin(), b.end()));
            QCOMPARE(back.exactTime(i).sec, file.exactTime(i).sec);
            QCOMPARE(back.exactTime(i).nsec, file.exactTime(i).nsec);
        }
        if (!haveTshark())
            QSKIP("tshark is not installed: cannot compare with it");
        // tshark reads the saved comments as we do, and the other options are still there.
        QCOMPARE(ourCommentField(back), theirCommentField(out));
        if (source == QLatin1String("le") || source == QLatin1String("be"))
            QCOMPARE(tshark({"-r", out, "-T", "fields", "-e", "frame.packet_flags"}), tshark({"-r", path, "-T", "fields", "-e", "frame.packet_flags"}));
    }

    void pcapCannotHoldComments()
    {
        QTemporaryDir dir;
        CaptureFile file;
        std::string error;
        QVERIFY(file.open(SYNFLOW_TEST_DATA "/loopback-http.pcapng", error));
        file.indexAll();
        file.commentEdits().set(0, {"kept only in pcapng"});
        const QString out = dir.filePath(QStringLiteral("out.pcap"));
        QVERIFY(!saveCapture(file, out.toStdString(), SaveFormat::Pcap, error));
        QVERIFY2(QString::fromStdString(error).contains(QLatin1String("pcapng")), error.c_str());
        QVERIFY(!QFile::exists(out));
    }

    void replacesTheSourceOnlyWhenAsked()
    {
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("lesson.pcapng"), commentedCapture(false, false));
        const QByteArray original = [&] {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        CaptureFile file;
        std::string error;
        QVERIFY(file.open(path.toStdString(), error));
        file.indexAll();
        file.commentEdits().set(1, {"teacher's note"});
        QVERIFY(!saveCapture(file, path.toStdString(), SaveFormat::PcapNg, error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), original); // untouched
        f.close();
        QVERIFY2(saveCapture(file, path.toStdString(), SaveFormat::PcapNg, error, true), error.c_str());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("lesson.pcapng")}); // no temporary left
        CaptureFile back;
        QVERIFY(back.open(path.toStdString(), error));
        back.indexAll();
        QCOMPARE(back.packetComments(1), std::vector<std::string>{"teacher's note"});
        QCOMPARE(back.packetComments(0).size(), size_t(2));
    }
};

QTEST_GUILESS_MAIN(TestPacketComments)
#include "tst_packetcomments.moc"
