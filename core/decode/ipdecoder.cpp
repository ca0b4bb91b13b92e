// IPv4 and IPv6 (options, extension headers, fragments), the transport above them, the IP
// header an ICMP error quotes, and the IP payloads that are tunnels (IP-in-IP, 6in4, 4in6,
// GRE, MPLS-in-IP).
#include "decode/decodesteps.h"

#include <algorithm>

namespace synflow::decodestep {
namespace {

constexpr uint8_t kProtoIcmp = 1, kProtoIpIp = 4, kProtoTcp = 6, kProtoUdp = 17, kProtoIpv6 = 41, kProtoGre = 47,
                  kProtoIcmpv6 = 58, kProtoMplsInIp = 137;

void listIp(DecodedPacket& d, uint32_t src, uint32_t dst, bool v6)
{
    if (d.ipCount == DecodedPacket::kMaxIpHeaders) {
        // Nested deeper than the list holds: the newest headers are kept, as the address columns
        // show the last ones.
        std::copy(d.ipHeaders + 1, d.ipHeaders + d.ipCount, d.ipHeaders);
        --d.ipCount;
        for (uint8_t& before : d.ipsBeforeInnerEthernet)
            before -= before > 0;
    }
    d.ipHeaders[d.ipCount++] = {src, dst, v6};
}

// A new IP header becomes the packet's network layer; what an outer one found above it is
// replaced by what this one carries.
void beginIp(DecodedPacket& d, uint32_t off, bool v6, uint32_t dst)
{
    listIp(d, off + (v6 ? 8 : 12), dst, v6);
    if (d.net == NetLayer::None)
        d.linkHeaderLen = off;
    d.net = v6 ? NetLayer::IPv6 : NetLayer::IPv4;
    d.netOffset = off;
    d.stopName = nullptr;
    d.ipFragment = d.ipNonFirstFragment = false;
    d.transport = TransportLayer::None;
    d.transportOffset = d.transportCaptured = 0;
    d.tcpPortsValid = d.tcpHeaderValid = false;
    d.tcpHeaderLen = d.tcpPayloadLen = 0;
}

// Where the destination tshark shows is: the last hop of a loose or strict source route
// option, else the header's own. tshark reads the options before it shows the destination:
// one cut off by the capture ends the dissection there (0: no destination); one whose length
// does not fit the header only ends the options.
uint32_t ipv4Destination(const DecodedPacket& d, uint32_t off, uint32_t hl)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    uint32_t dst = off + 16;
    bool routed = false; // a source route read before the cut sets the destination all the same
    for (uint32_t pos = off + 20; pos < off + hl;) {
        if (pos >= caplen)
            return routed ? dst : 0;
        const uint8_t kind = d.frame[pos];
        if (kind == 0)
            break;
        if (kind == 1) {
            ++pos;
            continue;
        }
        if (pos + 1 >= off + hl)
            break;
        if (pos + 1 >= caplen)
            return routed ? dst : 0;
        const uint32_t len = d.frame[pos + 1];
        if (len < 2 || pos + len > off + hl)
            break;
        if (pos + len > caplen)
            return routed ? dst : 0;
        if ((kind == 131 || kind == 137) && len >= 7 && (len - 3) % 4 == 0)
            dst = pos + len - 4, routed = true;
        pos += len;
    }
    return dst;
}

bool isIcmpError(uint8_t type) { return type == 3 || type == 4 || type == 5 || type == 11 || type == 12; }
bool isIcmpv6Error(uint8_t type) { return type >= 1 && type <= 4; }

// The IP header (and the start of its TCP or UDP header) an ICMP error quotes at `off`. tshark
// lists the quoted addresses after the packet's own; the packet's transport stays ICMP.
void quotedIp(DecodedPacket& d, uint32_t off, bool v6)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    uint32_t hl = 40;
    uint8_t proto = 0;
    // A quoted header the capture cut lists the addresses it holds, as tshark's ip.src shows them.
    const uint32_t src = off + (v6 ? 8 : 12), dst = off + (v6 ? 24 : 16), size = v6 ? 16 : 4;
    const auto listCaptured = [&]() {
        if (caplen >= src + size)
            listIp(d, src, caplen >= dst + size ? dst : 0, v6);
    };
    if (v6) {
        if (caplen < off + 1 || (d.frame[off] >> 4) != 6)
            return;
        if (caplen < off + 40)
            return listCaptured();
        proto = d.frame[off + 6];
    } else {
        if (caplen < off + 8 || (d.frame[off] >> 4) != 4 || (d.frame[off] & 0x0f) < 5 || (loadBe16(d.at(off + 6)) & 0x1fff) != 0)
            return;
        if (caplen < off + 20)
            return listCaptured();
        hl = (d.frame[off] & 0x0f) * 4u;
        proto = d.frame[off + 9];
    }
    listIp(d, src, dst, v6);
    if ((proto == kProtoTcp || proto == kProtoUdp) && caplen >= off + hl + 4) {
        d.quotedProto = proto;
        d.quotedOffset = off + hl;
        d.quotedCaptured = caplen - (off + hl);
    }
}

