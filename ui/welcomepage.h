#pragma once
// What the window shows when no capture is open: open a file, the demo capture, a recent
// file, or capture live on one of the listed interfaces.
#include <QWidget>

class InterfaceList;
class QListWidget;

class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);
    void setRecentFiles(const QStringList& files);
    InterfaceList* interfaces() const { return interfaces_; }

signals:
    void openRequested();
    void demoRequested();
    void recentRequested(const QString& path);
    void captureRequested(const QString& interfaceName);
    void captureOptionsRequested();

private:
    QListWidget* recent_;
    InterfaceList* interfaces_;
};
