#pragma once
// Qt Charts maps and strokes every point of a series on each pan and zoom, so a series of a
// million points freezes the window for seconds a frame. The decimator keeps each series' whole
// point list and hands the series only what the plot area can show, again whenever an axis
// range or the plot area changes: a line keeps, for each run of points in one pixel column,
// its first, lowest, highest and last point (the drawn line is the same to the pixel); a scatter
// series keeps one point per pixel it covers, and none outside the plot. Zoomed in far enough,
// every point is shown as itself.
#include <QList>
#include <QObject>
#include <QPointF>
#include <QPointer>

#include <memory>
#include <span>
#include <vector>

class QChart;
class QAbstractSeries;
class QLineSeries;
class QXYSeries;

class SeriesDecimator : public QObject {
    Q_OBJECT
public:
    explicit SeriesDecimator(QChart* chart, QObject* parent = nullptr);

    // From now on `series` shows what of `points` is in view, on the axes `series` is attached to
    // (or those of `onAxesOf`: an area series' upper line is not itself on the chart).
    void setPoints(QXYSeries* series, const QList<QPointF>& points, QAbstractSeries* onAxesOf = nullptr);
    void setPoints(QXYSeries* series, std::vector<QPointF> points, QAbstractSeries* onAxesOf = nullptr);
    // Points made elsewhere (on a worker thread, kept for the next plot): shared, not copied.
    void setPoints(QXYSeries* series, std::shared_ptr<const std::vector<QPointF>> points, QAbstractSeries* onAxesOf = nullptr);
    // A line series that holds each value until the next: from corners c0, c1, c2 ... it is drawn
    // through c0, (x1, y0), c1, (x2, y1), c2 ... Only the corners are kept (half the points).
    void setSteps(QLineSeries* series, std::shared_ptr<const std::vector<QPointF>> corners, QAbstractSeries* onAxesOf = nullptr);
    // The same, the corners read where they are kept (records of a million ACKs are not copied
    // into points): corner(owner, i) for i < count; owner is kept alive with the series.
    struct CornerSource {
        std::shared_ptr<const void> owner;
        size_t count = 0;
        QPointF (*corner)(const void* owner, size_t i) = nullptr;
    };
    void setSteps(QLineSeries* series, CornerSource corners, QAbstractSeries* onAxesOf = nullptr);
    // The whole point list of a series given to setPoints, or the corners given to setSteps as
    // points (empty for any other: drawnPointsOf has every series' points).
    const std::vector<QPointF>& pointsOf(const QXYSeries* series) const;
    // Every point the series is drawn through (a step line's steps included).
    std::vector<QPointF> drawnPointsOf(const QXYSeries* series) const;
    // Forgets every series (call before the chart's series are removed).
    void clear();
    // Gives each series what is in view now; called by itself when the chart's axes or plot area change.
    void refresh();

    // What a line or scatter series of `points` shows in an x and y range over a plot of
    // `columns` by `rows` pixels (exposed for the tests).
    static QList<QPointF> decimateLine(const std::vector<QPointF>& points, bool sortedByX, double x0, double x1, int columns);
    // The same for the step line of `corners` (as setSteps draws it).
    static QList<QPointF> decimateSteps(const std::vector<QPointF>& corners, bool sortedByX, double x0, double x1, int columns);
    static QList<QPointF> decimateScatter(std::span<const QPointF> points, double x0, double x1, double y0, double y1, int columns,
                                          int rows);

private:
    struct Entry {
        QPointer<QXYSeries> series;
        QPointer<QAbstractSeries> axesOf;
        std::shared_ptr<const std::vector<QPointF>> points;
        // A long sorted line, thinned once: per kCoarse points their first, lowest, highest and last.
        // A view of many more points than pixels is made from it (off by under a pixel).
        std::vector<QPointF> coarse;
        bool line = true;
        bool steps = false; // points (or source) holds a step line's corners
        CornerSource source; // the corners, when they were given as a source (points is then empty)
        bool sorted = true; // x never goes backwards: the view's part is found by bisection
        double shownFor[6] = {}; // the view last given (x0, x1, y0, y1, columns, rows): the same again is not redone
        bool shown = false;
    };
    static constexpr size_t kCoarse = 64;
    void add(Entry e);
    void watchAxes();
    void refresh(Entry& e);

    QChart* chart_;
    std::vector<Entry> entries_;
    std::vector<QPointer<QObject>> watched_; // the axes whose range changes are connected
};
