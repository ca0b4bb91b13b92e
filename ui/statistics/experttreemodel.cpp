#include "statistics/experttreemodel.h"

#include "support/anonymity.h"

#include <QColor>

using namespace synflow;

ExpertTreeModel::ExpertTreeModel(QObject* parent) : QAbstractItemModel(parent) { shown_.fill(true); }

void ExpertTreeModel::setInfo(std::shared_ptr<const ExpertInfo> info)
{
    beginResetModel();
    info_ = std::move(info);
    rebuild();
    endResetModel();
}

void ExpertTreeModel::setSeverityShown(ExpertSeverity severity, bool shown)
{
    if (shown_[size_t(severity)] == shown)
        return;
    beginResetModel();
    shown_[size_t(severity)] = shown;
    rebuild();
    endResetModel();
}

void ExpertTreeModel::rebuild()
{
    rows_.clear();
    rowOfEntry_.clear();
    if (!info_)
        return;
    rowOfEntry_.assign(info_->entries.size(), 0);
    for (ExpertSeverity s : kSeverityOrder) {
        if (!shown_[size_t(s)])
            continue;
        SeverityRow row{s, 0, {}};
        for (uint32_t e = 0; e < info_->entries.size(); ++e) {
            const ExpertEntry& entry = info_->entries[e];
            if (entry.severity != s)
                continue;
            rowOfEntry_[e] = uint32_t(row.entries.size());
            row.entries.push_back(e);
            row.total += entry.frames.size();
        }
        if (!row.entries.empty())
            rows_.push_back(std::move(row));
    }
}

uint64_t ExpertTreeModel::shownItems() const
{
    uint64_t n = 0;
    for (const SeverityRow& r : rows_)
        n += r.total;
    return n;
}

QColor ExpertTreeModel::severityColour(ExpertSeverity severity)
{
    switch (severity) {
    case ExpertSeverity::Error: return QColor(0xff, 0x5c, 0x5c);   // pale red
    case ExpertSeverity::Warning: return QColor(0xf7, 0xf2, 0x53); // yellow
    case ExpertSeverity::Note: return QColor(0xa0, 0xff, 0xff);    // bright turquoise
    case ExpertSeverity::Chat: return QColor(0x80, 0xb7, 0xff);    // light blue
    case ExpertSeverity::Comment: return QColor(0xb7, 0xff, 0xb7); // green
    }
    return {};
}

QString ExpertTreeModel::severityName(ExpertSeverity severity)
{
    switch (severity) {
    case ExpertSeverity::Error: return tr("Error");
    case ExpertSeverity::Warning: return tr("Warning");
    case ExpertSeverity::Note: return tr("Note");
    case ExpertSeverity::Chat: return tr("Chat");
    case ExpertSeverity::Comment: return tr("Comment");
    }
    return {};
}

QModelIndex ExpertTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || row >= rowCount(parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    if (parent.internalId() == 0)
        return createIndex(row, column, kSeverityNode + quintptr(parent.row()));
    if (parent.internalId() < kEntryNode) {
        const SeverityRow& s = rows_[size_t(parent.internalId() - kSeverityNode)];
        return createIndex(row, column, kEntryNode + quintptr(s.entries[size_t(parent.row())]));
    }
    return {}; // packet rows have no children
}

QModelIndex ExpertTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const quintptr id = child.internalId();
    if (id < kEntryNode)
        return createIndex(int(id - kSeverityNode), 0, quintptr(0));
    const uint32_t entry = uint32_t(id - kEntryNode);
    const ExpertSeverity s = info_->entries[entry].severity;
    for (size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].severity == s)
            return createIndex(int(rowOfEntry_[entry]), 0, kSeverityNode + quintptr(i));
    return {};
}

int ExpertTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(rows_.size());
    if (parent.column() != 0)
        return 0;
    const quintptr id = parent.internalId();
    if (id == 0)
        return int(rows_[size_t(parent.row())].entries.size());
    if (id < kEntryNode) {
        const SeverityRow& s = rows_[size_t(id - kSeverityNode)];
        return int(info_->entries[s.entries[size_t(parent.row())]].frames.size());
    }
    return 0;
}

int ExpertTreeModel::columnCount(const QModelIndex&) const { return ColumnCount; }

QVariant ExpertTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !info_)
        return {};
    const quintptr id = index.internalId();
    const int col = index.column();
    if (id == 0) { // a severity
        const SeverityRow& s = rows_[size_t(index.row())];
        if (role == Qt::DisplayRole) {
            if (col == Summary)
                return severityName(s.severity);
            if (col == Count)
                return qulonglong(s.total);
        }
        if (role == Qt::BackgroundRole)
            return severityColour(s.severity);
        if (role == Qt::ForegroundRole)
            return QColor(Qt::black); // Wireshark's expert foreground, on any theme
        if (role == SeverityRole)
            return int(s.severity);
        if (role == FrameRole)
            return -1;
        return {};
    }
    if (id < kEntryNode) { // a summary
        const ExpertEntry& e = info_->entries[rows_[size_t(id - kSeverityNode)].entries[size_t(index.row())]];
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
            switch (col) {
            case Summary: return Anonymity::instance().shown(QString::fromStdString(e.summary), capture_);
            case Group: return QString::fromLatin1(expertGroupName(e.group));
            case Protocol: return QString::fromLatin1(e.protocol);
            case Count: return role == Qt::DisplayRole ? QVariant(qulonglong(e.frames.size())) : QVariant();
            default: return {};
            }
        }
        if (role == SeverityRole)
            return int(e.severity);
        if (role == FrameRole)
            return -1;
        return {};
    }
    const ExpertEntry& e = info_->entries[size_t(id - kEntryNode)];
    const uint32_t frame = e.frames[size_t(index.row())];
    if (role == Qt::DisplayRole) {
        if (col == Summary)
            return tr("Packet %1").arg(qulonglong(frame) + 1);
        if (col == Group)
            return QString::fromLatin1(expertGroupName(e.group));
        if (col == Protocol)
            return QString::fromLatin1(e.protocol);
    }
    if (role == FrameRole)
        return qlonglong(frame);
    if (role == SeverityRole)
        return int(e.severity);
    return {};
}

QVariant ExpertTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Summary: return tr("Severity / Summary / Packet");
    case Group: return tr("Group");
    case Protocol: return tr("Protocol");
    case Count: return tr("Count");
    default: return {};
    }
}

void ExpertTreeModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!rows_.empty())
        emit dataChanged(index(0, 0), index(int(rows_.size()) - 1, ColumnCount - 1));
}
