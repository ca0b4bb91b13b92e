#include "statistics/protocolhierarchywindow.h"

#include "analysis/analysedcapture.h"
#include "support/preferences.h"

#include <QHBoxLayout>
#include <QCheckBox>
#include <QHeaderView>
#include <QMenu>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace synflow;

ProtocolHierarchyWindow::ProtocolHierarchyWindow(QWidget* parent)
    : StatisticsWindow(QStringLiteral("protocolHierarchyWindow"), parent)
{
    model_ = new ProtocolHierarchyModel(this);
    view_ = new QTreeView(this);
    view_->setObjectName(QStringLiteral("protocolHierarchyTree"));
    view_->setModel(model_);
    view_->setUniformRowHeights(true);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view_, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        const QModelIndex index = view_->indexAt(at);
        if (QMenu* m = rowMenu(index))
            m->popup(view_->viewport()->mapToGlobal(at));
    });
    applyFilter_ = new QPushButton(this);
    applyFilter_->setObjectName(QStringLiteral("applyAsFilter"));
    applyFilter_->setEnabled(false);
    connect(applyFilter_, &QPushButton::clicked, this, &ProtocolHierarchyWindow::applySelected);
    connect(Preferences::instance(), &Preferences::tcpDesegmentChanged, this, [this] { recount(); });
    connect(view_, &QAbstractItemView::doubleClicked, this, &ProtocolHierarchyWindow::applySelected);
    connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { applyFilter_->setEnabled(current.isValid()); });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(limitBox());
    buttons->addWidget(statusArea(QStringLiteral("protocolHierarchyStatus")), 1);
    buttons->addWidget(applyFilter_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(view_, 1);
    layout->addLayout(buttons);
    resize(1000, 520);
    retranslate();
}

void ProtocolHierarchyWindow::recount()
{
    model_->setHierarchy(nullptr);
    applyFilter_->setEnabled(false);
    if (!canCount()) {
        status()->clear();
        return;
    }
    // TCP reassembly as the packet list has it (Wireshark's dialog follows the same preference).
    const bool desegment = Preferences::instance()->tcpDesegment();
    const auto count = [desegment](const AnalysedCapture& capture, const std::vector<uint8_t>* shown,
                                   synflow::WorkControl* control) {
        return computeProtocolHierarchy(capture, shown, control, desegment);
    };
    startCount<ProtocolHierarchy>(count, [this](std::shared_ptr<const ProtocolHierarchy> phs) {
        status()->clear();
        model_->setHierarchy(std::move(phs));
        view_->expandAll();
        for (int c = 0; c < ProtocolHierarchyModel::ColumnCount; ++c)
            view_->resizeColumnToContents(c);
        emit counted();
    });
}

QMenu* ProtocolHierarchyWindow::rowMenu(const QModelIndex& index)
{
    if (!index.isValid())
        return nullptr;
    view_->setCurrentIndex(index);
    if (!menu_) {
        menu_ = new QMenu(this);
        menu_->setObjectName(QStringLiteral("protocolHierarchyMenu"));
        QAction* apply = menu_->addAction(QString());
        apply->setObjectName(QStringLiteral("applyAsFilterAction"));
        connect(apply, &QAction::triggered, this, &ProtocolHierarchyWindow::applySelected);
        retranslate();
    }
    return menu_;
}

void ProtocolHierarchyWindow::applySelected()
{
    const QModelIndex current = view_->currentIndex();
    if (!current.isValid())
        return;
    emit applyFilterRequested(current.siblingAtColumn(0).data(ProtocolHierarchyModel::FilterNameRole).toString());
}

void ProtocolHierarchyWindow::retranslate()
{
    setWindowTitle(tr("Protocol Hierarchy Statistics"));
    view_->setAccessibleName(tr("Protocol hierarchy"));
    model_->retranslate();
    applyFilter_->setText(tr("Apply as Filter"));
    applyFilter_->setAccessibleName(applyFilter_->text());
    if (menu_) {
        menu_->setAccessibleName(tr("Protocol"));
        menu_->actions().first()->setText(tr("Apply as Filter"));
    }
}
