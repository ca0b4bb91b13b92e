#include "packets/findjob.h"

#include "models/packetlistmodel.h"

#include "analysis/analysedcapture.h"

#include <QTableView>

using namespace synflow;

FindJob::FindJob(QObject* parent) : QObject(parent), job_(this)
{
    job_.onProgress([this](int permille) { emit progress(permille); });
    slices_.setInterval(0);
    connect(&slices_, &QTimer::timeout, this, &FindJob::nextSlice);
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
    slices_.stop();
    if (q.inList && q.frames < backgroundFrom()) {
        emit finished(PacketSearch::runInList(q, model, table));
        return;
    }
    if (q.inList) {
        listQuery_ = q;
        step_ = 1;
        model_ = &model;
        table_ = &table;
        emit started();
        slices_.start();
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

void FindJob::nextSlice()
{
    const PacketSearch::Query& q = listQuery_;
    if (!model_ || !table_) {
        slices_.stop();
        return;
    }
    // Step k of the search is frame at(k), as findFrame walks: on from the selected packet,
    // wrapping once past an end; the last step is the selected packet itself.
    auto at = [&](size_t k) { return q.backwards ? (q.from + q.frames - k % q.frames) % q.frames : (q.from + k) % q.frames; };
    QElapsedTimer slice;
    slice.start();
    for (; step_ <= q.frames; ++step_) {
        if ((step_ & 255) == 0 && slice.elapsed() >= 15) // then the window's events have their turn
            break;
        const size_t f = at(step_);
        if ((!q.shown || (f < q.shown->size() && (*q.shown)[f])) && PacketSearch::rowMatches(q, *model_, *table_, f)) {
            slices_.stop();
            const bool wrapped = q.backwards ? f >= q.from : f <= q.from;
            emit finished(PacketSearch::outcome(q, int64_t(f), wrapped));
            return;
        }
    }
    if (step_ > q.frames) {
        slices_.stop();
        emit finished(PacketSearch::outcome(q, -1, true));
        return;
    }
    emit progress(int(step_ * 1000 / q.frames));
}

void FindJob::cancel()
{
    const bool was = isRunning();
    slices_.stop();
    job_.cancel();
    if (was) {
        PacketSearch::Result r;
        r.cancelled = true;
        r.message = PacketSearch::tr("Find cancelled.");
        emit finished(r);
    }
}
