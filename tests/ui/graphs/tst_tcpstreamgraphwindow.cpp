// Statistics → TCP Stream Graphs as a user meets it: a packet selected, the menu item chosen, a
// graph of that packet's stream and sender whose marks are tshark's numbers (counted from the
// oracle here, not from our own code), a click on a mark selecting that packet in the main
// window, zoom and reset, the other graph kinds, exports, and a language switch.
#include "common/oracletsv.h"
#include "graphs/graphview.h"
#include "graphs/segmentlayer.h"
#include "graphs/tcpstreamgraphwindow.h"
#include "packets/detailtreeview.h"
#include "packets/packetpane.h"
#include "support/language.h"
#include "window/mainwindow.h"
#include "window/windowparts.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QValueAxis>
#include <QtTest>

using namespace synflow::test;
using namespace windowparts;

namespace {

QString dataFile(const char* name) { return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name)); }

QXYSeries* seriesNamed(QChart* c, const QString& name)
{
    for (QAbstractSeries* s : c->series())
        if (s->name() == name)
            return qobject_cast<QXYSeries*>(s);
    return nullptr;
}

// What the oracle says of one stream, seen from one sender (its port).
struct OracleStream {
    QList<qint64> sent, retransmitted, acks, rtts;
};
OracleStream oracleStream(const TsvTable& t, const QString& stream, const QString& senderPort)
{
    OracleStream o;
    for (const auto& [f, row] : t.rows) {
        if (t.cell(f, "tcp.stream") != stream)
            continue;
        if (t.cell(f, "tcp.srcport") == senderPort) {
            o.sent << f;
            if (!t.cell(f, "tcp.analysis.retransmission").isEmpty())
                o.retransmitted << f;
        } else {
            if (t.cell(f, "tcp.flags").toUInt(nullptr, 16) & 0x10)
                o.acks << f;
            if (!t.cell(f, "tcp.analysis.ack_rtt").isEmpty())
                o.rtts << f;
        }
    }
    return o;
}

TcpStreamGraphWindow* waitForGraph(MainWindow& w)
{
    TcpStreamGraphWindow* g = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        g = w.findChild<TcpStreamGraphWindow*>();
        return g && !g->isBuilding() && !g->chart()->series().isEmpty();
    }, 10000);
    return shown ? g : nullptr;
}

QPoint viewportPosOf(TcpStreamGraphWindow* g, const QPointF& value, QAbstractSeries* series)
{
    const QPointF scene = g->chart()->mapToScene(g->chart()->mapToPosition(value, series));
    return g->view()->mapFromScene(scene);
}

} // namespace

class TestTcpStreamGraphWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_tcpstreamgraphwindow"));
    }

    void graphsTheSelectedPacketsStreamAndClicksSelectPackets()
    {
        TsvTable oracle;
        QVERIFY(readTsvFile(dataFile("oracle/lo-lossy-ng.tsv"), oracle));
        // The first retransmitted segment: its stream and sender are what the graph must show.
        qint64 chosen = 0;
        for (const auto& [f, row] : oracle.rows)
            if (!oracle.cell(f, "tcp.analysis.retransmission").isEmpty()) {
                chosen = f;
                break;
            }
        QVERIFY(chosen > 0);
        const QString stream = oracle.cell(chosen, "tcp.stream"), port = oracle.cell(chosen, "tcp.srcport");
        const OracleStream o = oracleStream(oracle, stream, port);

        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(dataFile("lo-lossy.pcapng")));
        QVERIFY(done.wait(10000));
        w.goToPacket(size_t(chosen));
        QAction* stevens = w.findChild<QAction*>(QStringLiteral("tcpStreamGraphStevens"));
        QVERIFY(stevens && stevens->isEnabled());
        stevens->trigger();
        TcpStreamGraphWindow* g = waitForGraph(w);
        QVERIFY(g);
        QVERIFY(QTest::qWaitForWindowExposed(g));
        const QString title = g->findChild<QLabel*>(QStringLiteral("graphTitle"))->text();
        QVERIFY2(title.contains(QStringLiteral("Stream %1:").arg(stream)) && title.contains(QStringLiteral(":%1 \u2192").arg(port)),
                 qPrintable(title));

        // Stevens: one mark per segment the sender sent, retransmissions apart.
        QXYSeries* segments = seriesNamed(g->chart(), QStringLiteral("Segments"));
        QXYSeries* retx = seriesNamed(g->chart(), QStringLiteral("Retransmissions"));
        QVERIFY(segments && retx);
        const QList<QPointF> retxPoints = g->plottedPoints(retx);
        QCOMPARE(g->plottedPoints(segments).size() + retxPoints.size(), int(o.sent.size()));
        QCOMPARE(retxPoints.size(), int(o.retransmitted.size()));
        for (int i = 0; i < retxPoints.size(); ++i) // each at tshark's tcp.seq
            QCOMPARE(qint64(retxPoints.at(i).y()), oracle.cell(o.retransmitted[i], "tcp.seq").toLongLong());
        QVERIFY(retx->points().contains(retxPoints.at(0))); // on show: no other mark on its pixel

        // A click on the retransmission's mark selects it in the list, the details follow.
        w.goToPacket(1);
        QTRY_COMPARE(packetPane(w)->selectedFrame(), size_t(0));
        const QPoint at = viewportPosOf(g, retxPoints.at(0), retx);
        QTest::mouseClick(g->view()->viewport(), Qt::LeftButton, {}, at);
        QTRY_COMPARE(packetPane(w)->selectedFrame(), size_t(o.retransmitted[0] - 1));
        QTRY_VERIFY(detailTree(w)->topLevelItemCount() > 0);
        QVERIFY2(detailTree(w)->topLevelItem(0)->text(0).startsWith(QStringLiteral("Frame %1:").arg(o.retransmitted[0])),
                 qPrintable(detailTree(w)->topLevelItem(0)->text(0)));
        // A click on empty plot area selects nothing new.
        const QPoint empty = g->view()->mapFromScene(g->chart()->plotArea().topLeft() + QPointF(3, 3));
        QTest::mouseClick(g->view()->viewport(), Qt::LeftButton, {}, empty);
        QCOMPARE(packetPane(w)->selectedFrame(), size_t(o.retransmitted[0] - 1));

        // The wheel zooms in around the pointer; 0 shows everything again.
        auto* x = qobject_cast<QValueAxis*>(g->chart()->axes(Qt::Horizontal).first());
        const double span = x->max() - x->min();
        QWheelEvent wheel(QPointF(at), g->view()->viewport()->mapToGlobal(QPointF(at)), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(g->view()->viewport(), &wheel);
        QVERIFY2(x->max() - x->min() < span * 0.9, qPrintable(QString::number(x->max() - x->min())));
        QTest::keyClick(g->view(), Qt::Key_0);
        QVERIFY(std::abs((x->max() - x->min()) - span) < span * 1e-6);

        // tcptrace: the peer's ACKs as a step line (two points per change), the receive window.
        g->setKind(TcpStreamGraphWindow::Tcptrace);
        QXYSeries* ack = seriesNamed(g->chart(), QStringLiteral("ACK"));
        QVERIFY(ack && seriesNamed(g->chart(), QStringLiteral("Receive window")));
        QVERIFY(seriesNamed(g->chart(), QStringLiteral("Retransmitted segments"))); // named in the legend
        QVERIFY(ack->count() > 0);
        const int ackPoints = (g->plottedPoints(ack).size() + 1) / 2;
        QVERIFY2(ackPoints <= int(o.acks.size()) && ackPoints >= int(o.acks.size()) - 1, qPrintable(QString::number(ackPoints)));
        // Each step's corner is an ACK of the oracle at its time; between two, the line holds the first's value.
        const QList<QPointF> ackLine = g->plottedPoints(ack);
        const double epoch0 = oracle.cell(oracle.rows.begin()->first, "frame.time_epoch").toDouble();
        const int skipped = int(o.acks.size()) - ackPoints; // (an ACK before any data is left out)
        for (int i = 0; i < ackLine.size(); ++i) {
            const qint64 at = o.acks[skipped + (i + 1) / 2], held = o.acks[skipped + i / 2];
            QVERIFY2(std::abs(ackLine[i].x() - (oracle.cell(at, "frame.time_epoch").toDouble() - epoch0)) < 1e-6, qPrintable(QString::number(i)));
            QCOMPARE(ackLine[i].y(), oracle.cell(held, "tcp.ack").toDouble());
        }

        // Round-trip time: one mark per ACK tshark gives an RTT.
        g->setKind(TcpStreamGraphWindow::RoundTrip);
        QXYSeries* rtt = seriesNamed(g->chart(), QStringLiteral("Round-trip time"));
        QVERIFY(rtt);
        const QList<QPointF> rttPoints = g->plottedPoints(rtt);
        QCOMPARE(rttPoints.size(), int(o.rtts.size()));
        for (int i = 0; i < rttPoints.size(); ++i)
            QVERIFY(std::abs(rttPoints.at(i).y() - oracle.cell(o.rtts[i], "tcp.analysis.ack_rtt").toDouble() * 1000) < 1e-6);

        // Exports: CSV of the values shown, images; an unknown format leaves an older file alone.
        QTemporaryDir dir;
        QString error;
        QVERIFY2(g->exportTo(dir.filePath("rtt.csv"), &error), qPrintable(error));
        QFile csv(dir.filePath("rtt.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + o.rtts.size());
        QVERIFY(lines[1].startsWith(QByteArray::number(o.rtts[0]) + ','));
        QVERIFY2(g->exportTo(dir.filePath("g.png"), &error), qPrintable(error));
        QVERIFY(!QImage(dir.filePath("g.png")).isNull());
        QVERIFY2(g->exportTo(dir.filePath("g.svg"), &error), qPrintable(error));
        QFile svg(dir.filePath("g.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly) && svg.readAll().contains("<svg"));
        QVERIFY2(g->exportTo(dir.filePath("g.pdf"), &error), qPrintable(error));
        QFile pdf(dir.filePath("g.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly) && pdf.read(5) == "%PDF-");
        QVERIFY(!g->exportTo(dir.filePath("rtt.csv.txt"), &error));
        QVERIFY(QFile::exists(dir.filePath("rtt.csv")));

        // Throughput and window scaling draw from the same stream.
        g->setKind(TcpStreamGraphWindow::Throughput);
        QXYSeries* through = g->chart()->series().isEmpty() ? nullptr : qobject_cast<QXYSeries*>(g->chart()->series().first());
        QVERIFY(through);
        QCOMPARE(g->plottedPoints(through).size(), int(o.sent.size()));
        g->setKind(TcpStreamGraphWindow::WindowScaling);
        QVERIFY(seriesNamed(g->chart(), QStringLiteral("Receive window (calculated)")));

        // The other direction: the peer's segments.
        const OracleStream back = oracleStream(oracle, stream, oracle.cell(chosen, "tcp.dstport"));
        g->findChild<QPushButton*>(QStringLiteral("graphDirection"))->click();
        QTRY_VERIFY(!g->isBuilding());
        g->setKind(TcpStreamGraphWindow::Stevens);
        QCOMPARE(g->plottedPoints(seriesNamed(g->chart(), QStringLiteral("Segments"))).size()
                     + g->plottedPoints(seriesNamed(g->chart(), QStringLiteral("Retransmissions"))).size(),
                 int(back.sent.size()));
    }

    // A long stream in tcptrace: at most a bar per pixel column and kind while the whole stream
    // is in view; zoomed in, every segment is drawn as itself again.
    void tcptraceMergesALongStreamPerPixelColumn()
    {
        const QString path = QDir(sharedCapturesDir()).filePath(QStringLiteral("local-lossy.pcapng"));
        TsvTable oracle;
        if (!QFileInfo::exists(path) || !readTsvFile(QDir(sharedCapturesDir()).filePath(QStringLiteral("oracle/local-lossy.tsv")), oracle))
            QSKIP(qPrintable(path + QStringLiteral(" (or its oracle) is missing")));
        qint64 bulk = 0; // a full-sized segment of the bulk transfer
        for (const auto& [f, row] : oracle.rows)
            if (oracle.cell(f, "tcp.len").toInt() > 1000) {
                bulk = f;
                break;
            }
        QVERIFY(bulk > 0);
        MainWindow w;
        w.show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(path));
        QVERIFY(done.wait(20000));
        w.goToPacket(size_t(bulk));
        w.findChild<QAction*>(QStringLiteral("tcpStreamGraphTcptrace"))->trigger();
        TcpStreamGraphWindow* g = waitForGraph(w);
        QVERIFY(g && g->segmentLayer());
        // The stream's bars on a chart narrower than the stream is long (the layer alone, over
        // the same data and axes as the window's tcptrace graph).
        const synflow::TcpStreamGraphData& data = g->data();
        QChartView view;
        view.resize(400, 300);
        auto* chart = new QChart;
        view.setChart(chart);
        auto* anchor = new QLineSeries;
        double t1 = 0, s1 = 0;
        for (const auto& seg : data.segments) {
            t1 = std::max(t1, seg.time);
            s1 = std::max(s1, double(seg.nextSeq()));
        }
        anchor->append(0, 0);
        anchor->append(t1, s1);
        chart->addSeries(anchor);
        chart->createDefaultAxes();
        SegmentLayer layer(chart, anchor);
        layer.setBars(SegmentLayer::makeBars(std::make_shared<const synflow::TcpStreamGraphData>(data)), {Qt::blue, Qt::red, Qt::magenta, Qt::darkYellow});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.grab(); // paints
        const size_t columns = size_t(std::ceil(chart->plotArea().width()));
        QCOMPARE(layer.segmentsInView(), data.segments.size());
        QVERIFY2(layer.segmentsInView() > 2 * columns,
                 qPrintable(QStringLiteral("%1 segments, %2 columns").arg(layer.segmentsInView()).arg(columns)));
        QVERIFY2(layer.barsDrawn() <= 3 * columns, qPrintable(QString::number(layer.barsDrawn())));

        auto* x = qobject_cast<QValueAxis*>(chart->axes(Qt::Horizontal).first());
        x->setRange(data.segments[0].time, data.segments[0].time + (data.segments[8].time - data.segments[0].time) / 2);
        view.grab();
        QVERIFY(layer.segmentsInView() > 0 && layer.segmentsInView() <= 2 * columns);
        QVERIFY(layer.barsDrawn() >= layer.segmentsInView()); // each one itself
    }

    // A long stream is drawn first from a sample of it, said so in the title, then whole. The
    // sample's runs of consecutive frames carry each value as the whole graph has it.
    void longStreamsShowAFirstLookThenTheWhole()
    {
        MainWindow w;
        w.show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(dataFile("lo-lossy.pcapng")));
        QVERIFY(done.wait(10000));
        w.goToPacket(1);
        w.findChild<QAction*>(QStringLiteral("tcpStreamGraphTcptrace"))->trigger();
        TcpStreamGraphWindow* g = waitForGraph(w);
        QVERIFY(g && g->segmentLayer());
        const synflow::TcpStreamGraphData whole = g->data();
        QVERIFY(!whole.sampled() && whole.streamFrames > 100 && whole.framesRead == whole.streamFrames);
        auto* title = g->findChild<QLabel*>(QStringLiteral("graphTitle"));
        QVERIFY(!title->text().contains(QStringLiteral("first look")));

        g->setPreview(100, 4 * synflow::kSampleRun); // the stream has more: four runs first
        QSignalSpy built(g, &TcpStreamGraphWindow::built);
        std::vector<synflow::TcpStreamGraphData> shown;
        std::vector<bool> building;
        std::vector<QString> titles;
        const QString shots = qEnvironmentVariable("SYNFLOW_SCREENSHOT_DIR"); // set: to look at them
        connect(g, &TcpStreamGraphWindow::built, this, [&] {
            if (!shots.isEmpty())
                g->grab().save(QDir(shots).filePath(QStringLiteral("tcptrace-%1.png").arg(shown.size())));
            shown.push_back(g->data());
            building.push_back(g->isBuilding());
            titles.push_back(title->text());
        });
        g->setStream(whole.stream, whole.direction);
        QVERIFY(g->isBuilding());
        QTRY_VERIFY_WITH_TIMEOUT(!g->isBuilding(), 10000);
        QCOMPARE(shown.size(), size_t(2));

        const synflow::TcpStreamGraphData& first = shown[0];
        QVERIFY(building[0]); // still reading the rest
        QVERIFY(first.sampled());
        QCOMPARE(first.framesRead, 4 * synflow::kSampleRun);
        QCOMPARE(first.streamFrames, whole.streamFrames);
        QVERIFY2(titles[0].contains(QStringLiteral("first look: %1 of %2 packets").arg(first.framesRead).arg(whole.streamFrames)),
                 qPrintable(titles[0]));
        QVERIFY(!first.segments.empty() && !first.acks.empty());
        QVERIFY(first.segments.size() < whole.segments.size());
        // The runs spread over the stream: the first and last segments are among them.
        QCOMPARE(first.segments.front().frame, whole.segments.front().frame);
        QCOMPARE(first.segments.back().frame, whole.segments.back().frame);
        for (const synflow::TcpGraphSegment& s : first.segments) {
            const auto it = std::find_if(whole.segments.begin(), whole.segments.end(), [&](const auto& x) { return x.frame == s.frame; });
            QVERIFY(it != whole.segments.end());
            QCOMPARE(s.seq, it->seq);
            QCOMPARE(s.nextSeq(), it->nextSeq());
            QCOMPARE(s.analysis, it->analysis);
            QCOMPARE(s.time, it->time);
        }
        for (const synflow::TcpGraphAck& a : first.acks) {
            const auto it = std::find_if(whole.acks.begin(), whole.acks.end(), [&](const auto& x) { return x.frame == a.frame; });
            QVERIFY(it != whole.acks.end());
            QCOMPARE(a.ack, it->ack);
            QCOMPARE(a.window, it->window);
        }

        QVERIFY(!building[1]);
        QVERIFY(!shown[1].sampled());
        QCOMPARE(shown[1].segments.size(), whole.segments.size());
        QCOMPARE(shown[1].acks.size(), whole.acks.size());
        QVERIFY(!titles[1].contains(QStringLiteral("first look")));
        QCOMPARE(g->segmentLayer()->segmentsInView(), whole.segments.size());
    }

    // Compare: another stream overlaid, named in the legend, its marks picked by a click too.
    void comparesStreams()
    {
        TsvTable oracle;
        QVERIFY(readTsvFile(dataFile("oracle/lo-reuse-ng.tsv"), oracle));
        MainWindow w;
        w.show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(dataFile("lo-reuse.pcapng")));
        QVERIFY(done.wait(10000));
        w.goToPacket(1);
        w.findChild<QAction*>(QStringLiteral("tcpStreamGraphStevens"))->trigger();
        TcpStreamGraphWindow* g = waitForGraph(w);
        QVERIFY(g);
        const QString port1 = oracle.cell(1, "tcp.srcport");
        qint64 firstOfStream1 = 0;
        for (const auto& [f, row] : oracle.rows)
            if (oracle.cell(f, "tcp.stream") == QLatin1String("1")) {
                firstOfStream1 = f;
                break;
            }
        QVERIFY2(firstOfStream1 > 0, "lo-reuse has a second stream");
        g->setCompared({1});
        QTRY_VERIFY(!g->isBuilding() && seriesNamed(g->chart(), QStringLiteral("Stream 1")));
        QXYSeries* other = seriesNamed(g->chart(), QStringLiteral("Stream 1"));
        // Stream 1's first sender is its ep[0]: all its frames from that sender's port.
        const OracleStream o1 = oracleStream(oracle, QStringLiteral("1"), oracle.cell(firstOfStream1, "tcp.srcport"));
        QCOMPARE(g->plottedPoints(other).size(), int(o1.sent.size()));
        Q_UNUSED(port1);
    }

    // The window's words follow a language switch, as the main window's do.
    void followsTheLanguage()
    {
        MainWindow w;
        w.show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(dataFile("lo-lossy.pcapng")));
        QVERIFY(done.wait(10000));
        w.goToPacket(1);
        w.findChild<QAction*>(QStringLiteral("tcpStreamGraphRoundTrip"))->trigger();
        TcpStreamGraphWindow* g = waitForGraph(w);
        QVERIFY(g);
        auto* kind = g->findChild<QComboBox*>(QStringLiteral("graphType"));
        QCOMPARE(kind->currentText(), QStringLiteral("Round-trip time"));
        applyLanguage(QStringLiteral("zh_CN"));
        QTRY_COMPARE(kind->currentText(), QStringLiteral("往返时间"));
        QVERIFY(seriesNamed(g->chart(), QStringLiteral("往返时间")));
        applyLanguage(QStringLiteral("en"));
        QTRY_COMPARE(kind->currentText(), QStringLiteral("Round-trip time"));
    }

    // Nothing to graph: a clear message, no empty window.
    void noTcpSaysSo()
    {
        MainWindow w;
        w.show();
        w.findChild<QAction*>(QStringLiteral("tcpStreamGraphTcptrace"))->trigger();
        QVERIFY(!w.findChild<TcpStreamGraphWindow*>());
        QVERIFY(lastError(w).contains(QStringLiteral("no TCP conversation")));
    }
};

QTEST_MAIN(TestTcpStreamGraphWindow)
#include "tst_tcpstreamgraphwindow.moc"
