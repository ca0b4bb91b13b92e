#include "statistics/traffictablemodel.h"

#include "support/anonymity.h"
#include "tcp/tcpanalysis.h"

#include <QLocale>

using namespace synflow;

TrafficTableModel::TrafficTableModel(Kind kind, ConversationType type, QObject* parent)
    : QAbstractTableModel(parent), kind_(kind), type_(type)
{
    connect(&Anonymity::instance(), &Anonymity::changed, this, [this] { // the addresses in the other names
        if (rowCount() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    });
    const bool ports = hasPorts(type);
    if (kind == Kind::Conversations) {
        columns_ = {AddressA};
        if (ports)
            columns_ << PortA;
        columns_ << AddressB;
        if (ports)
            columns_ << PortB;
        columns_ << Packets << Bytes << PacketsAB << BytesAB << PacketsBA << BytesBA << RelStart << Duration << BitsAB << BitsBA;
        if (type == ConversationType::Tcp)
            columns_ << Completeness << Retransmissions << RttAvg << RttMin << RttMax << InitialRtt;
    } else {
        columns_ = {Address};
        if (ports)
            columns_ << Port;
        columns_ << EpPackets << EpBytes << TxPackets << TxBytes << RxPackets << RxBytes;
    }
}

void TrafficTableModel::setTables(std::shared_ptr<const ConversationTables> tables)
{
    beginResetModel();
    tables_ = std::move(tables);
    endResetModel();
}

const ConversationRow* TrafficTableModel::conversation(int row) const
{
    if (!tables_ || kind_ != Kind::Conversations || row < 0 || size_t(row) >= tables_->conv(type_).size())
        return nullptr;
    return &tables_->conv(type_)[size_t(row)];
}

int TrafficTableModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !tables_)
        return 0;
    return int(kind_ == Kind::Conversations ? tables_->conv(type_).size() : tables_->ends(type_).size());
}

int TrafficTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(columns_.size()); }

namespace {

QString bytesText(uint64_t b) { return QLocale::system().formattedDataSize(qint64(b), 0, QLocale::DataSizeSIFormat); }
QString seconds(int64_t ns, int decimals) { return QString::number(double(ns) / 1e9, 'f', decimals); }
QString millis(int64_t ns) { return QString::number(double(ns) / 1e6, 'f', 3); }
QString bitsText(double bps)
{
    if (bps < 0)
        return QStringLiteral("—"); // under 5 ms: no meaningful rate, as Wireshark
    return QLocale::system().formattedDataSize(qint64(bps), 0, QLocale::DataSizeSIFormat).replace(QLatin1Char('B'), QStringLiteral("bit")) + "/s";
}

} // namespace

