#include "captureloader.h"

#include "capture/capturefile.h"
#include "decode/packetdecoder.h"
#include "proto/conversationprotocols.h"
#include "tcp/tcptracker.h"

#include <QPointer>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

using namespace synflow;

CaptureLoader::CaptureLoader(QObject* parent) : QObject(parent) { }

CaptureLoader::~CaptureLoader()
{
    cancel();
    waitForWorker();
}

void CaptureLoader::waitForWorker()
{
    // The worker holds only shared state; waiting keeps the process from exiting under it.
    while (running_ && running_->load())
        QThread::msleep(1);
}

void CaptureLoader::cancel()
{
    if (cancel_)
        cancel_->store(true);
    if (loading_) {
        loading_ = false;
        emit cancelled();
    }
}

bool CaptureLoader::start(const QString& path, QString* error)
{
    auto file = std::make_shared<CaptureFile>();
    std::string err;
    if (!file->open(path.toStdString(), err)) {
        if (error)
            *error = QString::fromStdString(err);
        return false;
    }
    cancel();
    waitForWorker();
    const quint64 gen = ++generation_;
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    running_ = std::make_shared<std::atomic<bool>>(true);
    loading_ = true;
    emit opened(file);

    QPointer<CaptureLoader> self(this);
    auto post = [self, gen](auto&& fn) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, gen, fn = std::forward<decltype(fn)>(fn)]() mutable {
                if (self && self->generation_ == gen && self->loading_)
                    fn(*self);
            },
            Qt::QueuedConnection);
    };
    auto cancelFlag = cancel_;
    auto running = running_;
    (void)QtConcurrent::run([file, cancelFlag, running, post]() mutable {
        const qint64 total = qint64(file->fileSize());
        bool more = true;
        while (more && !cancelFlag->load()) {
            more = file->indexMore(size_t(1) << 15);
            const qint64 n = qint64(file->packetCount()), done = qint64(file->bytesIndexed());
            post([n, done, total](CaptureLoader& l) { emit l.progress(n, done, total); });
        }
        std::shared_ptr<TcpTracker> tracker;
        auto protocols = std::make_shared<ConversationProtocols>();
        if (!cancelFlag->load()) {
            tracker = std::make_shared<TcpTracker>();
            const PacketIndex& index = file->index();
            tracker->reserve(index.size());
            for (size_t i = 0; i < index.size() && !cancelFlag->load(); ++i) {
                const DecodedPacket d = file->decode(i);
                tracker->process(uint32_t(i), index[i], d);
                if (const int64_t stream = tracker->streamOf(uint32_t(i)); stream >= 0)
                    protocols->learn(uint32_t(stream), d);
                else
                    protocols->learnDatagram(d);
            }
        }
        if (!cancelFlag->load()) {
            QString damage;
            if (const auto& d = file->damage())
                damage = QObject::tr("damaged at byte %1: %2").arg(d->offset).arg(QString::fromStdString(d->what));
            const qint64 n = qint64(file->packetCount());
            std::shared_ptr<const TcpTracker> done = tracker;
            std::shared_ptr<const ConversationProtocols> learned = protocols;
            post([done, learned, damage, n](CaptureLoader& l) {
                l.loading_ = false;
                emit l.finished(done, learned, damage, n);
            });
        }
        running->store(false);
    });
    return true;
}
