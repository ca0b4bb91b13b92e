#include "statistics/expertinfowindow.h"

#include "analysis/analysedcapture.h"
#include "support/anonymity.h"
#include "support/preferences.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QTreeView>
#include <QVBoxLayout>

using namespace synflow;

namespace {
const char* const kBoxNames[] = {"expertShowComment", "expertShowChat", "expertShowNote", "expertShowWarning",
                                 "expertShowError"}; // indexed by ExpertSeverity
} // namespace

ExpertInfoWindow::ExpertInfoWindow(QWidget* parent) : StatisticsWindow(QStringLiteral("expertInfoWindow"), parent)
{
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
    for (ExpertSeverity s : ExpertTreeModel::kSeverityOrder) {
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
    boxes->addWidget(limitBox());

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(boxes);
    layout->addWidget(view_, 1);
    layout->addWidget(statusArea(QStringLiteral("expertStatus")));
    connect(&Anonymity::instance(), &Anonymity::changed, view_->viewport(), qOverload<>(&QWidget::update));
    connect(Preferences::instance(), &Preferences::tcpDesegmentChanged, this, [this] { recount(); });
    resize(900, 560);
    retranslate();
}

void ExpertInfoWindow::recount()
{
    model_->setInfo(nullptr);
    if (!canCount()) {
        showStatus();
        return;
    }
    // TCP reassembly as the packet list has it (its errors are expert items, as in Wireshark).
    const bool desegment = Preferences::instance()->tcpDesegment();
    startCount<ExpertInfo>(
        [desegment](const AnalysedCapture& capture, const std::vector<uint8_t>* shown, synflow::WorkControl* control) {
            ExpertOptions options;
            options.shown = shown;
            options.desegment = desegment;
            return collectExpertInfo(capture, options, control);
        },
        [this](std::shared_ptr<const ExpertInfo> info) {
            model_->setCapture(capture());
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
    if (isCounting())
        return;
    if (!model_->info()) {
        status()->setText(capture() ? QString() : tr("No capture file loaded (or it is still loading)"));
        return;
    }
    status()->setText(model_->info()->entries.empty() ? tr("No expert items")
                                                     : tr("%1 items shown").arg(qulonglong(model_->shownItems())));
}

void ExpertInfoWindow::retranslate()
{
    setWindowTitle(tr("Expert Information"));
    view_->setAccessibleName(tr("Expert items"));
    for (ExpertSeverity s : ExpertTreeModel::kSeverityOrder) {
        QCheckBox* box = severities_[size_t(s)];
        box->setText(ExpertTreeModel::severityName(s));
        box->setAccessibleName(tr("Show %1 items").arg(box->text()));
    }
    model_->retranslate();
    showStatus();
}
