#include "flowgraph/flowpanel.h"

#include "flowgraph/flowpainter.h"
#include "flowgraph/flowview.h"
#include "support/anonymity.h"

#include "analysis/analysedcapture.h"
#include "flow/flowgraph.h"
#include "flow/flowsvg.h"
#include "output/textformat.h"
#include "tcp/tcptracker.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

using namespace synflow;

namespace {

// Builds a graph; one lifeline per endpoint when both ends share an address (loopback).
FlowGraph buildGraph(const AnalysedCapture& capture, FlowOptions o)
{
    FlowGraph graph;
    graph.build(capture, o);
    if (graph.nodes().size() == 1 && o.by == FlowOptions::NodeBy::Address) {
        o.by = FlowOptions::NodeBy::Endpoint;
        graph.build(capture, o);
    }
    return graph;
}

QString endpointText(const TcpConversation& c, int side)
{
    const std::string a = c.ipv6 ? formatIpv6(c.ep[side].addr) : formatIpv4(c.ep[side].addr);
    return QStringLiteral("%1:%2").arg(QString::fromStdString(a)).arg(c.ep[side].port);
}

} // namespace

FlowPanel::FlowPanel(QWidget* parent) : QWidget(parent)
{
    view_ = new FlowView(this);
    view_->setObjectName(QStringLiteral("flowView"));
    scope_ = new QComboBox(this);
    scope_->setObjectName(QStringLiteral("flowScope"));
    scope_->addItems({QString(), QString(), QString(), QString()});
    type_ = new QComboBox(this);
    type_->setObjectName(QStringLiteral("flowType")); // TCP flows / all flows
    type_->addItems({QString(), QString()});
    nodes_ = new QComboBox(this);
    nodes_->addItems({QString(), QString()});
    nodes_->setObjectName(QStringLiteral("flowNodes"));
    timeScale_ = new QComboBox(this);
    timeScale_->setObjectName(QStringLiteral("flowTimeScale"));
    timeScale_->addItems({QString(), QString()});
    export_ = new QPushButton(this);
    export_->setObjectName(QStringLiteral("flowExport"));
    conversations_ = new QListWidget(this);
    conversations_->setObjectName(QStringLiteral("flowConversations"));
    conversations_->hide();
    retranslate();

    auto* bar = new QHBoxLayout;
    bar->addWidget(scope_);
    bar->addWidget(type_);
    bar->addWidget(nodes_);
    bar->addWidget(timeScale_);
    bar->addStretch(1);
    bar->addWidget(export_);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(conversations_);
    split->addWidget(view_);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(view_, &FlowView::frameActivated, this, &FlowPanel::frameActivated);
    connect(scope_, &QComboBox::currentIndexChanged, this, [this](int scope) {
        conversations_->setVisible(scope == Ticked);
        if (scope == Ticked)
            appendNewConversations(); // filled only when asked for: a capture may hold millions
        type_->setEnabled(scope == All || scope == Displayed); // picked conversations are TCP only
        rebuild(true);
    });
    type_->setEnabled(false); // the Selected scope (the first) is one TCP conversation
    connect(nodes_, &QComboBox::currentIndexChanged, this, [this] { rebuild(true); });
    connect(type_, &QComboBox::currentIndexChanged, this, [this] { rebuild(true); });
    connect(timeScale_, &QComboBox::currentIndexChanged, this,
            [this](int i) { view_->setTimeScale(i == 1 ? FlowTimeScale::Proportional : FlowTimeScale::Rows); });
    connect(&Anonymity::instance(), &Anonymity::changed, this, [this] { // lifelines and the list in the other names
        const QSignalBlocker block(conversations_); // ticks stay
        for (int i = 0; i < conversations_->count(); ++i)
            conversations_->item(i)->setText(conversationText(size_t(i)));
        rebuild(true, true);
    });
    connect(conversations_, &QListWidget::itemChanged, this, [this] {
        if (scope_->currentIndex() == Ticked)
            rebuild(true);
    });
    connect(export_, &QPushButton::clicked, this, &FlowPanel::chooseExportFile);
    pendingRefresh_ = new QTimer(this);
    pendingRefresh_->setSingleShot(true);
    connect(pendingRefresh_, &QTimer::timeout, this, [this] { rebuild(true, true); });
}

