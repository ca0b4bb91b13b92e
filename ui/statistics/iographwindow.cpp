#include "statistics/iographwindow.h"

#include "graphs/seriesdecimator.h"

#include "analysis/analysedcapture.h"
#include "support/anonymity.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPushButton>
#include <QScatterSeries>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

using namespace synflow;

namespace {

// The offered intervals, 1 ms to 10 min.
constexpr int64_t kIntervalsUs[] = {1000, 10000, 100000, 1000000, 10000000, 60000000, 600000000};
// New series take these in turn: distinct on light and dark backgrounds.
constexpr QRgb kColours[] = {0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd, 0x8c564b, 0xe377c2, 0x17becf};
enum TableColumn { FilterColumn, YColumn, FieldColumn, StyleColumn, ColourColumn, TableColumns };

using YAxis = IoGraphWindow::YAxis;
bool usesField(YAxis y) { return y != YAxis::Packets && y != YAxis::Bytes && y != YAxis::Bits; }

} // namespace

IoGraphWindow::IoGraphWindow(QWidget* parent) : StatisticsWindow(QStringLiteral("ioGraphWindow"), parent)
{
    chart_ = new QChart;
    chart_->legend()->setAlignment(Qt::AlignBottom);
    chartView_ = new QChartView(chart_, this);
    decimator_ = new SeriesDecimator(chart_, this);
    chartView_->setObjectName(QStringLiteral("ioGraphChart"));
    chartView_->setRenderHint(QPainter::Antialiasing);
    chartView_->setRubberBand(QChartView::HorizontalRubberBand);

    table_ = new QTableWidget(0, TableColumns, this);
    table_->setObjectName(QStringLiteral("ioGraphSeries"));
    table_->horizontalHeader()->setSectionResizeMode(FilterColumn, QHeaderView::Stretch);
    table_->verticalHeader()->hide();
    table_->setMaximumHeight(140);
    connect(table_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (item->column() == FilterColumn && item->row() < series_.size())
            series_[item->row()].filter = item->text().trimmed(); // counted on Apply, as a field is
    });
    interval_ = new QComboBox(this);
    interval_->setObjectName(QStringLiteral("ioGraphInterval"));
    for (int64_t us : kIntervalsUs)
        interval_->addItem(QString(), qlonglong(us));
    interval_->setCurrentIndex(3); // 1 s, as Wireshark opens
    log_ = new QCheckBox(this);
    log_->setObjectName(QStringLiteral("ioGraphLogScale"));
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

    connect(interval_, &QComboBox::currentIndexChanged, this, &IoGraphWindow::recount);
    connect(log_, &QCheckBox::toggled, this, &IoGraphWindow::redraw);
    connect(add_, &QPushButton::clicked, this, [this] {
        Series tcp;
        tcp.filter = QStringLiteral("tcp");
        series_.append(tcp);
        rebuildTable();
        seriesEdited();
    });
    connect(remove_, &QPushButton::clicked, this, [this] {
        if (series_.size() > 1) {
            series_.removeAt(table_->currentRow() >= 0 ? table_->currentRow() : series_.size() - 1);
            rebuildTable();
            seriesEdited();
        }
    });
    connect(apply_, &QPushButton::clicked, this, &IoGraphWindow::recount);
    connect(exportPng_, &QPushButton::clicked, this, [this] { chooseExport(true); });
    connect(exportCsv_, &QPushButton::clicked, this, [this] { chooseExport(false); });

    auto* controls = new QHBoxLayout;
    controls->addWidget(interval_);
    controls->addWidget(log_);
    controls->addWidget(add_);
    controls->addWidget(remove_);
    controls->addWidget(apply_);
    controls->addWidget(statusArea(QStringLiteral("ioGraphStatus")), 1);
    controls->addWidget(exportPng_);
    controls->addWidget(exportCsv_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(chartView_, 1);
    layout->addWidget(table_);
    layout->addLayout(controls);
    series_.append(Series{}); // all packets, as Wireshark's first graph
    rebuildTable();
    resize(1000, 600);
    retranslate();
}

void IoGraphWindow::setSeries(const QList<Series>& series)
{
    series_ = series;
    rebuildTable();
    recount();
}

