#pragma once
// Draws a flow graph with QPainter: the on-screen view paints the rows in sight, exports
// paint everything (PNG, and PDF with real text, one page per screenful of arrows). Qt Gui
// only, so the command-line tool draws exactly what the window shows.
//
// Layout is measured, not guessed: every text has its column, sized from the graph's own
// texts in the current font (time, bracket names, lanes, state names, Seq/Ack). Where the
// width is fixed (projector mode), the Seq/Ack column wraps onto more lines rather than
// shrinking or cutting; the legend wraps too. Nothing is dropped; a text cut to fit is
// elided and recorded with its whole text for the view's tooltip.
#include "flow/flowbrackets.h"
#include "flow/flowgraph.h"
#include "flow/timeaxis.h"

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QFontMetrics>
#include <QPalette>
#include <QRect>
#include <QSize>
#include <QString>

#include <array>
#include <vector>

class QIODevice;
class QPainter;

class FlowPainter {
    Q_DECLARE_TR_FUNCTIONS(FlowPainter)
public:
    // Gaps between consecutive arrows at least this long are marked (rows never stretch
    // with time, so long silences are compressed to one marked row boundary).
    static constexpr double kGapMarkSeconds = 1.0;

    // One text as painted: for the view's tooltips of elided texts and for layout tests.
    struct PaintedText {
        enum Kind { Header, Legend, Time, Gap, Bracket, Label, State, Comment, Note };
        Kind kind = Label;
        QRect rect;   // its glyphs' box, in the painted area's coordinates
        QRect column; // the room the layout gave it
        QString text; // as painted ("…" when elided)
        QString full; // the whole text
        QFont font;
        QColor colour, background;
        int arrow = -1; // its arrow, for row texts
    };

    FlowPainter();
    void setGraph(const synflow::FlowGraph* graph); // kept by pointer; brackets and text widths are measured here
    void setFont(const QFont& font);
    void setLineScale(qreal scale);
    // The width painted into: the legend wraps to it, and with `fit` the Seq/Ack column takes
    // what is left of it (wrapping), so the diagram needs no horizontal scrolling.
    void setViewWidth(int width, bool fit);
    // Rows one per arrow, or time-proportional (silences at true scale, never less than a row):
    // `viewHeight` bounds the longest silence to what a screen shows with a row either side
    // (0: eight rows, for exports).
    void setTimeScale(synflow::FlowTimeScale scale, int viewHeight = 0);
    synflow::FlowTimeScale timeScale() const { return timeScale_; }
    void retranslate() { measureGraph(); } // the language changed: its texts have other widths
    const QFont& font() const { return font_; }

    int rowHeight() const { return rowHeight_; }
    int headerHeight() const { return headerHeight_; }
    int timeWidth() const { return timeWidth_; }
    int laneGap() const { return laneGap_; }
    int laneX(int node, int xScroll = 0) const { return lane0_ + node * laneGap_ - xScroll; }
    QSize contentSize(int rows) const; // header plus `rows` arrows, wide enough for every text
    // Where row `i` begins below the first row's top (i may be the row count: the bottom).
    int64_t rowTop(int i) const;
    int rowAt(int64_t y) const; // the row at `y` below the first row's top
    // Rows from `first` that begin within `height` (what a paint of that height shows, at least one).
    int rowsInSight(int first, int height) const;
    // The first row to show so that row `last` is whole within `height` (as many before it as fit).
    int firstRowShowing(int last, int height) const;
    // The name an arrow is tagged with: what the analysis says of it (retransmission, dup ACK #2,
    // zero-window probe...) or else its teaching role (handshake 2/3 SYN-ACK...); empty if none.
    static QString tagOf(const synflow::FlowArrow& a);
    // The state text written at a lifeline: the final state, after any passed through on the way.
    static QString stateText(synflow::TcpState via, synflow::TcpState state);

    struct View {
        int firstRow = 0;  // arrow drawn at the top, just under the header
        int rows = 0;      // how many arrows to draw from there
        int xScroll = 0;
        QSize size;        // of the area painted
        int reveal = -1;   // teaching: only arrows [0, reveal) are drawn
        int current = -1;  // arrow shown as selected
        int masked = -1;   // quiz: this arrow's Seq, Ack and new states are painted as "?"
        std::vector<PaintedText>* painted = nullptr; // when given, every text painted is added
    };
    void paint(QPainter& p, const QPalette& palette, const View& view) const;

private:
    void measureGraph(); // from the graph and the font
    void layout();       // from those measures and the view width
    QStringList commentUnits(const synflow::FlowArrow& a) const;
    QStringList wrapUnits(const QStringList& units, int width) const;
    QFont noteFont() const;
    // A packet comment on as few lines of `width` as its words allow (a word is never split).
    QStringList wrapNote(const QString& note, int width) const;

    const synflow::FlowGraph* graph_ = nullptr;
    std::vector<synflow::FlowBracket> brackets_;
    QFont font_;
    QFontMetrics fm_;
    qreal lineScale_ = 1.0;
    int viewWidth_ = 0;
    bool fit_ = false;

    // Measured from the graph in the font.
    int lineHeight_ = 0; // of a line of text in the language in use
    int timeText_ = 0, labelText_ = 0, stateText_ = 0, bracketText_ = 0;
    int stackedText_ = 0; // the widest state name, or one passed through with its arrow
    bool hasVia_ = false; // some arrow passes a state through
    int widestUnit_ = 0, widestComment_ = 0;
    int widestNote_ = 0;  // packet comments: lines of their own under Seq/Ack (0: none)
    std::vector<std::pair<size_t, QString>> notes_; // arrows with comments (few), for the rows' height
    std::vector<int> unitWidths_;       // of the measured arrows' comment units, one after another
    std::vector<uint32_t> unitStart_;   // each measured arrow's first unit there
    // Laid out.
    synflow::FlowTimeScale timeScale_ = synflow::FlowTimeScale::Rows;
    int viewHeight_ = 0;
    std::vector<int64_t> tops_; // time-proportional rows' tops; empty: one row height apart
    int timeWidth_ = 0, bracketWidth_ = 0, lane0_ = 0, laneGap_ = 0, commentX_ = 0, commentWidth_ = 0;
    bool stacked_ = false; // states passed through on a line of their own
    int lines_ = 2, nodeRows_ = 1, legendLines_ = 1, rowHeight_ = 0, headerHeight_ = 0, lineBand_ = 0;
};

// Exports the whole graph as "png" or "pdf", on white, in the view's look. False with a
// reason (e.g. a PNG that would be too tall; PDF and SVG have no such limit). The path form
// writes atomically (a temporary file renamed over `path` once complete).
// `font` at `factor` its size, whether that size is in points or in pixels.
QFont scaledFont(QFont font, qreal factor);

bool exportFlowImage(const synflow::FlowGraph& graph, QIODevice* out, const QString& format, QString* error,
                     synflow::FlowTimeScale scale = synflow::FlowTimeScale::Rows);
bool exportFlowImage(const synflow::FlowGraph& graph, const QString& path, const QString& format, QString* error,
                     synflow::FlowTimeScale scale = synflow::FlowTimeScale::Rows);
