#pragma once
// Statistics → I/O Graph: packets, bytes or bits per interval over the capture, drawn with Qt
// Charts, one series per display filter (an empty filter: every packet). Clicking a point
// selects the first packet of that interval; the graph exports as PNG, its numbers as CSV.
// Counted in the background (core/stats/iostatistics).
#include "stats/iostatistics.h"
#include "support/backgroundjob.h"

#include <QWidget>

#include <atomic>
#include <memory>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace synflow {
class AnalysedCapture;
}

class IoGraphWindow : public QWidget {
    Q_OBJECT
public:
    enum class Unit { Packets, Bytes, Bits };

    explicit IoGraphWindow(QWidget* parent = nullptr);
    ~IoGraphWindow() override;

    void setCapture(std::shared_ptr<const synflow::AnalysedCapture> capture);

    // Series: one display filter each. Replaces them all and recounts.
    void setSeriesFilters(const QStringList& filters);
    QStringList seriesFilters() const;
    void setIntervalUs(int64_t us); // one of the offered intervals
    void setUnit(Unit unit);

    QChart* chart() const { return chart_; }
    const synflow::IoStatistics& statistics() const { return stats_; }
    bool isCounting() const { return job_.isRunning(); }
    // Selects the packet behind point `index` of series `series` (as a click on it does).
    void activatePoint(int series, int index);

    QString asCsv() const;
    bool savePng(const QString& path) const;

signals:
    void counted();
    void frameRequested(size_t frame); // 0-based

protected:
    void changeEvent(QEvent* e) override;

private:
    void recount();
    void redraw();
    void retranslate();
    double valueOf(const synflow::IoColumn& c, size_t interval) const;
    void chooseExport(bool png);

    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    synflow::IoStatistics stats_;
    QChart* chart_;
    QChartView* chartView_;
    QTableWidget* series_;
    QComboBox* interval_;
    QComboBox* unit_;
    QPushButton* add_;
    QPushButton* remove_;
    QPushButton* apply_;
    QPushButton* exportPng_;
    QPushButton* exportCsv_;
    QLabel* status_;
    std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false);
    BackgroundJob<std::shared_ptr<const synflow::IoStatistics>> job_;
};
