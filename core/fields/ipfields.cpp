// ip.* and ipv6.*: the network layer.
#include "fields/fieldtable.h"

namespace synflow::fieldtable {
namespace {

// Every IPv4 (or IPv6) header's source and destination (null when not shown), outer first,
// a quoted one last: tshark lists each address field once per header.
template<typename F>
void forEachIp(const FieldSource& s, bool v6, F&& visit)
{
    const DecodedPacket& d = dp(s);
    for (int i = 0; i < d.ipCount; ++i)
        if (d.ipHeaders[i].v6 == v6) {
            const auto& h = d.ipHeaders[i];
            visit(h.src ? d.at(h.src) : nullptr, h.dst ? d.at(h.dst) : nullptr);
        }
}

} // namespace

void addIpFields(Table& t)
{
    const auto v4 = [](auto get) { return [get](const FieldSource& s) { return int64_t(get(ipv4Of(s))); }; };
    t.presence("ip", FieldType::Protocol, "Internet Protocol Version 4", [](const FieldSource& s) {
        bool any = false;
        forEachIp(s, false, [&](const uint8_t*, const uint8_t*) { any = true; });
        return any;
    });
    t.number("ip.version", FieldType::Uint, "Version", isIpv4, v4([](Ipv4View ip) { return ip.p[0] >> 4; }));
    t.number("ip.hdr_len", FieldType::Uint, "Header Length", isIpv4, v4([](Ipv4View ip) { return ip.headerLen(); }));
    t.number("ip.dsfield", FieldType::Uint, "Differentiated Services Field", isIpv4, v4([](Ipv4View ip) { return ip.dscpEcn(); }), 0, 2);
    t.number("ip.dsfield.dscp", FieldType::Uint, "Differentiated Services Codepoint", isIpv4, v4([](Ipv4View ip) { return ip.dscpEcn() >> 2; }));
    t.number("ip.dsfield.ecn", FieldType::Uint, "Explicit Congestion Notification", isIpv4, v4([](Ipv4View ip) { return ip.dscpEcn() & 3; }));
    t.number("ip.len", FieldType::Uint, "Total Length", isIpv4, v4([](Ipv4View ip) { return ip.totalLength(); }));
    t.number("ip.id", FieldType::Uint, "Identification", isIpv4, v4([](Ipv4View ip) { return ip.id(); }), 0, 4);
    t.number("ip.flags", FieldType::Uint, "Flags", isIpv4, v4([](Ipv4View ip) { return ip.flagsFragment() >> 13; }), 0, 2);
    t.number("ip.flags.rb", FieldType::Bool, "Reserved bit", isIpv4, v4([](Ipv4View ip) { return (ip.flagsFragment() >> 15) & 1; }));
    t.number("ip.flags.df", FieldType::Bool, "Don't fragment", isIpv4, v4([](Ipv4View ip) { return (ip.flagsFragment() >> 14) & 1; }));
    t.number("ip.flags.mf", FieldType::Bool, "More fragments", isIpv4, v4([](Ipv4View ip) { return (ip.flagsFragment() >> 13) & 1; }));
    t.number("ip.frag_offset", FieldType::Uint, "Fragment Offset", isIpv4, v4([](Ipv4View ip) { return (ip.flagsFragment() & 0x1fff) * 8; }));
    t.number("ip.ttl", FieldType::Uint, "Time to Live", isIpv4, v4([](Ipv4View ip) { return ip.ttl(); }));
    t.number("ip.proto", FieldType::Uint, "Protocol", isIpv4, v4([](Ipv4View ip) { return ip.protocol(); }));
    t.number("ip.checksum", FieldType::Uint, "Header Checksum", isIpv4, v4([](Ipv4View ip) { return ip.checksum(); }), 0, 4);
    t.add("ip.options", FieldType::Bytes, "Options", [](const FieldSource& s, FieldValues& v) {
        if (isIpv4(s) && dp(s).netHeaderLen > 20)
            v.push_back(bytes(dp(s).at(dp(s).netOffset + 20), dp(s).netHeaderLen - 20));
    });
    t.add("ip.src", FieldType::Ipv4, "Source Address", [](const FieldSource& s, FieldValues& v) {
        forEachIp(s, false, [&](const uint8_t* src, const uint8_t*) {
            if (src)
                v.push_back(address(src, 4));
        });
    });
    t.add("ip.dst", FieldType::Ipv4, "Destination Address", [](const FieldSource& s, FieldValues& v) {
        forEachIp(s, false, [&](const uint8_t*, const uint8_t* dst) {
            if (dst)
                v.push_back(address(dst, 4));
        });
    });
    t.add("ip.addr", FieldType::Ipv4, "Source or Destination Address", [](const FieldSource& s, FieldValues& v) {
        forEachIp(s, false, [&](const uint8_t* src, const uint8_t* dst) {
            if (src)
                v.push_back(address(src, 4));
            if (dst)
                v.push_back(address(dst, 4));
        });
    });

    const auto v6 = [](auto get) { return [get](const FieldSource& s) { return int64_t(get(ipv6Of(s))); }; };
    t.presence("ipv6", FieldType::Protocol, "Internet Protocol Version 6", [](const FieldSource& s) {
        bool any = false;
        forEachIp(s, true, [&](const uint8_t*, const uint8_t*) { any = true; });
        return any;
    });
    t.number("ipv6.version", FieldType::Uint, "Version", isIpv6, v6([](Ipv6View ip) { return ip.versionClassFlow() >> 28; }));
    t.number("ipv6.tclass", FieldType::Uint, "Traffic Class", isIpv6, v6([](Ipv6View ip) { return (ip.versionClassFlow() >> 20) & 0xff; }), 0, 2);
    t.number("ipv6.tclass.dscp", FieldType::Uint, "Differentiated Services Codepoint", isIpv6,
             v6([](Ipv6View ip) { return (ip.versionClassFlow() >> 22) & 0x3f; }));
    t.number("ipv6.tclass.ecn", FieldType::Uint, "Explicit Congestion Notification", isIpv6,
             v6([](Ipv6View ip) { return (ip.versionClassFlow() >> 20) & 3; }));
    t.number("ipv6.flow", FieldType::Uint, "Flow Label", isIpv6, v6([](Ipv6View ip) { return ip.versionClassFlow() & 0xfffff; }), 0, 5);
    t.number("ipv6.plen", FieldType::Uint, "Payload Length", isIpv6, v6([](Ipv6View ip) { return ip.payloadLength(); }));
    t.number("ipv6.nxt", FieldType::Uint, "Next Header", isIpv6, v6([](Ipv6View ip) { return ip.nextHeader(); }));
    t.number("ipv6.hlim", FieldType::Uint, "Hop Limit", isIpv6, v6([](Ipv6View ip) { return ip.hopLimit(); }));
    t.add("ipv6.src", FieldType::Ipv6, "Source Address", [](const FieldSource& s, FieldValues& v) {
        forEachIp(s, true, [&](const uint8_t* src, const uint8_t*) {
            if (src)
                v.push_back(address(src, 16));
        });
    });
    t.add("ipv6.dst", FieldType::Ipv6, "Destination Address", [](const FieldSource& s, FieldValues& v) {
        forEachIp(s, true, [&](const uint8_t*, const uint8_t* dst) {
            if (dst)
                v.push_back(address(dst, 16));
        });
    });
    t.add("ipv6.addr", FieldType::Ipv6, "Source or Destination Address", [](const FieldSource& s, FieldValues& v) {
        forEachIp(s, true, [&](const uint8_t* src, const uint8_t* dst) {
            if (src)
                v.push_back(address(src, 16));
            if (dst)
                v.push_back(address(dst, 16));
        });
    });
}

} // namespace synflow::fieldtable
