#include "proto/icmpsummary.h"
#include "proto/snmpinfo.h"
#include "output/exceptiontext.h"

#include <algorithm>

#include "output/textformat.h"

#include <cstdio>

namespace synflow {

const char* icmpType(uint8_t t)
{
    switch (t) {
    case 0: return "Echo (ping) reply";
    case 3: return "Destination unreachable";
    case 4: return "Source quench (flow control)";
    case 5: return "Redirect";
    case 8: return "Echo (ping) request";
    case 9: return "Router advertisement";
    case 10: return "Router solicitation";
    case 11: return "Time-to-live exceeded";
    case 12: return "Parameter problem";
    case 13: return "Timestamp request";
    case 14: return "Timestamp reply";
    case 15: return "Information request";
    case 16: return "Information reply";
    case 17: return "Address mask request";
    case 18: return "Address mask reply";
    case 42: return "Extended Echo request";
    case 43: return "Extended Echo reply";
    default: return nullptr;
    }
}

const char* icmpCode(uint8_t t, uint8_t c)
{
    static const char* const unreachable[] = {"Network unreachable", "Host unreachable", "Protocol unreachable",
                                              "Port unreachable", "Fragmentation needed", "Source route failed",
                                              "Destination network unknown", "Destination host unknown",
                                              "Source host isolated", "Network administratively prohibited",
                                              "Host administratively prohibited", "Network unreachable for TOS",
                                              "Host unreachable for TOS", "Communication administratively filtered",
                                              "Host precedence violation", "Precedence cutoff in effect"};
    static const char* const redirect[] = {"Redirect for network", "Redirect for host", "Redirect for TOS and network",
                                           "Redirect for TOS and host"};
    static const char* const exceeded[] = {"Time to live exceeded in transit", "Fragment reassembly time exceeded"};
    static const char* const parameter[] = {"Pointer indicates the error", "Required option missing", "Bad length"};
    switch (t) {
    case 3: return c < std::size(unreachable) ? unreachable[c] : "Unknown code";
    case 5: return c < std::size(redirect) ? redirect[c] : "Unknown code";
    case 11: return c < std::size(exceeded) ? exceeded[c] : "Unknown code";
    case 12: return c < std::size(parameter) ? parameter[c] : "Unknown code";
    case 42:
    case 43: { // RFC 8335's
        static const char* const extended[] = {"No error", "Malformed Query", "No Such Interface", "No Such Table Entry",
                                               "Multiple Interfaces Satisfy Query"};
        static const char* const unknownCode[] = {"Unknown code: 0", "Unknown code: 1", "Unknown code: 2", "Unknown code: 3",
                                                  "Unknown code: 4", "Unknown code: 5", "Unknown code: 6", "Unknown code: 7"};
        if (c == 0 || (t == 43 && c < std::size(extended)))
            return extended[c];
        return c < std::size(unknownCode) ? unknownCode[c] : "Unknown code";
    }
    default: return nullptr;
    }
}

const char* icmpv6Type(uint8_t t)
{
    switch (t) {
    case 1: return "Destination Unreachable";
    case 2: return "Packet Too Big";
    case 3: return "Time Exceeded";
    case 4: return "Parameter Problem";
    case 128: return "Echo (ping) request";
    case 129: return "Echo (ping) reply";
    case 130: return "Multicast Listener Query";
    case 131: return "Multicast Listener Report";
    case 132: return "Multicast Listener Done";
    case 133: return "Router Solicitation";
    case 134: return "Router Advertisement";
    case 135: return "Neighbor Solicitation";
    case 136: return "Neighbor Advertisement";
    case 137: return "Redirect";
    case 143: return "Multicast Listener Report Message v2";
    case 100:
    case 101:
    case 200:
    case 201: return "Private experimentation";
    default: return nullptr;
    }
}

const char* icmpv6Code(uint8_t t, uint8_t c)
{
    // tshark 4.0's words and capitals, each table its own.
    static const char* const unreachable[] = {"no route to destination", "Administratively prohibited",
                                              "Beyond scope of source address", "Address unreachable", "Port unreachable",
                                              "Source address failed ingress/egress policy", "Reject route to destination",
                                              "Error in Source Routing Header"};
    static const char* const exceeded[] = {"hop limit exceeded in transit", "fragment reassembly time exceeded"};
    static const char* const parameter[] = {"erroneous header field encountered", "unrecognized Next Header type encountered",
                                            "unrecognized IPv6 option encountered", "IPv6 First Fragment has incomplete IPv6 Header Chain"};
    static const char* const unknown[] = {"Unknown (0)", "Unknown (1)", "Unknown (2)", "Unknown (3)", "Unknown (4)", "Unknown (5)",
                                          "Unknown (6)", "Unknown (7)", "Unknown (8)", "Unknown (9)"};
    const auto unknownCode = [&]() { return c < std::size(unknown) ? unknown[c] : "Unknown"; };
    switch (t) {
    case 1: return c < std::size(unreachable) ? unreachable[c] : "Unknown";
    case 3: return c < std::size(exceeded) ? exceeded[c] : unknownCode();
    case 4: return c < std::size(parameter) ? parameter[c] : unknownCode();
    default: return nullptr;
    }
}

namespace {

// The link-layer address option of `type` (1 source, 2 target) among the options from `pos`.
const uint8_t* ndpLinkAddress(const DecodedPacket& d, uint32_t pos, uint8_t type)
{
    const uint32_t end = uint32_t(d.frame.size());
    while (pos + 8 <= end) {
        const uint32_t len = d.frame[pos + 1] * 8u;
        if (len == 0 || pos + len > end)
            return nullptr;
        if (d.frame[pos] == type)
            return d.at(pos + 2);
        pos += len;
    }
    return nullptr;
}

// tshark's exception when a read of `need` bytes ends past the captured ones: the capture's,
// when the message goes on that far, else the message's own (malformed).
const char* stopped(uint32_t need, uint32_t reported)
{
    return need <= reported ? kSizeLimited : kMalformed;
}

// `reported`: the message's length by its IP header, `n` bytes of it captured. Cut, the row
// shows what tshark wrote before its read ran out: the type's name at once, the code once read.
std::string icmpv6Info(const DecodedPacket& d, const uint8_t* p, uint32_t n, uint32_t reported)
{
    const uint8_t type = p[0], code = n >= 2 ? p[1] : 0;
    const char* name = icmpv6Type(type);
    std::string info = name ? name : "Unknown (" + std::to_string(type) + ")";
    if (n < 2)
        return info + kSizeLimited;
    if (const char* c = icmpv6Code(type, code))
        info += std::string(" (") + c + ")";
    if (n < 4) // the checksum
        return info + stopped(4, reported);
    // The messages whose header goes on for 4 bytes (errors, echoes, neighbour discovery).
    const bool fixed = (type >= 1 && type <= 4) || (type >= 128 && type <= 137) || type == 143;
    if (fixed && n < 8)
        return info + stopped(8, reported);
    if (type >= 1 && type <= 4 && n < reported && (n == 8 || (p[8] >> 4) == 6))
        return info + kSizeLimited; // the packet it quotes, cut
    if (type >= 1 && type <= 4 && n == 8 && reported == 8)
        return info + kMalformed; // quotes nothing
    if ((type == 135 || type == 136 || type == 137) && n < 24) // the target address
        return info + stopped(24, reported);
    if (type == 137 && n < 40) // and the redirect's destination
        return info + stopped(40, reported);
    if ((type == 100 || type == 101 || type == 200 || type == 201) && n < 5)
        return info + stopped(5, reported);
    const uint32_t off = d.transportOffset;
    char buf[96];
    switch (type) {
    case 128:
    case 129:
        if (isTeredoTest(d))
            info = "Direct IPv6 Connectivity Test";
        if (n >= 8) {
            std::snprintf(buf, sizeof buf, " id=0x%04x, seq=%u, hop limit=%u", loadBe16(p + 4), loadBe16(p + 6),
                          Ipv6View{d.at(d.netOffset)}.hopLimit());
            info += buf;
        }
        break;
    case 133:
    case 134:
        if (const uint8_t* a = ndpLinkAddress(d, off + (type == 133 ? 8 : 16), 1))
            info += " from " + formatMac(a);
        break;
    case 135:
        if (n >= 24) {
            info += " for " + formatIpv6(p + 8);
            if (const uint8_t* a = ndpLinkAddress(d, off + 24, 1))
                info += " from " + formatMac(a);
        }
        break;
    case 136:
        if (n >= 24) {
            info += " " + formatIpv6(p + 8);
            std::string flags;
            for (auto [bit, word] : {std::pair{0x80, "rtr"}, {0x40, "sol"}, {0x20, "ovr"}})
                if (p[4] & bit)
                    flags += flags.empty() ? word : std::string(", ") + word;
            if (!flags.empty())
                info += " (" + flags + ")";
            if (const uint8_t* a = ndpLinkAddress(d, off + 24, 2))
                info += " is at " + formatMac(a);
        }
        break;
    case 137:
        if (const uint8_t* a = ndpLinkAddress(d, off + 40, 2))
            info += " is at " + formatMac(a);
        break;
    default:
        break;
    }
    return info;
}

bool isEcho(const DecodedPacket& d, bool& request)
{
    if (std::min(d.transportCaptured, d.ipPayloadLen) < 8) // an echo's header, within the message
        return false;
    const uint8_t t = d.frame[d.transportOffset];
    if (d.transport == TransportLayer::Icmp && (t == 8 || t == 0))
        return request = t == 8, true;
    if (d.transport == TransportLayer::Icmpv6 && (t == 128 || t == 129))
        return request = t == 128, true;
    return false;
}

// A reply's checksum turned into its request's, as tshark pairs them: the two messages differ
// only in the type (0x0800 in ICMP's first word, 0x0100 in ICMPv6's), so a reply answers the
// request whose payload it echoes unchanged.
uint16_t requestChecksum(const DecodedPacket& d)
{
    const uint8_t* p = d.at(d.transportOffset);
    const uint16_t sum = uint16_t(~loadBe16(p + 2));
    const bool reply = p[0] == 0 || p[0] == 129;
    if (!reply)
        return uint16_t(~sum);
    uint32_t s = uint32_t(sum) + (d.transport == TransportLayer::Icmpv6 ? 0xfeffu : 0x0800u); // one's complement
    s = (s & 0xffff) + (s >> 16);
    return uint16_t(~s);
}

// Both directions of an exchange alike: the two addresses in order, identifier, sequence and
// the request's checksum.
uint64_t echoKey(const DecodedPacket& d)
{
    const bool v6 = d.net == NetLayer::IPv6;
    const uint32_t len = v6 ? 16 : 4, src = d.netOffset + (v6 ? 8 : 12);
    auto hash = [&](uint32_t off) {
        uint64_t h = 1469598103934665603ull;
        for (uint32_t i = 0; i < len; ++i)
            h = (h ^ d.frame[off + i]) * 1099511628211ull;
        return h;
    };
    const uint64_t a = hash(src), b = hash(src + len);
    const uint64_t ends = a < b ? a * 31 + b : b * 31 + a;
    return (ends * 1099511628211ull) ^ loadBe32(d.at(d.transportOffset + 4)) ^ (uint64_t(requestChecksum(d)) << 32)
         ^ (uint64_t(v6) << 63);
}

} // namespace

bool isTeredoTest(const DecodedPacket& d)
{
    if (d.transport != TransportLayer::Icmpv6 || d.net != NetLayer::IPv6 || d.transportCaptured < 1)
        return false;
    const uint8_t t = d.frame[d.transportOffset];
    const Ipv6View ip{d.at(d.netOffset)};
    const auto teredo = [](const uint8_t* a) { return loadBe32(a) == 0x20010000u; };
    return (t == 128 || t == 129) && (teredo(ip.src()) || teredo(ip.dst()));
}

std::string icmpInfo(const DecodedPacket& d)
{
    // The message ends where IP says it does (padding and trailers after it are not its).
    const uint32_t reported = d.ipPayloadLen, n = std::min(d.transportCaptured, reported);
    if (n == 0)
        return kSizeLimited;
    const uint8_t* p = d.at(d.transportOffset);
    if (d.transport == TransportLayer::Icmpv6)
        return icmpv6Info(d, p, n, reported);
    const uint8_t type = p[0], code = n >= 2 ? p[1] : 0;
    const char* name = icmpType(type);
    // tshark reads the header up to its sixth byte before it writes a known type's name, and the
    // whole 8 bytes of an unknown one before it gives up.
    if (n < (name ? 6u : 8u))
        return stopped(name ? 6 : 8, reported);
    if (!name)
        return "Unknown ICMP (obsolete or malformed?)";
    char buf[160];
    std::snprintf(buf, sizeof buf, "%-20s", name);
    std::string info = buf;
    if (const char* c = icmpCode(type, code))
        info += std::string(" (") + c + ")";
    if (type == 0 || type == 8 || type == 13 || type == 14) {
        if (n < 8)
            return info + stopped(8, reported);
        const uint16_t seq = loadBe16(p + 6);
        std::snprintf(buf, sizeof buf, " id=0x%04x, seq=%u/%u", loadBe16(p + 4), seq, unsigned(uint16_t(seq >> 8 | seq << 8)));
        info += buf;
        if (d.net == NetLayer::IPv4) // ICMP carried by IPv6 has no TTL to show
            info += ", ttl=" + std::to_string(Ipv4View{d.at(d.netOffset)}.ttl());
        if ((type == 13 || type == 14) && n < 20) // the three timestamps, read one by one
            info += stopped(n / 4 * 4 + 4, reported);
    } else if ((type == 42 || type == 43) && n < 8) { // an extended echo's identifier and sequence
        info += stopped(8, reported);
    } else if ((type == 3 || type == 4 || type == 5 || type == 11 || type == 12) && n < reported) {
        // The datagram it quotes, cut: tshark reads its IP header and transport header (a UDP
        // header's 8 bytes, any other to the end); then, but in a redirect, it hands a UDP
        // payload on as the datagram's own would be: DNS reads it all, the heuristics 4 bytes.
        const uint32_t ipEnd = 8 + (n > 8 ? (p[8] & 0x0fu) * 4u : 20u);
        const bool udp = n > 17 && p[17] == 17;
        const uint32_t headerEnd = udp ? ipEnd + 8 : reported;
        bool cut = n < headerEnd;
        if (!cut && type != 5) {
            const uint32_t held = n - headerEnd, promised = reported - headerEnd;
            const auto port = [&](uint16_t x) { return loadBe16(p + ipEnd) == x || loadBe16(p + ipEnd + 2) == x; };
            std::string snmp;
            if (held > 0 && (port(161) || port(162))) { // SNMP reads to the first element it cannot hold
                snmpInfo(p + headerEnd, held, promised, snmp);
                cut = snmp.ends_with(kSizeLimited) || (held < 4 && promised >= 4);
            } else {
                cut = held > 0 && (port(53) || (held < 4 && promised >= 4));
            }
        }
        if (cut)
            info += kSizeLimited;
    }
    return info;
}

void IcmpEchoes::learn(uint32_t frame, const PacketRecord& rec, const DecodedPacket& d)
{
    bool request = false;
    if (!isEcho(d, request) || d.ipFragment)
        return;
    auto& v = echoes_[echoKey(d)];
    if (request) {
        v.push_back(Echo{rec.offset, UINT64_MAX, frame + 1, 0});
        return;
    }
    // A reply answers the latest request of its exchange that has no answer yet.
    for (auto it = v.rbegin(); it != v.rend(); ++it)
        if (it->replyFrame == 0) {
            it->reply = rec.offset;
            it->replyFrame = frame + 1;
            return;
        }
}

std::string IcmpEchoes::pairing(const PacketRecord& rec, const DecodedPacket& d) const
{
    bool request = false;
    if (!isEcho(d, request) || d.ipFragment)
        return {};
    const auto it = echoes_.find(echoKey(d));
    if (it == echoes_.end())
        return request ? " (no response found!)" : "";
    for (const Echo& e : it->second) {
        if (request && e.request == rec.offset)
            return e.replyFrame ? " (reply in " + std::to_string(e.replyFrame) + ")" : " (no response found!)";
        if (!request && e.reply == rec.offset)
            return " (request in " + std::to_string(e.requestFrame) + ")";
    }
    return request ? " (no response found!)" : "";
}

} // namespace synflow
