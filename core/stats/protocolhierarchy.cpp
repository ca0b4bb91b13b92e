#include "stats/protocolhierarchy.h"
#include "proto/siptcp.h"

#include "proto/amqpinfo.h"
#include "proto/stuninfo.h"
#include "proto/smb2info.h"
#include "proto/tpktinfo.h"
#include "proto/xmppinfo.h"
#include "output/exceptiontext.h"

#include "analysis/analysedcapture.h"
#include "decode/linktypes.h"
#include "proto/desegmentedview.h"
#include "proto/pducontinuation.h"
#include "proto/protocolsummary.h"
#include "proto/asciicase.h"
#include "proto/httpmessage.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <strings.h>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace synflow {

ProtocolHierarchy::ProtocolHierarchy() { nodes.push_back(PhsNode{}); }

void ProtocolHierarchy::add(const std::vector<const char*>& layers, uint64_t wireBytes)
{
    ++frames;
    bytes += wireBytes;
    nodes[0].frames = frames;
    nodes[0].bytes = bytes;
    int32_t at = 0;
    bool inSip = false;
    for (const char* name : layers) {
        // A body SIP read (SIP/SDP, SIP/XML) is a protocol of the frame inside SIP's tree: tshark's
        // hierarchy does not count it. A second message of the segment, TCP's item and an
        // exception's are counted.
        if (!std::strcmp(name, "sip"))
            inSip = true;
        else if (inSip && std::strcmp(name, "tcp.segments") != 0 && std::strncmp(name, "_ws.", 4) != 0)
            continue;
        int32_t next = -1;
        for (int32_t c : nodes[size_t(at)].children)
            if (nodes[size_t(c)].name == name) {
                next = c;
                break;
            }
        if (next < 0) {
            next = int32_t(nodes.size());
            PhsNode n;
            n.name = name;
            n.parent = at;
            nodes.push_back(std::move(n));
            nodes[size_t(at)].children.push_back(next);
        }
        PhsNode& n = nodes[size_t(next)];
        ++n.frames;
        n.bytes += wireBytes;
        at = next;
    }
    ++nodes[size_t(at)].endFrames;
    nodes[size_t(at)].endBytes += wireBytes;
}

namespace {

// Protocol-column names are interned: the layer list holds pointers that outlive the frame.
const char* intern(std::string name)
{
    static std::unordered_set<std::string> names;
    static std::mutex lock;
    std::lock_guard<std::mutex> hold(lock);
    return names.insert(std::move(name)).first->c_str();
}

const char* filterNameOfColumn(std::string_view column);

// A Protocol column name as tshark's filter name of the same protocol: remembered per thread,
// since a capture names few protocols and every frame asks.
const char* filterNameOf(std::string_view column)
{
    thread_local std::unordered_map<std::string, const char*> known;
    if (const auto it = known.find(std::string(column)); it != known.end())
        return it->second;
    return known.emplace(std::string(column), filterNameOfColumn(column)).first->second;
}

const char* filterNameOfColumn(std::string_view column)
{
    if (const size_t space = column.rfind(' '); space != std::string_view::npos && !column.starts_with("CIP"))
        column = column.substr(space + 1); // "PPP LCP": the layer is lcp
    std::string s;
    for (char c : column)
        s += char(std::tolower(uint8_t(c)));
    if (s.starts_with("tlsv") || s.starts_with("ssl"))
        return "tls";
    if (s.starts_with("sshv"))
        return "ssh";
    if (s == "wireguard")
        return "wg";
    if (s == "classic-stun")
        return "classicstun";
    if (s == "bootp")
        return "dhcp"; // one protocol: its column says BOOTP when no DHCP message type is seen
    // Versions tshark writes into the column but not into the filter name.
    for (const char* base : {"igmp", "rip", "snmp", "ntp", "pim"})
        if (s.starts_with(base) && s.size() > std::strlen(base) && s[std::strlen(base)] == 'v')
            return base;
    return intern(std::move(s));
}

bool sameName(std::string_view column, std::string_view transport)
{
    return column.size() == transport.size()
        && std::equal(column.begin(), column.end(), transport.begin(),
                      [](char a, char b) { return std::tolower(uint8_t(a)) == std::tolower(uint8_t(b)); });
}

// The media type dissector tshark hands an HTTP body to, when this segment holds the start of
// the body (no reassembly): null when there is no body here or no Content-Type.
const char* httpMediaLayer(std::string_view message, bool reassembled = false)
{
    const HttpBodyStart body = httpBodyStart(message);
    if (body.start == std::string_view::npos || (body.start >= message.size() && !reassembled))
        return nullptr;
    // A chunked body is left unreassembled without reassembly (tshark's _ws.unreassembled,
    // which we do not show).
    if (body.chunked && !reassembled)
        return nullptr;
    // The body's dissector as its bytes say when they are here (an image's, or data when it does
    // not inflate), else as its type says.
    if (const HttpBodyMedia m = httpBodyMedia(message, false); m.layer)
        return *m.layer ? m.layer : nullptr;
    return httpTypeLayer(body.type);
}

// Walks the layers below the transport, taking the decoder's IP headers in order.
struct Walk {
    const DecodedPacket& d;
    std::vector<const char*>& out;
    int nextIp = 0;
    int ownIps = 0; // the IP headers of the frame itself (not an ICMP error's quoted one)
    int depth = 0;

    size_t cap() const { return d.frame.size(); }

