// Tunnels around IP: GRE (every header option; NVGRE, ERSPAN, EoIP, PPTP's PPP), MPLS label
// stacks (and Ethernet pseudowires), and the UDP tunnels tshark decodes by port: VXLAN,
// VXLAN-GPE, Geneve, Teredo, GTP-U, L2TP, MPLS-in-UDP.
#include "decode/decodesteps.h"
#include "proto/valuenames.h"

#include <algorithm>
#include <cstring>

namespace synflow::decodestep {
namespace {

constexpr uint16_t kUdpVxlan = 4789, kUdpVxlanGpe = 4790, kUdpGeneve = 6081, kUdpTeredo = 3544, kUdpGtpU = 2152, kUdpGtpC = 2123,
                   kUdpGtpPrime = 3386,
                   kUdpL2tp = 1701, kUdpMpls = 6635;

// GRE's protocol types beyond the Ethernet types.
constexpr uint16_t kGrePpp = 0x880b, kGreErspan2 = 0x88be, kGreErspan3 = 0x22eb, kGreEoip = 0x6400;

// An Ethernet frame a tunnel at `tunnelOff` carries at `off`: cut short in its header, it is
// named Ethernet and the row keeps the tunnel's Info (then why it stopped), as in tshark.
void tunnelledEthernet(DecodedPacket& d, uint32_t off, const char* tunnel, uint32_t tunnelOff)
{
    innerEthernet(d, off);
    if (d.frame.size() < off + 14 && d.stopName && !std::strcmp(d.stopName, "Ethernet") && d.stopOffset == off) {
        d.unknownTypeAfter = tunnel;
        d.stopOffset = tunnelOff;
    }
}

void vxlan(DecodedPacket& d, uint32_t off)
{
    stopAt(d, "VxLAN", off);
    if (d.frame.size() < off + 8)
        return;
    innerEthernet(d, off + 8);
}

// VXLAN-GPE names its payload: 1 IPv4, 2 IPv6, 3 Ethernet, 5 MPLS.
void vxlanGpe(DecodedPacket& d, uint32_t off)
{
    stopAt(d, "VXLAN-GPE");
    if (d.frame.size() < off + 8)
        return;
    switch (d.frame[off + 3]) {
    case 1: ipv4(d, off + 8); break;
    case 2: ipv6(d, off + 8); break;
    case 3: innerEthernet(d, off + 8); break;
    case 5: mpls(d, off + 8); break;
    default: break;
    }
}

void geneve(DecodedPacket& d, uint32_t off)
{
    stopAt(d, "Geneve");
    if (d.frame.size() < off + 8)
        return;
    const uint32_t options = (d.frame[off] & 0x3f) * 4u;
    const uint16_t type = loadBe16(d.at(off + 2));
    if (d.frame.size() < off + 8 + options)
        return;
    if (type == kEtherTeb)
        innerEthernet(d, off + 8 + options);
    else
        etherPayload(d, type, off + 8 + options, "Geneve");
}

// Teredo: IPv6 in UDP, after an optional authentication and origin indication.
bool teredo(DecodedPacket& d, uint32_t off)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    uint32_t pos = off;
    if (caplen >= pos + 4 && loadBe16(d.at(pos)) == 0x0001) { // authentication
        const uint32_t len = 13u + d.frame[pos + 2] + d.frame[pos + 3];
        pos += len;
    }
    if (caplen >= pos + 8 && loadBe16(d.at(pos)) == 0x0000) // origin indication
        pos += 8;
    if (caplen < pos + 40 || (d.frame[pos] >> 4) != 6)
        return false; // tshark's Teredo needs a whole IPv6 header to claim the datagram
    ipv6(d, pos);
    return true;
}

// Where the UDP datagram whose payload starts at `off` ends, by its length (bounded by IP's).
uint32_t udpPayloadEnd(const DecodedPacket& d, uint32_t off)
{
    const uint32_t udpLen = loadBe16(d.at(off - 4));
    return off - 8 + (udpLen >= 8 && udpLen <= d.ipPayloadLen ? udpLen : d.ipPayloadLen);
}

// GTP on its control (2123), user (2152) and GTP' (3386) ports. tshark hands version 2 to GTPv2, which takes
// any datagram with a byte; versions 0 and 1 need a message type GTP names and two captured
// bytes, later versions are UDP's (false). A T-PDU carries IP when its first byte is an IPv4
// header of 20 to 56 bytes (0x45-0x4e) or IPv6 (0x60-0x6f); other payloads are T-PDU data,
// which tshark's Protocol names GTP again when it is under 15 bytes. The payload is what the
// GTP length leaves after the optional fields and extension headers.
// GTP' (3386) keeps version 2 for itself.
bool gtp(DecodedPacket& d, uint32_t off, bool prime)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    if (caplen <= off)
        return false;
    const uint8_t flags = d.frame[off];
    const unsigned version = flags >> 5;
    if (version == 2 && !prime) {
        stopAt(d, "GTPv2", off);
        return true;
    }
    if (version > 2 || caplen < off + 2 || !gtpMessageValueName(d.frame[off + 1]) || d.frame[off + 1] == 0)
        return false;
    stopAt(d, "GTP", off);
    const uint32_t header = version == 0 ? 20 : 8;
    if (caplen < off + header || d.frame[off + 1] != 0xff || version == 2)
        return true;
    const uint32_t length = loadBe16(d.at(off + 2));
    uint32_t pos = off + header;
    if (version == 1 && (flags & 0x07)) {
        if (caplen < pos + 4)
            return true;
        uint8_t next = (flags & 0x04) ? d.frame[pos + 3] : 0;
        pos += 4;
        for (int guard = 0; next && guard < 8; ++guard) {
            if (caplen < pos + 1 || d.frame[pos] == 0)
                return true;
            const uint32_t len = d.frame[pos] * 4u;
            if (caplen < pos + len)
                return true;
            next = d.frame[pos + len - 1];
            pos += len;
        }
    }
    // Version 1 counts its length from byte 8, version 0 after its 20-byte header.
    const uint32_t lengthEnd = off + (version == 0 ? 20 : 8) + length;
    const uint32_t end = std::min(udpPayloadEnd(d, off), lengthEnd);
    if (pos >= end || pos >= caplen)
        return true; // nothing carried, or not captured (core/proto says which)
    const uint8_t first = d.frame[pos];
    if (first >= 0x45 && first <= 0x4e) {
        ++d.gtpUser;
        ipv4(d, pos);
    } else if ((first >> 4) == 6) {
        ++d.gtpUser;
        ipv6(d, pos);
    } else if (end - pos < 15) {
        ++d.gtpUser; // T-PDU data: the GTP header's Info stays, named GTP <GTP>
        d.gtpData = true;
    }
    return true;
}

