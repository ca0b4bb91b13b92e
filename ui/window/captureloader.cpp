#include "window/captureloader.h"

#include "capture/capturefile.h"
#include "capture/followingindexer.h"
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
        auto tracker = std::make_shared<TcpTracker>();
        auto protocols = std::make_shared<ConversationProtocols>();
        size_t reported = 0;
        // The tracker analyses each piece of the file on a second thread while the next is read.
        indexWithFollower(
            *file,
            [&](const IndexedBatch& batch) {
                const PacketIndex& index = file->index();
                if (batch.begin == 0)
                    tracker->reserve(estimateRecordCount(*file, batch.end));
                for (size_t i = batch.begin; i < batch.end && !cancelFlag->load(); ++i) {
                    batch.prefetch(index, i + CaptureFile::kPrefetchAhead);
                    const PacketRecord& rec = index[i];
                    const DecodedPacket d = batch.decode(rec);
                    tracker->process(uint32_t(i), rec, d);
                    protocols->learn(uint32_t(i), d, *tracker, index);
                }
            },
            [&] {
                const size_t n = file->packetCount();
                if (n - reported >= (size_t(1) << 15) || file->finished()) {
                    reported = n;
                    const qint64 done = qint64(file->bytesIndexed());
                    post([n = qint64(n), done, total](CaptureLoader& l) { emit l.progress(n, done, total); });
                }
                return !cancelFlag->load();
            });
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
