#pragma once
// The decoder's steps, one per layer family, calling each other as layers nest (a tunnel's
// payload is decoded like a frame's). Internal to core/decode.
#include "decode/packetdecoder.h"

namespace synflow::decodestep {

constexpr uint16_t kEtherIPv4 = 0x0800;
constexpr uint16_t kEtherArp = 0x0806;
constexpr uint16_t kEtherIPv6 = 0x86dd;
constexpr uint16_t kEtherVlan = 0x8100;
constexpr uint16_t kEtherQinQ = 0x88a8;
constexpr uint16_t kEtherQinQOld = 0x9100;
constexpr uint16_t kEtherPppoeSession = 0x8864;
constexpr uint16_t kEtherMpls = 0x8847;
constexpr uint16_t kEtherMplsMulticast = 0x8848;
constexpr uint16_t kEtherTeb = 0x6558; // transparent Ethernet bridging (GRE, NVGRE, Geneve)

// Nested encapsulations stop here, so that a crafted frame cannot recurse without end. tshark
// follows hundreds (until its own bound on layers, 500); no real frame needs as many as this.
constexpr uint8_t kMaxDepth = 96;

// Stops decoding at a layer tshark names in the Protocol column.
// `off`: where that layer begins, for the layers whose Info core/proto writes.
inline void stopAt(DecodedPacket& d, const char* name, uint32_t off = DecodedPacket::kNoOffset)
{
    d.stopName = name;
    d.stopOffset = off;
}
inline void stopAtType(DecodedPacket& d, uint16_t type)
{
    stopAt(d, kUnknownType);
    d.unknownType = type;
}

// Bytes the frame reports from `off` on; IP lengths never exceed them.
inline uint32_t reportedFrom(const DecodedPacket& d, uint32_t off) { return d.reportedLen > off ? d.reportedLen - off : 0; }

// The payload of an Ethernet type (after the type field), at `off`. A type nobody decodes
// stops at `unknownName`, or when null (tshark's Ethernet type table) at the number.
void etherPayload(DecodedPacket& d, uint16_t etherType, uint32_t off, const char* unknownName = nullptr);
// An Ethernet header at `off` inside a tunnel (its tags are not the frame's VLANs).
// `setsAddresses` false: PBB's customer frame, whose addresses the columns do not show.
void innerEthernet(DecodedPacket& d, uint32_t off, bool setsAddresses = true);
// An 802.2 LLC header at `off` (SNAP with an Ethernet type continues).
void llc(DecodedPacket& d, uint32_t off);
// A PPP protocol field's payload at `off`.
void pppPayload(DecodedPacket& d, uint16_t proto, uint32_t off);
// An IP header at `off`, chosen by its version nibble; a payload that is neither stops at `name`.
void ipByVersion(DecodedPacket& d, uint32_t off, const char* name);

void ipv4(DecodedPacket& d, uint32_t off);
void ipv6(DecodedPacket& d, uint32_t off);

// Tunnels: GRE over IP, MPLS label stacks, and the UDP ports tshark gives to tunnels.
void gre(DecodedPacket& d, uint32_t off, uint32_t len);
void mpls(DecodedPacket& d, uint32_t off);
// True when the UDP datagram at `off` (header included) is a tunnel, decoded.
bool udpTunnel(DecodedPacket& d, uint32_t off, uint16_t srcPort, uint16_t dstPort);

} // namespace synflow::decodestep
