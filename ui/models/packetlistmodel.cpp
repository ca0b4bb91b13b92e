#include "models/packetlistmodel.h"
#include "support/anonymity.h"

#include "analysis/analysedcapture.h"

#include "models/packetcolours.h"
#include "models/packetlistmodel_p.h"

#include "capture/capturefile.h"
#include "decode/packetdecoder.h"
#include "proto/enterprisenames.h"
#include "proto/columnaddress.h"
#include "fields/fieldregistry.h"
#include "filter/displayfilter.h"
#include "filter/filterbuilder.h"
#include "output/textformat.h"
#include "proto/conversationprotocols.h"
#include "proto/desegmentedview.h"
#include "proto/infocolumn.h"
#include "proto/pducontinuation.h"
#include "proto/protocolsummary.h"
#include "tcp/tcptracker.h"


#include <algorithm>
#include <numeric>
#include <tuple>

using namespace synflow;

namespace {
DecodedPacket decodeFrame(const CaptureFile& c, size_t frame)
{
    detail::packetListDecodes.fetch_add(1, std::memory_order_relaxed);
    return c.decode(frame);
}

QString addressText(const DecodedPacket& d, bool source)
{
    // Anonymised: MAC addresses unnamed, so the anonymiser finds and replaces them whole.
    return QString::fromStdString(columnAddress(d, source, !Anonymity::instance().enabled()));
}
} // namespace

PacketListModel::PacketListModel(QObject* parent) : QAbstractTableModel(parent)
{
    connect(&Anonymity::instance(), &Anonymity::changed, this, [this] {
        row_.frame = size_t(-1); // its addresses were made for the other mode
        if (rowCount() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), {Qt::DisplayRole});
    });
}
PacketListModel::~PacketListModel() = default;

void PacketListModel::setCapture(std::shared_ptr<const AnalysedCapture> capture)
{
    beginResetModel();
    analysed_ = std::move(capture);
    capture_ = analysed_ ? std::shared_ptr<const CaptureFile>(analysed_, &analysed_->file()) : nullptr;
    tracker_.reset();
    protocols_.reset();
    rows_ = 0;
    order_.clear();
    rowOfFrame_.clear();
    run_ = false;
    runFirst_ = runCount_ = 0;
    filter_.reset();
    shown_.clear();
    invalidateRow();
    sortColumn_ = Number;
    sortOrder_ = Qt::AscendingOrder;
    marked_.clear(); // marks, references and conversation colours belong to the packets of one file
    refs_.clear();
    temporary_ = {};
    endResetModel();
}

void PacketListModel::clear()
{
    setCapture(nullptr);
}

void PacketListModel::setRowCount(size_t rows)
{
    if (!capture_)
        return;
    rows = std::min<size_t>(rows, size_t(std::numeric_limits<int>::max()));
    if (rows <= rows_)
        return;
    // New packets can change how earlier ones read (a conversation's protocol, a continuation).
    invalidateRow();
    if (!useOrder()) {
        beginInsertRows({}, int(rows_), int(rows) - 1);
        rows_ = rows;
        endInsertRows();
        return;
    }
    // A sorted or filtered view takes new rows at its end, in capture order.
    std::vector<uint32_t> added;
    for (size_t f = rows_; f < rows; ++f) {
        const bool shown = !filter_ || frameMatches(*filter_, *capture_, tracker_.get(), protocols_.get(), f);
        if (filter_)
            shown_.push_back(shown ? 1 : 0);
        if (shown)
            added.push_back(uint32_t(f));
    }
    rows_ = rows;
    if (run_ && (added.empty() || added.front() == runFirst_ + runCount_ || runCount_ == 0) &&
        (added.empty() || added.back() - added.front() + 1 == added.size())) {
        // still one run in capture order
        if (added.empty())
            return;
        beginInsertRows({}, int(runCount_), int(runCount_ + added.size()) - 1);
        if (runCount_ == 0)
            runFirst_ = added.front();
        runCount_ += added.size();
        endInsertRows();
        return;
    }
    if (run_)
        spellOutRun();
    rowOfFrame_.resize(rows, -1);
    if (added.empty())
        return;
    beginInsertRows({}, int(order_.size()), int(order_.size() + added.size()) - 1);
    for (const uint32_t f : added) {
        rowOfFrame_[f] = int32_t(order_.size());
        order_.push_back(f);
    }
    endInsertRows();
}