void IoGraphWindow::setSeriesFilters(const QStringList& filters)
{
    QList<Series> list;
    for (const QString& f : filters) {
        list.append(Series());
        list.last().filter = f;
    }
    setSeries(list);
}

QStringList IoGraphWindow::seriesFilters() const
{
    QStringList out;
    for (const Series& s : series_)
        out << s.filter;
    return out;
}

void IoGraphWindow::setIntervalUs(int64_t us)
{
    const int at = interval_->findData(qlonglong(us));
    if (at >= 0)
        interval_->setCurrentIndex(at);
}

void IoGraphWindow::setUnit(Unit unit)
{
    for (Series& s : series_)
        s.y = YAxis(int(unit));
    rebuildTable();
    seriesEdited();
}

void IoGraphWindow::setLogScale(bool on) { log_->setChecked(on); }

bool IoGraphWindow::logScale() const { return log_->isChecked(); }

void IoGraphWindow::rebuildTable()
{
    // Default colours are fixed once, so a series keeps its colour as others come and go.
    for (int s = 0; s < series_.size(); ++s)
        if (!series_[s].colour.isValid())
            series_[s].colour = QColor(kColours[s % std::size(kColours)]);
    const QSignalBlocker block(table_);
    table_->setRowCount(0);
    table_->setRowCount(int(series_.size()));
    for (int r = 0; r < series_.size(); ++r) {
        const Series& s = series_[r];
        table_->setItem(r, FilterColumn, new QTableWidgetItem(s.filter));

        auto* y = new QComboBox;
        y->setObjectName(QStringLiteral("ioGraphYAxis_%1").arg(r));
        for (int k = 0; k <= int(YAxis::Avg); ++k)
            y->addItem(QString(), k);
        y->setCurrentIndex(int(s.y));
        connect(y, &QComboBox::currentIndexChanged, this, [this, r](int k) {
            series_[r].y = YAxis(k);
            seriesEdited();
        });
        table_->setCellWidget(r, YColumn, y);

        auto* field = new QLineEdit(s.field);
        field->setObjectName(QStringLiteral("ioGraphField_%1").arg(r));
        connect(field, &QLineEdit::editingFinished, this, [this, r, field] {
            if (series_[r].field == field->text().trimmed())
                return;
            series_[r].field = field->text().trimmed();
            seriesEdited();
        });
        table_->setCellWidget(r, FieldColumn, field);

        auto* style = new QComboBox;
        style->setObjectName(QStringLiteral("ioGraphStyle_%1").arg(r));
        for (int k = 0; k < 3; ++k)
            style->addItem(QString(), k);
        style->setCurrentIndex(int(s.style));
        connect(style, &QComboBox::currentIndexChanged, this, [this, r](int k) {
            series_[r].style = Style(k);
            redraw();
        });
        table_->setCellWidget(r, StyleColumn, style);

        auto* colour = new QPushButton;
        colour->setObjectName(QStringLiteral("ioGraphColour_%1").arg(r));
        colour->setStyleSheet(QStringLiteral("background-color: %1").arg(s.colour.name()));
        connect(colour, &QPushButton::clicked, this, [this, r, colour] {
            const QColor c = QColorDialog::getColor(series_[r].colour, this, tr("Series Colour"));
            if (!c.isValid())
                return;
            series_[r].colour = c;
            colour->setStyleSheet(QStringLiteral("background-color: %1").arg(c.name()));
            redraw();
        });
        table_->setCellWidget(r, ColourColumn, colour);
    }
    retranslate();
}

std::vector<std::string> IoGraphWindow::columnTexts() const
{
    // Packets, bytes and bits come from the same count; a field function asks the core for the
    // field's figures (COUNT takes a field of any type, the others an integer or a time).
    std::vector<std::string> out;
    for (const Series& series : series_) {
        Series s = series;
        s.filter = Anonymity::instance().real(s.filter, capture()); // written in the names shown, as every filter
        if (!usesField(s.y) || s.field.isEmpty())
            out.push_back(s.filter.toStdString());
        else
            out.push_back(QStringLiteral("%1(%2)%3")
                              .arg(s.y == YAxis::CountFrames || s.y == YAxis::CountFields ? QStringLiteral("COUNT") : QStringLiteral("SUM"),
                                   s.field, s.filter)
                              .toStdString());
    }
    return out;
}

