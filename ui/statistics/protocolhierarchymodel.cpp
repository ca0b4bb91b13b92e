#include "statistics/protocolhierarchymodel.h"

#include "fields/fieldregistry.h"

#include <QHash>
#include <QLocale>

using namespace synflow;

ProtocolHierarchyModel::ProtocolHierarchyModel(QObject* parent) : QAbstractItemModel(parent) { }

void ProtocolHierarchyModel::setHierarchy(std::shared_ptr<const ProtocolHierarchy> phs)
{
    beginResetModel();
    phs_ = std::move(phs);
    endResetModel();
}

void ProtocolHierarchyModel::retranslate() { emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1); }

QModelIndex ProtocolHierarchyModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!phs_ || row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid()) // the one top row: Frame, the root node
        return row == 0 ? createIndex(row, column, quintptr(0)) : QModelIndex();
    const auto& children = phs_->nodes[size_t(nodeOf(parent))].children;
    if (row >= int(children.size()))
        return {};
    return createIndex(row, column, quintptr(children[size_t(row)]));
}

QModelIndex ProtocolHierarchyModel::parent(const QModelIndex& child) const
{
    const int32_t node = nodeOf(child);
    if (!phs_ || node <= 0)
        return {};
    const int32_t up = phs_->nodes[size_t(node)].parent;
    if (up == 0)
        return createIndex(0, 0, quintptr(0));
    const auto& siblings = phs_->nodes[size_t(phs_->nodes[size_t(up)].parent)].children;
    const int row = int(std::find(siblings.begin(), siblings.end(), up) - siblings.begin());
    return createIndex(row, 0, quintptr(up));
}

int ProtocolHierarchyModel::rowCount(const QModelIndex& parent) const
{
    if (!phs_)
        return 0;
    if (!parent.isValid())
        return phs_->frames ? 1 : 0;
    if (parent.column() != 0)
        return 0;
    return int(phs_->nodes[size_t(nodeOf(parent))].children.size());
}

int ProtocolHierarchyModel::columnCount(const QModelIndex&) const { return ColumnCount; }

double ProtocolHierarchyModel::seconds() const { return phs_ ? double(phs_->lastNs - phs_->firstNs) / 1e9 : 0.0; }

QVariant ProtocolHierarchyModel::data(const QModelIndex& index, int role) const
{
    if (!phs_ || !index.isValid())
        return {};
    const int32_t id = nodeOf(index);
    const PhsNode& n = phs_->nodes[size_t(id)];
    const QString filterName = id == 0 ? QStringLiteral("frame") : QString::fromStdString(n.name);
    if (role == FilterNameRole)
        return filterName;
    if (role == Qt::ToolTipRole && index.column() == Protocol)
        return filterName;
    if (role == Qt::TextAlignmentRole)
        return index.column() == Protocol ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    const double secs = seconds();
    // Wireshark's bits/s: over the capture's span; "N/A" when it has none.
    const auto rate = [secs](uint64_t bytes) { return secs > 0 ? QString::number(qint64(double(bytes) * 8 / secs)) : QStringLiteral("N/A"); };
    const auto percent = [](uint64_t part, uint64_t whole) {
        return QString::number(whole ? 100.0 * double(part) / double(whole) : 0.0, 'f', 1);
    };
    switch (index.column()) {
    case Protocol: {
        if (const Field* f = findField(id == 0 ? std::string_view("frame") : std::string_view(n.name));
            f && f->type == FieldType::Protocol)
            return QString::fromStdString(f->description);
        // Wireshark's names of layers our field registry has no protocol entry for.
        static const QHash<QString, QString> names{{QStringLiteral("pkt_comment"), QStringLiteral("Packet comments")},
                                                   {QStringLiteral("data"), QStringLiteral("Data")},
                                                   {QStringLiteral("tls"), QStringLiteral("Transport Layer Security")},
                                                   {QStringLiteral("dns"), QStringLiteral("Domain Name System")},
                                                   {QStringLiteral("ssh"), QStringLiteral("SSH Protocol")}};
        return names.value(filterName, filterName);
    }
    case PercentPackets: return percent(n.frames, phs_->frames);
    case Packets: return QString::number(n.frames);
    case PercentBytes: return percent(n.bytes, phs_->bytes);
    case Bytes: return QString::number(n.bytes);
    case BitsPerSecond: return rate(n.bytes);
    case EndPackets: return QString::number(n.endFrames);
    case EndBytes: return QString::number(n.endBytes);
    case EndBitsPerSecond: return rate(n.endBytes);
    default: return {};
    }
}

QVariant ProtocolHierarchyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Protocol: return tr("Protocol");
    case PercentPackets: return tr("Percent Packets");
    case Packets: return tr("Packets");
    case PercentBytes: return tr("Percent Bytes");
    case Bytes: return tr("Bytes");
    case BitsPerSecond: return tr("Bits/s");
    case EndPackets: return tr("End Packets");
    case EndBytes: return tr("End Bytes");
    case EndBitsPerSecond: return tr("End Bits/s");
    default: return {};
    }
}
