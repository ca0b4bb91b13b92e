#include "graphs/segmentlayer.h"

#include "tcp/tcpanalysis.h"

#include <QChart>
#include <QPainter>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

SegmentLayer::SegmentLayer(QChart* chart, QAbstractSeries* anchor) : QGraphicsItem(chart), chart_(chart), anchor_(anchor)
{
    setZValue(10); // over the series, under the crosshair
}

std::shared_ptr<const SegmentLayer::BarSet> SegmentLayer::makeBars(const synflow::TcpStreamGraphData& data)
{
    auto set = std::make_shared<BarSet>();
    BarSet& kinds = *set;
    size_t retransmitted = 0, lost = 0, sacks = 0;
    for (const synflow::TcpGraphSegment& s : data.segments)
        retransmitted += (s.analysis & synflow::TcpAnyRetransmission) != 0, lost += s.gapFrom != s.seq;
    for (const synflow::TcpGraphAck& a : data.acks)
        sacks += a.sacks.size();
    kinds[Segment].bars.reserve(data.segments.size() - retransmitted);
    kinds[Retransmission].bars.reserve(retransmitted);
    kinds[Lost].bars.reserve(lost);
    kinds[Sack].bars.reserve(sacks);
    for (const synflow::TcpGraphSegment& s : data.segments) {
        const bool retx = s.analysis & synflow::TcpAnyRetransmission;
        kinds[retx ? Retransmission : Segment].bars.push_back({s.time, s.seq, s.nextSeq});
        if (s.gapFrom != s.seq)
            kinds[Lost].bars.push_back({s.time, s.gapFrom, s.seq});
    }
    for (const synflow::TcpGraphAck& a : data.acks)
        for (const synflow::TcpGraphAck::Sack& s : a.sacks)
            kinds[Sack].bars.push_back({a.time, s.left, s.right});
    for (Bars& k : kinds) {
        // Times may go backwards in a capture: the view's bars are then still one bisection away.
        const auto byTime = [](const Bar& a, const Bar& b) { return a.t < b.t; };
        if (!std::is_sorted(k.bars.begin(), k.bars.end(), byTime))
            std::stable_sort(k.bars.begin(), k.bars.end(), byTime);
        k.blocks.reserve(k.bars.size() / kBlock + 1);
        for (size_t at = 0; at < k.bars.size(); at += kBlock) {
            const size_t end = std::min(k.bars.size(), at + kBlock);
            Bars::Block b{k.bars[at].t, k.bars[end - 1].t, UINT32_MAX, 0};
            for (size_t i = at; i < end; ++i)
                b.lo = std::min({b.lo, k.bars[i].lo, k.bars[i].hi}), b.hi = std::max({b.hi, k.bars[i].lo, k.bars[i].hi});
            k.blocks.push_back(b);
        }
    }
    return set;
}

void SegmentLayer::setBars(std::shared_ptr<const BarSet> bars, const Colours& colours)
{
    kinds_ = std::move(bars);
    colours_ = colours;
    update();
}

std::vector<SegmentLayer::Span> SegmentLayer::mergeColumns(const Bars& kind, size_t first, size_t last, double from, double scale,
                                                          int columns)
{
    std::vector<Span> spans(size_t(std::max(columns, 1)));
    const auto columnOf = [&](double t) { return size_t(std::clamp(long(std::floor((t - from) * scale)), 0L, long(spans.size()) - 1)); };
    const auto cover = [&](size_t col, uint32_t a, uint32_t b) {
        Span& s = spans[col];
        s.lo = std::min({s.lo, a, b});
        s.hi = std::max({s.hi, a, b});
    };
    for (size_t i = first; i < last;) {
        if (i % kBlock == 0 && i + kBlock <= last) {
            const Bars::Block& b = kind.blocks[i / kBlock];
            const size_t col = columnOf(b.t0);
            if (col == columnOf(b.t1)) {
                cover(col, b.lo, b.hi);
                i += kBlock;
                continue;
            }
        }
        const Bar& bar = kind.bars[i++];
        cover(columnOf(bar.t), bar.lo, bar.hi);
    }
    return spans;
}

void SegmentLayer::setShowSacks(bool on)
{
    sacks_ = on;
    update();
}