void IoGraphWindow::seriesEdited()
{
    if (columnTexts() != countedColumns_)
        recount();
    else
        redraw();
}

void IoGraphWindow::recount()
{
    decimator_->clear();
    chart_->removeAllSeries();
    if (!canCount())
        return;
    const std::vector<std::string> columns = columnTexts();
    for (size_t s = 0; s < columns.size(); ++s)
        if (usesField(series_[int(s)].y) && series_[int(s)].field.isEmpty()) {
            status()->setText(tr("Series %1 needs a field for its Y axis").arg(s + 1));
            return;
        }
    const int64_t us = interval_->currentData().toLongLong();
    startCount<IoStatistics>(
        [columns, us](const AnalysedCapture& capture, const std::vector<uint8_t>*, synflow::WorkControl* control) {
            IoStatistics stats;
            std::string error;
            IoOptions options;
            options.skipFramesInThePast = false; // the graph counts every packet in its own interval
            if (!computeIoStatistics(capture, us, 0, columns, stats, error, options, control)) {
                stats = IoStatistics{}; // a filter or a field is not valid: say which
                stats.intervalUs = -1;
                stats.columns.emplace_back().filter = error;
            }
            return stats;
        },
        [this, columns](std::shared_ptr<const IoStatistics> stats) {
            if (stats->intervalUs < 0) {
                status()->setText(tr("Not valid: %1").arg(QString::fromStdString(stats->columns.front().filter)));
                return;
            }
            stats_ = *stats;
            countedColumns_ = columns;
            status()->clear();
            redraw();
            emit counted();
        });
}

double IoGraphWindow::value(int series, size_t i) const
{
    if (series < 0 || size_t(series) >= stats_.columns.size() || series >= series_.size())
        return 0;
    const IoColumn& c = stats_.columns[size_t(series)];
    const auto at = [i](const auto& v) { return i < v.size() ? v[i] : 0; };
    const double unit = c.spec.fieldType == FieldType::RelTime ? 1e-9 : 1.0; // times in seconds
    const uint64_t count = at(c.count);
    switch (series_[series].y) {
    case YAxis::Packets: return double(at(c.frames));
    case YAxis::Bytes: return double(at(c.bytes));
    case YAxis::Bits: return double(at(c.bytes)) * 8.0;
    case YAxis::Sum: return double(at(c.sum)) * unit;
    case YAxis::CountFrames: return double(at(c.fieldFrames));
    case YAxis::CountFields: return double(count);
    case YAxis::Max: return count ? double(at(c.max)) * unit : 0;
    case YAxis::Min: return count ? double(at(c.min)) * unit : 0;
    case YAxis::Avg: return count ? double(at(c.sum)) / double(count) * unit : 0;
    }
    return 0;
}

QString IoGraphWindow::seriesName(int s) const
{
    const Series& sr = series_.value(s);
    const QString filter = sr.filter.isEmpty() ? tr("All packets") : sr.filter;
    if (!usesField(sr.y))
        return filter;
    const QString functions[] = {QString(), QString(), QString(), tr("SUM"), tr("COUNT FRAMES"), tr("COUNT FIELDS"),
                                 tr("MAX"), tr("MIN"), tr("AVG")};
    return QStringLiteral("%1(%2) · %3").arg(functions[int(sr.y)], sr.field, filter);
}

