#pragma once
// One protocol's conversations or endpoints as a table: tshark's columns (addresses, ports,
// packets and bytes each way, relative start, duration, bits/s each way) and, for TCP
// conversations, completeness, retransmissions, RTT and iRTT. Display text for the eye, the
// plain number under SortRole for sorting and copying.
#include "stats/conversationtable.h"

#include <QAbstractTableModel>

#include <memory>

namespace synflow {
class AnalysedCapture;
}

class TrafficTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Kind { Conversations, Endpoints };
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int FrameRole = Qt::UserRole + 1; // a conversation's first frame (0-based)

    TrafficTableModel(Kind kind, synflow::ConversationType type, QObject* parent = nullptr);

    // The tables to show (null: none); the model keeps them alive.
    void setTables(std::shared_ptr<const synflow::ConversationTables> tables);
    // The capture the tables count, whose anonymised names the addresses take while that switch is on.
    void setCapture(std::shared_ptr<const synflow::AnalysedCapture> capture) { capture_ = std::move(capture); }
    const synflow::ConversationRow* conversation(int row) const;
    synflow::ConversationType type() const { return type_; }

    // Wireshark's filter for a conversation row: "ip.addr==A && ip.addr==B" (with ports for TCP/UDP).
    QString filterFor(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate(); // headers in the new language

private:
    enum Column {
        AddressA, PortA, AddressB, PortB, Packets, Bytes, PacketsAB, BytesAB, PacketsBA, BytesBA, RelStart, Duration,
        BitsAB, BitsBA, Completeness, Retransmissions, RttAvg, RttMin, RttMax, InitialRtt,
        // endpoints
        Address, Port, EpPackets, EpBytes, TxPackets, TxBytes, RxPackets, RxBytes,
    };
    QList<Column> columns_;
    Kind kind_;
    synflow::ConversationType type_;
    std::shared_ptr<const synflow::ConversationTables> tables_;
    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    QString address(const synflow::StatsAddress& a) const;
};
