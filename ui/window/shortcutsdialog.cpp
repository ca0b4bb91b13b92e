#include "window/shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <functional>

ShortcutsDialog::ShortcutsDialog(QMenuBar* menus, QWidget* parent) : QDialog(parent), menus_(menus)
{
    setObjectName(QStringLiteral("keyboardShortcutsDialog"));
    list_ = new QTreeWidget(this);
    list_->setObjectName(QStringLiteral("shortcutList"));
    list_->setRootIsDecorated(false);
    list_->setColumnCount(3);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(list_);
    layout->addWidget(buttons);
    resize(640, 480);
    rebuild();
}

void ShortcutsDialog::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        rebuild();
    QDialog::changeEvent(e);
}

void ShortcutsDialog::showEvent(QShowEvent* e)
{
    rebuild();
    QDialog::showEvent(e);
}

void ShortcutsDialog::rebuild()
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    list_->setAccessibleName(tr("Keyboard Shortcuts"));
    list_->setHeaderLabels({tr("Shortcut"), tr("Action"), tr("Menu")});
    list_->clear();
    // Menu path → action, in menu order; the mnemonics' ampersands are not part of a name.
    auto plain = [](QString s) {
        return s.remove(QRegularExpression(QStringLiteral("\\(&.\\)"))).remove(QRegularExpression(QStringLiteral("&(?!&)")));
    };
    std::function<void(QMenu*, const QString&)> walk = [&](QMenu* menu, const QString& path) {
        for (QAction* a : menu->actions()) {
            if (a->isSeparator())
                continue;
            if (a->menu()) {
                walk(a->menu(), path + QStringLiteral(" › ") + plain(a->text()));
                continue;
            }
            QStringList keys;
            for (const QKeySequence& k : a->shortcuts())
                keys << k.toString(QKeySequence::NativeText);
            if (keys.isEmpty())
                continue;
            auto* item = new QTreeWidgetItem(list_, {keys.join(QStringLiteral(", ")), plain(a->text()), path});
            item->setData(0, Qt::UserRole, a->objectName());
        }
    };
    for (QAction* top : menus_->actions())
        if (top->menu())
            walk(top->menu(), plain(top->text()));
    for (int c = 0; c < list_->columnCount(); ++c)
        list_->resizeColumnToContents(c);
}
