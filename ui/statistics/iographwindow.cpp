#include "statistics/iographwindow.h"

#include "analysis/analysedcapture.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

using namespace synflow;

namespace {

// The offered intervals, 1 ms to 10 min.
constexpr int64_t kIntervalsUs[] = {1000, 10000, 100000, 1000000, 10000000, 60000000, 600000000};

} // namespace

IoGraphWindow::IoGraphWindow(QWidget* parent) : QWidget(parent, Qt::Window), job_(this)
{
    setObjectName(QStringLiteral("ioGraphWindow"));
    chart_ = new QChart;
    chart_->legend()->setAlignment(Qt::AlignBottom);
    chartView_ = new QChartView(chart_, this);
    chartView_->setObjectName(QStringLiteral("ioGraphChart"));
    chartView_->setRenderHint(QPainter::Antialiasing);
    chartView_->setRubberBand(QChartView::HorizontalRubberBand);

    series_ = new QTableWidget(0, 1, this);
    series_->setObjectName(QStringLiteral("ioGraphSeries"));
    series_->horizontalHeader()->setStretchLastSection(true);
    series_->verticalHeader()->hide();
    series_->setMaximumHeight(120);
    interval_ = new QComboBox(this);
    interval_->setObjectName(QStringLiteral("ioGraphInterval"));
    for (int64_t us : kIntervalsUs)
        interval_->addItem(QString(), qlonglong(us));
    interval_->setCurrentIndex(3); // 1 s, as Wireshark opens
    unit_ = new QComboBox(this);
    unit_->setObjectName(QStringLiteral("ioGraphUnit"));
    for (int i = 0; i < 3; ++i)
        unit_->addItem(QString(), i);
    add_ = new QPushButton(this);
    add_->setObjectName(QStringLiteral("ioGraphAddSeries"));
    remove_ = new QPushButton(this);
    remove_->setObjectName(QStringLiteral("ioGraphRemoveSeries"));
    apply_ = new QPushButton(this);
    apply_->setObjectName(QStringLiteral("ioGraphApply"));
    exportPng_ = new QPushButton(this);
    exportPng_->setObjectName(QStringLiteral("ioGraphExportPng"));
    exportCsv_ = new QPushButton(this);
    exportCsv_->setObjectName(QStringLiteral("ioGraphExportCsv"));
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("ioGraphStatus"));

    connect(interval_, &QComboBox::currentIndexChanged, this, &IoGraphWindow::recount);
    connect(unit_, &QComboBox::currentIndexChanged, this, &IoGraphWindow::redraw);
    connect(add_, &QPushButton::clicked, this, [this] {
        series_->insertRow(series_->rowCount());
        series_->setItem(series_->rowCount() - 1, 0, new QTableWidgetItem(QStringLiteral("tcp")));
        recount();
    });
    connect(remove_, &QPushButton::clicked, this, [this] {
        if (series_->rowCount() > 1) {
            series_->removeRow(series_->currentRow() >= 0 ? series_->currentRow() : series_->rowCount() - 1);
            recount();
        }
    });
    connect(apply_, &QPushButton::clicked, this, &IoGraphWindow::recount);
    connect(exportPng_, &QPushButton::clicked, this, [this] { chooseExport(true); });
    connect(exportCsv_, &QPushButton::clicked, this, [this] { chooseExport(false); });

    auto* controls = new QHBoxLayout;
    controls->addWidget(interval_);
    controls->addWidget(unit_);
    controls->addWidget(add_);
    controls->addWidget(remove_);
    controls->addWidget(apply_);
    controls->addWidget(status_, 1);
    controls->addWidget(exportPng_);
    controls->addWidget(exportCsv_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(chartView_, 1);
    layout->addWidget(series_);
    layout->addLayout(controls);
    series_->insertRow(0);
    series_->setItem(0, 0, new QTableWidgetItem(QString())); // all packets, as Wireshark's first graph
    resize(900, 560);
    retranslate();
}

IoGraphWindow::~IoGraphWindow()
{
    *cancel_ = true;
    job_.cancelAndWait();
}

