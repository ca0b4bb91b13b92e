// synflow-findbench CAPTURE
// Times Edit → Find Next in the real window on a big capture, from the first packet: how long
// until the answer shows, and the longest the window's event loop went without running (it must
// stay responsive: the search runs in the background). Not a test: run it on purpose
// (`cmake --build build --target findbench`, on the 1.35 M-packet benchmark capture).
#include "window/mainwindow.h"
#include "window/windowparts.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace windowparts;

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: synflow-findbench CAPTURE\n");
        return 2;
    }
    MainWindow w;
    w.show();
    QElapsedTimer t;
    t.start();
    QEventLoop loading;
    QObject::connect(&w, &MainWindow::loadFinished, &loading, &QEventLoop::quit);
    if (!w.openCapture(QString::fromLocal8Bit(argv[1])) || loading.exec() != 0) {
        std::fprintf(stderr, "synflow-findbench: cannot open %s\n", argv[1]);
        return 1;
    }
    const size_t frames = packetModel(w)->frameCount();
    std::printf("load: %lld ms, %zu packets\n", t.elapsed(), frames);

    // The event loop's pulse: the longest gap between two 5 ms ticks is the longest freeze.
    QElapsedTimer pulse;
    qint64 longestGap = 0;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        longestGap = std::max(longestGap, pulse.restart());
    });
    tick.start(5);

    struct Case {
        const char* what;
        FindBar::Kind kind;
        QString text;
        FindBar::Where where;
    };
    const Case cases[] = {
        {"filter, near (next TCP segment)", FindBar::Kind::DisplayFilter, QStringLiteral("tcp"), FindBar::Where::PacketList},
        {"filter, the last packet", FindBar::Kind::DisplayFilter, QStringLiteral("frame.number == %1").arg(frames),
         FindBar::Where::PacketList},
        {"filter, no match (whole file)", FindBar::Kind::DisplayFilter, QStringLiteral("tcp.port == 1"), FindBar::Where::PacketList},
        {"hex, no match (whole file)", FindBar::Kind::HexValue, QStringLiteral("de ad be ef 5a 5a"), FindBar::Where::Bytes},
        {"string in bytes, no match", FindBar::Kind::String, QStringLiteral("SynFlowNeedle"), FindBar::Where::Bytes},
    };
    for (const Case& c : cases) {
        FindBar* bar = findBar(w);
        bar->setQuery(c.kind, c.text, c.where);
        bar->show();
        double best = 1e18, cpu = 0;
        qint64 worstGap = 0;
        for (int run = 0; run < 3; ++run) {
            w.goToPacket(1);
            QCoreApplication::processEvents();
            longestGap = 0;
            pulse.start();
            t.restart();
            const std::clock_t cpuBefore = std::clock(); // every thread's CPU time
            action(w, "findNext")->trigger();
            while (bar->isSearching())
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
            const double ms = double(t.nsecsElapsed()) / 1e6;
            if (ms < best) {
                best = ms;
                cpu = double(std::clock() - cpuBefore) * 1000.0 / CLOCKS_PER_SEC;
            }
            QCoreApplication::processEvents();
            worstGap = std::max(worstGap, longestGap);
        }
        std::printf("%-34s %8.1f ms (best of 3; %.0f ms CPU), longest event-loop gap %lld ms, selected %zu\n", c.what, best, cpu,
                    worstGap, packetPane(w)->selectedFrame() + 1);
    }
    return 0;
}
