#include "decode/packetdecoder.h"

#include "decode/decodesteps.h"
#include "decode/linktypes.h"

#include <algorithm>
#include <string_view>

namespace synflow {

const char* const kUnknownType = "0x";

const char* linktype::name(uint16_t lt)
{
    switch (lt) {
    case Null:
        return "NULL/Loopback";
    case Ethernet:
        return "Ethernet";
    case RawOpenBsd:
    case RawAlt:
    case Raw:
        return "Raw IP";
    case Ieee80211:
        return "IEEE 802.11 Wireless LAN";
    case Loop:
        return "OpenBSD loopback";
    case LinuxSll:
        return "Linux cooked-mode capture v1";
    case Radiotap:
        return "IEEE 802.11 plus radiotap radio header";
    case Ppi:
        return "Per-Packet Information header";
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

uint16_t linktype::wiretapEncapsulation(uint16_t lt)
{
    switch (lt) {
    case Null: return 15;
    case Ethernet: return 1;
    case RawOpenBsd:
    case RawAlt:
    case Raw: return 7;
    case Ieee80211: return 20;
    case Loop: return 174;
    case LinuxSll: return 25;
    case Radiotap: return 23;
    case Ppi: return 97;
    case IPv4: return 129;
    case IPv6: return 130;
    case LinuxSll2: return 210;
    default: return 0;
    }
}

namespace decodestep {
namespace {

constexpr uint16_t kEtherPppoeDiscovery = 0x8863, kEtherPbb = 0x88e7, kEtherMacsec = 0x88e5;

bool isVlanType(uint16_t t) { return t == kEtherVlan || t == kEtherQinQ || t == kEtherQinQOld; }

// Ethernet types tshark names without going further.
const char* etherTypeName(uint16_t type)
{
    switch (type) {
    case 0x88cc: return "LLDP";
    case 0x888e: return "EAPOL";
    case 0x9000: return "LOOP";
    case 0x0842: return "WOL";
    case kEtherPppoeDiscovery: return "PPPoED";
    default: return nullptr;
    }
}

// A layer at `off` followed by an EtherType no dissector takes: the row keeps that layer's Info.
void keepTagInfo(DecodedPacket& d, const char* layer, uint32_t off)
{
    if (d.stopName == kUnknownType && !d.unknownTypeAfter) {
        d.unknownTypeAfter = layer;
        d.stopOffset = off;
    }
}

// The bytes a length field gives a layer end at `end`: nothing inside reads past it.
void boundTo(DecodedPacket& d, uint32_t end) { d.reportedLen = std::min(d.reportedLen, end); }

void pppoeSession(DecodedPacket& d, uint32_t off)
{
    stopAt(d, "PPPoES", off);
    const uint32_t caplen = uint32_t(d.frame.size());
    if (caplen < off + 6)
        return;
    const uint32_t len = loadBe16(d.at(off + 4));
    if (len < 2 || caplen < off + 8)
        return; // no room for the PPP protocol field
    d.pppoe = true;
    boundTo(d, off + 6 + len);
    pppPayload(d, loadBe16(d.at(off + 6)), off + 8);
}

// MACsec: the SecTAG (and SCI) before the protected Ethernet type; an encrypted payload ends it.
void macsec(DecodedPacket& d, uint32_t off)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    // A SecTAG must be whole, version 0, and mark encryption (E) only with a changed text (C).
    if (caplen < off + 6 || (d.frame[off] & 0x80) || (d.frame[off] & 0x0c) == 0x08) {
        stopAtType(d, kEtherMacsec);
        return;
    }
    stopAt(d, "MACsec");
    const uint8_t tci = d.frame[off];
    if (tci & 0x08)
        return; // encrypted
    const uint32_t tag = 6 + ((tci & 0x20) ? 8 : 0);
    if (caplen < off + tag + 2)
        return;
    etherPayload(d, loadBe16(d.at(off + tag)), off + tag + 2);
}

// 802.3 frames: a length instead of a type, then LLC (or Novell's raw IPX).
void lengthFrame(DecodedPacket& d, uint32_t off, uint16_t len, bool frameLevel)
{
    boundTo(d, off + len);
    if (d.frame.size() >= off + 2 && loadBe16(d.at(off)) == 0xffff) {
        if (!frameLevel)
            stopAt(d, "IPX", off);
        return;
    }
    llc(d, off);
    if (frameLevel && d.stopName && std::string_view(d.stopName) == "LLC")
        d.stopName = nullptr; // core/proto names the frame's own LLC payloads (STP, CDP ...)
}

void ethernet(DecodedPacket& d)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    if (caplen < 14) {
        stopAt(d, "Ethernet", 0); // its addresses as far as captured, and why it stopped
        return;
    }
    uint16_t type = loadBe16(d.at(12));
    uint32_t off = 14;
    while (isVlanType(type)) {
        if (caplen < off + 4) {
            stopAt(d, type == kEtherQinQ ? "802.1ad" : "VLAN", off);
            return;
        }
        if (d.vlanCount < 2)
            d.vlanIds[d.vlanCount] = loadBe16(d.at(off)) & 0x0fff;
        ++d.vlanCount;
        type = loadBe16(d.at(off + 2));
        off += 4;
    }
    d.linkHeaderLen = off;
    if (type < 1536) {
        lengthFrame(d, off, type, true);
        return;
    }
    d.etherType = type;
    etherPayload(d, type, off);
    // The last tag's Info, else the frame's own Ethernet II (an inner frame writes none).
    keepTagInfo(d, d.vlanCount ? "VLAN" : "Ethernet II", d.vlanCount ? off - 4 : 0);
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

// Linux cooked captures: the protocol field is an Ethernet type or, below 1536, one of
// Linux's pseudo types (4: 802.2 LLC).
void linuxCooked(DecodedPacket& d, uint32_t header, uint32_t protoAt)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    if (caplen < header) {
        stopAt(d, "SLL", 0);
        return;
    }
    const uint16_t proto = loadBe16(d.at(protoAt));
    d.linkHeaderLen = header;
    d.etherType = proto;
    if (proto == 0x0004) {
        llc(d, header);
        if (d.stopName && std::string_view(d.stopName) == "LLC")
            d.stopName = nullptr;
        return;
    }
    if (proto < 1536)
        return;
    etherPayload(d, proto, header);
}

// An 802.11 frame: data frames carry LLC; the rest, and protected or null data frames, stop
// at 802.11.
void ieee80211(DecodedPacket& d)
{
    stopAt(d, "802.11");
    const uint32_t at = ieee80211LlcOffset(d);
    if (!at)
        return;
    d.linkHeaderLen = at;
    llc(d, at);
    if (d.stopName && std::string_view(d.stopName) == "LLC")
        d.stopName = "802.11";
}

void radiotap(DecodedPacket& d)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    if (caplen < 8) {
        stopAt(d, "802.11");
        return;
    }
    if (synflow::radiotapFcsPresent(d.frame) && d.reportedLen >= 4)
        boundTo(d, d.reportedLen - 4);
    ieee80211(d);
}

void ppi(DecodedPacket& d)
{
    if (d.frame.size() < 8) {
        stopAt(d, "PPI");
        return;
    }
    const uint32_t dlt = loadLe32(d.at(4));
    if (dlt == linktype::Ieee80211)
        ieee80211(d);
    else if (dlt == linktype::Ethernet)
        stopAt(d, "PPI");
}

} // namespace


void etherPayload(DecodedPacket& d, uint16_t etherType, uint32_t off, const char* unknownName)
{
    if (++d.depth > kMaxDepth)
        return;
    const uint32_t caplen = uint32_t(d.frame.size());
    switch (etherType) {
    case kEtherIPv4:
        ipv4(d, off);
        return;
    case kEtherIPv6:
        ipv6(d, off);
        return;
    case kEtherArp:
        if (caplen >= off + 8) {
            if (d.net == NetLayer::None)
                d.linkHeaderLen = off;
            d.net = NetLayer::Arp, d.netOffset = off;
            d.transport = TransportLayer::None;
            d.stopName = nullptr;
        } else {
            stopAt(d, "ARP");
        }
        return;
    case kEtherVlan:
    case kEtherQinQ:
    case kEtherQinQOld:
        if (caplen < off + 4) {
            stopAt(d, etherType == kEtherQinQ ? "802.1ad" : "VLAN", off);
            return;
        }
        if (loadBe16(d.at(off + 2)) < 1536)
            lengthFrame(d, off + 4, loadBe16(d.at(off + 2)), false);
        else
            etherPayload(d, loadBe16(d.at(off + 2)), off + 4);
        keepTagInfo(d, "VLAN", off);
        return;
    case kEtherPppoeSession:
        pppoeSession(d, off);
        return;
    case kEtherMpls:
    case kEtherMplsMulticast:
        mpls(d, off);
        return;
    case kEtherTeb:
        innerEthernet(d, off);
        return;
    case kEtherPbb:
        // The I-TAG, then the customer's frame (its own addresses). Cut short, tshark names it
        // 802.1ah, or 802.1ad after such a tag; an 802.3 length there is taken for a type.
        if (caplen < off + 4 + 14) {
            stopAt(d, off >= 18 && loadBe16(d.at(off - 6)) == kEtherQinQ ? "802.1ad" : "802.1ah", off);
            return;
        }
        if (const uint16_t type = loadBe16(d.at(off + 16)); type < 1536) {
            ++d.depth;
            stopAtType(d, type);
        } else {
            innerEthernet(d, off + 4, false);
        }
        keepTagInfo(d, "PBB", off);
        return;
    case kEtherMacsec:
        macsec(d, off);
        return;
    default:
        if (const char* name = etherTypeName(etherType))
            stopAt(d, name, off);
        else if (unknownName)
            stopAt(d, unknownName);
        else
            stopAtType(d, etherType);
        return;
    }
}

void innerEthernet(DecodedPacket& d, uint32_t off, bool setsAddresses)
{
    if (++d.depth > kMaxDepth)
        return;
    stopAt(d, "Ethernet", off);
    const uint32_t caplen = uint32_t(d.frame.size());
    for (int side = 0; side < 2 && setsAddresses; ++side)
        if (caplen >= off + 6 * (side + 1))
            d.innerEthernetAt[side] = off, d.ipsBeforeInnerEthernet[side] = d.ipCount;
    if (caplen < off + 14)
        return;
    const uint16_t type = loadBe16(d.at(off + 12));
    if (type < 1536)
        lengthFrame(d, off + 14, type, false);
    else
        etherPayload(d, type, off + 14);
}

void llc(DecodedPacket& d, uint32_t off)
{
    stopAt(d, "LLC", off);
    const uint32_t caplen = uint32_t(d.frame.size());
    if (caplen < off + 3)
        return;
    const uint8_t* p = d.at(off);
    if (p[0] == 0xe0 && p[1] == 0xe0) {
        stopAt(d, "IPX", off + 3);
        return;
    }
    // SNAP (an unnumbered frame, all of it within the frame's length): the encapsulated-Ethernet
    // OUIs carry an Ethernet type; other OUIs their own IDs.
    if (p[0] != 0xaa || p[1] != 0xaa || p[2] != 0x03 || std::min(caplen, d.reportedLen) < off + 8)
        return;
    const uint32_t oui = uint32_t(p[3]) << 16 | uint32_t(p[4]) << 8 | p[5];
    if (oui == 0x000000 || oui == 0x0000f8)
        etherPayload(d, loadBe16(p + 6), off + 8, "LLC");
}

} // namespace decodestep

