#pragma once
// Runs a display filter over a capture: in the background for a loaded file (it may hold
// millions of packets), at once for a live capture (whose analysis changes on this thread).
// A newer request cancels an older one.
#include "support/backgroundjob.h"

#include <QObject>

#include <memory>
#include <vector>

namespace synflow {
class AnalysedCapture;
class DisplayFilter;
} // namespace synflow

class DisplayFilterJob : public QObject {
    Q_OBJECT
public:
    explicit DisplayFilterJob(QObject* parent = nullptr);

    // An empty filter shows every packet again (applied() with a null filter).
    void apply(std::shared_ptr<const synflow::AnalysedCapture> capture, std::shared_ptr<const synflow::DisplayFilter> filter,
               bool growing);
    void cancel() { job_.cancel(); }
    bool isRunning() const { return job_.isRunning(); }

signals:
    // One byte per frame (1 = shown) for the frames known when it ran.
    void applied(std::shared_ptr<const synflow::DisplayFilter> filter, std::vector<uint8_t> shown);

private:
    BackgroundJob<std::vector<uint8_t>> job_;
};
