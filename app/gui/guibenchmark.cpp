#include "guibenchmark.h"

#include "window/windowparts.h"

#include "analysis/processmemory.h"

#include "window/captureloader.h"
#include "packets/filteredit.h"
#include "flowgraph/flowpanel.h"
#include "flowgraph/flowview.h"
#include "window/mainwindow.h"
#include "models/packetlistmodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QComboBox>
#include <QDockWidget>
#include <QScrollBar>
#include <QTableView>

#include <algorithm>
#include <cstdio>
#include <vector>

using guibench::Spread;
using guibench::timeEach;

guibench::Spread guibench::spreadOf(std::vector<double> ms)
{
    Spread s;
    if (ms.empty())
        return s;
    for (double v : ms)
        s.avg += v / double(ms.size());
    std::sort(ms.begin(), ms.end());
    s.max = ms.back();
    s.median = ms[ms.size() / 2];
    return s;
}

bool guibench::openAndWait(MainWindow& w, const QString& path)
{
    bool finished = false;
    const auto done = QObject::connect(&w, &MainWindow::loadFinished, &w, [&] { finished = true; });
    const bool opened = w.openCapture(path);
    while (opened && !finished && windowparts::loader(w)->isLoading())
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    QObject::disconnect(done);
    return opened && windowparts::packetModel(w)->rowCount() > 0;
}

int runGuiBenchmark(MainWindow& w, const QString& path)
{
    using namespace windowparts;
    QElapsedTimer clock;
    qint64 firstRowsNs = -1;
    bool finished = false;
    QObject::connect(packetModel(w), &QAbstractItemModel::rowsInserted, &w, [&] {
        if (firstRowsNs < 0) {
            QApplication::processEvents(); // the rows are painted once the event loop runs
            packetList(w)->viewport()->repaint();
            firstRowsNs = clock.nsecsElapsed();
        }
    });
    QObject::connect(&w, &MainWindow::loadFinished, &w, [&] { finished = true; });
    clock.start();
    if (!w.openCapture(path))
        return 1;
    while (!finished && loader(w)->isLoading())
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    const double loadMs = double(clock.nsecsElapsed()) / 1e6;
    const int rows = packetModel(w)->rowCount();
    if (rows == 0)
        return 1;
    QRandomGenerator rng(42);
    const Spread select = timeEach(200, [&](int) {
        w.goToPacket(size_t(rng.bounded(rows)) + 1);
        packetList(w)->viewport()->repaint();
    });
    const Spread scroll = timeEach(200, [&](int) {
        packetList(w)->scrollTo(packetModel(w)->index(rng.bounded(rows), 0), QAbstractItemView::PositionAtTop);
        packetList(w)->viewport()->repaint();
    });
    const long memoryAfterLoad = synflow::anonymousMemoryKb();

    // A display filter over every packet (TCP analysis included).
    bool filtered = false;
    QObject::connect(&w, &MainWindow::filterApplied, &w, [&] { filtered = true; });
    displayFilter(w)->setText(QStringLiteral("tcp.analysis.flags && !tcp.analysis.window_update"));
    clock.restart();
    packetPane(w)->applyDisplayFilter();
    while (!filtered && clock.elapsed() < 120000) // bounded: a filter that never reports must not hang the run
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    const double filterMs = double(clock.nsecsElapsed()) / 1e6;
    const int shownRows = packetModel(w)->rowCount();
    displayFilter(w)->clear();

    // The flow graph with every TCP packet in scope: built in the background, then painted.
    flowDock(w)->show();
    QApplication::processEvents();
    clock.restart();
    flowScope(w)->setCurrentIndex(FlowPanel::All);
    while ((flowPanel(w)->isBuilding() || flowView(w)->graph().arrows().empty()) && clock.elapsed() < 120000)
        QApplication::processEvents(QEventLoop::AllEvents, 5); // a capture without TCP has no arrows
    flowView(w)->viewport()->repaint();
    const double flowFirstPaintMs = double(clock.nsecsElapsed()) / 1e6;
    const int arrows = int(flowView(w)->graph().arrows().size());
    QScrollBar* bar = flowView(w)->verticalScrollBar();
    const Spread flowScroll = timeEach(200, [&](int) {
        bar->setValue(int(rng.bounded(std::max(1, bar->maximum()))));
        flowView(w)->viewport()->repaint();
    });
    const Spread flowZoom = timeEach(40, [&](int i) {
        flowView(w)->setZoom(i % 20 < 10 ? flowView(w)->zoom() * 1.1 : flowView(w)->zoom() / 1.1);
        flowView(w)->viewport()->repaint();
    });
    const long memoryWithFlow = synflow::anonymousMemoryKb();

    std::printf("rows                 %d\n", rows);
    std::printf("first rows shown     %.1f ms after the open started\n", double(firstRowsNs) / 1e6);
    std::printf("whole load + TCP     %.1f ms\n", loadMs);
    std::printf("select a packet      avg %.2f ms, max %.2f ms (list repaint, detail tree, bytes)\n", select.avg, select.max);
    std::printf("jump and repaint     avg %.2f ms, max %.2f ms\n", scroll.avg, scroll.max);
    std::printf("anonymous memory     %ld kB (%.1f bytes per packet)\n", memoryAfterLoad, memoryAfterLoad * 1024.0 / rows);
    std::printf("display filter       %.1f ms for %d rows -> %d shown\n", filterMs, rows, shownRows);
    std::printf("flow graph, all TCP  %d arrows: first paint %.1f ms after asking (built in the background)\n", arrows, flowFirstPaintMs);
    std::printf("flow graph scroll    avg %.2f ms, max %.2f ms a frame\n", flowScroll.avg, flowScroll.max);
    std::printf("flow graph zoom      avg %.2f ms, max %.2f ms a step (relayout and repaint)\n", flowZoom.avg, flowZoom.max);
    std::printf("memory with flow     %ld kB (%.1f bytes per packet)\n", memoryWithFlow, memoryWithFlow * 1024.0 / rows);
    return 0;
}