namespace {

void decodeInto(DecodedPacket& d, uint16_t linkType, std::span<const uint8_t> frame, uint32_t reportedLen)
{
    using namespace decodestep;
    d.frame = frame;
    d.reportedLen = std::max<uint32_t>(reportedLen, uint32_t(frame.size()));
    d.linkType = linkType;
    const uint32_t caplen = uint32_t(frame.size());
    switch (linkType) {
    case linktype::Ethernet:
        d.linkKnown = true;
        ethernet(d);
        break;
    case linktype::LinuxSll:
        d.linkKnown = true;
        linuxCooked(d, 16, 14);
        break;
    case linktype::LinuxSll2:
        d.linkKnown = true;
        linuxCooked(d, 20, 0);
        break;
    case linktype::Raw:
    case linktype::RawOpenBsd:
    case linktype::RawAlt:
        d.linkKnown = true;
        if (caplen > 0) {
            const uint8_t v = frame[0] >> 4;
            d.etherType = v == 4 ? kEtherIPv4 : v == 6 ? kEtherIPv6 : 0;
            if (v == 4)
                ipv4(d, 0);
            else if (v == 6)
                ipv6(d, 0);
        }
        break;
    case linktype::IPv4:
        d.linkKnown = true;
        d.etherType = kEtherIPv4;
        ipv4(d, 0);
        break;
    case linktype::IPv6:
        d.linkKnown = true;
        d.etherType = kEtherIPv6;
        ipv6(d, 0);
        break;
    case linktype::Ieee80211:
        d.linkKnown = true;
        ieee80211(d);
        break;
    case linktype::Radiotap:
        d.linkKnown = true;
        radiotap(d);
        break;
    case linktype::Ppi:
        d.linkKnown = true;
        ppi(d);
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
            d.etherType = et;
            if (et == kEtherIPv4)
                ipv4(d, 4);
            else if (et == kEtherIPv6)
                ipv6(d, 4);
            else if (et)
                etherPayload(d, et, 4);
        }
        break;
    default:
        break;
    }
}

} // namespace

