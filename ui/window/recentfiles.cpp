#include "window/recentfiles.h"

#include <QMenu>
#include <QSettings>

namespace {
constexpr int kKept = 10;
const QString kKey = QStringLiteral("recentFiles");
} // namespace

RecentFiles::RecentFiles(QObject* parent) : QObject(parent) { }

QStringList RecentFiles::files() const
{
    return QSettings().value(kKey).toStringList();
}

void RecentFiles::add(const QString& path)
{
    QStringList list = files();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kKept)
        list.removeLast();
    QSettings().setValue(kKey, list);
    fillMenu();
    emit changed(list);
}

void RecentFiles::attachMenu(QMenu* menu)
{
    menu_ = menu;
    fillMenu();
}

void RecentFiles::fillMenu()
{
    if (!menu_)
        return;
    menu_->clear();
    for (const QString& f : files())
        menu_->addAction(f, this, [this, f] { emit openRequested(f); });
    menu_->setEnabled(!menu_->isEmpty());
}
