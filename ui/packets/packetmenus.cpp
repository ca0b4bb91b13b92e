#include "packets/packetmenus.h"

#include "packets/packetcommentedit.h"

#include "models/packetlistmodel.h"
#include "packets/detailtreeview.h"
#include "packets/listcolumns.h"
#include "packets/packetpane.h"

#include "fields/field.h"
#include "filter/filterbuilder.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QTableView>

using synflow::ConversationLayer;
using synflow::FilterJoin;

namespace {

QMenu* newMenu(QWidget* parent, const char* name)
{
    auto* menu = new QMenu(parent);
    menu->setObjectName(QString::fromLatin1(name));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    return menu;
}

QMenu* subMenu(QMenu* parent, const QString& title, const char* name)
{
    QMenu* m = parent->addMenu(title);
    m->setObjectName(QString::fromLatin1(name));
    return m;
}

QAction* entry(QMenu* menu, const QString& text, const char* name, bool enabled = true)
{
    QAction* a = menu->addAction(text);
    a->setObjectName(QString::fromLatin1(name));
    a->setEnabled(enabled);
    return a;
}

void copy(const QString& text) { QApplication::clipboard()->setText(text); }

// Shows the window's key for the same command beside the entry, as Wireshark's menus do; the
// key stays the window's (the entry's own only acts while the menu has the focus).
void showKey(QAction* a, const QKeySequence& keys)
{
    a->setShortcut(keys);
    a->setShortcutContext(Qt::WidgetShortcut);
}

struct Layer {
    ConversationLayer layer;
    const char* name;
    const char* title; // protocol names, the same in every language
};
const Layer kLayers[] = {{ConversationLayer::Ethernet, "ethernet", "Ethernet"}, {ConversationLayer::Ipv4, "ipv4", "IPv4"},
                         {ConversationLayer::Ipv6, "ipv6", "IPv6"}, {ConversationLayer::Tcp, "tcp", "TCP"},
                         {ConversationLayer::Udp, "udp", "UDP"}};

// A swatch of a temporary colour, for Colorize Conversation's entries.
QIcon swatch(const QColor& c)
{
    QPixmap p(16, 16);
    p.fill(c);
    QPainter painter(&p);
    painter.setPen(Qt::black);
    painter.drawRect(0, 0, 15, 15);
    return QIcon(p);
}

} // namespace

