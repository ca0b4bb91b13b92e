#include "livecapture/livesession.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>

LiveSession::LiveSession(QObject* parent) : QObject(parent), timer_(new QTimer(this))
{
    timer_->setInterval(100); // ten updates a second
    connect(timer_, &QTimer::timeout, this, &LiveSession::poll);
}

LiveSession::~LiveSession()
{
    capture_.stop();
    if (thread_.joinable())
        thread_.join();
}

QString LiveSession::cacheDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/synflow");
}

bool LiveSession::start(const synflow::CaptureOptions& options, QString* error)
{
    if (isRunning())
        return false;
    if (!QDir().mkpath(cacheDir())) {
        if (error)
            *error = tr("Cannot create %1 for the capture file.").arg(cacheDir());
        return false;
    }
    options_ = options;
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    QString iface = QString::fromStdString(options.interface);
    iface.replace(QLatin1Char('/'), QLatin1Char('_'));
    path_ = QStringLiteral("%1/capture-%2-%3.pcapng").arg(cacheDir(), stamp, iface);
    options_.output = path_.toStdString();
    analysis_.reset();
    error_.clear();
    openError_.clear();
    openFailures_ = 0;
    finished_ = false;
    thread_ = std::thread([this] {
        std::string err;
        capture_.run(options_, err);
        error_ = err;
        // Queued to the GUI thread; dropped if the session is gone by then.
        QMetaObject::invokeMethod(this, &LiveSession::finish, Qt::QueuedConnection);
    });
    timer_->start();
    return true;
}

void LiveSession::stop()
{
    capture_.stop();
}

void LiveSession::stopAndWait()
{
    capture_.stop();
    finish();
}

void LiveSession::poll()
{
    if (!analysis_) {
        std::string error;
        auto capture = std::make_shared<synflow::AnalysedCapture>();
        if (!QFile::exists(path_) || !capture->openFollowing(path_.toStdString(), error)) {
            // The writer may not have put the header down yet; a file that has it and still
            // cannot be read will not get better: stop, keep the file, say why.
            if (!error.empty() && QFileInfo(path_).size() >= 64 && ++openFailures_ >= 20) {
                openError_ = tr("cannot follow %1 (%2); the packets captured are kept in that file")
                                 .arg(path_, QString::fromStdString(error));
                capture_.stop();
            }
            return;
        }
        analysis_ = std::move(capture);
        emit opened();
    }
    // 40 ms of analysis a tick at most: under a flood the list lags a little, the window never freezes.
    if (analysis_->update(finished_ ? 1e18 : 40))
        emit updated(qint64(analysis_->packetCount()));
    if (const size_t cut = analysis_->file().shrunkAt(); cut != synflow::MappedFile::kIntact && openError_.isEmpty()) {
        // Another program cut our file short: it cannot be followed past that (see MappedFile).
        openError_ = tr("%1 was cut short at byte %2 by another program; the %n packet(s) before it are kept", nullptr,
                        int(analysis_->packetCount()))
                         .arg(path_)
                         .arg(cut);
        capture_.stop();
    }
    emit statsChanged();
}

void LiveSession::finish()
{
    if (finished_ || !thread_.joinable())
        return;
    finished_ = true;
    if (thread_.joinable())
        thread_.join();
    timer_->stop();
    poll(); // what arrived after the last tick
    emit stopped(openError_.isEmpty() ? QString::fromStdString(error_) : openError_);
}
