#pragma once
// The followed stream's lines: a list view whose rows are all as high and as wide as the first
// one, so a row's place is its number times the row height. QListView keeps a position for every
// row (laid out a batch at a time): 4 bytes a line and a long stall for a stream of millions of
// lines. This view keeps none; it scrolls a row at a time and paints only the rows in view.
#include <QListView>

class FollowTextView : public QListView {
    Q_OBJECT
public:
    explicit FollowTextView(QWidget* parent = nullptr);

    QRect visualRect(const QModelIndex& index) const override;
    void scrollTo(const QModelIndex& index, ScrollHint hint = EnsureVisible) override;
    QModelIndex indexAt(const QPoint& point) const override;
    void doItemsLayout() override;

protected:
    void updateGeometries() override;
    void paintEvent(QPaintEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;
    void scrollContentsBy(int dx, int dy) override;
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    int horizontalOffset() const override;
    int verticalOffset() const override;
    void setSelection(const QRect& rect, QItemSelectionModel::SelectionFlags command) override;
    QRegion visualRegionForSelection(const QItemSelection& selection) const override;

private:
    int rows() const;
    int rowHeight() const;
    int rowAt(int y) const; // unclamped
    int fullRowsShown() const;
    QSize item_; // every row's size: the first row's size hint, as QListView's uniform item sizes
};
