#include "packets/findjob.h"

#include "analysis/analysedcapture.h"

using namespace synflow;

FindJob::FindJob(QObject* parent) : QObject(parent), job_(this)
{
    job_.onProgress([this](int permille) { emit progress(permille); });
}

size_t& FindJob::backgroundFrom()
{
    static size_t frames = size_t(1) << 16; // about the frames one core searches in a few ms
    return frames;
}

void FindJob::start(const PacketSearch::Query& q, std::shared_ptr<const AnalysedCapture> capture, bool growing,
                    const PacketListModel& model, const QTableView& table)
{
    job_.cancel();
    if (q.inList) {
        emit finished(PacketSearch::runInList(q, model, table));
        return;
    }
    if (growing || q.frames < backgroundFrom()) {
        emit finished(PacketSearch::run(q, *capture));
        return;
    }
    emit started();
    job_.start(
        [q, capture](QPromise<PacketSearch::Result>& promise) {
            promise.setProgressRange(0, 1000);
            PacketSearch::Result r = PacketSearch::run(q, *capture, [&promise](int permille) {
                promise.setProgressValue(permille);
                return !promise.isCanceled();
            });
            if (!r.cancelled)
                promise.addResult(std::move(r));
        },
        [this](PacketSearch::Result r) { emit finished(std::move(r)); });
}

void FindJob::cancel()
{
    const bool was = job_.isRunning();
    job_.cancel();
    if (was) {
        PacketSearch::Result r;
        r.cancelled = true;
        r.message = PacketSearch::tr("Find cancelled.");
        emit finished(r);
    }
}