    void ether(uint16_t type, uint32_t off);
    // An Ethernet header's last field: a type, or (up to 1500) the length of an LLC frame.
    void typeOrLength(uint16_t value, uint32_t off)
    {
        if (value <= 1500)
            llc(off);
        else
            ether(value, off);
    }
    void llc(uint32_t off);
    void ip();
    void gre(uint32_t off);
};

void Walk::llc(uint32_t off)
{
    out.push_back("llc");
    // SNAP with the zero OUI carries an Ethernet type; tshark takes an IP type under any other
    // organisation too (as the decoder does).
    if (off + 8 > cap() || d.frame[off] != 0xaa || d.frame[off + 1] != 0xaa)
        return;
    const uint16_t type = loadBe16(d.at(off + 6));
    const bool zeroOui = d.frame[off + 3] == 0 && d.frame[off + 4] == 0 && d.frame[off + 5] == 0;
    if (zeroOui || ((type == 0x0800 || type == 0x86dd) && nextIp < ownIps))
        ether(type, off + 8);
}

void Walk::ether(uint16_t type, uint32_t off)
{
    if (++depth > 12)
        return;
    if (type == 0x8100 || type == 0x88a8 || type == 0x9100) { // a tag, then what it tags
        out.push_back(type == 0x88a8 ? "ieee8021ad" : "vlan");
        if (off + 4 <= cap())
            typeOrLength(loadBe16(d.at(off + 2)), off + 4);
        return;
    }
    switch (type) {
    case 0x8864:
        out.push_back("pppoes");
        if (off + 8 <= cap()) {
            out.push_back("ppp");
            const uint16_t proto = loadBe16(d.at(off + 6));
            if (proto == 0x0021 || proto == 0x0057)
                ip();
        }
        return;
    case 0x8863: out.push_back("pppoed"); return;
    case 0x8847:
    case 0x8848:
        while (off + 4 <= cap()) {
            out.push_back("mpls");
            const bool bottom = d.frame[off + 2] & 1;
            off += 4;
            if (bottom)
                break;
        }
        if (off < cap() && (d.frame[off] >> 4 == 4 || d.frame[off] >> 4 == 6))
            ip();
        return;
    case 0x0800:
    case 0x86dd: ip(); return;
    case 0x0806: out.push_back("arp"); return;
    case 0x6558:
        out.push_back("eth");
        if (off + 14 <= cap())
            typeOrLength(loadBe16(d.at(off + 12)), off + 14);
        return;
    default: return;
    }
}

void Walk::gre(uint32_t off)
{
    out.push_back("gre");
    if (off + 4 > cap())
        return;
    const uint16_t flags = loadBe16(d.at(off));
    const uint16_t proto = loadBe16(d.at(off + 2));
    uint32_t len = 4 + ((flags & 0x8000) ? 4 : 0) + ((flags & 0x2000) ? 4 : 0) + ((flags & 0x1000) ? 4 : 0)
        + ((flags & 0x0080) ? 4 : 0); // version 1's acknowledgement number
    if (proto == 0x880b) {
        out.push_back("ppp");
        if (off + len + 4 <= cap()) {
            const uint8_t* p = d.at(off + len);
            uint16_t pp = p[0] == 0xff && p[1] == 0x03 ? loadBe16(p + 2) : loadBe16(p);
            if (pp == 0x0021 || pp == 0x0057)
                ip();
        }
        return;
    }
    ether(proto, off + len);
}

// One IP header and what it carries up to the transport (or the next tunnelled header).
void Walk::ip()
{
    if (nextIp >= ownIps || ++depth > 12)
        return;
    const DecodedPacket::IpHeader& h = d.ipHeaders[nextIp++];
    out.push_back(h.v6 ? "ipv6" : "ip");
    if (!h.src)
        return;
    const bool last = nextIp >= ownIps;
    const uint32_t start = h.v6 ? h.src - 8 : h.src - 12;
    uint8_t proto = h.v6 ? d.frame[start + 6] : d.frame[start + 9];
    uint32_t off = start + (h.v6 ? 40 : uint32_t(d.frame[start] & 0x0f) * 4);
    // IPv6 extension headers are subtrees of ipv6 in tshark's tree.
    while (h.v6 && (proto == 0 || proto == 43 || proto == 60) && off + 2 <= cap()) {
        proto = d.frame[off];
        off += (uint32_t(d.frame[off + 1]) + 1) * 8;
    }
    if (last && proto != 47)
        return; // the transport follows
    if (last && d.transport == TransportLayer::None) {
        gre(off); // GRE carrying no IP (PPTP's PPP control)
        return;
    }
    if (last)
        return;
    switch (proto) {
    case 4:
    case 41: ip(); return;
    case 47: gre(off); return;
    case 17: {
        out.push_back("udp");
        if (off + 8 > cap())
            return;
        const uint16_t sp = loadBe16(d.at(off)), dp = loadBe16(d.at(off + 2));
        const auto port = [&](uint16_t p) { return sp == p || dp == p; };
        if (port(4789)) {
            out.push_back("vxlan");
            out.push_back("eth");
            if (off + 30 <= cap())
                typeOrLength(loadBe16(d.at(off + 28)), off + 30);
        } else if (port(6081)) {
            out.push_back("geneve");
            if (off + 16 <= cap())
                ether(loadBe16(d.at(off + 10)), off + 8 + 8 + uint32_t(d.frame[off + 8] & 0x3f) * 4);
        } else if (port(3544)) {
            out.push_back("teredo");
            ip();
        } else if (port(2152) || port(2123) || port(3386)) { // a T-PDU's IP (GTP' has a layer name of its own)
            out.push_back(port(3386) ? "gtpprime" : "gtp");
            ip();
        } else if (port(1701)) {
            out.push_back("l2tp");
            out.push_back("ppp");
            ip();
        } else {
            ip();
        }
        return;
    }
    default: ip(); return;
    }
}

} // namespace