DecodedPacket decodePacket(uint16_t linkType, std::span<const uint8_t> frame, uint32_t reportedLen)
{
    DecodedPacket d;
    decodeInto(d, linkType, frame, reportedLen);
    return d;
}

DecodedPacket decodeReassembled(uint16_t linkType, std::shared_ptr<const std::vector<uint8_t>> bytes, uint32_t realFrameLen,
                                uint32_t fragHeader, uint32_t dataLen)
{
    DecodedPacket d;
    d.reassembled = true;
    d.realFrameLen = realFrameLen;
    d.fragHeader = fragHeader;
    d.fragDataLen = dataLen;
    const std::span<const uint8_t> frame(bytes->data(), bytes->size());
    d.owned = std::move(bytes);
    decodeInto(d, linkType, frame, 0);
    return d;
}

uint32_t ieee80211LlcOffset(const DecodedPacket& d)
{
    const uint32_t cap = uint32_t(d.frame.size());
    uint32_t off = 0;
    if (d.linkType == linktype::Radiotap || d.linkType == linktype::Ppi) {
        if (cap < 8 || (d.linkType == linktype::Ppi && loadLe32(d.at(4)) != linktype::Ieee80211))
            return 0;
        off = loadLe16(d.at(2));
    } else if (d.linkType != linktype::Ieee80211) {
        return 0;
    }
    if (cap < off + 24)
        return 0;
    const uint8_t fc0 = d.frame[off], flags = d.frame[off + 1];
    const unsigned type = (fc0 >> 2) & 3, subtype = fc0 >> 4;
    if ((fc0 & 3) || type != 2 || (subtype & 4) || (flags & 0x40))
        return 0; // another version, not data, null data, or protected
    uint32_t header = 24;
    if ((flags & 3) == 3)
        header += 6; // fourth address
    if (subtype & 8)
        header += 2 + ((flags & 0x80) ? 4 : 0); // QoS control, HT control
    if (d.linkType == linktype::Radiotap && (radiotapFlags(d.frame) & 0x20))
        header = (header + 3) & ~3u; // the data pad radiotap announces
    return cap >= off + header + 3 ? off + header : 0;
}

uint8_t radiotapFlags(std::span<const uint8_t> frame)
{
    const size_t caplen = frame.size();
    if (caplen < 8)
        return 0;
    const uint32_t len = loadLe16(frame.data() + 2), first = loadLe32(frame.data() + 4);
    // The Flags field (present bit 1) follows the present words (and an 8-aligned TSFT).
    uint32_t at = 4;
    while (at + 8 <= caplen && (loadLe32(frame.data() + at) & 0x80000000u))
        at += 4;
    at += 4;
    if (first & 1)
        at = ((at + 7) & ~7u) + 8;
    return (first & 2) && at < len && at < caplen ? frame[at] : 0;
}

} // namespace synflow
