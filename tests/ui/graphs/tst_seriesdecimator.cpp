// What a series of many points shows: per pixel column a line keeps its first, lowest, highest
// and last point (the same drawing), a scatter series one point per pixel and none outside the
// plot; zoomed in, every point; on a chart it follows the axes as they pan and zoom. tcptrace's
// bars merged per column cover each column's lowest and highest sequence number exactly, and
// zoomed in each bar is itself.
#include "graphs/segmentlayer.h"
#include "graphs/seriesdecimator.h"
#include "tcp/tcpanalysis.h"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <QtTest>

#include <cmath>
#include <map>

namespace {

// A long stream with retransmissions, lost ranges, SACK blocks and a few segments out of time
// order (a capture's clock stepping back).
synflow::TcpStreamGraphData stream(int n)
{
    synflow::TcpStreamGraphData g;
    uint32_t seq = 1, state = 12345;
    const auto next = [&] { return state = state * 1103515245u + 12345u; };
    for (int i = 0; i < n; ++i) {
        synflow::TcpGraphSegment s;
        s.frame = uint32_t(2 * i);
        s.time = i * 1e-3 - (i % 997 == 0 ? 0.05 : 0.0);
        const uint32_t r = next() >> 8;
        s.seq = r % 13 == 0 ? seq - 1448 * (1 + r % 40) : seq; // a retransmission from far back
        s.analysis = s.seq != seq ? uint32_t(synflow::TcpRetransmission) : 0u;
        s.length = 1 + r % 1448;
        s.gapFrom = r % 29 == 0 ? s.seq - 1448 * 3 : s.seq;
        if (s.seq == seq)
            seq = s.nextSeq();
        g.segments.push_back(s);
        synflow::TcpGraphAck a;
        a.frame = uint32_t(2 * i + 1);
        a.time = s.time + 1e-4;
        a.ack = s.seq;
        a.sackFirst = uint32_t(g.sacks.size());
        if (r % 7 == 0) {
            g.sacks.push_back({seq - 1448 * (1 + r % 5), seq - 1448 * (r % 5)});
            a.sackCount = 1;
        }
        g.acks.push_back(a);
    }
    return g;
}

using Span = SegmentLayer::Span;
// Per column, what the kind's bars in [t0, t1] cover: from the stream itself, bar by bar.
std::vector<Span> expectedSpans(const synflow::TcpStreamGraphData& g, SegmentLayer::Kind kind, double t0, double t1, double scale,
                                int columns)
{
    std::vector<Span> spans(static_cast<size_t>(columns));
    const auto add = [&](double t, uint32_t a, uint32_t b) {
        if (t < t0 || t > t1)
            return;
        Span& s = spans[size_t(std::clamp(long(std::floor((t - t0) * scale)), 0L, long(columns) - 1))];
        s.lo = std::min({s.lo, a, b});
        s.hi = std::max({s.hi, a, b});
    };
    for (const auto& s : g.segments) {
        const bool retx = s.analysis & synflow::TcpAnyRetransmission;
        if ((kind == SegmentLayer::Segment && !retx) || (kind == SegmentLayer::Retransmission && retx))
            add(s.time, s.seq, s.nextSeq());
        if (kind == SegmentLayer::Lost && s.gapFrom != s.seq)
            add(s.time, s.gapFrom, s.seq);
    }
    if (kind == SegmentLayer::Sack)
        for (const auto& a : g.acks)
            for (const auto& b : g.sacksOf(a))
                add(a.time, b.left, b.right);
    return spans;
}

// The bars of `kind` in [t0, t1], one by one (the layer finds them by bisection: Bars::between).
std::pair<size_t, size_t> inView(const SegmentLayer::Bars& bars, double t0, double t1)
{
    size_t first = 0, last = 0;
    while (first < bars.size() && bars[first].t < t0)
        ++first;
    for (last = first; last < bars.size() && bars[last].t <= t1;)
        ++last;
    return {first, last};
}

bool operator==(const Span& a, const Span& b) { return a.lo == b.lo && a.hi == b.hi; }

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

