#include "graphs/segmentlayer.h"

#include "tcp/tcpanalysis.h"

#include <QChart>
#include <QPainter>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <vector>

SegmentLayer::SegmentLayer(QChart* chart, QAbstractSeries* anchor) : QGraphicsItem(chart), chart_(chart), anchor_(anchor)
{
    setZValue(10); // over the series, under the crosshair
}

void SegmentLayer::setData(const synflow::TcpStreamGraphData* data, const Colours& colours)
{
    data_ = data;
    colours_ = colours;
    ordered_ = !data || std::is_sorted(data->segments.begin(), data->segments.end(),
                                       [](const auto& a, const auto& b) { return a.time < b.time; });
    update();
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
    if (!data_)
        return;
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
    auto firstAt = [&](const auto& v) {
        return std::lower_bound(v.begin(), v.end(), from, [](const auto& e, double t) { return e.time < t; });
    };
    // Both axes are linear: the chart's mapping, asked for two corners, is used as the line it is
    // (asking the chart for each of a million points took most of a frame).
    const QPointF c0 = chart_->mapToPosition(QPointF(from, y->min()), anchor_);
    const QPointF c1 = chart_->mapToPosition(QPointF(to, y->max()), anchor_);
    const double sx = to > from ? (c1.x() - c0.x()) / (to - from) : 0;
    const double sy = y->max() > y->min() ? (c1.y() - c0.y()) / (y->max() - y->min()) : 0;
    const double ymin = y->min();
    auto at = [&](double t, double seq) { return QPointF(c0.x() + (t - from) * sx, c0.y() + (seq - ymin) * sy); };
    auto bar = [&](const QPointF& a, const QPointF& b) {
        p->drawLine(a, b);
        p->drawLine(a - QPointF(2, 0), a + QPointF(2, 0));
        p->drawLine(b - QPointF(2, 0), b + QPointF(2, 0));
    };

    // Segments, in capture order (times may go backwards: then all are scanned).
    const bool ordered = ordered_;
    const auto first = ordered ? firstAt(data_->segments) : data_->segments.begin();
    auto forEachInView = [&](auto&& draw) {
        for (auto it = first; it != data_->segments.end(); ++it) {
            if (it->time > to) {
                if (ordered)
                    break;
                continue;
            }
            if (it->time >= from)
                draw(*it);
        }
    };
    inView_ = 0;
    if (ordered) // counted by bisection
        inView_ = size_t(std::upper_bound(first, data_->segments.end(), to, [](double t, const auto& e) { return t < e.time; }) - first);
    else
        forEachInView([&](const auto&) { ++inView_; });
    bars_ = 0;
    const int columns = std::max(1, int(std::ceil(area.width())));
    if (inView_ > size_t(2 * columns)) {
        // Per pixel column and kind (segment, retransmission, lost range): the span its bars cover.
        struct Span {
            qreal top = 1e300, bottom = -1e300;
        };
        std::vector<Span> spans(size_t(3 * columns));
        auto cover = [&](int kind, const QPointF& a, const QPointF& b) {
            const int col = std::clamp(int(a.x() - area.left()), 0, columns - 1);
            Span& s = spans[size_t(kind * columns + col)];
            s.top = std::min({s.top, a.y(), b.y()});
            s.bottom = std::max({s.bottom, a.y(), b.y()});
        };
        forEachInView([&](const auto& seg) {
            const bool retx = seg.analysis & synflow::TcpAnyRetransmission;
            const uint32_t end = seg.nextSeq == seg.seq ? seg.seq : seg.nextSeq;
            cover(retx ? 1 : 0, at(seg.time, seg.seq), at(seg.time, end));
            if (seg.gapFrom != seg.seq)
                cover(2, at(seg.time, seg.gapFrom), at(seg.time, seg.seq));
        });
        const QPen pens[] = {QPen(colours_.segment, 1), QPen(colours_.retransmission, 2), QPen(colours_.lost, 2, Qt::DashLine)};
        for (int kind = 0; kind < 3; ++kind) {
            p->setPen(pens[kind]);
            for (int col = 0; col < columns; ++col) {
                const Span& s = spans[size_t(kind * columns + col)];
                if (s.top > s.bottom)
                    continue;
                const qreal x = area.left() + col + 0.5;
                p->drawLine(QPointF(x, s.top), QPointF(x, std::max(s.bottom, s.top + 1))); // at least a pixel
                ++bars_;
            }
        }
    } else {
        forEachInView([&](const auto& seg) {
            const bool retx = seg.analysis & synflow::TcpAnyRetransmission;
            p->setPen(QPen(retx ? colours_.retransmission : colours_.segment, retx ? 2 : 1));
            const uint32_t end = seg.nextSeq == seg.seq ? seg.seq : seg.nextSeq;
            bar(at(seg.time, seg.seq), at(seg.time, end));
            ++bars_;
            if (seg.gapFrom != seg.seq) {
                p->setPen(QPen(colours_.lost, 2, Qt::DashLine));
                p->drawLine(at(seg.time, seg.gapFrom), at(seg.time, seg.seq));
                ++bars_;
            }
        });
    }
    if (!sacks_)
        return;
    p->setPen(QPen(colours_.sack, 2));
    for (const synflow::TcpGraphAck& a : data_->acks) {
        if (a.sacks.empty() || a.time < from || a.time > to)
            continue;
        for (const synflow::TcpGraphAck::Sack& s : a.sacks)
            bar(at(a.time, s.left), at(a.time, s.right));
    }
}
