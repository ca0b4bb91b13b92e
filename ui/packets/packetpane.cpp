#include "packets/packetpane.h"

#include "models/packetlistmodel.h"
#include "packets/detailtreeview.h"
#include "packets/displayfilterjob.h"
#include "packets/filteredit.h"
#include "packets/hexview.h"

#include "analysis/analysedcapture.h"
#include "filter/displayfilter.h"
#include "tree/detailtree.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHeaderView>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace synflow;

PacketPane::PacketPane(QWidget* parent) : QWidget(parent)
{
    model_ = new PacketListModel(this);
    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("packetList"));
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setSortingEnabled(true);
    table_->sortByColumn(PacketListModel::Number, Qt::AscendingOrder);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setShowGrid(false);
    table_->setWordWrap(false);
    const int cw = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const int widths[] = {8, 14, 18, 18, 10, 8};
    for (int c = 0; c < 6; ++c)
        table_->setColumnWidth(c, widths[c] * cw);

    // The display filter bar above the list, as in Wireshark.
    filter_ = new FilterEdit(
        [](const QString& text, QString* error) {
            DisplayFilter f;
            std::string why;
            const bool ok = f.compile(text.toStdString(), why);
            *error = QString::fromStdString(why);
            return ok;
        },
        this);
    filter_->setObjectName(QStringLiteral("displayFilter"));
    connect(filter_, &QLineEdit::returnPressed, this, &PacketPane::applyDisplayFilter);
    connect(filter_, &QLineEdit::textChanged, this, [this] {
        if (filter_->text().isEmpty() && model_->isFiltered())
            applyDisplayFilter(); // cleared with the clear button: show everything again
    });
    filterJob_ = new DisplayFilterJob(this);
    connect(filterJob_, &DisplayFilterJob::applied, this, &PacketPane::showFilterResult);

    auto* listBox = new QWidget(this);
    auto* listLayout = new QVBoxLayout(listBox);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(2);
    listLayout->addWidget(filter_);
    listLayout->addWidget(table_, 1);

    detail_ = new DetailTreeView(this);
    detail_->setObjectName(QStringLiteral("detailTree"));
    hex_ = new HexView(this);
    hex_->setObjectName(QStringLiteral("bytesView"));
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(listBox);
    split->addWidget(detail_);
    split->addWidget(hex_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& cur) {
        if (cur.isValid())
            showPacket(model_->frameAt(cur.row()));
    });
    connect(detail_, &DetailTreeView::bytesSelected, hex_, &HexView::setHighlight);
    connect(hex_, &HexView::byteClicked, detail_, &DetailTreeView::selectByte);
    connect(detail_, &DetailTreeView::fieldSelected, this, [this](const QString& name, const QString& description) {
        emit fieldSelected(name.isEmpty() ? QString() : tr("%1 (%2)").arg(description, name));
    });
    retranslate();
}

void PacketPane::retranslate()
{
    filter_->setPlaceholderText(tr("Apply a display filter … <Ctrl-/>  e.g. tcp.analysis.retransmission || tcp.flags.reset == 1"));
    emit model_->headerDataChanged(Qt::Horizontal, 0, model_->columnCount() - 1);
}

void PacketPane::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(e);
}

void PacketPane::setCapture(std::shared_ptr<const AnalysedCapture> capture, bool growing)
{
    filterJob_->cancel();
    capture_ = std::move(capture);
    growing_ = growing;
    clearPacket();
    model_->setCapture(capture_);
    if (growing_ && capture_) {
        model_->analysisReady();
        if (hasFilterText())
            applyDisplayFilter();
    }
}

void PacketPane::showRows(size_t rows)
{
    model_->setRowCount(rows);
    if (rows && !table_->currentIndex().isValid())
        table_->selectRow(0);
}

void PacketPane::analysisReady()
{
    model_->setRowCount(capture_ ? capture_->packetCount() : 0);
    model_->analysisReady();
    if (shown_ != size_t(-1))
        showPacket(shown_); // now with the TCP analysis
    else if (model_->rowCount())
        table_->selectRow(0);
    if (hasFilterText())
        applyDisplayFilter(); // the filter in the bar applies to the new capture too
}

void PacketPane::liveGrew(size_t rows, bool follow)
{
    QScrollBar* bar = table_->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 1; // the user has not scrolled away
    model_->setRowCount(rows);
    if (!table_->currentIndex().isValid())
        table_->selectRow(0);
    if (follow && atBottom)
        table_->scrollToBottom();
}