QVariant TrafficTableModel::data(const QModelIndex& index, int role) const
{
    if (!tables_ || !index.isValid() || index.row() >= rowCount() || index.column() >= columns_.size())
        return {};
    const Column c = columns_[index.column()];
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue((c == AddressA || c == AddressB || c == Address ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole && role != FrameRole)
        return {};
    const bool display = role == Qt::DisplayRole;
    if (kind_ == Kind::Endpoints) {
        const EndpointRow& e = tables_->ends(type_)[size_t(index.row())];
        switch (c) {
        case Address: return address(e.addr);
        case Port: return e.port;
        case EpPackets: return qulonglong(e.frames());
        case EpBytes: return display ? QVariant(bytesText(e.bytes())) : QVariant(qulonglong(e.bytes()));
        case TxPackets: return qulonglong(e.txFrames);
        case TxBytes: return display ? QVariant(bytesText(e.txBytes)) : QVariant(qulonglong(e.txBytes));
        case RxPackets: return qulonglong(e.rxFrames);
        case RxBytes: return display ? QVariant(bytesText(e.rxBytes)) : QVariant(qulonglong(e.rxBytes));
        default: return {};
        }
    }
    const ConversationRow& r = tables_->conv(type_)[size_t(index.row())];
    if (role == FrameRole)
        return qulonglong(r.firstFrame);
    switch (c) {
    case AddressA: return address(r.addrA);
    case PortA: return r.portA;
    case AddressB: return address(r.addrB);
    case PortB: return r.portB;
    case Packets: return qulonglong(r.frames());
    case Bytes: return display ? QVariant(bytesText(r.bytes())) : QVariant(qulonglong(r.bytes()));
    case PacketsAB: return qulonglong(r.framesAtoB);
    case BytesAB: return display ? QVariant(bytesText(r.bytesAtoB)) : QVariant(qulonglong(r.bytesAtoB));
    case PacketsBA: return qulonglong(r.framesBtoA);
    case BytesBA: return display ? QVariant(bytesText(r.bytesBtoA)) : QVariant(qulonglong(r.bytesBtoA));
    case RelStart: return display ? QVariant(seconds(r.startNs, 6)) : QVariant(double(r.startNs) / 1e9);
    case Duration: return display ? QVariant(seconds(r.durationNs(), 4)) : QVariant(double(r.durationNs()) / 1e9);
    case BitsAB: return display ? QVariant(bitsText(r.bitsPerSecondAtoB())) : QVariant(r.bitsPerSecondAtoB());
    case BitsBA: return display ? QVariant(bitsText(r.bitsPerSecondBtoA())) : QVariant(r.bitsPerSecondBtoA());
    case Completeness:
        return display ? QVariant(QString::fromStdString(completenessLabel(r.completeness))) : QVariant(int(r.completeness));
    case Retransmissions: return r.retransmissions;
    case RttAvg:
        if (!r.rttSamples)
            return display ? QVariant(QString()) : QVariant(-1.0);
        return display ? QVariant(millis(r.rttAverageNs())) : QVariant(double(r.rttAverageNs()) / 1e6);
    case RttMin:
        if (!r.rttSamples)
            return display ? QVariant(QString()) : QVariant(-1.0);
        return display ? QVariant(millis(r.rttMinNs)) : QVariant(double(r.rttMinNs) / 1e6);
    case RttMax:
        if (!r.rttSamples)
            return display ? QVariant(QString()) : QVariant(-1.0);
        return display ? QVariant(millis(r.rttMaxNs)) : QVariant(double(r.rttMaxNs) / 1e6);
    case InitialRtt:
        if (!r.hasInitialRtt)
            return display ? QVariant(QString()) : QVariant(-1.0);
        return display ? QVariant(millis(r.initialRttNs)) : QVariant(double(r.initialRttNs) / 1e6);
    default: return {};
    }
}

QVariant TrafficTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columns_.size())
        return {};
    switch (columns_[section]) {
    case AddressA: return tr("Address A");
    case PortA: return tr("Port A");
    case AddressB: return tr("Address B");
    case PortB: return tr("Port B");
    case Packets:
    case EpPackets: return tr("Packets");
    case Bytes:
    case EpBytes: return tr("Bytes");
    case PacketsAB: return tr("Packets A → B");
    case BytesAB: return tr("Bytes A → B");
    case PacketsBA: return tr("Packets B → A");
    case BytesBA: return tr("Bytes B → A");
    case RelStart: return tr("Rel Start");
    case Duration: return tr("Duration");
    case BitsAB: return tr("Bits/s A → B");
    case BitsBA: return tr("Bits/s B → A");
    case Completeness: return tr("Completeness");
    case Retransmissions: return tr("Retransmissions");
    case RttAvg: return tr("RTT avg (ms)");
    case RttMin: return tr("RTT min (ms)");
    case RttMax: return tr("RTT max (ms)");
    case InitialRtt: return tr("iRTT (ms)");
    case Address: return tr("Address");
    case Port: return tr("Port");
    case TxPackets: return tr("Tx Packets");
    case TxBytes: return tr("Tx Bytes");
    case RxPackets: return tr("Rx Packets");
    case RxBytes: return tr("Rx Bytes");
    }
    return {};
}

void TrafficTableModel::retranslate()
{
    if (!columns_.isEmpty())
        emit headerDataChanged(Qt::Horizontal, 0, int(columns_.size()) - 1);
}

QString TrafficTableModel::address(const StatsAddress& a) const
{
    return Anonymity::instance().shown(QString::fromStdString(formatStatsAddress(a)), capture_);
}

QString TrafficTableModel::filterFor(int row) const
{
    const ConversationRow* r = conversation(row);
    if (!r)
        return {};
    const char* addr = type_ == ConversationType::Ethernet ? "eth.addr" : r->addrA.length == 16 ? "ipv6.addr" : "ip.addr";
    QString f = QStringLiteral("%1==%2 && %1==%3")
                    .arg(QLatin1String(addr), address(r->addrA), address(r->addrB)); // read in the names shown
    if (hasPorts(type_)) {
        const QString port = type_ == ConversationType::Tcp ? QStringLiteral("tcp.port") : QStringLiteral("udp.port");
        f += QStringLiteral(" && %1==%2 && %1==%3").arg(port).arg(r->portA).arg(r->portB);
    }
    return f;
}
