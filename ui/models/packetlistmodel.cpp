#include "models/packetlistmodel.h"

#include "analysis/analysedcapture.h"

#include "models/packetcolours.h"
#include "models/packetlistmodel_p.h"

#include "capture/capturefile.h"
#include "decode/packetdecoder.h"
#include "filter/displayfilter.h"
#include "output/textformat.h"
#include "proto/conversationprotocols.h"
#include "proto/pducontinuation.h"
#include "proto/protocolsummary.h"
#include "tcp/tcpinfo.h"
#include "tcp/tcptracker.h"

#include <QDateTime>
#include <QTimeZone>

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
    if (d.net == NetLayer::IPv4) {
        const Ipv4View ip{d.at(d.netOffset)};
        return QString::fromStdString(formatIpv4(source ? ip.src() : ip.dst()));
    }
    if (d.net == NetLayer::IPv6) {
        const Ipv6View ip{d.at(d.netOffset)};
        return QString::fromStdString(formatIpv6(source ? ip.src() : ip.dst()));
    }
    return {};
}
} // namespace

PacketListModel::PacketListModel(QObject* parent) : QAbstractTableModel(parent) { }
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
    filter_.reset();
    shown_.clear();
    invalidateRow();
    sortColumn_ = Number;
    sortOrder_ = Qt::AscendingOrder;
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
    order_.clear();
    invalidateRow();
    if (filter_ && capture_) {
        shown_ = std::move(shown);
        shown_.resize(std::min(shown_.size(), rows_));
        for (size_t f = shown_.size(); f < rows_; ++f)
            shown_.push_back(frameMatches(*filter_, *capture_, tracker_.get(), protocols_.get(), f) ? 1 : 0);
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
    if (!useOrder()) { // rowOf is arithmetic
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
        emit dataChanged(index(0, 0), index(int(visibleRows()) - 1, ColumnCount - 1));
}

void PacketListModel::setTimeFormat(TimeFormat format)
{
    timeFormat_ = format;
    invalidateRow();
    if (visibleRows())
        emit dataChanged(index(0, Time), index(int(visibleRows()) - 1, Time));
}

void PacketListModel::setColorize(bool on)
{
    colorize_ = on;
    invalidateRow();
    if (visibleRows())
        emit dataChanged(index(0, 0), index(int(visibleRows()) - 1, ColumnCount - 1), {Qt::BackgroundRole, Qt::ForegroundRole});
}

int PacketListModel::rowOf(size_t frame) const
{
    if (frame >= rows_)
        return -1;
    if (!useOrder())
        return int(frame);
    return frame < rowOfFrame_.size() ? rowOfFrame_[frame] : -1;
}

int PacketListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(visibleRows()); }

int PacketListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant PacketListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
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
    std::string s;
    switch (timeFormat_) {
    case TimeFormat::SinceStart:
        appendSeconds(s, nsBetween(rec.tsNs, idx[0].tsNs));
        return QString::fromStdString(s);
    case TimeFormat::SincePrevious: { // the previous displayed packet, as Wireshark means it
        size_t prev = frame;
        for (size_t f = frame; f-- > 0;)
            if (!filter_ || shown_[f]) {
                prev = f;
                break;
            }
        appendSeconds(s, nsBetween(rec.tsNs, idx[prev].tsNs));
        return QString::fromStdString(s);
    }
    case TimeFormat::TimeOfDay:
    case TimeFormat::UtcDateTime: {
        const Timestamp t = capture_->exactTime(frame);
        const QDateTime dt = QDateTime::fromSecsSinceEpoch(t.sec, timeFormat_ == TimeFormat::UtcDateTime ? QTimeZone::utc() : QTimeZone::systemTimeZone());
        const QString frac = QStringLiteral(".%1").arg(t.nsec, 9, 10, QLatin1Char('0'));
        return dt.toString(timeFormat_ == TimeFormat::UtcDateTime ? QStringLiteral("yyyy-MM-dd HH:mm:ss") : QStringLiteral("HH:mm:ss")) + frac;
    }
    }
    return {};
}

ProtocolSummary PacketListModel::summary(size_t frame, const DecodedPacket& d, TcpPacketAnalysis* analysed) const
{
    TcpPacketAnalysis a;
    if (tracker_ && d.transport == TransportLayer::Tcp && d.tcpHeaderValid)
        a = tracker_->analysis(uint32_t(frame), capture_->index(), d);
    if (analysed)
        *analysed = a;
    return summarizeFrame(d, capture_->index()[frame], &a, protocols_.get());
}

QString PacketListModel::infoText(const DecodedPacket& d, const TcpPacketAnalysis& a, const ProtocolSummary& s) const
{
    if (s.protocol != "TCP" && s.protocol != "MPTCP") {
        std::string shown; // packet text: one line, control bytes shown as escapes (as tshark's column)
        appendEscapedText(shown, s.info);
        return QString::fromStdString(shown);
    }
    if (!d.tcpHeaderValid) {
        if (!d.tcpPortsValid)
            return {};
        const TcpView tcp{d.at(d.transportOffset)};
        return QStringLiteral("%1 → %2").arg(tcp.srcPort()).arg(tcp.dstPort());
    }
    std::string info;
    if (a.valid) {
        appendTcpInfo(info, d, a, TcpView{d.at(d.transportOffset)}.ack() - a.ack, s.continuationTo);
        return QString::fromStdString(info);
    }
    // Still loading: the segment as it stands, raw numbers, no analysis yet.
    const TcpView tcp{d.at(d.transportOffset)};
    info = std::to_string(tcp.srcPort()) + " \xe2\x86\x92 " + std::to_string(tcp.dstPort()) + " [";
    appendTcpFlagNames(info, tcp.flags());
    info += "] Seq=" + std::to_string(tcp.seq()) + " Win=" + std::to_string(tcp.window()) + " Len=" + std::to_string(d.tcpPayloadLen);
    return QString::fromStdString(info);
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
    if (rec.kind == RecordKind::CustomBlock)
        return column == Protocol ? QStringLiteral("PCAPNG") : column == Info ? tr("Custom Block") : QString();
    if (column != Source && column != Destination && column != Protocol && column != Info)
        return {};
    const DecodedPacket d = decodeFrame(*capture_, frame);
    if (column == Source || column == Destination)
        return addressText(d, column == Source);
    TcpPacketAnalysis a;
    const ProtocolSummary s = summary(frame, d, &a);
    return column == Protocol ? QString::fromStdString(s.protocol) : infoText(d, a, s);
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
    row_.text[Info] = infoText(d, a, s);
    std::tie(row_.background, row_.foreground) = packetColours(d, a.flags);
    row_.frame = frame;
    return &row_;
}

QVariant PacketListModel::data(const QModelIndex& index, int role) const
{
    if (!capture_ || !index.isValid() || index.row() >= int(visibleRows()) || index.column() >= ColumnCount)
        return {};
    const size_t frame = frameAt(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        const RowCache* r = cachedRow(frame);
        return r ? r->text[index.column()] : cellText(frame, index.column());
    }
    case Qt::TextAlignmentRole:
        return index.column() == Number || index.column() == Length ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::BackgroundRole:
    case Qt::ForegroundRole: {
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
    if (!capture_ || column < 0 || column >= ColumnCount)
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
    } else if (column == Time && timeFormat_ != TimeFormat::SincePrevious) {
        std::stable_sort(o.begin(), o.end(), [&](uint32_t a, uint32_t b) { return idx[a].tsNs < idx[b].tsNs; });
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
