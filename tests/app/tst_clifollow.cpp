// `synflow-cli follow FILE tcp N --format ascii|hex|raw` against tshark's `-z follow,tcp,FORMAT,N`
// itself, byte for byte, on every shared and own capture (the first streams and the last), and
// the command's refusals.
#include "common/oracletsv.h"

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
std::map<QString, QByteArray> splitBlocks(const QByteArray& text)
{
    std::map<QString, QByteArray> blocks;
    const QByteArray rule = "\n===================================================================\nFollow: tcp,";
    for (qsizetype at = text.indexOf(rule); at >= 0;) {
        const qsizetype next = text.indexOf(rule, at + 1);
        const QByteArray block = text.mid(at, next < 0 ? -1 : next - at);
        static const QRegularExpression head(QStringLiteral("Follow: tcp,(\\w+)\nFilter: tcp.stream eq (\\d+)"));
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
        QStringList args{QStringLiteral("-r"), capture, QStringLiteral("-q")};
        for (int s : chosen)
            if (s >= 0 && s < streams)
                for (const char* f : {"ascii", "hex", "raw"})
                    args << QStringLiteral("-z") << QStringLiteral("follow,tcp,%1,%2").arg(QLatin1String(f)).arg(s);
        const Run t = run(QStringLiteral("tshark"), args);
        QCOMPARE(t.code, 0);
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
        QVERIFY2(r.err.contains("only TCP"), r.err.constData());
        // The gap the receiver acknowledged is named, as tshark names it.
        r = cli({capture, QStringLiteral("tcp"), QStringLiteral("0")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("bytes missing in capture file]"));
    }
};

QTEST_MAIN(TestCliFollow)
#include "tst_clifollow.moc"
