#include "graphs/tcpstreamgraphwindow.h"

#include "analysis/analysedcapture.h"
#include "graphs/graphview.h"
#include "graphs/segmentlayer.h"
#include "graphs/seriesdecimator.h"
#include "support/anonymity.h"
#include "support/theme.h"
#include "tcp/tcpanalysis.h"

#include <QBoxLayout>
#include <QBuffer>
#include <QChart>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScatterSeries>
#include <QSpinBox>
#include <QSvgGenerator>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <tuple>

using namespace synflow;

namespace {

// Okabe–Ito colours: told apart with any colour vision, on light and dark backgrounds.
const QColor kBlue(0x00, 0x72, 0xB2), kVermillion(0xD5, 0x5E, 0x00), kGreen(0x00, 0x9E, 0x73), kOrange(0xE6, 0x9F, 0x00),
    kPurple(0xCC, 0x79, 0xA7), kSky(0x56, 0xB4, 0xE9), kYellow(0xF0, 0xE4, 0x42);
const QColor kCompared[] = {kSky, kOrange, kPurple, kGreen, kYellow};

QColor foreground() { return isDarkThemeApplied() ? QColor(0xee, 0xee, 0xee) : QColor(0x20, 0x20, 0x20); }

QScatterSeries* scatter(const QString& name, const QColor& colour, qreal size,
                        QScatterSeries::MarkerShape shape = QScatterSeries::MarkerShapeCircle)
{
    auto* s = new QScatterSeries;
    s->setName(name);
    s->setColor(colour);
    s->setBorderColor(colour);
    s->setMarkerSize(size);
    s->setMarkerShape(shape);
    return s;
}

QLineSeries* line(const QString& name, const QColor& colour, qreal width = 1.5, Qt::PenStyle style = Qt::SolidLine)
{
    auto* s = new QLineSeries;
    s->setName(name);
    s->setPen(QPen(colour, width, style));
    return s;
}

using Points = std::vector<QPointF>;

// Steps: the value holds until the next point (an ACK or window stays what it was until changed).
void appendStep(Points& points, double x, double y)
{
    if (!points.empty())
        points.emplace_back(x, points.back().y());
    points.emplace_back(x, y);
}

QString csvNumber(double v) { return QString::number(v, 'f', 9); }

// An ACK before any data of this direction acknowledges nothing of it: tcptrace leaves it out.
bool ackBeforeData(const TcpStreamGraphData& g, const TcpGraphAck& a)
{
    return !g.segments.empty() && a.time < g.segments.front().time && a.ack == 0;
}

// tcptrace's ACK and receive-window lines: their corners (SeriesDecimator::setSteps draws the
// steps), read from the ACK records themselves when the ACKs left out are all at the start (as
// they are: before the data); else copied out as points.
struct AckCorners {
    std::shared_ptr<const TcpStreamGraphData> g;
    size_t first = 0; // the ACKs left out before
    static const TcpGraphAck& at(const void* o, size_t i)
    {
        const auto* c = static_cast<const AckCorners*>(o);
        return c->g->acks[c->first + i];
    }
};
std::pair<SeriesDecimator::CornerSource, SeriesDecimator::CornerSource> makeSteps(std::shared_ptr<const TcpStreamGraphData> g)
{
    size_t first = 0, later = 0;
    while (first < g->acks.size() && ackBeforeData(*g, g->acks[first]))
        ++first;
    for (size_t i = first; i < g->acks.size(); ++i)
        later += ackBeforeData(*g, g->acks[i]);
    using Source = SeriesDecimator::CornerSource;
    if (later == 0) {
        auto owner = std::make_shared<const AckCorners>(AckCorners{std::move(g), first});
        const size_t count = owner->g->acks.size() - first;
        return {Source{owner, count, [](const void* o, size_t i) {
                           const TcpGraphAck& a = AckCorners::at(o, i);
                           return QPointF(a.time, a.ack);
                       }},
                Source{owner, count, [](const void* o, size_t i) {
                           const TcpGraphAck& a = AckCorners::at(o, i);
                           return QPointF(a.time, double(a.windowEdge()));
                       }}};
    }
    auto ack = std::make_shared<std::vector<QPointF>>(), window = std::make_shared<std::vector<QPointF>>();
    ack->reserve(g->acks.size());
    window->reserve(g->acks.size());
    for (const TcpGraphAck& a : g->acks) {
        if (ackBeforeData(*g, a))
            continue;
        ack->emplace_back(a.time, a.ack);
        window->emplace_back(a.time, double(a.windowEdge()));
    }
    const auto read = [](const void* o, size_t i) { return (*static_cast<const std::vector<QPointF>*>(o))[i]; };
    const size_t count = ack->size();
    return {Source{std::move(ack), count, read}, Source{std::move(window), count, read}};
}

} // namespace

struct TcpStreamGraphWindow::Built {
    std::shared_ptr<const TcpStreamGraphData> main; // (shared with tcptrace's bars, which read its segments)
    std::vector<TcpStreamGraphData> compared;
    // tcptrace's, made along (when that graph was asked for).
    std::shared_ptr<const SegmentLayer::BarSet> bars;
    SeriesDecimator::CornerSource ackSteps, windowSteps;
};