void frameProtocolLayers(const DecodedPacket& d, const ProtocolSummary& summary, bool handedOn, std::vector<const char*>& out,
                         std::string_view httpHead)
{
    out.clear();
    const size_t cap = d.frame.size();
    Walk walk{d, out};
    walk.ownIps = d.ipCount - (d.quotedProto && d.ipCount ? 1 : 0);
    switch (d.linkType) {
    case linktype::Ethernet:
        out.push_back("eth");
        if (cap >= 14)
            walk.typeOrLength(loadBe16(d.at(12)), 14);
        break;
    case linktype::LinuxSll:
    case linktype::LinuxSll2:
        // A header cut short is only malformed in tshark's tree (no sll item).
        if (cap >= (d.linkType == linktype::LinuxSll ? 16u : 20u)) {
            out.push_back("sll");
            walk.ether(loadBe16(d.at(d.linkType == linktype::LinuxSll ? 14 : 0)), d.linkType == linktype::LinuxSll ? 16 : 20);
        }
        break;
    case linktype::Raw:
    case linktype::RawAlt:
    case linktype::RawOpenBsd:
        out.push_back("raw");
        walk.ip();
        break;
    case linktype::IPv4: // tshark's link types 228/229 hand the frame straight to IP
    case linktype::IPv6:
        walk.ip();
        break;
    case linktype::Null:
    case linktype::Loop:
        out.push_back("null");
        walk.ip();
        break;
    case linktype::Radiotap:
    case linktype::Ppi:
    case linktype::Ieee80211:
        // Without a radio header (raw 802.11) tshark has no radio information layer.
        if (d.linkType != linktype::Ieee80211)
            out.insert(out.end(), {d.linkType == linktype::Radiotap ? "radiotap" : "ppi", "wlan_radio"});
        out.push_back("wlan");
        if (const uint32_t llc = ieee80211LlcOffset(d)) // a data frame's body
            walk.llc(llc);
        break;
    default:
        break;
    }

    const char* transport = nullptr;
    uint32_t payload = 0; // bytes above the transport header
    if ((d.net == NetLayer::IPv4 || d.net == NetLayer::IPv6) && walk.ownIps > 0 && walk.nextIp == walk.ownIps) {
        switch (d.transport) {
        case TransportLayer::Tcp:
            transport = "tcp";
            payload = d.tcpHeaderValid ? d.tcpPayloadLen : 0;
            break;
        case TransportLayer::Udp:
            transport = "udp";
            payload = d.ipPayloadLen > 8 ? d.ipPayloadLen - 8 : 0;
            break;
        case TransportLayer::Icmp: transport = "icmp"; break;
        case TransportLayer::Icmpv6: transport = "icmpv6"; break;
        default: break;
        }
    }
    if (transport)
        out.push_back(transport);

    // Decoding stopped in GTP's header: a layer for each GTPv2 message tshark's tree shows
    // (frameProtocols names GTP before, which hands them on), or GTP's and T-PDU data that is not IP.
    if (transport && d.transport == TransportLayer::Udp && d.stopName && d.stopOffset != DecodedPacket::kNoOffset && d.stopOffset >= 8
        && (!std::strcmp(d.stopName, "GTP") || !std::strcmp(d.stopName, "GTPv2"))) {
        if (!std::strcmp(d.stopName, "GTPv2")) {
            for (int i = gtpv2MessageItems(d); i > 0; --i)
                out.push_back("gtpv2");
            return;
        }
        // Its tree item: GTP' for protocol type 0 (frameProtocols names the port's dissector).
        out.push_back(d.stopOffset < d.frame.size() && !(d.frame[d.stopOffset] & 0x10) ? "gtpprime" : "gtp");
        if (d.gtpData)
            out.push_back("gtp.tpdu_data");
        return;
    }

    // The application: the Protocol column's names ("SIP/SDP": sip, then sdp).
    std::string_view column = summary.protocol;
    const bool plain = column.empty() || (transport && sameName(column, transport)) || column == "MPTCP" || column == "IPv4"
        || column == "IPv6" || column == "ARP" || column == "802.11" || column.starts_with("GTP <") || column == "ICMP"
        || column == "ICMPv6";
    if (column.starts_with("HTTP/"))
        column = "HTTP"; // the media type's layer is the body's, below

    if (column.starts_with("0x")) {
        out.push_back("data"); // a type no dissector takes: its bytes are data
        return;
    }
    if (column == "CIP I/O") {
        out.push_back("enip"); // EtherNet/IP carries the implicit CIP messages
        return;
    }
    const bool stunTcp = d.transport == TransportLayer::Tcp && transport && d.tcpPortsValid
        && (TcpView{d.at(d.transportOffset)}.srcPort() == kStunPort || TcpView{d.at(d.transportOffset)}.dstPort() == kStunPort);
    const bool amqpTcp = d.transport == TransportLayer::Tcp && transport && d.tcpPortsValid && column.starts_with("AMQP")
        && (TcpView{d.at(d.transportOffset)}.srcPort() == kAmqpPort || TcpView{d.at(d.transportOffset)}.dstPort() == kAmqpPort);
    const bool smbTcp = d.transport == TransportLayer::Tcp && transport && d.tcpPortsValid && (column == "SMB2" || column == "SMB" || column == "NBSS")
        && isSmbPort(TcpView{d.at(d.transportOffset)}.srcPort(), TcpView{d.at(d.transportOffset)}.dstPort());
    const bool tpktTcp = d.transport == TransportLayer::Tcp && transport && d.tcpPortsValid && (summary.pduLayers.starts_with("tpkt") || summary.pduLayers.starts_with("rdp"))
        && isRdpPort(TcpView{d.at(d.transportOffset)}.srcPort(), TcpView{d.at(d.transportOffset)}.dstPort());
    if (d.transport == TransportLayer::Tcp && transport && d.tcpPortsValid && (column.starts_with("XMPP") || column == "TCP")
        && (TcpView{d.at(d.transportOffset)}.srcPort() == kXmppPort || TcpView{d.at(d.transportOffset)}.dstPort() == kXmppPort)) {
        // XMPP hides the XML reader's tree; the bytes it waits on for a '>' are no data; its read
        // of a cut segment's last byte stops it before it names anything (addShortItem).
        if (handedOn && column.starts_with("XMPP")) {
            out.push_back("xmpp");
            if (summary.info == kUnreassembled)
                out.push_back("_ws.unreassembled");
            else if (summary.info == kMalformed)
                out.push_back("_ws.malformed");
        }
        return;
    }
    // Layers a summary listed itself, one per line.
    const auto pduLayers = [&] {
        for (size_t at = 0; at < summary.pduLayers.size();) {
            const size_t end = summary.pduLayers.find('\n', at);
            out.push_back(intern(summary.pduLayers.substr(at, end - at)));
            at = end == std::string::npos ? end : end + 1;
        }
    };
    if (d.transport == TransportLayer::Udp && transport && !summary.pduLayers.empty()) {
        pduLayers(); // an RTP stream SDP announced: its layers as sdpDatagram() gave them
        return;
    }
    // STUN frames the stream: each message it takes is a layer, the rest no data; AMQP: each
    // frame; NBSS: each message, with SMB2's commands; TPKT: each PDU; MySQL, DRDA: each packet.
    // MySQL and DRDA: each packet or DSS whose length was read; PPTP stopped before its tree; a
    // TCP row whose dissector cleared Info and asked for more (SSH): its tree.
    const bool pduTcp = d.transport == TransportLayer::Tcp && transport
        && ((column == "MySQL" && summary.pduLayers.starts_with("mysql\n")) || (column == "DRDA" && summary.pduLayers.starts_with("drda\n"))
            || (column == "PPTP" && !summary.pduLayers.empty()) || (column == "TCP" && summary.replacesTcpInfo && !summary.pduLayers.empty())
            || (column == "TCP" && summary.pduNote == PduNote::SegmentThenRest));
    if (stunTcp || amqpTcp || smbTcp || tpktTcp || pduTcp) {
        if (handedOn && summary.continuationTo == 0)
            pduLayers();
        return;
    }
    if (!plain) {
        // A body whose dissector names the row (OCSP, PKIX-CRL, DoH, MP4) sits inside HTTP's tree.
        const bool bodyNamed = d.transport == TransportLayer::Tcp && summary.httpBodyLayer && !column.starts_with("HTTP");
        const std::string_view named = bodyNamed ? std::string_view("HTTP") : column;
        const char* repeated = nullptr;
        for (size_t at = 0; at <= named.size();) {
            const size_t slash = named.find('/', at);
            const std::string_view part = named.substr(at, slash == std::string_view::npos ? std::string_view::npos : slash - at);
            // A layer the walk already named (pppoed, arp, pppoes) is not named again.
            const char* layer = filterNameOf(part);
            if (!part.empty() && std::none_of(out.begin(), out.end(), [&](const char* o) { return std::strcmp(o, layer) == 0; }))
                out.push_back(layer);
            if (!repeated && !part.empty())
                repeated = layer; // a second message of the segment is the protocol's, not its body's
            if (slash == std::string_view::npos)
                break;
            at = slash + 1;
        }
        if (!repeated)
            repeated = out.back();
        const bool bodyTaken = named.starts_with("HTTP") && d.transport == TransportLayer::Tcp && summary.httpBodyLayer;
        if (bodyTaken) {
            // As the body's dissector took it (XML and OCSP named it already), before the messages
            // that follow it.
            const char* body = httpBodyLayerName(summary.httpBodyLayer);
            if (*body && std::strcmp(out.back(), body) != 0)
                out.push_back(body);
            if (summary.httpBodyChild)
                out.push_back(httpBodyLayerName(summary.httpBodyChild));
        }
        for (uint8_t k = 0; k < summary.repeats; ++k)
            out.push_back(repeated);
        if (column == "STUN" && summary.info == "ChannelData TURN Message" && payload > 4)
            out.push_back("data"); // the channel's bytes (a DATA attribute's add no layer in tshark 4.0)
        if (!bodyTaken && column.starts_with("HTTP") && d.transport == TransportLayer::Tcp && !httpHead.empty()) {
            if (const char* media = httpMediaLayer(httpHead, true))
                out.push_back(media);
        } else if (!bodyTaken && column.starts_with("HTTP") && d.transport == TransportLayer::Tcp && handedOn && summary.info != "Continuation") {
            // A continuation's bytes are the body of an earlier message: no headers to read (tshark's
            // HTTP reads them only in a segment that starts a message).
            const uint32_t start = d.transportOffset + d.tcpHeaderLen;
            if (start < cap)
                if (const char* media = httpMediaLayer(std::string_view(reinterpret_cast<const char*>(d.at(start)), cap - start)))
                    out.push_back(media);
        }
        if ((column.starts_with("HTTP") || column.starts_with("SIP")) && summary.info.ends_with(kUnreassembled))
            out.push_back("_ws.unreassembled"); // a header line read past the segment's end
        else if (column.starts_with("HTTP") && summary.httpReadPast && summary.info.ends_with(kMalformed))
            out.push_back("_ws.malformed"); // (with reassembly on)
        return;
    }
    // Bytes no dissector claimed: tshark's "data".
    const bool tcp = d.transport == TransportLayer::Tcp && transport, udp = d.transport == TransportLayer::Udp && transport;
    // A reset's bytes are its cause, inside TCP; a segment that continues an application
    // message goes to that protocol, which adds no item for the middle of a message.
    const bool reset = tcp && d.tcpHeaderValid && (TcpView{d.at(d.transportOffset)}.flags() & TcpRst);
    // On HTTP's ports HTTP takes what it cannot read as a message and adds nothing: no data.
    const TcpView tcpView{d.at(d.transportOffset)};
    const bool httpPort = tcp && d.tcpPortsValid && isHttpPort(tcpView.srcPort(), tcpView.dstPort());
    // SIP's port: what no message starts is a continuation, but for blank lines (keep-alives), which
    // SIP takes and adds nothing for.
    const bool sipPort = tcp && d.tcpPortsValid && (tcpView.srcPort() == kSipPort || tcpView.dstPort() == kSipPort);
    if (tcp && payload && handedOn && !reset && summary.continuationTo == 0 && !httpPort && !sipPort)
        out.push_back("data");
    else if (udp && payload
             && !(d.transportCaptured > 8 ? udpHeuristicsReadPastCapture(d.at(d.transportOffset + 8), d.transportCaptured - 8, payload)
                                          : payload >= 4))
        out.push_back("data"); // (a heuristic dissector's read past the captured bytes ended it before data)
}

