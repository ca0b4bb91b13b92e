#include "window/filefollower.h"

#include <QTimer>

FileFollower::FileFollower(QObject* parent) : QObject(parent), timer_(new QTimer(this))
{
    timer_->setInterval(kIntervalMs);
    connect(timer_, &QTimer::timeout, this, &FileFollower::poll);
}

bool FileFollower::start(const QString& path, QString* error)
{
    stop();
    auto capture = std::make_shared<synflow::AnalysedCapture>();
    std::string why;
    if (!capture->openFollowing(path.toStdString(), why)) {
        if (error)
            *error = QString::fromStdString(why);
        return false;
    }
    capture_ = std::move(capture);
    path_ = path;
    timer_->start();
    return true;
}

void FileFollower::stop()
{
    timer_->stop();
    capture_.reset();
}

void FileFollower::poll()
{
    if (!capture_)
        return;
    // 40 ms of analysis a tick at most: a large file is taken in over a few ticks, the window stays responsive.
    if (capture_->update(40))
        emit grew(qint64(capture_->packetCount()));
    if (!capture_) // stopped by a receiver
        return;
    if (const size_t cut = capture_->file().shrunkAt(); cut != synflow::MappedFile::kIntact) {
        timer_->stop();
        emit failed(tr("%1 was cut short at byte %2 by another program; the %n packet(s) before it are kept", nullptr,
                       int(capture_->packetCount()))
                        .arg(path_)
                        .arg(cut));
    }
}
