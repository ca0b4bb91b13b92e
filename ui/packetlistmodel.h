#pragma once
// The packet list: a virtual table over the capture's packet index. No per-row
// objects; each cell's text is made in data() for the rows that are shown.
#include <QAbstractTableModel>

namespace synflow {
class CaptureFile;
}

class PacketListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Number, Time, Source, Destination, Protocol, Length, Info, ColumnCount };

    explicit PacketListModel(QObject* parent = nullptr);

    // The capture must outlive the model or be replaced before it is destroyed.
    void setCapture(const synflow::CaptureFile* capture);
    // Makes rows appended to the index since the last call visible.
    void refresh();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const synflow::CaptureFile* capture_ = nullptr;
    int rows_ = 0;
    qint64 firstTimeNs_ = 0;
};
