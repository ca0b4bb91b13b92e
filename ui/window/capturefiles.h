#pragma once
// Choosing, checking and saving capture files for the window: the Open and Save As dialogs,
// what a drop onto the window may be, and the atomic save.
#include <QCoreApplication>
#include <QString>

class QMimeData;
class QWidget;

namespace synflow {
class CaptureFile;
}

class CaptureFiles {
    Q_DECLARE_TR_FUNCTIONS(CaptureFiles)
public:
    // Empty when the user cancelled.
    static QString askOpenPath(QWidget* parent);
    // pcapng or pcap, by the chosen filter when the name has no suffix.
    static QString askSavePath(QWidget* parent);
    // The one local capture file a drop carries; false with the reason.
    static bool droppedPath(const QMimeData* mime, QString* path, QString* error);
    // pcap if the name ends in .pcap, else pcapng; written to a temporary file and renamed.
    // `replaceSource`: the user agreed to replace the open capture itself.
    static bool save(const synflow::CaptureFile& capture, const QString& path, QString* error, bool replaceSource = false);
};