// An ICMPv6 Redirect's options: the Redirected Header option quotes the packet.
void redirectedHeader(DecodedPacket& d, uint32_t pos)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    while (pos + 8 <= caplen) {
        const uint32_t len = d.frame[pos + 1] * 8u;
        if (len == 0)
            return;
        if (d.frame[pos] == 4) {
            quotedIp(d, pos + 8, true);
            return;
        }
        pos += len;
    }
}

void transport(DecodedPacket& d, uint32_t off)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    d.transportOffset = off;
    d.transportCaptured = off <= caplen ? caplen - off : 0;
    if (d.ipFragment) {
        d.transport = TransportLayer::None;
        return;
    }
    switch (d.ipProto) {
    case kProtoTcp: {
        d.transport = TransportLayer::Tcp;
        if (d.transportCaptured < 4)
            return;
        d.tcpPortsValid = true;
        // tshark reads a header through its window before anything can stop it: the segment is
        // then analysed whole (its length from IP), even when the capture cut the rest.
        if (d.transportCaptured < 16)
            return;
        const TcpView tcp{d.at(off)};
        d.tcpHeaderLen = tcp.headerLen();
        if (d.tcpHeaderLen < 20)
            return;
        d.tcpHeaderValid = true;
        d.tcpPayloadLen = d.ipPayloadLen > d.tcpHeaderLen ? d.ipPayloadLen - d.tcpHeaderLen : 0;
        return;
    }
    case kProtoUdp:
        d.transport = TransportLayer::Udp;
        if (d.transportCaptured > 8) { // tshark hands on no payload of which nothing was captured
            const UdpView u{d.at(off)};
            udpTunnel(d, off, u.srcPort(), u.dstPort());
        }
        return;
    case kProtoIcmp:
        d.transport = TransportLayer::Icmp;
        if (d.transportCaptured >= 8 && isIcmpError(d.frame[off]))
            quotedIp(d, off + 8, false);
        return;
    case kProtoIcmpv6:
        d.transport = TransportLayer::Icmpv6;
        if (d.transportCaptured >= 8 && isIcmpv6Error(d.frame[off]))
            quotedIp(d, off + 8, true);
        else if (d.transportCaptured >= 40 && d.frame[off] == 137)
            redirectedHeader(d, off + 40);
        return;
    default:
        d.transport = TransportLayer::Other;
        return;
    }
}

constexpr uint8_t kProtoAh = 51;

// Whether the IP payload at `off` stops at its IP layer: none of it held though its length
// promises some, or a TCP or UDP header without its ports (tshark's IP has named the packet
// before TCP or UDP fails to read them).
bool payloadCut(const DecodedPacket& d, uint32_t off, uint32_t promised)
{
    const uint32_t end = std::min(uint32_t(d.frame.size()), d.reportedLen);
    const uint32_t held = end > off ? end - off : 0;
    // IPv4 names a later fragment all the same; ICMP names itself before it reads a byte.
    if (promised > 0 && held == 0)
        return !(d.ipNonFirstFragment && d.net == NetLayer::IPv4) && d.ipProto != kProtoIcmp && d.ipProto != kProtoIcmpv6;
    return !d.ipFragment && (d.ipProto == kProtoTcp || d.ipProto == kProtoUdp) && held < std::min(4u, promised);
}

