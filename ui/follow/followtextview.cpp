#include "follow/followtextview.h"

#include <limits>

#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

FollowTextView::FollowTextView(QWidget* parent) : QListView(parent)
{
    setUniformItemSizes(true);
    setVerticalScrollMode(ScrollPerItem);
    setHorizontalScrollMode(ScrollPerPixel);
}

int FollowTextView::rows() const { return model() ? model()->rowCount(rootIndex()) : 0; }

int FollowTextView::rowHeight() const { return item_.height() > 0 ? item_.height() : std::max(1, fontMetrics().height()); }

int FollowTextView::rowAt(int y) const { return verticalScrollBar()->value() + (y >= 0 ? y / rowHeight() : -((-y + rowHeight() - 1) / rowHeight())); }

int FollowTextView::fullRowsShown() const { return std::max(1, viewport()->height() / rowHeight()); }

void FollowTextView::doItemsLayout()
{
    // Every row as the first: the size QListView gives them all with uniform item sizes.
    item_ = {};
    if (rows() > 0) {
        const QModelIndex first = model()->index(0, modelColumn(), rootIndex());
        QStyleOptionViewItem option;
        initViewItemOption(&option);
        item_ = itemDelegateForIndex(first)->sizeHint(option, first);
    }
    // QListView's own layout (a position a row) is left out on purpose.
    QAbstractItemView::doItemsLayout();
}

void FollowTextView::updateGeometries()
{
    const int shown = fullRowsShown();
    verticalScrollBar()->setSingleStep(1);
    verticalScrollBar()->setPageStep(shown);
    verticalScrollBar()->setRange(0, std::max(0, rows() - shown));
    horizontalScrollBar()->setSingleStep(std::max(1, fontMetrics().averageCharWidth() * 2));
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setRange(0, std::max(0, item_.width() - viewport()->width()));
    QAbstractItemView::updateGeometries();
}

void FollowTextView::resizeEvent(QResizeEvent* e)
{
    QAbstractItemView::resizeEvent(e); // updates the scroll bars; nothing to lay out again
}

QRect FollowTextView::visualRect(const QModelIndex& index) const
{
    if (!index.isValid() || index.parent() != rootIndex() || index.column() != modelColumn())
        return {};
    const int h = rowHeight();
    const qint64 y = qint64(index.row() - verticalScrollBar()->value()) * h;
    if (y < -h || y > viewport()->height() + h) // far off screen: somewhere above or below it
        return QRect(-horizontalOffset(), y < 0 ? -2 * h : viewport()->height() + h, std::max(item_.width(), viewport()->width()), h);
    return QRect(-horizontalOffset(), int(y), std::max(item_.width(), viewport()->width()), h);
}

QModelIndex FollowTextView::indexAt(const QPoint& point) const
{
    const int row = rowAt(point.y());
    if (row < 0 || row >= rows() || point.x() + horizontalOffset() >= std::max(item_.width(), viewport()->width()))
        return {};
    return model()->index(row, modelColumn(), rootIndex());
}

void FollowTextView::scrollTo(const QModelIndex& index, ScrollHint hint)
{
    if (!index.isValid() || index.parent() != rootIndex())
        return;
    const int row = index.row(), top = verticalScrollBar()->value(), shown = fullRowsShown();
    switch (hint) {
    case EnsureVisible:
        if (row < top)
            verticalScrollBar()->setValue(row);
        else if (row >= top + shown)
            verticalScrollBar()->setValue(row - shown + 1);
        break;
    case PositionAtTop: verticalScrollBar()->setValue(row); break;
    case PositionAtBottom: verticalScrollBar()->setValue(row - shown + 1); break;
    case PositionAtCenter: verticalScrollBar()->setValue(row - shown / 2); break;
    }
}

void FollowTextView::scrollContentsBy(int dx, int dy)
{
    const qint64 pixels = qint64(dy) * rowHeight();
    if (std::abs(pixels) >= viewport()->height() || std::abs(dx) >= viewport()->width())
        viewport()->update();
    else
        viewport()->scroll(dx, int(pixels));
}

