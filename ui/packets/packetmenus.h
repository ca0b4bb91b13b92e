#pragma once
// The right-click menus of the packet views, laid out as Wireshark 4.0's: the packet list's,
// the detail tree's and the packet list header's. Each is made when asked for (so it speaks the
// language in force), shown without blocking, and deleted when it closes. Object names let
// tests and accessibility tools find every entry.
#include <QCoreApplication>

class PacketPane;
class QMenu;
class QModelIndex;
class QPoint;
class QTreeWidgetItem;

class PacketMenus {
    Q_DECLARE_TR_FUNCTIONS(PacketMenus)
public:
    static QMenu* showPacketListMenu(PacketPane& pane, const QModelIndex& index, const QPoint& globalPos);
    static QMenu* showDetailTreeMenu(PacketPane& pane, QTreeWidgetItem* item, const QPoint& globalPos);
    static QMenu* showHeaderMenu(PacketPane& pane, int column, const QPoint& globalPos);
};
