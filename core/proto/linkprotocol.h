#pragma once
// The Protocol column for frames that carry no IP or ARP: the protocol tshark names from the
// link layer (802.2 LLC and SNAP, EtherTypes such as LLDP).
#include "decode/packetdecoder.h"

#include <string>

namespace synflow {

// nullptr when the link layer names nothing we know (the caller says "Ethernet" or "Data").
const char* linkProtocolName(const DecodedPacket& d);
// The Info tshark writes for such a frame where we write one (CDP: device and port), else "".
std::string linkProtocolInfo(const DecodedPacket& d);
// The name tshark gives an 802.2 service access point (the I/G or C/R bit aside); null if none.
const char* llcSapName(uint8_t sap);
// tshark's LLC Info for the 802.2 header at `off`: the control field ("U, func=UI", "I P, N(R)=35,
// N(S)=68"), then SNAP's organisation and protocol ID or the service access points.
std::string llcInfo(const DecodedPacket& d, uint32_t off);

} // namespace synflow
