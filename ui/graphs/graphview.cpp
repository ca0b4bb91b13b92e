#include "graphs/graphview.h"

#include <QAbstractSeries>
#include <QGraphicsLineItem>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QRubberBand>
#include <QWheelEvent>

GraphView::GraphView(QWidget* parent) : QChartView(parent)
{
    setRubberBand(QChartView::RectangleRubberBand);
    setRenderHint(QPainter::Antialiasing);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setDragMode(QGraphicsView::NoDrag);
}

void GraphView::resetZoom()
{
    chart()->zoomReset();
}

void GraphView::mousePressEvent(QMouseEvent* e)
{
    pressPos_ = e->pos();
    if (e->button() == Qt::RightButton || e->button() == Qt::MiddleButton) {
        // Pan instead of Qt's right-click "zoom out": dragging the graph is what users expect.
        panning_ = true;
        panFrom_ = e->pos();
        setCursor(Qt::ClosedHandCursor);
        e->accept();
        return;
    }
    QChartView::mousePressEvent(e);
}

void GraphView::mouseMoveEvent(QMouseEvent* e)
{
    if (panning_) {
        const QPoint d = e->pos() - panFrom_;
        panFrom_ = e->pos();
        chart()->scroll(-d.x(), d.y());
        e->accept();
    } else {
        QChartView::mouseMoveEvent(e);
    }
    showCrosshair(e->position());
}

void GraphView::mouseReleaseEvent(QMouseEvent* e)
{
    if (panning_) {
        panning_ = false;
        unsetCursor();
        e->accept();
        return;
    }
    if (e->button() == Qt::LeftButton && (e->pos() - pressPos_).manhattanLength() < 4) {
        // A click, not a drag: no zoom into an empty rectangle; pick the packet under it.
        if (QRubberBand* band = findChild<QRubberBand*>())
            band->hide();
        e->accept();
        if (pickFrame) {
            const qint64 frame = pickFrame(e->position());
            if (frame >= 0)
                emit frameClicked(frame);
        }
        return;
    }
    QChartView::mouseReleaseEvent(e);
}

void GraphView::wheelEvent(QWheelEvent* e)
{
    const int steps = e->angleDelta().y() / 120;
    if (steps == 0) {
        e->ignore();
        return;
    }
    zoomAround(e->position(), steps > 0 ? 1.25 : 0.8);
    e->accept();
}

void GraphView::zoomAround(const QPointF& pos, qreal factor)
{
    const QRectF area = chart()->plotArea();
    const QPointF at = mapToScene(pos.toPoint());
    const QPointF c = area.contains(at) ? at : area.center();
    // The rectangle that, zoomed into, keeps the point under the pointer where it is.
    const QRectF r(c.x() - (c.x() - area.left()) / factor, c.y() - (c.y() - area.top()) / factor, area.width() / factor,
                   area.height() / factor);
    chart()->zoomIn(r);
}

void GraphView::keyPressEvent(QKeyEvent* e)
{
    const QRectF area = chart()->plotArea();
    switch (e->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomAround(mapFromScene(area.center()), 1.25); break;
    case Qt::Key_Minus: zoomAround(mapFromScene(area.center()), 0.8); break;
    case Qt::Key_0:
    case Qt::Key_Home: resetZoom(); break;
    case Qt::Key_Left: chart()->scroll(-area.width() / 10, 0); break;
    case Qt::Key_Right: chart()->scroll(area.width() / 10, 0); break;
    case Qt::Key_Up: chart()->scroll(0, area.height() / 10); break;
    case Qt::Key_Down: chart()->scroll(0, -area.height() / 10); break;
    default: QChartView::keyPressEvent(e); return;
    }
    e->accept();
}

void GraphView::leaveEvent(QEvent* e)
{
    if (crossX_) {
        crossX_->hide();
        crossY_->hide();
    }
    emit pointerMoved(QString());
    QChartView::leaveEvent(e);
}

void GraphView::showCrosshair(const QPointF& pos)
{
    const QRectF area = chart()->plotArea();
    const QPointF at = mapToScene(pos.toPoint());
    if (!crossX_) {
        QPen pen(palette().color(QPalette::Mid), 1, Qt::DashLine);
        crossX_ = scene()->addLine({}, pen);
        crossY_ = scene()->addLine({}, pen);
        crossX_->setZValue(20);
        crossY_->setZValue(20);
    }
    if (!area.contains(at) || chart()->series().isEmpty()) {
        crossX_->hide();
        crossY_->hide();
        emit pointerMoved(QString());
        return;
    }
    crossX_->setLine(area.left(), at.y(), area.right(), at.y());
    crossY_->setLine(at.x(), area.top(), at.x(), area.bottom());
    crossX_->show();
    crossY_->show();
    const QPointF value = chart()->mapToValue(chart()->mapFromScene(at), chart()->series().first());
    emit pointerMoved(describe ? describe(value) : QString());
}
