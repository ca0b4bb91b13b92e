#pragma once
// ICMP and ICMPv6 in the Protocol and Info columns, as tshark writes them: the message type
// and code in words, an echo's identifier and sequence number, and which frame answers which
// echo (learned in the first pass, as tshark's second pass knows it).
#include "capture/packetrecord.h"
#include "decode/packetdecoder.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace synflow {

// tshark's names of ICMP and ICMPv6 message types and codes; null when it has none (a code
// outside the table of a type that has one is "Unknown code" / "Unknown").
const char* icmpType(uint8_t type);
const char* icmpCode(uint8_t type, uint8_t code);
const char* icmpv6Type(uint8_t type);
const char* icmpv6Code(uint8_t type, uint8_t code);

// The Info of an ICMP or ICMPv6 message, without the echo pairing.
std::string icmpInfo(const DecodedPacket& d);
// An ICMPv6 echo between Teredo addresses (2001::/32): tshark's Teredo "Direct IPv6
// Connectivity Test", named Teredo in the Protocol column.
bool isTeredoTest(const DecodedPacket& d);

class IcmpEchoes {
public:
    // First pass, capture order; `frame` 0-based.
    void learn(uint32_t frame, const PacketRecord& rec, const DecodedPacket& d);
    // " (reply in N)", " (request in N)", " (no response found!)" or "" for this echo message.
    std::string pairing(const PacketRecord& rec, const DecodedPacket& d) const;

private:
    struct Echo {
        uint64_t request = 0; // record offsets (unique per record)
        uint64_t reply = UINT64_MAX;
        uint32_t requestFrame = 0; // 1-based
        uint32_t replyFrame = 0;   // 0: none yet
    };
    std::unordered_map<uint64_t, std::vector<Echo>> echoes_; // by addresses, identifier, sequence
};

} // namespace synflow
