#pragma once
// Shows one packet's detail tree (built in core). Remembers which branches were open, by
// the fields they show, so moving between packets keeps the same view. Each item knows its
// registry field (filter name and description) from the tree node, not from its text.
#include <QColor>
#include <QSet>
#include <QTreeWidget>

namespace synflow {
class DetailTree;
struct Field;
}

class DetailTreeView : public QTreeWidget {
    Q_OBJECT
public:
    explicit DetailTreeView(QWidget* parent = nullptr);

    void setTree(const synflow::DetailTree& tree);
    void clearTree();
    // Selects the deepest node that covers frame byte `offset`.
    void selectByte(uint32_t offset);

    QString branchText(QTreeWidgetItem* item) const; // the branch as indented text
    // The registry field `item` shows (its filter name and description), or null.
    const synflow::Field* fieldOf(QTreeWidgetItem* item) const;
    static QString valueOf(const QString& label);    // the part after ": "
    // The detail-tree node `item` shows (its index in DetailTree::nodes()), or -1.
    int nodeOf(QTreeWidgetItem* item) const;
    void selectNode(int node); // its branch opened, selected and in sight
    void expandSubtree(QTreeWidgetItem* item);   // the item and every branch below it
    void collapseSubtree(QTreeWidgetItem* item);
    // The 1-based frame `item` refers to ("[… in frame: 6]"), 0 for none.
    uint64_t frameLinkOf(QTreeWidgetItem* item) const;
    // The expert severity `item` carries (ExpertSeverity), -1 for none.
    int severityOf(QTreeWidgetItem* item) const;
    // Wireshark's name of a severity: "Chat", "Note", "Warning", "Error", "Comment".
    static QString severityName(int severity);
    // The background Wireshark gives an expert item of that severity.
    static QColor severityColor(int severity);

signals:
    void bytesSelected(uint32_t offset, uint32_t length);
    // The selected item's field, for the status bar: empty strings when it shows none.
    void fieldSelected(const QString& filterName, const QString& description);
    // The selected item's expert severity (-1: none) and the frame it links to (0: none).
    void itemInfo(int severity, quint64 frameLink);
    // A frame reference was double-clicked or Enter pressed on it: go to that 1-based frame.
    void frameLinkActivated(quint64 frame);

protected:
    void keyPressEvent(QKeyEvent* e) override; // Shift+Right / Shift+Left: the whole subtree, as Wireshark
    void changeEvent(QEvent* e) override;      // a new theme: links take its link colour

private:
    QString keyOf(QTreeWidgetItem* item) const;
    void remember(QTreeWidgetItem* item, bool open);
    void paintMarks(); // expert backgrounds and link colours

    QSet<QString> expanded_;
    std::vector<QTreeWidgetItem*> items_; // by node id
    std::vector<std::pair<uint32_t, uint32_t>> ranges_;
    std::vector<const synflow::Field*> fields_; // by node id
    std::vector<int8_t> severities_;            // by node id
    std::vector<uint64_t> links_;               // by node id
    bool restoring_ = false;
};
