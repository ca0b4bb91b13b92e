#pragma once
// Expert information as a tree: severity (Error, Warning, Note, Chat, Comment, each with its
// total), then one row per summary (with its group, protocol and count), then the packets that
// raised it. Rows of a severity the user hides are left out. Rows carry Wireshark's expert
// colours as their background.
#include "stats/expertinfo.h"

#include <QAbstractItemModel>

#include <array>
#include <memory>

namespace synflow {
class AnalysedCapture;
}
#include <vector>

class ExpertTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Summary, Group, Protocol, Count, ColumnCount };
    static constexpr int FrameRole = Qt::UserRole;     // a packet row's frame (0-based), else -1
    static constexpr int SeverityRole = Qt::UserRole + 1; // int(ExpertSeverity) of the row
    // Most severe first, as Wireshark's dialog and tshark's report.
    static constexpr std::array<synflow::ExpertSeverity, 5> kSeverityOrder{synflow::ExpertSeverity::Error,
        synflow::ExpertSeverity::Warning, synflow::ExpertSeverity::Note, synflow::ExpertSeverity::Chat,
        synflow::ExpertSeverity::Comment};

    explicit ExpertTreeModel(QObject* parent = nullptr);

    // The items to show (null: none); the model keeps them alive.
    void setInfo(std::shared_ptr<const synflow::ExpertInfo> info);
    const synflow::ExpertInfo* info() const { return info_.get(); }
    // The capture counted, whose anonymised names a summary's addresses take while that switch is on.
    void setCapture(std::shared_ptr<const synflow::AnalysedCapture> capture) { capture_ = std::move(capture); }
    void setSeverityShown(synflow::ExpertSeverity severity, bool shown);
    bool severityShown(synflow::ExpertSeverity severity) const { return shown_[size_t(severity)]; }
    // The number of items shown now (the sum of the severity rows' counts).
    uint64_t shownItems() const;

    // Wireshark's colour for a severity.
    static QColor severityColour(synflow::ExpertSeverity severity);
    // "Error", "Warning", "Note", "Chat", "Comment", translated.
    static QString severityName(synflow::ExpertSeverity severity);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate();

private:
    // internalId(): 0 for a severity row; kSeverityNode + i for an entry row of severity row
    // i; kEntryNode + e for a packet row of entry e.
    static constexpr quintptr kSeverityNode = 1;
    static constexpr quintptr kEntryNode = 16;
    void rebuild();

    std::shared_ptr<const synflow::ExpertInfo> info_;
    std::array<bool, synflow::kExpertSeverities> shown_;
    struct SeverityRow {
        synflow::ExpertSeverity severity;
        uint64_t total = 0;
        std::vector<uint32_t> entries; // indices into info_->entries
    };
    std::vector<SeverityRow> rows_;
    std::vector<uint32_t> rowOfEntry_; // an entry's row within its severity
    std::shared_ptr<const synflow::AnalysedCapture> capture_;
};
