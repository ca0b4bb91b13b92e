#pragma once
// Help → Keyboard Shortcuts: every action of the window's menus that has a key, with the menu it
// is in, read from the actions themselves so the list cannot drift from what the keys do.
#include <QDialog>

class QMenuBar;
class QTreeWidget;

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    ShortcutsDialog(QMenuBar* menus, QWidget* parent = nullptr);

protected:
    void changeEvent(QEvent* e) override; // rebuilt in the new language
    void showEvent(QShowEvent* e) override; // and with the keys in force now

private:
    void rebuild();
    QMenuBar* menus_;
    QTreeWidget* list_;
};
