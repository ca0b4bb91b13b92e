#include "statistics/protocolhierarchywindow.h"

#include "analysis/analysedcapture.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace synflow;

ProtocolHierarchyWindow::ProtocolHierarchyWindow(QWidget* parent) : QWidget(parent, Qt::Window), job_(this)
{
    setObjectName(QStringLiteral("protocolHierarchyWindow"));
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
    limit_ = new QCheckBox(this);
    limit_->setObjectName(QStringLiteral("limitToDisplayFilter"));
    connect(limit_, &QCheckBox::toggled, this, &ProtocolHierarchyWindow::recount);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("protocolHierarchyStatus"));
    applyFilter_ = new QPushButton(this);
    applyFilter_->setObjectName(QStringLiteral("applyAsFilter"));
    applyFilter_->setEnabled(false);
    connect(applyFilter_, &QPushButton::clicked, this, &ProtocolHierarchyWindow::applySelected);
    connect(view_, &QAbstractItemView::doubleClicked, this, &ProtocolHierarchyWindow::applySelected);
    connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { applyFilter_->setEnabled(current.isValid()); });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(limit_);
    buttons->addWidget(status_, 1);
    buttons->addWidget(applyFilter_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(view_, 1);
    layout->addLayout(buttons);
    resize(1000, 520);
    retranslate();
}

ProtocolHierarchyWindow::~ProtocolHierarchyWindow()
{
    *cancel_ = true;
    job_.cancelAndWait();
}

void ProtocolHierarchyWindow::setCapture(std::shared_ptr<const AnalysedCapture> capture)
{
    capture_ = std::move(capture);
    recount();
}

void ProtocolHierarchyWindow::setDisplayFilter(const QString& text, const std::vector<uint8_t>* shown)
{
    filterText_ = text;
    hasFilter_ = shown != nullptr;
    shown_ = shown ? *shown : std::vector<uint8_t>();
    retranslate();
    if (limit_->isChecked())
        recount();
}

void ProtocolHierarchyWindow::recount()
{
    model_->setHierarchy(nullptr);
    applyFilter_->setEnabled(false);
    if (!capture_ || !capture_->ready()) {
        job_.cancel();
        status_->clear();
        return;
    }
    status_->setText(tr("Counting…"));
    *cancel_ = true; // the count before, if any, stops at its next check
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    auto cancel = cancel_;
    auto capture = capture_;
    auto shown = limit_->isChecked() && hasFilter_ ? std::make_shared<const std::vector<uint8_t>>(shown_) : nullptr;
    job_.start(
        [capture, shown, cancel](QPromise<std::shared_ptr<const ProtocolHierarchy>>& promise) {
            auto phs = std::make_shared<ProtocolHierarchy>(computeProtocolHierarchy(*capture, shown.get(), cancel.get()));
            if (!promise.isCanceled() && phs->complete)
                promise.addResult(std::shared_ptr<const ProtocolHierarchy>(std::move(phs)));
        },
        [this](std::shared_ptr<const ProtocolHierarchy> phs) {
            status_->clear();
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

void ProtocolHierarchyWindow::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(e);
}

void ProtocolHierarchyWindow::retranslate()
{
    setWindowTitle(tr("Protocol Hierarchy Statistics"));
    view_->setAccessibleName(tr("Protocol hierarchy"));
    model_->retranslate();
    limit_->setText(hasFilter_ ? tr("Limit to display filter (%1)").arg(filterText_) : tr("Limit to display filter"));
    limit_->setAccessibleName(tr("Limit to display filter"));
    status_->setAccessibleName(tr("Status"));
    applyFilter_->setText(tr("Apply as Filter"));
    applyFilter_->setAccessibleName(applyFilter_->text());
    if (menu_) {
        menu_->setAccessibleName(tr("Protocol"));
        menu_->actions().first()->setText(tr("Apply as Filter"));
    }
}
