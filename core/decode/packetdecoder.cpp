#include "decode/packetdecoder.h"

#include "decode/linktypes.h"

#include <algorithm>

namespace synflow {

const char* linktype::name(uint16_t lt)
{
    switch (lt) {
    case Null:
        return "BSD loopback";
    case Ethernet:
        return "Ethernet";
    case RawOpenBsd:
    case RawAlt:
    case Raw:
        return "Raw IP";
    case Loop:
        return "OpenBSD loopback";
    case LinuxSll:
        return "Linux cooked-mode capture v1";
    case IPv4:
        return "Raw IPv4";
    case IPv6:
        return "Raw IPv6";
    case LinuxSll2:
        return "Linux cooked-mode capture v2";
    default:
        return "unknown link type";
    }
}

namespace {

constexpr uint16_t kEtherIPv4 = 0x0800;
constexpr uint16_t kEtherArp = 0x0806;
constexpr uint16_t kEtherIPv6 = 0x86dd;
constexpr uint16_t kEtherVlan = 0x8100;
constexpr uint16_t kEtherQinQ = 0x88a8;
constexpr uint16_t kEtherQinQOld = 0x9100;
constexpr uint16_t kEtherPppoeSession = 0x8864;

// Bytes the frame reports from `off` on; IP lengths never exceed them.
uint32_t reportedFrom(const DecodedPacket& d, uint32_t off)
{
    return d.reportedLen > off ? d.reportedLen - off : 0;
}

void decodeTransport(DecodedPacket& d, uint32_t off)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    d.transportOffset = off;
    d.transportCaptured = off <= caplen ? caplen - off : 0;
    if (d.ipFragment) {
        d.transport = TransportLayer::None;
        return;
    }
    switch (d.ipProto) {
    case 6: {
        d.transport = TransportLayer::Tcp;
        if (d.transportCaptured < 4)
            return;
        d.tcpPortsValid = true;
        if (d.transportCaptured < 20)
            return;
        const TcpView tcp{d.at(off)};
        d.tcpHeaderLen = tcp.headerLen();
        if (d.tcpHeaderLen < 20)
            return;
        d.tcpHeaderValid = true;
        d.tcpPayloadLen = d.ipPayloadLen > d.tcpHeaderLen ? d.ipPayloadLen - d.tcpHeaderLen : 0;
        return;
    }
    case 17:
        d.transport = TransportLayer::Udp;
        return;
    case 1:
        d.transport = TransportLayer::Icmp;
        return;
    case 58:
        d.transport = TransportLayer::Icmpv6;
        return;
    default:
        d.transport = TransportLayer::Other;
        return;
    }
}

void decodeIpv4(DecodedPacket& d, uint32_t off)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    if (caplen < off + 20)
        return;
    const Ipv4View ip{d.at(off)};
    if ((ip.p[0] >> 4) != 4)
        return;
    const uint32_t hl = ip.headerLen();
    if (hl < 20)
        return;
    d.net = NetLayer::IPv4;
    d.netOffset = off;
    d.netHeaderLen = hl;
    d.ipProto = ip.protocol();
    uint32_t total = ip.totalLength();
    // A zero length is TSO offload: the frame's reported bytes are the packet. A length beyond
    // the reported bytes is cut to them.
    const uint32_t reported = reportedFrom(d, off);
    if (total == 0 || total > reported)
        total = reported;
    d.ipPayloadLen = total > hl ? total - hl : 0;
    const uint16_t ff = ip.flagsFragment();
    d.ipNonFirstFragment = (ff & 0x1fff) != 0;
    d.ipFragment = d.ipNonFirstFragment || (ff & 0x2000);
    if (caplen < off + hl || total < hl)
        return;
    decodeTransport(d, off + hl);
}

void decodeIpv6(DecodedPacket& d, uint32_t off)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    if (caplen < off + 40)
        return;
    const Ipv6View ip{d.at(off)};
    if ((ip.p[0] >> 4) != 6)
        return;
    d.net = NetLayer::IPv6;
    d.netOffset = off;
    uint32_t payload = ip.payloadLength();
    if (reportedFrom(d, off) < 40 + payload)
        payload = reportedFrom(d, off) > 40 ? reportedFrom(d, off) - 40 : 0;
    uint8_t next = ip.nextHeader();
    uint32_t pos = off + 40;
    // Extension headers: hop-by-hop, routing, fragment, destination options, AH, mobility.
    for (int guard = 0; guard < 16; ++guard) {
        if (next == 0 || next == 43 || next == 60 || next == 135) {
            if (caplen < pos + 2)
                break;
            const uint32_t len = (uint32_t(d.frame[pos + 1]) + 1) * 8;
            next = d.frame[pos];
            pos += len;
        } else if (next == 44) {
            if (caplen < pos + 8)
                break;
            const uint16_t offFlags = loadBe16(d.at(pos + 2));
            d.ipNonFirstFragment = (offFlags & 0xfff8) != 0;
            d.ipFragment = d.ipNonFirstFragment || (offFlags & 1);
            next = d.frame[pos];
            pos += 8;
        } else if (next == 51) {
            if (caplen < pos + 2)
                break;
            const uint32_t len = (uint32_t(d.frame[pos + 1]) + 2) * 4;
            next = d.frame[pos];
            pos += len;
        } else {
            break;
        }
    }
    d.netHeaderLen = pos - off;
    d.ipProto = next;
    const uint32_t ext = pos - off - 40;
    d.ipPayloadLen = payload > ext ? payload - ext : 0;
    if (pos > caplen)
        return;
    decodeTransport(d, pos);
}