FlowPanel::~FlowPanel() = default;

void FlowPanel::retranslate()
{
    const QStringList scopes{tr("Selected TCP conversation"), tr("All TCP packets"), tr("Displayed TCP packets"), tr("Ticked conversations")};
    for (int i = 0; i < scopes.size(); ++i)
        scope_->setItemText(i, scopes[i]);
    type_->setItemText(0, tr("TCP flows"));
    type_->setItemText(1, tr("All flows"));
    nodes_->setItemText(0, tr("Lifeline per address"));
    nodes_->setItemText(1, tr("Lifeline per address and port"));
    nodes_->setAccessibleName(tr("Lifelines"));
    scope_->setAccessibleName(tr("Packets drawn"));
    type_->setAccessibleName(tr("Flow type"));
    timeScale_->setItemText(0, tr("One row per packet"));
    timeScale_->setItemText(1, tr("Time to scale"));
    timeScale_->setAccessibleName(tr("Time axis"));
    timeScale_->setToolTip(tr("Time to scale: silences take room in proportion to their length (e.g. a retransmission timer's back-off)"));
    export_->setAccessibleName(tr("Export flow graph"));
    export_->setText(tr("Export…"));
    export_->setToolTip(tr("Save this diagram as PNG, SVG, PDF or text (tshark's flow layout)"));
    conversations_->setToolTip(tr("Tick the conversations to draw"));
    view_->viewport()->update(); // the legend and header are drawn in the new language
}

void FlowPanel::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(e);
}

void FlowPanel::setCapture(std::shared_ptr<const AnalysedCapture> capture, bool growing)
{
    job_.cancelAndWait(); // a build still running is for the old capture
    capture_ = std::move(capture);
    growing_ = growing;
    shown_ = nullptr;
    selected_ = size_t(-1);
    drawnStream_ = -2;
    setGraph({});
    fillConversationList();
}

void FlowPanel::setShownMask(const std::vector<uint8_t>* mask)
{
    shown_ = mask;
    if (scope_->currentIndex() == Displayed)
        rebuild(true);
}

void FlowPanel::setSelectedFrame(size_t frame)
{
    selected_ = frame;
    if (scope_->currentIndex() == Selected)
        rebuild(false);
    view_->setCurrentFrame(frame);
}

void FlowPanel::notesChanged() { rebuild(true, true); }

void FlowPanel::refresh()
{
    if (growing_ && capture_)
        appendNewConversations();
    // A live capture's whole-capture graph is rebuilt from scratch on this thread: once a
    // second is enough; its own conversation (quick) follows every tick.
    if (growing_ && scope_->currentIndex() != Selected && sinceBuild_.isValid() && sinceBuild_.elapsed() < 1000) {
        if (!pendingRefresh_->isActive())
            pendingRefresh_->start(int(1000 - sinceBuild_.elapsed()));
        return;
    }
    rebuild(true, true);
}

QString FlowPanel::conversationText(size_t i) const
{
    const TcpConversation c = capture_->tracker()->conversation(uint32_t(i));
    return Anonymity::instance().shown(tr("#%1  %2 ↔ %3  (%n packet(s))", nullptr, int(c.frames[0] + c.frames[1]))
                                           .arg(c.stream)
                                           .arg(endpointText(c, 0), endpointText(c, 1)),
                                       capture_);
}

void FlowPanel::fillConversationList()
{
    const QSignalBlocker block(conversations_);
    conversations_->clear();
    appendNewConversations();
}

