#include "live/liveanalysis.h"

#include "capture/capturefile.h"
#include "proto/conversationprotocols.h"
#include "tcp/tcptracker.h"

#include <algorithm>
#include <chrono>

namespace synflow {

LiveAnalysis::LiveAnalysis() = default;
LiveAnalysis::~LiveAnalysis() = default;

bool LiveAnalysis::open(const std::string& path, std::string& error)
{
    auto file = std::make_shared<CaptureFile>();
    if (!file->openFollowing(path, error))
        return false;
    file_ = std::move(file);
    tracker_ = std::make_shared<TcpTracker>();
    protocols_ = std::make_shared<ConversationProtocols>();
    analysed_ = 0;
    return true;
}

void LiveAnalysis::close()
{
    file_.reset();
    tracker_.reset();
    protocols_.reset();
    analysed_ = 0;
}

size_t LiveAnalysis::backlog() const
{
    return file_ ? file_->packetCount() - analysed_ : 0;
}

size_t LiveAnalysis::update(double budgetMs)
{
    if (!file_)
        return 0;
    file_->follow();
    while (file_->indexMore(size_t(1) << 16)) { }
    const auto start = std::chrono::steady_clock::now();
    const size_t before = analysed_;
    const PacketIndex& index = file_->index();
    while (analysed_ < index.size()) {
        const size_t end = std::min(index.size(), analysed_ + 4096);
        for (; analysed_ < end; ++analysed_) {
            const DecodedPacket d = file_->decode(analysed_);
            tracker_->process(uint32_t(analysed_), index[analysed_], d);
            protocols_->learn(uint32_t(analysed_), d, *tracker_, index);
        }
        if (std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() >= budgetMs)
            break;
    }
    return analysed_ - before;
}

} // namespace synflow
