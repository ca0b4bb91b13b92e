#include "flowgraph/flowview.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QToolTip>
#include <QWheelEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

using namespace synflow;

FlowView::FlowView(QWidget* parent) : QAbstractScrollArea(parent), painter_(std::make_unique<FlowPainter>())
{
    painter_->setGraph(&graph_);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setBackgroundRole(QPalette::Base);
}

FlowView::~FlowView() = default;

// The painter lays out by the widget's font, so projector mode's large type stays legible.
const FlowPainter& FlowView::painter() const
{
    QFont f = font();
    if (zoom_ != 1.0)
        f = scaledFont(f, zoom_);
    if (painter_->font() != f)
        painter_->setFont(f);
    painter_->setViewWidth(viewport()->width(), fit_);
    painter_->setTimeScale(scale_, viewport()->height());
    return *painter_;
}

int FlowView::rowHeight() const { return painter().rowHeight(); }
int FlowView::headerHeight() const { return painter().headerHeight(); }

void FlowView::setGraph(FlowGraph graph, bool keepView)
{
    QScrollBar* bar = verticalScrollBar();
    const int row = bar->value();
    const bool atEnd = row >= bar->maximum();
    graph_ = std::move(graph);
    painter_->setGraph(&graph_);
    current_ = -1;
    updateScrollBars();
    bar->setValue(!keepView ? 0 : atEnd ? bar->maximum() : row);
    viewport()->update();
}

void FlowView::setRevealCount(int count)
{
    reveal_ = count;
    viewport()->update();
}

void FlowView::setMaskedArrow(int index)
{
    masked_ = index;
    viewport()->update();
}

void FlowView::setTimeScale(FlowTimeScale scale)
{
    if (scale == scale_)
        return;
    const int anchor = current_ >= 0 ? current_ : verticalScrollBar()->value();
    scale_ = scale;
    updateScrollBars();
    if (current_ >= 0) // the selected arrow stays in sight
        setCurrentArrow(anchor, false);
    viewport()->update();
}

void FlowView::setFitWidth(bool fit)
{
    fit_ = fit;
    const Qt::ScrollBarPolicy policy = fit ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded;
    setHorizontalScrollBarPolicy(policy);
    setVerticalScrollBarPolicy(policy);
    updateScrollBars();
    viewport()->update();
}

void FlowView::setLineScale(qreal scale)
{
    painter_->setLineScale(scale);
    viewport()->update();
}