void ProtocolHierarchy::merge(const ProtocolHierarchy& later)
{
    // `later`'s nodes were made in the order its frames first reached them, parents first, and
    // all its frames follow ours: taking them in that order keeps every node's children in
    // first-seen order, as one pass over all the frames would.
    std::vector<int32_t> at(later.nodes.size(), 0);
    for (size_t j = 1; j < later.nodes.size(); ++j) {
        const PhsNode& n = later.nodes[j];
        const int32_t parent = at[size_t(n.parent)];
        int32_t mine = -1;
        for (int32_t c : nodes[size_t(parent)].children)
            if (nodes[size_t(c)].name == n.name) {
                mine = c;
                break;
            }
        if (mine < 0) {
            mine = int32_t(nodes.size());
            PhsNode copy;
            copy.name = n.name;
            copy.parent = parent;
            nodes.push_back(std::move(copy));
            nodes[size_t(parent)].children.push_back(mine);
        }
        PhsNode& m = nodes[size_t(mine)];
        m.frames += n.frames;
        m.bytes += n.bytes;
        m.endFrames += n.endFrames;
        m.endBytes += n.endBytes;
        at[j] = mine;
    }
    nodes[0].endFrames += later.nodes[0].endFrames;
    nodes[0].endBytes += later.nodes[0].endBytes;
    if (later.frames && later.lastNs >= later.firstNs) {
        const bool none = !frames || lastNs < firstNs;
        firstNs = none ? later.firstNs : std::min(firstNs, later.firstNs);
        lastNs = none ? later.lastNs : std::max(lastNs, later.lastNs);
    }
    frames += later.frames;
    bytes += later.bytes;
    nodes[0].frames = frames;
    nodes[0].bytes = bytes;
    complete = complete && later.complete;
}

