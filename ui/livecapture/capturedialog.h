#pragma once
// Capture → Options: pick an interface, write a capture filter (checked by libpcap as it is
// typed), set snapshot length, promiscuous mode, buffer size and when to stop.
#include <QDialog>

#include "live/livecapture.h"

class FilterEdit;
class InterfaceList;
class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

class CaptureDialog : public QDialog {
    Q_OBJECT
public:
    explicit CaptureDialog(QWidget* parent = nullptr);

    // What the user chose (the output file is left for the caller to decide).
    synflow::CaptureOptions options() const;
    void setOptions(const synflow::CaptureOptions& o);
    bool filterValid() const;
    QString filterMessage() const;

    InterfaceList* interfaces() const { return list_; }
    QLineEdit* filterEdit() const;

    // The options last started with (QSettings), or the defaults on loopback.
    static synflow::CaptureOptions savedOptions();
    static void saveOptions(const synflow::CaptureOptions& o);

private:
    void updateStart();

    InterfaceList* list_;
    FilterEdit* filter_;
    QLabel* filterNote_;
    QSpinBox* snapLen_;
    QCheckBox* promiscuous_;
    QSpinBox* buffer_;
    QCheckBox* stopPackets_;
    QSpinBox* packets_;
    QCheckBox* stopSeconds_;
    QSpinBox* seconds_;
    QCheckBox* stopMegabytes_;
    QSpinBox* megabytes_;
    QDialogButtonBox* buttons_;
};
