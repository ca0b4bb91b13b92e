#pragma once
// The main window's status line: what is shown (packet counts, loading, capturing) at the left,
// and while a file loads, its progress and a Cancel button at the right (they stay in sight
// under a passing message).
#include <QObject>

class QLabel;
class QProgressBar;
class QPushButton;
class QStatusBar;

class StatusLine : public QObject {
    Q_OBJECT
public:
    explicit StatusLine(QStatusBar* bar);

    void setText(const QString& text);
    void showProgress(int permille); // shows the bar and Cancel
    void hideProgress();
    void retranslate();

signals:
    void cancelRequested();

private:
    QLabel* text_;
    QProgressBar* progress_;
    QPushButton* cancel_;
};