void PacketListModel::setDisplayFilter(std::shared_ptr<const DisplayFilter> filter, std::vector<uint8_t> shown)
{
    beginResetModel();
    filter_ = filter && !filter->empty() ? std::move(filter) : nullptr;
    shown_.clear();
    std::vector<uint32_t>().swap(order_);
    invalidateRow();
    if (filter_ && capture_) {
        shown_ = std::move(shown);
        shown_.resize(std::min(shown_.size(), rows_));
        for (size_t f = shown_.size(); f < rows_; ++f)
            shown_.push_back(frameMatches(*filter_, *capture_, tracker_.get(), protocols_.get(), f) ? 1 : 0);
        const size_t count = size_t(std::count(shown_.begin(), shown_.end(), uint8_t(1)));
        const size_t first = size_t(std::find(shown_.begin(), shown_.end(), uint8_t(1)) - shown_.begin());
        if (count != 0 && std::find(shown_.rbegin(), shown_.rend(), uint8_t(1)).base() - shown_.begin() == std::ptrdiff_t(first + count)) {
            // one run: never spelt out, not even for a moment
            std::vector<uint32_t>().swap(order_);
            std::vector<int32_t>().swap(rowOfFrame_);
            run_ = true;
            runFirst_ = first;
            runCount_ = count;
            endResetModel();
            reapplySort();
            return;
        }
        order_.reserve(count);
        for (size_t f = 0; f < rows_; ++f)
            if (shown_[f])
                order_.push_back(uint32_t(f));
    }
    rebuildRowIndex();
    endResetModel();
    reapplySort();
}

void PacketListModel::reapplySort()
{
    if (sortColumn_ != Number || sortOrder_ != Qt::AscendingOrder)
        sort(sortColumn_, sortOrder_);
}

void PacketListModel::rebuildRowIndex()
{
    run_ = false;
    if (!useOrder()) { // rowOf is arithmetic
        std::vector<int32_t>().swap(rowOfFrame_);
        return;
    }
    bool run = !order_.empty();
    for (size_t r = 1; run && r < order_.size(); ++r)
        run = order_[r] == order_[0] + r;
    if (run) { // rowOf is arithmetic too
        run_ = true;
        runFirst_ = order_[0];
        runCount_ = order_.size();
        std::vector<uint32_t>().swap(order_);
        std::vector<int32_t>().swap(rowOfFrame_);
        return;
    }
    rowOfFrame_.assign(rows_, -1);
    for (size_t r = 0; r < order_.size(); ++r)
        rowOfFrame_[order_[r]] = int32_t(r);
}

void PacketListModel::analysisReady()
{
    if (!analysed_ || !analysed_->tracker())
        return;
    tracker_ = std::shared_ptr<const TcpTracker>(analysed_, analysed_->tracker());
    protocols_ = analysed_->protocols() ? std::shared_ptr<const ConversationProtocols>(analysed_, analysed_->protocols()) : nullptr;
    invalidateRow();
    if (visibleRows())
        emit dataChanged(index(0, 0), index(int(visibleRows()) - 1, columnCount() - 1));
}

void PacketListModel::setTimeFormat(TimeFormat format)
{
    timeFormat_ = format;
    invalidateRow();
    if (visibleRows())
        emit dataChanged(index(0, Time), index(int(visibleRows()) - 1, Time));
}

void PacketListModel::setTimePrecision(TimePrecision precision)
{
    timePrecision_ = precision;
    setTimeFormat(timeFormat_);
}

void PacketListModel::setColorize(bool on)
{
    colorize_ = on;
    invalidateRow();
    if (visibleRows())
        emit dataChanged(index(0, 0), index(int(visibleRows()) - 1, columnCount() - 1), {Qt::BackgroundRole, Qt::ForegroundRole});
}

