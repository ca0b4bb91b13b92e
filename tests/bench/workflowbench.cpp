// synflow-workflowbench CAPTURE [RUNS]
// Times, in the real window on a big capture, what issue 13 sets limits for, as a user does it:
// a detail line's right-click → Apply as Filter → Selected until the filtered list is shown
// (≤ 0.5 s); the detail line's Apply as Column until the list has repainted with it (≤ 0.2 s);
// a click on a row until its detail tree and bytes are shown (≤ 16 ms). Prints each one's median
// and worst of RUNS runs (default 5) and the load average, since the machine may be shared.
// Not a test: run it on purpose (`cmake --build build --target workflowbench`); Find Next is
// timed by synflow-findbench.
#include "../ui/window/windowdriver.h"
#include "packets/packetpane.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace windowparts;

namespace {

struct Figures {
    std::vector<double> ms, cpu; // wall and every thread's CPU time
    void add(double wallMs, std::clock_t since)
    {
        ms.push_back(wallMs);
        cpu.push_back(double(std::clock() - since) * 1000.0 / CLOCKS_PER_SEC);
    }
    void print(const char* what, double limit) const
    {
        std::vector<double> s = ms;
        std::sort(s.begin(), s.end());
        const double median = s.empty() ? 0 : s[s.size() / 2];
        std::vector<double> c = cpu;
        std::sort(c.begin(), c.end());
        std::printf("%-44s median %8.1f ms, worst %8.1f ms (limit %.0f ms) %s; CPU median %.1f ms\n", what, median, s.empty() ? 0 : s.back(),
                    limit, median <= limit ? "ok" : "OVER", c.empty() ? 0 : c[c.size() / 2]);
    }
};

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2) : QStringLiteral("?");
}

void settle()
{
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents();
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: synflow-workflowbench CAPTURE [RUNS]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::max(1, atoi(argv[2])) : 5;
    MainWindow w;
    w.resize(1280, 860);
    w.show();
    QElapsedTimer t;
    t.start();
    if (!driver::open(w, QString::fromLocal8Bit(argv[1]))) {
        std::fprintf(stderr, "synflow-workflowbench: cannot open %s\n", argv[1]);
        return 1;
    }
    PacketListModel* model = packetModel(w);
    std::printf("load: %lld ms, %zu packets; load average %s\n", t.elapsed(), model->frameCount(), qPrintable(loadAverage()));
    QTest::qWait(3000); // the TCP analysis finishes in the background

    Figures select, applyFilter, addColumn;
    QTableView* list = packetList(w);
    for (int run = 0; run < runs; ++run) {
        // Selection → details: rows far apart, so nothing is cached from the last one.
        const int row = int((size_t(run) * 7919 + 100) % size_t(model->rowCount()));
        list->scrollTo(model->index(row, 0));
        settle();
        std::clock_t cpu = std::clock();
        t.restart();
        list->selectRow(row);
        QCoreApplication::processEvents(); // the tree and bytes are set synchronously; their paint follows
        detailTree(w)->viewport()->repaint();
        bytesView(w)->repaint();
        select.add(double(t.nsecsElapsed()) / 1e6, cpu);

        // Apply as Filter on the TCP source port of a packet: the filtered list, shown.
        if (!displayFilter(w)->text().isEmpty()) {
            QSignalSpy cleared(&w, &MainWindow::filterApplied);
            packetPane(w)->applyFilterText(QString());
            if (!cleared.count() && !cleared.wait(30000))
                return 1;
        }
        w.goToPacket(size_t(row) + 1);
        QTreeWidgetItem* port = driver::line(w, "tcp.srcport");
        QMenu* menu = port ? driver::rightClickLine(w, port) : nullptr;
        QAction* selected = menu ? driver::entry(menu, QStringLiteral("applyAsFilterMenu/selected")) : nullptr;
        if (!selected) {
            std::fprintf(stderr, "synflow-workflowbench: no Apply as Filter on frame %d\n", row + 1);
            return 1;
        }
        QSignalSpy applied(&w, &MainWindow::filterApplied);
        cpu = std::clock();
        t.restart();
        selected->trigger();
        if (!applied.count() && !applied.wait(30000))
            return 1;
        list->viewport()->repaint();
        applyFilter.add(double(t.nsecsElapsed()) / 1e6, cpu);
        driver::dismiss(menu);

        // Apply as Column on a detail line: the list repainted with the new column.
        QTreeWidgetItem* len = driver::line(w, "tcp.len");
        QMenu* columnMenu = len ? driver::rightClickLine(w, len) : nullptr;
        QAction* column = columnMenu ? driver::entry(columnMenu, QStringLiteral("applyAsColumn")) : nullptr;
        if (!column)
            return 1;
        const int columns = model->columnCount();
        cpu = std::clock();
        t.restart();
        column->trigger();
        QCoreApplication::processEvents();
        list->viewport()->repaint();
        addColumn.add(double(t.nsecsElapsed()) / 1e6, cpu);
        driver::dismiss(columnMenu);
        if (model->columnCount() != columns + 1)
            return 1;
        model->removeCustomColumn(columns);
        settle();
    }
    std::printf("load average after: %s\n", qPrintable(loadAverage()));
    select.print("select a row -> details and bytes shown", 16);
    applyFilter.print("detail line -> Apply as Filter -> list shown", 500);
    addColumn.print("detail line -> Apply as Column -> repainted", 200);
    return 0;
}
