#pragma once
// Conversations and endpoints per protocol (Ethernet, IPv4, IPv6, TCP, UDP), counted as
// tshark's -z conv,TYPE and -z endpoints,TYPE count them: a conversation's A is the sender of
// its first packet, "A to B" are the packets A sent; TCP conversations are tcp.stream (a reused
// port pair is a new row); each endpoint is an address (and port) with what it sent and got.
// TCP rows add what the tracker knows of the whole conversation (completeness, iRTT) and of
// the counted frames (retransmissions, ACK round-trip times).
#include "analysis/workcontrol.h"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace synflow {

class AnalysedCapture;
class PacketIndex;
class TcpTracker;
struct DecodedPacket;
struct PacketRecord;

enum class ConversationType : uint8_t { Ethernet, IPv4, IPv6, Tcp, Udp };
constexpr size_t kConversationTypes = 5;

// "eth", "ip", "ipv6", "tcp", "udp" (tshark's -z names); parse returns false for others.
const char* conversationTypeKey(ConversationType type);
bool parseConversationType(const std::string& key, ConversationType& type);
// "Ethernet", "IPv4", "IPv6", "TCP", "UDP" (tshark's table titles).
const char* conversationTypeTitle(ConversationType type);
inline bool hasPorts(ConversationType type) { return type == ConversationType::Tcp || type == ConversationType::Udp; }

struct StatsAddress {
    uint8_t bytes[16] = {};
    uint8_t length = 0; // 6 MAC, 4 IPv4, 16 IPv6
    bool operator==(const StatsAddress& o) const;
};
// 00:0c:29:d3:46:dd, 10.0.0.1, 2001:db8::1 (no name resolution).
std::string formatStatsAddress(const StatsAddress& a);

struct ConversationRow {
    StatsAddress addrA, addrB;
    uint16_t portA = 0, portB = 0;
    int64_t stream = -1; // tcp.stream for TCP rows
    uint64_t framesAtoB = 0, bytesAtoB = 0;
    uint64_t framesBtoA = 0, bytesBtoA = 0;
    int64_t startNs = 0, stopNs = 0; // relative to the first frame of the capture
    uint32_t firstFrame = 0;         // 0-based frame that opened the row
    // TCP only.
    uint8_t completeness = 0;   // tcp.completeness bits of the whole conversation
    uint32_t retransmissions = 0; // counted frames flagged tcp.analysis.retransmission
    uint32_t rttSamples = 0;      // counted frames with tcp.analysis.ack_rtt
    int64_t rttMinNs = 0, rttMaxNs = 0, rttSumNs = 0;
    bool hasInitialRtt = false;
    int64_t initialRttNs = 0;

    uint64_t frames() const { return framesAtoB + framesBtoA; }
    uint64_t bytes() const { return bytesAtoB + bytesBtoA; }
    int64_t durationNs() const { return stopNs - startNs; }
    // Bits per second each way, as Wireshark's dialog: only over at least 5 ms, else -1.
    double bitsPerSecondAtoB() const;
    double bitsPerSecondBtoA() const;
    int64_t rttAverageNs() const { return rttSamples ? rttSumNs / int64_t(rttSamples) : 0; }
};

struct EndpointRow {
    StatsAddress addr;
    uint16_t port = 0;
    uint64_t txFrames = 0, txBytes = 0, rxFrames = 0, rxBytes = 0;
    uint64_t frames() const { return txFrames + rxFrames; }
    uint64_t bytes() const { return txBytes + rxBytes; }
};

// Rows in order of first appearance (tshark's order before its sort).
struct ConversationTables {
    std::array<std::vector<ConversationRow>, kConversationTypes> conversations;
    std::array<std::vector<EndpointRow>, kConversationTypes> endpoints;
    bool complete = true; // false when cancelled
    const std::vector<ConversationRow>& conv(ConversationType t) const { return conversations[size_t(t)]; }
    const std::vector<EndpointRow>& ends(ConversationType t) const { return endpoints[size_t(t)]; }
};

struct ConversationOptions {
    uint32_t types = (1u << kConversationTypes) - 1; // bit per ConversationType
    // Count only frames with shown[i] != 0 ("limit to display filter"); null: every frame.
    const std::vector<uint8_t>* shown = nullptr;
    bool tcpDetails = true; // retransmissions and RTTs (needs each frame's TCP analysis)
    bool endpoints = true;  // false: the conversation tables alone
    bool conversations = true; // false: the endpoint tables alone
};
inline uint32_t typeBit(ConversationType t) { return 1u << unsigned(t); }

// Counts the frames of an analysed capture. Stops early (complete = false) when `control`
// asks it to stop; `control` also hears how far it got.
ConversationTables buildConversationTables(const AnalysedCapture& capture, const ConversationOptions& options = {},
                                           WorkControl* control = nullptr);

// The same count a frame at a time, in capture order: buildConversationTables's loop, or a
// first pass's `each` (with the tracker so far: a frame's stream is known once processed), so
// a command counts while it decodes instead of decoding every frame again. `options.shown` is
// not read here and tcpDetails needs the finished analysis (not for a first pass).
class ConversationCounter {
public:
    explicit ConversationCounter(const ConversationOptions& options);
    ~ConversationCounter();
    // A row per stream, sized once (when the count is known).
    void reserveTcp(size_t streams);
    // Times are relative to index[0]'s.
    void add(uint32_t frame, const PacketRecord& rec, const DecodedPacket& d, const TcpTracker* tracker, const PacketIndex& index);
    // The tables, with what only the whole conversation tells (the tracker's final state).
    ConversationTables finish(const AnalysedCapture& capture);

private:
    struct State;
    std::unique_ptr<State> s_;
};

// For a first pass's `each`: marks a frame (SummaryTcpTapPlain) that TCP's tap counts with its
// IP header's addresses (no source route) between two different endpoints, so
// TcpConversationRows counts it from the tracker's entry and the index without decoding it again.
void markTcpTapPlain(PacketRecord& rec, const DecodedPacket& d);

// The TCP rows of buildConversationTables, in tshark's print order, each put together when
// asked from the tracker's per-frame entries: 8 bytes per conversation where a row takes ~150,
// so a capture of a million short conversations is printed within its memory budget.
class TcpConversationRows {
public:
    TcpConversationRows(const AnalysedCapture& capture, const ConversationOptions& options = {});
    size_t size() const { return keys_.size(); }
    ConversationRow row(size_t k) const; // the k-th in print order

private:
    const AnalysedCapture& capture_;
    ConversationOptions options_;
    // Sorted: (~frames counted) << 32 | the first frame counted; the frame names the stream.
    std::vector<uint64_t> keys_;
};

// tshark's print order: most frames first, equal counts in order of first appearance.
std::vector<uint32_t> tsharkConversationOrder(const std::vector<ConversationRow>& rows);
std::vector<uint32_t> tsharkEndpointOrder(const std::vector<EndpointRow>& rows);

} // namespace synflow
