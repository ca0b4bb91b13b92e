#pragma once
// Shows one packet's detail tree (built in core). Remembers which branches were open, by
// the fields they show, so moving between packets keeps the same view. Each item knows its
// registry field (filter name and description) from the tree node, not from its text.
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

signals:
    void bytesSelected(uint32_t offset, uint32_t length);
    // The selected item's field, for the status bar: empty strings when it shows none.
    void fieldSelected(const QString& filterName, const QString& description);

protected:
    void keyPressEvent(QKeyEvent* e) override; // Shift+Right / Shift+Left: the whole subtree, as Wireshark

private:
    QString keyOf(QTreeWidgetItem* item) const;
    void remember(QTreeWidgetItem* item, bool open);

    QSet<QString> expanded_;
    std::vector<QTreeWidgetItem*> items_; // by node id
    std::vector<std::pair<uint32_t, uint32_t>> ranges_;
    std::vector<const synflow::Field*> fields_; // by node id
    bool restoring_ = false;
};