void PacketListModel::setDesegment(bool on)
{
    if (on == desegment_)
        return;
    desegment_ = on;
    invalidateRow();
    if (visibleRows())
        emit dataChanged(index(0, 0), index(int(visibleRows()) - 1, columnCount() - 1));
}

void PacketListModel::spellOutRun()
{
    if (!run_)
        return;
    run_ = false;
    order_.resize(runCount_);
    std::iota(order_.begin(), order_.end(), uint32_t(runFirst_));
    rowOfFrame_.assign(rows_, -1);
    for (size_t r = 0; r < order_.size(); ++r)
        rowOfFrame_[order_[r]] = int32_t(r);
}

int PacketListModel::rowOf(size_t frame) const
{
    if (frame >= rows_)
        return -1;
    if (run_)
        return frame >= runFirst_ && frame - runFirst_ < runCount_ ? int(frame - runFirst_) : -1;
    if (!useOrder())
        return int(frame);
    return frame < rowOfFrame_.size() ? rowOfFrame_[frame] : -1;
}

int PacketListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(visibleRows()); }

int PacketListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount + int(custom_.size()); }

void PacketListModel::setCustomColumns(const QStringList& fieldNames)
{
    beginResetModel();
    custom_.clear();
    for (const QString& name : fieldNames)
        if (const Field* f = findField(name.toStdString()))
            custom_.push_back(f);
    alignment_.resize(size_t(ColumnCount) + custom_.size());
    invalidateRow();
    if (sortColumn_ >= columnCount())
        sortColumn_ = Number;
    endResetModel();
}

bool PacketListModel::addCustomColumn(const QString& fieldName)
{
    const Field* f = findField(fieldName.toStdString());
    if (!f)
        return false;
    // Inserted, not reset: the selection, the header's sizes and hidden columns stay.
    const int at = columnCount();
    beginInsertColumns({}, at, at);
    custom_.push_back(f);
    alignment_.resize(size_t(columnCount()));
    invalidateRow();
    endInsertColumns();
    return true;
}

void PacketListModel::removeCustomColumn(int column)
{
    if (!customField(column))
        return;
    beginRemoveColumns({}, column, column);
    custom_.erase(custom_.begin() + (column - ColumnCount));
    if (size_t(column) < alignment_.size())
        alignment_.erase(alignment_.begin() + column);
    invalidateRow();
    if (sortColumn_ == column)
        sortColumn_ = Number;
    endRemoveColumns();
}

QStringList PacketListModel::customColumns() const
{
    QStringList out;
    for (const Field* f : custom_)
        out << QString::fromStdString(f->name);
    return out;
}

const Field* PacketListModel::customField(int column) const
{
    return column >= ColumnCount && size_t(column - ColumnCount) < custom_.size() ? custom_[size_t(column - ColumnCount)] : nullptr;
}

void PacketListModel::setColumnAlignment(int column, Qt::Alignment alignment)
{
    if (column < 0 || column >= columnCount())
        return;
    alignment_.resize(size_t(columnCount()));
    alignment_[size_t(column)] = alignment;
    if (visibleRows())
        emit dataChanged(index(0, column), index(int(visibleRows()) - 1, column), {Qt::TextAlignmentRole});
}

Qt::Alignment PacketListModel::columnAlignment(int column) const
{
    if (column >= 0 && size_t(column) < alignment_.size() && alignment_[size_t(column)])
        return alignment_[size_t(column)];
    return column == Number || column == Length ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter;
}

void PacketListModel::refreshRows(int firstColumn, int lastColumn)
{
    invalidateRow();
    if (visibleRows())
        emit dataChanged(index(0, firstColumn), index(int(visibleRows()) - 1, lastColumn));
}

void PacketListModel::setMarked(size_t frame, bool marked)
{
    if (marked)
        marked_.insert(uint32_t(frame));
    else
        marked_.erase(uint32_t(frame));
    invalidateRow();
    if (const int row = rowOf(frame); row >= 0)
        emit dataChanged(index(row, 0), index(row, columnCount() - 1));
}

void PacketListModel::frameChanged(size_t frame)
{
    invalidateRow();
    if (const int row = rowOf(frame); row >= 0)
        emit dataChanged(index(row, 0), index(row, columnCount() - 1));
}

