#pragma once
// Loads a capture off the GUI thread: indexes it in batches (rows can be shown as they
// arrive), then runs the TCP tracker over it. A new load cancels the one before; results of
// an older load are dropped by their generation number.
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace synflow {
class CaptureFile;
class TcpTracker;
class ConversationProtocols;
} // namespace synflow

class CaptureLoader : public QObject {
    Q_OBJECT
public:
    explicit CaptureLoader(QObject* parent = nullptr);
    ~CaptureLoader() override;

    // Opens `path` at once (so a bad file is refused before anything changes) and starts
    // indexing in the background. False, with the reason in `error`, if it cannot be read.
    bool start(const QString& path, QString* error);
    void cancel();
    bool isLoading() const { return loading_; }

signals:
    void opened(std::shared_ptr<const synflow::CaptureFile> file);
    void progress(qint64 packets, qint64 bytesDone, qint64 bytesTotal);
    void finished(std::shared_ptr<const synflow::TcpTracker> tracker, std::shared_ptr<const synflow::ConversationProtocols> protocols,
                  const QString& damage, qint64 packets);
    void cancelled();

private:
    void waitForWorker();

    quint64 generation_ = 0;
    bool loading_ = false;
    std::shared_ptr<std::atomic<bool>> cancel_;
    std::shared_ptr<std::atomic<bool>> running_;
};
