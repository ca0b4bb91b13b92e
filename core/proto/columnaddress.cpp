#include "proto/columnaddress.h"

#include "decode/linktypes.h"
#include "decode/bytes.h"
#include "output/textformat.h"
#include "proto/wlansummary.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <unordered_map>

namespace synflow {
namespace {

// Wireshark's name tables, read once: exact addresses, and prefixes by their length in bits.
struct MacNames {
    std::unordered_map<uint64_t, std::string> exact;
    struct Prefix {
        std::unordered_map<uint64_t, std::string> names;
        bool wellKnown = false; // a wka range: the name then shows only the last byte
        bool unmasked = false;  // a wka prefix given without "/bits" (01-00-3C): its three bytes all shown
    };
    std::vector<std::pair<int, Prefix>> prefixes; // longest first

    void read(const char* path, bool wellKnown)
    {
        std::ifstream in(path);
        std::string line;
        while (std::getline(in, line)) {
            if (const size_t hash = line.find('#'); hash != std::string::npos)
                line.resize(hash); // a comment, even after the name ("NETBIOS-# [TR?]")
            if (line.empty())
                continue;
            const size_t tab = line.find_first_of("\t ");
            if (tab == std::string::npos)
                continue;
            std::string addr = line.substr(0, tab);
            size_t nameStart = line.find_first_not_of("\t ", tab);
            if (nameStart == std::string::npos)
                continue;
            const size_t nameEnd = line.find_first_of("\t ", nameStart); // tshark's name is one word
            const std::string name = line.substr(nameStart, nameEnd == std::string::npos ? std::string::npos : nameEnd - nameStart);
            int bits = -1;
            const bool unmasked = wellKnown && addr.find('/') == std::string::npos;
            if (const size_t slash = addr.find('/'); slash != std::string::npos) {
                bits = std::atoi(addr.c_str() + slash + 1);
                addr.resize(slash);
            }
            uint64_t value = 0;
            int bytes = 0;
            for (size_t i = 0; i < addr.size() && bytes < 6;) {
                unsigned b = 0;
                if (std::sscanf(addr.c_str() + i, "%2x", &b) != 1)
                    break;
                value = value << 8 | b;
                ++bytes;
                i += 2;
                if (i < addr.size() && (addr[i] == ':' || addr[i] == '-' || addr[i] == '.'))
                    ++i;
            }
            if (bytes < 3)
                continue;
            if (bits < 0)
                bits = bytes * 8;
            value <<= 8 * (6 - bytes);
            if (bits >= 48) { // a name given twice in the well-known list: its last one (as tshark)
                if (wellKnown)
                    exact.insert_or_assign(value, name);
                else
                    exact.emplace(value, name);
                continue;
            }
            const uint64_t mask = ~uint64_t(0) << (48 - bits) & 0xffffffffffffULL;
            auto it = std::find_if(prefixes.begin(), prefixes.end(), [&](const auto& p) {
                return p.first == bits && p.second.wellKnown == wellKnown && p.second.unmasked == unmasked;
            });
            if (it == prefixes.end()) {
                prefixes.push_back({bits, Prefix{{}, wellKnown, unmasked}});
                it = prefixes.end() - 1;
            }
            it->second.names.emplace(value & mask, name);
        }
    }

