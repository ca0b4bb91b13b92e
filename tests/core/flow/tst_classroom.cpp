// The classroom's lessons in the core: anonymised hosts (documentation addresses, stable in
// first-seen order, in every text), quiz marking, and the time-proportional axis (also in SVG).
#include "analysis/analysedcapture.h"
#include "analysis/packetfind.h"
#include "common/craftedcapture.h"
#include "flow/anonymiser.h"
#include "flow/flowgraph.h"
#include "flow/flowsvg.h"
#include "flow/quiz.h"
#include "flow/timeaxis.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace synflow;

namespace {

QString own(const char* name) { return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name)); }

FlowArrow arrowAt(double seconds)
{
    FlowArrow a;
    a.time.sec = int64_t(seconds);
    a.time.nsec = uint32_t(std::llround((seconds - double(a.time.sec)) * 1e9));
    return a;
}

QString writeCapture(const QTemporaryDir& dir, const std::vector<test::Packet>& packets)
{
    const QString path = dir.filePath(QStringLiteral("crafted.pcap"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(test::pcap(packets)) < 0)
        return {};
    return path;
}

} // namespace

class TestClassroom : public QObject {
    Q_OBJECT
private slots:
    void documentationAddressesInFirstSeenOrder()
    {
        AddressAnonymiser a;
        QCOMPARE(a.address("10.1.2.3"), std::string("192.0.2.1"));
        QCOMPARE(a.address("172.16.0.9"), std::string("192.0.2.2"));
        QCOMPARE(a.address("10.1.2.3"), std::string("192.0.2.1")); // stable
        QCOMPARE(a.address("fe80::1"), std::string("2001:db8::1"));
        QCOMPARE(a.address("FE80:0:0:0:0:0:0:1"), std::string("2001:db8::1")); // one address, however written
        QCOMPARE(a.address("2a00:1450:4001:82a::200e"), std::string("2001:db8::2"));
        QCOMPARE(a.address("3c:22:fb:12:34:56"), std::string("00:00:5e:00:53:00"));
        QCOMPARE(a.address("3C-22-FB-12-34-56"), std::string("00:00:5e:00:53:00"));
        // Addresses that name no host stay; anything else is not an address.
        QCOMPARE(a.address("ff:ff:ff:ff:ff:ff"), std::string("ff:ff:ff:ff:ff:ff"));
        QCOMPARE(a.address("0.0.0.0"), std::string("0.0.0.0"));
        QCOMPARE(a.address("256.1.1.1"), std::string("256.1.1.1"));
        QCOMPARE(a.address("example"), std::string("example"));
        // 254 per documentation network, then the next one.
        AddressAnonymiser many;
        for (int i = 0; i < 254; ++i)
            many.address("10.0." + std::to_string(i / 200) + "." + std::to_string(i % 200 + 1));
        QCOMPARE(many.address("10.9.9.9"), std::string("198.51.100.1"));
        QCOMPARE(many.address("10.0.0.1"), std::string("192.0.2.1"));
    }

    void everyAddressInATextIsReplaced()
    {
        AddressAnonymiser a;
        const std::string text = "Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2. Who has 10.0.0.2? Tell 10.0.0.1. "
                                 "Ethernet II, Src: 3c:22:fb:12:34:56 (3c:22:fb:12:34:56), Dst: ff:ff:ff:ff:ff:ff; "
                                 "[2a00:1450::1]:443 and 10.0.0.1:40000 at 12:34:56.789 Seq=10.5";
        const std::string out = a.rewrite(text);
        for (const char* real : {"10.0.0.1", "10.0.0.2", "3c:22:fb", "2a00:1450"})
            QVERIFY2(out.find(real) == std::string::npos, out.c_str());
        QVERIFY2(out.find("Src: 192.0.2.1, Dst: 192.0.2.2. Who has 192.0.2.2? Tell 192.0.2.1.") != std::string::npos, out.c_str());
        QVERIFY2(out.find("Src: 00:00:5e:00:53:00 (00:00:5e:00:53:00), Dst: ff:ff:ff:ff:ff:ff;") != std::string::npos, out.c_str());
        QVERIFY2(out.find("[2001:db8::1]:443 and 192.0.2.1:40000 at 12:34:56.789 Seq=10.5") != std::string::npos, out.c_str());
        // Lifelines: "address:port", IPv6 too.
        QCOMPARE(a.endpoint("::1:8080"), std::string("2001:db8::2:8080"));
        QCOMPARE(a.endpoint("10.0.0.2:80"), std::string("192.0.2.2:80"));
        QCOMPARE(a.endpoint("2001:db8::1"), std::string("2001:db8::3")); // a bare IPv6 address is one address
    }

