// `synflow-cli follow FILE tcp N --format ascii|hex|raw` against tshark's `-z follow,tcp,FORMAT,N`
// itself, byte for byte, on every shared and own capture (the first streams and the last), and
// the command's refusals.
#include "common/oracletsv.h"
#include "common/tsharkoutput.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include <set>

namespace {

struct Run {
    int code = -1;
    QByteArray out, err;
};

Run run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

// tshark prints one block per -z follow; keyed "FORMAT N".
std::map<QString, QByteArray> splitBlocks(const QByteArray& text, const QByteArray& proto = "tcp")
{
    std::map<QString, QByteArray> blocks;
    const QByteArray rule = "\n===================================================================\nFollow: " + proto + ",";
    for (qsizetype at = text.indexOf(rule); at >= 0;) {
        const qsizetype next = text.indexOf(rule, at + 1);
        const QByteArray block = text.mid(at, next < 0 ? -1 : next - at);
        const QRegularExpression head(QStringLiteral("Follow: %1,(\\w+)\nFilter: %1.stream eq (\\d+)").arg(QString::fromLatin1(proto)));
        const auto m = head.match(QString::fromLatin1(block.left(200)));
        if (m.hasMatch())
            blocks[m.captured(1) + ' ' + m.captured(2)] = block;
        at = next;
    }
    return blocks;
}

int streamCount(const QString& capture)
{
    const Run r = run(QStringLiteral(SYNFLOW_CLI), {QStringLiteral("conv"), capture, QStringLiteral("--format"), QStringLiteral("tsv")});
    return int(r.out.count('\n')) - 1;
}

} // namespace

class TestCliFollow : public QObject {
    Q_OBJECT
private slots:
    void sameAsTshark_data()
    {
        QTest::addColumn<QString>("capture");
        if (QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty())
            QSKIP("tshark is not installed (packaging/build-deps.txt lists it)");
        const QDir data(QStringLiteral(SYNFLOW_TEST_DATA));
        for (const QString& f : data.entryList({"*.pcap", "*.pcapng"}, QDir::Files))
            QTest::newRow(qPrintable(f)) << data.filePath(f);
        for (const auto& [name, path] : synflow::test::sharedCapturesWithOracle())
            QTest::newRow(qPrintable(name)) << path;
    }
    void sameAsTshark()
    {
        QFETCH(QString, capture);
        const int streams = streamCount(capture);
        if (streams <= 0)
            QSKIP("no TCP stream");
        std::set<int> chosen{0, 1, 2, streams - 1};
        QStringList args{QStringLiteral("-q")};
        for (int s : chosen)
            if (s >= 0 && s < streams)
                for (const char* f : {"ascii", "hex", "raw"})
                    args << QStringLiteral("-z") << QStringLiteral("follow,tcp,%1,%2").arg(QLatin1String(f)).arg(s);
        const synflow::test::TsharkRun t = synflow::test::tsharkOutput(capture, args);
        QCOMPARE(t.exitCode, 0);
        const auto expected = splitBlocks(t.out);
        QVERIFY(!expected.empty());
        for (const auto& [key, block] : expected) {
            const QStringList k = key.split(' ');
            const Run ours = run(QStringLiteral(SYNFLOW_CLI), {QStringLiteral("follow"), capture, QStringLiteral("tcp"), k[1],
                                                              QStringLiteral("--format"), k[0]});
            QVERIFY2(ours.code == 0 || ours.code == 2, ours.err.constData()); // 2: a damaged capture, said on stderr
            if (ours.out != block) {
                const QList<QByteArray> a = block.split('\n'), b = ours.out.split('\n');
                qsizetype line = 0;
                while (line < a.size() && line < b.size() && a[line] == b[line])
                    ++line;
                QFAIL(qPrintable(QStringLiteral("%1 stream %2 %3: line %4 differs\n  tshark: %5\n  ours:   %6")
                                     .arg(QFileInfo(capture).fileName(), k[1], k[0])
                                     .arg(line + 1)
                                     .arg(QString::fromLatin1(a.value(line).left(120)), QString::fromLatin1(b.value(line).left(120)))));
            }
        }
    }