// A PPP frame at `off`: address and control may be left out, the protocol may be one byte.
void ppp(DecodedPacket& d, uint32_t off, uint32_t end)
{
    stopAt(d, "PPP");
    if (end >= off + 2 && d.frame[off] == 0xff && d.frame[off + 1] == 0x03)
        off += 2;
    if (end <= off)
        return;
    const uint16_t proto = (d.frame[off] & 1) ? d.frame[off] : end >= off + 2 ? loadBe16(d.at(off)) : 0;
    if (!proto)
        return;
    pppPayload(d, proto, off + ((d.frame[off] & 1) ? 1 : 2));
}

// L2TPv2 over UDP: control messages stop here; data messages carry PPP.
void l2tp(DecodedPacket& d, uint32_t off)
{
    stopAt(d, "L2TP");
    const uint32_t caplen = uint32_t(d.frame.size());
    if (caplen < off + 6)
        return;
    const uint16_t flags = loadBe16(d.at(off));
    if ((flags & 0x000f) != 2 || (flags & 0x8000))
        return;
    uint32_t pos = off + 2 + ((flags & 0x4000) ? 2 : 0) + 4 + ((flags & 0x0800) ? 4 : 0);
    if (flags & 0x0200) {
        if (caplen < pos + 2)
            return;
        pos += 2 + loadBe16(d.at(pos));
    }
    if (pos < caplen)
        ppp(d, pos, caplen);
}

} // namespace

