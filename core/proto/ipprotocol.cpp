#include "proto/ipprotocol.h"
#include "proto/igmpsummary.h"

#include "decode/bytes.h"

#include <algorithm>
#include <cstdio>
#include <iterator>

namespace synflow {
namespace {

const char* pppName(uint16_t proto)
{
    switch (proto) {
    case 0xc021: return "PPP LCP";
    case 0x8021: return "PPP IPCP";
    case 0x8057: return "PPP IPV6CP";
    case 0x80fd: return "PPP CCP";
    case 0x00fd: return "PPP Comp";
    case 0xc023: return "PPP PAP";
    case 0xc223: return "PPP CHAP";
    case 0xc029: return "PPP CBCP";
    case 0x003d: return "PPP MP";
    default: return "PPP";
    }
}

// GRE; PPTP's enhanced GRE (version 1) carries PPP, which names the packet.
const char* gre(const uint8_t* p, size_t n)
{
    if (n < 4)
        return nullptr; // tshark leaves a header it cannot read to IP
    const uint16_t flags = loadBe16(p), type = loadBe16(p + 2);
    if ((flags & 0x7) != 1 || type != 0x880b)
        return "GRE";
    size_t off = 8 + ((flags & 0x1000) ? 4 : 0) + ((flags & 0x0080) ? 4 : 0); // sequence, ack
    if (n <= off)
        return "GRE"; // an acknowledgement without payload
    if (n >= off + 2 && p[off] == 0xff && p[off + 1] == 0x03)
        off += 2; // address and control, unless compressed away
    if (n <= off)
        return "PPP";
    // A protocol field with an odd first byte was compressed to one byte.
    const uint16_t proto = (p[off] & 1) ? p[off] : n >= off + 2 ? loadBe16(p + off) : 0;
    return pppName(proto);
}

// IGMP names its version: a query by its length and response time, a report by its type.
const char* igmp(const uint8_t* p, size_t n)
{
    if (n < 1)
        return "IGMP";
    switch (p[0]) {
    case 0x11:
        if (n >= 12)
            return "IGMPv3";
        return n >= 2 && p[1] == 0 ? "IGMPv1" : "IGMPv2";
    case 0x12: return "IGMPv1";
    case 0x13: return "DVMRP";
    case 0x14: return "PIMv1";
    case 0x16:
    case 0x17: return "IGMPv2";
    case 0x22: return "IGMPv3";
    default: return "IGMP";
    }
}

} // namespace

const char* ipPayloadProtocolName(const DecodedPacket& d)
{
    if ((d.net != NetLayer::IPv4 && d.net != NetLayer::IPv6) || d.ipNonFirstFragment)
        return nullptr;
    const uint32_t off = d.netOffset + d.netHeaderLen;
    const uint8_t* p = off < d.frame.size() ? d.at(off) : nullptr;
    const size_t n = p ? std::min<size_t>(d.frame.size() - off, d.ipPayloadLen) : 0;
    switch (d.ipProto) {
    case 2:
        // RGMP rides in IGMP messages to its own group, 224.0.0.25.
        if (d.net == NetLayer::IPv4 && loadBe32(Ipv4View{d.at(d.netOffset)}.dst()) == 0xe0000019u)
            return "RGMP";
        return p ? igmp(p, n) : "IGMP";
    case 47: return p ? gre(p, n) : "GRE";
    case 50: return "ESP";
    case 88: return "EIGRP";
    case 89: return "OSPF";
    case 112: return "VRRP";
    case 132: return "SCTP";
    default: return nullptr;
    }
}

std::string ipPayloadInfo(const DecodedPacket& d, const char* protocol)
{
    const std::string_view name(protocol);
    const uint32_t off = d.netOffset + d.netHeaderLen;
    const uint8_t* p = off < d.frame.size() ? d.at(off) : nullptr;
    const size_t n = p ? std::min<size_t>(d.frame.size() - off, d.ipPayloadLen) : 0;
    if (d.ipProto == 2 && name.starts_with("IGMP")) // DVMRP and PIMv1 ride in IGMP but are not summarised
        return igmpInfo(p, n);
    if (name == "RGMP" && n >= 1) { // the message type alone
        static const char* const types[] = {"Leave", "Join", "Bye", "Hello"}; // 0xfc .. 0xff
        char unknown[32];
        std::snprintf(unknown, sizeof unknown, "Unknown Type: 0x%02x", unsigned(p[0]));
        return p[0] >= 0xfc ? types[p[0] - 0xfc] : unknown;
    }
    if (name == "OSPF" && n >= 2) { // the message type, as tshark names it (OSPFv2 and v3 alike)
        static const char* const types[] = {nullptr, "Hello Packet", "DB Description", "LS Request", "LS Update", "LS Acknowledge"};
        return p[1] < std::size(types) && types[p[1]] ? types[p[1]] : "Unknown (" + std::to_string(p[1]) + ")";
    }
    return {};
}

} // namespace synflow
