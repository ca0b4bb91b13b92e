#pragma once
// One pass over a frame's bytes that finds each layer's offset and length; the
// header views below then read fields in place. Nothing is allocated or copied.
#include "decode/bytes.h"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace synflow {

enum class NetLayer : uint8_t { None, IPv4, IPv6, Arp };

// Transport found above IP; None also for non-first fragments.
enum class TransportLayer : uint8_t { None, Tcp, Udp, Icmp, Icmpv6, Other };

struct DecodedPacket {
    std::span<const uint8_t> frame; // captured bytes
    uint32_t reportedLen = 0;       // frame length on the wire (>= captured)

    // Link layer.
    uint16_t linkType = 0;
    uint16_t etherType = 0; // protocol of the link payload (after VLAN tags)
    uint8_t vlanCount = 0;  // tags right after the frame's own Ethernet header
    bool pppoe = false; // PPPoE session + PPP header between Ethernet and IP
    uint16_t vlanIds[2] = {0, 0}; // of the first two tags (vlanCount counts them all)
    uint32_t linkHeaderLen = 0; // bytes before the first IP header
    bool linkKnown = false; // a link type we decode

    // Every IP header in the order tshark lists ip.src/ipv6.src: outer first, through tunnels,
    // then one quoted by an ICMP error. The net fields below describe the last one that carries
    // the transport (a quoted header never does).
    // A header cut short shows the addresses that were captured; an IPv4 source route's last
    // hop is the destination tshark shows.
    struct IpHeader {
        uint32_t src; // offset of the source address, 0 when not shown
        uint32_t dst; // offset of the destination address, 0 when not shown
        bool v6;
    };
    static constexpr int kMaxIpHeaders = 8;
    uint8_t ipCount = 0;
    IpHeader ipHeaders[kMaxIpHeaders] = {};

    // The deepest layer decoding reached when it stopped below IP or inside a tunnel (tshark's
    // Protocol column for such a frame): a static name, or kUnknownType with `unknownType`
    // printed as 0x%04x (an EtherType or PPP protocol no dissector takes). Null when the
    // frame's IP (or ARP) layer is the deepest, as before tunnels.
    const char* stopName = nullptr;
    uint16_t unknownType = 0;
    // Where the layer stopName names begins, for its Info; kNoOffset when not kept. With
    // kUnknownType it is kept only as unknownTypeAfter says.
    static constexpr uint32_t kNoOffset = 0xffffffffu;
    uint32_t stopOffset = kNoOffset;
    // A reassembled message summarized as one frame: its bytes from here on stand in (zeros) for
    // the middle that was not kept; kNoOffset when every byte is real.
    uint32_t standInFrom = kNoOffset;
    // With kUnknownType: the layer that named the type, whose Info the row keeps ("PPP", "VLAN",
    // "PBB", "Ethernet II"); a tag's header is at stopOffset.
    const char* unknownTypeAfter = nullptr;
    uint8_t depth = 0; // nested encapsulations, bounded
    // GTP T-PDUs around what was decoded: tshark's Protocol reads "GTP <inner>" once for each.
    uint8_t gtpUser = 0;
    bool gtpData = false; // the last T-PDU carried data that is not IP, under 15 bytes (tshark's gtp.tpdu_data)
    // The last Ethernet header inside a tunnel (0: none) and how many IP headers came before it,
    // for its destination [0] and its source [1]: the address columns show the addresses the
    // last layer set, and a header cut short sets only those captured.
    uint32_t innerEthernetAt[2] = {0, 0};
    uint8_t ipsBeforeInnerEthernet[2] = {0, 0};
    // A pcapng Custom Block, not a packet (`frame` is its data, after the enterprise number):
    // whose format it is (a Private Enterprise Number) and whether a writer may copy it.
    bool customBlock = false;
    bool customCopyAllowed = false;
    uint32_t customPen = 0;