    // Seeded from the capture: numbered by the frames' order, whichever view asks first.
    void seededFromTheCapture()
    {
        QTemporaryDir dir;
        const QString path = writeCapture(dir, {{1.0, test::tcpFrame(7, 3, 40000, 80, 100, 0, 0x02)},
                                                {1.1, test::tcpFrame(3, 7, 80, 40000, 500, 101, 0x12)},
                                                {1.2, test::tcpFrame(5, 3, 40001, 80, 1, 0, 0x02)}});
        QVERIFY(!path.isEmpty());
        AnalysedCapture capture;
        std::string err;
        QVERIFY(capture.open(path.toStdString(), err));
        capture.analyse();
        AddressAnonymiser a;
        a.seed(capture);
        QCOMPARE(a.address("10.0.0.5"), std::string("192.0.2.3")); // asked first, seen third
        QCOMPARE(a.address("10.0.0.7"), std::string("192.0.2.1"));
        QCOMPARE(a.address("10.0.0.3"), std::string("192.0.2.2"));
        QCOMPARE(a.address("00:00:00:00:00:01"), std::string("00:00:5e:00:53:00")); // the first frame's source MAC
        QCOMPARE(a.address("00:00:00:00:00:02"), std::string("00:00:5e:00:53:01"));
        FlowGraph graph;
        graph.build(capture);
        a.rewrite(graph);
        QCOMPARE(graph.nodes(), (std::vector<std::string>{"192.0.2.1", "192.0.2.2", "192.0.2.3"}));
        const std::string svg = flowSvg(graph) + flowText(graph);
        QVERIFY(svg.find("10.0.0.") == std::string::npos);
    }

    // Find and filters with anonymised hosts: read in the names shown, so a documentation
    // address finds its host and a real one finds nothing (it would tell which host is which).
    void filtersReadInTheNamesShown()
    {
        QTemporaryDir dir;
        const QString path = writeCapture(dir, {{1.0, test::tcpFrame(7, 3, 40000, 80, 100, 0, 0x02)},
                                                {1.1, test::tcpFrame(3, 7, 80, 40000, 500, 101, 0x12)},
                                                {1.2, test::tcpFrame(5, 3, 40001, 80, 1, 0, 0x02)}});
        QVERIFY(!path.isEmpty());
        AnalysedCapture capture;
        std::string err;
        QVERIFY(capture.open(path.toStdString(), err));
        capture.analyse();
        auto a = std::make_shared<AddressAnonymiser>();
        a->seed(capture); // 10.0.0.7 -> 192.0.2.1, 10.0.0.3 -> 192.0.2.2, 10.0.0.5 -> 192.0.2.3
        const size_t known = a->size();
        QCOMPARE(a->toReal("ip.src == 192.0.2.3 && tcp.port == 80"), std::string("ip.src == 10.0.0.5 && tcp.port == 80"));
        QCOMPARE(a->toReal("ip.addr==10.0.0.5"), std::string("ip.addr==192.0.2.3")); // a real address: its shown name
        QCOMPARE(a->toReal("eth.src == 00:00:5e:00:53:00"), std::string("eth.src == 00:00:00:00:00:01"));
        QCOMPARE(a->toReal("ip.addr == 10.9.9.9 or frame.len > 60"), std::string("ip.addr == 10.9.9.9 or frame.len > 60"));
        QCOMPARE(a->size(), known); // reading a filter numbers no new address

        auto found = [&](PacketFinder::Kind kind, const char* text, PacketFinder::Where where, bool shown) {
            PacketFinder f;
            if (shown)
                f.readAsShown(a);
            std::string error;
            if (!f.compile(kind, text, where, false, error))
                return QStringLiteral("error: ") + QString::fromStdString(error);
            QStringList frames;
            for (size_t i = 0; i < 3; ++i)
                if (f.match(capture, i).found)
                    frames << QString::number(i + 1);
            return frames.join(QLatin1Char(','));
        };
        using K = PacketFinder::Kind;
        using W = PacketFinder::Where;
        QCOMPARE(found(K::DisplayFilter, "ip.src == 10.0.0.5", W::Details, false), QStringLiteral("3"));
        QCOMPARE(found(K::DisplayFilter, "ip.src == 10.0.0.5", W::Details, true), QString());
        QCOMPARE(found(K::DisplayFilter, "ip.src == 192.0.2.3", W::Details, true), QStringLiteral("3"));
        QCOMPARE(found(K::String, "10.0.0.5", W::Details, false), QStringLiteral("3"));
        QCOMPARE(found(K::String, "10.0.0.5", W::Details, true), QString());
        QCOMPARE(found(K::String, "Src: 192.0.2.3", W::Details, true), QStringLiteral("3"));
    }

    void quizMarksEachAnswer()
    {
        FlowArrow a;
        a.seq = 1;
        a.ack = 78;
        a.ackValid = true;
        a.stateFrom = TcpState::FinWait1;
        a.stateTo = TcpState::CloseWait;
        QuizTally tally;
        QuizMarks m = markGuess(a, {1u, 77u, TcpState::FinWait1, std::nullopt});
        QCOMPARE(m.right(), 2);
        QCOMPARE(m.wrong(), 1);
        QVERIFY(!m.stateTo); // not answered: not marked
        tally.add(m);
        m = markGuess(a, {std::nullopt, 78u, std::nullopt, TcpState::CloseWait});
        tally.add(m);
        QCOMPARE(tally.right, 4);
        QCOMPARE(tally.wrong, 1);
        a.ackValid = false; // a SYN has no Ack to guess
        QCOMPARE(markGuess(a, {std::nullopt, 78u, std::nullopt, std::nullopt}).wrong(), 1);
        QCOMPARE(parseTcpState("fin wait 1"), std::optional(TcpState::FinWait1));
        QCOMPARE(parseTcpState("Time_Wait"), std::optional(TcpState::TimeWait));
        QCOMPARE(parseTcpState("CLOSE-WAIT"), std::optional(TcpState::CloseWait));
        QVERIFY(!parseTcpState("unknown"));
        QVERIFY(!parseTcpState(""));
    }

