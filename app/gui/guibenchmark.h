#pragma once
// `synflow --benchmark FILE`: opens FILE in a real window and prints how long the first
// rows took to appear, the whole load, selecting packets and scrolling to random places.
#include <QElapsedTimer>
#include <QString>

#include <vector>

class MainWindow;

int runGuiBenchmark(MainWindow& window, const QString& path);

// What the benchmark modes share.
namespace guibench {

struct Spread {
    double avg = 0, max = 0, median = 0;
};
Spread spreadOf(std::vector<double> ms);
// Times `step(i)` n times, in ms.
template <typename F>
Spread timeEach(int n, F&& step)
{
    std::vector<double> ms;
    QElapsedTimer t;
    for (int i = 0; i < n; ++i) {
        t.start();
        step(i);
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    return spreadOf(ms);
}
// Opens `path` in `window` and runs its event loop until the load (TCP analysis included) ends.
// False when it cannot be opened or has no packets.
bool openAndWait(MainWindow& window, const QString& path);

} // namespace guibench
