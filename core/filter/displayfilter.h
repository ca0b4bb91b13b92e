#pragma once
// Display filters in Wireshark's syntax, for the fields a TCP analyst reaches for:
//   tcp.analysis.retransmission || tcp.analysis.zero_window
//   ip.addr == 10.0.0.0/8 && tcp.port in {80 443} && !(tcp.flags.reset == 1)
//   synflow.tcp.role contains "teardown"
// Comparison operators ==, !=, <, >, <=, >= (and eq ne lt gt le ge), contains, in {…};
// and/or/not (&&, ||, !), parentheses, a field or protocol alone to test presence. As in
// Wireshark 4.0, `a == x` holds if any occurrence equals x and `a != x` if none does.
#include "capture/packetrecord.h"
#include "decode/packetdecoder.h"
#include "tcp/tcpanalysis.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace synflow {

class CaptureFile;
class TcpTracker;
class ConversationProtocols;

// One packet as a filter sees it.
struct FilterInput {
    uint64_t number = 0; // frame.number, 1-based
    const PacketRecord* record = nullptr;
    const DecodedPacket* decoded = nullptr;
    int64_t timeRelativeNs = 0;             // since the first packet
    const TcpPacketAnalysis* tcp = nullptr; // when needsTcpAnalysis() and the packet is tracked TCP
    std::string_view protocol;              // the Protocol column, when needsProtocol()
    const std::vector<std::string>* comments = nullptr; // the packet's comments, when needsComments()
};

class DisplayFilter {
public:
    DisplayFilter();
    ~DisplayFilter();
    DisplayFilter(DisplayFilter&&) noexcept;
    DisplayFilter& operator=(DisplayFilter&&) noexcept;

    // Compiles `text`; false with a message naming what is wrong. Empty text matches all.
    bool compile(std::string_view text, std::string& error);
    bool empty() const { return !root_; }
    bool needsTcpAnalysis() const { return needs_ & 1; }
    bool needsProtocol() const { return needs_ & 2; }
    bool needsComments() const { return needs_ & 4; }
    bool matches(const FilterInput& packet) const;

    // Every field and protocol name the filter knows, for completion and error messages.
    static std::vector<std::string> names();

    struct Node;

private:
    std::unique_ptr<Node> root_;
    unsigned needs_ = 0;
};

// Whether frame `i` (0-based) of an analysed capture passes `filter` (decodes it, and asks the
// tracker and the Protocol column only when the filter needs them).
bool frameMatches(const DisplayFilter& filter, const CaptureFile& file, const TcpTracker* tracker,
                  const ConversationProtocols* protocols, size_t i);

// Runs `filter` over every indexed packet of an analysed capture; one byte per frame
// (1 = shown). Stops early, returning what it has, when `cancel` becomes true.
std::vector<uint8_t> filterFrames(const DisplayFilter& filter, const CaptureFile& file, const TcpTracker* tracker,
                                  const ConversationProtocols* protocols, const std::atomic<bool>* cancel = nullptr);
class AnalysedCapture;
// The same over an analysed capture (with whatever of its analysis is ready).
std::vector<uint8_t> filterFrames(const DisplayFilter& filter, const AnalysedCapture& capture,
                                  const std::atomic<bool>* cancel = nullptr);

} // namespace synflow