// Conversations only ever get added: a live capture appends, ticks are kept. The list is
// filled only while the Ticked scope shows it.
void FlowPanel::appendNewConversations()
{
    if (!capture_ || !capture_->tracker() || scope_->currentIndex() != Ticked)
        return;
    const QSignalBlocker block(conversations_);
    const TcpTracker* tracker = capture_->tracker();
    for (size_t i = size_t(conversations_->count()); i < tracker->conversationCount(); ++i) {
        auto* item = new QListWidgetItem(conversationText(i), conversations_);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
}

void FlowPanel::showEvent(QShowEvent* e)
{
    QWidget::showEvent(e);
    if (stale_)
        rebuild(true);
}

void FlowPanel::rebuild(bool force, bool keepView)
{
    if (!capture_ || !capture_->tracker()) {
        setGraph({});
        return;
    }
    if (!isVisible()) { // nobody is looking: no need to build yet
        stale_ = true;
        return;
    }
    stale_ = false;
    FlowOptions o;
    o.by = nodes_->currentIndex() == 1 ? FlowOptions::NodeBy::Endpoint : FlowOptions::NodeBy::Address;
    o.tcpOnly = type_->currentIndex() == 0;
    const int scope = scope_->currentIndex();
    if (scope == Selected) {
        const int64_t stream = selected_ == size_t(-1) || selected_ >= capture_->packetCount() ? -1 : capture_->tracker()->streamOf(uint32_t(selected_));
        if (stream < 0)
            return; // not a TCP packet: keep the diagram that is shown
        if (stream == drawnStream_ && !force)
            return;
        const int64_t drawnBefore = drawnStream_;
        drawnStream_ = stream;
        o.stream = stream;
        job_.cancel();
        setGraph(buildGraph(*capture_, o), keepView && stream == drawnBefore); // one conversation: quick
        return;
    }
    drawnStream_ = -2;
    std::vector<uint8_t> shown;
    if (scope == Displayed && shown_)
        shown = *shown_; // a copy: the filter may change while the graph is built
    if (scope == Ticked) {
        for (int i = 0; i < conversations_->count(); ++i)
            if (conversations_->item(i)->checkState() == Qt::Checked)
                o.streams.push_back(uint32_t(i));
        if (o.streams.empty()) {
            setGraph({});
            return;
        }
    }
    if (growing_) { // the analysis changes on this thread: build here (live captures are small)
        job_.cancel();
        o.shown = scope == Displayed && shown_ ? &shown : nullptr;
        setGraph(buildGraph(*capture_, o), keepView);
        sinceBuild_.start();
        return;
    }
    // A whole capture can hold millions of packets: build in the background.
    const bool useMask = scope == Displayed && shown_;
    job_.start(
        [o, useMask, shown = std::move(shown), capture = capture_](QPromise<std::shared_ptr<FlowGraph>>& promise) mutable {
            o.shown = useMask ? &shown : nullptr;
            promise.addResult(std::make_shared<FlowGraph>(buildGraph(*capture, o)));
        },
        [this, keepView](std::shared_ptr<FlowGraph> graph) { setGraph(std::move(*graph), keepView); });
}

void FlowPanel::setGraph(FlowGraph graph, bool keepView)
{
    if (const auto anonymiser = Anonymity::instance().active(capture_))
        anonymiser->rewrite(graph);
    view_->setGraph(std::move(graph), keepView);
    if (selected_ != size_t(-1))
        view_->setCurrentFrame(selected_, !keepView); // a grown diagram is not scrolled back to it
    export_->setEnabled(!view_->graph().arrows().empty());
}

bool FlowPanel::exportTo(const QString& path, QString* error) const
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png") || suffix == QLatin1String("pdf"))
        return exportFlowImage(view_->graph(), path, suffix, error, view_->timeScale());
    const std::string text = suffix == QLatin1String("svg") ? flowSvg(view_->graph(), view_->timeScale()) : flowText(view_->graph());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) != qint64(text.size()) || !file.commit()) {
        if (error)
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void FlowPanel::chooseExportFile()
{
    QString selected;
    const QString png = tr("PNG image (*.png)"), svg = tr("SVG drawing (*.svg)"), pdf = tr("PDF document (*.pdf)"),
                  txt = tr("Text, tshark's flow layout (*.txt)");
    QString path = QFileDialog::getSaveFileName(this, tr("Export Flow Graph"), QString(), QStringList{png, svg, pdf, txt}.join(QStringLiteral(";;")),
                                                &selected);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += selected == svg ? QStringLiteral(".svg") : selected == pdf ? QStringLiteral(".pdf") : selected == txt ? QStringLiteral(".txt") : QStringLiteral(".png");
    QString error;
    if (!exportTo(path, &error))
        QMessageBox::warning(this, tr("Export Flow Graph"), error);
}
