#include "packets/listcolumns.h"

#include "models/packetlistmodel.h"

#include "fields/field.h"

#include <QHeaderView>
#include <QSettings>
#include <QTableView>

namespace {
const QString kCustom = QStringLiteral("packetList/customColumns");
const QString kHidden = QStringLiteral("packetList/hiddenColumns");
const QString kAlignment = QStringLiteral("packetList/columnAlignment");
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
}

void ListColumns::save() const
{
    QStringList hidden;
    QVariantMap alignment;
    for (int c = 0; c < model_->columnCount(); ++c) {
        if (table_->isColumnHidden(c))
            hidden << keyOf(c);
        alignment.insert(keyOf(c), int(model_->columnAlignment(c)));
    }
    QSettings s;
    s.setValue(kCustom, model_->customColumns());
    s.setValue(kHidden, hidden);
    s.setValue(kAlignment, alignment);
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