void PacketListModel::setAllMarked(bool marked)
{
    for (size_t r = 0; r < visibleRows(); ++r) {
        const auto frame = uint32_t(frameAt(int(r)));
        if (marked)
            marked_.insert(marked_.end(), frame);
        else
            marked_.erase(frame);
    }
    refreshRows(0, columnCount() - 1); // one repaint, not one per row
}

void PacketListModel::setTimeReference(size_t frame, bool on)
{
    if (on)
        refs_.insert(uint32_t(frame));
    else
        refs_.erase(uint32_t(frame));
    refreshRows(Time, Time); // every later time counts from it
}

QColor PacketListModel::temporaryColour(int slot)
{
    // Wireshark's default temporary colours (gui.colorized_frame.bg), Color 1 to Color 10.
    static const QRgb colours[kTemporaryColours] = {0xffc0c0, 0xffc0ff, 0xe0c0e0, 0xc0c0ff, 0xc0e0e0,
                                                    0xc0ffff, 0xc0ffc0, 0xffffc0, 0xe0e0c0, 0xe0e0e0};
    return slot >= 0 && slot < kTemporaryColours ? QColor(colours[slot]) : QColor();
}

void PacketListModel::setTemporaryColour(int slot, std::shared_ptr<const DisplayFilter> filter)
{
    if (slot < 0 || slot >= kTemporaryColours)
        return;
    temporary_[size_t(slot)] = filter && !filter->empty() ? std::move(filter) : nullptr;
    refreshRows(0, columnCount() - 1);
}

void PacketListModel::clearTemporaryColours()
{
    temporary_ = {};
    refreshRows(0, columnCount() - 1);
}

bool PacketListModel::hasTemporaryColours() const
{
    return std::any_of(temporary_.begin(), temporary_.end(), [](const auto& f) { return bool(f); });
}

int PacketListModel::temporarySlotOf(size_t frame) const
{
    for (int slot = 0; slot < kTemporaryColours; ++slot)
        if (temporary_[size_t(slot)] && frameMatches(*temporary_[size_t(slot)], *capture_, tracker_.get(), protocols_.get(), frame))
            return slot;
    return -1;
}

QString PacketListModel::customText(size_t frame, const Field& f) const
{
    if (!analysed_)
        return {};
    const FrameFields fields(*analysed_, frame);
    FieldValues values;
    f.read(fields.source(), values);
    std::string out;
    appendFieldValues(out, f, values);
    return QString::fromStdString(out);
}

QVariant PacketListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (const Field* f = customField(section))
        return QString::fromStdString(f->description);
    switch (section) {
    case Number: return tr("No.");
    case Time: return tr("Time");
    case Source: return tr("Source");
    case Destination: return tr("Destination");
    case Protocol: return tr("Protocol");
    case Length: return tr("Length");
    case Info: return tr("Info");
    default: return {};
    }
}

QString PacketListModel::timeText(size_t frame) const
{
    const PacketIndex& idx = capture_->index();
    const PacketRecord& rec = idx[frame];
    if (rec.flags & RecordNoTimestamp)
        return {};
    if (isTimeReference(frame))
        return QStringLiteral("*REF*");
    const int digits = timeDigits(timePrecision_, capture_->interfaces()[rec.iface].tsResol);
    switch (timeFormat_) {
    case TimeFormat::SinceStart: {
        auto ref = refs_.upper_bound(uint32_t(frame)); // the latest reference before this frame, else the first frame
        const size_t base = ref == refs_.begin() ? 0 : *std::prev(ref);
        return QString::fromStdString(formatRelativeTime(nsBetween(rec.tsNs, idx[base].tsNs), digits));
    }
    case TimeFormat::SincePrevious:          // the previous displayed packet, as Wireshark means it
    case TimeFormat::SincePreviousCaptured: {
        size_t prev = frame;
        for (size_t f = frame; f-- > 0;)
            if (timeFormat_ == TimeFormat::SincePreviousCaptured || !filter_ || shown_[f]) {
                prev = f;
                break;
            }
        return QString::fromStdString(formatRelativeTime(nsBetween(rec.tsNs, idx[prev].tsNs), digits));
    }
    default:
        return QString::fromStdString(formatAbsoluteTime(timeFormat_, capture_->exactTime(frame), digits));
    }
}

