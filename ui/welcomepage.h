#pragma once
// What the window shows when no capture is open: open a file, the demo capture, or a
// recent file.
#include <QWidget>

class QListWidget;

class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);
    void setRecentFiles(const QStringList& files);

signals:
    void openRequested();
    void demoRequested();
    void recentRequested(const QString& path);

private:
    QListWidget* recent_;
};