    // A step line kept as its corners is drawn as the whole list of its points would be: the same
    // points shown for any view (thinned or not), and the same points stand for it.
    void aStepLineIsTheLineThroughItsSteps()
    {
        std::vector<QPointF> corners;
        uint32_t state = 7;
        double x = 0, y = 0;
        for (int i = 0; i < 30000; ++i) {
            state = state * 1103515245u + 12345u;
            x += (state >> 20) % 3 == 0 ? 0 : 0.001 * double((state >> 8) % 5); // some at the same time
            y += double((state >> 12) % 2000) - 900;
            corners.emplace_back(x, y);
        }
        std::vector<QPointF> steps;
        for (const QPointF& c : corners) {
            if (!steps.empty())
                steps.emplace_back(c.x(), steps.back().y());
            steps.push_back(c);
        }
        QCOMPARE(steps.size(), 2 * corners.size() - 1);
        const double views[][2] = {{-1, x + 1}, {3.0171, 3.9993}, {10.0001, 10.0201}, {x - 0.5, x + 3}};
        for (const auto& v : views)
            for (int columns : {1, 333, 1000})
                QCOMPARE(SeriesDecimator::decimateSteps(corners, true, v[0], v[1], columns),
                         SeriesDecimator::decimateLine(steps, true, v[0], v[1], columns));
        QCOMPARE(SeriesDecimator::decimateSteps(std::vector<QPointF>(), true, 0, 1, 10), QList<QPointF>());
        QCOMPARE(SeriesDecimator::decimateSteps(std::vector<QPointF>{QPointF(1, 2)}, true, 0, 10, 10), QList<QPointF>{QPointF(1, 2)});

        // On a chart: a series given the steps and one given the corners show the same.
        QChartView view;
        auto* chart = new QChart;
        view.setChart(chart);
        view.resize(900, 500);
        auto* whole = new QLineSeries;
        auto* stepped = new QLineSeries;
        auto* sourced = new QLineSeries; // the corners read from records of another shape
        chart->addSeries(whole);
        chart->addSeries(stepped);
        chart->addSeries(sourced);
        auto* xAxis = new QValueAxis;
        auto* yAxis = new QValueAxis;
        chart->addAxis(xAxis, Qt::AlignBottom);
        chart->addAxis(yAxis, Qt::AlignLeft);
        for (auto* s : {whole, stepped, sourced})
            s->attachAxis(xAxis), s->attachAxis(yAxis);
        xAxis->setRange(-1, x + 1);
        yAxis->setRange(-1e7, 1e7);
        SeriesDecimator decimator(chart);
        decimator.setPoints(whole, steps);
        decimator.setSteps(stepped, std::make_shared<const std::vector<QPointF>>(corners));
        QCOMPARE(decimator.pointsOf(stepped).size(), corners.size());
        QVERIFY(decimator.drawnPointsOf(stepped) == steps);
        QVERIFY(decimator.drawnPointsOf(whole) == steps);
        struct Record {
            float unused;
            double y, x;
        };
        auto records = std::make_shared<std::vector<Record>>();
        for (const QPointF& c : corners)
            records->push_back({0, c.y(), c.x()});
        decimator.setSteps(sourced, SeriesDecimator::CornerSource{records, records->size(), [](const void* o, size_t i) {
                                                                      const Record& r = (*static_cast<const std::vector<Record>*>(o))[i];
                                                                      return QPointF(r.x, r.y);
                                                                  }});
        records.reset(); // the decimator keeps them
        QVERIFY(decimator.pointsOf(sourced).empty());
        QVERIFY(decimator.drawnPointsOf(sourced) == steps);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        for (const auto& v : views) {
            xAxis->setRange(v[0], v[1]);
            QVERIFY(stepped->count() > 0);
            QCOMPARE(stepped->points(), whole->points());
            QCOMPARE(sourced->points(), whole->points());
        }
    }

