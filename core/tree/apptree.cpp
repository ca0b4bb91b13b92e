#include "tree/apptree.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>

namespace synflow {

int32_t AppTree::add(int32_t parent, std::string label, uint32_t off, uint32_t len, uint32_t mask)
{
    return add(parent, nullptr, std::move(label), off, len, mask);
}

int32_t AppTree::add(int32_t parent, const Field* f, std::string label, uint32_t off, uint32_t len, uint32_t mask)
{
    // Bytes outside the frame (a reassembled PDU) or past the span cover nothing.
    if (!p_.inFrame || off >= size())
        return t_.add(parent, f, std::move(label));
    len = std::min(len, size() - off);
    return t_.add(parent, f, std::move(label), p_.frameOffset + off, len, mask);
}

void AppTree::expert(int32_t parent, const char* severity, const char* group, const std::string& text)
{
    // The message fills its own buffer; the heading around it is cut as any label.
    const std::string message = applabel::bounded(text);
    const int32_t x = t_.add(parent, "[" + applabel::text(std::string("Expert Info (") + severity + "/" + group + "): " + message) + "]");
    t_.add(x, "[" + message + "]");
    t_.add(x, std::string("[Severity level: ") + severity + "]");
    t_.add(x, std::string("[Group: ") + group + "]");
}

void AppTree::unreassembled(const char* protocol)
{
    const int32_t b = t_.add(-1, std::string("[BoundError Unreassembled Packet: ") + protocol + "]");
    expert(b, "Note", "Reassemble", "Unreassembled fragment (change preferences to enable reassembly)");
}

void AppTree::readPast(const char* protocol)
{
    if (!p_.reassembling)
        return unreassembled(protocol);
    const int32_t m = t_.add(-1, std::string("[Malformed Packet: ") + protocol + "]");
    expert(m, "Error", "Malformed", "Malformed Packet (Exception occurred)");
}

std::string_view lineProtocolOfPort(uint16_t port)
{
    switch (port) {
    case 25:
    case 587:
        return "SMTP";
    case 21:
        return "FTP";
    case 110:
        return "POP";
    case 143:
        return "IMAP";
    default:
        return {};
    }
}

namespace apptext {

std::string fmt(const char* f, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, f);
    const int n = std::vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return std::string(buf, n > 0 ? size_t(std::min<int>(n, int(sizeof buf) - 1)) : 0);
}

std::string hex(const uint8_t* p, size_t n, size_t max)
{
    static const char digits[] = "0123456789abcdef";
    const bool cut = max && n > max;
    const size_t shown = cut ? max : n;
    std::string s;
    s.reserve(shown * 2 + 3);
    for (size_t i = 0; i < shown; ++i) {
        s += digits[p[i] >> 4];
        s += digits[p[i] & 15];
    }
    if (cut)
        s += "\xe2\x80\xa6"; // tshark's ellipsis
    return s;
}

// The length of a valid UTF-8 sequence at `p` (at most `n` bytes), 0 when invalid.
size_t utf8Length(const unsigned char* p, size_t n)
{
    const unsigned char c = p[0];
    size_t len;
    uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; ++i) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3f);
    }
    const uint32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

std::string escaped(std::string_view s)
{
    std::string out;
    out.reserve(s.size() + 4);
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = p[i];
        if (c >= 0x80) {
            // Valid UTF-8 as it is; any other byte as the replacement character.
            if (const size_t n = utf8Length(p + i, s.size() - i)) {
                out.append(s.substr(i, n));
                i += n;
            } else {
                out += "\xef\xbf\xbd";
                ++i;
            }
            continue;
        }
        ++i;
        switch (c) {
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
        default:
            if (c < 0x20 || c == 0x7f)
                out += fmt("\\%03o", c);
            else
                out += char(c);
        }
    }
    return out;
}

std::string ascii(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        if (c >= 0x80)
            out += "\xef\xbf\xbd";
        else
            out += escaped(std::string_view(reinterpret_cast<const char*>(&c), 1));
    }
    return out;
}

} // namespace apptext

namespace applabel {
namespace {
constexpr size_t kLabelMax = 239; // tshark's label buffer less its terminator

// The first `n` bytes of `s`, not splitting a UTF-8 sequence.
std::string_view cut(std::string_view s, size_t n)
{
    if (s.size() <= n)
        return s;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xc0) == 0x80)
        --n;
    return s.substr(0, n);
}
} // namespace

std::string bounded(std::string_view s) { return std::string(cut(s, kLabelMax)); }

std::string text(std::string s)
{
    if (s.size() <= kLabelMax)
        return s;
    return " [truncated]" + std::string(cut(s, kLabelMax - 13));
}

std::string field(std::string_view name, std::string_view value)
{
    std::string s = std::string(name) + ": " + std::string(value);
    if (s.size() <= kLabelMax)
        return s;
    // The value fills the buffer first; the mark then goes after the name.
    const std::string mark = std::string(name) + " [truncated]: ";
    return mark + std::string(cut(value, kLabelMax - 1 - mark.size()));
}

std::string generated(std::string_view name, std::string_view value)
{
    std::string s = "[" + std::string(name) + ": " + std::string(value) + "]";
    if (s.size() <= kLabelMax + 1)
        return s;
    const std::string mark = "[" + std::string(name) + " [truncated]: ";
    return mark + std::string(cut(value, kLabelMax - mark.size())) + "]";
}

} // namespace applabel

} // namespace synflow
