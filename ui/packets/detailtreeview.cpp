#include "packets/detailtreeview.h"

#include "tree/detailtree.h"

#include <QEvent>
#include <QHeaderView>
#include <QKeyEvent>

DetailTreeView::DetailTreeView(QWidget* parent) : QTreeWidget(parent)
{
    setHeaderHidden(true);
    setColumnCount(1);
    setUniformRowHeights(true);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    header()->setStretchLastSection(false);
    connect(this, &QTreeWidget::itemExpanded, this, [this](QTreeWidgetItem* i) { remember(i, true); });
    connect(this, &QTreeWidget::itemCollapsed, this, [this](QTreeWidgetItem* i) { remember(i, false); });
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* cur, QTreeWidgetItem*) {
        if (!cur)
            return;
        const int id = cur->data(0, Qt::UserRole).toInt();
        if (id >= 0 && size_t(id) < ranges_.size())
            emit bytesSelected(ranges_[size_t(id)].first, ranges_[size_t(id)].second);
        const synflow::Field* f = fieldOf(cur);
        emit fieldSelected(f ? QString::fromStdString(f->name) : QString(), f ? QString::fromStdString(f->description) : QString());
        emit itemInfo(severityOf(cur), frameLinkOf(cur));
    });
    // Double-click and Enter both activate (QAbstractItemView), as Wireshark follows a frame link.
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        if (const uint64_t frame = frameLinkOf(item))
            emit frameLinkActivated(frame);
    });
}

uint64_t DetailTreeView::frameLinkOf(QTreeWidgetItem* item) const
{
    const int id = nodeOf(item);
    return id >= 0 ? links_[size_t(id)] : 0;
}

int DetailTreeView::severityOf(QTreeWidgetItem* item) const
{
    const int id = nodeOf(item);
    return id >= 0 ? severities_[size_t(id)] : -1;
}

QString DetailTreeView::severityName(int severity)
{
    // tshark's own words (ExpertSeverity order), as the tree's "[Severity level: …]" prints them.
    static const char* const names[] = {"Comment", "Chat", "Note", "Warning", "Error"};
    return severity >= 0 && severity < 5 ? QString::fromLatin1(names[severity]) : QString();
}

QColor DetailTreeView::severityColor(int severity)
{
    // Wireshark's expert colours: green, light blue, turquoise, yellow, pale red. Light in
    // either theme, so expert lines are drawn in black on them.
    switch (severity) {
    case 0: return QColor(0xb7, 0xf7, 0x74);
    case 1: return QColor(0x80, 0xb7, 0xf7);
    case 2: return QColor(0xa0, 0xff, 0xff);
    case 3: return QColor(0xf7, 0xf2, 0x53);
    case 4: return QColor(0xff, 0x5c, 0x5c);
    default: return {};
    }
}

void DetailTreeView::paintMarks()
{
    const QBrush link = palette().brush(QPalette::Link);
    for (size_t i = 0; i < items_.size(); ++i) {
        QTreeWidgetItem* item = items_[i];
        const bool expert = severities_[i] >= 0;
        if (expert) {
            item->setBackground(0, severityColor(severities_[i]));
            item->setForeground(0, QColor(Qt::black));
        }
        if (links_[i]) {
            if (!expert)
                item->setForeground(0, link);
            QFont f = font();
            f.setUnderline(true);
            item->setFont(0, f);
        }
    }
}

void DetailTreeView::changeEvent(QEvent* e)
{
    QTreeWidget::changeEvent(e);
    if (e->type() == QEvent::PaletteChange || e->type() == QEvent::FontChange)
        paintMarks();
}

QString DetailTreeView::keyOf(QTreeWidgetItem* item) const
{
    // "tcp/tcp.flags/..." : each item's field name; a line that shows no field (expert info,
    // [Timestamps]) by its whole text, which does not change from packet to packet.
    QStringList parts;
    for (QTreeWidgetItem* i = item; i; i = i->parent()) {
        const synflow::Field* f = fieldOf(i);
        parts.prepend(f ? QString::fromStdString(f->name) : i->text(0));
    }
    return parts.join('/');
}

const synflow::Field* DetailTreeView::fieldOf(QTreeWidgetItem* item) const
{
    if (!item)
        return nullptr;
    const int id = item->data(0, Qt::UserRole).toInt();
    return id >= 0 && size_t(id) < fields_.size() && items_[size_t(id)] == item ? fields_[size_t(id)] : nullptr;
}

void DetailTreeView::remember(QTreeWidgetItem* item, bool open)
{
    if (restoring_)
        return;
    if (open)
        expanded_.insert(keyOf(item));
    else
        expanded_.remove(keyOf(item));
}

