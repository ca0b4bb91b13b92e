#include "packets/packetpane.h"
#include "support/anonymity.h"

#include "models/packetlistmodel.h"
#include "packets/detailtreeview.h"
#include "packets/displayfilterjob.h"
#include "packets/filteredit.h"
#include "packets/findbar.h"
#include "packets/findjob.h"
#include "packets/hexview.h"
#include "packets/listcolumns.h"
#include "packets/packetcommentedit.h"
#include "packets/packetmenus.h"
#include "packets/packetsearch.h"
#include "support/preferences.h"

#include "analysis/analysedcapture.h"
#include "analysis/packetfind.h"
#include "filter/displayfilter.h"
#include "filter/filterbuilder.h"
#include "tree/detailtree.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHeaderView>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace synflow;

PacketPane::PacketPane(QWidget* parent) : QWidget(parent)
{
    model_ = new PacketListModel(this);
    connect(&Anonymity::instance(), &Anonymity::changed, this, [this](bool on) { // the shown packet's tree in the other names
        if (shown_ != size_t(-1))
            showPacket(shown_);
        // The filter bar is written in the names shown: it changes names, not meaning.
        if (const auto a = Anonymity::instance().forCapture(capture_); a && !filter_->text().isEmpty()) {
            const std::string text = filter_->text().toStdString();
            filter_->setText(QString::fromStdString(on ? a->rewrite(text) : a->toReal(text)));
        }
    });
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

    findBar_ = new FindBar(this);
    findBar_->hide();
    connect(findBar_, &FindBar::findRequested, this, &PacketPane::find);
    findJob_ = new FindJob(this);
    connect(findJob_, &FindJob::started, findBar_, [this] {
        findBar_->setSearching(true);
        emit message(tr("Searching…"));
    });
    connect(findJob_, &FindJob::progress, findBar_, &FindBar::setProgress);
    connect(findJob_, &FindJob::finished, this, &PacketPane::showFindResult);
    connect(findBar_, &FindBar::cancelSearchRequested, findJob_, &FindJob::cancel);
    columns_ = new ListColumns(table_, model_, this);
    columns_->load();

    auto* listBox = new QWidget(this);
    auto* listLayout = new QVBoxLayout(listBox);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(2);
    listLayout->addWidget(filter_);
    listLayout->addWidget(findBar_);
    listLayout->addWidget(table_, 1);

    detail_ = new DetailTreeView(this);
    detail_->setObjectName(QStringLiteral("detailTree"));
    hex_ = new HexView(this);
    hex_->setObjectName(QStringLiteral("bytesView"));
    listBox_ = listBox;
    split_ = new QSplitter(Qt::Vertical, this);
    split_->setObjectName(QStringLiteral("paneSplitter"));
    lowerSplit_ = new QSplitter(Qt::Horizontal, this);
    lowerSplit_->setObjectName(QStringLiteral("lowerSplitter"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split_);

    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& cur) {
        if (cur.isValid())
            showPacket(model_->frameAt(cur.row()));
    });
    connect(detail_, &DetailTreeView::bytesSelected, hex_, &HexView::setHighlight);
    connect(hex_, &HexView::byteClicked, detail_, &DetailTreeView::selectByte);
    // The status bar: the field's description and filter name, its expert severity, where its link goes.
    connect(detail_, &DetailTreeView::itemInfo, this, [this](int severity, quint64 link) {
        QTreeWidgetItem* item = detail_->currentItem();
        const synflow::Field* f = detail_->fieldOf(item);
        if (!f && severity >= 0 && item) // an expert line: the field it was raised on
            f = detail_->fieldOf(item->parent());
        QStringList parts;
        if (f)
            parts << tr("%1 (%2)").arg(QString::fromStdString(f->description), QString::fromStdString(f->name));
        if (severity >= 0)
            parts << tr("Expert severity: %1").arg(DetailTreeView::severityName(severity));
        if (link)
            parts << tr("Double-click to go to frame %1").arg(link);
        emit fieldSelected(parts.join(QStringLiteral(" · ")));
    });
    connect(detail_, &DetailTreeView::frameLinkActivated, this, [this](quint64 frame) { goToPacket(size_t(frame)); });
    showContextMenus();
    listFont_ = table_->font();
    treeFont_ = detail_->font();
    bytesFont_ = hex_->font();
    Preferences* prefs = Preferences::instance();
    applyPaneLayout();
    applyZoom();
    model_->setTimeFormat(prefs->timeFormat());
    model_->setTimePrecision(prefs->timePrecision());
    model_->setColorize(prefs->colorize());
    model_->setDesegment(prefs->tcpDesegment());
    connect(prefs, &Preferences::paneLayoutChanged, this, &PacketPane::applyPaneLayout);
    connect(prefs, &Preferences::fontChanged, this, &PacketPane::applyZoom);
    connect(prefs, &Preferences::timeFormatChanged, this, [this, prefs] {
        model_->setTimeFormat(prefs->timeFormat());
        model_->setTimePrecision(prefs->timePrecision());
    });
    connect(prefs, &Preferences::colorizeChanged, model_, &PacketListModel::setColorize);
    connect(prefs, &Preferences::tcpDesegmentChanged, model_, &PacketListModel::setDesegment);
    connect(prefs, &Preferences::tcpDesegmentChanged, this, [this] {
        if (shown_ != size_t(-1))
            showPacket(shown_); // the details follow the list: reassembled messages or not
    });
    retranslate();
}