namespace {

// Apply as Filter / Prepare as Filter: Wireshark's six ways to use `filter`.
void addFilterMenus(QMenu* menu, PacketPane& pane, const QString& filter)
{
    const struct {
        FilterJoin how;
        const char* name;
        QString text;
    } joins[] = {{FilterJoin::Selected, "selected", PacketMenus::tr("Selected")},
                 {FilterJoin::NotSelected, "notSelected", PacketMenus::tr("Not Selected")},
                 {FilterJoin::AndSelected, "andSelected", PacketMenus::tr("…and Selected")},
                 {FilterJoin::OrSelected, "orSelected", PacketMenus::tr("…or Selected")},
                 {FilterJoin::AndNotSelected, "andNotSelected", PacketMenus::tr("…and not Selected")},
                 {FilterJoin::OrNotSelected, "orNotSelected", PacketMenus::tr("…or not Selected")}};
    for (const bool apply : {true, false}) {
        QMenu* m = subMenu(menu, apply ? PacketMenus::tr("Apply as Filter") : PacketMenus::tr("Prepare as Filter"),
                           apply ? "applyAsFilterMenu" : "prepareAsFilterMenu");
        m->setEnabled(!filter.isEmpty());
        for (const auto& j : joins) {
            QAction* a = entry(m, j.text, j.name);
            // Wireshark's joined entries need a filter in the bar; without one they act as their plain form.
            QObject::connect(a, &QAction::triggered, &pane, [&pane, filter, how = j.how, apply] { pane.useFilter(filter, how, apply); });
        }
    }
}

void addConversationFilterMenu(QMenu* menu, PacketPane& pane, size_t frame)
{
    QMenu* m = subMenu(menu, PacketMenus::tr("Conversation Filter"), "conversationFilterMenu");
    bool any = false;
    for (const Layer& l : kLayers) {
        const QString filter = frame == size_t(-1) ? QString() : pane.conversationFilter(frame, l.layer);
        QAction* a = entry(m, QString::fromLatin1(l.title), l.name, !filter.isEmpty());
        any = any || !filter.isEmpty();
        QObject::connect(a, &QAction::triggered, &pane, [&pane, filter] { pane.useFilter(filter, FilterJoin::Selected, true); });
    }
    m->setEnabled(any);
}

// Wireshark 4.0's Packet Comments submenu: add one, edit or delete each, delete them all.
void addPacketCommentsMenu(QMenu* menu, PacketPane& pane, size_t frame)
{
    QMenu* m = subMenu(menu, PacketMenus::tr("Packet Comments"), "packetCommentsMenu");
    m->setEnabled(frame != size_t(-1) && pane.canComment(frame));
    if (!m->isEnabled())
        return;
    QAction* add = entry(m, PacketMenus::tr("Add New Comment…"), "addPacketComment");
    QObject::connect(add, &QAction::triggered, &pane, [&pane, frame] { pane.editComment(frame, -1); });
    const std::vector<std::string> comments = pane.comments(frame);
    if (comments.empty())
        return;
    m->addSeparator();
    for (size_t c = 0; c < comments.size(); ++c) {
        const QString text = PacketCommentEdit::shortText(QString::fromStdString(comments[c]));
        QAction* edit = entry(m, PacketMenus::tr("Edit “%1”").arg(text), qPrintable(QStringLiteral("editPacketComment%1").arg(c + 1)));
        QObject::connect(edit, &QAction::triggered, &pane, [&pane, frame, c] { pane.editComment(frame, int(c)); });
    }
    m->addSeparator();
    for (size_t c = 0; c < comments.size(); ++c) {
        const QString text = PacketCommentEdit::shortText(QString::fromStdString(comments[c]));
        QAction* del = entry(m, PacketMenus::tr("Delete “%1”").arg(text), qPrintable(QStringLiteral("deletePacketComment%1").arg(c + 1)));
        QObject::connect(del, &QAction::triggered, &pane, [&pane, frame, c] { pane.deleteComment(frame, int(c)); });
    }
    QAction* all = entry(m, PacketMenus::tr("Delete packet comments"), "deletePacketComments");
    QObject::connect(all, &QAction::triggered, &pane, [&pane, frame] { pane.deleteComment(frame, -1); });
}

} // namespace

