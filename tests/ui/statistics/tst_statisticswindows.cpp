// Statistics → Conversations, Endpoints and I/O Graph driven as a user would, on the real main
// window: the figures shown are the core's (which tst_statsoracle holds to tshark's), rows
// sort, copy, follow the display filter, and lead back to the packets.
#include "common/oracletsv.h"
#include "common/repeatedcapture.h"

#include "analysis/analysedcapture.h"
#include "filter/displayfilter.h"
#include "follow/followstreamwindow.h"
#include "graphs/tcpstreamgraphwindow.h"
#include "statistics/iographwindow.h"
#include "statistics/protocolhierarchywindow.h"
#include "statistics/capturepropertieswindow.h"
#include "stats/captureproperties.h"
#include "statistics/trafficwindow.h"
#include "stats/conversationtable.h"
#include "stats/protocolhierarchy.h"
#include "window/mainwindow.h"
#include "window/windowparts.h"

#include <QAbstractItemModelTester>
#include <QAreaSeries>
#include <QComboBox>
#include <QLabel>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QLineSeries>
#include <QMenu>
#include <QPushButton>
#include <QProcess>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QTableView>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

#include <algorithm>
#include <functional>

using namespace synflow;
using namespace windowparts;
using namespace synflow::test;

namespace {

// Two TCP conversations (a connection retried from a new port).
QString captureFile() { return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("lo-retry.pcapng")); }

void openIn(MainWindow& w, const QString& path)
{
    QSignalSpy done(&w, &MainWindow::loadFinished);
    QVERIFY(w.openCapture(path));
    QVERIFY(done.wait(20000));
}

QAction* menuAction(MainWindow& w, const char* name) { return w.findChild<QAction*>(QString::fromLatin1(name)); }

// Where screenshots go when SYNFLOW_SCREENSHOT_DIR is set (to look at them), else nowhere.
void keepScreenshot(QWidget* w, const char* name)
{
    const QString dir = qEnvironmentVariable("SYNFLOW_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(200); // the chart lays itself out on the event loop
    w->grab().save(QDir(dir).filePath(QString::fromLatin1(name) + ".png"));
}

TrafficWindow* openTraffic(MainWindow& w, const char* action, const char* name)
{
    menuAction(w, action)->trigger();
    auto* win = w.findChild<TrafficWindow*>(QString::fromLatin1(name));
    if (win && !QTest::qWaitFor([win] { return !win->isCounting() && win->model(ConversationType::IPv4)->rowCount() > 0; }, 20000))
        return nullptr;
    return win;
}

} // namespace