ProtocolSummary PacketListModel::summary(size_t frame, const DecodedPacket& d, TcpPacketAnalysis* analysed) const
{
    TcpPacketAnalysis a;
    if (tracker_ && d.transport == TransportLayer::Tcp && d.tcpHeaderValid)
        a = tracker_->analysis(uint32_t(frame), capture_->index(), d);
    if (analysed)
        *analysed = a;
    return summarizeFrameView(uint32_t(frame), d, capture_->index()[frame], &a, protocols_.get(), desegment_);
}

QString PacketListModel::infoText(size_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a, const ProtocolSummary& s) const
{
    return QString::fromStdString(infoColumn(d, capture_->index()[frame], &a, s));
}

QString PacketListModel::cellText(size_t frame, int column) const
{
    if (!capture_ || frame >= rows_)
        return {};
    const PacketRecord& rec = capture_->index()[frame];
    switch (column) {
    case Number: return QString::number(frame + 1);
    case Time: return timeText(frame);
    case Length: return QString::number(rec.origLen);
    default: break;
    }
    if (const Field* f = customField(column))
        return rec.kind == RecordKind::CustomBlock ? QString() : customText(frame, *f);
    if (rec.kind == RecordKind::CustomBlock)
        return column == Protocol ? QStringLiteral("PCAPNG") : column == Info ? customBlockText(frame) : QString();
    if (column != Source && column != Destination && column != Protocol && column != Info)
        return {};
    const DecodedPacket d = decodeFrame(*capture_, frame);
    if (column == Source || column == Destination)
        return addressText(d, column == Source);
    TcpPacketAnalysis a;
    const ProtocolSummary s = summary(frame, d, &a);
    return column == Protocol ? QString::fromStdString(s.protocol) : infoText(frame, d, a, s);
}

// tshark's "Custom Block: PEN = name (N), will be copied", in the window's language.
QString PacketListModel::customBlockText(size_t frame) const
{
    const DecodedPacket d = decodeFrame(*capture_, frame);
    const char* name = enterpriseName(d.customPen);
    const QString enterprise = name ? QString::fromUtf8(name) : tr("Unknown");
    const int pen = int32_t(d.customPen); // signed, as tshark's Info prints it
    return d.customCopyAllowed ? tr("Custom Block: PEN = %1 (%2), will be copied").arg(enterprise).arg(pen)
                               : tr("Custom Block: PEN = %1 (%2), will not be copied").arg(enterprise).arg(pen);
}

const PacketListModel::RowCache* PacketListModel::cachedRow(size_t frame) const
{
    if (row_.frame == frame)
        return &row_;
    const PacketRecord& rec = capture_->index()[frame];
    if (rec.kind == RecordKind::CustomBlock) // nothing to decode; its text is translated
        return nullptr;
    row_.frame = size_t(-1); // until filled
    const DecodedPacket d = decodeFrame(*capture_, frame);
    TcpPacketAnalysis a;
    const ProtocolSummary s = summary(frame, d, &a);
    row_.text[Number] = QString::number(frame + 1);
    row_.text[Time] = timeText(frame);
    row_.text[Source] = addressText(d, true);
    row_.text[Destination] = addressText(d, false);
    row_.text[Protocol] = QString::fromStdString(s.protocol);
    row_.text[Length] = QString::number(rec.origLen);
    row_.text[Info] = infoText(frame, d, a, s);
    row_.custom.clear();
    for (const Field* f : custom_)
        row_.custom << customText(frame, *f);
    if (const int slot = hasTemporaryColours() ? temporarySlotOf(frame) : -1; slot >= 0)
        row_.background = temporaryColour(slot), row_.foreground = Qt::black;
    else
        std::tie(row_.background, row_.foreground) = packetColours(d, a.flags);
    row_.frame = frame;
    return &row_;
}

QString PacketListModel::shownCellText(size_t frame, int column) const
{
    const QString text = cellText(frame, column);
    if (column == Number || column == Time || column == Length || !Anonymity::instance().enabled())
        return text;
    return Anonymity::instance().shown(text, analysed_);
}