void ipPayload(DecodedPacket& d, uint32_t off);

// An authentication header at `off` (inside IPv4; IPv6 steps over its own with the extension
// headers): what follows it is the payload. One cut short stops at AH, whose Info core/proto
// writes from the IP header at stopOffset.
void authenticationHeader(DecodedPacket& d, uint32_t off)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    const uint32_t len = caplen >= off + 2 ? (d.frame[off + 1] + 2u) * 4 : 0;
    if (++d.depth > kMaxDepth)
        return;
    if (!len || caplen < off + len) {
        stopAt(d, "AH", d.netOffset);
        return;
    }
    d.ipProto = d.frame[off];
    d.ipPayloadLen = d.ipPayloadLen > len ? d.ipPayloadLen - len : 0;
    if (payloadCut(d, off + len, d.ipPayloadLen)) {
        stopAt(d, "AH", d.netOffset);
        return;
    }
    ipPayload(d, off + len);
}

// What an unfragmented IP payload at `off` is: another IP header, GRE, MPLS, or a transport.
void ipPayload(DecodedPacket& d, uint32_t off)
{
    if (!d.ipFragment && off < d.frame.size()) {
        switch (d.ipProto) {
        case kProtoAh:
            if (d.net == NetLayer::IPv4) {
                authenticationHeader(d, off);
                return;
            }
            break;
        case kProtoIpIp:
            ipv4(d, off);
            return;
        case kProtoIpv6:
            ipv6(d, off);
            return;
        case kProtoGre:
            gre(d, off, d.ipPayloadLen);
            return;
        case kProtoMplsInIp:
            mpls(d, off);
            return;
        default:
            break;
        }
    }
    transport(d, off);
}

} // namespace

void ipv4(DecodedPacket& d, uint32_t off)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    if (++d.depth > kMaxDepth)
        return;
    // tshark names a header it cannot read whole, or one with a bad version or length, IPv4;
    // it shows the addresses it read before it stopped.
    if (caplen > off && (d.frame[off] >> 4) == 6) { // tshark's IPv4 hands a version 6 header on
        --d.depth;
        ipv6(d, off);
        return;
    }
    if (caplen > off && (d.frame[off] >> 4) != 4) {
        stopAt(d, "IP", off); // a bogus version
        return;
    }
    if (caplen <= off || (d.frame[off] & 0x0f) < 5) {
        stopAt(d, "IPv4", off);
        return;
    }
    const uint32_t hl = (d.frame[off] & 0x0f) * 4u;
    if (caplen < off + 20) {
        if (caplen >= off + 16)
            listIp(d, off + 12, 0, false);
        stopAt(d, "IPv4", off);
        return;
    }
    const Ipv4View ip{d.at(off)};
    if (ip.totalLength() != 0 && ip.totalLength() < hl) { // bogus length: nothing more is shown
        stopAt(d, "IPv4", off);
        return;
    }
    const uint32_t dst = ipv4Destination(d, off, hl);
    if (caplen < off + hl) {
        listIp(d, off + 12, dst, false);
        stopAt(d, "IPv4", off);
        return;
    }
    beginIp(d, off, false, dst);
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
    if (d.reassembled && off == d.fragHeader) {
        // The reassembled datagram: this header's payload is all of it.
        d.ipPayloadLen = d.fragDataLen;
    } else {
        d.ipNonFirstFragment = (ff & 0x1fff) != 0;
        // A first fragment the capture cut short is not reassembled: tshark reads what it holds
        // as the start of the datagram (its transport header, its application's).
        d.ipFragment = d.ipNonFirstFragment || ((ff & 0x2000) && caplen >= off + ip.totalLength());
        if (d.ipFragment) {
            d.fragHeader = off;
            d.fragData = off + hl;
            d.fragDataLen = ip.totalLength() > hl ? ip.totalLength() - hl : 0;
        }
    }
    // A payload that the IP length promises but none of whose bytes the frame (or an outer
    // length) holds is not handed on, nor TCP or UDP without their ports: tshark names such a
    // packet IPv4.
    if (payloadCut(d, off + hl, ip.totalLength() > hl ? ip.totalLength() - hl : 0)) {
        // tshark's IPv6 and AH name the packet before they read anything.
        if (d.ipProto == kProtoIpv6 && !d.ipFragment)
            stopAt(d, "IPv6", off + hl);
        else if (d.ipProto == kProtoAh && !d.ipFragment)
            stopAt(d, "AH", off);
        else
            stopAt(d, "IPv4", off);
        return;
    }
    ipPayload(d, off + hl);
}

