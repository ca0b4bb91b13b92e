#include "graphs/seriesdecimator.h"

#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>
#include <QXYSeries>

#include <algorithm>
#include <cmath>

SeriesDecimator::SeriesDecimator(QChart* chart, QObject* parent) : QObject(parent), chart_(chart)
{
    connect(chart_, &QChart::plotAreaChanged, this, [this] { refresh(); });
}

void SeriesDecimator::setPoints(QXYSeries* series, const QList<QPointF>& points, QAbstractSeries* onAxesOf)
{
    setPoints(series, std::vector<QPointF>(points.begin(), points.end()), onAxesOf);
}

void SeriesDecimator::setPoints(QXYSeries* series, std::vector<QPointF> points, QAbstractSeries* onAxesOf)
{
    setPoints(series, std::make_shared<const std::vector<QPointF>>(std::move(points)), onAxesOf);
}

namespace {

// The points a series is drawn through, from what it keeps: the points themselves, or a step
// line's corners, whose steps are made as they are read.
struct Plain {
    const std::vector<QPointF>& p;
    size_t size() const { return p.size(); }
    const QPointF& operator[](size_t i) const { return p[i]; }
};
struct Sourced {
    const SeriesDecimator::CornerSource& s;
    size_t size() const { return s.count; }
    QPointF operator[](size_t i) const { return s.corner(s.owner.get(), i); }
};
template <class Corners> struct StepsOf {
    Corners corners;
    size_t size() const { return corners.size() == 0 ? 0 : 2 * corners.size() - 1; }
    QPointF operator[](size_t k) const
    {
        const size_t i = (k + 1) / 2;
        return k % 2 ? QPointF(corners[i].x(), corners[i - 1].y()) : corners[i];
    }
};
using Steps = StepsOf<Plain>;
using SourcedSteps = StepsOf<Sourced>;

// Calls f with the points `e` is drawn through, as a step line's or as they are.
template <class Entry, class F> auto withDrawn(const Entry& e, const F& f)
{
    if (e.steps && e.source.corner)
        return f(SourcedSteps{Sourced{e.source}});
    if (e.steps)
        return f(Steps{Plain{*e.points}});
    return f(Plain{*e.points});
}

// Bisection by x: the first point at or right of x, and the first right of it.
template <class Points> size_t firstFrom(const Points& p, size_t lo, double x)
{
    for (size_t hi = p.size(); lo < hi;) {
        const size_t m = lo + (hi - lo) / 2;
        (p[m].x() < x) ? lo = m + 1 : hi = m;
    }
    return lo;
}
template <class Points> size_t firstAfter(const Points& p, size_t lo, double x)
{
    for (size_t hi = p.size(); lo < hi;) {
        const size_t m = lo + (hi - lo) / 2;
        !(x < p[m].x()) ? lo = m + 1 : hi = m;
    }
    return lo;
}

template <class Points> bool sortedByX(const Points& p)
{
    for (size_t i = 1; i < p.size(); ++i)
        if (p[i].x() < p[i - 1].x())
            return false;
    return true;
}

// Per `run` points their first, lowest, highest and last.
template <class Points> std::vector<QPointF> thinned(const Points& points, size_t run)
{
    std::vector<QPointF> out;
    out.reserve(4 * (points.size() / run + 1));
    for (size_t at = 0; at < points.size(); at += run) {
        const size_t end = std::min(points.size(), at + run);
        size_t low = at, high = at;
        for (size_t i = at + 1; i < end; ++i) {
            low = points[i].y() < points[low].y() ? i : low;
            high = points[i].y() > points[high].y() ? i : high;
        }
        size_t keep[4] = {at, std::min(low, high), std::max(low, high), end - 1};
        for (int k = 0; k < 4; ++k)
            if (k == 0 || keep[k] > keep[k - 1])
                out.push_back(points[keep[k]]);
    }
    return out;
}

template <class Points> QList<QPointF> decimateLineOf(const Points& points, bool sorted, double x0, double x1, int columns)
{
    QList<QPointF> out;
    if (points.size() == 0)
        return out;
    size_t begin = 0, end = points.size();
    if (sorted) { // and one point either side, so that the line still runs to the plot's edges
        begin = firstFrom(points, 0, x0);
        end = firstAfter(points, begin, x1);
        begin = begin > 0 ? begin - 1 : 0;
        end = std::min(points.size(), end + 1);
    }
    const double scale = x1 > x0 ? double(columns) / (x1 - x0) : 0;
    // Left of the plot is one column, right of it another: their runs shrink to four points too.
    const auto columnOf = [&](double x) -> long {
        if (!(x >= x0))
            return -1;
        if (x > x1)
            return long(columns) + 1;
        return long((x - x0) * scale);
    };
    out.reserve(qsizetype(std::min<size_t>(end - begin, size_t(columns + 2) * 4)));
    size_t first = begin, low = begin, high = begin, last = begin;
    double lowY = points[begin].y(), highY = lowY;
    long column = columnOf(points[begin].x());
    const auto flush = [&] { // first, lowest and highest in the order they came, last
        const size_t a = std::min(low, high), b = std::max(low, high);
        out.append(points[first]);
        if (a > first)
            out.append(points[a]);
        if (b > a)
            out.append(points[b]);
        if (last > b)
            out.append(points[last]);
    };
    for (size_t i = begin + 1; i < end; ++i) {
        const QPointF p = points[i];
        const long c = columnOf(p.x());
        if (c == column) {
            if (p.y() < lowY)
                low = i, lowY = p.y();
            if (p.y() > highY)
                high = i, highY = p.y();
            last = i;
            continue;
        }
        flush();
        first = low = high = last = i;
        lowY = highY = p.y();
        column = c;
    }
    flush();
    return out;
}

} // namespace

