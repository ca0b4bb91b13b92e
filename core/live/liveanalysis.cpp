#include "live/liveanalysis.h"

#include "capture/capturefile.h"
#include "proto/conversationprotocols.h"
#include "tcp/tcptracker.h"

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

size_t LiveAnalysis::update()
{
    if (!file_)
        return 0;
    file_->follow();
    while (file_->indexMore(size_t(1) << 16)) { }
    const size_t before = analysed_;
    const PacketIndex& index = file_->index();
    for (; analysed_ < index.size(); ++analysed_) {
        const DecodedPacket d = file_->decode(analysed_);
        tracker_->process(uint32_t(analysed_), index[analysed_], d);
        if (const int64_t stream = tracker_->streamOf(uint32_t(analysed_)); stream >= 0)
            protocols_->learn(uint32_t(stream), d);
    }
    return analysed_ - before;
}

} // namespace synflow
