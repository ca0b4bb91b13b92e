#include "window/captureloader.h"

#include "analysis/analysedcapture.h"

using namespace synflow;

CaptureLoader::CaptureLoader(QObject* parent) : QObject(parent), job_(this)
{
    job_.onProgress([this](int permille) {
        if (loading_ && capture_)
            emit progress(qint64(capture_->packetCount()), permille);
    });
}

CaptureLoader::~CaptureLoader() = default;

void CaptureLoader::cancel()
{
    job_.cancelAndWait(); // the pass writes into the capture the views hold
    if (loading_) {
        loading_ = false;
        emit cancelled();
    }
}

bool CaptureLoader::start(const QString& path, QString* error)
{
    auto capture = std::make_shared<AnalysedCapture>();
    std::string err;
    if (!capture->open(path.toStdString(), err)) {
        if (error)
            *error = QString::fromStdString(err);
        return false;
    }
    cancel();
    capture_ = capture;
    loading_ = true;
    emit opened(capture_);
    job_.start(
        [capture](QPromise<bool>& promise) {
            promise.setProgressRange(0, 1000);
            AnalysedCapture::PassOptions pass;
            pass.afterPiece = [&](const AnalysedCapture::Progress& p) {
                promise.setProgressValue(p.bytesTotal ? int(1000.0 * double(p.bytesDone) / double(p.bytesTotal)) : 0);
                return !promise.isCanceled();
            };
            if (capture->analyse(pass))
                promise.addResult(true);
        },
        [this, capture](bool) {
            loading_ = false;
            QString damage;
            if (const auto& d = capture->file().damage())
                damage = tr("damaged at byte %1: %2").arg(d->offset).arg(QString::fromStdString(d->what));
            emit progress(qint64(capture->packetCount()), 1000);
            emit finished(damage, qint64(capture->packetCount()));
        });
    return true;
}
