#pragma once
// The interfaces libpcap can capture on, with their addresses and flags and a sparkline of
// packets per second over the last half minute, so the busy one is easy to spot.
// Double-click (or Enter) asks to capture on one.
#include <QTreeWidget>

class QTimer;

class InterfaceList : public QTreeWidget {
    Q_OBJECT
public:
    enum Column { Name, Traffic, Addresses, Flags, ColumnCount };
    static constexpr int kHistory = 30; // samples, one a second

    explicit InterfaceList(QWidget* parent = nullptr);

    // Lists the interfaces again; false with libpcap's message if it cannot.
    bool refresh();
    QString currentInterface() const;
    void selectInterface(const QString& name);
    QString errorText() const { return error_; }
    // Packets per second of the named interface over the last samples (oldest first).
    QList<double> history(const QString& name) const;

signals:
    void interfaceActivated(const QString& name);

protected:
    void showEvent(QShowEvent* e) override;
    void hideEvent(QHideEvent* e) override;
    void changeEvent(QEvent* e) override;

private:
    void sample();

    QTimer* timer_;
    QString error_;
};