TcpStreamGraphWindow::TcpStreamGraphWindow(std::shared_ptr<const AnalysedCapture> capture, uint32_t stream, int dir,
                                           Kind kind, QWidget* parent)
    : QWidget(parent, Qt::Window), capture_(std::move(capture)), job_(this)
{
    setObjectName(QStringLiteral("tcpStreamGraphWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    direction_ = dir ? 1 : 0;

    kind_ = new QComboBox;
    kind_->setObjectName(QStringLiteral("graphType"));
    for (int i = 0; i < 5; ++i)
        kind_->addItem(QString(), i);
    kind_->setCurrentIndex(kind);
    stream_ = new QSpinBox;
    stream_->setObjectName(QStringLiteral("graphStream"));
    const TcpTracker* tracker = capture_ ? capture_->tracker() : nullptr;
    const int streams = tracker ? int(tracker->conversationCount()) : 0;
    stream_->setRange(0, std::max(0, streams - 1));
    stream_->setValue(int(stream));
    directionButton_ = new QPushButton;
    directionButton_->setObjectName(QStringLiteral("graphDirection"));
    average_ = new QDoubleSpinBox;
    average_->setObjectName(QStringLiteral("graphAverageWindow"));
    average_->setRange(0.001, 600);
    average_->setDecimals(3);
    average_->setValue(1.0);
    average_->setSuffix(QStringLiteral(" s"));
    averageLabel_ = new QLabel;
    averageLabel_->setBuddy(average_);
    rttAxis_ = new QComboBox;
    rttAxis_->setObjectName(QStringLiteral("graphRttAxis"));
    rttAxis_->addItem(QString());
    rttAxis_->addItem(QString());
    rttAxisLabel_ = new QLabel;
    rttAxisLabel_->setBuddy(rttAxis_);
    compare_ = new QLineEdit;
    compare_->setObjectName(QStringLiteral("graphCompare"));
    compareLabel_ = new QLabel;
    compareLabel_->setBuddy(compare_);
    reset_ = new QPushButton;
    reset_->setObjectName(QStringLiteral("graphResetZoom"));
    export_ = new QPushButton;
    export_->setObjectName(QStringLiteral("graphExport"));
    title_ = new QLabel;
    title_->setObjectName(QStringLiteral("graphTitle"));
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    pointer_ = new QLabel;
    pointer_->setObjectName(QStringLiteral("graphPointer"));
    view_ = new GraphView;
    view_->setObjectName(QStringLiteral("graphView"));
    view_->setChart(new QChart);
    decimator_ = new SeriesDecimator(view_->chart(), this);
    view_->setMinimumSize(480, 320);
    view_->pickFrame = [this](const QPointF& pos) { return pickFrame(pos); };
    view_->describe = [this](const QPointF& v) { return describe(v); };

    auto* controls = new QHBoxLayout;
    controls->addWidget(kind_);
    controls->addWidget(stream_);
    controls->addWidget(directionButton_);
    controls->addWidget(averageLabel_);
    controls->addWidget(average_);
    controls->addWidget(rttAxisLabel_);
    controls->addWidget(rttAxis_);
    controls->addWidget(compareLabel_);
    controls->addWidget(compare_, 1);
    controls->addWidget(reset_);
    controls->addWidget(export_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(title_);
    layout->addWidget(view_, 1);
    layout->addWidget(pointer_);

    connect(kind_, &QComboBox::currentIndexChanged, this, [this] { plot(); });
    connect(stream_, &QSpinBox::valueChanged, this, [this] { rebuild(); });
    connect(directionButton_, &QPushButton::clicked, this, [this] {
        direction_ = 1 - direction_;
        rebuild();
    });
    connect(average_, &QDoubleSpinBox::valueChanged, this, [this] { plot(); });
    connect(rttAxis_, &QComboBox::currentIndexChanged, this, [this] { plot(); });
    connect(compare_, &QLineEdit::editingFinished, this, [this] {
        std::vector<uint32_t> streams;
        for (const QString& part : compare_->text().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
            bool ok = false;
            const uint n = part.toUInt(&ok);
            if (ok && int(n) <= stream_->maximum())
                streams.push_back(n);
        }
        if (streams != compared_)
            setCompared(streams);
    });
    connect(reset_, &QPushButton::clicked, view_, &GraphView::resetZoom);
    connect(export_, &QPushButton::clicked, this, &TcpStreamGraphWindow::chooseExport);
    connect(view_, &GraphView::frameClicked, this, &TcpStreamGraphWindow::packetSelected);
    connect(view_, &GraphView::pointerMoved, pointer_, &QLabel::setText);
    connect(chart(), &QChart::plotAreaChanged, this, [this] {
        if (layer_)
            layer_->update();
    });

    connect(&Anonymity::instance(), &Anonymity::changed, this, [this] { plot(); }); // the title's ends in the other names

    retranslate();
    resize(960, 640);
    rebuild();
}

TcpStreamGraphWindow::~TcpStreamGraphWindow() = default;

TcpStreamGraphWindow::Kind TcpStreamGraphWindow::kind() const { return Kind(kind_->currentIndex()); }

void TcpStreamGraphWindow::setKind(Kind kind) { kind_->setCurrentIndex(kind); }

void TcpStreamGraphWindow::setStream(uint32_t stream, int dir)
{
    direction_ = dir ? 1 : 0;
    const QSignalBlocker block(stream_);
    stream_->setValue(int(stream));
    rebuild();
}

void TcpStreamGraphWindow::setCompared(const std::vector<uint32_t>& streams)
{
    compared_ = streams;
    QStringList text;
    for (uint32_t s : streams)
        text << QString::number(s);
    compare_->setText(text.join(QStringLiteral(", ")));
    rebuild();
}

const TcpStreamGraphData& TcpStreamGraphWindow::data() const
{
    static const TcpStreamGraphData none;
    return built_ ? *built_->main : none;
}

QChart* TcpStreamGraphWindow::chart() const { return view_->chart(); }

QList<QPointF> TcpStreamGraphWindow::plottedPoints(const QXYSeries* series) const
{
    const std::vector<QPointF> all = decimator_->drawnPointsOf(series);
    return all.empty() ? series->points() : QList<QPointF>(all.begin(), all.end());
}

void TcpStreamGraphWindow::rebuild()
{
    const auto capture = capture_;
    const uint32_t stream = uint32_t(stream_->value());
    const int dir = direction_;
    const std::vector<uint32_t> compared = compared_;
    const bool tcptrace = kind() == Tcptrace;
    // `sample`: about that many frames of the main stream (0: all of them).
    const auto work = [capture, stream, dir, compared, tcptrace](size_t sample) {
        return [=](QPromise<std::shared_ptr<const Built>>& promise) {
            auto b = std::make_shared<Built>();
            b->main = std::make_shared<const TcpStreamGraphData>(sample ? sampleTcpStreamGraph(*capture, stream, dir, sample)
                                                                        : buildTcpStreamGraph(*capture, stream, dir));
            if (tcptrace) { // (their memory is first touched here, not on the window's thread)
                b->bars = SegmentLayer::makeBars(b->main);
                std::tie(b->ackSteps, b->windowSteps) = makeSteps(b->main);
            }
            for (uint32_t s : sample ? std::vector<uint32_t>() : compared) {
                if (promise.isCanceled())
                    return;
                b->compared.push_back(buildTcpStreamGraph(*capture, s, dir));
            }
            promise.addResult(std::shared_ptr<const Built>(std::move(b)));
        };
    };
    const auto show = [this](std::shared_ptr<const Built> b) {
        built_ = std::move(b);
        bars_ = built_->bars;
        ackSteps_ = built_->ackSteps;
        windowSteps_ = built_->windowSteps;
        plot();
        emit built();
    };
    // A live capture's analysis is read on this thread only.
    const bool here = capture_->following();
    const TcpTracker* tracker = capture_->tracker();
    size_t frames = 0;
    if (tracker && stream < tracker->conversationCount()) {
        const TcpConversation c = tracker->conversation(stream);
        frames = size_t(c.frames[0]) + c.frames[1];
    }
    if (here || frames <= previewAbove_) {
        job_.startOrRunHere(here, work(0), show);
        return;
    }
    // A long stream is drawn first from a sample of it, then whole: the first look comes in a
    // fraction of the time reading every segment takes.
    job_.start(work(previewFrames_), [this, whole = work(0), show](std::shared_ptr<const Built> first) {
        job_.start(whole, show); // first, so isBuilding() holds while the sample is shown
        show(std::move(first));
    });
}

void TcpStreamGraphWindow::plot()
{
    QChart* c = chart();
    delete layer_;
    layer_ = nullptr;
    anchor_ = nullptr;
    pickable_.clear();
    pickRuns_.clear();
    pickSegments_ = nullptr;
    pickAcks_ = nullptr;
    decimator_->clear();
    c->removeAllSeries();
    for (QAbstractAxis* a : c->axes())
        c->removeAxis(a), delete a;
    c->setTheme(isDarkThemeApplied() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->legend()->setShowToolTips(true);

    const Kind k = kind();
    averageLabel_->setVisible(k == Throughput);
    average_->setVisible(k == Throughput);
    rttAxisLabel_->setVisible(k == RoundTrip);
    rttAxis_->setVisible(k == RoundTrip);
    if (!built_ || !built_->main->valid) {
        title_->setText(tr("No TCP stream %1 in this capture").arg(stream_->value()));
        return;
    }
    const TcpStreamGraphData& g = *built_->main;
    const QString ends = Anonymity::instance().shown(QString::fromStdString(tcpGraphTitle(g)), capture_);
    QString title = tr("Stream %1: %2 (%n segment(s))", nullptr, int(g.segments.size()))
                        .arg(g.stream)
                        .arg(ends);
    if (g.hasInitialRtt)
        title += QStringLiteral(" · ") + tr("iRTT %1 ms").arg(g.initialRttMs, 0, 'f', 3);
    if (g.sampled())
        title += QStringLiteral(" · ") + tr("first look: %1 of %2 packets, reading the rest…").arg(g.framesRead).arg(g.streamFrames);
    title_->setText(title);
    setWindowTitle(kind_->currentText() + QStringLiteral(" — ") + ends);

    switch (k) {
    case Stevens: plotTimeSequence(false); break;
    case Tcptrace: plotTimeSequence(true); break;
    case Throughput: plotThroughput(); break;
    case RoundTrip: plotRoundTrip(); break;
    case WindowScaling: plotWindow(); break;
    }
    plotCompared();
    // Every series on the same two axes (made by the plot functions), then an empty plot still
    // gets a sensible frame.
    for (QAbstractSeries* s : c->series())
        for (QAbstractAxis* a : c->axes())
            s->attachAxis(a);
    sortPickable();
    decimator_->refresh();
    for (QLegendMarker* m : c->legend()->markers())
        m->setLabelBrush(foreground());
    if (layer_) {
        if (!bars_)
            bars_ = SegmentLayer::makeBars(built_->main);
        layer_->setBars(bars_, {kBlue, kVermillion, kPurple, kOrange});
        for (QAbstractAxis* a : c->axes())
            if (auto* v = qobject_cast<QValueAxis*>(a))
                connect(v, &QValueAxis::rangeChanged, this, [this] { if (layer_) layer_->update(); });
    }
}

namespace {

// Axes that fit the points given (with a little margin), or a unit square when there are none.
// Counts (sequence numbers, bytes, bits) are whole: their axis never shows fractions.
void addAxes(QChart* c, const QString& xTitle, const QString& yTitle, double x0, double x1, double y0, double y1,
             bool wholeY = true)
{
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    x->setTitleText(xTitle);
    y->setTitleText(yTitle);
    if (!(x1 > x0)) {
        x0 -= 0.5;
        x1 += 0.5;
    }
    if (wholeY && y1 - y0 < 10)
        y1 = y0 + 10;
    else if (!(y1 > y0))
        y1 = y0 + 1;
    const double mx = (x1 - x0) * 0.02, my = (y1 - y0) * 0.04;
    x->setRange(x0 >= 0 ? std::max(0.0, x0 - mx) : x0 - mx, x1 + mx);
    y->setRange(std::max(0.0, y0 - my), y1 + my);
    y->applyNiceNumbers(); // ticks on round values
    y->setLabelFormat(y->max() >= 1e7 ? QStringLiteral("%.4g") : wholeY ? QStringLiteral("%.0f") : QStringLiteral("%.3f"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
}

struct Bounds {
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    void add(double x, double y)
    {
        x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
    }
    bool empty() const { return x0 > x1; }
};

} // namespace

void TcpStreamGraphWindow::plotTimeSequence(bool tcptrace)
{
    QChart* c = chart();
    const TcpStreamGraphData& g = *built_->main;
    Bounds b;
    Points sent, retx, syn, fin, rst, full;
    const auto byTime = [](const auto& a, const auto& b) { return a.time < b.time; };
    if (std::is_sorted(g.segments.begin(), g.segments.end(), byTime))
        pickSegments_ = &g.segments;
    if (tcptrace && std::is_sorted(g.acks.begin(), g.acks.end(), byTime))
        pickAcks_ = &g.acks;
    if (!tcptrace)
        sent.reserve(g.segments.size());
    for (const TcpGraphSegment& s : g.segments) {
        b.add(s.time, s.seq);
        b.add(s.time, s.nextSeq());
        const QPointF p(s.time, s.seq);
        if (!pickSegments_)
            pickable_.push_back({p, s.frame});
        if (s.analysis & TcpAnyRetransmission)
            retx.push_back(p);
        else if (!tcptrace) // (tcptrace's segments are the layer's bars)
            sent.push_back(p);
        if (s.tcpFlags & 0x002)
            syn.push_back(p);
        if (s.tcpFlags & 0x001)
            fin.push_back(p);
        if (s.tcpFlags & 0x004)
            rst.push_back(p);
        if (s.analysis & TcpWindowFull)
            full.push_back(QPointF(s.time, s.nextSeq()));
    }
    if (!tcptrace) {
        QScatterSeries* seg = scatter(tr("Segments"), kBlue, 6);
        decimator_->setPoints(seg, std::move(sent));
        c->addSeries(seg);
        QScatterSeries* r = scatter(tr("Retransmissions"), kVermillion, 8, QScatterSeries::MarkerShapeRectangle);
        decimator_->setPoints(r, retx);
        c->addSeries(r);
        if (retx.empty())
            c->legend()->markers(r).value(0)->setVisible(false); // nothing of it to name
    } else {
        // The bars are drawn by the layer; these legend entries name them.
        auto* segs = line(tr("Segments"), kBlue, 1);
        c->addSeries(segs);
        anchor_ = segs;
        if (!retx.empty())
            c->addSeries(line(tr("Retransmitted segments"), kVermillion, 2));
        const bool sacks = !g.sacks.empty();
        bool lost = false;
        for (const TcpGraphSegment& s : g.segments)
            lost = lost || s.gapFrom != s.seq;
        if (sacks)
            c->addSeries(line(tr("SACK blocks"), kPurple, 2));
        if (lost)
            c->addSeries(line(tr("Lost (not captured) segments"), kOrange, 2, Qt::DashLine));

        Points zero, dup;
        for (const TcpGraphAck& a : g.acks) {
            if (ackBeforeData(g, a))
                continue;
            b.add(a.time, a.ack);
            b.add(a.time, double(a.windowEdge()));
            if (!pickAcks_)
                pickable_.push_back({QPointF(a.time, a.ack), a.frame});
            if (a.analysis & TcpZeroWindow)
                zero.push_back(QPointF(a.time, a.ack));
            if (a.analysis & TcpDuplicateAck)
                dup.push_back(QPointF(a.time, a.ack));
        }
        if (!ackSteps_.corner)
            std::tie(ackSteps_, windowSteps_) = makeSteps(built_->main);
        QLineSeries* ackLine = line(tr("ACK"), kGreen, 1.5);
        decimator_->setSteps(ackLine, ackSteps_);
        c->addSeries(ackLine);
        QLineSeries* win = line(tr("Receive window"), kSky, 1.5);
        decimator_->setSteps(win, windowSteps_);
        c->addSeries(win);
        if (!dup.empty()) {
            QScatterSeries* d = scatter(tr("Duplicate ACK"), kGreen, 9, QScatterSeries::MarkerShapeTriangle);
            decimator_->setPoints(d, std::move(dup));
            c->addSeries(d);
        }
        if (!zero.empty()) {
            QScatterSeries* z = scatter(tr("Zero window"), kVermillion, 11, QScatterSeries::MarkerShapeStar);
            decimator_->setPoints(z, std::move(zero));
            c->addSeries(z);
        }
        if (!full.empty()) {
            QScatterSeries* f = scatter(tr("Window full"), kYellow, 9, QScatterSeries::MarkerShapePentagon);
            decimator_->setPoints(f, std::move(full));
            c->addSeries(f);
        }
    }
    auto marks = [&](const QString& name, const QColor& colour, Points& points, QScatterSeries::MarkerShape shape) {
        if (points.empty())
            return;
        QScatterSeries* s = scatter(name, colour, 12, shape);
        s->setColor(Qt::transparent);
        s->setBorderColor(colour);
        decimator_->setPoints(s, std::move(points));
        c->addSeries(s);
    };
    marks(tr("SYN"), kGreen, syn, QScatterSeries::MarkerShapeRotatedRectangle);
    marks(tr("FIN"), kPurple, fin, QScatterSeries::MarkerShapeRotatedRectangle);
    marks(tr("RST"), kVermillion, rst, QScatterSeries::MarkerShapeRectangle);
    if (tcptrace)
        layer_ = new SegmentLayer(c, anchor_);
    if (b.empty())
        b.add(0, 0);
    addAxes(c, tr("Time (s)"), tr("Sequence number (relative)"), b.x0, b.x1, b.y0, b.y1);
}

void TcpStreamGraphWindow::plotThroughput()
{
    QChart* c = chart();
    const auto points = tcpThroughput(*built_->main, average_->value());
    Points through, good;
    Bounds b;
    for (const TcpThroughputPoint& p : points) {
        through.push_back(QPointF(p.time, p.throughputBps));
        good.push_back(QPointF(p.time, p.goodputBps));
        b.add(p.time, p.throughputBps);
        b.add(p.time, 0);
        pickable_.push_back({QPointF(p.time, p.throughputBps), p.frame});
    }
    QLineSeries* t = line(tr("Throughput (%1 s average)").arg(average_->value()), kBlue, 2);
    decimator_->setPoints(t, std::move(through));
    c->addSeries(t);
    QLineSeries* g = line(tr("Goodput (without retransmissions)"), kGreen, 1.5, Qt::DashLine);
    decimator_->setPoints(g, std::move(good));
    c->addSeries(g);
    if (b.empty())
        b.add(0, 0);
    addAxes(c, tr("Time (s)"), tr("Bits per second"), b.x0, b.x1, b.y0, b.y1);
}

void TcpStreamGraphWindow::plotRoundTrip()
{
    QChart* c = chart();
    const TcpStreamGraphData& g = *built_->main;
    const bool bySeq = rttAxis_->currentIndex() == 1;
    Points rtt;
    Bounds b;
    for (const TcpGraphRtt& r : g.rtts) {
        const QPointF p(bySeq ? double(r.seq) : r.time, r.rttMs);
        rtt.push_back(p);
        b.add(p.x(), p.y());
        b.add(p.x(), 0);
        pickable_.push_back({p, r.frame});
    }
    QScatterSeries* s = scatter(tr("Round-trip time"), kBlue, 6);
    decimator_->setPoints(s, std::move(rtt));
    c->addSeries(s);
    if (g.hasInitialRtt && !b.empty()) {
        QLineSeries* i = line(tr("iRTT %1 ms").arg(g.initialRttMs, 0, 'f', 3), kVermillion, 1.5, Qt::DashLine);
        i->append(b.x0, g.initialRttMs);
        i->append(b.x1, g.initialRttMs);
        b.add(b.x0, g.initialRttMs);
        c->addSeries(i);
    }
    if (b.empty())
        b.add(0, 0);
    addAxes(c, bySeq ? tr("Sequence number (relative)") : tr("Time (s)"), tr("Round-trip time (ms)"), b.x0, b.x1, b.y0,
            b.y1, false);
}

void TcpStreamGraphWindow::plotWindow()
{
    QChart* c = chart();
    const TcpStreamGraphData& g = *built_->main;
    Points window, flight;
    Bounds b;
    for (const TcpGraphAck& a : g.acks) {
        if (a.tcpFlags & 0x002)
            continue; // a SYN's window is never scaled: not the receive window of the connection
        appendStep(window, a.time, double(a.window));
        b.add(a.time, double(a.window));
        b.add(a.time, 0);
        pickable_.push_back({QPointF(a.time, double(a.window)), a.frame});
    }
    for (const TcpGraphSegment& s : g.segments) {
        if (!s.bytesInFlight)
            continue;
        flight.push_back(QPointF(s.time, s.bytesInFlight));
        b.add(s.time, s.bytesInFlight);
        pickable_.push_back({QPointF(s.time, s.bytesInFlight), s.frame});
    }
    QLineSeries* w = line(tr("Receive window (calculated)"), kGreen, 2);
    decimator_->setPoints(w, std::move(window));
    c->addSeries(w);
    QScatterSeries* f = scatter(tr("Bytes in flight"), kBlue, 6);
    decimator_->setPoints(f, std::move(flight));
    c->addSeries(f);
    const int shift = g.receiverWindowScale;
    title_->setText(title_->text() + QStringLiteral(" · ")
                    + (shift >= 0   ? tr("receiver's window scale: ×%1 (shift %2)").arg(1 << shift).arg(shift)
                       : shift == -2 ? tr("no window scaling")
                                     : tr("window scaling unknown (handshake not captured)")));
    if (b.empty())
        b.add(0, 0);
    addAxes(c, tr("Time (s)"), tr("Bytes"), b.x0, b.x1, b.y0, b.y1);
}

void TcpStreamGraphWindow::plotCompared()
{
    QChart* c = chart();
    const Kind k = kind();
    size_t n = 0;
    for (const TcpStreamGraphData& g : built_->compared) {
        if (!g.valid)
            continue;
        const QColor colour = kCompared[n++ % std::size(kCompared)];
        const QString name = tr("Stream %1").arg(g.stream);
        Points points;
        if (k == Stevens || k == Tcptrace) {
            for (const TcpGraphSegment& s : g.segments) {
                points.push_back(QPointF(s.time, s.seq));
                pickable_.push_back({points.back(), s.frame});
            }
            QScatterSeries* s = scatter(name, colour, 5, QScatterSeries::MarkerShapeRectangle);
            decimator_->setPoints(s, std::move(points));
            c->addSeries(s);
            continue;
        }
        if (k == Throughput) {
            for (const TcpThroughputPoint& p : tcpThroughput(g, average_->value())) {
                points.push_back(QPointF(p.time, p.throughputBps));
                pickable_.push_back({points.back(), p.frame});
            }
        } else if (k == RoundTrip) {
            for (const TcpGraphRtt& r : g.rtts) {
                points.push_back(QPointF(rttAxis_->currentIndex() == 1 ? double(r.seq) : r.time, r.rttMs));
                pickable_.push_back({points.back(), r.frame});
            }
            QScatterSeries* s = scatter(name, colour, 6, QScatterSeries::MarkerShapeRectangle);
            decimator_->setPoints(s, std::move(points));
            c->addSeries(s);
            continue;
        } else {
            for (const TcpGraphAck& a : g.acks)
                if (!(a.tcpFlags & 0x002)) {
                    appendStep(points, a.time, double(a.window));
                    pickable_.push_back({points.back(), a.frame});
                }
        }
        QLineSeries* l = line(name, colour, 1.5);
        decimator_->setPoints(l, std::move(points));
        c->addSeries(l);
    }
    // The compared streams may reach beyond the main one's range: widen the axes to all.
    if (n == 0)
        return;
    auto* x = qobject_cast<QValueAxis*>(c->axes(Qt::Horizontal).value(0));
    auto* y = qobject_cast<QValueAxis*>(c->axes(Qt::Vertical).value(0));
    if (!x || !y)
        return;
    double x0 = x->min(), x1 = x->max(), y1 = y->max();
    for (QAbstractSeries* s : c->series())
        if (auto* xy = qobject_cast<QXYSeries*>(s)) {
            const std::vector<QPointF> all = decimator_->drawnPointsOf(xy); // a step line's steps lie within its corners' range
            for (const QPointF& p : all.empty() ? std::vector<QPointF>(xy->points().begin(), xy->points().end()) : all)
                x0 = std::min(x0, p.x()), x1 = std::max(x1, p.x()), y1 = std::max(y1, p.y());
        }
    x->setRange(x0, x1);
    y->setMax(y1);
}

void TcpStreamGraphWindow::sortPickable()
{
    // The plot functions add their points series by series, mostly each in time order: the runs
    // that go forward are kept as they are, a list of many short runs is sorted whole.
    pickRuns_.assign(1, 0);
    for (size_t i = 1; i < pickable_.size(); ++i)
        if (pickable_[i].first.x() < pickable_[i - 1].first.x())
            pickRuns_.push_back(i);
    if (pickRuns_.size() > 16) {
        std::stable_sort(pickable_.begin(), pickable_.end(), [](const auto& a, const auto& b) { return a.first.x() < b.first.x(); });
        pickRuns_.assign(1, 0);
    }
    pickRuns_.push_back(pickable_.size());
}

qint64 TcpStreamGraphWindow::pickFrame(const QPointF& pos) const
{
    QAbstractSeries* anchor = anchor_ ? anchor_ : (chart()->series().isEmpty() ? nullptr : chart()->series().first());
    if (!anchor || (pickRuns_.size() < 2 && !pickSegments_ && !pickAcks_))
        return -1;
    const QPointF scenePos = view_->mapToScene(pos.toPoint());
    const QPointF chartPos = chart()->mapFromScene(scenePos);
    constexpr qreal kReach = 8; // pixels
    // Only the points of the few pixel columns around the click are measured: found by
    // bisection in each run (a stream's million points, each mapped, took seconds a click).
    const double a = chart()->mapToValue(chartPos - QPointF(kReach + 1, 0), anchor).x();
    const double b = chart()->mapToValue(chartPos + QPointF(kReach + 1, 0), anchor).x();
    const double lo = std::min(a, b), hi = std::max(a, b);
    qint64 best = -1;
    qreal bestDistance = kReach * kReach;
    const auto consider = [&](const QPointF& value, uint32_t frame) {
        const QPointF at = chart()->mapToPosition(value, anchor) - chartPos;
        const qreal d = at.x() * at.x() + at.y() * at.y();
        if (d < bestDistance) {
            bestDistance = d;
            best = frame;
        }
    };
    const auto fromTime = [&](const auto& v) {
        return std::lower_bound(v.begin(), v.end(), lo, [](const auto& e, double x) { return e.time < x; });
    };
    if (pickSegments_)
        for (auto it = fromTime(*pickSegments_); it != pickSegments_->end() && it->time <= hi; ++it)
            consider(QPointF(it->time, it->seq), it->frame);
    if (pickAcks_)
        for (auto it = fromTime(*pickAcks_); it != pickAcks_->end() && it->time <= hi; ++it)
            if (!ackBeforeData(*built_->main, *it))
                consider(QPointF(it->time, it->ack), it->frame);
    for (size_t r = 0; r + 1 < pickRuns_.size(); ++r) {
        const auto runBegin = pickable_.begin() + ptrdiff_t(pickRuns_[r]), runEnd = pickable_.begin() + ptrdiff_t(pickRuns_[r + 1]);
        auto it = std::lower_bound(runBegin, runEnd, lo, [](const auto& e, double x) { return e.first.x() < x; });
        for (; it != runEnd && it->first.x() <= hi; ++it)
            consider(it->first, it->second);
    }
    return best;
}

QString TcpStreamGraphWindow::describe(const QPointF& v) const
{
    switch (kind()) {
    case Stevens:
    case Tcptrace: return tr("Time %1 s · sequence number %2").arg(v.x(), 0, 'f', 6).arg(qint64(std::llround(v.y())));
    case Throughput: return tr("Time %1 s · %2 bits/s").arg(v.x(), 0, 'f', 6).arg(v.y(), 0, 'f', 0);
    case RoundTrip:
        return rttAxis_->currentIndex() == 1 ? tr("Sequence number %1 · RTT %2 ms").arg(qint64(std::llround(v.x()))).arg(v.y(), 0, 'f', 3)
                                             : tr("Time %1 s · RTT %2 ms").arg(v.x(), 0, 'f', 6).arg(v.y(), 0, 'f', 3);
    case WindowScaling: return tr("Time %1 s · %2 bytes").arg(v.x(), 0, 'f', 6).arg(qint64(std::llround(v.y())));
    }
    return {};
}

QString TcpStreamGraphWindow::csv() const
{
    // Frame numbers as the packet list shows them (1-based); times in seconds since the first packet.
    QString out;
    if (!built_)
        return out;
    const TcpStreamGraphData& g = *built_->main;
    switch (kind()) {
    case Stevens:
    case Tcptrace:
        out += QStringLiteral("frame,time,kind,seq,next_seq,len,ack,window\n");
        for (const TcpGraphSegment& s : g.segments)
            out += QStringLiteral("%1,%2,%3,%4,%5,%6,,\n")
                       .arg(s.frame + 1)
                       .arg(csvNumber(s.time))
                       .arg((s.analysis & TcpAnyRetransmission) ? QStringLiteral("retransmission") : QStringLiteral("segment"))
                       .arg(s.seq)
                       .arg(s.nextSeq())
                       .arg(s.length);
        for (const TcpGraphAck& a : g.acks)
            out += QStringLiteral("%1,%2,ack,,,,%3,%4\n").arg(a.frame + 1).arg(csvNumber(a.time)).arg(a.ack).arg(a.window);
        break;
    case Throughput:
        out += QStringLiteral("frame,time,throughput_bps,goodput_bps\n");
        for (const TcpThroughputPoint& p : tcpThroughput(g, average_->value()))
            out += QStringLiteral("%1,%2,%3,%4\n").arg(p.frame + 1).arg(csvNumber(p.time)).arg(p.throughputBps, 0, 'f', 3).arg(p.goodputBps, 0, 'f', 3);
        break;
    case RoundTrip:
        out += QStringLiteral("frame,acked_frame,time,seq,rtt_ms\n");
        for (const TcpGraphRtt& r : g.rtts)
            out += QStringLiteral("%1,%2,%3,%4,%5\n").arg(r.frame + 1).arg(r.ackedFrame + 1).arg(csvNumber(r.time)).arg(r.seq).arg(r.rttMs, 0, 'f', 6);
        break;
    case WindowScaling:
        out += QStringLiteral("frame,time,kind,bytes\n");
        for (const TcpGraphAck& a : g.acks)
            if (!(a.tcpFlags & 0x002))
                out += QStringLiteral("%1,%2,receive_window,%3\n").arg(a.frame + 1).arg(csvNumber(a.time)).arg(a.window);
        for (const TcpGraphSegment& s : g.segments)
            if (s.bytesInFlight)
                out += QStringLiteral("%1,%2,bytes_in_flight,%3\n").arg(s.frame + 1).arg(csvNumber(s.time)).arg(s.bytesInFlight);
        break;
    }
    return out;
}

bool TcpStreamGraphWindow::exportTo(const QString& path, QString* error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    bool ok = true;
    if (suffix == QLatin1String("csv")) {
        const QByteArray text = csv().toUtf8();
        ok = file.write(text) == text.size();
    } else if (suffix == QLatin1String("png")) {
        ok = view_->grab().save(&file, "PNG");
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(view_->size());
        svg.setViewBox(view_->rect());
        svg.setTitle(windowTitle());
        QPainter p(&svg);
        view_->render(&p);
        ok = p.end();
    } else if (suffix == QLatin1String("pdf")) {
        QPdfWriter pdf(&file);
        pdf.setTitle(windowTitle());
        pdf.setPageOrientation(QPageLayout::Landscape);
        QPainter p(&pdf);
        const QRect page = p.viewport();
        const QSize size = view_->size().scaled(page.size(), Qt::KeepAspectRatio);
        view_->render(&p, QRectF(QPointF(0, 0), size));
        ok = p.end();
    } else {
        if (error)
            *error = tr("Unknown format “%1”: choose .png, .svg, .pdf or .csv").arg(suffix);
        file.cancelWriting();
        return false;
    }
    if (!ok || !file.commit()) {
        if (error)
            *error = file.errorString().isEmpty() ? tr("could not write %1").arg(path) : file.errorString();
        return false;
    }
    return true;
}

void TcpStreamGraphWindow::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Graph"), QString(),
                                                      tr("PNG image (*.png);;SVG image (*.svg);;PDF (*.pdf);;Values as CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, &error))
        pointer_->setText(tr("Export failed: %1").arg(error));
    else
        pointer_->setText(tr("Exported to %1").arg(path));
}

void TcpStreamGraphWindow::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange) {
        retranslate();
        plot();
    }
    QWidget::changeEvent(e);
}

void TcpStreamGraphWindow::retranslate()
{
    const QString kinds[] = {tr("Time-sequence (Stevens)"), tr("Time-sequence (tcptrace)"), tr("Throughput"),
                             tr("Round-trip time"), tr("Window scaling")};
    for (int i = 0; i < 5; ++i)
        kind_->setItemText(i, kinds[i]);
    kind_->setAccessibleName(tr("Graph type"));
    stream_->setPrefix(tr("Stream "));
    stream_->setAccessibleName(tr("TCP stream"));
    directionButton_->setText(tr("Switch Direction"));
    directionButton_->setAccessibleName(tr("Switch direction"));
    directionButton_->setToolTip(tr("Graph the data sent the other way"));
    averageLabel_->setText(tr("Average over"));
    average_->setAccessibleName(tr("Moving average window"));
    rttAxisLabel_->setText(tr("RTT by"));
    rttAxis_->setItemText(0, tr("time"));
    rttAxis_->setItemText(1, tr("sequence number"));
    rttAxis_->setAccessibleName(tr("Round-trip time axis"));
    compareLabel_->setText(tr("Compare with streams"));
    compare_->setPlaceholderText(tr("e.g. 3, 7"));
    compare_->setAccessibleName(tr("Streams to compare"));
    reset_->setText(tr("Reset Zoom"));
    reset_->setAccessibleName(tr("Reset zoom"));
    reset_->setToolTip(tr("Drag a rectangle to zoom in, turn the wheel to zoom, drag with the right button or use the arrow keys to pan, 0 to see everything"));
    export_->setText(tr("Export…"));
    export_->setAccessibleName(tr("Export graph"));
    view_->setAccessibleName(tr("TCP stream graph"));
    title_->setAccessibleName(tr("Graphed stream"));
    pointer_->setAccessibleName(tr("Values under the pointer"));
}