    // Whole stream and a part not on block bounds, each kind: per column exactly the lowest and
    // highest sequence number of the bars in it (the merged bar's ends are those extremes).
    void tcptraceBarsKeepEachColumnsExtremes()
    {
        const synflow::TcpStreamGraphData g = stream(60000);
        const auto bars = SegmentLayer::makeBars(std::make_shared<const synflow::TcpStreamGraphData>(g));
        const double views[][2] = {{-1, 61}, {3.0171, 41.9993}};
        for (int k = 0; k < SegmentLayer::Kinds; ++k) {
            const auto kind = SegmentLayer::Kind(k);
            const SegmentLayer::Bars& b = (*bars)[size_t(k)];
            QVERIFY2(b.size() > 1000, qPrintable(QString::number(k)));
            for (size_t i = 1; i < b.size(); ++i)
                QVERIFY(b[i - 1].t <= b[i].t);
            for (const auto& v : views)
                for (int columns : {1, 333, 1000}) {
                    const double scale = columns / (v[1] - v[0]);
                    const auto [first, last] = inView(b, v[0], v[1]);
                    QVERIFY(b.between(v[0], v[1]) == std::make_pair(first, last));
                    const std::vector<Span> shown = SegmentLayer::mergeColumns(b, first, last, v[0], scale, columns);
                    const std::vector<Span> expected = expectedSpans(g, kind, v[0], v[1], scale, columns);
                    QCOMPARE(shown.size(), expected.size());
                    for (size_t c = 0; c < shown.size(); ++c)
                        QVERIFY2(shown[c] == expected[c], qPrintable(QStringLiteral("kind %1, %2 columns, column %3: %4..%5, expected %6..%7")
                                                                         .arg(k).arg(columns).arg(c).arg(shown[c].lo).arg(shown[c].hi)
                                                                         .arg(expected[c].lo).arg(expected[c].hi)));
                }
        }
    }

    // Zoomed in to fewer bars than columns: each bar alone in its column, exactly itself; and the
    // layer on a chart draws every segment of the view as its own bar.
    void tcptraceZoomedInShowsEachBar()
    {
        const synflow::TcpStreamGraphData g = stream(60000);
        const auto bars = SegmentLayer::makeBars(std::make_shared<const synflow::TcpStreamGraphData>(g));
        const SegmentLayer::Bars& b = (*bars)[SegmentLayer::Segment];
        const double t0 = 20.0005, t1 = 20.0805; // 80 ms: about 70 segments over 1000 columns
        const auto [first, last] = inView(b, t0, t1);
        QVERIFY(last - first > 50);
        const std::vector<Span> shown = SegmentLayer::mergeColumns(b, first, last, t0, 1000 / (t1 - t0), 1000);
        size_t used = 0;
        for (size_t i = first; i < last; ++i) {
            const SegmentLayer::Bar bar = b[i];
            const Span& s = shown[size_t(std::floor((bar.t - t0) * 1000 / (t1 - t0)))];
            QCOMPARE(s.lo, std::min(bar.lo, bar.hi));
            QCOMPARE(s.hi, std::max(bar.lo, bar.hi));
        }
        for (const Span& s : shown)
            used += s.lo <= s.hi;
        QCOMPARE(used, last - first);

        QChartView view;
        view.resize(800, 500);
        auto* chart = new QChart;
        view.setChart(chart);
        auto* anchor = new QLineSeries;
        anchor->append(-1, 0);
        anchor->append(61, 1e8);
        chart->addSeries(anchor);
        chart->createDefaultAxes();
        SegmentLayer layer(chart, anchor);
        layer.setBars(bars, {Qt::blue, Qt::red, Qt::magenta, Qt::darkYellow});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.grab();
        QCOMPARE(layer.segmentsInView(), g.segments.size());
        QVERIFY(layer.barsDrawn() <= 3 * size_t(std::ceil(chart->plotArea().width()))); // merged
        qobject_cast<QValueAxis*>(chart->axes(Qt::Horizontal).first())->setRange(t0, t1);
        view.grab();
        const auto [rf, rl] = inView((*bars)[SegmentLayer::Retransmission], t0, t1);
        const auto [lf, ll] = inView((*bars)[SegmentLayer::Lost], t0, t1);
        QCOMPARE(layer.segmentsInView(), last - first + rl - rf);
        QCOMPARE(layer.barsDrawn(), last - first + rl - rf + ll - lf); // each itself
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
