#include "filter/displayfilter.h"

#include "analysis/analysedcapture.h"
#include "capture/capturefile.h"
#include "fields/fieldregistry.h"
#include "filter/filterparser.h"
#include "proto/conversationprotocols.h"
#include "proto/protocolsummary.h"
#include "tcp/tcptracker.h"

#include <algorithm>
#include <thread>

namespace synflow {

DisplayFilter::DisplayFilter() = default;
DisplayFilter::~DisplayFilter() = default;
DisplayFilter::DisplayFilter(DisplayFilter&&) noexcept = default;
DisplayFilter& DisplayFilter::operator=(DisplayFilter&&) noexcept = default;

bool DisplayFilter::compile(std::string_view text, std::string& error)
{
    root_.reset();
    needs_ = 0;
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return true;
    unsigned needs = 0;
    auto root = filter::parseFilter(text, needs, error);
    if (!root)
        return false;
    root_ = std::move(root);
    needs_ = needs;
    return true;
}

std::vector<std::string> DisplayFilter::names()
{
    std::vector<std::string> out;
    for (const Field& f : allFields())
        if (filter::filterable(f))
            out.push_back(f.name);
    std::sort(out.begin(), out.end());
    return out;
}

bool frameMatches(const DisplayFilter& filter, const CaptureFile& file, const TcpTracker* tracker,
                  const ConversationProtocols* protocols, size_t i)
{
    if (filter.empty())
        return true;
    const PacketIndex& index = file.index();
    const PacketRecord& r = index[i];
    const DecodedPacket d = file.decode(i);
    FilterInput in;
    in.number = i + 1;
    in.record = &r;
    in.decoded = &d;
    in.timeRelativeNs = nsBetween(r.tsNs, index[0].tsNs); // wraps, never overflows
    TcpPacketAnalysis a;
    if (tracker && d.transport == TransportLayer::Tcp && (filter.needsTcpAnalysis() || filter.needsProtocol())) {
        a = tracker->analysis(uint32_t(i), index, d);
        in.tcp = &a;
    }
    std::vector<std::string> comments;
    if (filter.needsComments()) {
        comments = file.packetComments(i);
        in.comments = &comments;
    }
    ProtocolSummary summary;
    if (filter.needsProtocol()) {
        summary = summarizeFrame(d, r, in.tcp, protocols);
        in.protocol = summary.protocol;
    }
    return filter.matches(in);
}

std::vector<uint8_t> filterFrames(const DisplayFilter& filter, const CaptureFile& file, const TcpTracker* tracker,
                                  const ConversationProtocols* protocols, const std::atomic<bool>* cancel)
{
    const size_t n = file.index().size();
    std::vector<uint8_t> shown(n, filter.empty() ? 1 : 0);
    if (filter.empty())
        return shown;
    // Each frame is judged alone (a filter keeps no state between frames), so every core takes
    // an equal run of them: Apply as Filter on a million packets is decode-bound.
    auto run = [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
            if (cancel && (i & 0xfff) == 0 && cancel->load())
                return;
            if (((i - begin) & 7) == 0)
                for (size_t k = i + CaptureFile::kPrefetchAhead; k < std::min(end, i + CaptureFile::kPrefetchAhead + 8); ++k)
                    file.prefetchPacket(k);
            shown[i] = frameMatches(filter, file, tracker, protocols, i) ? 1 : 0;
        }
    };
    const size_t threads = n < (1u << 14) ? 1 : std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    std::vector<std::thread> helpers;
    for (size_t t = 1; t < threads; ++t)
        helpers.emplace_back(run, n * t / threads, n * (t + 1) / threads);
    run(0, n / threads);
    for (std::thread& h : helpers)
        h.join();
    return shown;
}

std::vector<uint8_t> filterFrames(const DisplayFilter& filter, const AnalysedCapture& capture, const std::atomic<bool>* cancel)
{
    return filterFrames(filter, capture.file(), capture.tracker(), capture.protocols(), cancel);
}

} // namespace synflow