    // Network layer.
    NetLayer net = NetLayer::None;
    uint32_t netOffset = 0;
    uint32_t netHeaderLen = 0;   // IPv4 header incl. options; IPv6 fixed + extension headers
    uint8_t ipProto = 0;         // upper-layer protocol after extension headers
    bool ipFragment = false;     // MF set or a non-zero offset: payload is not a whole transport header
    bool ipNonFirstFragment = false;
    uint32_t ipPayloadLen = 0;   // per the IP length fields (reported, not captured)
    // A fragment (ipFragment): its IPv4 header or IPv6 fragment header, and where its data starts
    // and how long the IP length fields say it is (not bounded by the capture).
    uint32_t fragHeader = 0;
    uint32_t fragData = 0;
    uint32_t fragDataLen = 0;
    // A reassembled datagram (see IpReassembly): `frame` is then the completing fragment's bytes up
    // to its data followed by the whole reassembled data, which `owned` holds; the IP header at
    // fragHeader carries fragDataLen bytes of it, unfragmented.
    bool reassembled = false;
    uint32_t reassembledIn = 0; // a fragment's: the frame number (from 1) whose fragment completed it
    uint32_t realFrameLen = 0; // the completing frame's own captured bytes
    std::shared_ptr<const std::vector<uint8_t>> owned;

    // Transport layer.
    TransportLayer transport = TransportLayer::None;
    uint32_t transportOffset = 0;
    uint32_t transportCaptured = 0; // captured bytes from transportOffset on

    // The TCP or UDP header an ICMP/ICMPv6 error quotes (after its quoted IP header): tshark
    // shows its ports, and TCP's sequence number as sent. quotedProto 0: none.
    uint8_t quotedProto = 0;
    uint32_t quotedOffset = 0;
    uint32_t quotedCaptured = 0;

    // TCP (valid when transport == Tcp).
    bool tcpPortsValid = false;  // at least 4 bytes captured
    bool tcpHeaderValid = false; // captured through the window (16 bytes), header length >= 20
                                 // (the checksum and urgent pointer need transportCaptured >= 18, 20)
    uint32_t tcpHeaderLen = 0;
    uint32_t tcpPayloadLen = 0;  // tcp.len: IP payload minus TCP header (may exceed captured)

    const uint8_t* at(uint32_t off) const { return frame.data() + off; }
};

// A TCP header in a first IPv4 fragment the capture cut short (never reassembled): tshark reads
// it without the segment's length, so it neither analyses it nor numbers it relatively.
inline bool tcpInCutFirstFragment(const DecodedPacket& d)
{
    return d.transport == TransportLayer::Tcp && d.net == NetLayer::IPv4 && !d.reassembled
        && (loadBe16(d.frame.data() + d.netOffset + 6) & 0x3fff) == 0x2000;
}

// tshark's TCP tap (conversations, endpoints, the flow graph) sees a segment once its header,
// options included, was read: a header the capture cut is in the packet list only.
inline bool tcpTapCounts(const DecodedPacket& d)
{
    return d.transport == TransportLayer::Tcp && d.tcpHeaderValid && d.transportOffset + d.tcpHeaderLen <= d.frame.size();
}

// The marker for DecodedPacket::stopName when the name is a number (unknownType).
extern const char* const kUnknownType;

// `reportedLen` is the on-the-wire length (frame.len); 0 means "as captured". IP lengths
// are bounded by it, as tshark bounds a layer by the bytes its frame reports.
DecodedPacket decodePacket(uint16_t linkType, std::span<const uint8_t> frame, uint32_t reportedLen = 0);

// A radiotap header's Flags field (0 when it has none): 0x10 an FCS ends the frame, 0x20 the
// 802.11 header is padded to a multiple of 4 bytes.
uint8_t radiotapFlags(std::span<const uint8_t> frame);
// Whether a radiotap header's Flags field says an FCS ends the frame.
inline bool radiotapFcsPresent(std::span<const uint8_t> frame) { return radiotapFlags(frame) & 0x10; }
// Where the LLC header of an 802.11 frame (bare, radiotap or PPI) begins, when it has one with
// its first 3 bytes captured: a version 0 data frame, unprotected, carrying data. 0 otherwise.
uint32_t ieee80211LlcOffset(const DecodedPacket& d);
// A reassembled datagram: `bytes` as DecodedPacket::owned describes it; the IP layer whose header
// (or IPv6 fragment header) is at `fragHeader` carries `dataLen` bytes from `fragData` on.
DecodedPacket decodeReassembled(uint16_t linkType, std::shared_ptr<const std::vector<uint8_t>> bytes, uint32_t realFrameLen,
                                uint32_t fragHeader, uint32_t dataLen);

