#include "flow/anonymiser.h"

#include "analysis/analysedcapture.h"
#include "decode/packetdecoder.h"
#include "flow/flowgraph.h"
#include "output/textformat.h"

#include <arpa/inet.h>

#include <cctype>
#include <cstdio>

namespace synflow {

namespace {

bool isHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool inToken(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == ':'; }

// Addresses that identify no host: kept, so broadcasts and "any" still read as such.
bool namesNoHost(const std::string& canonical)
{
    return canonical == "0.0.0.0" || canonical == "255.255.255.255" || canonical == "::" || canonical == "ff:ff:ff:ff:ff:ff" ||
           canonical == "00:00:00:00:00:00";
}

std::string documentationAddress(int kind, uint32_t n) // n counts from 0
{
    char buf[64];
    if (kind == 0) { // RFC 5737's three documentation networks, then RFC 2544's benchmarking /15
        if (n < 3 * 254) {
            static const char* const nets[] = {"192.0.2", "198.51.100", "203.0.113"};
            std::snprintf(buf, sizeof buf, "%s.%u", nets[n / 254], n % 254 + 1);
        } else if (n - 3 * 254 < 512u * 254) {
            const uint32_t k = n - 3 * 254;
            std::snprintf(buf, sizeof buf, "198.%u.%u.%u", 18 + k / (256 * 254), k / 254 % 256, k % 254 + 1);
        } else {
            std::snprintf(buf, sizeof buf, "ipv4-host-%u", n + 1);
        }
        return buf;
    }
    if (kind == 1) { // 2001:db8::N
        uint8_t a[16] = {0x20, 0x01, 0x0d, 0xb8};
        const uint64_t v = uint64_t(n) + 1;
        for (int i = 0; i < 8; ++i)
            a[15 - i] = uint8_t(v >> (8 * i));
        char text[INET6_ADDRSTRLEN];
        inet_ntop(AF_INET6, a, text, sizeof text);
        return text;
    }
    // RFC 7042's 256 documentation unicast addresses, then locally administered ones.
    if (n < 256)
        std::snprintf(buf, sizeof buf, "00:00:5e:00:53:%02x", n);
    else
        std::snprintf(buf, sizeof buf, "02:00:5e:%02x:%02x:%02x", (n - 256) >> 16 & 0xff, (n - 256) >> 8 & 0xff, (n - 256) & 0xff);
    return buf;
}

} // namespace

std::string canonicalIpv4(std::string_view t)
{
    int parts = 0;
    size_t i = 0;
    while (i < t.size()) {
        size_t digits = 0;
        unsigned value = 0;
        while (i < t.size() && isDigit(t[i]) && digits < 4) {
            value = value * 10 + unsigned(t[i] - '0');
            ++i;
            ++digits;
        }
        if (digits == 0 || digits > 3 || value > 255)
            return {};
        ++parts;
        if (i == t.size())
            break;
        if (t[i] != '.' || parts == 4)
            return {};
        ++i;
        if (i == t.size())
            return {};
    }
    if (parts != 4)
        return {};
    unsigned char a[4];
    if (inet_pton(AF_INET, std::string(t).c_str(), a) != 1)
        return std::string(t); // leading zeros: as written
    return formatIpv4(a);
}

std::string canonicalIpv6(std::string_view t)
{
    if (t.size() < 2 || t.size() >= INET6_ADDRSTRLEN || t.find(':') == std::string_view::npos)
        return {};
    int colons = 0;
    for (const char c : t) {
        if (!isHex(c) && c != ':' && c != '.')
            return {};
        colons += c == ':';
    }
    if (colons < 2)
        return {};
    unsigned char a[16];
    if (inet_pton(AF_INET6, std::string(t).c_str(), a) != 1)
        return {};
    return formatIpv6(a);
}

std::string canonicalMac(std::string_view t)
{
    if (t.size() != 17)
        return {};
    std::string out;
    for (size_t i = 0; i < 17; ++i) {
        if (i % 3 == 2) {
            if (t[i] != ':' && t[i] != '-')
                return {};
            out += ':';
        } else {
            if (!isHex(t[i]))
                return {};
            out += char(std::tolower(static_cast<unsigned char>(t[i])));
        }
    }
    return out;
}

std::string AddressAnonymiser::assign(Kind kind, const std::string& canonical)
{
    if (namesNoHost(canonical))
        return canonical;
    auto [it, inserted] = map_.try_emplace(canonical);
    if (inserted)
        it->second = documentationAddress(kind, next_[kind]++);
    return it->second;
}

std::string AddressAnonymiser::tokenMapped(std::string_view token, bool preferPort)
{
    if (std::string c = canonicalMac(token); !c.empty())
        return assign(Mac, c);
    if (std::string c = canonicalIpv4(token); !c.empty())
        return assign(V4, c);
    if (const size_t colon = token.rfind(':'); colon != std::string_view::npos && colon + 1 < token.size() && token.size() - colon <= 6) {
        const std::string_view port = token.substr(colon + 1), host = token.substr(0, colon);
        bool digits = true;
        for (const char c : port)
            digits &= isDigit(c);
        if (digits) {
            if (std::string c = canonicalIpv4(host); !c.empty())
                return assign(V4, c) + ":" + std::string(port);
            if (std::string c = canonicalIpv6(host); !c.empty() && (preferPort || canonicalIpv6(token).empty()))
                return assign(V6, c) + ":" + std::string(port);
        }
    }
    if (std::string c = canonicalIpv6(token); !c.empty())
        return assign(V6, c);
    return {};
}

std::string AddressAnonymiser::address(std::string_view text)
{
    std::lock_guard lock(mutex_);
    if (std::string c = canonicalMac(text); !c.empty())
        return assign(Mac, c);
    if (std::string c = canonicalIpv4(text); !c.empty())
        return assign(V4, c);
    if (std::string c = canonicalIpv6(text); !c.empty())
        return assign(V6, c);
    return std::string(text);
}

std::string AddressAnonymiser::endpoint(std::string_view text)
{
    std::lock_guard lock(mutex_);
    const std::string mapped = tokenMapped(text, true);
    return mapped.empty() ? std::string(text) : mapped;
}

std::string AddressAnonymiser::rewrite(std::string_view text)
{
    std::lock_guard lock(mutex_);
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        if (!inToken(text[i])) {
            out += text[i++];
            continue;
        }
        size_t end = i;
        while (end < text.size() && inToken(text[end]))
            ++end;
        // Sentence punctuation after an address ("… Tell 10.0.0.2.", "Src: a:b:c:d:e:f:") is not part of it.
        size_t last = end;
        while (last > i && (text[last - 1] == '.' || text[last - 1] == ':'))
            --last;
        const std::string_view token = text.substr(i, last - i);
        bool hexish = !token.empty();
        for (const char c : token)
            hexish &= isHex(c) || c == '.' || c == ':';
        const std::string mapped = hexish ? tokenMapped(token, false) : std::string();
        out += mapped.empty() ? token : std::string_view(mapped);
        out += text.substr(last, end - last);
        i = end;
    }
    return out;
}

