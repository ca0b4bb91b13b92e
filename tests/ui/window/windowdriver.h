#pragma once
// What the window suites do as a user does: open a file and wait, right-click a packet list
// cell, a detail line or a column header, walk a menu to an entry by object names, find a
// detail line by the field it shows, read a row's colour as painted.
#include "window/mainwindow.h"
#include "window/windowparts.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QMenu>
#include <QSignalSpy>
#include <QTreeWidgetItemIterator>
#include <QtTest>

#include "fields/field.h"

namespace driver {

inline bool open(MainWindow& w, const QString& path)
{
    QSignalSpy done(&w, &MainWindow::loadFinished);
    return w.openCapture(path) && done.wait(20000);
}

// Sends the context-menu event a right click at `pos` of `viewport` makes; the menu it opened.
inline QMenu* rightClick(QWidget* viewport, const QPoint& pos, QObject* menuParent, const char* menuName)
{
    QContextMenuEvent e(QContextMenuEvent::Mouse, pos, viewport->mapToGlobal(pos));
    QCoreApplication::sendEvent(viewport, &e);
    const QList<QMenu*> menus = menuParent->findChildren<QMenu*>(QString::fromLatin1(menuName), Qt::FindDirectChildrenOnly);
    return menus.isEmpty() ? nullptr : menus.last();
}

inline QMenu* rightClickCell(MainWindow& w, int row, int column)
{
    QTableView* table = windowparts::packetList(w);
    const QRect cell = table->visualRect(table->model()->index(row, column));
    return rightClick(table->viewport(), cell.center(), table, "packetListMenu");
}

inline QMenu* rightClickLine(MainWindow& w, QTreeWidgetItem* item)
{
    DetailTreeView* tree = windowparts::detailTree(w);
    for (QTreeWidgetItem* p = item->parent(); p; p = p->parent()) // opened and scrolled to, as one does to reach it
        p->setExpanded(true);
    tree->scrollToItem(item);
    return rightClick(tree->viewport(), tree->visualItemRect(item).center(), tree, "detailTreeMenu");
}

inline QMenu* rightClickHeader(MainWindow& w, int column)
{
    QHeaderView* header = windowparts::packetList(w)->horizontalHeader();
    const QPoint at(header->sectionViewportPosition(column) + header->sectionSize(column) / 2, header->height() / 2);
    return rightClick(header->viewport(), at, header, "columnHeaderMenu");
}

// The entry at `path` ("applyAsFilterMenu/selected"): submenus, then the action, by object name.
inline QAction* entry(QMenu* menu, const QString& path)
{
    const QStringList parts = path.split(QLatin1Char('/'));
    QMenu* m = menu;
    for (int i = 0; m && i + 1 < parts.size(); ++i)
        m = m->findChild<QMenu*>(parts[i], Qt::FindDirectChildrenOnly);
    if (!m)
        return nullptr;
    for (QAction* a : m->actions())
        if (a->objectName() == parts.last() || (a->menu() && a->menu()->objectName() == parts.last()))
            return a;
    return nullptr;
}

// The texts a user reads in a (sub)menu, separators left out.
inline QStringList texts(QMenu* menu)
{
    QStringList out;
    for (QAction* a : menu->actions())
        if (!a->isSeparator())
            out << a->text();
    return out;
}

// Closes the menu, then triggers the entry, as clicking it does (QMenu hides before it triggers).
inline bool choose(QMenu* menu, const QString& path)
{
    QAction* a = entry(menu, path);
    if (!a || !a->isEnabled())
        return false;
    QWidget* window = menu->parentWidget()->window();
    menu->close();
    a->trigger();
    delete menu;
    if (!QApplication::activeWindow()) // a window manager gives the window back its activation
        window->activateWindow();
    return true;
}

inline void dismiss(QMenu* menu)
{
    menu->close();
    delete menu;
}

// The first detail line showing field `name`.
inline QTreeWidgetItem* line(MainWindow& w, const char* name)
{
    DetailTreeView* tree = windowparts::detailTree(w);
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if (const synflow::Field* f = tree->fieldOf(*it); f && f->name == name)
            return *it;
    return nullptr;
}

// The 1-based frame numbers the packet list shows, in row order.
inline QString listedFrames(MainWindow& w)
{
    PacketListModel* m = windowparts::packetModel(w);
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        out << QString::number(m->frameAt(r) + 1);
    return out.join(QLatin1Char(','));
}

inline size_t selectedFrame(MainWindow& w) { return windowparts::packetPane(w)->selectedFrame(); }

// The colour painted at the right end of a row (the Info column's empty end), as on screen.
inline QColor paintedRowColour(MainWindow& w, int row)
{
    QTableView* table = windowparts::packetList(w);
    const QImage shot = table->viewport()->grab().toImage();
    const QRect cell = table->visualRect(table->model()->index(row, PacketListModel::Info));
    return shot.pixelColor(table->viewport()->width() - 4, cell.center().y());
}

} // namespace driver
