#pragma once
// What an earlier pass learned about each TCP conversation's application protocol: HTTP seen
// on any port, the TLS version a ServerHello chose, the SSH version a banner announced. tshark's second pass knows these for
// every frame of the conversation, so its Protocol column names them throughout.
#include "decode/packetdecoder.h"

#include <cstdint>
#include <vector>

namespace synflow {

// Ports on which tshark tries TLS first.
inline bool isTlsPort(uint16_t a, uint16_t b)
{
    for (uint16_t p : {443, 8443, 993, 995, 465, 636, 853})
        if (a == p || b == p)
            return true;
    return false;
}

class ConversationProtocols {
public:
    // Kinds; TlsBase | minor version (0x10..0x14). Learned marks a conversation that was seen.
    // Ssh1/Ssh2: the version an SSH banner announced.
    enum Kind : uint8_t { Unknown = 0, Http = 1, Ssh1 = 2, Ssh2 = 3, TlsBase = 0x10, Learned = 0x80 };

    // Looks at one TCP segment of `stream` (in capture order).
    void learn(uint32_t stream, const DecodedPacket& d);
    uint8_t kindOf(uint32_t stream) const { return uint8_t(Learned | (stream < kinds_.size() ? kinds_[stream] : 0)); }

private:
    std::vector<uint8_t> kinds_; // per stream
};

} // namespace synflow
