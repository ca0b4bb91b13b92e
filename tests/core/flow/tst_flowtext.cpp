// The flow graph's text export against tshark -z flow,tcp,standard: every arrow's time,
// label, comment, ports and direction (and conversation, when tshark prints it).
#include "analysis/analysedcapture.h"
#include "flow/flowgraph.h"
#include "flow/flowsvg.h"

#include "common/oracletsv.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QImage>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

struct Arrow {
    QString conv, time, label, comment, left, right;
    bool forward = true;
    bool operator==(const Arrow& o) const
    {
        return conv == o.conv && time == o.time && label == o.label && comment == o.comment && left == o.left && right == o.right
            && forward == o.forward;
    }
    QString text() const
    {
        return QStringLiteral("[%1] %2 %3 | %4 | (%5) %6 (%7)").arg(conv, time, label, comment, left, forward ? "->" : "<-", right);
    }
};

QList<Arrow> parse(const QString& text)
{
    static const QRegularExpression row("^(?:\\s*(\\d+)\\s*)?\\|\\s*(-?\\d+\\.\\d+)\\s*\\|(.*)$");
    static const QRegularExpression line("\\((\\d+)\\)\\s+(-+>|<-+)\\s+\\((\\d+)\\)");
    const QStringList lines = text.split('\n');
    QList<Arrow> out;
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        const auto m = row.match(lines[i]);
        const auto a = line.match(lines[i + 1]);
        if (!m.hasMatch() || !a.hasMatch())
            continue;
        const QString rest = m.captured(3);
        const qsizetype bar = rest.lastIndexOf('|');
        Arrow x;
        x.conv = m.captured(1);
        x.time = m.captured(2);
        x.label = rest.left(bar).replace('|', ' ').simplified();
        x.comment = rest.mid(bar + 1).trimmed();
        x.left = a.captured(1);
        x.forward = a.captured(2).startsWith('-');
        x.right = a.captured(3);
        out << x;
        ++i;
    }
    return out;
}

QString readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// Byte for byte: the lifelines' padding, the lines between conversations, 40 lifelines at most;
// then arrow by arrow, for a readable failure.
void compareWithOracle(const QString& text, const QString& oracle)
{
    const QString expected = readFile(oracle);
    const QStringList ourLines = text.split('\n'), theirLines = expected.split('\n');
    for (qsizetype i = 0; i < std::min(ourLines.size(), theirLines.size()); ++i)
        QVERIFY2(ourLines[i] == theirLines[i],
                 qPrintable(QStringLiteral("line %1\n tshark: %2\n ours:   %3").arg(i + 1).arg(theirLines[i].left(300), ourLines[i].left(300))));
    QCOMPARE(ourLines.size(), theirLines.size());
    const QList<Arrow> ours = parse(text);
    const QList<Arrow> theirs = parse(expected);
    QCOMPARE(ours.size(), theirs.size());
    for (qsizetype i = 0; i < ours.size(); ++i)
        QVERIFY2(ours[i] == theirs[i], qPrintable(QStringLiteral("arrow %1\n tshark: %2\n ours:   %3").arg(i).arg(theirs[i].text(), ours[i].text())));
}

} // namespace