void decodeEtherPayload(DecodedPacket& d, uint16_t etherType, uint32_t off)
{
    d.etherType = etherType;
    d.linkHeaderLen = off;
    switch (etherType) {
    case kEtherIPv4:
        decodeIpv4(d, off);
        break;
    case kEtherIPv6:
        decodeIpv6(d, off);
        break;
    case kEtherArp:
        if (d.frame.size() >= off + 8)
            d.net = NetLayer::Arp, d.netOffset = off;
        break;
    case kEtherPppoeSession:
        // PPPoE session header (6 bytes), then the PPP protocol field.
        if (d.frame.size() >= off + 8) {
            const uint16_t ppp = loadBe16(d.at(off + 6));
            d.pppoe = true;
            if (ppp == 0x0021)
                decodeEtherPayload(d, kEtherIPv4, off + 8);
            else if (ppp == 0x0057)
                decodeEtherPayload(d, kEtherIPv6, off + 8);
        }
        break;
    default:
        break;
    }
}

void decodeByVersion(DecodedPacket& d, uint32_t off)
{
    if (d.frame.size() <= off)
        return;
    const uint8_t v = d.frame[off] >> 4;
    d.linkHeaderLen = off;
    if (v == 4)
        d.etherType = kEtherIPv4, decodeIpv4(d, off);
    else if (v == 6)
        d.etherType = kEtherIPv6, decodeIpv6(d, off);
}

void decodeEthernet(DecodedPacket& d)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    if (caplen < 14)
        return;
    uint16_t type = loadBe16(d.at(12));
    uint32_t off = 14;
    while ((type == kEtherVlan || type == kEtherQinQ || type == kEtherQinQOld) && caplen >= off + 4) {
        if (d.vlanCount < 2)
            d.vlanIds[d.vlanCount] = loadBe16(d.at(off)) & 0x0fff;
        ++d.vlanCount;
        type = loadBe16(d.at(off + 2));
        off += 4;
    }
    if (type < 1536) { // 802.3 length field: LLC follows, not IP
        d.linkHeaderLen = 14;
        return;
    }
    decodeEtherPayload(d, type, off);
}

uint16_t familyToEtherType(uint32_t family)
{
    switch (family) {
    case 2:
        return kEtherIPv4;
    case 10: // Linux AF_INET6
    case 24: // NetBSD, OpenBSD
    case 28: // FreeBSD
    case 30: // macOS
        return kEtherIPv6;
    default:
        return 0;
    }
}

} // namespace

DecodedPacket decodePacket(uint16_t linkType, std::span<const uint8_t> frame, uint32_t reportedLen)
{
    DecodedPacket d;
    d.frame = frame;
    d.reportedLen = std::max<uint32_t>(reportedLen, uint32_t(frame.size()));
    d.linkType = linkType;
    const uint32_t caplen = uint32_t(frame.size());
    switch (linkType) {
    case linktype::Ethernet:
        d.linkKnown = true;
        decodeEthernet(d);
        break;
    case linktype::LinuxSll:
        d.linkKnown = true;
        if (caplen >= 16)
            decodeEtherPayload(d, loadBe16(d.at(14)), 16);
        break;
    case linktype::LinuxSll2:
        d.linkKnown = true;
        if (caplen >= 20)
            decodeEtherPayload(d, loadBe16(d.at(0)), 20);
        break;
    case linktype::Raw:
    case linktype::RawOpenBsd:
    case linktype::RawAlt:
        d.linkKnown = true;
        decodeByVersion(d, 0);
        break;
    case linktype::IPv4:
        d.linkKnown = true;
        d.linkHeaderLen = 0;
        d.etherType = kEtherIPv4;
        decodeIpv4(d, 0);
        break;
    case linktype::IPv6:
        d.linkKnown = true;
        d.linkHeaderLen = 0;
        d.etherType = kEtherIPv6;
        decodeIpv6(d, 0);
        break;
    case linktype::Null:
    case linktype::Loop:
        d.linkKnown = true;
        if (caplen >= 4) {
            uint32_t fam = linkType == linktype::Loop ? loadBe32(d.at(0)) : loadLe32(d.at(0));
            if (linkType == linktype::Null && (fam & 0xffff0000u))
                fam = loadBe32(d.at(0)); // written by a big-endian host
            uint16_t et = familyToEtherType(fam);
            // Some writers put an Ethernet type in the upper half instead of a family.
            if (!et && linkType == linktype::Null && loadBe16(d.at(2)) >= 1536)
                et = loadBe16(d.at(2));
            d.linkHeaderLen = 4;
            if (et)
                decodeEtherPayload(d, et, 4);
        }
        break;
    default:
        break;
    }
    return d;
}

} // namespace synflow
