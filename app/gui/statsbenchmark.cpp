#include "statsbenchmark.h"

#include "guibenchmark.h"

#include "analysis/analysedcapture.h"
#include "analysis/processmemory.h"
#include "follow/followstreamwindow.h"
#include "graphs/graphview.h"
#include "graphs/tcpstreamgraphwindow.h"
#include "statistics/statisticswindow.h"
#include "tcp/tcptracker.h"
#include "window/mainwindow.h"
#include "window/windowparts.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QChart>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QListView>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace {

// The GUI thread's longest stall: a 1 ms timer on that thread notes the longest time between two
// of its ticks, which is the longest the window could not answer the user.
class StallWatch {
public:
    StallWatch()
    {
        timer_.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer_, &QTimer::timeout, [this] { tick(); });
        timer_.start(1);
        clock_.start();
        reset();
    }
    void reset()
    {
        last_ = clock_.nsecsElapsed();
        longest_ = 0;
    }
    double longestMs()
    {
        tick();
        return double(longest_) / 1e6;
    }

private:
    void tick()
    {
        const qint64 now = clock_.nsecsElapsed();
        longest_ = std::max(longest_, now - last_);
        last_ = now;
    }
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 last_ = 0, longest_ = 0;
};

// Runs the event loop (waking at least each millisecond, for the stall watch's timer) until
// `done` or `limitMs`; false on the limit.
bool pumpUntil(const std::function<bool()>& done, qint64 limitMs = 120000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > limitMs)
            return false;
        QApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

struct Opening {
    double shownMs = -1;   // the window on screen and painted (its progress, if still working)
    double drawnMs = -1;   // something drawn (a first look), when asked
    double contentMs = -1; // its figures painted
    double stallMs = -1;   // the GUI thread's longest stall from the click to the figures
};

// Triggers `action`, finds the window it opened with `find`, and waits for `ready`.
Opening timeOpening(StallWatch& watch, QAction* action, const std::function<QWidget*()>& find,
                    const std::function<bool(QWidget*)>& ready, const std::function<bool(QWidget*)>& drawn = {})
{
    Opening o;
    QElapsedTimer clock;
    watch.reset();
    clock.start();
    action->trigger();
    QWidget* w = nullptr;
    if (!pumpUntil([&] { return (w = find()) && w->isVisible(); }, 10000))
        return o;
    w->repaint();
    o.shownMs = double(clock.nsecsElapsed()) / 1e6;
    if (drawn) {
        if (!pumpUntil([&] { return drawn(w); }))
            return o;
        w->repaint();
        o.drawnMs = double(clock.nsecsElapsed()) / 1e6;
    }
    if (!pumpUntil([&] { return ready(w); }))
        return o;
    w->repaint();
    o.contentMs = double(clock.nsecsElapsed()) / 1e6;
    o.stallMs = watch.longestMs();
    return o;
}

void printOpening(const char* name, const Opening& o)
{
    std::printf("%-22s shown %8.1f ms  figures %8.1f ms  longest GUI stall %7.1f ms\n", name, o.shownMs, o.contentMs, o.stallMs);
}

// The largest TCP stream by packets; -1 with none.
int64_t largestStream(const synflow::TcpTracker& tracker)
{
    int64_t best = -1;
    uint64_t bestFrames = 0;
    for (size_t s = 0; s < tracker.conversationCount(); ++s) {
        const synflow::TcpConversation c = tracker.conversation(uint32_t(s));
        const uint64_t frames = uint64_t(c.frames[0]) + c.frames[1];
        if (frames > bestFrames) {
            bestFrames = frames;
            best = int64_t(s);
        }
    }
    return best;
}

// Counts the paints a widget gets.
class PaintCounter : public QObject {
public:
    explicit PaintCounter(QWidget* w) { w->installEventFilter(this); }
    int paints = 0;

protected:
    bool eventFilter(QObject*, QEvent* e) override
    {
        paints += e->type() == QEvent::Paint;
        return false;
    }
};

