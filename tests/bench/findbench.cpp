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
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

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
        std::vector<double> wall, cpu;
        qint64 worstGap = 0;
        for (int run = 0; run < 5; ++run) {
            w.goToPacket(1);
            QCoreApplication::processEvents();
            longestGap = 0;
            pulse.start();
            t.restart();
            const std::clock_t cpuBefore = std::clock(); // every thread's CPU time
            action(w, "findNext")->trigger();
            while (bar->isSearching())
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
            wall.push_back(double(t.nsecsElapsed()) / 1e6);
            cpu.push_back(double(std::clock() - cpuBefore) * 1000.0 / CLOCKS_PER_SEC);
            QCoreApplication::processEvents();
            worstGap = std::max(worstGap, longestGap);
        }
        std::sort(wall.begin(), wall.end());
        std::sort(cpu.begin(), cpu.end());
        std::printf("%-34s median %8.1f ms (worst %.1f; CPU median %.0f ms), longest event-loop gap %lld ms, selected %zu\n", c.what,
                    wall[wall.size() / 2], wall.back(), cpu[cpu.size() / 2], worstGap, packetPane(w)->selectedFrame() + 1);
    }
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    if (loadavg.open(QIODevice::ReadOnly)) // the machine may be shared: wall times depend on it
        std::printf("load average: %s", loadavg.readAll().constData());
    return 0;
}