// Field accessors over a checked header.
struct Ipv4View {
    const uint8_t* p;
    uint8_t headerLen() const { return uint8_t((p[0] & 0x0f) * 4); }
    uint8_t dscpEcn() const { return p[1]; }
    uint16_t totalLength() const { return loadBe16(p + 2); }
    uint16_t id() const { return loadBe16(p + 4); }
    uint16_t flagsFragment() const { return loadBe16(p + 6); }
    uint8_t ttl() const { return p[8]; }
    uint8_t protocol() const { return p[9]; }
    uint16_t checksum() const { return loadBe16(p + 10); }
    const uint8_t* src() const { return p + 12; }
    const uint8_t* dst() const { return p + 16; }
};

struct Ipv6View {
    const uint8_t* p;
    uint32_t versionClassFlow() const { return loadBe32(p); }
    uint16_t payloadLength() const { return loadBe16(p + 4); }
    uint8_t nextHeader() const { return p[6]; }
    uint8_t hopLimit() const { return p[7]; }
    const uint8_t* src() const { return p + 8; }
    const uint8_t* dst() const { return p + 24; }
};

enum TcpFlag : uint16_t {
    TcpFin = 0x001,
    TcpSyn = 0x002,
    TcpRst = 0x004,
    TcpPsh = 0x008,
    TcpAck = 0x010,
    TcpUrg = 0x020,
    TcpEce = 0x040,
    TcpCwr = 0x080,
    TcpAe = 0x100, // formerly NS (RFC 3540)
};

struct TcpView {
    const uint8_t* p;
    uint16_t srcPort() const { return loadBe16(p); }
    uint16_t dstPort() const { return loadBe16(p + 2); }
    uint32_t seq() const { return loadBe32(p + 4); }
    uint32_t ack() const { return loadBe32(p + 8); }
    uint8_t headerLen() const { return uint8_t((p[12] >> 4) * 4); }
    uint16_t flags() const { return uint16_t((p[12] & 0x0f) << 8 | p[13]); } // 12 bits as tcp.flags
    uint16_t window() const { return loadBe16(p + 14); }
    uint16_t checksum() const { return loadBe16(p + 16); }
    uint16_t urgentPointer() const { return loadBe16(p + 18); }
};

struct UdpView {
    const uint8_t* p;
    uint16_t srcPort() const { return loadBe16(p); }
    uint16_t dstPort() const { return loadBe16(p + 2); }
    uint16_t length() const { return loadBe16(p + 4); }
    uint16_t checksum() const { return loadBe16(p + 6); }
};

// TCP option kinds.
namespace tcpopt {
constexpr uint8_t Eol = 0, Nop = 1, Mss = 2, WindowScale = 3, SackPermitted = 4, Sack = 5, Timestamps = 8,
                  Mptcp = 30, TcpFastOpen = 34;
}

// Calls visit(kind, offsetInFrame, length) for each option in the captured part of
// the TCP header; length includes kind and length bytes. Stops at EOL or a bad length.
template<typename F>
void forEachTcpOption(const DecodedPacket& d, F&& visit)
{
    if (d.transport != TransportLayer::Tcp || !d.tcpHeaderValid)
        return;
    const uint32_t start = d.transportOffset + 20;
    uint32_t end = d.transportOffset + d.tcpHeaderLen;
    if (end > d.frame.size())
        end = uint32_t(d.frame.size());
    uint32_t pos = start;
    while (pos < end) {
        const uint8_t kind = d.frame[pos];
        if (kind == tcpopt::Eol) {
            visit(kind, pos, 1u);
            return;
        }
        if (kind == tcpopt::Nop) {
            visit(kind, pos, 1u);
            ++pos;
            continue;
        }
        if (pos + 1 >= end)
            return;
        const uint8_t len = d.frame[pos + 1];
        if (len < 2 || pos + len > end)
            return;
        visit(kind, pos, uint32_t(len));
        pos += len;
    }
}

} // namespace synflow
