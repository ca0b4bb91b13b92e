#pragma once
// Statistics → I/O Graph: per interval over the capture, drawn with Qt Charts, one series per
// display filter (an empty filter: every packet). Each series plots packets, bytes or bits, or
// SUM / COUNT FRAMES / COUNT FIELDS / MAX / MIN / AVG of a field (as Wireshark's Y axis
// choices), as a line, bars or dots in its own colour; the value axis may be logarithmic.
// Clicking a point selects the first packet of that interval; the graph exports as PNG, its
// numbers as CSV. Counted in the background (core/stats/iostatistics).
#include "statistics/statisticswindow.h"
#include "stats/iostatistics.h"

#include <QColor>

class QAbstractAxis;
class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QPushButton;
class QTableWidget;
class QXYSeries;
class SeriesDecimator;

class IoGraphWindow : public StatisticsWindow {
    Q_OBJECT
public:
    enum class Unit { Packets, Bytes, Bits };
    // What a series plots per interval (Wireshark's Y axis names).
    enum class YAxis { Packets, Bytes, Bits, Sum, CountFrames, CountFields, Max, Min, Avg };
    enum class Style { Line, Bars, Dots };
    struct Series {
        QString filter;
        YAxis y = YAxis::Packets;
        QString field; // for the field functions, e.g. tcp.analysis.ack_rtt
        Style style = Style::Line;
        QColor colour; // invalid: the next of the default colours
    };

    explicit IoGraphWindow(QWidget* parent = nullptr);

    // Replaces every series and recounts.
    void setSeries(const QList<Series>& series);
    const QList<Series>& series() const { return series_; }
    // Series of packets per interval, one display filter each.
    void setSeriesFilters(const QStringList& filters);
    QStringList seriesFilters() const;
    void setIntervalUs(int64_t us); // one of the offered intervals
    void setUnit(Unit unit);        // every series plots packets, bytes or bits
    void setLogScale(bool on);
    bool logScale() const;

    QChart* chart() const { return chart_; }
    // Every value `series` stands for; what it holds is thinned to the pixels in view.
    QList<QPointF> plottedPoints(const QXYSeries* series) const;
    const synflow::IoStatistics& statistics() const { return stats_; }
    // The plotted value of series `series` in interval `interval` (times in seconds).
    double value(int series, size_t interval) const;
    // Selects the packet behind point `index` of series `series` (as a click on it does).
    void activatePoint(int series, int index);

    QString asCsv() const;
    bool savePng(const QString& path) const;

signals:
    void frameRequested(size_t frame); // 0-based

private:
    void recount() override;
    void retranslate() override;
    void redraw();
    void rebuildTable();
    void seriesEdited(); // recounts when the core's columns change, else redraws
    std::vector<std::string> columnTexts() const;
    QString seriesName(int series) const;
    QXYSeries* addSeries(int s, QAbstractAxis* x, QAbstractAxis* y, double step, size_t intervals);
    void chooseExport(bool png);

    QList<Series> series_;
    std::vector<std::string> countedColumns_; // the columns stats_ was counted for
    synflow::IoStatistics stats_;
    QChart* chart_;
    QChartView* chartView_;
    SeriesDecimator* decimator_;
    QTableWidget* table_;
    QComboBox* interval_;
    QCheckBox* log_;
    QPushButton* add_;
    QPushButton* remove_;
    QPushButton* apply_;
    QPushButton* exportPng_;
    QPushButton* exportCsv_;
};