void SeriesDecimator::setPoints(QXYSeries* series, std::shared_ptr<const std::vector<QPointF>> shared, QAbstractSeries* onAxesOf)
{
    Entry e;
    e.series = series;
    e.axesOf = onAxesOf ? onAxesOf : series;
    e.points = shared ? std::move(shared) : std::make_shared<const std::vector<QPointF>>();
    const std::vector<QPointF>& points = *e.points;
    e.line = qobject_cast<QScatterSeries*>(series) == nullptr;
    e.sorted = sortedByX(Plain{points});
    if (e.line && e.sorted && points.size() > 16 * kCoarse)
        e.coarse = thinned(Plain{points}, kCoarse);
    add(std::move(e));
}

void SeriesDecimator::setSteps(QLineSeries* series, std::shared_ptr<const std::vector<QPointF>> corners, QAbstractSeries* onAxesOf)
{
    Entry e;
    e.series = series;
    e.axesOf = onAxesOf ? onAxesOf : series;
    e.points = corners ? std::move(corners) : std::make_shared<const std::vector<QPointF>>();
    e.steps = true;
    const Steps drawn{Plain{*e.points}};
    e.sorted = sortedByX(drawn);
    if (e.sorted && drawn.size() > 16 * kCoarse)
        e.coarse = thinned(drawn, kCoarse);
    add(std::move(e));
}

void SeriesDecimator::setSteps(QLineSeries* series, CornerSource corners, QAbstractSeries* onAxesOf)
{
    if (!corners.corner)
        corners.count = 0;
    Entry e;
    e.series = series;
    e.axesOf = onAxesOf ? onAxesOf : series;
    e.points = std::make_shared<const std::vector<QPointF>>();
    e.steps = true;
    e.source = std::move(corners);
    const SourcedSteps drawn{Sourced{e.source}};
    e.sorted = sortedByX(drawn);
    if (e.sorted && drawn.size() > 16 * kCoarse)
        e.coarse = thinned(drawn, kCoarse);
    add(std::move(e));
}

void SeriesDecimator::add(Entry e)
{
    for (Entry& old : entries_)
        if (old.series == e.series) {
            old = std::move(e);
            return;
        }
    entries_.push_back(std::move(e));
}

const std::vector<QPointF>& SeriesDecimator::pointsOf(const QXYSeries* series) const
{
    static const std::vector<QPointF> none;
    for (const Entry& e : entries_)
        if (e.series == series)
            return *e.points;
    return none;
}

std::vector<QPointF> SeriesDecimator::drawnPointsOf(const QXYSeries* series) const
{
    for (const Entry& e : entries_)
        if (e.series == series) {
            if (!e.steps)
                return *e.points;
            return withDrawn(e, [](const auto& drawn) {
                std::vector<QPointF> out;
                out.reserve(drawn.size());
                for (size_t i = 0; i < drawn.size(); ++i)
                    out.push_back(drawn[i]);
                return out;
            });
        }
    return {};
}

void SeriesDecimator::clear() { entries_.clear(); }

void SeriesDecimator::refresh()
{
    watchAxes();
    for (Entry& e : entries_)
        refresh(e);
}

void SeriesDecimator::watchAxes()
{
    watched_.erase(std::remove_if(watched_.begin(), watched_.end(), [](const QPointer<QObject>& p) { return !p; }), watched_.end());
    for (QAbstractAxis* a : chart_->axes()) {
        if (std::find(watched_.begin(), watched_.end(), a) != watched_.end())
            continue;
        if (auto* v = qobject_cast<QValueAxis*>(a))
            connect(v, &QValueAxis::rangeChanged, this, [this] { refresh(); });
        else if (auto* l = qobject_cast<QLogValueAxis*>(a))
            connect(l, &QLogValueAxis::rangeChanged, this, [this] { refresh(); });
        else
            continue;
        watched_.emplace_back(a);
    }
}

