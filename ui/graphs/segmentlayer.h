#pragma once
// tcptrace's marks that Qt Charts has no series for, drawn over the plot area in the chart's own
// coordinates: each segment as a vertical bar from its first to its next sequence number with
// ticks at both ends (retransmissions in their own colour), the SACK blocks of each ACK as bars,
// and each range never captured as a dashed bar before the segment that revealed it. With many
// more bars of a kind in view than pixel columns, a column's bars of that kind are merged into one
// bar over what they cover (a stream of any length paints in about a screen width of lines);
// zoomed in, each bar is drawn as itself.
#include "graphs/tcpstreamgraph.h"

#include <QColor>
#include <QGraphicsItem>

#include <array>
#include <memory>
#include <utility>
#include <vector>

class QAbstractSeries;
class QChart;

class SegmentLayer : public QGraphicsItem {
public:
    struct Colours {
        QColor segment, retransmission, sack, lost;
    };
    SegmentLayer(QChart* chart, QAbstractSeries* anchor);

    void setShowSacks(bool on);
    void update(); // repaints, over the chart's plot area as it is now

    QRectF boundingRect() const override;
    void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override;

    // What the last paint drew: segments in view, and the bars it took for them (fewer when
    // merged; SACK blocks not counted).
    size_t segmentsInView() const { return inView_; }
    size_t barsDrawn() const { return bars_; }

    // One bar: at time t from sequence number lo to hi.
    struct Bar {
        double t;
        uint32_t lo, hi;
    };
    enum Kind { Segment, Retransmission, Lost, Sack, Kinds };
    // A kind's bars in time order, and per kBlock of them their first and last time and the
    // lowest and highest sequence number: a paint of many bars per column takes a block a
    // column at once instead of each bar. A segment's bar (kinds Segment, Retransmission, Lost)
    // is read from the segment itself: only its index is kept (a long stream's bars would
    // otherwise double what its segments take).
    struct Bars {
        std::vector<uint32_t> of;                                        // the segments' indices
        const std::vector<synflow::TcpGraphSegment>* segments = nullptr; // (in BarSet::data)
        bool lost = false;                                               // the gap before the segment
        std::vector<Bar> own;                                            // SACK blocks' bars
        struct Block {
            double t0, t1;
            uint32_t lo, hi;
        };
        std::vector<Block> blocks;

        size_t size() const { return segments ? of.size() : own.size(); }
        double time(size_t i) const { return segments ? (*segments)[of[i]].time : own[i].t; }
        Bar operator[](size_t i) const
        {
            Bar bar{};
            withReader([&](const auto& at) { bar = at(i); });
            return bar;
        }
        // f(bar) with `bar(i)` reading bar i in the kind's own way (chosen once, not for each bar).
        template <class F> void withReader(F&& f) const
        {
            if (!segments)
                f([this](size_t i) -> const Bar& { return own[i]; });
            else if (lost)
                f([this](size_t i) {
                    const synflow::TcpGraphSegment& s = (*segments)[of[i]];
                    return Bar{s.time, s.gapFrom, s.seq};
                });
            else
                f([this](size_t i) {
                    const synflow::TcpGraphSegment& s = (*segments)[of[i]];
                    return Bar{s.time, s.seq, s.nextSeq()};
                });
        }
        // [first, last): the bars from time t0 to t1, by bisection.
        std::pair<size_t, size_t> between(double t0, double t1) const;
    };
    static constexpr size_t kBlock = 32;
    struct BarSet {
        std::shared_ptr<const synflow::TcpStreamGraphData> data; // what the segments' bars are read from
        std::array<Bars, Kinds> kinds;
        const Bars& operator[](size_t k) const { return kinds[k]; }
    };
    // The bars of a stream (made once per stream, on any thread).
    static std::shared_ptr<const BarSet> makeBars(std::shared_ptr<const synflow::TcpStreamGraphData> data);

    void setBars(std::shared_ptr<const BarSet> bars, const Colours& colours);

    // Per pixel column, the lowest and highest sequence number that bars [first, last) of `kind`
    // (all in view) cover; {UINT32_MAX, 0} for a column with none. A bar at time t is in column
    // floor((t - from) * scale) (clamped to the columns). A block of bars within one column counts
    // as a whole, the others (at most two blocks a column) bar by bar.
    struct Span {
        uint32_t lo = UINT32_MAX, hi = 0;
    };
    static std::vector<Span> mergeColumns(const Bars& kind, size_t first, size_t last, double from, double scale, int columns);
    const Bars& bars(Kind k) const { return (*kinds_)[size_t(k)]; }

private:
    QChart* chart_;
    // The plot area when last told (boundingRect): it changes only after prepareGeometryChange,
    // else the scene's index keeps the item where it was, and may reach it after it is deleted.
    QRectF area_;
    QAbstractSeries* anchor_; // a series on the chart's axes: the value-to-position mapping
    Colours colours_;
    bool sacks_ = true;
    std::shared_ptr<const BarSet> kinds_;
    size_t inView_ = 0, bars_ = 0;
};
