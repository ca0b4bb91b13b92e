// synflow-packetlistbench CAPTURE [FILTER]
// Times the packet list's per-row costs on a big capture, filtered and sorted as a user would:
// rowOf (sort keeps persistent indexes through it, Go to Packet uses it) and painting the rows
// in sight. Not a test: run it on purpose (`cmake --build build --target packetlistbench`).
#include "models/packetlistmodel.h"

#include "analysis/analysedcapture.h"
#include "capture/capturefile.h"
#include "filter/displayfilter.h"
#include "proto/conversationprotocols.h"
#include "tcp/tcptracker.h"

#if __has_include("models/packetlistmodel_p.h")
#include "models/packetlistmodel_p.h"
#define HAVE_DECODE_COUNTER 1
#endif

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QPixmap>
#include <QTableView>

#include <algorithm>
#include <cstdio>

using namespace synflow;

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: synflow-packetlistbench CAPTURE [FILTER]\n");
        return 2;
    }
    QElapsedTimer t;
    t.start();
    auto capture = std::make_shared<AnalysedCapture>();
    std::string err;
    if (!capture->open(argv[1], err)) {
        std::fprintf(stderr, "synflow-packetlistbench: %s\n", err.c_str());
        return 1;
    }
    capture->analyse();
    std::printf("load + analysis: %lld ms, %zu packets\n", t.elapsed(), capture->packetCount());

    PacketListModel model;
    model.setCapture(capture);
    model.setRowCount(capture->packetCount());
    model.analysisReady();
    auto filter = std::make_shared<DisplayFilter>();
    if (!filter->compile(argc > 2 ? argv[2] : "tcp", err)) {
        std::fprintf(stderr, "synflow-packetlistbench: %s\n", err.c_str());
        return 2;
    }
    t.restart();
    model.setDisplayFilter(filter, filterFrames(*filter, *capture));
    std::printf("filter: %lld ms, %d rows shown\n", t.elapsed(), model.rowCount());

    QTableView view;
    view.setModel(&model);
    view.verticalHeader()->setDefaultSectionSize(20);
    view.resize(1200, 860); // about 40 rows
    view.show();
    view.selectRow(model.rowCount() / 2); // a persistent index for sort to carry
    t.restart();
    model.sort(PacketListModel::Length, Qt::DescendingOrder);
    std::printf("sort by Length (descending): %lld ms\n", t.elapsed());
    t.restart();
    model.sort(PacketListModel::Info, Qt::AscendingOrder);
    std::printf("sort by Info: %lld ms\n", t.elapsed());

    // rowOf: a spread of frames (the old linear search makes every frame far too slow).
    const size_t frames = model.frameCount();
    const size_t samples = 2000;
    t.restart();
    long long found = 0;
    for (size_t k = 0; k < samples; ++k)
        found += model.rowOf(k * frames / samples) >= 0;
    const double perCall = double(t.nsecsElapsed()) / double(samples);
    std::printf("rowOf: %.0f ns a call (%zu frames, %lld shown)\n", perCall, samples, found);

    // Painting the rows in sight, the way the view does (several roles per cell).
    view.scrollTo(model.index(model.rowCount() / 2, 0));
    QPixmap pm(view.viewport()->size());
    view.viewport()->render(&pm); // warm up: fonts, styles
    const int paints = 50;
#ifdef HAVE_DECODE_COUNTER
    const uint64_t before = synflow::detail::packetListDecodes.load();
#endif
    double bestPaint = 1e18;
    for (int i = 0; i < paints; ++i) {
        t.restart();
        view.viewport()->render(&pm);
        bestPaint = std::min(bestPaint, double(t.nsecsElapsed()) / 1e6);
    }
    const int visible = view.rowAt(view.viewport()->height() - 1) - view.rowAt(0) + 1;
    std::printf("paint: %.2f ms (best of %d) for %d visible rows", bestPaint, paints, visible);
#ifdef HAVE_DECODE_COUNTER
    std::printf(", %.1f decodes a paint", double(synflow::detail::packetListDecodes.load() - before) / paints);
#endif
    std::printf("\n");

    // The model's share of a paint: the roles a styled delegate asks of each visible cell.
    // Best of 20 batches: the machine is shared, the minimum is the least disturbed figure.
    const int first = view.rowAt(0);
    const int roles[] = {Qt::FontRole, Qt::TextAlignmentRole, Qt::ForegroundRole, Qt::CheckStateRole,
                         Qt::DecorationRole, Qt::DisplayRole, Qt::BackgroundRole};
    qsizetype chars = 0;
    double best = 1e18;
    for (int batch = 0; batch < 20; ++batch) {
        t.restart();
        const int rounds = 50;
        for (int i = 0; i < rounds; ++i)
            for (int r = first; r < first + visible; ++r)
                for (int c = 0; c < model.columnCount(); ++c)
                    for (const int role : roles)
                        chars += model.data(model.index(r, c), role).toString().size();
        best = std::min(best, double(t.nsecsElapsed()) / 1e6 / rounds);
    }
    std::printf("data() of a paint: %.3f ms (best of 20 batches, %lld chars)\n", best, (long long)chars);
    return 0;
}