int FollowTextView::horizontalOffset() const { return horizontalScrollBar()->value(); }

int FollowTextView::verticalOffset() const
{
    // Scrolling is by rows: the pixel offset of a far row in a long stream passes int's range.
    return int(std::min<qint64>(qint64(verticalScrollBar()->value()) * rowHeight(), std::numeric_limits<int>::max()));
}

QModelIndex FollowTextView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers)
{
    const int count = rows();
    if (count == 0)
        return {};
    const QModelIndex current = currentIndex();
    int row = current.isValid() ? current.row() : -1;
    switch (cursorAction) {
    case MoveUp:
    case MovePrevious: row = row < 0 ? 0 : row - 1; break;
    case MoveDown:
    case MoveNext: row = row + 1; break;
    case MovePageUp: row -= fullRowsShown(); break;
    case MovePageDown: row = row < 0 ? fullRowsShown() - 1 : row + fullRowsShown(); break;
    case MoveHome: row = 0; break;
    case MoveEnd: row = count - 1; break;
    case MoveLeft:
    case MoveRight: return current;
    }
    return model()->index(std::clamp(row, 0, count - 1), modelColumn(), rootIndex());
}

void FollowTextView::setSelection(const QRect& rect, QItemSelectionModel::SelectionFlags command)
{
    const int count = rows();
    if (!selectionModel() || count == 0)
        return;
    const QRect r = rect.normalized();
    const int first = std::max(0, rowAt(r.top())), last = std::min(count - 1, rowAt(r.bottom()));
    if (first > last) {
        selectionModel()->select(QItemSelection(), command);
        return;
    }
    selectionModel()->select(QItemSelection(model()->index(first, modelColumn(), rootIndex()), model()->index(last, modelColumn(), rootIndex())),
                             command);
}

QRegion FollowTextView::visualRegionForSelection(const QItemSelection& selection) const
{
    QRegion region;
    const int top = verticalScrollBar()->value(), bottom = top + fullRowsShown() + 1;
    for (const QItemSelectionRange& range : selection) {
        if (range.parent() != rootIndex() || range.bottom() < top || range.top() > bottom)
            continue;
        const int first = std::max(range.top(), top), last = std::min(range.bottom(), bottom);
        const QRect a = visualRect(model()->index(first, modelColumn(), rootIndex()));
        const QRect b = visualRect(model()->index(last, modelColumn(), rootIndex()));
        region += a.united(b);
    }
    return region;
}

void FollowTextView::paintEvent(QPaintEvent* e)
{
    const int count = rows();
    if (count == 0)
        return;
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    const QStyle::State state = option.state;
    const bool enabled = state & QStyle::State_Enabled;
    const bool focus = (hasFocus() || viewport()->hasFocus()) && currentIndex().isValid();
    const QModelIndex current = currentIndex();
    const QModelIndex hover = viewport()->underMouse() ? indexAt(viewport()->mapFromGlobal(QCursor::pos())) : QModelIndex();
    QPainter painter(viewport());
    const int first = std::max(0, rowAt(e->rect().top())), last = std::min(count - 1, rowAt(e->rect().bottom()));
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = model()->index(row, modelColumn(), rootIndex());
        option.rect = visualRect(index);
        option.state = state;
        if (selectionModel() && selectionModel()->isSelected(index))
            option.state |= QStyle::State_Selected;
        if (enabled) {
            const bool itemEnabled = model()->flags(index) & Qt::ItemIsEnabled;
            if (!itemEnabled)
                option.state &= ~QStyle::State_Enabled;
            option.palette.setCurrentColorGroup(itemEnabled ? QPalette::Normal : QPalette::Disabled);
        }
        if (focus && index == current)
            option.state |= QStyle::State_HasFocus;
        option.state.setFlag(QStyle::State_MouseOver, index == hover);
        itemDelegateForIndex(index)->paint(&painter, option, index);
    }
}