namespace {

// A segment the snapshot length cut, read past its captured bytes by the protocol that named
// it (or by TCP's heuristic dissectors): tshark's tree ends in the exception's item, where the
// data would have been. (Summaries that list their layers add it themselves.)
void addShortItem(const DecodedPacket& d, const ProtocolSummary& s, std::vector<const char*>& layers)
{
    if (!s.pduLayers.empty() || layers.empty() || std::string_view(layers.back()).starts_with("_ws."))
        return;
    // TCP's own options, cut, end its reading as well.
    const bool optionsCut = d.tcpHeaderValid && size_t(d.transportOffset) + d.tcpHeaderLen > d.frame.size()
        && std::strcmp(layers.back(), "tcp") == 0;
    if (!s.info.ends_with(kSizeLimited) && !optionsCut)
        return;
    if (std::strcmp(layers.back(), "data") == 0)
        layers.pop_back();
    layers.push_back("_ws.short");
}

// The first bytes (its first segment's) of a message reassembly put together, for its headers.
std::string pduHead(const AnalysedCapture& capture, const TcpPdu& pdu)
{
    const DecodedPacket d = capture.decode(pdu.firstFrame);
    const TcpPacketAnalysis a = capture.tcpAnalysis(pdu.firstFrame, d);
    const uint32_t start = d.transportOffset + d.tcpHeaderLen, skip = pdu.startSeq - a.seq;
    if (!a.valid || skip >= d.tcpPayloadLen || start + d.tcpPayloadLen > d.frame.size())
        return {};
    return std::string(reinterpret_cast<const char*>(d.at(start + skip)), d.tcpPayloadLen - skip);
}

// Frame `i`'s layers with TCP reassembly on (a TCP frame of an analysis with the protocols).
void desegmentedLayers(const AnalysedCapture& capture, const ConversationProtocols& protocols, size_t i, const PacketRecord& rec,
                       const DecodedPacket& d, const TcpPacketAnalysis& a, std::vector<const char*>& layers)
{
    const ProtocolSummary s = summarizeFrameView(uint32_t(i), d, rec, &a, &protocols, true);
    const DesegmentedView& view = protocols.view();
    const ProtocolSummary* shown = view.shownAt(uint32_t(i));
    // A segment inside a message, or data reassembled before, is TCP's alone ("TCP segment data").
    const bool inside = s.pduNote == PduNote::Segment || s.pduNote == PduNote::SegmentAfterLine || view.oldData(uint32_t(i));
    std::string head;
    bool reassembled = false;
    if (shown)
        for (const TcpPdu* pdu : view.reassembly().pdusEndingAt(uint32_t(i)))
            if (pdu->firstFrame != uint32_t(i)) {
                if (!reassembled)
                    head = pduHead(capture, *pdu);
                reassembled = true;
            }
    frameProtocolLayers(d, s, !inside && !(a.flags & TcpNotHandedOnReassembled), layers, head);
    // An out-of-order segment that ends a waiting message: TCP shows the reassembly, no one reads it.
    if ((a.flags & TcpOutOfOrder) && view.endsWaitingPdu(uint32_t(i), d, a))
        layers.push_back("tcp.segments");
    addShortItem(d, s, layers);
    if (s.pduNote == PduNote::OverlapError || s.pduNote == PduNote::PastLimitsError)
        layers.push_back("_ws.malformed");
    else if (reassembled && d.tcpPayloadLen > 0 && s.repeatsAfterPdu) {
        // HTTP's or SIP's messages after the reassembled one: the item comes after its layers (and
        // media), before the next message's.
        size_t after = 0;
        while (after < layers.size() && std::strcmp(layers[after], "tcp") != 0)
            ++after;
        const char* app = after + 1 < layers.size() ? layers[after + 1] : "http";
        after += 2;
        while (after < layers.size() && std::strcmp(layers[after], app) != 0)
            ++after;
        layers.insert(layers.begin() + std::ptrdiff_t(std::min(after, layers.size())), "tcp.segments");
    } else if (reassembled && d.tcpPayloadLen > 0 && s.pduLayers.find('\n') + 1 < s.pduLayers.size() && !s.pduLayers.starts_with("nbss\n")
             && !s.pduLayers.starts_with("tpkt\n")) {
        // Messages follow the reassembled one (STUN over TCP): the item comes after its layers.
        size_t after = 0;
        while (after < layers.size() && std::strcmp(layers[after], "tcp") != 0)
            ++after;
        after += s.pduLayers.starts_with("stun\ndata\n") ? 3 : 2;
        layers.insert(layers.begin() + std::ptrdiff_t(std::min(after, layers.size())), "tcp.segments");
    } else if (reassembled && d.tcpPayloadLen > 0)
        layers.push_back("tcp.segments"); // tshark's "[N Reassembled TCP Segments]", walked after the message
    else if (reassembled) // completed by a FIN: tshark adds the item before handing the message on
        for (size_t k = 0; k < layers.size(); ++k)
            if (std::strcmp(layers[k], "tcp") == 0) {
                layers.insert(layers.begin() + std::ptrdiff_t(k + 1), "tcp.segments");
                break;
            }
}

// Whether the TCP payload opens as a header line: printable ASCII up to a colon. tshark's HTTP
// then takes a continuation for header lines and shows them as text (warning of illegal
// characters in a name where it must); otherwise, mostly, as data.
bool headerLike(const DecodedPacket& d)
{
    const uint32_t at = d.transportOffset + d.tcpHeaderLen;
    const size_t end = std::min<size_t>(d.frame.size(), size_t(at) + d.tcpPayloadLen);
    for (size_t k = at; k < end; ++k) {
        const uint8_t c = d.frame[k];
        if (c == ':')
            return true;
        if (c < 0x20 || c >= 0x7f)
            return false;
    }
    return false;
}

// Frame i's layers as the hierarchy counts them (`protocols`: as with TCP reassembly on). True
// when they end in an HTTP body continuation, whose bytes tshark's HTTP tree shows as data.
bool layersOfFrame(const AnalysedCapture& capture, const ConversationProtocols* protocols, size_t i, const DecodedPacket& d,
                   std::vector<const char*>& layers)
{
    const PacketRecord& rec = capture.index()[i];
    if (d.customBlock) { // not a packet: its data, with no link layer above it
        layers.clear();
        if (!d.frame.empty())
            layers.push_back("data");
        return false;
    }
    const TcpPacketAnalysis a = capture.tcpAnalysis(i, d);
    const bool tcp = a.valid && d.transport == TransportLayer::Tcp;
    bool continuation = false;
    if (protocols && tcp && d.tcpHeaderValid) {
        desegmentedLayers(capture, *protocols, i, rec, d, a, layers);
    } else {
        const ProtocolSummary s = summarizeFrame(d, rec, a.valid ? &a : nullptr, capture.protocols());
        frameProtocolLayers(d, s, !tcp || !(a.flags & TcpNotHandedOn), layers);
        addShortItem(d, s, layers);
        continuation = s.info == "Continuation" && !layers.empty() && std::strcmp(layers.back(), "http") == 0 && !headerLike(d);
    }
    // A pcapng packet comment is a tree item of its own, before the link layer.
    if (((rec.flags & RecordHasOptions) || !capture.file().commentEdits().empty()) && !capture.file().packetComments(i).empty())
        layers.insert(layers.begin(), "pkt_comment");
    return continuation;
}

// The frames [begin, end) counted alone.
ProtocolHierarchy countFrames(const AnalysedCapture& capture, size_t begin, size_t end, const std::vector<uint8_t>* shown,
                              WorkControl* control, bool desegment)
{
    const ConversationProtocols* protocols = desegment ? capture.protocols() : nullptr;
    ProtocolHierarchy phs;
    phs.lastNs = -1; // no time seen yet (lastNs < firstNs)
    const PacketIndex& index = capture.index();
    std::vector<const char*> layers;
    bool first = true;
    for (size_t i = begin; i < end; ++i) {
        if (WorkControl::stopAt(control, i - begin)) {
            phs.complete = false;
            break;
        }
        if (shown && (i >= shown->size() || !(*shown)[i]))
            continue;
        if (((i - begin) & 7) == 0)
            for (size_t k = i + CaptureFile::kPrefetchAhead; k < std::min(end, i + CaptureFile::kPrefetchAhead + 8); ++k)
                capture.file().prefetchPacket(k);
        const PacketRecord& rec = index[i];
        layersOfFrame(capture, protocols, i, capture.decode(i), layers);
        // Dropbox's discovery JSON is in frame.protocols, but tshark's hierarchy does not count it.
        if (layers.size() >= 2 && std::strcmp(layers.back(), "json") == 0 && std::strcmp(layers[layers.size() - 2], "db-lsp-disc") == 0)
            layers.pop_back();
        phs.add(layers, rec.origLen);
        if (!(rec.flags & RecordNoTimestamp)) {
            if (first)
                phs.firstNs = phs.lastNs = rec.tsNs;
            phs.firstNs = std::min(phs.firstNs, rec.tsNs);
            phs.lastNs = std::max(phs.lastNs, rec.tsNs);
            first = false;
        }
    }
    if (phs.complete)
        WorkControl::finished(control, end - begin);
    return phs;
}


// The extension headers after IPv6 header `h`, by the names tshark lists them under.
void appendIpv6Extensions(const DecodedPacket& d, const DecodedPacket::IpHeader& h, std::string& out)
{
    if (!h.src || h.src < 8)
        return;
    const size_t cap = d.frame.size();
    const uint32_t start = h.src - 8;
    uint8_t next = d.frame[start + 6];
    uint32_t off = start + 40;
    for (int guard = 0; guard < 8 && off + 2 <= cap; ++guard) {
        const char* name = next == 0 ? "ipv6.hopopts" : next == 43 ? "ipv6.routing" : next == 44 ? "ipv6.fraghdr"
            : next == 60 ? "ipv6.dstopts" : next == 51 ? "ah" : nullptr;
        if (!name)
            return;
        out += ':';
        out += name;
        const uint32_t length = next == 44 ? 8 : next == 51 ? (uint32_t(d.frame[off + 1]) + 2) * 4 : (uint32_t(d.frame[off + 1]) + 1) * 8;
        if (next == 44 && off + 4 <= cap && (loadBe16(d.at(off + 2)) & 0xfff8) != 0)
            return; // a later fragment: what follows is not a header
        next = d.frame[off];
        off += length;
    }
}

// What ICMP and ICMPv6 carry, nested in their tree: an echo's data, or the header an error quotes.
void appendIcmpContents(const DecodedPacket& d, bool v6, std::string& out)
{
    const size_t cap = d.frame.size();
    const uint32_t at = d.transportOffset;
    if (at + 8 > cap)
        return;
    const uint8_t type = d.frame[at];
    const bool echo = v6 ? (type == 128 || type == 129) : (type == 0 || type == 8);
    const bool error = v6 ? (type >= 1 && type <= 4) : (type == 3 || type == 4 || type == 5 || type == 11 || type == 12);
    if (echo && at + 8 < cap) {
        out += ":data";
    } else if (error && at + 8 < cap) {
        out += v6 ? ":ipv6" : ":ip";
        if (d.quotedProto == 6)
            out += ":tcp";
        else if (d.quotedProto == 17)
            out += ":udp";
    }
}

} // namespace

