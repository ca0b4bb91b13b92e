#include "graphs/segmentlayer.h"

#include "tcp/tcpanalysis.h"

#include <QChart>
#include <QPainter>
#include <QValueAxis>

#include <algorithm>

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
    const double from = x->min(), to = x->max();
    auto firstAt = [&](const auto& v) {
        return std::lower_bound(v.begin(), v.end(), from, [](const auto& e, double t) { return e.time < t; });
    };
    auto at = [&](double t, double seq) { return chart_->mapToPosition(QPointF(t, seq), anchor_); };
    auto bar = [&](const QPointF& a, const QPointF& b) {
        p->drawLine(a, b);
        p->drawLine(a - QPointF(2, 0), a + QPointF(2, 0));
        p->drawLine(b - QPointF(2, 0), b + QPointF(2, 0));
    };

    // Segments, in capture order (times may go backwards: then all are scanned).
    const bool ordered = ordered_;
    for (auto it = ordered ? firstAt(data_->segments) : data_->segments.begin(); it != data_->segments.end(); ++it) {
        if (it->time > to) {
            if (ordered)
                break;
            continue;
        }
        if (it->time < from)
            continue;
        const bool retx = it->analysis & synflow::TcpAnyRetransmission;
        p->setPen(QPen(retx ? colours_.retransmission : colours_.segment, retx ? 2 : 1));
        const uint32_t end = it->nextSeq == it->seq ? it->seq : it->nextSeq;
        bar(at(it->time, it->seq), at(it->time, end));
        if (it->gapFrom != it->seq) {
            p->setPen(QPen(colours_.lost, 2, Qt::DashLine));
            p->drawLine(at(it->time, it->gapFrom), at(it->time, it->seq));
        }
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