void ipv6(DecodedPacket& d, uint32_t off)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    if (++d.depth > kMaxDepth)
        return;
    if (caplen < off + 40 || (d.frame[off] >> 4) != 6) {
        if (caplen >= off + 24 && (d.frame[off] >> 4) == 6)
            listIp(d, off + 8, 0, true);
        stopAt(d, "IPv6", off);
        return;
    }
    const Ipv6View ip{d.at(off)};
    beginIp(d, off, true, off + 24);
    uint32_t payload = ip.payloadLength();
    if (reportedFrom(d, off) < 40 + payload)
        payload = reportedFrom(d, off) > 40 ? reportedFrom(d, off) - 40 : 0;
    uint8_t next = ip.nextHeader();
    uint32_t pos = off + 40;
    bool ah = false, cut = false;
    // Extension headers: hop-by-hop, routing, fragment, destination options, AH, mobility. One
    // the capture cuts short stops the packet at IPv6 (AH once one was met), as in tshark.
    for (int guard = 0; guard < 16; ++guard) {
        if (next == 0 || next == 43 || next == 60 || next == 135) {
            const uint32_t len = caplen >= pos + 2 ? (uint32_t(d.frame[pos + 1]) + 1) * 8 : 0;
            if (!len || caplen < pos + len) {
                cut = true;
                break;
            }
            next = d.frame[pos];
            pos += len;
        } else if (next == 44) {
            if (caplen < pos + 8) {
                cut = true;
                break;
            }
            const uint16_t offFlags = loadBe16(d.at(pos + 2));
            const uint32_t before = pos + 8 - off - 40; // header bytes before the fragmentable part
            if (d.reassembled && pos == d.fragHeader) {
                payload = before + d.fragDataLen; // the reassembled datagram follows
            } else {
                d.ipNonFirstFragment = (offFlags & 0xfff8) != 0;
                d.ipFragment = d.ipNonFirstFragment || (offFlags & 1);
                if (d.ipFragment) {
                    d.fragHeader = pos;
                    d.fragData = pos + 8;
                    d.fragDataLen = ip.payloadLength() > before ? ip.payloadLength() - before : 0;
                }
            }
            next = d.frame[pos];
            pos += 8;
            if (d.ipFragment)
                break; // the rest is the fragment's data
        } else if (next == 51) {
            ah = true;
            const uint32_t len = caplen >= pos + 2 ? (uint32_t(d.frame[pos + 1]) + 2) * 4 : 0;
            if (!len || caplen < pos + len) {
                cut = true;
                break;
            }
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
    if (cut || payloadCut(d, pos, d.ipPayloadLen)) {
        stopAt(d, ah ? "AH" : "IPv6", off);
        return;
    }
    ipPayload(d, pos);
}

void ipByVersion(DecodedPacket& d, uint32_t off, const char* name)
{
    const uint8_t v = off < d.frame.size() ? d.frame[off] >> 4 : 0;
    if (v == 4)
        ipv4(d, off);
    else if (v == 6)
        ipv6(d, off);
    else
        stopAt(d, name);
}

} // namespace synflow::decodestep
