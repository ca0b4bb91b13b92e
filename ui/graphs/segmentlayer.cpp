#include "graphs/segmentlayer.h"

#include "tcp/tcpanalysis.h"

#include <QChart>
#include <QPainter>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <tuple>

SegmentLayer::SegmentLayer(QChart* chart, QAbstractSeries* anchor) : QGraphicsItem(chart), chart_(chart), area_(chart->plotArea()), anchor_(anchor)
{
    setZValue(10); // over the series, under the crosshair
}

std::shared_ptr<const SegmentLayer::BarSet> SegmentLayer::makeBars(std::shared_ptr<const synflow::TcpStreamGraphData> shared)
{
    auto set = std::make_shared<BarSet>();
    set->data = std::move(shared);
    if (!set->data)
        set->data = std::make_shared<const synflow::TcpStreamGraphData>();
    const synflow::TcpStreamGraphData& data = *set->data;
    std::array<Bars, Kinds>& kinds = set->kinds;
    size_t retransmitted = 0, lost = 0;
    for (const synflow::TcpGraphSegment& s : data.segments)
        retransmitted += (s.analysis & synflow::TcpAnyRetransmission) != 0, lost += s.gapFrom != s.seq;
    for (int k : {Segment, Retransmission, Lost})
        kinds[size_t(k)].segments = &data.segments;
    kinds[Lost].lost = true;
    kinds[Segment].of.reserve(data.segments.size() - retransmitted);
    kinds[Retransmission].of.reserve(retransmitted);
    kinds[Lost].of.reserve(lost);
    kinds[Sack].own.reserve(data.sacks.size());
    for (size_t i = 0; i < data.segments.size(); ++i) {
        const synflow::TcpGraphSegment& s = data.segments[i];
        const bool retx = s.analysis & synflow::TcpAnyRetransmission;
        kinds[retx ? Retransmission : Segment].of.push_back(uint32_t(i));
        if (s.gapFrom != s.seq)
            kinds[Lost].of.push_back(uint32_t(i));
    }
    for (const synflow::TcpGraphAck& a : data.acks)
        for (const synflow::TcpGraphAck::Sack& s : data.sacksOf(a))
            kinds[Sack].own.push_back({a.time, s.left, s.right});
    for (Bars& k : kinds) {
        // Times may go backwards in a capture: the view's bars are then still one bisection away.
        if (k.segments) {
            const auto byTime = [&](uint32_t a, uint32_t b) { return data.segments[a].time < data.segments[b].time; };
            if (!std::is_sorted(k.of.begin(), k.of.end(), byTime))
                std::stable_sort(k.of.begin(), k.of.end(), byTime);
        } else {
            const auto byTime = [](const Bar& a, const Bar& b) { return a.t < b.t; };
            if (!std::is_sorted(k.own.begin(), k.own.end(), byTime))
                std::stable_sort(k.own.begin(), k.own.end(), byTime);
        }
        const size_t n = k.size();
        k.blocks.reserve(n / kBlock + 1);
        k.withReader([&](const auto& barAt) {
            for (size_t at = 0; at < n; at += kBlock) {
                const size_t end = std::min(n, at + kBlock);
                Bars::Block b{barAt(at).t, barAt(end - 1).t, UINT32_MAX, 0};
                for (size_t i = at; i < end; ++i) {
                    const Bar& bar = barAt(i);
                    b.lo = std::min({b.lo, bar.lo, bar.hi}), b.hi = std::max({b.hi, bar.lo, bar.hi});
                }
                k.blocks.push_back(b);
            }
        });
    }
    return set;
}

std::pair<size_t, size_t> SegmentLayer::Bars::between(double t0, double t1) const
{
    size_t lo = 0, hi = size();
    while (lo < hi) {
        const size_t m = lo + (hi - lo) / 2;
        (time(m) < t0) ? lo = m + 1 : hi = m;
    }
    const size_t first = lo;
    for (hi = size(); lo < hi;) {
        const size_t m = lo + (hi - lo) / 2;
        !(t1 < time(m)) ? lo = m + 1 : hi = m;
    }
    return {first, lo};
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
    kind.withReader([&](const auto& barAt) {
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
            const Bar& bar = barAt(i++);
            cover(columnOf(bar.t), bar.lo, bar.hi);
        }
    });
    return spans;
}

void SegmentLayer::setShowSacks(bool on)
{
    sacks_ = on;
    update();
}

void SegmentLayer::update()
{
    prepareGeometryChange(); // (before the rectangle changes: the scene's index finds the item by the old one)
    area_ = chart_->plotArea();
    QGraphicsItem::update();
}

QRectF SegmentLayer::boundingRect() const
{
    return area_;
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
    for (int k = 0; k < Kinds; ++k)
        std::tie(first[k], last[k]) = kinds[size_t(k)].between(from, to);
    inView_ = last[Segment] - first[Segment] + last[Retransmission] - first[Retransmission];
    const size_t segmentBars = inView_ + last[Lost] - first[Lost];

    const QPen pens[Kinds] = {QPen(colours_.segment, 1), QPen(colours_.retransmission, 2), QPen(colours_.lost, 2, Qt::DashLine),
                              QPen(colours_.sack, 2)};
    // Per pixel column, one bar over what the kind's bars in it cover.
    const auto merged = [&](int k) {
        const std::vector<Span> spans = mergeColumns(kinds[size_t(k)], first[k], last[k], from, sx, columns);
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
        kinds[size_t(k)].withReader([&](const auto& barAt) {
            for (size_t i = first[k]; i < last[k]; ++i) {
                const Bar& bar = barAt(i);
                const QPointF a(px(bar.t), py(bar.lo)), b(px(bar.t), py(bar.hi));
                p->drawLine(a, b);
                if (k == Lost)
                    continue;
                p->drawLine(a - QPointF(2, 0), a + QPointF(2, 0));
                p->drawLine(b - QPointF(2, 0), b + QPointF(2, 0));
            }
        });
        return last[k] - first[k];
    };
    // The segments' kinds merge together or not at all (a column then shows each kind once).
    const bool merge = segmentBars > size_t(2 * columns);
    for (int k : {Segment, Retransmission, Lost})
        bars_ += merge ? merged(k) : each(k);
    if (sacks_)
        last[Sack] - first[Sack] > size_t(2 * columns) ? merged(Sack) : each(Sack);
}