QXYSeries* IoGraphWindow::addSeries(int s, QAbstractAxis* x, QAbstractAxis* y, double step, size_t intervals)
{
    const bool log = log_->isChecked();
    const Series& spec = series_[s];
    QList<QPointF> points;
    points.reserve(qsizetype(spec.style == Style::Bars ? 2 * intervals : intervals));
    const double floor = log ? static_cast<QLogValueAxis*>(y)->min() : 0.0;
    for (size_t i = 0; i < intervals; ++i) {
        const double v = value(s, i);
        if (spec.style == Style::Bars) { // a flat top over the whole interval, down to the axis when empty
            const double top = log && v <= 0 ? floor : v;
            points << QPointF(double(i) * step, top) << QPointF(double(i + 1) * step, top);
        } else if (!log || v > 0) { // a logarithmic axis has no place for 0
            points << QPointF(double(i) * step, v);
        }
    }
    QXYSeries* xy = nullptr;
    QAbstractSeries* shown = nullptr;
    if (spec.style == Style::Dots) {
        auto* dots = new QScatterSeries;
        dots->setMarkerSize(7);
        dots->setBorderColor(spec.colour);
        xy = dots;
        shown = dots;
    } else if (spec.style == Style::Bars) {
        auto* upper = new QLineSeries;
        auto* area = new QAreaSeries(upper);
        auto* lower = new QLineSeries;
        lower->append(0, floor);
        lower->append(double(intervals) * step, floor);
        area->setLowerSeries(lower);
        QColor fill = spec.colour;
        fill.setAlpha(150);
        area->setBrush(fill);
        area->setPen(QPen(spec.colour, 1));
        connect(area, &QAreaSeries::clicked, this, [this, s, step](const QPointF& p) { activatePoint(s, int(p.x() / step)); });
        xy = upper;
        shown = area;
    } else {
        auto* line = new QLineSeries;
        line->setPointsVisible(true);
        line->setPen(QPen(spec.colour, 2));
        xy = line;
        shown = line;
    }
    xy->setColor(spec.colour);
    decimator_->setPoints(xy, points, shown);
    shown->setName(seriesName(s));
    chart_->addSeries(shown);
    shown->attachAxis(x);
    shown->attachAxis(y);
    if (shown == xy)
        connect(xy, &QXYSeries::clicked, this, [this, s, step](const QPointF& p) { activatePoint(s, int(std::llround(p.x() / step))); });
    return xy;
}

void IoGraphWindow::redraw()
{
    decimator_->clear();
    chart_->removeAllSeries();
    for (QAbstractAxis* a : chart_->axes())
        chart_->removeAxis(a);
    if (stats_.columns.empty() || stats_.columns.size() != size_t(series_.size()))
        return;
    const double step = double(stats_.intervalUs) / 1e6;
    const size_t intervals = size_t(stats_.durationUs / std::max<int64_t>(stats_.intervalUs, 1)) + 1;
    auto* x = new QValueAxis;
    x->setObjectName(QStringLiteral("ioGraphTimeAxis"));
    x->setTitleText(tr("Time (s)"));
    x->setRange(0, double(intervals) * step);
    double top = 0, least = 0;
    for (int s = 0; s < series_.size(); ++s)
        for (size_t i = 0; i < intervals; ++i) {
            const double v = value(s, i);
            top = std::max(top, v);
            if (v > 0)
                least = least > 0 ? std::min(least, v) : v;
        }
    QAbstractAxis* y;
    if (log_->isChecked()) {
        auto* axis = new QLogValueAxis;
        axis->setBase(10);
        axis->setLabelFormat(QStringLiteral("%g"));
        // Whole decades around what is drawn (nothing positive: one decade at 1).
        const double low = least > 0 ? std::pow(10.0, std::floor(std::log10(least))) : 1.0;
        const double high = top > 0 ? std::pow(10.0, std::ceil(std::log10(top * 1.05))) : 10.0;
        axis->setRange(low, std::max(high, low * 10));
        y = axis;
    } else {
        auto* axis = new QValueAxis;
        axis->setRange(0, std::max(top, 1e-9) * 1.05);
        y = axis;
    }
    y->setObjectName(QStringLiteral("ioGraphValueAxis"));
    // One kind of value on show names the axis; several leave it to the legend.
    const QString titles[] = {tr("Packets/interval"), tr("Bytes/interval"), tr("Bits/interval")};
    bool same = true;
    for (const Series& s : series_)
        same = same && s.y == series_.front().y;
    y->setTitleText(same && !usesField(series_.front().y) ? titles[int(series_.front().y)] : tr("Value"));
    chart_->addAxis(x, Qt::AlignBottom);
    chart_->addAxis(y, Qt::AlignLeft);
    // Bars first, so that lines and dots stay visible over them.
    for (int s = 0; s < series_.size(); ++s)
        if (series_[s].style == Style::Bars)
            addSeries(s, x, y, step, intervals);
    for (int s = 0; s < series_.size(); ++s)
        if (series_[s].style != Style::Bars)
            addSeries(s, x, y, step, intervals);
    if (auto* linear = qobject_cast<QValueAxis*>(y))
        linear->applyNiceNumbers();
    x->applyNiceNumbers();
    decimator_->refresh();
}

