#include "output/textformat.h"

#include <arpa/inet.h>
#include <charconv>
#include <cstdio>

namespace synflow {

std::string formatIpv4(const uint8_t* a)
{
    char buf[16];
    const int n = std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
    return std::string(buf, size_t(n));
}

std::string formatIpv6(const uint8_t* a)
{
    char buf[INET6_ADDRSTRLEN];
    if (!inet_ntop(AF_INET6, a, buf, sizeof buf))
        return {};
    return buf;
}

void appendUnsigned(std::string& out, uint64_t v)
{
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

void appendSigned(std::string& out, int64_t v)
{
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

void appendSeconds(std::string& out, int64_t signedNs)
{
    uint64_t ns = uint64_t(signedNs);
    if (signedNs < 0) {
        out += '-';
        ns = 0 - ns; // magnitude, defined even for INT64_MIN
    }
    appendUnsigned(out, ns / 1000000000);
    char frac[10];
    uint64_t f = ns % 1000000000;
    for (int i = 8; i >= 0; --i) {
        frac[i] = char('0' + f % 10);
        f /= 10;
    }
    out += '.';
    out.append(frac, 9);
}

void appendEpoch(std::string& out, int64_t sec, uint32_t nsec)
{
    if (sec < 0 && nsec) { // -0.5 s is sec -1, nsec 5e8
        out += '-';
        appendSeconds(out, int64_t(0 - (uint64_t(sec) * 1000000000u + nsec)));
        return;
    }
    appendSigned(out, sec);
    char frac[10];
    for (int i = 8; i >= 0; --i) {
        frac[i] = char('0' + nsec % 10);
        nsec /= 10;
    }
    out += '.';
    out.append(frac, 9);
}

void appendHex4(std::string& out, uint32_t v)
{
    char buf[16];
    const int n = std::snprintf(buf, sizeof buf, "0x%04x", v);
    out.append(buf, size_t(n));
}

} // namespace synflow