void DetailTreeView::clearTree()
{
    clear();
    items_.clear();
    ranges_.clear();
    fields_.clear();
    severities_.clear();
    links_.clear();
}

void DetailTreeView::setTree(const synflow::DetailTree& tree)
{
    restoring_ = true;
    clearTree();
    const auto& nodes = tree.nodes();
    items_.resize(nodes.size(), nullptr);
    ranges_.resize(nodes.size());
    fields_.resize(nodes.size(), nullptr);
    severities_.resize(nodes.size(), -1);
    links_.resize(nodes.size(), 0);
    for (size_t i = 0; i < nodes.size(); ++i) {
        const synflow::DetailNode& n = nodes[i];
        QTreeWidgetItem* item = n.parent < 0 ? new QTreeWidgetItem(this) : new QTreeWidgetItem(items_[size_t(n.parent)]);
        item->setText(0, QString::fromStdString(n.label));
        item->setData(0, Qt::UserRole, int(i));
        items_[i] = item;
        ranges_[i] = {n.offset, n.length};
        fields_[i] = n.field;
        severities_[i] = n.severity;
        links_[i] = n.frameLink;
    }
    paintMarks();
    for (QTreeWidgetItem* item : items_)
        if (item->childCount() && expanded_.contains(keyOf(item)))
            item->setExpanded(true);
    restoring_ = false;
}

void DetailTreeView::selectByte(uint32_t offset)
{
    // Deepest node, then the narrowest, whose bytes include the offset.
    int best = -1, bestDepth = -1;
    for (size_t i = 0; i < ranges_.size(); ++i) {
        const auto [off, len] = ranges_[i];
        if (len == 0 || offset < off || offset >= off + len)
            continue;
        int depth = 0;
        for (QTreeWidgetItem* p = items_[i]->parent(); p; p = p->parent())
            ++depth;
        if (depth > bestDepth || (depth == bestDepth && len < ranges_[size_t(best)].second)) {
            best = int(i);
            bestDepth = depth;
        }
    }
    if (best < 0)
        return;
    for (QTreeWidgetItem* p = items_[size_t(best)]->parent(); p; p = p->parent())
        p->setExpanded(true);
    setCurrentItem(items_[size_t(best)]);
    scrollToItem(items_[size_t(best)]);
}

QString DetailTreeView::branchText(QTreeWidgetItem* item) const
{
    QString out;
    std::function<void(QTreeWidgetItem*, int)> walk = [&](QTreeWidgetItem* i, int depth) {
        out += QString(depth * 4, ' ') + i->text(0) + '\n';
        for (int c = 0; c < i->childCount(); ++c)
            walk(i->child(c), depth + 1);
    };
    if (item)
        walk(item, 0);
    return out;
}

QString DetailTreeView::valueOf(const QString& label)
{
    const int at = label.indexOf(QStringLiteral(": "));
    QString v = at >= 0 ? label.mid(at + 2) : label;
    if (v.endsWith(']'))
        v.chop(1);
    return v.trimmed();
}

int DetailTreeView::nodeOf(QTreeWidgetItem* item) const
{
    if (!item)
        return -1;
    const int id = item->data(0, Qt::UserRole).toInt();
    return id >= 0 && size_t(id) < items_.size() && items_[size_t(id)] == item ? id : -1;
}

void DetailTreeView::selectNode(int node)
{
    if (node < 0 || size_t(node) >= items_.size())
        return;
    for (QTreeWidgetItem* p = items_[size_t(node)]->parent(); p; p = p->parent())
        p->setExpanded(true);
    setCurrentItem(items_[size_t(node)]);
    scrollToItem(items_[size_t(node)]);
}

void DetailTreeView::expandSubtree(QTreeWidgetItem* item)
{
    if (item)
        expandRecursively(indexFromItem(item));
}

void DetailTreeView::collapseSubtree(QTreeWidgetItem* item)
{
    if (!item)
        return;
    for (int c = 0; c < item->childCount(); ++c)
        collapseSubtree(item->child(c));
    item->setExpanded(false);
}

void DetailTreeView::keyPressEvent(QKeyEvent* e)
{
    if (e->modifiers() == Qt::ShiftModifier && (e->key() == Qt::Key_Right || e->key() == Qt::Key_Left)) {
        if (e->key() == Qt::Key_Right)
            expandSubtree(currentItem());
        else
            collapseSubtree(currentItem());
        return;
    }
    QTreeWidget::keyPressEvent(e);
}
