#include "livecapture/capturecontroller.h"

#include "livecapture/capturedialog.h"
#include "livecapture/livesession.h"

#include <QFile>
#include <QMessageBox>
#include <QPointer>
#include <QWidget>

using namespace synflow;

CaptureController::CaptureController(QWidget* window) : QObject(window), window_(window) { }

CaptureController::~CaptureController()
{
    if (live_)
        live_->stopAndWait(); // the file stays in the cache folder: nothing is lost
}

bool CaptureController::askOptions(QWidget* parent, CaptureOptions* options)
{
    CaptureDialog dialog(parent);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    *options = dialog.options();
    CaptureDialog::saveOptions(*options);
    return true;
}

CaptureOptions CaptureController::optionsFor(const QString& interfaceName)
{
    CaptureOptions o = CaptureDialog::savedOptions();
    o.interface = interfaceName.toStdString();
    CaptureDialog::saveOptions(o);
    return o;
}

CaptureOptions CaptureController::lastOptions() { return CaptureDialog::savedOptions(); }

bool CaptureController::isRunning() const { return live_ && live_->isRunning(); }

std::shared_ptr<const AnalysedCapture> CaptureController::capture() const
{
    return live_ ? live_->capture() : nullptr;
}

bool CaptureController::start(const CaptureOptions& options, QString* error)
{
    std::string filterError;
    if (!options.filter.empty() && !checkCaptureFilter(options.filter, 1, filterError)) {
        *error = tr("The capture filter \"%1\" is not valid: %2").arg(QString::fromStdString(options.filter), QString::fromStdString(filterError));
        return false;
    }
    drop();
    live_ = new LiveSession(this);
    saved_ = false;
    connect(live_, &LiveSession::opened, this, &CaptureController::opened);
    connect(live_, &LiveSession::updated, this, &CaptureController::updated);
    connect(live_, &LiveSession::statsChanged, this, &CaptureController::statusChanged);
    connect(live_, &LiveSession::stopped, this, &CaptureController::onStopped);
    if (!live_->start(options, error)) {
        delete live_;
        live_ = nullptr;
        return false;
    }
    emit statusChanged();
    return true;
}

void CaptureController::stop()
{
    if (isRunning())
        live_->stopAndWait();
}

void CaptureController::restart()
{
    if (!live_)
        return;
    const CaptureOptions o = live_->options();
    live_->stopAndWait();
    saved_ = true;
    QString error;
    if (!start(o, &error))
        emit stopped(error);
}

bool CaptureController::hasUnsaved() const
{
    return live_ && !saved_ && (live_->packetCount() > 0 || live_->stats().packets > 0);
}

bool CaptureController::maybeDiscard(const std::function<bool()>& save)
{
    if (!hasUnsaved())
        return true;
    const auto answer = QMessageBox::question(
        window_, tr("Unsaved capture"),
        tr("Save the %n captured packet(s) first? Otherwise they are deleted.", nullptr,
           int(std::max<uint64_t>(live_->packetCount(), live_->stats().packets))),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    live_->stopAndWait();
    if (answer == QMessageBox::Discard)
        return true;
    return save();
}

void CaptureController::drop()
{
    if (!live_)
        return;
    QPointer<LiveSession> session = live_;
    const QString path = session->outputPath();
    session->stopAndWait(); // its last signals may already drop it (onStopped)
    // Saved or discarded: the temporary file has done its job (the mapping stays valid).
    QFile::remove(path);
    if (live_ == session) {
        live_->deleteLater();
        live_ = nullptr;
    }
    emit statusChanged();
}

QString CaptureController::statusText() const
{
    if (!live_)
        return {};
    const CaptureStats st = live_->stats();
    const QString iface = QString::fromStdString(live_->options().interface);
    const QString counts = tr("%n packet(s)", nullptr, int(live_->packetCount()))
        + tr(" · received %1 · dropped %2").arg(st.received).arg(st.dropped + st.ifDropped);
    return live_->isRunning() ? tr("Capturing on %1: %2").arg(iface, counts) : tr("Captured on %1: %2").arg(iface, counts);
}

void CaptureController::onStopped(const QString& error)
{
    QString text = error;
    if (live_ && !error.isEmpty() && live_->packetCount())
        text += QLatin1Char('\n') + tr("The %n packet(s) captured before are kept.", nullptr, int(live_->packetCount()));
    if (live_ && !live_->capture() && live_->stats().packets == 0) { // nothing was written: nothing to keep
        QFile::remove(live_->outputPath());
        live_->deleteLater();
        live_ = nullptr;
    }
    emit statusChanged();
    emit stopped(text);
}