QRectF SegmentLayer::boundingRect() const
{
    return chart_->plotArea();
}

void SegmentLayer::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*)
{
    inView_ = bars_ = 0;
    if (!kinds_)
        return;
    const BarSet& kinds = *kinds_;
    const QRectF area = chart_->plotArea();
    p->setClipRect(area);
    p->setRenderHint(QPainter::Antialiasing, false);
    const auto* x = qobject_cast<QValueAxis*>(chart_->axes(Qt::Horizontal).value(0));
    if (!x)
        return;
    const auto* y = qobject_cast<QValueAxis*>(chart_->axes(Qt::Vertical).value(0));
    if (!y)
        return;
    const double from = x->min(), to = x->max();
    // Both axes are linear: the chart's mapping, asked for two corners, is used as the line it is
    // (asking the chart for each of a million points took most of a frame).
    const QPointF c0 = chart_->mapToPosition(QPointF(from, y->min()), anchor_);
    const QPointF c1 = chart_->mapToPosition(QPointF(to, y->max()), anchor_);
    const double sx = to > from ? (c1.x() - c0.x()) / (to - from) : 0;
    const double sy = y->max() > y->min() ? (c1.y() - c0.y()) / (y->max() - y->min()) : 0;
    const double ymin = y->min();
    const auto px = [&](double t) { return c0.x() + (t - from) * sx; };
    const auto py = [&](double seq) { return c0.y() + (seq - ymin) * sy; };
    const int columns = std::max(1, int(std::ceil(area.width())));

    // Each kind's bars in view: [first, last) by bisection.
    size_t first[Kinds], last[Kinds];
    for (int k = 0; k < Kinds; ++k) {
        const std::vector<Bar>& v = kinds[k].bars;
        first[k] = size_t(std::lower_bound(v.begin(), v.end(), from, [](const Bar& b, double t) { return b.t < t; }) - v.begin());
        last[k] = size_t(std::upper_bound(v.begin() + ptrdiff_t(first[k]), v.end(), to, [](double t, const Bar& b) { return t < b.t; })
                         - v.begin());
    }
    inView_ = last[Segment] - first[Segment] + last[Retransmission] - first[Retransmission];
    const size_t segmentBars = inView_ + last[Lost] - first[Lost];

    const QPen pens[Kinds] = {QPen(colours_.segment, 1), QPen(colours_.retransmission, 2), QPen(colours_.lost, 2, Qt::DashLine),
                              QPen(colours_.sack, 2)};
    // Per pixel column, one bar over what the kind's bars in it cover.
    const auto merged = [&](int k) {
        const std::vector<Span> spans = mergeColumns(kinds[k], first[k], last[k], from, sx, columns);
        p->setPen(pens[k]);
        size_t drawn = 0;
        for (int col = 0; col < columns; ++col) {
            const Span& s = spans[size_t(col)];
            if (s.lo > s.hi)
                continue;
            const qreal at = area.left() + col + 0.5, a = py(s.lo), b = py(s.hi);
            p->drawLine(QPointF(at, std::min(a, b)), QPointF(at, std::max({a, b, std::min(a, b) + 1}))); // at least a pixel
            ++drawn;
        }
        return drawn;
    };
    // Each bar itself: a segment's and a SACK block's with ticks at both ends.
    const auto each = [&](int k) {
        p->setPen(pens[k]);
        for (size_t i = first[k]; i < last[k]; ++i) {
            const Bar& bar = kinds[k].bars[i];
            const QPointF a(px(bar.t), py(bar.lo)), b(px(bar.t), py(bar.hi));
            p->drawLine(a, b);
            if (k == Lost)
                continue;
            p->drawLine(a - QPointF(2, 0), a + QPointF(2, 0));
            p->drawLine(b - QPointF(2, 0), b + QPointF(2, 0));
        }
        return last[k] - first[k];
    };
    // The segments' kinds merge together or not at all (a column then shows each kind once).
    const bool merge = segmentBars > size_t(2 * columns);
    for (int k : {Segment, Retransmission, Lost})
        bars_ += merge ? merged(k) : each(k);
    if (sacks_)
        last[Sack] - first[Sack] > size_t(2 * columns) ? merged(Sack) : each(Sack);
}
