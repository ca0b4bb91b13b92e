// What a series of many points shows: per pixel column a line keeps its first, lowest, highest
// and last point (the same drawing), a scatter series one point per pixel and none outside the
// plot; zoomed in, every point; on a chart it follows the axes as they pan and zoom.
#include "graphs/seriesdecimator.h"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <QtTest>

#include <cmath>
#include <map>

namespace {

std::vector<QPointF> wave(int n)
{
    std::vector<QPointF> v;
    for (int i = 0; i < n; ++i)
        v.emplace_back(i * 0.001, std::sin(i * 0.37) * 100 + (i % 7));
    return v;
}

} // namespace

class TestSeriesDecimator : public QObject {
    Q_OBJECT
private slots:
    void aLineKeepsEachColumnsExtremes()
    {
        const std::vector<QPointF> points = wave(200000); // x from 0 to 200
        const int columns = 100;
        const QList<QPointF> shown = SeriesDecimator::decimateLine(points, true, 0, 200, columns);
        QVERIFY(shown.size() <= 4 * (columns + 2));
        QCOMPARE(shown.first(), points.front());
        QCOMPARE(shown.last(), points.back());
        // Per column, the lowest and highest value of all points are among those shown.
        std::map<int, std::pair<double, double>> all, kept;
        auto note = [](auto& m, const QPointF& p) {
            const int c = std::min(99, int(p.x() / 2));
            auto [it, fresh] = m.try_emplace(c, p.y(), p.y());
            it->second.first = std::min(it->second.first, p.y());
            it->second.second = std::max(it->second.second, p.y());
        };
        for (const QPointF& p : points)
            note(all, p);
        for (const QPointF& p : shown)
            note(kept, p);
        QCOMPARE(kept, all);
        for (int i = 1; i < shown.size(); ++i)
            QVERIFY(shown[i].x() >= shown[i - 1].x()); // in order
    }

    void zoomedInEveryPointShows()
    {
        const std::vector<QPointF> points = wave(200000);
        // 0.010 .. 0.019: ten points over a thousand columns, and one either side.
        const QList<QPointF> shown = SeriesDecimator::decimateLine(points, true, 0.0095, 0.0195, 1000);
        QCOMPARE(shown.size(), 12);
        for (int i = 0; i < shown.size(); ++i)
            QCOMPARE(shown[i], points[size_t(9 + i)]);
    }

    void anUnsortedLineKeepsItsOrder()
    {
        std::vector<QPointF> points{{0, 0}, {10, 5}, {0.1, 7}, {0.2, -3}, {0.3, 1}, {9.9, 2}};
        const QList<QPointF> shown = SeriesDecimator::decimateLine(points, false, 0, 10, 10);
        // Runs by column: {0}, {10}, {0.1, 0.2, 0.3}: first, lowest, highest, last; {9.9}.
        const QList<QPointF> expected{{0, 0}, {10, 5}, {0.1, 7}, {0.2, -3}, {0.3, 1}, {9.9, 2}};
        QCOMPARE(shown, expected);
        std::vector<QPointF> many;
        for (int i = 0; i < 1000; ++i)
            many.emplace_back(0.5, i % 10); // one column, values 0..9
        const QList<QPointF> one = SeriesDecimator::decimateLine(many, false, 0, 10, 10);
        QCOMPARE(one, (QList<QPointF>{{0.5, 0}, {0.5, 9}, {0.5, 9}})); // first (also lowest), highest, last
    }

    void aScatterKeepsAPointAPixel()
    {
        std::vector<QPointF> points;
        for (int i = 0; i < 1000; ++i)
            points.emplace_back(1.0 + i * 1e-6, 5.0); // one pixel
        points.emplace_back(50, 50);
        points.emplace_back(-1, 5);   // left of the plot
        points.emplace_back(50, 200); // above it
        const QList<QPointF> shown = SeriesDecimator::decimateScatter(points, 0, 100, 0, 100, 100, 100);
        QCOMPARE(shown, (QList<QPointF>{{1.0, 5.0}, {50, 50}}));
        QVERIFY(SeriesDecimator::decimateScatter(points, 0, 100, 0, 100, 1000000, 100).size() > 2); // more pixels, more points
    }

    void followsTheAxes()
    {
        QChartView view;
        auto* chart = new QChart;
        view.setChart(chart);
        view.resize(800, 500);
        auto* line = new QLineSeries;
        auto* dots = new QScatterSeries;
        chart->addSeries(line);
        chart->addSeries(dots);
        auto* x = new QValueAxis;
        auto* y = new QValueAxis;
        x->setRange(0, 20);
        y->setRange(-120, 120);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        for (auto* s : {static_cast<QXYSeries*>(line), static_cast<QXYSeries*>(dots)})
            s->attachAxis(x), s->attachAxis(y);
        SeriesDecimator decimator(chart);
        const std::vector<QPointF> points = wave(20000);
        decimator.setPoints(line, QList<QPointF>(points.begin(), points.end()));
        decimator.setPoints(dots, QList<QPointF>(points.begin(), points.end()));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        decimator.refresh();
        const int columns = int(std::ceil(chart->plotArea().width()));
        QVERIFY(line->count() > 0 && line->count() <= 4 * (columns + 2));
        QVERIFY(dots->count() > 0 && dots->count() < 20000);
        QCOMPARE(decimator.pointsOf(line).size(), size_t(20000));
        x->setRange(0.0095, 0.0195); // a zoom: the series follow by themselves
        QCOMPARE(line->count(), 12);
        QCOMPARE(dots->count(), 10);
        decimator.clear();
        QVERIFY(decimator.pointsOf(line).empty());
    }
};

QTEST_MAIN(TestSeriesDecimator)
#include "tst_seriesdecimator.moc"
