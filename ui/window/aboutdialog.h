#pragma once
// Help → About SynFlow: the version, the Qt and libpcap it runs with, and the licence.
#include <QDialog>

class QLabel;

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
    // The versions line by line ("SynFlow 0.1.0", "Qt 6.4.2", "libpcap version 1.10.3…").
    static QStringList versions();

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslate();
    QLabel* text_;
};
