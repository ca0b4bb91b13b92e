#pragma once
// What an earlier pass learned about each TCP conversation's application protocol: HTTP seen
// on any port, and the TLS version a ServerHello chose. tshark's second pass knows these for
// every frame of the conversation, so its Protocol column names them throughout.
#include "decode/packetdecoder.h"
#include "proto/pducontinuation.h"

#include <cstdint>
#include <vector>

namespace synflow {

class PacketIndex;
class TcpTracker;

class ConversationProtocols {
public:
    // Kinds; TlsBase | minor version (0x10..0x14). Learned marks a conversation that was seen.
    enum Kind : uint8_t { Unknown = 0, Http = 1, TlsBase = 0x10, Learned = 0x80 };

    // Looks at one TCP segment of `stream` (in capture order).
    void learn(uint32_t stream, const DecodedPacket& d);
    uint8_t kindOf(uint32_t stream) const { return uint8_t(Learned | (stream < kinds_.size() ? kinds_[stream] : 0)); }

    // The same for a frame the tracker has just processed, plus the message framing behind
    // tshark's "[Continuation to #N]" (pdus()). Does nothing for a frame that is not TCP.
    void learn(uint32_t frame, const DecodedPacket& d, const TcpTracker& tracker, const PacketIndex& index);
    const PduContinuations& pdus() const { return pdus_; }

private:
    std::vector<uint8_t> kinds_; // per stream
    PduContinuations pdus_;
};

} // namespace synflow
