#include "statistics/trafficwindow.h"

#include "analysis/analysedcapture.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace synflow;

namespace {

constexpr ConversationType kTypes[] = {ConversationType::Ethernet, ConversationType::IPv4, ConversationType::IPv6,
                                       ConversationType::Tcp, ConversationType::Udp};

QPushButton* button(QWidget* parent, const char* name)
{
    auto* b = new QPushButton(parent);
    b->setObjectName(QString::fromLatin1(name));
    return b;
}

QString csvField(QString s)
{
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')))
        s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return s;
}

} // namespace

TrafficWindow::TrafficWindow(Kind kind, QWidget* parent)
    : StatisticsWindow(kind == Kind::Conversations ? QStringLiteral("conversationsWindow") : QStringLiteral("endpointsWindow"), parent),
      kind_(kind)
{
    setAttribute(Qt::WA_DeleteOnClose, false);
    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("trafficTabs"));
    for (ConversationType t : kTypes) {
        auto* model = new TrafficTableModel(kind, t, this);
        auto* proxy = new QSortFilterProxyModel(this);
        proxy->setSourceModel(model);
        proxy->setSortRole(TrafficTableModel::SortRole);
        auto* view = new QTableView(tabs_);
        view->setObjectName(QStringLiteral("trafficTable_%1").arg(QLatin1String(conversationTypeKey(t))));
        view->setModel(proxy);
        view->setSortingEnabled(true);
        view->sortByColumn(-1, Qt::AscendingOrder); // first appearance until a header is clicked
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setSelectionMode(QAbstractItemView::SingleSelection);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->verticalHeader()->hide();
        view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this, [this, view](const QPoint& at) { showMenu(view, at); });
        if (kind == Kind::Conversations)
            connect(view, &QAbstractItemView::doubleClicked, this, [this] { rowAction(0); });
        connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TrafficWindow::updateButtons);
        tabs_->addTab(view, QString());
        models_.push_back(model);
        proxies_.push_back(proxy);
        views_.push_back(view);
    }
    connect(tabs_, &QTabWidget::currentChanged, this, &TrafficWindow::updateButtons);
    copyCsv_ = button(this, "copyCsv");
    copyYaml_ = button(this, "copyYaml");
    connect(copyCsv_, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(tableAsCsv()); });
    connect(copyYaml_, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(tableAsYaml()); });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(limitBox());
    buttons->addWidget(statusArea(QStringLiteral("trafficStatus")), 1);
    if (kind == Kind::Conversations) {
        applyFilter_ = button(this, "applyAsFilter");
        flowGraph_ = button(this, "showFlowGraph");
        teaching_ = button(this, "teachingMode");
        connect(applyFilter_, &QPushButton::clicked, this, [this] { rowAction(0); });
        connect(flowGraph_, &QPushButton::clicked, this, [this] { rowAction(1); });
        connect(teaching_, &QPushButton::clicked, this, [this] { rowAction(2); });
        buttons->addWidget(applyFilter_);
        buttons->addWidget(flowGraph_);
        buttons->addWidget(teaching_);
    }
    buttons->addWidget(copyCsv_);
    buttons->addWidget(copyYaml_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs_, 1);
    layout->addLayout(buttons);
    resize(1200, 520);
    retranslate();
    updateButtons();
}

void TrafficWindow::recount()
{
    for (TrafficTableModel* m : models_)
        m->setTables(nullptr);
    if (!canCount()) {
        status()->clear();
        return;
    }
    startCount<ConversationTables>(
        [](const AnalysedCapture& capture, const std::vector<uint8_t>* shown, synflow::WorkControl* control) {
            ConversationOptions options;
            options.shown = shown;
            return buildConversationTables(capture, options, control);
        },
        [this](std::shared_ptr<const ConversationTables> tables) {
            status()->clear();
            for (TrafficTableModel* m : models_) {
                m->setCapture(capture());
                m->setTables(tables);
            }
            for (QTableView* v : views_)
                v->resizeColumnsToContents(); // once per count (the header samples at most 1000 rows)
            retranslate();
            updateButtons();
            emit counted();
        });
}

QTableView* TrafficWindow::currentView() const { return views_[size_t(std::max(0, tabs_->currentIndex()))]; }

int TrafficWindow::currentSourceRow(QTableView* view) const
{
    const QModelIndexList rows = view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return -1;
    const auto* proxy = static_cast<const QSortFilterProxyModel*>(view->model());
    return proxy->mapToSource(rows.first()).row();
}

void TrafficWindow::rowAction(int action)
{
    QTableView* view = currentView();
    const int row = currentSourceRow(view);
    const TrafficTableModel* model = models_[size_t(tabs_->currentIndex())];
    const ConversationRow* r = model->conversation(row);
    if (!r)
        return;
    if (action == 0)
        emit applyFilterRequested(model->filterFor(row), r->firstFrame);
    else if (model->type() == ConversationType::Tcp) {
        switch (action) {
        case 1: emit flowGraphRequested(r->firstFrame); break;
        case 2: emit teachingRequested(r->firstFrame); break;
        case 3: emit followRequested(r->firstFrame); break;
        default: emit streamGraphRequested(r->firstFrame); break;
        }
    }
}

