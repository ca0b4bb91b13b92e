#pragma once
// The Protocol column for IP packets whose payload is neither TCP, UDP nor ICMP: GRE (with the
// PPP it carries for PPTP) and other protocols tshark names by the IP protocol number.
#include "decode/packetdecoder.h"

namespace synflow {

// nullptr when the IP protocol is not one we name (the caller says "IPv4" or "IPv6").
const char* ipPayloadProtocolName(const DecodedPacket& d);

} // namespace synflow
