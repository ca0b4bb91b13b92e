#include "fuzzbody.h"

#include "analysis/analysedcapture.h"
#include "filter/displayfilter.h"

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

namespace synflow::fuzz {

namespace {

// A small fixed capture with handshakes, data, retransmissions, duplicate ACKs and a teardown,
// analysed once: every filter that compiles is evaluated over each of its frames.
const AnalysedCapture& fixedCapture()
{
    static const std::unique_ptr<AnalysedCapture> capture = [] {
        auto c = std::make_unique<AnalysedCapture>();
        std::string error;
        if (!c->open(SYNFLOW_TEST_DATA "/lo-fastretx.pcapng", error) || !c->analyse())
            abort();
        return c;
    }();
    return *capture;
}

} // namespace

void runFilter(const uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    DisplayFilter filter;
    std::string error;
    if (!filter.compile(text, error)) {
        if (error.empty())
            abort(); // a refused filter must say why
        return;
    }
    const AnalysedCapture& capture = fixedCapture();
    const std::vector<uint8_t> shown = filterFrames(filter, capture);
    if (shown.size() != capture.packetCount())
        abort();
    // The frame-at-a-time path (the live view's) must agree with the whole-capture one.
    for (size_t i = 0; i < shown.size(); i += 7)
        if (frameMatches(filter, capture.file(), capture.tracker(), capture.protocols(), i) != bool(shown[i]))
            abort();
    // Moving a compiled filter keeps its meaning.
    DisplayFilter moved = std::move(filter);
    if (!shown.empty() && frameMatches(moved, capture.file(), capture.tracker(), capture.protocols(), 0) != bool(shown[0]))
        abort();
}

} // namespace synflow::fuzz