QVariant PacketListModel::data(const QModelIndex& index, int role) const
{
    if (!capture_ || !index.isValid() || index.row() >= int(visibleRows()) || index.column() >= columnCount())
        return {};
    const size_t frame = frameAt(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        const RowCache* r = cachedRow(frame);
        const QString text = !r ? cellText(frame, index.column())
                                : index.column() < ColumnCount ? r->text[index.column()] : r->custom.value(index.column() - ColumnCount);
        if (index.column() == Number || index.column() == Time || index.column() == Length || !Anonymity::instance().enabled())
            return text;
        return Anonymity::instance().shown(text, analysed_);
    }
    case Qt::TextAlignmentRole:
        return QVariant(columnAlignment(index.column()));
    case Qt::BackgroundRole:
    case Qt::ForegroundRole: {
        if (isMarked(frame)) // Wireshark's marked colours (gui.marked_frame), whether or not colouring is on
            return role == Qt::BackgroundRole ? QColor(0x00, 0x00, 0x5f) : QColor(Qt::white);
        if (!colorize_)
            return {};
        const RowCache* r = cachedRow(frame);
        const QColor c = !r ? QColor() : role == Qt::BackgroundRole ? r->background : r->foreground;
        return c.isValid() ? QVariant(c) : QVariant();
    }
    default:
        return {};
    }
}

void PacketListModel::sort(int column, Qt::SortOrder order)
{
    if (!capture_ || column < 0 || column >= columnCount())
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<size_t> framesBefore;
    for (const QModelIndex& i : before)
        framesBefore.push_back(frameAt(i.row()));
    sortColumn_ = column;
    sortOrder_ = order;
    invalidateRow();
    std::vector<uint32_t> o;
    if (filter_) { // only the displayed frames
        for (size_t f = 0; f < rows_; ++f)
            if (shown_[f])
                o.push_back(uint32_t(f));
    } else {
        o.resize(rows_);
        std::iota(o.begin(), o.end(), 0u);
    }
    const PacketIndex& idx = capture_->index();
    if (column == Number) {
        // capture order
    } else if (column == Length) {
        std::stable_sort(o.begin(), o.end(), [&](uint32_t a, uint32_t b) { return idx[a].origLen < idx[b].origLen; });
    } else if (column == Time && !(timeFormat_ == TimeFormat::SincePrevious || timeFormat_ == TimeFormat::SincePreviousCaptured)) {
        std::stable_sort(o.begin(), o.end(), [&](uint32_t a, uint32_t b) { return idx[a].tsNs < idx[b].tsNs; });
    } else if (const Field* cf = customField(column); cf && cf->type != FieldType::String && cf->type != FieldType::Bytes &&
                                                      cf->type != FieldType::Ether && cf->type != FieldType::Ipv6) {
        std::vector<double> keys(rows_); // numbers sort as numbers (the first occurrence)
        for (const uint32_t f : o)
            keys[f] = cellText(f, column).section(QLatin1Char(','), 0, 0).toDouble();
        if (cf->type == FieldType::Ipv4) // a.b.c.d as one number
            for (const uint32_t f : o) {
                const QStringList parts = cellText(f, column).section(QLatin1Char(','), 0, 0).split(QLatin1Char('.'));
                double key = 0;
                for (const QString& p : parts)
                    key = key * 256 + p.toDouble();
                keys[f] = key;
            }
        std::stable_sort(o.begin(), o.end(), [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
    } else {
        std::vector<QString> keys(rows_);
        for (const uint32_t f : o)
            keys[f] = cellText(f, column);
        std::stable_sort(o.begin(), o.end(), [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
    }
    if (order == Qt::DescendingOrder)
        std::reverse(o.begin(), o.end());
    if (column == Number && order == Qt::AscendingOrder && !filter_)
        o.clear();
    order_ = std::move(o);
    rebuildRowIndex(); // before persistent indexes are moved through rowOf
    QModelIndexList after;
    for (qsizetype k = 0; k < before.size(); ++k)
        after << index(rowOf(framesBefore[size_t(k)]), before[k].column());
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}