QList<QPointF> IoGraphWindow::plottedPoints(const QXYSeries* series) const
{
    const std::vector<QPointF>& all = decimator_->pointsOf(series);
    return all.empty() ? series->points() : QList<QPointF>(all.begin(), all.end());
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
    for (int s = 0; s < int(stats_.columns.size()); ++s)
        out += QStringLiteral(",\"%1\"").arg(QString(seriesName(s)).replace('"', "\"\""));
    out += QLatin1Char('\n');
    const size_t intervals = stats_.columns.empty() ? 0 : size_t(stats_.durationUs / std::max<int64_t>(stats_.intervalUs, 1)) + 1;
    for (size_t i = 0; i < intervals; ++i) {
        out += QString::number(double(i) * double(stats_.intervalUs) / 1e6, 'f', 6);
        for (int s = 0; s < int(stats_.columns.size()); ++s) {
            // Times to the nanosecond, averages to the micro-unit, counts whole.
            const bool fine = stats_.columns[size_t(s)].spec.fieldType == FieldType::RelTime || series_[s].y == YAxis::Avg;
            out += QLatin1Char(',') + QString::number(value(s, i), 'f', fine ? 9 : 0);
        }
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
    status()->setText(ok ? tr("Saved %1").arg(path) : tr("Could not save %1").arg(path));
}

void IoGraphWindow::retranslate()
{
    setWindowTitle(tr("I/O Graph"));
    const QString intervals[] = {tr("1 ms"), tr("10 ms"), tr("100 ms"), tr("1 s"), tr("10 s"), tr("1 min"), tr("10 min")};
    for (int i = 0; i < interval_->count(); ++i)
        interval_->setItemText(i, intervals[i]);
    interval_->setAccessibleName(tr("Interval"));
    log_->setText(tr("Log scale"));
    log_->setAccessibleName(tr("Logarithmic value axis"));
    table_->setHorizontalHeaderLabels({tr("Display filter (empty: all packets)"), tr("Y axis"), tr("Y field"), tr("Style"), tr("Colour")});
    table_->setAccessibleName(tr("Series"));
    const QString yNames[] = {tr("Packets"), tr("Bytes"), tr("Bits"), tr("SUM(Y field)"), tr("COUNT FRAMES(Y field)"),
                              tr("COUNT FIELDS(Y field)"), tr("MAX(Y field)"), tr("MIN(Y field)"), tr("AVG(Y field)")};
    const QString styles[] = {tr("Line"), tr("Bars"), tr("Dots")};
    for (int r = 0; r < table_->rowCount(); ++r) {
        if (auto* y = qobject_cast<QComboBox*>(table_->cellWidget(r, YColumn))) {
            for (int k = 0; k < y->count(); ++k)
                y->setItemText(k, yNames[k]);
            y->setAccessibleName(tr("Y axis of series %1").arg(r + 1));
        }
        if (auto* f = qobject_cast<QLineEdit*>(table_->cellWidget(r, FieldColumn))) {
            f->setPlaceholderText(tr("e.g. tcp.analysis.ack_rtt"));
            f->setAccessibleName(tr("Y field of series %1").arg(r + 1));
        }
        if (auto* st = qobject_cast<QComboBox*>(table_->cellWidget(r, StyleColumn))) {
            for (int k = 0; k < st->count(); ++k)
                st->setItemText(k, styles[k]);
            st->setAccessibleName(tr("Style of series %1").arg(r + 1));
        }
        if (auto* c = qobject_cast<QPushButton*>(table_->cellWidget(r, ColourColumn)))
            c->setAccessibleName(tr("Colour of series %1").arg(r + 1));
    }
    add_->setText(tr("Add Series"));
    remove_->setText(tr("Remove Series"));
    apply_->setText(tr("Apply"));
    exportPng_->setText(tr("Export PNG…"));
    exportCsv_->setText(tr("Export CSV…"));
    for (QPushButton* b : {add_, remove_, apply_, exportPng_, exportCsv_})
        b->setAccessibleName(b->text());
    chartView_->setAccessibleName(tr("I/O Graph"));
    redraw(); // the axis titles and series names
}
