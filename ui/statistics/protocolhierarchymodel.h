#pragma once
// The protocol hierarchy as a tree model with Wireshark's columns: Protocol, Percent Packets,
// Packets, Percent Bytes, Bytes, Bits/s, End Packets, End Bytes, End Bits/s. The top row is
// Frame (every counted packet); each layer's row holds the layers seen above it.
#include "stats/protocolhierarchy.h"

#include <QAbstractItemModel>

#include <memory>

class ProtocolHierarchyModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Protocol, PercentPackets, Packets, PercentBytes, Bytes, BitsPerSecond, EndPackets, EndBytes, EndBitsPerSecond, ColumnCount };
    enum Role { FilterNameRole = Qt::UserRole + 1 }; // the layer's display filter name ("tcp")

    explicit ProtocolHierarchyModel(QObject* parent = nullptr);

    void setHierarchy(std::shared_ptr<const synflow::ProtocolHierarchy> phs);
    const synflow::ProtocolHierarchy* hierarchy() const { return phs_.get(); }
    void retranslate();

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // Node ids are the hierarchy's node indices; the internal id of an index is its node.
    int32_t nodeOf(const QModelIndex& index) const { return index.isValid() ? int32_t(index.internalId()) : -1; }
    double seconds() const;

    std::shared_ptr<const synflow::ProtocolHierarchy> phs_;
};
