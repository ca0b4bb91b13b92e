#pragma once
// What the window shows when no capture is open: open a file, the demo capture, a recent
// file, or capture live on one of the listed interfaces.
#include <QWidget>

class InterfaceList;
class QLabel;
class QListWidget;
class QPushButton;

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

protected:
    void changeEvent(QEvent* e) override; // a language switched in the menu applies at once

private:
    void retranslate();

    QLabel* title_;
    QLabel* recentLabel_;
    QLabel* captureLabel_;
    QPushButton* open_;
    QPushButton* demo_;
    QPushButton* options_;
    QListWidget* recent_;
    InterfaceList* interfaces_;
};
