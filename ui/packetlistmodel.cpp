#include "packetlistmodel.h"

#include "capture/capturefile.h"
#include "decode/packetdecoder.h"
#include "output/textformat.h"

#include <algorithm>
#include <limits>

using namespace synflow;

PacketListModel::PacketListModel(QObject* parent) : QAbstractTableModel(parent) { }

void PacketListModel::setCapture(const CaptureFile* capture)
{
    beginResetModel();
    capture_ = capture;
    rows_ = 0;
    firstTimeNs_ = 0;
    endResetModel();
    refresh();
}

void PacketListModel::refresh()
{
    if (!capture_)
        return;
    const size_t n = std::min<size_t>(capture_->packetCount(), size_t(std::numeric_limits<int>::max()));
    if (int(n) <= rows_)
        return;
    if (rows_ == 0 && n > 0)
        firstTimeNs_ = capture_->index()[0].tsNs;
    beginInsertRows({}, rows_, int(n) - 1);
    rows_ = int(n);
    endInsertRows();
}

int PacketListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : rows_; }

int PacketListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant PacketListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Number:
        return tr("No.");
    case Time:
        return tr("Time");
    case Source:
        return tr("Source");
    case Destination:
        return tr("Destination");
    case Protocol:
        return tr("Protocol");
    case Length:
        return tr("Length");
    case Info:
        return tr("Info");
    default:
        return {};
    }
}

QVariant PacketListModel::data(const QModelIndex& index, int role) const
{
    if (!capture_ || !index.isValid() || index.row() >= rows_)
        return {};
    if (role == Qt::TextAlignmentRole)
        return index.column() == Number || index.column() == Length ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    const size_t i = size_t(index.row());
    const PacketRecord& rec = capture_->index()[i];
    switch (index.column()) {
    case Number:
        return qulonglong(i + 1);
    case Time: {
        std::string s;
        appendSeconds(s, rec.tsNs - firstTimeNs_);
        return QString::fromStdString(s);
    }
    case Length:
        return rec.origLen;
    default:
        break;
    }
    if (rec.kind == RecordKind::CustomBlock)
        return index.column() == Protocol ? QStringLiteral("PCAPNG") : QVariant();
    const DecodedPacket d = decodePacket(capture_->linkType(i), capture_->packetBytes(i), rec.origLen);
    switch (index.column()) {
    case Source:
    case Destination: {
        const bool src = index.column() == Source;
        if (d.net == NetLayer::IPv4) {
            const Ipv4View ip{d.at(d.netOffset)};
            return QString::fromStdString(formatIpv4(src ? ip.src() : ip.dst()));
        }
        if (d.net == NetLayer::IPv6) {
            const Ipv6View ip{d.at(d.netOffset)};
            return QString::fromStdString(formatIpv6(src ? ip.src() : ip.dst()));
        }
        return {};
    }
    case Protocol:
        switch (d.transport) {
        case TransportLayer::Tcp:
            return QStringLiteral("TCP");
        case TransportLayer::Udp:
            return QStringLiteral("UDP");
        case TransportLayer::Icmp:
            return QStringLiteral("ICMP");
        case TransportLayer::Icmpv6:
            return QStringLiteral("ICMPv6");
        default:
            return d.net == NetLayer::Arp ? QStringLiteral("ARP") : QString();
        }
    case Info:
        if (d.transport == TransportLayer::Tcp && d.tcpHeaderValid) {
            const TcpView tcp{d.at(d.transportOffset)};
            return QStringLiteral("%1 → %2 Len=%3").arg(tcp.srcPort()).arg(tcp.dstPort()).arg(d.tcpPayloadLen);
        }
        return {};
    default:
        return {};
    }
}
