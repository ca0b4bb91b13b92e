#include "window/capturefiles.h"

#include "capture/capturefile.h"
#include "capture/capturesaver.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QUrl>

using namespace synflow;

QString CaptureFiles::askOpenPath(QWidget* parent)
{
    return QFileDialog::getOpenFileName(parent, tr("Open Capture"), QString(), tr("Captures (*.pcap *.pcapng *.cap *.ntar *.gz *.zst *.lz4);;All files (*)"));
}

QString CaptureFiles::askSavePath(QWidget* parent)
{
    QString selected;
    const QString pcapng = tr("pcapng (*.pcapng)"), pcap = tr("pcap (*.pcap)");
    QString path = QFileDialog::getSaveFileName(parent, tr("Save Capture As"), QString(), pcapng + QStringLiteral(";;") + pcap, &selected);
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty())
        path += selected == pcap ? QStringLiteral(".pcap") : QStringLiteral(".pcapng");
    return path;
}

bool CaptureFiles::droppedPath(const QMimeData* mime, QString* path, QString* error)
{
    const QList<QUrl> urls = mime->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile()) {
        *error = tr("Drop one capture file (pcap or pcapng) to open it.");
        return false;
    }
    *path = urls.first().toLocalFile();
    if (QFileInfo(*path).isDir()) {
        *error = tr("%1 is a folder, not a capture file.").arg(*path);
        return false;
    }
    return true;
}

bool CaptureFiles::save(const CaptureFile& capture, const QString& path, QString* error, bool replaceSource)
{
    const SaveFormat format = QFileInfo(path).suffix().compare(QStringLiteral("pcap"), Qt::CaseInsensitive) == 0 ? SaveFormat::Pcap
                                                                                                                  : SaveFormat::PcapNg;
    std::string why;
    if (saveCapture(capture, path.toStdString(), format, why, replaceSource))
        return true;
    *error = QString::fromStdString(why);
    return false;
}
