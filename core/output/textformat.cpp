#include "output/textformat.h"

#include <arpa/inet.h>
#include <charconv>
#include <cstdio>
#include <ctime>

namespace synflow {

std::string formatIpv4(const uint8_t* a)
{
    char buf[16];
    const int n = std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
    return std::string(buf, size_t(n));
}

std::string formatMac(const uint8_t* a)
{
    char buf[18];
    const int n = std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3], a[4], a[5]);
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
    uint64_t whole = uint64_t(sec);
    if (sec < 0) {
        out += '-';
        // -0.25 s is sec -1, nsec 75e7: the magnitude is 0 s and 25e7 ns (no overflow at INT64_MIN).
        whole = nsec ? uint64_t(-(sec + 1)) : 0 - uint64_t(sec);
        if (nsec)
            nsec = 1000000000 - nsec;
    }
    appendUnsigned(out, whole);
    char frac[10];
    for (int i = 8; i >= 0; --i) {
        frac[i] = char('0' + nsec % 10);
        nsec /= 10;
    }
    out += '.';
    out.append(frac, 9);
}

void appendUtcTime(std::string& out, int64_t sec, uint32_t nsec)
{
    // The Gregorian calendar repeats every 400 years (an exact number of days): gmtime_r sees a
    // time in 1970..2370 and the whole cycles are added to its year, so any int64 time has a date.
    constexpr int64_t kCycle = 146097LL * 86400;
    int64_t cycles = sec / kCycle;
    int64_t rest = sec % kCycle;
    if (rest < 0) {
        rest += kCycle;
        cycles -= 1;
    }
    const time_t t = time_t(rest);
    struct tm tm {};
    gmtime_r(&t, &tm);
    char buf[96];
    const int n = std::snprintf(buf, sizeof buf, "%lld-%02d-%02d %02d:%02d:%02d.%09u UTC",
                                static_cast<long long>(tm.tm_year + 1900 + cycles * 400), tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                                tm.tm_min, tm.tm_sec, nsec);
    out.append(buf, size_t(n));
}

void appendHex4(std::string& out, uint32_t v)
{
    char buf[16];
    const int n = std::snprintf(buf, sizeof buf, "0x%04x", v);
    out.append(buf, size_t(n));
}

namespace {

constexpr uint32_t kBad = 0xFFFFFFFF;

// Decodes one UTF-8 sequence from text[i], advancing i; kBad (one byte taken) when the bytes
// are not a sequence. As tshark (glib), overlong forms decode to their code point and a
// surrogate or a value beyond U+10FFFF is one bad character for the whole sequence.
uint32_t nextCodePoint(std::string_view text, size_t& i)
{
    const uint8_t c = uint8_t(text[i]);
    const int extra = c >= 0xF0 && c < 0xF8 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
    if (c < 0x80 || extra < 0 || c >= 0xF8) {
        ++i;
        return c < 0x80 ? c : kBad;
    }
    if (text.size() - i <= size_t(extra)) {
        ++i;
        return kBad;
    }
    uint32_t cp = c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
        const uint8_t cc = uint8_t(text[i + size_t(k)]);
        if ((cc & 0xC0) != 0x80) {
            ++i;
            return kBad;
        }
        cp = cp << 6 | (cc & 0x3F);
    }
    i += size_t(extra) + 1;
    return (cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF ? kBad : cp;
}

// Unicode that draws nothing: C1 controls and the common format characters.
bool invisible(uint32_t cp)
{
    return (cp >= 0x80 && cp < 0xA0) || cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E)
        || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF;
}

} // namespace

void appendUtf8(std::string& out, uint32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | cp >> 6);
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | cp >> 12);
        out += char(0x80 | (cp >> 6 & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | cp >> 18);
        out += char(0x80 | (cp >> 12 & 0x3F));
        out += char(0x80 | (cp >> 6 & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

void appendUtf8Lossy(std::string& out, std::string_view text)
{
    for (size_t i = 0; i < text.size();) {
        const uint32_t cp = nextCodePoint(text, i);
        if (cp == kBad)
            out += "\xef\xbf\xbd";
        else
            appendUtf8(out, cp);
    }
}

void appendRawColumnText(std::string& out, std::string_view text)
{
    for (char c : text) {
        switch (c) {
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: out += c;
        }
    }
}

void appendEscapedText(std::string& out, std::string_view text)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < text.size();) {
        const uint8_t c = uint8_t(text[i]);
        if (c >= 0x20 && c < 0x7F) { // the common case, byte by byte
            out += char(c);
            ++i;
            continue;
        }
        const uint32_t cp = nextCodePoint(text, i);
        if (cp == kBad) {
            out += "\xef\xbf\xbd";
            continue;
        }
        if (cp < 0x20 || cp == 0x7F) {
            static const char named[] = "abtnvfr"; // \a (7) to \r (13)
            out += '\\';
            if (cp >= 7 && cp <= 13) {
                out += named[cp - 7];
            } else {
                out += char('0' + (cp >> 6));
                out += char('0' + (cp >> 3 & 7));
                out += char('0' + (cp & 7));
            }
        } else if (invisible(cp) && cp < 0x10000) {
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4)
                out += hex[cp >> shift & 0xF];
        } else {
            appendUtf8(out, cp);
        }
    }
}

void appendHexBytes(std::string& out, const uint8_t* p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; ++i) {
        out += digits[p[i] >> 4];
        out += digits[p[i] & 15];
    }
}

void appendJsonEscaped(std::string& out, std::string_view text)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < text.size();) {
        const uint32_t cp = nextCodePoint(text, i);
        switch (cp) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case kBad: out += "\xef\xbf\xbd"; break; // JSON text must be UTF-8
        default:
            if (cp < 0x20) {
                out += "\\u00";
                out += hex[cp >> 4];
                out += hex[cp & 0xF];
            } else {
                appendUtf8(out, cp);
            }
        }
    }
}

void appendXmlEscaped(std::string& out, std::string_view text)
{
    std::string shown;
    appendEscapedText(shown, text);
    for (char c : shown) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
}

} // namespace synflow