void SeriesDecimator::refresh(Entry& e)
{
    const std::vector<QPointF>& points = *e.points;
    QXYSeries* s = e.series;
    if (!s || !e.axesOf)
        return;
    double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
    bool hasX = false, hasY = false, logY = false;
    for (QAbstractAxis* a : e.axesOf->attachedAxes()) {
        double lo, hi;
        if (auto* v = qobject_cast<QValueAxis*>(a))
            lo = v->min(), hi = v->max();
        else if (auto* l = qobject_cast<QLogValueAxis*>(a))
            lo = l->min(), hi = l->max(), logY = a->orientation() == Qt::Vertical;
        else
            continue;
        if (a->orientation() == Qt::Horizontal)
            x0 = lo, x1 = hi, hasX = true;
        else
            y0 = lo, y1 = hi, hasY = true;
    }
    if (!hasX || !hasY)
        return; // not on the axes yet: the refresh once it is fills it
    const QRectF area = chart_->plotArea();
    const int columns = std::max(1, int(std::ceil(area.width()))), rows = std::max(1, int(std::ceil(area.height())));
    // A line depends on the x range and width alone (a zoom changes x, then y: once is enough).
    const double view[6] = {x0, x1, e.line ? 0 : y0, e.line ? 0 : y1, double(columns), e.line ? 0 : double(rows)};
    if (e.shown && std::equal(view, view + 6, e.shownFor))
        return;
    std::copy(view, view + 6, e.shownFor);
    e.shown = true;
    if (e.line) {
        bool coarse = false;
        if (!e.coarse.empty()) {
            const auto inView = [&](const auto& drawn) {
                const size_t lo = firstFrom(drawn, 0, x0);
                return firstAfter(drawn, lo, x1) - lo;
            };
            coarse = withDrawn(e, inView) > kCoarse * size_t(columns);
        }
        if (coarse)
            s->replace(decimateLineOf(Plain{e.coarse}, true, x0, x1, columns));
        else
            s->replace(withDrawn(e, [&](const auto& drawn) { return decimateLineOf(drawn, e.sorted, x0, x1, columns); }));
        return;
    }
    if (logY) { // a logarithmic axis's pixels are even in the logarithm
        if (y0 <= 0 || y1 <= 0)
            return;
        std::vector<QPointF> logged;
        logged.reserve(points.size());
        for (const QPointF& p : points)
            if (p.y() > 0)
                logged.emplace_back(p.x(), std::log10(p.y()));
        QList<QPointF> shown = decimateScatter(logged, x0, x1, std::log10(y0), std::log10(y1), columns, rows);
        for (QPointF& p : shown)
            p.setY(std::pow(10.0, p.y()));
        s->replace(shown);
        return;
    }
    std::span<const QPointF> inView(points);
    if (e.sorted) { // only the points of the x range are looked at
        const auto lo = std::lower_bound(points.begin(), points.end(), x0, [](const QPointF& p, double x) { return p.x() < x; });
        const auto hi = std::upper_bound(lo, points.end(), x1, [](double x, const QPointF& p) { return x < p.x(); });
        inView = std::span<const QPointF>(lo, hi);
    }
    s->replace(decimateScatter(inView, x0, x1, y0, y1, columns, rows));
}

QList<QPointF> SeriesDecimator::decimateLine(const std::vector<QPointF>& points, bool sortedByX, double x0, double x1, int columns)
{
    return decimateLineOf(Plain{points}, sortedByX, x0, x1, columns);
}

QList<QPointF> SeriesDecimator::decimateSteps(const std::vector<QPointF>& corners, bool sortedByX, double x0, double x1, int columns)
{
    return decimateLineOf(Steps{Plain{corners}}, sortedByX, x0, x1, columns);
}

QList<QPointF> SeriesDecimator::decimateScatter(std::span<const QPointF> points, double x0, double x1, double y0, double y1,
                                                int columns, int rows)
{
    QList<QPointF> out;
    if (columns <= 0 || rows <= 0 || !(x1 > x0) || !(y1 > y0))
        return out;
    const size_t width = size_t(columns) + 1;
    std::vector<uint64_t> taken((width * (size_t(rows) + 1) + 63) / 64, 0);
    const double sx = double(columns) / (x1 - x0), sy = double(rows) / (y1 - y0);
    for (const QPointF& p : points) {
        if (!(p.x() >= x0 && p.x() <= x1 && p.y() >= y0 && p.y() <= y1))
            continue;
        const size_t bit = size_t((p.y() - y0) * sy) * width + size_t((p.x() - x0) * sx);
        uint64_t& word = taken[bit >> 6];
        const uint64_t mask = uint64_t(1) << (bit & 63);
        if (word & mask)
            continue;
        word |= mask;
        out.append(p);
    }
    return out;
}