void sendKey(QWidget* to, int key)
{
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier);
    QApplication::sendEvent(to, &press);
}

} // namespace

int runStatisticsBenchmark(MainWindow& w, const QString& path)
{
    using namespace windowparts;
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // each figure as soon as it is measured
    QElapsedTimer load;
    load.start();
    if (!guibench::openAndWait(w, path))
        return 1;
    const double loadMs = double(load.nsecsElapsed()) / 1e6;
    const int rows = packetModel(w)->rowCount();
    QApplication::processEvents();
    const long memoryBefore = synflow::anonymousMemoryKb();
    std::printf("capture              %s: %d packets, loaded (TCP analysis included) in %.0f ms\n", qPrintable(path), rows, loadMs);
    std::printf("window memory        %ld kB without statistics windows\n", memoryBefore);

    StallWatch watch;
    auto statistics = [&](const char* objectName) {
        return [&w, objectName]() -> QWidget* { return part<StatisticsWindow>(w, objectName); };
    };
    auto counted = [](QWidget* s) { return !static_cast<StatisticsWindow*>(s)->isCounting(); };
    const struct {
        const char *label, *action, *window;
    } windows[] = {
        {"capture properties", "captureFileProperties", "capturePropertiesWindow"},
        {"protocol hierarchy", "protocolHierarchy", "protocolHierarchyWindow"},
        {"conversations", "conversations", "conversationsWindow"},
        {"endpoints", "endpoints", "endpointsWindow"},
        {"I/O graph", "ioGraph", "ioGraphWindow"},
        {"expert information", "expertInformation", "expertInfoWindow"},
    };
    // SYNFLOW_BENCH_PARTS=windows,graph,follow (a comma list) times only those parts.
    const QStringList parts = qEnvironmentVariable("SYNFLOW_BENCH_PARTS", QStringLiteral("windows,graph,follow")).split(QLatin1Char(','));
    int failed = 0;
    for (const auto& win : windows) {
        if (!parts.contains(QLatin1String("windows")))
            break;
        const Opening o = timeOpening(watch, action(w, win.action), statistics(win.window), counted);
        failed += o.contentMs < 0;
        printOpening(win.label, o);
    }

    // The largest TCP stream, its first packet selected: the graph shows the direction that sent more.
    const synflow::AnalysedCapture* capture = packetPane(w)->capture();
    const synflow::TcpTracker* tracker = capture ? capture->tracker() : nullptr;
    const int64_t stream = tracker ? largestStream(*tracker) : -1;
    if (stream >= 0 && parts.contains(QLatin1String("graph"))) {
        const synflow::TcpConversation c = tracker->conversation(uint32_t(stream));
        std::printf("largest TCP stream   %lld: %u + %u packets, %llu + %llu bytes\n", static_cast<long long>(stream), c.frames[0],
                    c.frames[1], static_cast<unsigned long long>(c.bytes[0]), static_cast<unsigned long long>(c.bytes[1]));
        w.goToPacket(size_t(c.firstFrame) + 1);

        TcpStreamGraphWindow* graph = nullptr;
        bool firstSampled = false;
        const Opening g = timeOpening(
            watch, action(w, "tcpStreamGraphTcptrace"), [&]() -> QWidget* { return graph = w.findChild<TcpStreamGraphWindow*>(); },
            [](QWidget* x) { return !static_cast<TcpStreamGraphWindow*>(x)->isBuilding(); },
            [&firstSampled](QWidget* x) {
                auto* gw = static_cast<TcpStreamGraphWindow*>(x);
                firstSampled = gw->data().sampled();
                return !gw->chart()->series().isEmpty();
            });
        failed += g.contentMs < 0;
        printOpening("tcptrace graph", g);
        std::printf("tcptrace first draw  %8.1f ms (%s)\n", g.drawnMs,
                    firstSampled ? "a sample, then the whole stream" : "the whole stream");
        if (graph) {
            graph->resize(1000, 700);
            GraphView* view = graph->view();
            view->setFocus();
            QApplication::processEvents();
            // A frame: the key, then the event loop paints as it does for a user (one paint).
            PaintCounter painted(view->viewport());
            auto frame = [&](int key) {
                const int before = painted.paints;
                sendKey(view, key);
                QApplication::processEvents();
                if (painted.paints == before)
                    view->viewport()->repaint();
            };
            const guibench::Spread full = guibench::timeEach(20, [&](int i) { frame(i % 2 ? Qt::Key_Left : Qt::Key_Right); });
            const guibench::Spread zoom = guibench::timeEach(40, [&](int i) { frame(i % 20 < 10 ? Qt::Key_Equal : Qt::Key_Minus); });
            for (int i = 0; i < 6; ++i)
                sendKey(view, Qt::Key_Equal); // zoomed in 1.25^6 ≈ 4x
            QApplication::processEvents();
            const guibench::Spread pan = guibench::timeEach(40, [&](int i) { frame(i % 20 < 10 ? Qt::Key_Right : Qt::Key_Left); });
            std::printf("graph pan, all shown avg %.2f ms, median %.2f ms, max %.2f ms a frame\n", full.avg, full.median, full.max);
            std::printf("graph zoom           avg %.2f ms, median %.2f ms, max %.2f ms a frame\n", zoom.avg, zoom.median, zoom.max);
            std::printf("graph pan, zoomed in avg %.2f ms, median %.2f ms, max %.2f ms a frame\n", pan.avg, pan.median, pan.max);
        }

    }
    if (stream >= 0 && parts.contains(QLatin1String("follow"))) {
        const synflow::TcpConversation c = tracker->conversation(uint32_t(stream));
        w.goToPacket(size_t(c.firstFrame) + 1);
        FollowStreamWindow* follow = nullptr;
        const Opening f = timeOpening(
            watch, action(w, "followTcpStream"), [&]() -> QWidget* { return follow = w.findChild<FollowStreamWindow*>(); },
            [](QWidget* x) {
                auto* fw = static_cast<FollowStreamWindow*>(x);
                return fw->model()->rowCount() > 0;
            });
        failed += f.contentMs < 0;
        printOpening("follow TCP stream", f);
        if (follow) {
            auto* list = follow->findChild<QListView*>();
            const int perScreen = list ? list->height() / std::max(1, list->sizeHintForRow(0)) : 0;
            std::printf("follow first screen  %d lines on screen of %d made so far\n", perScreen, follow->model()->rowCount());
            // The rest of the stream, still in the background: wait so memory counts all of it.
            watch.reset();
            QElapsedTimer rest;
            rest.start();
            pumpUntil([&] { return !follow->isBuilding(); });
            std::printf("follow whole stream  %d lines after %.0f ms more, longest GUI stall %.1f ms\n", follow->model()->rowCount(),
                        double(rest.nsecsElapsed()) / 1e6, watch.longestMs());
            if (list) {
                const guibench::Spread scroll = guibench::timeEach(40, [&](int i) {
                    list->scrollTo(follow->model()->index(int((i * 7919LL * 104729) % std::max(1, follow->model()->rowCount())), 0),
                                   QAbstractItemView::PositionAtTop);
                    list->viewport()->repaint();
                });
                std::printf("follow jump + paint  avg %.2f ms, max %.2f ms\n", scroll.avg, scroll.max);
            }
        }
    }
    // Waits for the main window's own work the follow asked for (its stream's display filter).
    pumpUntil([&] { return !loader(w)->isLoading(); }, 60000);
    QApplication::processEvents();
    const long memoryAfter = synflow::anonymousMemoryKb();
    std::printf("memory, all open     %ld kB: %.2fx the window's without them\n", memoryAfter, double(memoryAfter) / double(memoryBefore));
    return failed ? 1 : 0;
}
