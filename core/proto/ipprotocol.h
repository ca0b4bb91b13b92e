#pragma once
// The Protocol column for IP packets whose payload is neither TCP, UDP nor ICMP: GRE (with the
// PPP it carries for PPTP) and other protocols tshark names by the IP protocol number.
#include "decode/packetdecoder.h"

#include <string>

namespace synflow {

// nullptr when the IP protocol is not one we name (the caller says "IPv4" or "IPv6").
const char* ipPayloadProtocolName(const DecodedPacket& d);
// Its Info, for the protocols whose Info we write (IGMP, OSPF); empty for the others.
std::string ipPayloadInfo(const DecodedPacket& d, const char* protocol);

} // namespace synflow
