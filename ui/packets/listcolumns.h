#pragma once
// The packet list's columns as the user arranges them from the header's menu: shown or hidden,
// aligned, and custom columns of registry fields (Apply as Column), kept with QSettings.
#include <QObject>

class PacketListModel;
class QTableView;

class ListColumns : public QObject {
    Q_OBJECT
public:
    ListColumns(QTableView* table, PacketListModel* model, QObject* parent = nullptr);

    // Restores the saved custom columns, hidden columns and alignments.
    void load();
    // Adds a column showing `fieldName` (a registry field) after the others; false if unknown.
    bool addField(const QString& fieldName);
    void remove(int column); // custom columns only
    void setShown(int column, bool shown);
    void setAlignment(int column, Qt::Alignment alignment);
    void resizeToContents(int column);
    void resizeAll();

private:
    QString keyOf(int column) const; // a name that stays when columns are added or removed
    void save() const;

    QTableView* table_;
    PacketListModel* model_;
};