void gre(DecodedPacket& d, uint32_t off, uint32_t len)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    if (caplen < off + 4)
        return; // tshark leaves a GRE header it cannot read to IP
    if (++d.depth > kMaxDepth)
        return;
    stopAt(d, "GRE", off);
    const uint16_t flags = loadBe16(d.at(off)), type = loadBe16(d.at(off + 2));
    const unsigned version = flags & 0x7;
    uint32_t pos = off + 4;
    if (flags & 0x8000)
        pos += 4; // checksum and reserved
    if ((flags & 0x2000) || version == 1)
        pos += 4; // key (PPTP: payload length and call ID)
    if (flags & 0x1000)
        pos += 4; // sequence number
    if (version == 1 && (flags & 0x0080))
        pos += 4; // PPTP acknowledgement
    if (caplen < pos)
        return;
    const uint32_t end = std::min(caplen, off + std::max(len, 4u));
    if (pos >= caplen && std::min(d.reportedLen, off + len) > pos && type != kEtherTeb) {
        // Nothing of the payload captured: GRE says what it carries, and why it stopped; tshark's
        // IPv6 names the packet before it reads anything.
        if (type == kEtherIPv6)
            stopAt(d, "IPv6", pos);
        return;
    }
    switch (type) {
    case kEtherTeb:
        tunnelledEthernet(d, pos, "GRE", off);
        return;
    case kGrePpp:
        if (pos < end)
            ppp(d, pos, end);
        return;
    case kGreErspan2:
        // ERSPAN type I has no header (no sequence number); type II has 8 bytes.
        innerEthernet(d, pos + ((flags & 0x1000) ? 8 : 0));
        return;
    case kGreErspan3:
        if (caplen >= pos + 12)
            innerEthernet(d, pos + 12 + ((d.frame[pos + 11] & 1) ? 8 : 0));
        return;
    case kGreEoip:
        innerEthernet(d, off + 8); // MikroTik: length and tunnel ID instead of a key
        return;
    default:
        etherPayload(d, type, pos, "GRE");
        if (d.stopName && std::string_view(d.stopName) == "GRE" && d.stopOffset == DecodedPacket::kNoOffset)
            d.stopOffset = off; // this header's unknown protocol type: GRE's Info names it
        return;
    }
}

void mpls(DecodedPacket& d, uint32_t off)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    if (++d.depth > kMaxDepth)
        return;
    stopAt(d, "MPLS", off);
    uint32_t pos = off;
    uint32_t label = 0;
    for (;;) {
        if (caplen < pos + 4)
            return;
        label = loadBe32(d.at(pos)) >> 12;
        const bool bottom = d.frame[pos + 2] & 1;
        pos += 4;
        if (bottom)
            break;
    }
    if (pos >= caplen)
        return;
    // The reserved labels say what follows; otherwise, as tshark, the first nibble: 4 and 6
    // are IP, 0 an Ethernet pseudowire's control word.
    const uint8_t nibble = d.frame[pos] >> 4;
    if (label == 0 || (label != 2 && nibble == 4))
        ipv4(d, pos);
    else if (label == 2 || nibble == 6)
        ipv6(d, pos);
    else if (nibble == 0 && caplen >= pos + 4 + 5) // tshark looks at the frame's first bytes to tell a pseudowire
        tunnelledEthernet(d, pos + 4, "MPLS", off);
}

void pppPayload(DecodedPacket& d, uint16_t proto, uint32_t off)
{
    switch (proto) {
    case 0x0021: ipv4(d, off); return;
    case 0x0057: ipv6(d, off); return;
    case 0x0281: mpls(d, off); return;
    case 0xc021: stopAt(d, "PPP LCP", off); return;
    case 0x8021: stopAt(d, "PPP IPCP", off); return;
    case 0x8057: stopAt(d, "PPP IPV6CP", off); return;
    case 0x80fd: stopAt(d, "PPP CCP", off); return;
    case 0x00fd: stopAt(d, "PPP Comp"); return;
    case 0xc023: stopAt(d, "PPP PAP"); return;
    case 0xc223: stopAt(d, "PPP CHAP"); return;
    case 0xc029: stopAt(d, "PPP CBCP"); return;
    case 0x003d: stopAt(d, "PPP MP"); return;
    default:
        stopAtType(d, proto);
        d.stopOffset = off; // an unknown PPP protocol: tshark's Info says so
        d.unknownTypeAfter = "PPP";
        return;
    }
}

bool udpTunnel(DecodedPacket& d, uint32_t off, uint16_t srcPort, uint16_t dstPort)
{
    // tshark tries the lower port first; a tunnel port on either side is a tunnel.
    const uint16_t ports[2] = {std::min(srcPort, dstPort), std::max(srcPort, dstPort)};
    const uint32_t payload = off + 8;
    for (uint16_t port : ports) {
        switch (port) {
        case kUdpVxlan: vxlan(d, payload); return true;
        case kUdpVxlanGpe: vxlanGpe(d, payload); return true;
        case kUdpGeneve: geneve(d, payload); return true;
        case kUdpGtpC:
        case kUdpGtpU:
        case kUdpGtpPrime:
            if (gtp(d, payload, port == kUdpGtpPrime))
                return true;
            break;
        case kUdpL2tp: l2tp(d, payload); return true;
        case kUdpMpls: mpls(d, payload); return true;
        case kUdpTeredo:
            if (teredo(d, payload))
                return true;
            break;
        default: break;
        }
    }
    return false;
}

} // namespace synflow::decodestep