bool PacketPane::hasFilterText() const { return !filter_->text().trimmed().isEmpty(); }

void PacketPane::focusFilter()
{
    filter_->setFocus();
    filter_->selectAll();
}

void PacketPane::setDisplayFilter(const QString& text)
{
    filter_->setText(text);
    applyDisplayFilter();
}

QString PacketPane::displayFilterText() const { return filter_->text().trimmed(); }

void PacketPane::applyDisplayFilter()
{
    if (!filter_->isValid()) {
        emit message(tr("Invalid display filter: %1").arg(filter_->errorText()));
        return;
    }
    auto filter = std::make_shared<DisplayFilter>();
    std::string error;
    filter->compile(filter_->text().trimmed().toStdString(), error);
    if (!capture_ || !capture_->ready()) {
        filterJob_->cancel();
        return; // applied once the analysis is ready
    }
    if (!filter->empty() && !growing_)
        emit message(tr("Filtering…"));
    filterJob_->apply(capture_, std::move(filter), growing_);
}

void PacketPane::showFilterResult(std::shared_ptr<const DisplayFilter> filter, std::vector<uint8_t> shown)
{
    const size_t keep = shown_;
    model_->setDisplayFilter(std::move(filter), std::move(shown));
    // Stay on the packet that was selected if it is still shown.
    const int row = keep == size_t(-1) ? -1 : model_->rowOf(keep);
    if (row >= 0) {
        table_->selectRow(row);
        table_->scrollTo(model_->index(row, 0), QAbstractItemView::PositionAtCenter);
    } else if (model_->rowCount()) {
        table_->selectRow(0);
    } else {
        clearPacket();
    }
    emit filterApplied();
}

void PacketPane::clearPacket()
{
    shown_ = size_t(-1);
    detail_->clearTree();
    hex_->setBytes({});
}

void PacketPane::showPacket(size_t frame)
{
    if (!capture_ || frame >= model_->frameCount())
        return;
    shown_ = frame;
    const auto bytes = capture_->file().packetBytes(frame);
    const DetailTree tree = buildDetailTree(*capture_, frame);
    QByteArray copy(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
    capture_->file().checkShrunk(); // one fstat per selection: finds a cut inside the last page too
    if (capture_->file().intact(frame)) {
        detail_->setTree(tree);
        hex_->setBytes(copy);
    } else { // its bytes were lost as the file shrank (zeros were read): nothing true to show
        detail_->clearTree();
        hex_->setBytes({});
    }
    emit frameSelected(frame);
}

void PacketPane::goToPacket(size_t number)
{
    if (number == 0)
        return;
    const int row = model_->rowOf(number - 1);
    if (row < 0)
        return;
    table_->selectRow(row);
    table_->scrollTo(model_->index(row, 0), QAbstractItemView::PositionAtCenter);
}

void PacketPane::stepInConversation(int direction)
{
    const TcpTracker* tracker = capture_ ? capture_->tracker() : nullptr;
    if (!tracker || shown_ == size_t(-1))
        return;
    const int64_t stream = tracker->streamOf(uint32_t(shown_));
    if (stream < 0)
        return;
    if (direction < 0) {
        const int64_t prev = tracker->previousInStream(uint32_t(shown_));
        if (prev >= 0)
            goToPacket(size_t(prev) + 1);
        return;
    }
    for (size_t f = shown_ + 1; f < model_->frameCount(); ++f)
        if (tracker->streamOf(uint32_t(f)) == stream) {
            goToPacket(f + 1);
            return;
        }
}

void PacketPane::copyValue() const
{
    if (QTreeWidgetItem* item = detail_->currentItem())
        QApplication::clipboard()->setText(DetailTreeView::valueOf(item->text(0)));
}

void PacketPane::copyBranch() const
{
    if (QTreeWidgetItem* item = detail_->currentItem())
        QApplication::clipboard()->setText(detail_->branchText(item));
}

void PacketPane::copyBytes() const
{
    QApplication::clipboard()->setText(hex_->hexText(hex_->highlightOffset(), hex_->highlightLength()));
}

void PacketPane::expandAll() { detail_->expandAll(); }

void PacketPane::collapseAll() { detail_->collapseAll(); }
