#include "proto/icmpsummary.h"

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
    default: return nullptr;
    }
}

const char* icmpv6Code(uint8_t t, uint8_t c)
{
    static const char* const unreachable[] = {"no route to destination", "communication with destination administratively prohibited",
                                              "beyond scope of source address", "address unreachable", "port unreachable",
                                              "source address failed ingress/egress policy", "reject route to destination"};
    static const char* const exceeded[] = {"hop limit exceeded in transit", "fragment reassembly time exceeded"};
    static const char* const parameter[] = {"erroneous header field encountered", "unrecognized Next Header type encountered",
                                            "unrecognized IPv6 option encountered"};
    switch (t) {
    case 1: return c < std::size(unreachable) ? unreachable[c] : "Unknown";
    case 3: return c < std::size(exceeded) ? exceeded[c] : "Unknown";
    case 4: return c < std::size(parameter) ? parameter[c] : "Unknown";
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

std::string icmpv6Info(const DecodedPacket& d, const uint8_t* p, uint32_t n)
{
    const uint8_t type = p[0], code = p[1];
    const char* name = icmpv6Type(type);
    std::string info = name ? name : "Unknown (" + std::to_string(type) + ")";
    if (const char* c = icmpv6Code(type, code))
        info += std::string(" (") + c + ")";
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
    if (d.transportCaptured < 8)
        return false;
    const uint8_t t = d.frame[d.transportOffset];
    if (d.transport == TransportLayer::Icmp && (t == 8 || t == 0))
        return request = t == 8, true;
    if (d.transport == TransportLayer::Icmpv6 && (t == 128 || t == 129))
        return request = t == 128, true;
    return false;
}

// Both directions of an exchange alike: the two addresses in order, identifier, sequence.
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
    return (ends * 1099511628211ull) ^ loadBe32(d.at(d.transportOffset + 4)) ^ (uint64_t(v6) << 63);
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
    if (d.transportCaptured < 4)
        return "[Malformed Packet]";
    const uint8_t* p = d.at(d.transportOffset);
    const uint32_t n = d.transportCaptured;
    if (d.transport == TransportLayer::Icmpv6)
        return icmpv6Info(d, p, n);
    const uint8_t type = p[0], code = p[1];
    const char* name = icmpType(type);
    if (!name) // tshark reads the rest of an unknown message's header before it gives up
        return n < 8 ? "[Malformed Packet]" : "Unknown ICMP (obsolete or malformed?)";
    char buf[160];
    std::snprintf(buf, sizeof buf, "%-20s", name);
    std::string info = buf;
    if (const char* c = icmpCode(type, code))
        info += std::string(" (") + c + ")";
    if (type == 0 || type == 8 || type == 13 || type == 14) {
        if (n < 8)
            return std::string(name) + " [Malformed Packet]";
        const uint16_t seq = loadBe16(p + 6);
        std::snprintf(buf, sizeof buf, " id=0x%04x, seq=%u/%u, ttl=%u", loadBe16(p + 4), seq, unsigned(uint16_t(seq >> 8 | seq << 8)),
                      Ipv4View{d.at(d.netOffset)}.ttl());
        info += buf;
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