std::string AddressAnonymiser::toReal(std::string_view filter) const
{
    std::lock_guard lock(mutex_);
    std::string out;
    out.reserve(filter.size());
    size_t i = 0;
    while (i < filter.size()) {
        if (!inToken(filter[i])) {
            out += filter[i++];
            continue;
        }
        size_t end = i;
        while (end < filter.size() && inToken(filter[end]))
            ++end;
        const std::string_view token = filter.substr(i, end - i);
        std::string c = canonicalMac(token);
        if (c.empty())
            c = canonicalIpv4(token);
        if (c.empty())
            c = canonicalIpv6(token);
        std::string swapped;
        if (!c.empty()) {
            for (const auto& [real, shown] : map_) // few lookups per filter: a scan, no second map kept
                if (shown == c && real != c) {
                    swapped = real;
                    break;
                }
            if (swapped.empty())
                if (const auto it = map_.find(c); it != map_.end())
                    swapped = it->second;
        }
        out += swapped.empty() ? token : std::string_view(swapped);
        i = end;
    }
    return out;
}

void AddressAnonymiser::rewrite(FlowGraph& graph)
{
    const bool byEndpoint = graph.byEndpoint();
    graph.renameNodes([&](const std::string& name) { return byEndpoint ? endpoint(name) : address(name); });
    graph.rewriteTexts([this](const std::string& text) { return rewrite(text); });
}

void AddressAnonymiser::seed(const AnalysedCapture& capture)
{
    const CaptureFile& file = capture.file();
    const PacketIndex& index = file.index();
    std::lock_guard lock(mutex_);
    for (size_t i = 0; i < index.size(); ++i) {
        const PacketRecord& rec = index[i];
        if (rec.kind == RecordKind::CustomBlock)
            continue;
        const std::span<const uint8_t> bytes = file.packetBytes(i);
        const DecodedPacket d = decodePacket(file.linkType(i), bytes, rec.origLen);
        if (file.linkType(i) == 1 && bytes.size() >= 12) { // LINKTYPE_ETHERNET: source, then destination
            assign(Mac, formatMac(bytes.data() + 6));
            assign(Mac, formatMac(bytes.data()));
        }
        for (int h = 0; h < d.ipCount; ++h) {
            const DecodedPacket::IpHeader& ip = d.ipHeaders[h];
            for (const uint32_t at : {ip.src, ip.dst})
                if (at && at + (ip.v6 ? 16u : 4u) <= bytes.size())
                    assign(ip.v6 ? V6 : V4, ip.v6 ? formatIpv6(bytes.data() + at) : formatIpv4(bytes.data() + at));
        }
    }
}

size_t AddressAnonymiser::size() const
{
    std::lock_guard lock(mutex_);
    return map_.size();
}

} // namespace synflow
