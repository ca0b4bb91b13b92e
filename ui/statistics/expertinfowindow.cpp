#include "statistics/expertinfowindow.h"

#include "analysis/analysedcapture.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

using namespace synflow;

namespace {
constexpr ExpertSeverity kOrder[] = {ExpertSeverity::Error, ExpertSeverity::Warning, ExpertSeverity::Note,
                                     ExpertSeverity::Chat, ExpertSeverity::Comment};
const char* const kBoxNames[] = {"expertShowComment", "expertShowChat", "expertShowNote", "expertShowWarning",
                                 "expertShowError"}; // indexed by ExpertSeverity
} // namespace

ExpertInfoWindow::ExpertInfoWindow(QWidget* parent) : QWidget(parent, Qt::Window), job_(this)
{
    setObjectName(QStringLiteral("expertInfoWindow"));
    model_ = new ExpertTreeModel(this);
    view_ = new QTreeView(this);
    view_->setObjectName(QStringLiteral("expertTree"));
    view_->setModel(model_);
    view_->setUniformRowHeights(true); // a summary may hold every packet of a large capture
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->header()->setStretchLastSection(false);
    view_->header()->setSectionResizeMode(ExpertTreeModel::Summary, QHeaderView::Stretch);
    connect(view_, &QAbstractItemView::clicked, this, &ExpertInfoWindow::activate);
    connect(view_, &QAbstractItemView::activated, this, &ExpertInfoWindow::activate);

    auto* boxes = new QHBoxLayout;
    for (ExpertSeverity s : kOrder) {
        auto* box = new QCheckBox(this);
        box->setObjectName(QString::fromLatin1(kBoxNames[size_t(s)]));
        box->setChecked(true);
        connect(box, &QCheckBox::toggled, this, [this, s](bool on) {
            model_->setSeverityShown(s, on);
            view_->expandToDepth(0);
            showStatus();
        });
        severities_[size_t(s)] = box;
        boxes->addWidget(box);
    }
    boxes->addStretch(1);
    limit_ = new QCheckBox(this);
    limit_->setObjectName(QStringLiteral("limitToDisplayFilter"));
    connect(limit_, &QCheckBox::toggled, this, &ExpertInfoWindow::recount);
    boxes->addWidget(limit_);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("expertStatus"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(boxes);
    layout->addWidget(view_, 1);
    layout->addWidget(status_);
    resize(900, 560);
    retranslate();
}

ExpertInfoWindow::~ExpertInfoWindow()
{
    *cancel_ = true;
    job_.cancelAndWait();
}

void ExpertInfoWindow::setCapture(std::shared_ptr<const AnalysedCapture> capture)
{
    capture_ = std::move(capture);
    recount();
}

void ExpertInfoWindow::setDisplayFilter(const QString& text, const std::vector<uint8_t>* shown)
{
    filterText_ = text;
    hasFilter_ = shown != nullptr;
    shown_ = shown ? *shown : std::vector<uint8_t>();
    retranslate();
    if (limit_->isChecked())
        recount();
}

void ExpertInfoWindow::recount()
{
    model_->setInfo(nullptr);
    if (!capture_ || !capture_->ready()) {
        job_.cancel();
        showStatus();
        return;
    }
    status_->setText(tr("Counting…"));
    *cancel_ = true; // the count before, if any, stops at its next check
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    auto cancel = cancel_;
    auto capture = capture_;
    auto shown = limit_->isChecked() && hasFilter_ ? std::make_shared<const std::vector<uint8_t>>(shown_) : nullptr;
    job_.start(
        [capture, shown, cancel](QPromise<std::shared_ptr<const ExpertInfo>>& promise) {
            ExpertOptions options;
            options.shown = shown.get();
            auto info = std::make_shared<ExpertInfo>(collectExpertInfo(*capture, options, cancel.get()));
            if (!promise.isCanceled() && info->complete)
                promise.addResult(std::shared_ptr<const ExpertInfo>(std::move(info)));
        },
        [this](std::shared_ptr<const ExpertInfo> info) {
            model_->setInfo(std::move(info));
            view_->expandToDepth(0); // severities open on their summaries, as Wireshark's dialog
            for (int c = ExpertTreeModel::Group; c < ExpertTreeModel::ColumnCount; ++c)
                view_->resizeColumnToContents(c);
            showStatus();
            emit counted();
        });
}

void ExpertInfoWindow::activate(const QModelIndex& index)
{
    const qlonglong frame = index.data(ExpertTreeModel::FrameRole).toLongLong();
    if (frame >= 0)
        emit frameRequested(size_t(frame));
}

void ExpertInfoWindow::showStatus()
{
    if (job_.isRunning())
        return;
    if (!model_->info()) {
        status_->setText(capture_ ? QString() : tr("No capture file loaded (or it is still loading)"));
        return;
    }
    status_->setText(model_->info()->entries.empty() ? tr("No expert items")
                                                     : tr("%1 items shown").arg(qulonglong(model_->shownItems())));
}

void ExpertInfoWindow::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(e);
}

void ExpertInfoWindow::retranslate()
{
    setWindowTitle(tr("Expert Information"));
    view_->setAccessibleName(tr("Expert items"));
    for (ExpertSeverity s : kOrder) {
        QCheckBox* box = severities_[size_t(s)];
        box->setText(ExpertTreeModel::severityName(s));
        box->setAccessibleName(tr("Show %1 items").arg(box->text()));
    }
    limit_->setText(hasFilter_ ? tr("Limit to display filter (%1)").arg(filterText_) : tr("Limit to display filter"));
    limit_->setAccessibleName(tr("Limit to display filter"));
    status_->setAccessibleName(tr("Status"));
    model_->retranslate();
    showStatus();
}
