#pragma once
// One piece of background work at a time, through Qt's own tools: QtConcurrent::run with a
// QPromise (progress, cancel), and QFuture::then on the owner's thread for the result. Starting
// a new job cancels the one before; a result that arrives for a job that is no longer the
// current one is dropped, so a view never shows an older answer over a newer question.
#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

template <typename T>
class BackgroundJob {
public:
    // `owner` receives results and progress on its thread and outlives the job.
    explicit BackgroundJob(QObject* owner) : owner_(owner), watcher_(owner) { }
    ~BackgroundJob() { cancelAndWait(); }
    BackgroundJob(const BackgroundJob&) = delete;
    BackgroundJob& operator=(const BackgroundJob&) = delete;

    // Runs `work(QPromise<T>&)` on the thread pool; `done(T)` runs on the owner's thread once it
    // finishes, unless it was cancelled or superseded. `work` should add its result only when it
    // completes (promise.addResult) and check promise.isCanceled() between pieces.
    template <typename Work, typename Done>
    void start(Work&& work, Done&& done)
    {
        cancel();
        future_ = QtConcurrent::run(std::forward<Work>(work));
        watcher_.setFuture(future_);
        const quint64 mine = ++generation_;
        pending_ = true;
        future_.then(owner_, [this, mine, done = std::forward<Done>(done)](QFuture<T> finished) mutable {
            // Work told to stop may end without a result before its future is cancelled.
            if (finished.resultCount() == 0) {
                if (mine == generation_)
                    pending_ = false;
                return;
            }
            T result = finished.result();
            // then() calls at once when the work is already done: queue it, so `done` never runs
            // inside start() (a caller may connect to what it emits only after starting).
            QMetaObject::invokeMethod(
                owner_,
                [this, mine, done = std::move(done), result = std::move(result)]() mutable {
                    if (mine != generation_)
                        return; // superseded or cancelled
                    pending_ = false;
                    done(std::move(result));
                },
                Qt::QueuedConnection);
        });
    }

    // start(), except that with `here` the work runs at once on this thread and `done` follows it
    // (a live capture's analysis may be read only on the thread that grows it).
    template <typename Work, typename Done>
    void startOrRunHere(bool here, Work&& work, Done&& done)
    {
        if (!here) {
            start(std::forward<Work>(work), std::forward<Done>(done));
            return;
        }
        cancel();
        QPromise<T> promise;
        promise.start();
        work(promise);
        promise.finish();
        if (promise.future().resultCount() > 0)
            done(promise.future().result());
    }
    // Progress the work reported with promise.setProgressValue(), on the owner's thread.
    template <typename Slot>
    void onProgress(Slot&& slot)
    {
        QObject::connect(&watcher_, &QFutureWatcher<T>::progressValueChanged, owner_, std::forward<Slot>(slot));
    }

    void cancel()
    {
        if (future_.isValid() && !future_.isFinished())
            future_.cancel();
        future_ = QFuture<T>();
        ++generation_; // a late result is no longer the current job's
        pending_ = false;
    }
    // For owners going away: the work may hold pointers into what they own.
    void cancelAndWait()
    {
        QFuture<T> running = future_;
        cancel();
        if (running.isValid())
            running.waitForFinished();
    }
    // From start() until its result is handed over (or the job is cancelled).
    bool isRunning() const { return pending_; }

private:
    QObject* owner_;
    QFutureWatcher<T> watcher_;
    QFuture<T> future_;
    quint64 generation_ = 0;
    bool pending_ = false;
};
