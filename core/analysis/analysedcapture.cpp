#include "analysis/analysedcapture.h"

#include <algorithm>
#include <chrono>

namespace synflow {

AnalysedCapture::AnalysedCapture() { tracker_.setFrameSource(&source_); }
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

bool AnalysedCapture::runPass(const PassOptions& options, const std::function<void(const IndexedBatch&)>& consumeBatch)
{
    bool stopped = false;
    indexWithFollower(
        file_, consumeBatch,
        [&] {
            if (!options.afterPiece)
                return true;
            stopped = !options.afterPiece(Progress{file_.packetCount(), file_.sourceDone(), file_.sourceSize()});
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
        bool cut = false;
        for (; done < end; ++done) {
            const PacketRecord& rec = index[done];
            DecodedPacket d = rec.kind == RecordKind::CustomBlock ? DecodedPacket{} : decodePacket(file_.linkType(done), file_.packetBytes(done), rec.origLen);
            if ((cut = !file_.intact(done))) // the file shrank under us: this packet's bytes are gone
                break;
            if (d.ipFragment)
                file_.learnFragment(done, d);
            tracker_.process(uint32_t(done), index[done], d);
            protocols_.learn(uint32_t(done), d, tracker_, index);
            tellAnnounced();
        }
        analysed_.store(done, std::memory_order_release);
        if (cut || std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() >= budgetMs)
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