QMenu* PacketMenus::showPacketListMenu(PacketPane& pane, const QModelIndex& index, const QPoint& globalPos)
{
    PacketListModel* model = pane.model();
    const bool onPacket = index.isValid();
    const size_t frame = onPacket ? model->frameAt(index.row()) : size_t(-1);
    QMenu* menu = newMenu(pane.table(), "packetListMenu");

    QAction* mark = entry(menu, onPacket && model->isMarked(frame) ? tr("Unmark Packet") : tr("Mark Packet"), "markPacket", onPacket);
    showKey(mark, QKeySequence(Qt::CTRL | Qt::Key_M));
    QObject::connect(mark, &QAction::triggered, &pane, &PacketPane::toggleMark);
    QAction* ref = entry(menu, onPacket && model->isTimeReference(frame) ? tr("Unset Time Reference") : tr("Set Time Reference"),
                         "timeReference", onPacket);
    showKey(ref, QKeySequence(Qt::CTRL | Qt::Key_T));
    QObject::connect(ref, &QAction::triggered, &pane, &PacketPane::toggleTimeReference);
    addPacketCommentsMenu(menu, pane, frame);
    menu->addSeparator();

    const QString cellFilter = onPacket ? pane.columnFilter(index.row(), index.column()) : QString();
    addFilterMenus(menu, pane, cellFilter);
    addConversationFilterMenu(menu, pane, frame);

    QMenu* colorize = subMenu(menu, tr("Colorize Conversation"), "colorizeConversationMenu");
    for (const Layer& l : kLayers) {
        const QString filter = onPacket ? pane.conversationFilter(frame, l.layer) : QString();
        QMenu* m = subMenu(colorize, QString::fromLatin1(l.title), l.name);
        m->setEnabled(!filter.isEmpty());
        for (int slot = 0; slot < PacketListModel::kTemporaryColours; ++slot) {
            QAction* a = entry(m, tr("Color %1").arg(slot + 1), qPrintable(QStringLiteral("color%1").arg(slot + 1)));
            a->setIcon(swatch(PacketListModel::temporaryColour(slot)));
            QObject::connect(a, &QAction::triggered, &pane, [&pane, frame, layer = l.layer, slot] { pane.colorizeConversation(frame, layer, slot); });
        }
    }
    colorize->addSeparator();
    QAction* reset = entry(colorize, tr("Reset Colorization"), "resetColorization", model->hasTemporaryColours());
    QObject::connect(reset, &QAction::triggered, &pane, &PacketPane::resetColorization);
    colorize->setEnabled(onPacket || model->hasTemporaryColours());
    menu->addSeparator();
    QMenu* follow = subMenu(menu, tr("Follow"), "followMenu");
    QAction* followTcp = entry(follow, tr("TCP Stream"), "contextFollowTcpStream",
                               onPacket && !pane.conversationFilter(frame, ConversationLayer::Tcp).isEmpty());
    showKey(followTcp, QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_T));
    QObject::connect(followTcp, &QAction::triggered, &pane, [&pane, frame] { pane.requestFollow(frame); });
    QAction* followUdp = entry(follow, tr("UDP Stream"), "contextFollowUdpStream",
                               onPacket && !pane.conversationFilter(frame, ConversationLayer::Udp).isEmpty());
    showKey(followUdp, QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_U));
    QObject::connect(followUdp, &QAction::triggered, &pane, [&pane, frame] { pane.requestFollow(frame, true); });
    menu->addSeparator();

    QMenu* copyMenu = subMenu(menu, tr("Copy"), "copyMenu");
    copyMenu->setEnabled(onPacket);
    const int row = index.row();
    QObject::connect(entry(copyMenu, tr("Summary as Text"), "summaryAsText"), &QAction::triggered, &pane,
                     [&pane, row] { copy(pane.summaryText(row, false)); });
    QObject::connect(entry(copyMenu, tr("…as CSV"), "summaryAsCsv"), &QAction::triggered, &pane, [&pane, row] { copy(pane.summaryText(row, true)); });
    copyMenu->addSeparator();
    QObject::connect(entry(copyMenu, tr("As Filter"), "asFilter", !cellFilter.isEmpty()), &QAction::triggered, &pane,
                     [cellFilter] { copy(cellFilter); });
    copyMenu->addSeparator();
    QObject::connect(entry(copyMenu, tr("Bytes as Hex + ASCII Dump"), "bytesAsHexDump"), &QAction::triggered, &pane,
                     [&pane] { copy(pane.bytesHexDump()); });
    QObject::connect(entry(copyMenu, tr("…as a Hex Stream"), "bytesAsHexStream"), &QAction::triggered, &pane,
                     [&pane] { copy(pane.bytesHexStream()); });
    menu->popup(globalPos);
    return menu;
}

QMenu* PacketMenus::showDetailTreeMenu(PacketPane& pane, QTreeWidgetItem* item, const QPoint& globalPos)
{
    DetailTreeView* tree = pane.detailView();
    QMenu* menu = newMenu(tree, "detailTreeMenu");
    const bool branch = item && item->childCount() > 0;
    QAction* expand = entry(menu, tr("Expand Subtrees"), "expandSubtrees", branch);
    showKey(expand, QKeySequence(Qt::SHIFT | Qt::Key_Right));
    QObject::connect(expand, &QAction::triggered, tree, [tree, item] { tree->expandSubtree(item); });
    QAction* collapse = entry(menu, tr("Collapse Subtrees"), "collapseSubtrees", branch);
    showKey(collapse, QKeySequence(Qt::SHIFT | Qt::Key_Left));
    QObject::connect(collapse, &QAction::triggered, tree, [tree, item] { tree->collapseSubtree(item); });
    QAction* expandAll = entry(menu, tr("Expand All"), "expandAll");
    showKey(expandAll, QKeySequence(Qt::CTRL | Qt::Key_Right));
    QObject::connect(expandAll, &QAction::triggered, &pane, &PacketPane::expandAll);
    QAction* collapseAll = entry(menu, tr("Collapse All"), "collapseAll");
    showKey(collapseAll, QKeySequence(Qt::CTRL | Qt::Key_Left));
    QObject::connect(collapseAll, &QAction::triggered, &pane, &PacketPane::collapseAll);
    menu->addSeparator();

    const synflow::Field* field = tree->fieldOf(item);
    const QString fieldName = field ? QString::fromStdString(field->name) : QString();
    QAction* column = entry(menu, tr("Apply as Column"), "applyAsColumn", field && field->type != synflow::FieldType::Protocol);
    QObject::connect(column, &QAction::triggered, &pane, [&pane, fieldName] { pane.columns()->addField(fieldName); });
    menu->addSeparator();

    const QString filter = pane.fieldFilter(item);
    addFilterMenus(menu, pane, filter);
    addConversationFilterMenu(menu, pane, pane.selectedFrame());
    menu->addSeparator();

    QMenu* copyMenu = subMenu(menu, tr("Copy"), "copyMenu");
    QObject::connect(entry(copyMenu, tr("All Visible Items"), "allVisibleItems", tree->topLevelItemCount() > 0), &QAction::triggered,
                     tree, [tree] {
                         QString all;
                         for (int i = 0; i < tree->topLevelItemCount(); ++i)
                             all += tree->branchText(tree->topLevelItem(i));
                         copy(all);
                     });
    const QString line = item ? item->text(0) : QString();
    QObject::connect(entry(copyMenu, tr("Description"), "description", item), &QAction::triggered, tree, [line] { copy(line); });
    QObject::connect(entry(copyMenu, tr("Field Name"), "fieldName", !fieldName.isEmpty()), &QAction::triggered, tree,
                     [fieldName] { copy(fieldName); });
    QObject::connect(entry(copyMenu, tr("Value"), "value", item), &QAction::triggered, tree, [line] { copy(DetailTreeView::valueOf(line)); });
    QObject::connect(entry(copyMenu, tr("As Filter"), "asFilter", !filter.isEmpty()), &QAction::triggered, tree, [filter] { copy(filter); });
    menu->popup(globalPos);
    return menu;
}