void IoGraphWindow::setCapture(std::shared_ptr<const AnalysedCapture> capture)
{
    capture_ = std::move(capture);
    recount();
}

void IoGraphWindow::setSeriesFilters(const QStringList& filters)
{
    series_->setRowCount(0);
    for (const QString& f : filters) {
        series_->insertRow(series_->rowCount());
        series_->setItem(series_->rowCount() - 1, 0, new QTableWidgetItem(f));
    }
    recount();
}

QStringList IoGraphWindow::seriesFilters() const
{
    QStringList out;
    for (int r = 0; r < series_->rowCount(); ++r)
        out << (series_->item(r, 0) ? series_->item(r, 0)->text().trimmed() : QString());
    return out;
}

void IoGraphWindow::setIntervalUs(int64_t us)
{
    const int at = interval_->findData(qlonglong(us));
    if (at >= 0)
        interval_->setCurrentIndex(at);
}

void IoGraphWindow::setUnit(Unit unit) { unit_->setCurrentIndex(int(unit)); }

void IoGraphWindow::recount()
{
    chart_->removeAllSeries();
    if (!capture_ || !capture_->ready()) {
        job_.cancel();
        return;
    }
    std::vector<std::string> filters;
    for (const QString& f : seriesFilters())
        filters.push_back(f.toStdString());
    const int64_t us = interval_->currentData().toLongLong();
    status_->setText(tr("Counting…"));
    *cancel_ = true;
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    auto cancel = cancel_;
    auto capture = capture_;
    job_.start(
        [capture, filters, us, cancel](QPromise<std::shared_ptr<const IoStatistics>>& promise) {
            auto stats = std::make_shared<IoStatistics>();
            std::string error;
            IoOptions options;
            options.skipFramesInThePast = false; // the graph counts every packet in its own interval
            const bool ok = computeIoStatistics(*capture, us, 0, filters, *stats, error, options, cancel.get());
            if (!ok)
                stats->columns.clear(), stats->complete = true, stats->intervalUs = -1; // a filter did not compile
            if (!promise.isCanceled() && stats->complete)
                promise.addResult(std::shared_ptr<const IoStatistics>(std::move(stats)));
        },
        [this](std::shared_ptr<const IoStatistics> stats) {
            if (stats->intervalUs < 0) {
                status_->setText(tr("A display filter is not valid"));
                return;
            }
            stats_ = *stats;
            status_->clear();
            redraw();
            emit counted();
        });
}

double IoGraphWindow::valueOf(const IoColumn& c, size_t interval) const
{
    const uint64_t frames = interval < c.frames.size() ? c.frames[interval] : 0;
    const uint64_t bytes = interval < c.bytes.size() ? c.bytes[interval] : 0;
    switch (Unit(unit_->currentIndex())) {
    case Unit::Packets: return double(frames);
    case Unit::Bytes: return double(bytes);
    case Unit::Bits: return double(bytes) * 8.0;
    }
    return 0;
}

void IoGraphWindow::redraw()
{
    chart_->removeAllSeries();
    for (QAbstractAxis* a : chart_->axes())
        chart_->removeAxis(a);
    if (stats_.columns.empty())
        return;
    const double step = double(stats_.intervalUs) / 1e6;
    const size_t intervals = size_t(stats_.durationUs / std::max<int64_t>(stats_.intervalUs, 1)) + 1;
    auto* x = new QValueAxis;
    x->setObjectName(QStringLiteral("ioGraphTimeAxis"));
    x->setTitleText(tr("Time (s)"));
    x->setRange(0, double(intervals) * step);
    auto* y = new QValueAxis;
    y->setObjectName(QStringLiteral("ioGraphValueAxis"));
    const QString units[] = {tr("Packets/interval"), tr("Bytes/interval"), tr("Bits/interval")};
    y->setTitleText(units[unit_->currentIndex()]);
    chart_->addAxis(x, Qt::AlignBottom);
    chart_->addAxis(y, Qt::AlignLeft);
    double top = 1;
    const QStringList names = seriesFilters();
    for (size_t s = 0; s < stats_.columns.size(); ++s) {
        auto* line = new QLineSeries;
        line->setName(names.value(int(s)).isEmpty() ? tr("All packets") : names.value(int(s)));
        line->setPointsVisible(true);
        QList<QPointF> points;
        points.reserve(qsizetype(intervals));
        for (size_t i = 0; i < intervals; ++i) {
            const double v = valueOf(stats_.columns[s], i);
            top = std::max(top, v);
            points.append(QPointF(double(i) * step, v));
        }
        line->replace(points);
        chart_->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
        connect(line, &QLineSeries::clicked, this, [this, s, step](const QPointF& p) {
            activatePoint(int(s), int(std::llround(p.x() / step)));
        });
    }
    y->setRange(0, top * 1.05);
    y->applyNiceNumbers();
    x->applyNiceNumbers();
}