class TestFlowText : public QObject {
    Q_OBJECT
private slots:
    // Every capture of the main and breadth sets, those tshark draws nothing for too (a TCP header
    // the capture cut is not in tshark's TCP tap); `drawn` keeps those with arrows.
    static void oracleRows(bool drawnOnly)
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("oracle");
        const QDir data(QStringLiteral(SYNFLOW_TEST_DATA));
        QTest::newRow("own loopback-http") << data.filePath("loopback-http.pcap") << data.filePath("oracle/loopback-http.flow.txt");
        for (const QString& set : {QString(), QStringLiteral("breadth")}) {
            const QDir dir(set.isEmpty() ? synflow::test::sharedCapturesDir() : QDir(synflow::test::sharedCapturesDir()).filePath(set));
            for (const auto& [name, path] : synflow::test::sharedCapturesWithOracle(set)) {
                const QString flow = dir.filePath("oracle/" + name + ".flow.txt");
                if (QFileInfo::exists(flow) && (!drawnOnly || QFileInfo(flow).size() > 0))
                    QTest::newRow(qPrintable(name)) << path << flow;
            }
        }
    }
    void matchesTshark_data() { oracleRows(false); }
    void matchesTshark()
    {
        // In the process, the way `synflow-cli flow FILE` writes it (arrows streamed from a second
        // build): a process per capture made this the sanitizer run's longest suite.
        QFETCH(QString, capture);
        QFETCH(QString, oracle);
        synflow::AnalysedCapture ac;
        std::string error;
        QVERIFY2(ac.open(capture.toStdString(), error), error.c_str());
        ac.analyse();
        ac.releaseTrackingLookup();
        const synflow::FlowOptions o;
        size_t arrows = 0;
        synflow::FlowGraph graph;
        graph.build(ac, o, [&](const synflow::FlowGraph&, const synflow::FlowArrow&) { ++arrows; });
        std::string text;
        if (arrows > 0) {
            synflow::FlowTextWriter writer(graph, [&](std::string_view piece) { text += piece; });
            writer.header();
            graph.build(ac, o, [&](const synflow::FlowGraph& g, const synflow::FlowArrow& a) { writer.row(g, a); });
        }
        compareWithOracle(QString::fromStdString(text), oracle);
    }

    // The command itself on every 40th capture (and one whose file is damaged: exit 2, what was
    // read is drawn).
    void commandMatchesTshark_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("oracle");
        const QDir data(QStringLiteral(SYNFLOW_TEST_DATA));
        QTest::newRow("own loopback-http") << data.filePath("loopback-http.pcap") << data.filePath("oracle/loopback-http.flow.txt");
        int k = 0;
        for (const QString& set : {QString(), QStringLiteral("breadth")}) {
            const QDir dir(set.isEmpty() ? synflow::test::sharedCapturesDir() : QDir(synflow::test::sharedCapturesDir()).filePath(set));
            for (const auto& [name, path] : synflow::test::sharedCapturesWithOracle(set)) {
                const QString flow = dir.filePath("oracle/" + name + ".flow.txt");
                if (QFileInfo::exists(flow) && (k++ % 40 == 0 || name == QLatin1String("gp-le-test901")))
                    QTest::newRow(qPrintable(name)) << path << flow;
            }
        }
    }
    void commandMatchesTshark()
    {
        QFETCH(QString, capture);
        QFETCH(QString, oracle);
        QProcess p;
        p.start(QStringLiteral(SYNFLOW_CLI), {"flow", capture});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0 || p.exitCode() == 2, qPrintable(QString::number(p.exitCode()))); // 2: damage reported, what was read is drawn
        compareWithOracle(QString::fromUtf8(p.readAllStandardOutput()), oracle);
    }

    void svgHasOneArrowPerPacket_data() { oracleRows(true); }
    void svgHasOneArrowPerPacket()
    {
        // In the process, as `flow --format svg` draws it (one process per capture made this the
        // sanitizer run's longest suite; the command's own wiring is checked below).
        QFETCH(QString, capture);
        QFETCH(QString, oracle);
        synflow::AnalysedCapture ac;
        std::string error;
        QVERIFY2(ac.open(capture.toStdString(), error), error.c_str());
        ac.analyse();
        QVERIFY(!ac.file().damage()); // these captures are whole: the command draws them and exits 0
        synflow::FlowGraph graph;
        graph.build(ac, synflow::FlowOptions());
        const std::string svg = synflow::flowSvg(graph);
        QXmlStreamReader xml(QByteArray::fromStdString(svg));
        int arrows = 0, texts = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement) {
                if (xml.name() == QLatin1String("g") && xml.attributes().value("class") == QLatin1String("arrow"))
                    ++arrows;
                if (xml.name() == QLatin1String("text"))
                    ++texts;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(arrows, int(parse(readFile(oracle)).size())); // one per packet in scope
        QVERIFY(texts > arrows * 3);                          // labels stay text
    }

    // "All flows": other protocols get arrows too, labelled with their Info and named in the comment.
    void allFlowsIncludeOtherProtocols()
    {
        const QString cap = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("loopback-http.pcap");
        QProcess tcp, all;
        tcp.start(QStringLiteral(SYNFLOW_CLI), {"flow", cap});
        all.start(QStringLiteral(SYNFLOW_CLI), {"flow", cap, "--type", "all"});
        QVERIFY(tcp.waitForFinished(60000) && all.waitForFinished(60000));
        const QStringList t = QString::fromUtf8(tcp.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        const QStringList a = QString::fromUtf8(all.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(t.size(), 2 + 2 * 11); // header, then two lines an arrow
        QCOMPARE(a.size(), 2 + 2 * 12); // and the UDP datagram
        QVERIFY2(a[a.size() - 2].endsWith(QStringLiteral("|UDP")) && a[a.size() - 2].contains(QStringLiteral("50058")),
                 qPrintable(a[a.size() - 2]));
        QVERIFY(a.mid(0, a.size() - 2) == t); // the TCP arrows are the same
        QProcess explain; // teaching steps: the datagram is told as what it is, not as a TCP step
        explain.start(QStringLiteral(SYNFLOW_CLI), {"flow", cap, "--type", "all", "--explain"});
        QVERIFY(explain.waitForFinished(60000));
        const QStringList steps = QString::fromUtf8(explain.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(steps.size(), 12);
        QCOMPARE(steps.last(), QStringLiteral("12. [#12] UDP: 127.0.0.1:50058 sends 50058 → 40204 Len=4.")); // one address: ends by port
        QProcess bad;
        bad.start(QStringLiteral(SYNFLOW_CLI), {"flow", cap, "--type", "udp"});
        QVERIFY(bad.waitForFinished(60000));
        QCOMPARE(bad.exitCode(), 2);
    }

    // The SVG brackets the named phases and marks silences of a second or more.
    void svgBracketsPhasesAndMarksGaps()
    {
        QProcess demo;
        demo.start(QStringLiteral(SYNFLOW_CLI), {"flow", QStringLiteral(SYNFLOW_DEMO_CAPTURE), "--format", "svg"});
        QVERIFY(demo.waitForFinished(60000));
        const QString svg = QString::fromUtf8(demo.readAllStandardOutput());
        QCOMPARE(svg.count(QStringLiteral("<g class=\"bracket\">")), 2);
        QVERIFY(svg.contains(QStringLiteral(">three-way handshake</text>")) && svg.contains(QStringLiteral(">four-way teardown</text>")));
        QCOMPARE(svg.count(QStringLiteral("<g class=\"gap\">")), 0); // 0.45 s from first to last

        const QString retrans = QDir(QStringLiteral(SYNFLOW_SHARED_CAPTURES)).filePath("ppa-tcp_retransmissions.pcapng");
        if (!QFileInfo::exists(retrans))
            QSKIP(qPrintable("shared capture not found: " + retrans + " (CMake cache variable SYNFLOW_SHARED_CAPTURES)"));
        QProcess p;
        p.start(QStringLiteral(SYNFLOW_CLI), {"flow", retrans, "--format", "svg"});
        QVERIFY(p.waitForFinished(60000));
        const QString r = QString::fromUtf8(p.readAllStandardOutput());
        // Retransmissions at 0.206, 0.806, 2.006, 4.406 and 9.211 s: three gaps of a second or more.
        QCOMPARE(r.count(QStringLiteral("<g class=\"gap\">")), 3);
        QVERIFY(r.contains(QStringLiteral("4.80 s later")));
    }

    void pngAndPdfExports()
    {
        QTemporaryDir dir;
        const QString cap = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("loopback-http.pcapng");
        for (const char* fmt : {"png", "pdf"}) {
            const QString out = dir.filePath(QStringLiteral("flow.") + fmt);
            QProcess p;
            p.start(QStringLiteral(SYNFLOW_CLI), {"flow", cap, "--format", fmt, "-o", out});
            QVERIFY(p.waitForFinished(60000));
            QCOMPARE(p.exitCode(), 0);
            QVERIFY(QFileInfo(out).size() > 1000);
        }
        QImage png(dir.filePath("flow.png"));
        QVERIFY(!png.isNull());
        QVERIFY(png.width() > 500 && png.height() > 11 * 40);
        if (QStandardPaths::findExecutable("pdftoppm").isEmpty())
            QSKIP("pdftoppm (poppler-utils) is not installed: cannot open the PDF");
        QProcess ppm;
        ppm.start("pdftoppm", {"-png", "-r", "30", dir.filePath("flow.pdf"), dir.filePath("page")});
        QVERIFY(ppm.waitForFinished(60000));
        QCOMPARE(ppm.exitCode(), 0);
        QVERIFY(QFileInfo(dir.filePath("page-1.png")).size() > 0);
        // Text stays text: the PDF's words can be searched and copied.
        QProcess text;
        text.start("pdftotext", {dir.filePath("flow.pdf"), "-"});
        QVERIFY(text.waitForFinished(60000));
        const QString words = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(words.contains("handshake 1/3 SYN") && words.contains("SYN, ACK") && words.contains("TIME-WAIT"), qPrintable(words));
    }

    // Long graphs: a PDF page per 40 arrows, each with the header; a PNG too tall is refused.
    void longGraphsPaginateInPdf()
    {
        const QString cap = QDir(QStringLiteral(SYNFLOW_SHARED_CAPTURES)).filePath("td-ssh.pcap"); // 54 arrows
        if (!QFileInfo::exists(cap))
            QSKIP(qPrintable("shared capture not found: " + cap + " (CMake cache variable SYNFLOW_SHARED_CAPTURES)"));
        QTemporaryDir dir;
        QProcess png;
        png.start(QStringLiteral(SYNFLOW_CLI), {"flow", QDir(QStringLiteral(SYNFLOW_SHARED_CAPTURES)).filePath("local-lossy.pcapng"),
                                                 "--format", "png", "-o", dir.filePath("tall.png")});
        QVERIFY(png.waitForFinished(60000));
        QCOMPARE(png.exitCode(), 1);
        QVERIFY(png.readAllStandardError().contains("export PDF or SVG"));
        QProcess p;
        p.start(QStringLiteral(SYNFLOW_CLI), {"flow", cap, "--format", "pdf", "-o", dir.filePath("long.pdf")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QProcess flow;
        flow.start(QStringLiteral(SYNFLOW_CLI), {"flow", cap});
        QVERIFY(flow.waitForFinished(60000));
        const int arrows = int(flow.readAllStandardOutput().count('\n') - 2) / 2;
        QVERIFY(arrows > 40);
        QProcess info;
        info.start("pdfinfo", {dir.filePath("long.pdf")});
        QVERIFY(info.waitForFinished(60000));
        const QString out = QString::fromUtf8(info.readAllStandardOutput());
        const QRegularExpressionMatch pages = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(out);
        QVERIFY2(pages.hasMatch(), qPrintable(out));
        QCOMPARE(pages.captured(1).toInt(), (arrows + 39) / 40);
    }

    void oneStreamAndEndpointLifelines()
    {
        const QString cap = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("loopback-http.pcap");
        QProcess p;
        p.start(QStringLiteral(SYNFLOW_CLI), {"flow", cap, "--stream", "0", "--by", "endpoint"});
        QVERIFY(p.waitForFinished(60000));
        const QString text = QString::fromUtf8(p.readAllStandardOutput());
        const QList<Arrow> arrows = parse(text);
        QCOMPARE(arrows.size(), 11); // the UDP datagram is not a TCP arrow
        QVERIFY(text.contains(QRegularExpression("127\\.0\\.0\\.1:\\d+")));
        p.start(QStringLiteral(SYNFLOW_CLI), {"flow", cap, "--stream", "7"});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY(parse(QString::fromUtf8(p.readAllStandardOutput())).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFlowText)
#include "tst_flowtext.moc"
