#include "packets/listcolumns.h"

#include "models/packetlistmodel.h"

#include "fields/field.h"
#include "fields/fieldregistry.h"

#include <QHeaderView>
#include <QSettings>
#include <QTableView>

namespace {
const QString kCustom = QStringLiteral("packetList/customColumns");
const QString kHidden = QStringLiteral("packetList/hiddenColumns");
const QString kAlignment = QStringLiteral("packetList/columnAlignment");
const QString kOrder = QStringLiteral("packetList/columnOrder");
const char* const kBuiltIn[] = {"number", "time", "source", "destination", "protocol", "length", "info"};
} // namespace

ListColumns::ListColumns(QTableView* table, PacketListModel* model, QObject* parent) : QObject(parent), table_(table), model_(model) { }

QString ListColumns::keyOf(int column) const
{
    static const char* const builtIn[] = {"number", "time", "source", "destination", "protocol", "length", "info"};
    if (column >= 0 && column < PacketListModel::ColumnCount)
        return QString::fromLatin1(builtIn[column]);
    const synflow::Field* f = model_->customField(column);
    return f ? QStringLiteral("field:") + QString::fromStdString(f->name) : QString();
}

void ListColumns::load()
{
    QSettings s;
    model_->setCustomColumns(s.value(kCustom).toStringList());
    const QStringList hidden = s.value(kHidden).toStringList();
    const QVariantMap alignment = s.value(kAlignment).toMap();
    for (int c = 0; c < model_->columnCount(); ++c) {
        table_->setColumnHidden(c, hidden.contains(keyOf(c)));
        if (alignment.contains(keyOf(c)))
            model_->setColumnAlignment(c, Qt::Alignment(alignment.value(keyOf(c)).toInt()));
    }
    placeInOrder(s.value(kOrder).toStringList());
}

void ListColumns::placeInOrder(const QStringList& keys)
{
    QHeaderView* header = table_->horizontalHeader();
    int visual = 0;
    for (const QString& key : keys)
        for (int c = 0; c < model_->columnCount(); ++c)
            if (keyOf(c) == key) {
                header->moveSection(header->visualIndex(c), visual++);
                break;
            }
}

void ListColumns::save() const
{
    QStringList hidden, order;
    QVariantMap alignment;
    const QHeaderView* header = table_->horizontalHeader();
    for (int v = 0; v < model_->columnCount(); ++v)
        order << keyOf(header->logicalIndex(v));
    for (int c = 0; c < model_->columnCount(); ++c) {
        if (table_->isColumnHidden(c))
            hidden << keyOf(c);
        alignment.insert(keyOf(c), int(model_->columnAlignment(c)));
    }
    QSettings s;
    s.setValue(kCustom, model_->customColumns());
    s.setValue(kHidden, hidden);
    s.setValue(kAlignment, alignment);
    s.setValue(kOrder, order);
}

bool ListColumns::addField(const QString& fieldName)
{
    const int cw = table_->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const int lastWidth = table_->columnWidth(model_->columnCount() - 1); // stretched to the edge until now
    if (!model_->addCustomColumn(fieldName))
        return false;
    const int column = model_->columnCount() - 1;
    table_->setColumnHidden(column, false);
    // The column that stretched keeps a width that shows its text; the new one stretches.
    table_->setColumnWidth(column - 1, std::min(lastWidth, 60 * cw));
    table_->setColumnWidth(column, std::max(table_->horizontalHeader()->sectionSizeHint(column), 12 * cw));
    save();
    return true;
}

void ListColumns::remove(int column)
{
    if (!model_->customField(column))
        return;
    model_->removeCustomColumn(column);
    save();
}

void ListColumns::setShown(int column, bool shown)
{
    table_->setColumnHidden(column, !shown);
    save();
}

void ListColumns::setAlignment(int column, Qt::Alignment alignment)
{
    model_->setColumnAlignment(column, alignment | Qt::AlignVCenter);
    save();
}

void ListColumns::resizeToContents(int column) { table_->resizeColumnToContents(column); }

void ListColumns::resizeAll()
{
    for (int c = 0; c < model_->columnCount(); ++c)
        if (!table_->isColumnHidden(c))
            table_->resizeColumnToContents(c);
}

QList<ListColumns::Entry> ListColumns::arrangement() const
{
    QList<Entry> out;
    const QHeaderView* header = table_->horizontalHeader();
    for (int v = 0; v < model_->columnCount(); ++v) {
        const int c = header->logicalIndex(v);
        out.append({keyOf(c), !table_->isColumnHidden(c)});
    }
    return out;
}

void ListColumns::arrange(const QList<Entry>& entries)
{
    QStringList keys;
    for (const Entry& e : entries)
        keys << e.key;
    for (int c = model_->columnCount(); c-- > PacketListModel::ColumnCount;) // custom columns no longer wanted
        if (!keys.contains(keyOf(c)))
            model_->removeCustomColumn(c);
    for (const Entry& e : entries) {
        bool present = false;
        for (int c = 0; c < model_->columnCount() && !present; ++c)
            present = keyOf(c) == e.key;
        if (!present && e.key.startsWith(QLatin1String("field:")))
            addField(e.key.mid(6));
    }
    for (const Entry& e : entries)
        for (int c = 0; c < model_->columnCount(); ++c)
            if (keyOf(c) == e.key)
                table_->setColumnHidden(c, !e.shown);
    placeInOrder(keys);
    save();
}

QString ListColumns::titleOf(const QString& key) const
{
    for (int c = 0; c < PacketListModel::ColumnCount; ++c)
        if (key == QLatin1String(kBuiltIn[c]))
            return model_->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
    if (key.startsWith(QLatin1String("field:")))
        if (const synflow::Field* f = synflow::findField(key.mid(6).toStdString()))
            return QString::fromStdString(f->description);
    return {};
}