    MacNames()
    {
        exact.emplace(0xffffffffffffULL, "Broadcast");
        read("/usr/share/wireshark/wka", true);
        read("/usr/share/wireshark/manuf", false);
        // Well-known ranges before makers, then the longest prefix first.
        std::stable_sort(prefixes.begin(), prefixes.end(), [](const auto& a, const auto& b) {
            return a.second.wellKnown != b.second.wellKnown ? a.second.wellKnown : a.first > b.first;
        });
    }
};

const MacNames& macNames()
{
    static const MacNames names;
    return names;
}

std::string hexBytes(const uint8_t* p, int n)
{
    std::string s;
    char b[4];
    for (int i = 0; i < n; ++i) {
        std::snprintf(b, sizeof b, i ? ":%02x" : "%02x", p[i]);
        s += b;
    }
    return s;
}

// The makers' full names by OUI (manuf's third column, else its second), read on first use.
const std::unordered_map<uint32_t, std::string>& makersByOui()
{
    static const std::unordered_map<uint32_t, std::string> names = [] {
        std::unordered_map<uint32_t, std::string> out;
        std::ifstream in("/usr/share/wireshark/manuf");
        std::string line;
        while (std::getline(in, line)) {
            unsigned a, b, c;
            char end = 0;
            // Only whole 24-bit prefixes ("00:00:08<TAB>Xerox<TAB>Xerox Corporation").
            if (line.empty() || line[0] == '#' || std::sscanf(line.c_str(), "%2x:%2x:%2x%c", &a, &b, &c, &end) != 4 || (end != '\t' && end != ' '))
                continue;
            const size_t shortStart = line.find_first_not_of("\t ", 8);
            if (shortStart == std::string::npos)
                continue;
            const size_t shortEnd = line.find('\t', shortStart);
            const size_t longStart = shortEnd == std::string::npos ? std::string::npos : line.find_first_not_of("\t ", shortEnd);
            out.emplace(a << 16 | b << 8 | c, longStart == std::string::npos ? line.substr(shortStart, shortEnd - shortStart) : line.substr(longStart));
        }
        return out;
    }();
    return names;
}

} // namespace

const char* ouiMakerName(uint32_t oui)
{
    const auto& names = makersByOui();
    const auto it = names.find(oui);
    return it == names.end() ? nullptr : it->second.c_str();
}

std::string resolvedMac(const uint8_t* mac)
{
    uint64_t value = 0;
    for (int i = 0; i < 6; ++i)
        value = value << 8 | mac[i];
    const MacNames& names = macNames();
    if (const auto it = names.exact.find(value); it != names.exact.end())
        return it->second;
    for (const auto& [bits, prefix] : names.prefixes) {
        const uint64_t mask = ~uint64_t(0) << (48 - bits) & 0xffffffffffffULL;
        // Wireshark looks makers up with the group (multicast) bit cleared.
        const uint64_t key = (prefix.wellKnown ? value : value & ~(uint64_t(1) << 40)) & mask;
        if (const auto it = prefix.names.find(key); it != prefix.names.end()) {
            // As tshark 4.0 shows them: a maker's name keeps the last three bytes; a well-known
            // range the bytes from the one its prefix ends in, that byte's prefix bits cleared,
            // without leading zero bytes but the last (Spanning-tree-(for-bridges)_00,
            // IPv6mcast_0c, IPv6mcast_ff:00:00:0c, IPv4mcast_fb), unless given without "/bits"
            // (Auspex-Systems-(Serverguard)_00:00:01).
            if (!prefix.wellKnown)
                return it->second + "_" + hexBytes(mac + 3, 3);
            uint8_t rest[6];
            int from = bits / 8, n = 0;
            for (int i = from; i < 6; ++i)
                rest[n++] = i == from ? uint8_t(mac[i] & (0xff >> (bits % 8))) : mac[i];
            int skip = 0;
            while (!prefix.unmasked && skip < n - 1 && rest[skip] == 0)
                ++skip;
            return it->second + "_" + hexBytes(rest + skip, n - skip);
        }
    }
    return formatMac(mac);
}

namespace {

// The 802.11 columns as packet-ieee80211.c fills them: the frame's source and destination for
// management and data frames (by the To/From DS bits), and for control frames the receiver and
// transmitter, named with the address and their role ("HTC_49:13:42 (f8:db:7f:49:13:42) (RA)").
// An address is shown only when captured whole, and tshark sets them in a fixed order (data and
// management: source first; control: receiver first), so a frame cut short loses the second, or
// both when the first is missing.
std::string wlanAddress(const DecodedPacket& d, uint32_t off, bool source, bool resolveMacs)
{
    const size_t caplen = d.frame.size();
    const auto have = [&](uint32_t at, uint32_t n = 6) { return off + at + n <= caplen; };
    if (!have(0, 2) || (d.frame[off] & 3) != 0)
        return {}; // another protocol version (PV1's short addresses are not shown)
    const uint8_t fc0 = d.frame[off], flags = d.frame[off + 1];
    const unsigned type = (fc0 >> 2) & 3, subtype = fc0 >> 4;
    const auto plain = [&](uint32_t at) { return resolveMacs ? resolvedMac(d.at(off + at)) : formatMac(d.at(off + at)); };
    const auto role = [&](uint32_t at, const char* name) {
        const uint8_t* p = d.at(off + at);
        return (resolveMacs ? resolvedMac(p) + " (" + formatMac(p) + ")" : formatMac(p)) + " (" + name + ")";
    };
    constexpr uint32_t kNone = 0;
    switch (type) {
    case 0:
    case 2: {
        uint32_t src = 10, dst = 4; // no DS bit, and every management frame
        if (type == 2) {
            const unsigned ds = flags & 3;
            static constexpr uint32_t kSrc[4] = {10, 10, 16, 24}, kDst[4] = {4, 16, 4, 16};
            src = kSrc[ds];
            dst = kDst[ds];
            if (subtype & 8) { // QoS: its control field must be there too
                const uint32_t qos = ds == 3 ? 30 : 24;
                if (!have(qos, 2))
                    return {};
                // An A-MSDU's source and destination are its subframes' own: the frame shows
                // only its transmitter and receiver where they are the source and destination.
                if (!(subtype & 4) && (d.frame[off + qos] & 0x80)) {
                    static constexpr uint32_t kAmsduSrc[4] = {10, 10, kNone, 10}, kAmsduDst[4] = {4, kNone, 4, 4};
                    src = kAmsduSrc[ds];
                    dst = kAmsduDst[ds];
                }
            }
        }
        if (src == kNone)
            return !source && dst != kNone && have(dst) ? plain(dst) : std::string();
        if (!have(src))
            return {};
        return source ? plain(src) : dst != kNone && have(dst) ? plain(dst) : std::string();
    }
    case 1: {
        if (!have(4) || (subtype == 7 && !have(10, 2))) // a wrapper needs the frame control it carries
            return {};
        if (!source)
            return role(4, subtype == 10 ? "BSSID" : "RA"); // a PS-Poll is addressed to its BSSID
        // Frames that carry a second address: the trigger, TACK, beamforming report poll, NDP
        // announcement, block ack (request), PS-Poll, RTS and CF-End (+CF-Ack); of the
        // extension frames (DMG, subtype 6, the kind in the flags' low bits) all but the
        // reserved ones and DMG DTS.
        static constexpr uint16_t kWithTransmitter = 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 8 | 1u << 9 | 1u << 10
            | 1u << 11 | 1u << 14 | 1u << 15;
        static constexpr uint16_t kExtensionWithTransmitter = 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 7 | 1u << 8 | 1u << 9
            | 1u << 10;
        const bool transmitter = subtype == 6 ? (kExtensionWithTransmitter >> (flags & 15)) & 1 : (kWithTransmitter >> subtype) & 1;
        if (!transmitter || !have(10))
            return {};
        return role(10, subtype == 14 ? "BSSID" : "TA"); // CF-End names its BSSID
    }
    default: // extension frames: a DMG beacon names its BSSID, an S1G beacon its source
        if (!have(4) || subtype > 1 || source != (subtype == 1))
            return {};
        return role(4, subtype == 1 ? "SA" : "BSSID");
    }
}

// Where an IPv6 packet is going in the end: a routing header with segments left names it (the last
// address of type 0, the home address of type 2, RPL's last address completed by the header's
// destination's first bytes, a segment routing header's first segment), else the header's
// destination. `src` is the offset of the header's source address.
std::array<uint8_t, 16> ipv6FinalDestination(const DecodedPacket& d, uint32_t src)
{
    std::array<uint8_t, 16> out;
    std::copy_n(d.at(src + 16), 16, out.begin());
    const size_t cap = d.frame.size();
    uint8_t next = d.frame[src - 2];
    uint32_t off = src + 32;
    for (int guard = 0; guard < 8 && off + 8 <= cap; ++guard) {
        const uint32_t length = (uint32_t(d.frame[off + 1]) + 1) * 8;
        if (next == 43) {
            const uint8_t type = d.frame[off + 2], left = d.frame[off + 3];
            const uint32_t addresses = d.frame[off + 1] / 2;
            // A segment routing header needs only its first segment captured; the others, all of it.
            if (left == 0 || (type == 4 ? off + 24 : off + length) > cap)
                break;
            if ((type == 0 || type == 2) && addresses)
                std::copy_n(d.at(off + 8 + (addresses - 1) * 16), 16, out.begin());
            else if (type == 4 && addresses)
                std::copy_n(d.at(off + 8), 16, out.begin());
            else if (type == 3) { // RFC 6554: the addresses' first CmprI (the last's CmprE) bytes are the destination's
                const uint32_t cmprI = d.frame[off + 4] >> 4, cmprE = d.frame[off + 4] & 15, pad = d.frame[off + 5] >> 4;
                const uint32_t body = length - 8;
                if (body >= pad + 16 - cmprE) {
                    const uint32_t last = off + 8 + (body - pad - (16 - cmprE)) / (16 - cmprI) * (16 - cmprI);
                    std::copy_n(d.at(last), 16 - cmprE, out.begin() + cmprE);
                }
            }
            break;
        }
        if (next != 0 && next != 60) // hop-by-hop and destination options come before it
            break;
        next = d.frame[off];
        off += length;
    }
    return out;
}

// The link layer's own addresses (an Ethernet header cut short gives what it holds: the
// destination comes first).
std::string linkAddress(const DecodedPacket& d, bool source, bool resolveMacs)
{
    const auto mac = [&](const uint8_t* p) { return resolveMacs ? resolvedMac(p) : formatMac(p); };
    const size_t caplen = d.frame.size();
    switch (d.linkType) {
    case linktype::Ethernet:
        if (caplen >= (source ? 12u : 6u))
            return mac(d.at(source ? 6 : 0));
        break;
    case linktype::LinuxSll: // the sender's address only; 6 bytes for Ethernet
        if (source && caplen >= 16 && loadBe16(d.at(4)) == 6)
            return mac(d.at(6));
        break;
    case linktype::LinuxSll2:
        if (source && caplen >= 20 && d.frame[11] == 6)
            return mac(d.at(12));
        break;
    default:
        if (const int64_t off = wlanHeaderOffset(d); off >= 0)
            return wlanAddress(d, uint32_t(off), source, resolveMacs);
        break;
    }
    return {};
}

} // namespace

std::string columnAddress(const DecodedPacket& d, bool source, bool resolveMacs)
{
    // Each layer sets the addresses it shows, in order: the link layer, every IP header (one cut
    // short only those captured), an Ethernet frame inside a tunnel. A header an ICMP error quotes
    // does not: tshark keeps the columns of the error's own packet.
    int ips = d.ipCount;
    bool ownListed = false; // the packet's own IP header (not one quoted) is among those listed
    for (int i = 0; i < d.ipCount && !ownListed; ++i)
        if (d.ipHeaders[i].src == d.netOffset + (d.ipHeaders[i].v6 ? 8 : 12)) {
            ownListed = true;
            if (d.transport == TransportLayer::Icmp || d.transport == TransportLayer::Icmpv6)
                ips = i + 1;
        }
    std::string out = linkAddress(d, source, resolveMacs);
    const size_t caplen = d.frame.size();
    const uint32_t innerEthernet = d.innerEthernetAt[source];
    for (int i = 0; i <= ips; ++i) {
        if (innerEthernet && d.ipsBeforeInnerEthernet[source] == i && caplen >= innerEthernet + (source ? 12u : 6u)) {
            const uint8_t* p = d.at(innerEthernet + (source ? 6 : 0));
            out = resolveMacs ? resolvedMac(p) : formatMac(p);
        }
        if (i == ips)
            break;
        const DecodedPacket::IpHeader& h = d.ipHeaders[i];
        if (const uint32_t at = source ? h.src : h.dst; at)
            out = !h.v6 ? formatIpv4(d.at(at)) : formatIpv6(source || !h.src ? d.at(at) : ipv6FinalDestination(d, h.src).data());
    }
    // Nested deeper than DecodedPacket lists IP headers: the packet's own header, the last, sets them.
    const bool v6 = d.net == NetLayer::IPv6;
    if (!ownListed && (d.net == NetLayer::IPv4 || v6) && d.netOffset > innerEthernet && caplen >= d.netOffset + (v6 ? 40u : 20u))
        out = !v6 ? formatIpv4(d.at(d.netOffset + (source ? 12 : 16)))
                  : formatIpv6(source ? d.at(d.netOffset + 8) : ipv6FinalDestination(d, d.netOffset + 8).data());
    return out;
}

} // namespace synflow
