#pragma once
// What an earlier pass learned about each TCP conversation's application protocol: HTTP seen
// on any port, and the TLS version a ServerHello chose. tshark's second pass knows these for
// every frame of the conversation, so its Protocol column names them throughout.
#include "decode/packetdecoder.h"

#include <cstdint>
#include <vector>

namespace synflow {

class ConversationProtocols {
public:
    // Kinds; TlsBase | minor version (0x10..0x14). Learned marks a conversation that was seen.
    enum Kind : uint8_t { Unknown = 0, Http = 1, TlsBase = 0x10, Learned = 0x80 };

    // Looks at one TCP segment of `stream` (in capture order).
    void learn(uint32_t stream, const DecodedPacket& d);
    uint8_t kindOf(uint32_t stream) const { return uint8_t(Learned | (stream < kinds_.size() ? kinds_[stream] : 0)); }

private:
    std::vector<uint8_t> kinds_; // per stream
};

} // namespace synflow
