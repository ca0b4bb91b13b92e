#pragma once
// Shows one packet's detail tree (built in core). Remembers which branches were open, by
// their place in the layer structure, so moving between packets keeps the same view.
#include <QSet>
#include <QTreeWidget>

namespace synflow {
class DetailTree;
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
    static QString valueOf(const QString& label);    // the part after ": "

signals:
    void bytesSelected(uint32_t offset, uint32_t length);

private:
    static QString keyOf(QTreeWidgetItem* item);
    void remember(QTreeWidgetItem* item, bool open);

    QSet<QString> expanded_;
    std::vector<QTreeWidgetItem*> items_; // by node id
    std::vector<std::pair<uint32_t, uint32_t>> ranges_;
    bool restoring_ = false;
};