class TestStatisticsWindows : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_statisticswindows"));
    }

    void conversationsShowTheCoreFigures()
    {
        MainWindow w;
        w.show();
        openIn(w, captureFile());
        TrafficWindow* win = openTraffic(w, "conversations", "conversationsWindow");
        QVERIFY(win && win->isVisible());
        AnalysedCapture ac;
        std::string error;
        QVERIFY(ac.open(captureFile().toStdString(), error));
        ac.analyse();
        const ConversationTables core = buildConversationTables(ac);
        for (ConversationType t : {ConversationType::Ethernet, ConversationType::IPv4, ConversationType::IPv6,
                                   ConversationType::Tcp, ConversationType::Udp}) {
            TrafficTableModel* m = win->model(t);
            QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
            QCOMPARE(size_t(m->rowCount()), core.conv(t).size());
            for (int r = 0; r < m->rowCount(); ++r) {
                const ConversationRow& want = core.conv(t)[size_t(r)];
                QCOMPARE(m->index(r, 0).data().toString(), QString::fromStdString(formatStatsAddress(want.addrA)));
                const ConversationRow* got = m->conversation(r);
                QVERIFY(got);
                QCOMPARE(got->framesAtoB, want.framesAtoB);
                QCOMPARE(got->bytesBtoA, want.bytesBtoA);
                QCOMPARE(got->retransmissions, want.retransmissions);
                QCOMPARE(got->rttSamples, want.rttSamples);
            }
        }
        QVERIFY(core.conv(ConversationType::Tcp).size() >= 2);
        // TCP adds completeness, retransmissions, RTT and iRTT columns.
        TrafficTableModel* tcp = win->model(ConversationType::Tcp);
        QStringList headers;
        for (int c = 0; c < tcp->columnCount(); ++c)
            headers << tcp->headerData(c, Qt::Horizontal).toString();
        for (const char* h : {"Address A", "Port A", "Packets A → B", "Bits/s B → A", "Completeness", "Retransmissions",
                              "RTT avg (ms)", "iRTT (ms)"})
            QVERIFY2(headers.contains(QString::fromUtf8(h)), h);

        // Sorting by packets, most first.
        auto* tabs = win->findChild<QTabWidget*>(QStringLiteral("trafficTabs"));
        tabs->setCurrentIndex(int(ConversationType::Tcp));
        QTableView* view = win->view(ConversationType::Tcp);
        const int packetsColumn = int(headers.indexOf(QStringLiteral("Packets")));
        view->sortByColumn(packetsColumn, Qt::DescendingOrder);
        uint64_t most = 0;
        for (const ConversationRow& r : core.conv(ConversationType::Tcp))
            most = std::max(most, r.frames());
        QCOMPARE(view->model()->index(0, packetsColumn).data().toULongLong(), most);

        // Copy as CSV: a header and a line per row.
        win->findChild<QPushButton*>(QStringLiteral("copyCsv"))->click();
        const QStringList lines = QApplication::clipboard()->text().trimmed().split('\n');
        QCOMPARE(lines.size(), tcp->rowCount() + 1);
        QVERIFY(lines.first().startsWith(QStringLiteral("Address A,Port A,Address B,Port B,Packets,")));
        QVERIFY(win->tableAsYaml().startsWith(QStringLiteral("- Address A: \"")));
        keepScreenshot(win, "conversations");

        // Double-click the busiest conversation: the main filter and selection go to it.
        const int source = static_cast<QSortFilterProxyModel*>(view->model())->mapToSource(view->model()->index(0, 0)).row();
        const ConversationRow busiest = *tcp->conversation(source); // a copy: the window recounts below
        QSignalSpy filtered(&w, &MainWindow::filterApplied);
        view->selectRow(0);
        const QRect cell = view->visualRect(view->model()->index(0, 0));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QVERIFY(filtered.wait(10000));
        QCOMPARE(displayFilter(w)->text(), tcp->filterFor(source));
        QCOMPARE(packetModel(w)->rowCount(), int(busiest.frames()));
        QTRY_COMPARE(packetPane(w)->selectedFrame(), size_t(busiest.firstFrame));

        // Limit to the display filter: only the shown packets are counted.
        QSignalSpy counted(win, &TrafficWindow::counted);
        win->findChild<QCheckBox*>(QStringLiteral("limitToDisplayFilter"))->setChecked(true);
        QVERIFY(counted.wait(10000));
        QCOMPARE(win->model(ConversationType::Tcp)->rowCount(), 1);
        QCOMPARE(win->model(ConversationType::Tcp)->conversation(0)->frames(), busiest.frames());

        // Flow Graph from the row: the dock shows, on that conversation's first packet.
        view = win->view(ConversationType::Tcp);
        view->selectRow(0);
        win->findChild<QPushButton*>(QStringLiteral("showFlowGraph"))->click();
        QTRY_VERIFY(flowDock(w)->isVisible());
        QCOMPARE(packetPane(w)->selectedFrame(), size_t(busiest.firstFrame));
        QCOMPARE(flowScope(w)->currentIndex(), 0);

        // The row's menu: Follow TCP Stream and TCP Stream Graph open on that conversation.
        auto tcpStreamOf = [&](size_t f) { return packetPane(w)->capture()->tracker()->streamOf(uint32_t(f)); };
        const QRect first = view->visualRect(view->model()->index(0, 0));
        auto fromMenu = [&](const char* entry) {
            emit view->customContextMenuRequested(first.center());
            QMenu* menu = win->findChild<QMenu*>(QStringLiteral("trafficRowMenu"));
            QVERIFY(menu);
            QAction* a = menu->findChild<QAction*>(QString::fromLatin1(entry));
            QVERIFY(a && a->isEnabled());
            a->trigger();
            menu->close();
        };
        fromMenu("menuFollowTcpStream");
        FollowStreamWindow* follow = nullptr;
        QTRY_VERIFY((follow = w.findChild<FollowStreamWindow*>()) != nullptr);
        QCOMPARE(qint64(follow->stream()), tcpStreamOf(busiest.firstFrame));
        QTRY_COMPARE(displayFilter(w)->text(), QStringLiteral("tcp.stream eq %1").arg(follow->stream()));
        fromMenu("menuTcpStreamGraph");
        TcpStreamGraphWindow* graph = nullptr;
        QTRY_VERIFY((graph = w.findChild<TcpStreamGraphWindow*>()) != nullptr);
        QTRY_VERIFY(!graph->isBuilding() && graph->data().valid);
        QCOMPARE(qint64(graph->data().stream), tcpStreamOf(busiest.firstFrame));
    }

    // Statistics → Protocol Hierarchy: the tree is the core's hierarchy (tst_phsoracle holds it to
    // tshark's), with Wireshark's columns; limited to the display filter; Apply as Filter.
    void protocolHierarchyShowsTheCoreFigures()
    {
        const QString path = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("loopback-http.pcapng"));
        MainWindow w;
        w.show();
        openIn(w, path);
        menuAction(w, "protocolHierarchy")->trigger();
        auto* win = w.findChild<ProtocolHierarchyWindow*>(QStringLiteral("protocolHierarchyWindow"));
        QVERIFY(win && win->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!win->isCounting() && win->model()->rowCount() == 1, 20000);
        ProtocolHierarchyModel* m = win->model();
        QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);

        AnalysedCapture ac;
        std::string error;
        QVERIFY(ac.open(path.toStdString(), error));
        ac.analyse();
        // The window follows the TCP reassembly preference, on by default.
        const ProtocolHierarchy core = computeProtocolHierarchy(ac, nullptr, nullptr, true);
        QStringList headers;
        for (int c = 0; c < m->columnCount(); ++c)
            headers << m->headerData(c, Qt::Horizontal).toString();
        QCOMPARE(headers, (QStringList{"Protocol", "Percent Packets", "Packets", "Percent Bytes", "Bytes", "Bits/s",
                                       "End Packets", "End Bytes", "End Bits/s"}));
        // Frame on top: every packet, 100 %.
        const QModelIndex frame = m->index(0, 0);
        QCOMPARE(frame.data().toString(), QStringLiteral("Frame"));
        QCOMPARE(m->index(0, ProtocolHierarchyModel::Packets).data().toString(), QString::number(ac.index().size()));
        QCOMPARE(m->index(0, ProtocolHierarchyModel::PercentPackets).data().toString(), QStringLiteral("100.0"));
        // Every row as the core counted it, walked side by side.
        int rows = 0;
        std::function<void(const QModelIndex&, int32_t)> walk = [&](const QModelIndex& at, int32_t node) {
            const PhsNode& n = core.nodes[size_t(node)];
            ++rows;
            QCOMPARE(m->rowCount(at), int(n.children.size()));
            QCOMPARE(at.siblingAtColumn(ProtocolHierarchyModel::Packets).data().toString(), QString::number(n.frames));
            QCOMPARE(at.siblingAtColumn(ProtocolHierarchyModel::Bytes).data().toString(), QString::number(n.bytes));
            QCOMPARE(at.siblingAtColumn(ProtocolHierarchyModel::EndPackets).data().toString(), QString::number(n.endFrames));
            if (node)
                QCOMPARE(at.data(ProtocolHierarchyModel::FilterNameRole).toString(), QString::fromStdString(n.name));
            for (int r = 0; r < int(n.children.size()); ++r)
                walk(m->index(r, 0, at), n.children[size_t(r)]);
        };
        walk(frame, 0);
        QCOMPARE(size_t(rows), core.nodes.size());
        // This capture: Ethernet, IPv4, TCP, then HTTP (below), shown expanded.
        const QModelIndex eth = m->index(0, 0, frame), ip = m->index(0, 0, eth), tcp = m->index(0, 0, ip);
        QCOMPARE(eth.data(ProtocolHierarchyModel::FilterNameRole).toString(), QStringLiteral("eth"));
        QCOMPARE(tcp.data().toString(), QStringLiteral("Transmission Control Protocol"));
        // Under TCP (reassembly on, as tshark's default): the segments a FIN completed into the
        // HTTP message, then HTTP.
        const QModelIndex segments = m->index(0, 0, tcp);
        QCOMPARE(segments.data(ProtocolHierarchyModel::FilterNameRole).toString(), QStringLiteral("tcp.segments"));
        QCOMPARE(m->index(0, 0, segments).data(ProtocolHierarchyModel::FilterNameRole).toString(), QStringLiteral("http"));
        QVERIFY(win->view()->isExpanded(tcp));
        keepScreenshot(win, "protocolhierarchy");

        // Right-click the HTTP row, Apply as Filter: the main window shows the HTTP packets.
        const QModelIndex http = m->index(0, 0, segments);
        QMenu* menu = win->rowMenu(http);
        QVERIFY(menu);
        QSignalSpy filtered(&w, &MainWindow::filterApplied);
        menu->findChild<QAction*>(QStringLiteral("applyAsFilterAction"))->trigger();
        QVERIFY(filtered.wait(10000));
        QCOMPARE(displayFilter(w)->text(), QStringLiteral("http"));
        // HTTP frames sit under more than one path (a commented packet's starts with pkt_comment).
        int httpPackets = 0;
        for (const PhsNode& n : core.nodes)
            httpPackets += n.name == "http" ? int(n.frames) : 0;
        QCOMPARE(packetModel(w)->rowCount(), httpPackets);

        // Limit to the display filter: Frame counts only those packets.
        QSignalSpy counted(win, &ProtocolHierarchyWindow::counted);
        win->findChild<QCheckBox*>(QStringLiteral("limitToDisplayFilter"))->setChecked(true);
        QVERIFY(counted.wait(10000));
        QCOMPARE(m->index(0, ProtocolHierarchyModel::Packets).data().toInt(), httpPackets);
        QVERIFY(!win->findChild<QCheckBox*>(QStringLiteral("limitToDisplayFilter"))->accessibleName().isEmpty());
        QVERIFY(!win->view()->accessibleName().isEmpty());
    }

    // Statistics → Capture File Properties: the file, times, interfaces and statistics of the
    // open capture, as the core computes them (tst_clistats holds those to capinfos).
    void capturePropertiesShowTheFile()
    {
        const QString path = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("loopback-http.pcapng"));
        MainWindow w;
        w.show();
        openIn(w, path);
        menuAction(w, "captureFileProperties")->trigger();
        auto* win = w.findChild<CapturePropertiesWindow*>(QStringLiteral("capturePropertiesWindow"));
        QVERIFY(win && win->isVisible());
        const CaptureProperties& p = win->properties();
        QCOMPARE(p.packets, uint64_t(12));
        QCOMPARE(p.interfaces.size(), size_t(1));
        const QString text = win->asText();
        // What capinfos says of this file: 1544 bytes, 12 packets, 830 bytes of data, interface lo.
        for (const char* want : {"Length: 1544 bytes", "Format: pcapng", "Encapsulation: Ethernet", "First packet: 2026-11-24 15:26:41.535823408 UTC",
                                 "Elapsed: 0.050965664 s", "Interface #0: lo", "Description: Loopback", "Packet size limit: 262144 bytes",
                                 "Bytes: 830", "Average packet size: 69.17 bytes", "Damage: None"})
            QVERIFY2(text.contains(QString::fromUtf8(want)), want);
        QVERIFY(!win->tree()->accessibleName().isEmpty());
        win->findChild<QPushButton*>(QStringLiteral("copyToClipboard"))->click();
        QCOMPARE(QApplication::clipboard()->text(), text);
        keepScreenshot(win, "captureproperties");
    }

    // The section's and interfaces' pcapng options and the file's digests, against capinfos.
    void capturePropertiesShowOptionsAndDigests()
    {
        const QDir shared(sharedCapturesDir());
        const QString example = shared.filePath(QStringLiteral("ppp-pcapng-example.pcapng"));
        const QString multi = shared.filePath(QStringLiteral("gp-be-test202.pcapng"));
        for (const QString& f : {example, multi})
            if (!QFileInfo::exists(f))
                QSKIP(qPrintable(f + QStringLiteral(" is missing")));
        MainWindow w;
        w.show();
        openIn(w, example);
        menuAction(w, "captureFileProperties")->trigger();
        auto* win = w.findChild<CapturePropertiesWindow*>(QStringLiteral("capturePropertiesWindow"));
        QVERIFY(win);
        QTRY_VERIFY_WITH_TIMEOUT(!win->isCounting() && !win->properties().sha256.empty(), 20000);
        QString text = win->asText();
        for (const char* want : {"Operating system: Linux 3.18.1-1-ARCH", "Application: Dumpcap (Wireshark) 1.99.1 (Git Rev Unknown from unknown)",
                                 "Comment: CLIENT_RANDOM E39B5BF4903C68684E8512FB2F60213E9EE843A0810B4982B607914D8092D482",
                                 "Capture filter: tcp port 3306", "Time resolution: 0x09 (9 decimal place", "Statistics blocks: 1",
                                 "Dropped packets: 0"})
            QVERIFY2(text.contains(QString::fromUtf8(want)), want);
        const QString capinfos = QStandardPaths::findExecutable(QStringLiteral("capinfos"));
        if (!capinfos.isEmpty()) {
            QProcess p;
            p.start(capinfos, {QStringLiteral("-H"), example});
            QVERIFY(p.waitForFinished(30000));
            const QString theirs = QString::fromUtf8(p.readAllStandardOutput());
            QVERIFY(theirs.contains(QStringLiteral("SHA256:              ") + QString::fromStdString(win->properties().sha256)));
            QVERIFY(theirs.contains(QStringLiteral("SHA1:                ") + QString::fromStdString(win->properties().sha1)));
        }
        QVERIFY(text.contains(QStringLiteral("SHA256: ") + QString::fromStdString(win->properties().sha256)));
        keepScreenshot(win, "captureproperties-options");

        // Three sections, each with its own options; statistics blocks belong to their own
        // section's interfaces (interface #3 is the third section's first: two blocks, the last
        // dropping 1). capinfos lists this file's interfaces otherwise (capinfos-differences.tsv).
        openIn(w, multi);
        QTRY_VERIFY_WITH_TIMEOUT(!win->isCounting() && !win->properties().sha1.empty() && win->properties().sections.size() == 3, 20000);
        text = win->asText();
        for (const char* want : {"Section #0", "Section #2", "Hardware: Apple MBP", "Operating system: OS-X 10.10.5",
                                 "Application: pcap_writer.lua", "Comment: test202 SHB-1", "Statistics blocks: 2", "Dropped packets: 1"})
            QVERIFY2(text.contains(QString::fromUtf8(want)), want);
    }

    void endpointsShowTheCoreFigures()
    {
        MainWindow w;
        w.show();
        openIn(w, captureFile());
        TrafficWindow* win = openTraffic(w, "endpoints", "endpointsWindow");
        QVERIFY(win);
        AnalysedCapture ac;
        std::string error;
        QVERIFY(ac.open(captureFile().toStdString(), error));
        ac.analyse();
        const ConversationTables core = buildConversationTables(ac);
        for (ConversationType t : {ConversationType::IPv4, ConversationType::Tcp, ConversationType::Udp}) {
            TrafficTableModel* m = win->model(t);
            QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
            QCOMPARE(size_t(m->rowCount()), core.ends(t).size());
            for (int r = 0; r < m->rowCount(); ++r) {
                QCOMPARE(m->index(r, 0).data().toString(), QString::fromStdString(formatStatsAddress(core.ends(t)[size_t(r)].addr)));
                QCOMPARE(m->index(r, hasPorts(t) ? 2 : 1).data().toULongLong(), core.ends(t)[size_t(r)].frames());
            }
        }
        QVERIFY(!win->findChild<QPushButton*>(QStringLiteral("applyAsFilter"))); // rows of one address: no conversation actions
        keepScreenshot(win, "endpoints");
    }

    void ioGraphDrawsAPointPerInterval()
    {
        MainWindow w;
        w.show();
        openIn(w, captureFile());
        menuAction(w, "ioGraph")->trigger();
        auto* io = w.findChild<IoGraphWindow*>(QStringLiteral("ioGraphWindow"));
        QVERIFY(io && io->isVisible());
        QSignalSpy counted(io, &IoGraphWindow::counted);
        io->setIntervalUs(10000); // 10 ms
        QTRY_VERIFY_WITH_TIMEOUT(!io->isCounting() && io->statistics().intervalUs == 10000, 20000);
        io->setSeriesFilters({QString(), QStringLiteral("tcp"), QStringLiteral("udp")});
        QVERIFY(counted.wait(20000));
        const auto series = io->chart()->series();
        QCOMPARE(series.size(), 3);
        const IoStatistics& stats = io->statistics();
        const int expected = int(stats.durationUs / 10000) + 1;
        uint64_t total = 0;
        for (int s = 0; s < 3; ++s) {
            auto* line = qobject_cast<QLineSeries*>(series[s]);
            QVERIFY(line);
            QCOMPARE(io->plottedPoints(line).size(), expected);
        }
        const QList<QPointF> all = io->plottedPoints(qobject_cast<QLineSeries*>(series[0]));
        const QList<QPointF> tcp = io->plottedPoints(qobject_cast<QLineSeries*>(series[1]));
        for (int i = 0; i < expected; ++i)
            total += uint64_t(all.at(i).y());
        QCOMPARE(total, uint64_t(packetModel(w)->frameCount())); // every packet in some interval

        // A point leads to the first packet of its interval.
        int busiest = 0;
        for (int i = 0; i < expected; ++i)
            if (tcp.at(i).y() > tcp.at(busiest).y())
                busiest = i;
        // What a click on a point does (QLineSeries::clicked calls it with the point's interval).
        io->activatePoint(1, busiest);
        QCOMPARE(packetPane(w)->selectedFrame(), size_t(stats.columns[1].firstFrame[size_t(busiest)]));
        io->activatePoint(1, 0);
        QCOMPARE(packetPane(w)->selectedFrame(), size_t(stats.columns[1].firstFrame[0]));

        // Bytes per interval are the bytes of the packets in it.
        io->setUnit(IoGraphWindow::Unit::Bytes);
        const auto bytesSeries = qobject_cast<QLineSeries*>(io->chart()->series()[0]);
        QCOMPARE(uint64_t(bytesSeries->at(0).y()), stats.columns[0].bytes[0]);
        QVERIFY(io->asCsv().startsWith(QStringLiteral("Interval start (s),\"All packets\",\"tcp\",\"udp\"\n")));
        QCOMPARE(io->asCsv().trimmed().count('\n'), expected);
        keepScreenshot(io, "iograph");
    }

    // Field functions per series, against tshark's per-frame figures (the oracle TSV): AVG of
    // the ACK RTT, MAX and SUM of frame.len, COUNT FRAMES; each series in its style and colour;
    // a logarithmic axis; a field that does not exist is named.
    void ioGraphFieldFunctions()
    {
        TsvTable oracle;
        QVERIFY(readTsvFile(QStringLiteral(SYNFLOW_TEST_DATA "/oracle/lo-retry-ng.tsv"), oracle));
        MainWindow w;
        w.show();
        openIn(w, captureFile());
        menuAction(w, "ioGraph")->trigger();
        auto* io = w.findChild<IoGraphWindow*>(QStringLiteral("ioGraphWindow"));
        QVERIFY(io);
        io->setIntervalUs(100000);
        QTRY_VERIFY_WITH_TIMEOUT(!io->isCounting() && io->statistics().intervalUs == 100000, 20000);
        using S = IoGraphWindow::Series;
        using Y = IoGraphWindow::YAxis;
        using St = IoGraphWindow::Style;
        QSignalSpy counted(io, &IoGraphWindow::counted);
        io->setSeries({S{QStringLiteral("tcp.analysis.ack_rtt"), Y::Avg, QStringLiteral("tcp.analysis.ack_rtt"), St::Line, QColor(Qt::darkGreen)},
                       S{QString(), Y::Max, QStringLiteral("frame.len"), St::Bars, QColor(Qt::red)},
                       S{QStringLiteral("tcp"), Y::CountFrames, QStringLiteral("tcp.analysis.ack_rtt"), St::Dots, QColor(Qt::blue)},
                       S{QString(), Y::Sum, QStringLiteral("frame.len"), St::Line, QColor()}});
        QVERIFY(counted.wait(20000));

        // Expected per 100 ms interval, from tshark's own columns.
        std::map<size_t, double> rttSum, rttCount, maxLen, sumLen;
        const double t0 = oracle.rows.begin()->second.value(1).toDouble();
        for (const auto& [frame, row] : oracle.rows) {
            const size_t slot = size_t(std::llround((oracle.cell(frame, "frame.time_epoch").toDouble() - t0) * 1e6) / 100000);
            const double len = oracle.cell(frame, "frame.len").toDouble();
            maxLen[slot] = std::max(maxLen[slot], len);
            sumLen[slot] += len;
            const QString rtt = oracle.cell(frame, "tcp.analysis.ack_rtt");
            if (!rtt.isEmpty()) {
                rttSum[slot] += rtt.toDouble();
                rttCount[slot] += 1;
            }
        }
        const size_t intervals = size_t(io->statistics().durationUs / 100000) + 1;
        QVERIFY(!rttCount.empty());
        for (size_t i = 0; i < intervals; ++i) {
            const QByteArray at = QByteArray::number(qulonglong(i));
            const double avg = rttCount.count(i) ? rttSum[i] / rttCount[i] : 0;
            QVERIFY2(std::abs(io->value(0, i) - avg) < 1e-8, at.constData());
            QCOMPARE(io->value(1, i), maxLen.count(i) ? maxLen[i] : 0.0);
            QCOMPARE(io->value(2, i), rttCount.count(i) ? rttCount[i] : 0.0);
            QCOMPARE(io->value(3, i), sumLen.count(i) ? sumLen[i] : 0.0);
        }

        // Each series in its style and colour, found by its name (bars are drawn first, under the rest).
        const auto named = [io](const QString& part) -> QAbstractSeries* {
            for (QAbstractSeries* s : io->chart()->series())
                if (s->name().contains(part))
                    return s;
            return nullptr;
        };
        QCOMPARE(io->chart()->series().size(), 4);
        QVERIFY(qobject_cast<QAreaSeries*>(io->chart()->series().first()));
        auto* line = qobject_cast<QLineSeries*>(named(QStringLiteral("AVG(tcp.analysis.ack_rtt)")));
        QVERIFY(line && !qobject_cast<QScatterSeries*>(line));
        QCOMPARE(line->pen().color(), QColor(Qt::darkGreen));
        auto* bars = qobject_cast<QAreaSeries*>(named(QStringLiteral("MAX(frame.len)")));
        QVERIFY(bars);
        QCOMPARE(bars->pen().color(), QColor(Qt::red));
        QCOMPARE(io->plottedPoints(bars->upperSeries()).size(), int(2 * intervals)); // a flat top per interval
        auto* dots = qobject_cast<QScatterSeries*>(named(QStringLiteral("COUNT FRAMES")));
        QVERIFY(dots);
        QCOMPARE(dots->color(), QColor(Qt::blue));

        QVERIFY(qobject_cast<QValueAxis*>(io->chart()->axes(Qt::Vertical).value(0)));
        io->setLogScale(true);
        auto* log = qobject_cast<QLogValueAxis*>(io->chart()->axes(Qt::Vertical).value(0));
        QVERIFY(log);
        QVERIFY(log->min() > 0 && log->max() >= sumLen.begin()->second);
        auto* logDots = qobject_cast<QScatterSeries*>(named(QStringLiteral("COUNT FRAMES")));
        QVERIFY(logDots);
        QVERIFY(!logDots->points().isEmpty());
        for (const QPointF& p : io->plottedPoints(logDots))
            QVERIFY(p.y() > 0); // empty intervals have no place on a logarithmic axis
        QVERIFY(!io->findChild<QCheckBox*>(QStringLiteral("ioGraphLogScale"))->accessibleName().isEmpty());
        QVERIFY(!io->findChild<QComboBox*>(QStringLiteral("ioGraphYAxis_1"))->accessibleName().isEmpty());
        keepScreenshot(io, "iograph-functions");

        io->setSeries({S{QString(), Y::Sum, QStringLiteral("no.such.field"), St::Line, QColor()}});
        auto* status = io->findChild<QLabel*>(QStringLiteral("ioGraphStatus"));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("no.such.field")), 20000);
    }
    // A count that takes a while shows a progress bar beside the status, moving forward while
    // the window stays responsive, and gone once the figures are shown.
    void longCountsShowProgress()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("many.pcap"));
        const QString source = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("loopback-http.pcap"));
        constexpr size_t kFrames = 1000000; // 100 000 conversations: a count of a second or so
        QCOMPARE(writeRepeatedCapture(source, path, kFrames).size(), kFrames);
        MainWindow w;
        w.show();
        openIn(w, path);
        menuAction(w, "conversations")->trigger();
        auto* win = w.findChild<TrafficWindow*>(QStringLiteral("conversationsWindow"));
        QVERIFY(win && win->isVisible());
        auto* bar = win->findChild<QProgressBar*>(QStringLiteral("countProgress"));
        QVERIFY(bar);
        QVERIFY(win->isCounting());
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->accessibleName(), QStringLiteral("Counting progress"));
        QCOMPARE(win->findChild<QLabel*>(QStringLiteral("trafficStatus"))->text(), QStringLiteral("Counting…"));
        std::vector<int> shown;
        connect(bar, &QProgressBar::valueChanged, this, [&shown](int v) { shown.push_back(v); });
        int ticks = 0; // the event loop keeps running while the count does
        QTimer tick;
        connect(&tick, &QTimer::timeout, this, [&ticks] { ++ticks; });
        tick.start(10);
        keepScreenshot(win, "conversations-counting");
        QTRY_VERIFY_WITH_TIMEOUT(!win->isCounting(), 60000);
        QVERIFY(!bar->isVisible());
        QVERIFY(win->model(ConversationType::Tcp)->rowCount() > 1000);
        QVERIFY2(std::any_of(shown.begin(), shown.end(), [](int v) { return v > 0 && v < 1000; }),
                 "no progress shown between start and end");
        QVERIFY(std::is_sorted(shown.begin(), shown.end()));
        QVERIFY(ticks > 5);
    }
};

QTEST_MAIN(TestStatisticsWindows)
#include "tst_statisticswindows.moc"
