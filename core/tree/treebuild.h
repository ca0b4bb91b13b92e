#pragma once
// Internal to core/tree: the line builders the detail tree's files share (detailtree.cpp builds
// the frame, link, IP and transport layers; encapsulationtree.cpp the tunnels between them;
// mptcptree.cpp the MPTCP option; wlantree.cpp the 802.11 layers).
#include "tree/detailtree.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>

namespace synflow::treebuild {

template<typename... Args>
std::string fmt(const char* f, Args... args)
{
    char buf[512];
    const int n = std::snprintf(buf, sizeof buf, f, args...);
    return std::string(buf, n > 0 ? size_t(std::min<int>(n, int(sizeof buf) - 1)) : 0);
}

// "0100 ...." style picture of the masked bits of a `bits`-wide field, then " = " and `rest`.
std::string bitLine(uint32_t value, uint32_t mask, int bits, const std::string& rest);
std::string hexBytes(const uint8_t* p, uint32_t n);
std::string mac(const uint8_t* p);
// "Name (value)"; "Unknown (value)" when there is no name.
std::string named(const char* name, uint32_t value);
inline const char* trueFalse(bool b) { return b ? "True" : "False"; }
const char* etherTypeName(uint16_t type);
int32_t addField(DetailTree& t, int32_t parent, const char* name, const std::string& value, uint32_t offset = 0, uint32_t length = 0);
// "Data (n bytes)" as tshark shows the `n` bytes at `off` that no dissector took (nothing for none).
void addDataLayer(DetailTree& t, int32_t parent, const DecodedPacket& d, uint32_t off, uint32_t n);

// An Ethernet II (or 802.3) header at `off`.
int32_t buildEthernetAt(DetailTree& t, const DecodedPacket& d, uint32_t off);
int32_t buildIpv4At(DetailTree& t, const DecodedPacket& d, uint32_t off, uint32_t headerLen);
int32_t buildIpv6At(DetailTree& t, const DecodedPacket& d, uint32_t off, uint32_t headerLen, uint8_t upper);
int32_t buildUdpAt(DetailTree& t, const DecodedPacket& d, uint32_t off);

// The layers from the link header's payload to the IP header carrying the transport (VLAN and
// 802.1ad tags, LLC/SNAP, PPPoE and PPP, MPLS labels, PBB, every outer IP header, GRE, the UDP
// tunnels and the Ethernet frames inside them), in tshark's order; that last IP header is built
// by `finalIp`.
void buildEncapsulation(DetailTree& t, const DecodedPacket& d, const std::function<void()>& finalIp);
// A tunnel the frame's transport (UDP) opens whose inside the decoder did not reach IP in.
void buildTunnelAfterTransport(DetailTree& t, const DecodedPacket& d);

// The radiotap or PPI header and the 802.11 frame's own layers (MAC header, management body); -1
// when there is none to show.
int32_t buildWlanLink(DetailTree& t, const DecodedPacket& d);

// The subtree of a TCP option of kind 30 (MPTCP) at `off`, `len` bytes.
void buildMptcpOption(DetailTree& t, int32_t options, const DecodedPacket& d, uint32_t off, uint32_t len);

} // namespace synflow::treebuild