void PacketPane::applyPaneLayout()
{
    // The list above, the details and bytes below it or beside it, as Wireshark's layouts.
    const Preferences::PaneLayout layout = Preferences::instance()->paneLayout();
    const bool lower = layout == Preferences::PaneLayout::DetailsBesideBytes;
    split_->setOrientation(layout == Preferences::PaneLayout::SideBySide ? Qt::Horizontal : Qt::Vertical);
    split_->addWidget(listBox_);
    if (lower) {
        lowerSplit_->addWidget(detail_);
        lowerSplit_->addWidget(hex_);
        split_->addWidget(lowerSplit_);
    } else {
        split_->addWidget(detail_);
        split_->addWidget(hex_);
        lowerSplit_->setParent(this);
    }
    lowerSplit_->setVisible(lower);
    for (int i = 0; i < split_->count(); ++i)
        split_->setStretchFactor(i, lower ? 3 - i : i == 0 ? 3 : i == 1 ? 2 : 1);
    lowerSplit_->setStretchFactor(0, 2);
    lowerSplit_->setStretchFactor(1, 1);
}


void PacketPane::showContextMenus()
{
    table_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(table_, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        const QModelIndex index = table_->indexAt(at);
        if (index.isValid() && index.row() != table_->currentIndex().row())
            table_->selectRow(index.row());
        PacketMenus::showPacketListMenu(*this, index, table_->viewport()->mapToGlobal(at));
    });
    detail_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(detail_, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        if (QTreeWidgetItem* item = detail_->itemAt(at))
            detail_->setCurrentItem(item);
        PacketMenus::showDetailTreeMenu(*this, detail_->currentItem(), detail_->viewport()->mapToGlobal(at));
    });
    QHeaderView* header = table_->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, [this, header](const QPoint& at) {
        PacketMenus::showHeaderMenu(*this, header->logicalIndexAt(at), header->mapToGlobal(at));
    });
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
    findJob_->cancel(); // its result would name a packet of the capture before
    capture_ = std::move(capture);
    growing_ = growing;
    clearPacket();
    history_.clear();
    historyPos_ = 0;
    emit historyChanged();
    model_->setCapture(capture_);
    if (growing_ && capture_) {
        model_->analysisReady();
        if (hasFilterText())
            applyDisplayFilter();
    }
}