// The type of the IGMP message after the `ips`-th IP header, or -1 when that is not IGMP.
static int igmpType(const DecodedPacket& d, int ips)
{
    if (ips <= 0 || d.ipHeaders[ips - 1].v6 || d.ipHeaders[ips - 1].src < 12)
        return -1;
    const uint32_t start = d.ipHeaders[ips - 1].src - 12;
    const uint32_t at = start + uint32_t(d.frame[start] & 0x0f) * 4;
    return d.frame[start + 9] == 2 && at < d.frame.size() ? d.frame[at] : -1;
}

// The IGMP types tshark hands to a version's dissector (queries, reports, leaves, mtrace).
static bool versionedIgmp(int type)
{
    return type == 0x11 || type == 0x12 || type == 0x16 || type == 0x17 || type == 0x22 || type == 0x1e || type == 0x1f;
}

std::string frameProtocols(const AnalysedCapture& capture, size_t frame, const DecodedPacket& d, bool desegment)
{
    std::vector<const char*> layers;
    const bool continuation = layersOfFrame(capture, desegment ? capture.protocols() : nullptr, frame, d, layers);
    std::string out;
    int ipSeen = 0;
    // The GTP layer decoding stopped in is named by its port's dissector here (gtpprime on 3386),
    // by its tree item (GTP' for protocol type 0) in the hierarchy.
    size_t stoppedGtp = layers.size();
    if (d.stopName && !std::strcmp(d.stopName, "GTP"))
        for (size_t k = 0; k < layers.size(); ++k)
            if (!std::strcmp(layers[k], "gtp") || !std::strcmp(layers[k], "gtpprime"))
                stoppedGtp = k;
    for (size_t k = 0; k < layers.size(); ++k) {
        std::string_view name = layers[k];
        if (k == stoppedGtp && d.stopOffset >= 8 && d.stopOffset != DecodedPacket::kNoOffset) {
            const uint16_t sp = loadBe16(d.at(d.stopOffset - 8)), dp = loadBe16(d.at(d.stopOffset - 6));
            name = sp == 3386 || dp == 3386 ? "gtpprime" : "gtp";
        }
        // Tree items the hierarchy counts that are not protocols of the frame; a label stack is
        // one MPLS layer in tshark's list, nested per label in its hierarchy; MySQL's packets and
        // DRDA's DSSs are read by TCP's PDU loop, not handed on, so the list names them once.
        if (name == "pkt_comment" || name == "tcp.segments" || name == "_ws.malformed" || name == "_ws.short"
            || name == "_ws.unreassembled" || name == "gtp.tpdu_data"
            || ((name == "mpls" || name == "gtpv2" || name == "mysql" || name == "drda") && k > 0 && name == layers[k - 1]))
            continue;
        if (!out.empty())
            out += ':';
        // IGMP hands each message it knows to its version's dissector, a protocol of its own in
        // the list (PIM version 1 too, which IP protocol 2 carries).
        if (name == "rgmp" || name == "dvmrp" || name == "mrdisc" || name == "msnip" || (name == "pim" && igmpType(d, ipSeen) >= 0)
            || (name == "igmp" && versionedIgmp(igmpType(d, ipSeen))))
            out += "igmp:";
        if (name == "gtpv2" && (k == 0 || std::string_view(layers[k - 1]) != "gtp"))
            out += "gtp:"; // GTP reads the version, then hands the datagram to GTPv2
        out += name;
        // These hand what they carry on through the EtherType table, itself a protocol in
        // tshark's list; an 802.3 length (LLC follows) does not.
        const bool byType = name == "eth" || name == "vlan" || name == "ieee8021ad" || name == "ieee8021ah" || name == "sll";
        if (byType && k + 1 < layers.size() && std::string_view(layers[k + 1]) != "llc")
            out += ":ethertype";
        // The list also names what the hierarchy leaves inside a layer's own tree.
        if ((name == "ip" || name == "ipv6") && ipSeen < d.ipCount) {
            const DecodedPacket::IpHeader& h = d.ipHeaders[ipSeen++];
            if (h.v6)
                appendIpv6Extensions(d, h, out);
        } else if (name == "icmp" || name == "icmpv6") {
            appendIcmpContents(d, name == "icmpv6", out);
        } else if (name == "tcp" && d.transport == TransportLayer::Tcp && d.tcpHeaderValid) {
            bool mptcp = false;
            forEachTcpOption(d, [&](uint8_t kind, uint32_t, uint32_t) { mptcp = mptcp || kind == 30; });
            if (mptcp)
                out += ":mptcp";
        }
    }
    // A fragment not put together here, and a continuation of a body: their bytes are data.
    const std::string_view last = layers.empty() ? std::string_view() : std::string_view(layers.back());
    if (continuation || (d.ipFragment && !d.reassembled && (last == "ip" || last == "ipv6")))
        out += ":data";
    return out;
}

