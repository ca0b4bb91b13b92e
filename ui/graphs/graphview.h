#pragma once
// A chart view a user can read values from and steer: drag a rectangle to zoom in, the wheel to
// zoom around the pointer, arrow keys or a right-drag to pan, 0 or Home to see everything, a
// crosshair with the values under the pointer, and a click on a plotted point picks its packet.
#include <QChartView>
#include <QPointer>

#include <functional>

class QGraphicsLineItem;

class GraphView : public QChartView {
    Q_OBJECT
public:
    explicit GraphView(QWidget* parent = nullptr);

    // The packet nearest `pos` (view pixels) within a few pixels, or -1: set by the owner, who
    // knows what is plotted. Used for clicks.
    std::function<qint64(const QPointF& pos)> pickFrame;
    // The text of the values at a point in chart values (x, y), for the crosshair.
    std::function<QString(const QPointF& value)> describe;

    void resetZoom();

signals:
    void frameClicked(qint64 frame); // 0-based
    void pointerMoved(const QString& text);

protected:
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    void leaveEvent(QEvent* e) override;

private:
    void zoomAround(const QPointF& pos, qreal factor);
    void showCrosshair(const QPointF& pos);

    QPoint pressPos_;
    QPoint panFrom_;
    bool panning_ = false;
    QGraphicsLineItem* crossX_ = nullptr;
    QGraphicsLineItem* crossY_ = nullptr;
};
