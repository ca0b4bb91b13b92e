#pragma once
// Draws a flow graph with QPainter: the on-screen view paints the rows in sight, exports
// paint everything (PNG, and PDF with real text, one page per screenful of arrows). Qt Gui
// only, so the command-line tool draws exactly what the window shows.
#include "flow/flowbrackets.h"
#include "flow/flowgraph.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontMetrics>
#include <QPalette>
#include <QSize>
#include <QString>

class QIODevice;
class QPainter;

class FlowPainter {
    Q_DECLARE_TR_FUNCTIONS(FlowPainter)
public:
    // Gaps between consecutive arrows at least this long are marked (rows never stretch
    // with time, so long silences are compressed to one marked row boundary).
    static constexpr double kGapMarkSeconds = 1.0;

    FlowPainter();
    void setGraph(const synflow::FlowGraph* graph); // kept by pointer; brackets are worked out here
    void setFont(const QFont& font);
    void setLineScale(qreal scale) { lineScale_ = scale; }
    const QFont& font() const { return font_; }

    int rowHeight() const { return fm_.height() * 2 + 8; }
    int headerHeight() const;
    int timeWidth() const { return fm_.horizontalAdvance(QStringLiteral("00000.000000")) + 12; }
    int laneGap() const;
    int laneX(int node, int xScroll = 0) const { return timeWidth() + 60 + node * laneGap() - xScroll; }
    QSize contentSize(int rows) const; // header plus `rows` arrows, wide enough for every lane

    struct View {
        int firstRow = 0;  // arrow drawn at the top, just under the header
        int rows = 0;      // how many arrows to draw from there
        int xScroll = 0;
        QSize size;        // of the area painted
        int reveal = -1;   // teaching: only arrows [0, reveal) are drawn
        int current = -1;  // arrow shown as selected
    };
    void paint(QPainter& p, const QPalette& palette, const View& view) const;

private:
    const synflow::FlowGraph* graph_ = nullptr;
    std::vector<synflow::FlowBracket> brackets_;
    QFont font_;
    QFontMetrics fm_;
    qreal lineScale_ = 1.0;
};

// Exports the whole graph as "png" or "pdf", on white, in the view's look. False with a
// reason (e.g. a PNG that would be too tall; PDF and SVG have no such limit). The path form
// writes atomically (a temporary file renamed over `path` once complete).
bool exportFlowImage(const synflow::FlowGraph& graph, QIODevice* out, const QString& format, QString* error);
bool exportFlowImage(const synflow::FlowGraph& graph, const QString& path, const QString& format, QString* error);