ProtocolHierarchy computeProtocolHierarchy(const AnalysedCapture& capture, const std::vector<uint8_t>* shown,
                                           WorkControl* control, bool desegment)
{
    const size_t n = std::min(capture.index().size(), capture.packetCount());
    if (control)
        control->setTotal(n);
    // Each frame's layers depend on that frame and the first pass alone, so every core counts
    // an equal run of frames, and the runs are merged in order (tshark takes one core).
    const size_t threads = n < (1u << 14) ? 1 : std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    std::vector<ProtocolHierarchy> parts(threads);
    std::vector<std::thread> helpers;
    for (size_t t = 1; t < threads; ++t)
        helpers.emplace_back(
            [&, t] { parts[t] = countFrames(capture, n * t / threads, n * (t + 1) / threads, shown, control, desegment); });
    parts[0] = countFrames(capture, 0, n / threads, shown, control, desegment);
    for (std::thread& h : helpers)
        h.join();
    ProtocolHierarchy phs = std::move(parts[0]);
    for (size_t t = 1; t < threads; ++t)
        phs.merge(parts[t]);
    if (phs.lastNs < phs.firstNs)
        phs.firstNs = phs.lastNs = 0;
    return phs;
}

namespace {
void appendNode(std::string& out, const ProtocolHierarchy& phs, int32_t node, int depth)
{
    const PhsNode& n = phs.nodes[size_t(node)];
    std::string name(size_t(depth) * 2, ' ');
    name += n.name;
    char line[160];
    std::snprintf(line, sizeof line, "%-40s frames:%llu bytes:%llu\n", name.c_str(), static_cast<unsigned long long>(n.frames),
                  static_cast<unsigned long long>(n.bytes));
    out += line;
    for (int32_t c : n.children)
        appendNode(out, phs, c, depth + 1);
}
} // namespace

void appendPhsText(std::string& out, const ProtocolHierarchy& phs, const std::string& filter)
{
    out += "\n===================================================================\n";
    out += "Protocol Hierarchy Statistics\n";
    out += "Filter: " + filter + "\n\n";
    for (int32_t c : phs.nodes[0].children)
        appendNode(out, phs, c, 0);
    out += "===================================================================\n";
}

} // namespace synflow
