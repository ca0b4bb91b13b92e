#include "decode/ethernettrailer.h"

#include "decode/decodesteps.h"
#include "decode/linktypes.h"

#include <algorithm>
#include <cstdlib>

namespace synflow {
namespace {

using namespace decodestep;

// tshark's add_ethernet_trailer() over the trailer from `at` to the frame's end (`frameLen`, on
// the wire): zero padding up to the 60-byte minimum, a VSS Monitoring tap's timestamp (the only
// trailer heuristic that reads bytes by the reported length), then the FCS it assumes on frames
// of 64 bytes and more when `fcsGuessed`. True when one of those reads runs past the captured bytes.
bool trailerWalkCut(const DecodedPacket& d, uint32_t frameLen, uint32_t at, bool fcsGuessed, int64_t secs)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    if (at >= frameLen || caplen >= frameLen)
        return false; // no trailer, or all of it captured
    uint32_t reported = frameLen - at, captured = caplen > at ? caplen - at : 0;
    uint32_t from = at;
    // Padding (eth.padding "Zeros"): the bytes that bring a short frame up to 60, if all zero.
    if (frameLen >= 60 && frameLen - reported < 60) {
        uint32_t pad = 60 - (frameLen - reported);
        for (uint32_t i = 0; i < pad; ++i) {
            if (i >= captured)
                return true;
            if (d.frame[at + i] != 0) {
                pad = 0;
                break;
            }
        }
        reported -= pad, captured -= pad, from += pad;
    }
    const bool fcs = fcsGuessed && frameLen >= 64 && reported >= 4;
    // VSS Monitoring: an 8-byte timestamp (then a 1-byte port stamp), FCS included, up to 13 bytes.
    if (reported >= 8 && reported <= 13 && (reported & 3) <= 1) {
        if (captured < 8)
            return true;
        const uint32_t s = loadBe32(d.at(from)), ns = loadBe32(d.at(from + 4)) & 0x3fffffffu;
        const bool near = s <= 3600 || std::llabs(int64_t(s) - secs) <= 2592000; // 30 days
        if (s != 0 && near && ns < 1000000000u)
            return captured < (reported & 0xb); // claimed: its tree item spans the stamps
    }
    return fcs; // the FCS, the frame's last 4 bytes, was not captured whole
}

// The payload of an Ethernet-type layer at `off`: an IP header (also under an MPLS label stack)
// or an ARP message that says it is shorter than the bytes left leaves a trailer, when its first
// byte was captured (tshark's add_dix_trailer).
bool payloadTrailerCut(const DecodedPacket& d, uint32_t frameLen, uint16_t type, uint32_t off, bool fcsGuessed, int64_t secs,
                       bool payloadMalformed)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    if (type == kEtherMpls || type == kEtherMplsMulticast) {
        if (payloadMalformed) // measured: an exception in what the labels carry leaves no trailer walk
            return false;
        for (;; off += 4) {
            if (caplen < off + 4)
                return false;
            if (d.frame[off + 2] & 0x01) { // bottom of the stack
                off += 4;
                break;
            }
        }
        if (caplen <= off)
            return false;
        const uint8_t version = d.frame[off] >> 4;
        type = version == 4 ? kEtherIPv4 : version == 6 ? kEtherIPv6 : 0;
    }
    uint32_t length = 0;
    if (type == kEtherArp) {
        if (caplen < off + 6)
            return false;
        length = 8u + 2u * (d.frame[off + 4] + d.frame[off + 5]);
    } else if (type == kEtherIPv4) {
        if (caplen < off + 4 || (d.frame[off] >> 4) != 4)
            return false;
        const uint32_t headerLen = (d.frame[off] & 0x0f) * 4u, total = loadBe16(d.at(off + 2));
        if (headerLen < 20 || total < headerLen)
            return false;
        length = total;
    } else if (type == kEtherIPv6) {
        if (caplen < off + 6 || (d.frame[off] >> 4) != 6 || loadBe16(d.at(off + 4)) == 0)
            return false;
        length = 40u + loadBe16(d.at(off + 4));
    } else {
        return false;
    }
    const uint32_t at = off + length;
    return at < caplen && trailerWalkCut(d, frameLen, at, fcsGuessed, secs);
}

} // namespace

bool ethernetTrailerCut(const DecodedPacket& d, uint32_t frameLen, int64_t secs, bool payloadMalformed)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    if (d.reassembled || d.customBlock || caplen >= frameLen)
        return false;
    if (d.linkType == linktype::LinuxSll || d.linkType == linktype::LinuxSll2) {
        const bool v2 = d.linkType == linktype::LinuxSll2;
        const uint32_t off = v2 ? 20 : 16;
        if (caplen < off)
            return false;
        return payloadTrailerCut(d, frameLen, loadBe16(d.at(v2 ? 0 : 14)), off, false, secs, payloadMalformed);
    }
    if (d.linkType != linktype::Ethernet || caplen < 14)
        return false;
    uint16_t type = loadBe16(d.at(12));
    uint32_t off = 14;
    bool tagged = false;
    while (type == kEtherVlan || type == kEtherQinQ || type == kEtherQinQOld) {
        if (caplen < off + 4)
            return false;
        type = loadBe16(d.at(off + 2));
        off += 4;
        tagged = true;
    }
    // A tag hands its payload on as a frame without FCS; the frame's own layer guesses one.
    const bool fcsGuessed = !tagged;
    if (type < 1536) { // 802.3: the length field bounds the payload, a trailer follows it
        const uint32_t end = off + std::min<uint32_t>(type, frameLen - off);
        return end > caplen || trailerWalkCut(d, frameLen, end, fcsGuessed, secs);
    }
    return payloadTrailerCut(d, frameLen, type, off, fcsGuessed, secs, payloadMalformed);
}

} // namespace synflow