void FlowView::updateScrollBars()
{
    const int rows = int(graph_.arrows().size());
    const FlowPainter& fp = painter();
    const int height = viewport()->height() - fp.headerHeight();
    // Scrolled by whole rows: the last position shows the last row whole at the bottom.
    const int last = rows ? fp.firstRowShowing(rows - 1, height) : 0;
    verticalScrollBar()->setRange(0, last);
    verticalScrollBar()->setPageStep(scale_ == FlowTimeScale::Rows ? std::max(1, height / fp.rowHeight()) : std::max(1, rows - last));
    const int width = painter().contentSize(0).width();
    horizontalScrollBar()->setRange(0, std::max(0, width - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

void FlowView::resizeEvent(QResizeEvent*)
{
    updateScrollBars();
    if (reveal_ >= 0 && current_ >= 0) // teaching: the explanation grew a line, the newest arrow stays whole in sight
        setCurrentArrow(current_, false);
}

void FlowView::setZoom(qreal zoom)
{
    zoom = std::clamp(zoom, 0.5, 3.0);
    if (qFuzzyCompare(zoom, zoom_))
        return;
    const int anchor = current_ >= 0 ? current_ : verticalScrollBar()->value();
    zoom_ = zoom;
    updateScrollBars();
    if (current_ >= 0) // the selected arrow stays in sight
        setCurrentArrow(anchor, false);
    viewport()->update();
}

void FlowView::wheelEvent(QWheelEvent* e)
{
    if (e->modifiers() & Qt::ControlModifier) {
        setZoom(zoom_ * (e->angleDelta().y() > 0 ? 1.15 : 1 / 1.15));
        e->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(e);
}

bool FlowView::setCurrentFrame(size_t frame, bool scroll)
{
    const auto& arrows = graph_.arrows();
    const auto it = std::lower_bound(arrows.begin(), arrows.end(), frame, [](const FlowArrow& a, size_t f) { return a.frame < f; });
    if (it == arrows.end() || it->frame != frame)
        return false;
    setCurrentArrow(int(it - arrows.begin()), false, scroll);
    return true;
}

void FlowView::clearCurrent()
{
    current_ = -1;
    viewport()->update();
}

void FlowView::setCurrentArrow(int index, bool notify, bool scroll)
{
    if (index < 0 || index >= int(graph_.arrows().size()))
        return;
    current_ = index;
    QScrollBar* sb = verticalScrollBar();
    if (!scroll) {
        viewport()->update();
        return;
    }
    if (reveal_ >= 0) {
        // Teaching: keep as much of what came before in sight, the newest arrow at the bottom.
        const FlowPainter& fp = painter();
        const int height = viewport()->height() - fp.headerHeight();
        if (fp.rowTop(index) + fp.rowHeight() - fp.rowTop(sb->value()) > height)
            sb->setValue(fp.firstRowShowing(index, height));
        else if (index < sb->value())
            sb->setValue(index);
    } else if (scale_ == FlowTimeScale::Rows) {
        if (index < sb->value() || index >= sb->value() + sb->pageStep())
            sb->setValue(std::max(0, index - sb->pageStep() / 2));
    } else { // about half a screen of what came before
        const FlowPainter& fp = painter();
        const int height = viewport()->height() - fp.headerHeight();
        if (index < sb->value() || fp.rowTop(index) + fp.rowHeight() - fp.rowTop(sb->value()) > height)
            sb->setValue(fp.firstRowShowing(index, height / 2 + fp.rowHeight()));
    }
    viewport()->update();
    if (notify)
        emit frameActivated(graph_.arrows()[size_t(index)].frame);
}

void FlowView::mousePressEvent(QMouseEvent* e)
{
    const int y = int(e->position().y()) - headerHeight();
    if (y < 0)
        return;
    const FlowPainter& fp = painter();
    const int row = fp.rowAt(fp.rowTop(verticalScrollBar()->value()) + y);
    if (fp.rowTop(row) + fp.rowHeight() > fp.rowTop(verticalScrollBar()->value()) + y) // not in a silence's room
        setCurrentArrow(row, true);
}

void FlowView::keyPressEvent(QKeyEvent* e)
{
    switch (e->key()) {
    case Qt::Key_Down:
        setCurrentArrow(current_ + 1, true);
        break;
    case Qt::Key_Up:
        setCurrentArrow(std::max(0, current_ - 1), true);
        break;
    case Qt::Key_Home:
        setCurrentArrow(0, true);
        break;
    case Qt::Key_End:
        setCurrentArrow(int(graph_.arrows().size()) - 1, true);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        if (e->modifiers() & Qt::ControlModifier)
            setZoom(zoom_ * 1.15);
        break;
    case Qt::Key_Minus:
        if (e->modifiers() & Qt::ControlModifier)
            setZoom(zoom_ / 1.15);
        break;
    case Qt::Key_0:
        if (e->modifiers() & Qt::ControlModifier)
            setZoom(1.0);
        break;
    default:
        QAbstractScrollArea::keyPressEvent(e);
    }
}

bool FlowView::event(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange) {
        painter_->retranslate();
        updateScrollBars();
        viewport()->update();
    }
    if (e->type() == QEvent::ToolTip) { // an elided text, whole
        const QPoint at = static_cast<QHelpEvent*>(e)->pos() - viewport()->pos();
        for (const FlowPainter::PaintedText& t : painted_)
            if (t.text != t.full && t.rect.contains(at)) {
                QToolTip::showText(static_cast<QHelpEvent*>(e)->globalPos(), t.full, this);
                return true;
            }
        QToolTip::hideText();
        e->ignore();
        return true;
    }
    // With the diagram focused, Ctrl +, Ctrl - and Ctrl 0 zoom the diagram, not the packet views.
    if (e->type() == QEvent::ShortcutOverride) {
        auto* k = static_cast<QKeyEvent*>(e);
        const int key = k->key();
        if ((k->modifiers() & Qt::ControlModifier) && (key == Qt::Key_Plus || key == Qt::Key_Equal || key == Qt::Key_Minus || key == Qt::Key_0)) {
            e->accept();
            return true;
        }
    }
    return QAbstractScrollArea::event(e);
}

void FlowView::paintEvent(QPaintEvent*)
{
    QPainter p(viewport());
    FlowPainter::View v;
    v.firstRow = verticalScrollBar()->value();
    v.rows = painter().rowsInSight(v.firstRow, viewport()->height());
    v.xScroll = horizontalScrollBar()->value();
    v.size = viewport()->size();
    v.reveal = reveal_;
    v.current = current_;
    v.masked = masked_;
    painted_.clear();
    v.painted = &painted_;
    painter().paint(p, palette(), v);
}
