#pragma once
// The bytes after an Ethernet frame's payload (padding, a tap's trailer, the FCS), as tshark 4.0
// walks them once the payload is dissected. When the capture cut them, that walk reads past the
// captured bytes and tshark appends "[Packet size limited during capture]" to the Info column,
// whatever the payload was: a UDP datagram, a TCP segment, an LLC frame.
#include "decode/packetdecoder.h"

#include <cstdint>

namespace synflow {

// Whether tshark's trailer walk stops on bytes the capture cut, for a frame decoded from
// Ethernet or Linux cooked (v1, v2) captures. `frameLen`: its length on the wire (frame.len;
// DecodedPacket::reportedLen may be bounded by a length field); `secs`: its time in whole seconds
// (a tap's timestamp in the trailer is believed only near it).
// `payloadMalformed`: the payload's dissection ended in "[Malformed Packet]" (under MPLS tshark
// then walks no trailer).
bool ethernetTrailerCut(const DecodedPacket& d, uint32_t frameLen, int64_t secs, bool payloadMalformed = false);

} // namespace synflow
