#pragma once
// tcptrace's marks that Qt Charts has no series for, drawn over the plot area in the chart's own
// coordinates: each segment as a vertical bar from its first to its next sequence number with
// ticks at both ends (retransmissions in their own colour), the SACK blocks of each ACK as bars,
// and each range never captured as a dashed bar before the segment that revealed it. With many
// more segments in view than pixel columns, a column's segments of one kind are merged into one
// bar over what they cover (a stream of any length paints in about a screen width of lines);
// zoomed in, each segment is drawn as itself.
#include "graphs/tcpstreamgraph.h"

#include <QColor>
#include <QGraphicsItem>

class QAbstractSeries;
class QChart;

class SegmentLayer : public QGraphicsItem {
public:
    struct Colours {
        QColor segment, retransmission, sack, lost;
    };
    SegmentLayer(QChart* chart, QAbstractSeries* anchor);

    void setData(const synflow::TcpStreamGraphData* data, const Colours& colours);
    void setShowSacks(bool on);
    void update() { prepareGeometryChange(); QGraphicsItem::update(); }

    QRectF boundingRect() const override;
    void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override;

    // What the last paint drew: segments in view, and the bars it took (fewer when merged).
    size_t segmentsInView() const { return inView_; }
    size_t barsDrawn() const { return bars_; }

private:
    QChart* chart_;
    QAbstractSeries* anchor_; // a series on the chart's axes: the value-to-position mapping
    const synflow::TcpStreamGraphData* data_ = nullptr;
    Colours colours_;
    bool sacks_ = true;
    bool ordered_ = true; // segment times never go backwards: paint only those in view
    size_t inView_ = 0, bars_ = 0;
};
