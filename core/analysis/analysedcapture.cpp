#include "analysis/analysedcapture.h"

#include "capture/followingindexer.h"

#include <algorithm>
#include <chrono>

namespace synflow {

AnalysedCapture::AnalysedCapture() = default;
AnalysedCapture::~AnalysedCapture() = default;

bool AnalysedCapture::open(const std::string& path, std::string& error)
{
    return file_.open(path, error);
}

bool AnalysedCapture::openFollowing(const std::string& path, std::string& error)
{
    following_ = file_.openFollowing(path, error);
    return following_;
}

bool AnalysedCapture::analyse(const PassOptions& options)
{
    depth_ = options.depth;
    const PacketIndex& index = file_.index();
    bool stopped = false;
    // The analysing thread follows the reader one piece behind. Each depth is its own loop
    // (a template), so the per-packet path tests nothing it does not do.
    auto run = [&]<Depth D>(const IndexedBatch& batch) {
        if (batch.begin == 0 && D != Depth::Index)
            tracker_.reserve(estimateRecordCount(file_, batch.end)); // the per-frame table, sized once
        for (size_t i = batch.begin; i < batch.end; ++i) {
            batch.prefetch(index, i + CaptureFile::kPrefetchAhead);
            const PacketRecord& rec = index[i];
            const DecodedPacket d = batch.decode(rec);
            if constexpr (D != Depth::Index)
                tracker_.process(uint32_t(i), rec, d);
            if constexpr (D == Depth::Full)
                protocols_.learn(uint32_t(i), d, tracker_, index);
            if (options.alsoEach)
                options.alsoEach(i, d);
        }
        analysed_.store(batch.end, std::memory_order_release);
    };
    auto consume = [&](const IndexedBatch& batch) {
        switch (depth_) {
        case Depth::Index: run.template operator()<Depth::Index>(batch); break;
        case Depth::Tcp: run.template operator()<Depth::Tcp>(batch); break;
        case Depth::Full: run.template operator()<Depth::Full>(batch); break;
        }
    };
    indexWithFollower(
        file_, consume,
        [&] {
            if (!options.afterPiece)
                return true;
            stopped = !options.afterPiece(Progress{file_.packetCount(), file_.bytesIndexed(), file_.fileSize()});
            return !stopped;
        },
        options.windowBytes);
    if (!stopped)
        complete_.store(true, std::memory_order_release);
    return !stopped;
}

size_t AnalysedCapture::update(double budgetMs)
{
    if (!following_)
        return 0;
    file_.follow();
    while (file_.indexMore(size_t(1) << 16)) { }
    const auto start = std::chrono::steady_clock::now();
    const size_t before = packetCount();
    const PacketIndex& index = file_.index();
    size_t done = before;
    while (done < index.size()) {
        const size_t end = std::min(index.size(), done + 4096);
        for (; done < end; ++done) {
            const DecodedPacket d = file_.decode(done);
            tracker_.process(uint32_t(done), index[done], d);
            protocols_.learn(uint32_t(done), d, tracker_, index);
        }
        analysed_.store(done, std::memory_order_release);
        if (std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() >= budgetMs)
            break;
    }
    return done - before;
}

TcpPacketAnalysis AnalysedCapture::tcpAnalysis(size_t frame, const DecodedPacket& d) const
{
    if (const TcpTracker* t = tracker())
        return t->analysis(uint32_t(frame), file_.index(), d);
    return {};
}

} // namespace synflow
