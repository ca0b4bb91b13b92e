#pragma once
// The packet list's columns as the user arranges them from the header's menu: shown or hidden,
// aligned, reordered, and custom columns of registry fields (Apply as Column), kept with QSettings.
// The Preferences dialog edits the same arrangement through arrangement() / arrange().
#include <QList>
#include <QObject>
#include <QString>

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

    // One column as the user arranges it: "number" ... "info" for the built-in ones,
    // "field:NAME" for a custom column of registry field NAME.
    struct Entry {
        QString key;
        bool shown = true;
    };
    // Every column, in the order the header shows them.
    QList<Entry> arrangement() const;
    // Custom columns added or removed to match `entries`, each shown or hidden, in their order.
    void arrange(const QList<Entry>& entries);
    // The header's text of a key ("Time", a field's description); empty if unknown.
    QString titleOf(const QString& key) const;

private:
    QString keyOf(int column) const; // a name that stays when columns are added or removed
    void save() const;
    void placeInOrder(const QStringList& keys); // the named columns first, in this order

    QTableView* table_;
    PacketListModel* model_;
};