void TrafficWindow::showMenu(QTableView* view, const QPoint& at)
{
    const QModelIndex index = view->indexAt(at);
    if (!index.isValid())
        return;
    view->selectRow(index.row());
    // Not exec(): a popup owned by the window, found by its name (tests, screen readers).
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("trafficRowMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (kind_ == Kind::Conversations) {
        const bool tcp = models_[size_t(tabs_->currentIndex())]->type() == ConversationType::Tcp;
        menu->addAction(applyFilter_->text(), this, [this] { rowAction(0); })->setObjectName(QStringLiteral("menuApplyAsFilter"));
        QAction* flow = menu->addAction(flowGraph_->text(), this, [this] { rowAction(1); });
        flow->setObjectName(QStringLiteral("menuFlowGraph"));
        flow->setEnabled(tcp);
        QAction* teach = menu->addAction(teaching_->text(), this, [this] { rowAction(2); });
        teach->setObjectName(QStringLiteral("menuTeachingMode"));
        teach->setEnabled(tcp);
        QAction* follow = menu->addAction(tr("Follow TCP Stream"), this, [this] { rowAction(3); });
        follow->setObjectName(QStringLiteral("menuFollowTcpStream"));
        follow->setEnabled(tcp);
        QAction* graph = menu->addAction(tr("TCP Stream Graph"), this, [this] { rowAction(4); });
        graph->setObjectName(QStringLiteral("menuTcpStreamGraph"));
        graph->setEnabled(tcp);
        menu->addSeparator();
    }
    menu->addAction(copyCsv_->text(), this, [this] { QApplication::clipboard()->setText(tableAsCsv()); });
    menu->addAction(copyYaml_->text(), this, [this] { QApplication::clipboard()->setText(tableAsYaml()); });
    menu->popup(view->viewport()->mapToGlobal(at));
}

void TrafficWindow::updateButtons()
{
    if (kind_ != Kind::Conversations)
        return;
    const TrafficTableModel* model = models_[size_t(std::max(0, tabs_->currentIndex()))];
    const bool row = model->conversation(currentSourceRow(currentView())) != nullptr;
    const bool tcp = model->type() == ConversationType::Tcp;
    applyFilter_->setEnabled(row);
    flowGraph_->setEnabled(row && tcp);
    teaching_->setEnabled(row && tcp);
}

QString TrafficWindow::tableAsCsv() const
{
    const QAbstractItemModel* m = currentView()->model();
    QStringList lines, fields;
    for (int c = 0; c < m->columnCount(); ++c)
        fields << csvField(m->headerData(c, Qt::Horizontal).toString());
    lines << fields.join(QLatin1Char(','));
    for (int r = 0; r < m->rowCount(); ++r) {
        fields.clear();
        for (int c = 0; c < m->columnCount(); ++c)
            fields << csvField(m->index(r, c).data(TrafficTableModel::SortRole).toString());
        lines << fields.join(QLatin1Char(','));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString TrafficWindow::tableAsYaml() const
{
    const QAbstractItemModel* m = currentView()->model();
    QString out;
    for (int r = 0; r < m->rowCount(); ++r)
        for (int c = 0; c < m->columnCount(); ++c)
            out += QStringLiteral("%1%2: \"%3\"\n")
                       .arg(c == 0 ? QStringLiteral("- ") : QStringLiteral("  "), m->headerData(c, Qt::Horizontal).toString(),
                            m->index(r, c).data(TrafficTableModel::SortRole).toString());
    return out;
}

void TrafficWindow::retranslate()
{
    setWindowTitle(kind_ == Kind::Conversations ? tr("Conversations") : tr("Endpoints"));
    for (size_t i = 0; i < models_.size(); ++i) {
        const int rows = models_[i]->rowCount();
        const QString name = QString::fromLatin1(conversationTypeTitle(kTypes[i]));
        tabs_->setTabText(int(i), rows ? QStringLiteral("%1 · %2").arg(name).arg(rows) : name);
        models_[i]->retranslate();
        views_[i]->setAccessibleName(name);
    }
    tabs_->setAccessibleName(windowTitle());
    copyCsv_->setText(tr("Copy as CSV"));
    copyCsv_->setAccessibleName(copyCsv_->text());
    copyYaml_->setText(tr("Copy as YAML"));
    copyYaml_->setAccessibleName(copyYaml_->text());
    if (!isCounting())
        status()->clear();
    if (applyFilter_) {
        applyFilter_->setText(tr("Apply as Filter"));
        flowGraph_->setText(tr("Flow Graph"));
        teaching_->setText(tr("Teaching Mode"));
        for (QPushButton* b : {applyFilter_, flowGraph_, teaching_})
            b->setAccessibleName(b->text());
    }
}