void IoGraphWindow::activatePoint(int series, int index)
{
    if (series < 0 || size_t(series) >= stats_.columns.size() || index < 0)
        return;
    const IoColumn& c = stats_.columns[size_t(series)];
    if (size_t(index) < c.firstFrame.size() && c.firstFrame[size_t(index)] != UINT32_MAX)
        emit frameRequested(c.firstFrame[size_t(index)]);
}

QString IoGraphWindow::asCsv() const
{
    QString out = tr("Interval start (s)");
    const QStringList names = seriesFilters();
    for (int s = 0; s < int(stats_.columns.size()); ++s)
        out += QStringLiteral(",\"%1\"").arg(QString(names.value(s).isEmpty() ? tr("All packets") : names.value(s)).replace('"', "\"\""));
    out += QLatin1Char('\n');
    const size_t intervals = stats_.columns.empty() ? 0 : size_t(stats_.durationUs / std::max<int64_t>(stats_.intervalUs, 1)) + 1;
    for (size_t i = 0; i < intervals; ++i) {
        out += QString::number(double(i) * double(stats_.intervalUs) / 1e6, 'f', 6);
        for (const IoColumn& c : stats_.columns)
            out += QLatin1Char(',') + QString::number(valueOf(c, i), 'f', 0);
        out += QLatin1Char('\n');
    }
    return out;
}

bool IoGraphWindow::savePng(const QString& path) const { return chartView_->grab().save(path, "PNG"); }

void IoGraphWindow::chooseExport(bool png)
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export I/O Graph"), QString(),
                                                      png ? tr("PNG image (*.png)") : tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    bool ok = false;
    if (png) {
        ok = savePng(path);
    } else {
        QFile f(path);
        ok = f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(asCsv().toUtf8()) >= 0 && f.flush();
    }
    status_->setText(ok ? tr("Saved %1").arg(path) : tr("Could not save %1").arg(path));
}

void IoGraphWindow::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange) {
        retranslate();
        redraw();
    }
    QWidget::changeEvent(e);
}

void IoGraphWindow::retranslate()
{
    setWindowTitle(tr("I/O Graph"));
    const QString intervals[] = {tr("1 ms"), tr("10 ms"), tr("100 ms"), tr("1 s"), tr("10 s"), tr("1 min"), tr("10 min")};
    for (int i = 0; i < interval_->count(); ++i)
        interval_->setItemText(i, intervals[i]);
    interval_->setAccessibleName(tr("Interval"));
    const QString units[] = {tr("Packets"), tr("Bytes"), tr("Bits")};
    for (int i = 0; i < 3; ++i)
        unit_->setItemText(i, units[i]);
    unit_->setAccessibleName(tr("Unit"));
    series_->setHorizontalHeaderLabels({tr("Display filter of each series (empty: all packets)")});
    series_->setAccessibleName(tr("Series"));
    add_->setText(tr("Add Series"));
    remove_->setText(tr("Remove Series"));
    apply_->setText(tr("Apply"));
    exportPng_->setText(tr("Export PNG…"));
    exportCsv_->setText(tr("Export CSV…"));
    for (QWidget* w : std::initializer_list<QWidget*>{add_, remove_, apply_, exportPng_, exportCsv_})
        w->setAccessibleName(static_cast<QPushButton*>(w)->text());
    chartView_->setAccessibleName(tr("I/O Graph"));
    status_->setAccessibleName(tr("Status"));
}
