#pragma once
// TPKT on TCP 3389 (RDP's port) as tshark 4.0 names it: each TPKT's COTP TPDU ("CR TPDU src-ref:
// 0x0000 dst-ref: 0x0000"), RDP's negotiation in a CR or CC's variable part ("Cookie:
// mstshash=alice, Negotiate Request"), the MCS (T.125) domain PDUs a DT carries
// ("channelJoinRequest 1003") and the GCC conference data RDP's connection sends ("ClientData",
// "ServerData Encryption: 128-bit RC4 (High)"), RDP's fast-path PDUs, and "Continuation" for
// what is none of these (TLS after RDP's negotiation chose it: tshark 4.0 does not switch to TLS).
// A segment's last PDU names the row; each PDU adds its layers to the hierarchy.
#include <cstddef>
#include <cstdint>
#include <string>

namespace synflow {

inline constexpr uint16_t kRdpPort = 3389;

inline bool isRdpPort(uint16_t a, uint16_t b)
{
    return a == kRdpPort || b == kRdpPort;
}

// A TPKT's whole length (its 4-byte header included) when p opens with one (version 3, a length
// of at least 4), else 0; `needMore` when fewer than 4 bytes could still be a header.
uint32_t tpktLength(const uint8_t* p, size_t n, bool& needMore);

struct TpktSummary {
    std::string protocol, info;
    std::string layers; // tshark's hierarchy below TCP, one per line: "tpkt", then each PDU's
};

// A segment's bytes from a PDU's start (captured `n` of `reported`); `reassembling`: TCP
// reassembly on (a read past the bytes is then malformed, not unreassembled).
TpktSummary tpktSummary(const uint8_t* p, size_t n, size_t reported, bool reassembling);

} // namespace synflow
