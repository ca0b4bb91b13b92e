#pragma once
// The recently opened captures, kept with QSettings: one list for the File → Open Recent menu
// and the welcome page.
#include <QObject>
#include <QStringList>

class QMenu;

class RecentFiles : public QObject {
    Q_OBJECT
public:
    explicit RecentFiles(QObject* parent = nullptr);

    QStringList files() const;
    void add(const QString& path); // moves it to the top
    // Keeps `menu` filled with one action per file (opening it asks through openRequested()).
    void attachMenu(QMenu* menu);

signals:
    void changed(const QStringList& files);
    void openRequested(const QString& path);

private:
    void fillMenu();

    QMenu* menu_ = nullptr;
};