QMenu* PacketMenus::showHeaderMenu(PacketPane& pane, int column, const QPoint& globalPos)
{
    PacketListModel* model = pane.model();
    QTableView* table = pane.table();
    ListColumns* columns = pane.columns();
    QMenu* menu = newMenu(table->horizontalHeader(), "columnHeaderMenu");
    const bool onColumn = column >= 0;
    auto* alignments = new QActionGroup(menu);
    const Qt::Alignment current = onColumn ? model->columnAlignment(column) & Qt::AlignHorizontal_Mask : Qt::Alignment();
    for (const auto& [align, name, text] : {std::tuple{Qt::AlignLeft, "alignLeft", tr("Align Left")},
                                            std::tuple{Qt::AlignHCenter, "alignCenter", tr("Align Center")},
                                            std::tuple{Qt::AlignRight, "alignRight", tr("Align Right")}}) {
        QAction* a = entry(menu, text, name, onColumn);
        a->setCheckable(true);
        a->setChecked(onColumn && current == align);
        alignments->addAction(a);
        QObject::connect(a, &QAction::triggered, columns, [columns, column, align = align] { columns->setAlignment(column, align); });
    }
    menu->addSeparator();
    QObject::connect(entry(menu, tr("Resize to Contents"), "resizeToContents", onColumn), &QAction::triggered, columns,
                     [columns, column] { columns->resizeToContents(column); });
    QObject::connect(entry(menu, tr("Resize All Columns to Contents"), "resizeAllColumns"), &QAction::triggered, columns,
                     &ListColumns::resizeAll);
    const synflow::Field* selected = pane.detailView()->fieldOf(pane.detailView()->currentItem());
    const QString selectedName = selected ? QString::fromStdString(selected->name) : QString();
    QAction* apply = entry(menu, selected ? tr("Apply %1 as Column").arg(selectedName) : tr("Apply Selected Field as Column"), "applyAsColumn",
                           selected && selected->type != synflow::FieldType::Protocol);
    QObject::connect(apply, &QAction::triggered, columns, [columns, selectedName] { columns->addField(selectedName); });
    menu->addSeparator();
    for (int c = 0; c < model->columnCount(); ++c) {
        QAction* a = entry(menu, model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString(), qPrintable(QStringLiteral("column%1").arg(c)));
        a->setCheckable(true);
        a->setChecked(!table->isColumnHidden(c));
        QObject::connect(a, &QAction::toggled, columns, [columns, c](bool on) { columns->setShown(c, on); });
    }
    menu->addSeparator();
    QObject::connect(entry(menu, tr("Remove this Column"), "removeColumn", model->customField(column) != nullptr), &QAction::triggered,
                     columns, [columns, column] { columns->remove(column); });
    menu->popup(globalPos);
    return menu;
}
