#include "proto/ber.h"

namespace synflow::ber {

Read element(const uint8_t* p, size_t cap, size_t end, size_t o, Element& e)
{
    if (o + 2 > end)
        return Read::Bad;
    if (o + 2 > cap)
        return Read::Cut;
    e.tag = p[o];
    size_t len = p[o + 1], at = o + 2;
    if (len & 0x80) { // long form
        const size_t bytes = len & 0x7f;
        if (bytes == 0 || bytes > 4 || at + bytes > end)
            return Read::Bad;
        if (at + bytes > cap)
            return Read::Cut;
        len = 0;
        for (size_t k = 0; k < bytes; ++k)
            len = len << 8 | p[at + k];
        at += bytes;
    }
    if (at + len > end)
        return Read::Bad;
    e.start = at;
    e.end = at + len;
    return Read::Ok;
}

uint32_t unsignedValue(const uint8_t* p, const Element& e)
{
    uint32_t v = 0;
    for (size_t i = e.start; i < e.end && i < e.start + 4; ++i)
        v = v << 8 | p[i];
    return v;
}

std::string oidText(const uint8_t* p, size_t n)
{
    std::string out;
    uint64_t value = 0;
    bool first = true;
    for (size_t i = 0; i < n; ++i) {
        value = value << 7 | (p[i] & 0x7f);
        if (p[i] & 0x80)
            continue;
        if (first) {
            const uint64_t a = value < 40 ? 0 : value < 80 ? 1 : 2;
            out = std::to_string(a) + "." + std::to_string(value - 40 * a);
            first = false;
        } else {
            out += "." + std::to_string(value);
        }
        value = 0;
    }
    return out;
}

std::string rootNamedOid(const std::string& dotted)
{
    static const char* const roots[] = {"itu-t", "iso", "joint-iso-itu-t"};
    const unsigned root = dotted.empty() ? 3 : unsigned(dotted[0] - '0');
    if (root < 3 && dotted.size() > 1 && dotted[1] == '.')
        return roots[root] + dotted.substr(1);
    return dotted;
}

} // namespace synflow::ber