int PacketPane::spareListWidth(int infoWidth) const
{
    // The list's width: its viewport once laid out, the pane's (less a scroll bar) before that.
    const int list = table_->isVisible() ? table_->viewport()->width() : width() - table_->verticalScrollBar()->sizeHint().width();
    int others = 0;
    for (int c = 0; c < model_->columnCount(); ++c)
        if (c != PacketListModel::Info && !table_->isColumnHidden(c))
            others += table_->columnWidth(c);
    return list - others - infoWidth;
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

void PacketPane::applyFilterText(const QString& text)
{
    filter_->setText(text);
    applyDisplayFilter();
}

void PacketPane::requestFollow(size_t frame, bool udp)
{
    goToPacket(frame + 1);
    if (udp)
        emit followUdpRequested();
    else
        emit followRequested();
}

void PacketPane::focusFilter()
{
    filter_->setFocus();
    filter_->selectAll();
}

void PacketPane::applyDisplayFilter()
{
    if (!filter_->isValid()) {
        emit message(tr("Invalid display filter: %1").arg(filter_->errorText()));
        return;
    }
    auto filter = std::make_shared<DisplayFilter>();
    std::string error;
    filter->compile(Anonymity::instance().real(filter_->text().trimmed(), capture_).toStdString(), error);
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
    tree_ = DetailTree();
    detail_->clearTree();
    hex_->setBytes({});
}

void PacketPane::showPacket(size_t frame)
{
    if (!capture_ || frame >= model_->frameCount())
        return;
    shown_ = frame;
    const auto bytes = capture_->file().packetBytes(frame);
    tree_ = buildDetailTree(*capture_, frame, Preferences::instance()->tcpDesegment());
    QByteArray copy(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
    capture_->file().checkShrunk(); // one fstat per selection: finds a cut inside the last page too
    if (capture_->file().intact(frame)) {
        if (const auto anonymiser = Anonymity::instance().active(capture_))
            tree_.relabel([&](const std::string& label) { return anonymiser->rewrite(label); });
        detail_->setTree(tree_);
        hex_->setBytes(copy);
    } else { // its bytes were lost as the file shrank (zeros were read): nothing true to show
        tree_ = DetailTree();
        detail_->clearTree();
        hex_->setBytes({});
    }
    if (!walkingHistory_ && (history_.empty() || history_[historyPos_] != frame)) {
        if (!history_.empty())
            history_.resize(historyPos_ + 1); // a new path drops the packets one could go forward to
        history_.push_back(frame);
        historyPos_ = history_.size() - 1;
        emit historyChanged();
    }
    emit frameSelected(frame);
}

void PacketPane::goToPacket(size_t number)
{
    // Wireshark's words when it cannot go there; the selection stays.
    if (number == 0 || number > model_->frameCount())
        emit message(tr("There is no packet number %1.").arg(number));
    else if (model_->rowOf(number - 1) < 0)
        emit message(tr("Packet number %1 isn't displayed.").arg(number));
    else
        selectFrame(number - 1);
}

void PacketPane::selectFrame(size_t frame)
{
    const int row = model_->rowOf(frame);
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

// ---- Filters from the selection -----------------------------------------------------------

QString PacketPane::filterText() const { return filter_->text(); }

void PacketPane::useFilter(const QString& selected, FilterJoin how, bool apply)
{
    if (selected.isEmpty())
        return;
    filter_->setText(QString::fromStdString(joinFilters(filter_->text().trimmed().toStdString(), selected.toStdString(), how)));
    if (apply)
        applyDisplayFilter();
    else
        filter_->setFocus();
}

QString PacketPane::fieldFilter(QTreeWidgetItem* item) const
{
    const int node = detail_->nodeOf(item);
    if (node < 0 || !capture_ || shown_ == size_t(-1))
        return {};
    const FrameFields frame(*capture_, shown_);
    return Anonymity::instance().shown(QString::fromStdString(nodeFilter(tree_, node, frame)), capture_);
}

QString PacketPane::selectedFieldFilter() const { return fieldFilter(detail_->currentItem()); }

QString PacketPane::columnFilter(int row, int column) const
{
    if (!capture_ || row < 0 || row >= model_->rowCount())
        return {};
    const size_t frame = model_->frameAt(row);
    if (capture_->index()[frame].kind == RecordKind::CustomBlock)
        return {};
    const FrameFields fields(*capture_, frame);
    if (const Field* f = model_->customField(column)) {
        const FieldValues values = f->values(fields.source());
        return values.empty() ? QString() : Anonymity::instance().shown(QString::fromStdString(synflow::fieldFilter(*f, values.front())), capture_);
    }
    ListColumn c;
    switch (column) {
    case PacketListModel::Number: c = ListColumn::Number; break;
    case PacketListModel::Time: // only the time since the start is a field our filters read
        if (model_->timeFormat() != PacketListModel::TimeFormat::SinceStart || model_->isTimeReference(frame))
            return {};
        c = ListColumn::TimeRelative;
        break;
    case PacketListModel::Source: c = ListColumn::Source; break;
    case PacketListModel::Destination: c = ListColumn::Destination; break;
    case PacketListModel::Length: c = ListColumn::Length; break;
    default: return {}; // Protocol and Info: no field behind them, as in Wireshark
    }
    return Anonymity::instance().shown(QString::fromStdString(synflow::columnFilter(c, fields)), capture_);
}

QString PacketPane::conversationFilter(size_t frame, ConversationLayer layer) const
{
    if (!capture_ || frame >= model_->frameCount() || capture_->index()[frame].kind == RecordKind::CustomBlock)
        return {};
    const FrameFields fields(*capture_, frame);
    return Anonymity::instance().shown(QString::fromStdString(synflow::conversationFilter(layer, fields)), capture_);
}

void PacketPane::colorizeConversation(size_t frame, ConversationLayer layer, int slot)
{
    const QString text = Anonymity::instance().real(conversationFilter(frame, layer), capture_);
    auto filter = std::make_shared<DisplayFilter>();
    std::string error;
    if (text.isEmpty() || !filter->compile(text.toStdString(), error))
        return;
    model_->setTemporaryColour(slot, std::move(filter));
}

void PacketPane::resetColorization() { model_->clearTemporaryColours(); }

// ---- Marks and time references ------------------------------------------------------------

void PacketPane::toggleMark()
{
    if (shown_ == size_t(-1))
        return;
    model_->setMarked(shown_, !model_->isMarked(shown_));
    emit marksChanged();
}

void PacketPane::markAllDisplayed(bool mark)
{
    model_->setAllMarked(mark);
    emit marksChanged();
}

void PacketPane::stepMark(int direction)
{
    if (model_->marked().empty())
        return;
    bool wrapped = false;
    const size_t from = shown_ == size_t(-1) ? model_->frameCount() - 1 : shown_;
    const int64_t f = findFrame(model_->frameCount(), from, direction < 0, model_->shownMask(),
                                [this](size_t frame) { return model_->isMarked(frame); }, &wrapped);
    if (f >= 0)
        selectFrame(size_t(f));
}

void PacketPane::toggleTimeReference()
{
    if (shown_ == size_t(-1))
        return;
    model_->setTimeReference(shown_, !model_->isTimeReference(shown_));
    emit marksChanged();
}

bool PacketPane::canComment(size_t frame) const
{
    if (!capture_ || frame >= capture_->packetCount())
        return false;
    // pcapng keeps comments in Enhanced (and obsolete) Packet Blocks only; a pcap is saved as pcapng.
    const synflow::RecordKind kind = capture_->index()[frame].kind;
    return capture_->file().format() != synflow::FileFormat::PcapNg || kind == synflow::RecordKind::EnhancedPacket
        || kind == synflow::RecordKind::ObsoletePacket;
}

std::vector<std::string> PacketPane::comments(size_t frame) const
{
    return capture_ && frame < capture_->packetCount() ? capture_->file().packetComments(frame) : std::vector<std::string>{};
}

void PacketPane::editComment(size_t frame, int which)
{
    if (canComment(frame))
        PacketCommentEdit::open(this, capture_->file(), frame, which, [this](size_t f) { commentsEdited(f); });
}

void PacketPane::deleteComment(size_t frame, int which)
{
    if (!canComment(frame))
        return;
    PacketCommentEdit::remove(capture_->file(), frame, which);
    commentsEdited(frame);
}

void PacketPane::commentsEdited(size_t frame)
{
    model_->frameChanged(frame);
    if (frame == shown_)
        showPacket(frame); // the tree's Packet comments
    emit commentsChanged(frame);
}

void PacketPane::clearTimeReferences()
{
    for (size_t f = 0; f < model_->frameCount(); ++f)
        if (model_->isTimeReference(f))
            model_->setTimeReference(f, false);
    emit marksChanged();
}

// ---- Copy ---------------------------------------------------------------------------------

QString PacketPane::summaryText(int row, bool csv) const
{
    if (row < 0 || row >= model_->rowCount())
        return {};
    QStringList header, cells;
    for (int c = 0; c < model_->columnCount(); ++c)
        if (!table_->isColumnHidden(c)) {
            header << model_->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
            cells << model_->data(model_->index(row, c), Qt::DisplayRole).toString();
        }
    auto join = [csv](QStringList parts) {
        if (!csv)
            return parts.join(QLatin1Char('\t'));
        for (QString& p : parts)
            p = QLatin1Char('"') + QString(p).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
        return parts.join(QLatin1Char(','));
    };
    return join(header) + QLatin1Char('\n') + join(cells) + QLatin1Char('\n');
}

QString PacketPane::bytesHexStream() const { return QString::fromLatin1(hex_->bytes().toHex()); }

QString PacketPane::bytesHexDump() const
{
    const QByteArray& b = hex_->bytes();
    QString out;
    for (qsizetype line = 0; line < b.size(); line += 16) {
        QString hex, ascii;
        for (qsizetype i = line; i < line + 16; ++i) {
            if (i == line + 8)
                hex += QLatin1Char(' ');
            if (i < b.size()) {
                const auto c = static_cast<unsigned char>(b[i]);
                hex += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                ascii += c >= 0x20 && c < 0x7f ? QChar(c) : QChar(QLatin1Char('.'));
            } else {
                hex += QStringLiteral("   ");
            }
        }
        out += QStringLiteral("%1  %2 %3\n").arg(line, 4, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    return out;
}

// ---- Find ---------------------------------------------------------------------------------

void PacketPane::showFindBar() { findBar_->activate(); }

void PacketPane::find(bool backwards)
{
    if (findBar_->isHidden())
        findBar_->show();
    if (!capture_ || !capture_->ready() || model_->rowCount() == 0)
        return;
    const PacketSearch::Query q = PacketSearch::prepare(*findBar_, *model_, shown_, backwards);
    if (!q.error.isEmpty()) {
        emit message(q.error);
        return;
    }
    findJob_->start(q, capture_, growing_, *model_, *table_);
}

void PacketPane::showFindResult(const PacketSearch::Result& r)
{
    findBar_->setSearching(false);
    if (r.frame >= 0) {
        selectFrame(size_t(r.frame));
        if (r.where.node >= 0)
            detail_->selectNode(r.where.node);
        else if (r.where.length)
            hex_->setHighlight(r.where.offset, r.where.length);
    }
    emit message(r.message);
}

// ---- History and zoom ---------------------------------------------------------------------

void PacketPane::goBack()
{
    if (!canGoBack())
        return;
    walkingHistory_ = true;
    selectFrame(history_[--historyPos_]);
    walkingHistory_ = false;
    emit historyChanged();
}

void PacketPane::goForward()
{
    if (!canGoForward())
        return;
    walkingHistory_ = true;
    selectFrame(history_[++historyPos_]);
    walkingHistory_ = false;
    emit historyChanged();
}

void PacketPane::goFirst()
{
    if (model_->rowCount())
        selectFrame(model_->frameAt(0));
}

void PacketPane::goLast()
{
    if (model_->rowCount())
        selectFrame(model_->frameAt(model_->rowCount() - 1));
}

void PacketPane::zoom(int step)
{
    Preferences* prefs = Preferences::instance();
    prefs->setZoomLevel(step == 0 ? 0 : prefs->zoomLevel() + step); // applyZoom() follows its signal
}

int PacketPane::zoomLevel() const { return Preferences::instance()->zoomLevel(); }

void PacketPane::applyZoom()
{
    // The main font (Preferences) for the list and the tree; the bytes keep their fixed-pitch
    // family, which their columns need, and take its size. Then one point a zoom step, as
    // Wireshark zooms its main views.
    const QFont main = Preferences::instance()->mainFont();
    const int level = zoomLevel();
    auto zoomed = [&](QFont f, bool family) {
        if (!main.family().isEmpty()) {
            if (family)
                f = main;
            else
                f.setPointSizeF(main.pointSizeF());
        }
        f.setPointSizeF(std::max(4.0, f.pointSizeF() + level));
        return f;
    };
    table_->setFont(zoomed(listFont_, true));
    table_->verticalHeader()->setDefaultSectionSize(QFontMetrics(table_->font()).height() + 6);
    detail_->setFont(zoomed(treeFont_, true));
    hex_->setFont(zoomed(bytesFont_, false));
}