    // An RTO back-off (1 s, 2 s, 4 s) reads at true scale; quick exchanges keep a row each.
    void timeProportionalRows()
    {
        const std::vector<FlowArrow> arrows{arrowAt(0), arrowAt(0.0001), arrowAt(1.0001), arrowAt(3.0001), arrowAt(7.0001), arrowAt(7.0002)};
        constexpr int row = 40;
        const double scale = proportionalScale(arrows, row, 8 * row);
        QVERIFY(scale > 0);
        const std::vector<int64_t> tops = rowTops(arrows, row, scale);
        QCOMPARE(tops.size(), arrows.size() + 1);
        for (size_t i = 1; i < tops.size(); ++i)
            QVERIFY(tops[i] - tops[i - 1] >= row); // never closer than a row: texts cannot overlap
        QCOMPARE(tops[1] - tops[0], int64_t(row)); // 0.1 ms: a row
        const double g1 = double(tops[2] - tops[1]), g2 = double(tops[3] - tops[2]), g4 = double(tops[4] - tops[3]);
        QVERIFY(std::abs(g2 / g1 - 2.0) < 0.05);
        QVERIFY(std::abs(g4 / g1 - 4.0) < 0.05);
        QVERIFY(g4 <= 8 * row + 1); // the longest silence within its bound
        QCOMPARE(tops.back() - tops[arrows.size() - 1], int64_t(row));
        // No time between arrows, or one arrow: plain rows.
        QCOMPARE(proportionalScale({arrowAt(5), arrowAt(5)}, row, 8 * row), 0.0);
        QCOMPARE(rowTops({arrowAt(1), arrowAt(2)}, row, 0), (std::vector<int64_t>{0, row, 2 * row}));
    }

    void svgTimeProportional()
    {
        AnalysedCapture capture;
        std::string err;
        QVERIFY(capture.open(own("lo-retry.pcapng").toStdString(), err));
        capture.analyse();
        FlowGraph graph;
        FlowOptions o;
        o.by = FlowOptions::NodeBy::Endpoint;
        graph.build(capture, o);
        QVERIFY(graph.arrows().size() > 5);
        auto ys = [](const std::string& svg) { // each arrow's line height, in order
            std::vector<int> out;
            static const QRegularExpression line(QStringLiteral("<g class=\"arrow\"[^>]*>\\n  <text x=\"\\d+\" y=\"(\\d+)\""));
            for (auto it = line.globalMatch(QString::fromStdString(svg)); it.hasNext();)
                out.push_back(it.next().captured(1).toInt());
            return out;
        };
        const std::vector<int> rows = ys(flowSvg(graph)), proportional = ys(flowSvg(graph, FlowTimeScale::Proportional));
        QCOMPARE(rows.size(), graph.arrows().size());
        QCOMPARE(proportional.size(), graph.arrows().size());
        int longest = 0;
        for (size_t i = 1; i < rows.size(); ++i) {
            QCOMPARE(rows[i] - rows[i - 1], 44);
            QVERIFY(proportional[i] - proportional[i - 1] >= 44);
            longest = std::max(longest, proportional[i] - proportional[i - 1]);
        }
        QVERIFY(longest > 3 * 44); // the retransmitted SYN's second shows as a long gap
        // The CLI draws it too, and refuses it where its text layout cannot show it.
        QProcess cli;
        cli.start(QStringLiteral(SYNFLOW_CLI), {QStringLiteral("flow"), own("lo-retry.pcapng"), QStringLiteral("--format"), QStringLiteral("svg"),
                                                QStringLiteral("--time-scale"), QStringLiteral("proportional"), QStringLiteral("--anonymise")});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 0);
        const QByteArray svg = cli.readAllStandardOutput();
        QVERIFY(!svg.contains("127.0.0.1"));
        QVERIFY(svg.contains("192.0.2.1:"));
        QCOMPARE(ys(svg.toStdString()), proportional);
        cli.start(QStringLiteral(SYNFLOW_CLI), {QStringLiteral("flow"), own("lo-retry.pcapng"), QStringLiteral("--time-scale"), QStringLiteral("proportional")});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 2);
        cli.start(QStringLiteral(SYNFLOW_CLI), {QStringLiteral("flow"), own("lo-retry.pcapng"), QStringLiteral("--anonymise")});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 0);
        const QByteArray text = cli.readAllStandardOutput();
        QVERIFY(text.contains("192.0.2.1") && !text.contains("127.0.0.1"));
    }
};

QTEST_GUILESS_MAIN(TestClassroom)
#include "tst_classroom.moc"