    // Follow UDP: udp.stream numbering and each datagram's payload, byte for byte as tshark.
    void udpSameAsTshark_data() { sameAsTshark_data(); }
    void udpSameAsTshark()
    {
        QFETCH(QString, capture);
        // Our count of UDP streams, from the refusal of one past the last.
        const Run probe = run(QStringLiteral(SYNFLOW_CLI), {QStringLiteral("follow"), capture, QStringLiteral("udp"), QStringLiteral("4294967295")});
        static const QRegularExpression count(QStringLiteral("the capture has (\\d+)"));
        const auto m = count.match(QString::fromUtf8(probe.err));
        QVERIFY2(m.hasMatch(), probe.err.constData());
        const int streams = m.captured(1).toInt();
        if (streams <= 0)
            QSKIP("no UDP stream");
        std::set<int> chosen{0, 1, streams - 1};
        chosen.erase(streams); // a capture of one stream
        QStringList args{QStringLiteral("-q")};
        for (int s : chosen)
            for (const char* f : {"ascii", "hex", "raw"})
                args << QStringLiteral("-z") << QStringLiteral("follow,udp,%1,%2").arg(QLatin1String(f)).arg(s);
        const synflow::test::TsharkRun t = synflow::test::tsharkOutput(capture, args);
        QVERIFY(t.exitCode == 0 || probe.code == 2); // a damaged capture: both print what was before it
        const auto expected = splitBlocks(t.out, "udp");
        QCOMPARE(expected.size(), chosen.size() * 3); // every stream we count, tshark has
        for (auto [key, block] : expected) {
            const QStringList k = key.split(' ');
            const Run ours = run(QStringLiteral(SYNFLOW_CLI), {QStringLiteral("follow"), capture, QStringLiteral("udp"), k[1],
                                                              QStringLiteral("--format"), k[0]});
            QVERIFY2(ours.code == 0 || ours.code == 2, ours.err.constData());
            // tshark leaves the nodes empty (":0") when an IPv6 routing header is in the way
            // (core/follow/TSHARK_DIFFERENCES.md); we name them.
            if (block.contains("\nNode 0: :0\nNode 1: :0\n")) {
                const qsizetype at = ours.out.indexOf("\nNode 0: ");
                const qsizetype end = ours.out.indexOf("\nNode 1: ", at);
                QVERIFY(at > 0 && end > 0);
                block.replace("\nNode 0: :0\nNode 1: :0\n", ours.out.mid(at, ours.out.indexOf('\n', end + 1) - at + 1));
            }
            QCOMPARE(QString::fromLatin1(ours.out), QString::fromLatin1(block));
        }
    }

    void refusals()
    {
        const QString capture = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("lo-gap.pcapng"));
        const auto cli = [&](const QStringList& a) { return run(QStringLiteral(SYNFLOW_CLI), QStringList{QStringLiteral("follow")} + a); };
        Run r = cli({capture, QStringLiteral("tcp"), QStringLiteral("99")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("no TCP stream 99"), r.err.constData());
        QVERIFY(r.out.isEmpty());
        r = cli({capture, QStringLiteral("tcp"), QStringLiteral("1x")});
        QCOMPARE(r.code, 2);
        r = cli({capture, QStringLiteral("tcp"), QStringLiteral("0"), QStringLiteral("--format"), QStringLiteral("yaml")});
        QCOMPARE(r.code, 2);
        r = cli({capture, QStringLiteral("udp"), QStringLiteral("0")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("no UDP stream 0"), r.err.constData());
        r = cli({capture, QStringLiteral("sctp"), QStringLiteral("0")});
        QCOMPARE(r.code, 2);
        // The gap the receiver acknowledged is named, as tshark names it.
        r = cli({capture, QStringLiteral("tcp"), QStringLiteral("0")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("bytes missing in capture file]"));
    }
};

QTEST_MAIN(TestCliFollow)
#include "tst_clifollow.moc"
