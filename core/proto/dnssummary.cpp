#include "proto/dnssummary.h"

#include "decode/bytes.h"
#include "output/textformat.h"
#include "tree/appvaluenames.h"

#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <string_view>

namespace synflow {
namespace {

constexpr uint16_t kA = 1, kNs = 2, kCname = 5, kSoa = 6, kPtr = 12, kHinfo = 13, kMx = 15, kRp = 17, kAaaa = 28,
                   kSrv = 33, kNaptr = 35, kNsec = 47, kTlsa = 52;

struct DnsReader {
    const uint8_t* p;
    size_t n;
    // The end of the first read that ran past the message: tshark's exception is a cut capture
    // when that end is still inside the datagram, a malformed message when it is not.
    mutable size_t need = 0;

    bool short_(size_t end) const
    {
        if (need == 0)
            need = end;
        return false;
    }

    // A possibly compressed name at `off`; `end` is where the record goes on after it. False
    // when a label or pointer runs past the message (tshark's exception).
    bool name(size_t off, std::string& out, size_t& end) const
    {
        out.clear();
        bool jumped = false;
        for (int hops = 0; hops < 256; ++hops) {
            if (off >= n)
                return short_(off + 1);
            const uint8_t len = p[off];
            if (len == 0) {
                if (!jumped)
                    end = off + 1;
                if (out.empty())
                    out = "<Root>";
                return true;
            }
            if ((len & 0xc0) == 0xc0) {
                if (off + 1 >= n)
                    return short_(off + 2);
                if (!jumped)
                    end = off + 2;
                jumped = true;
                off = size_t(len & 0x3f) << 8 | p[off + 1];
                continue;
            }
            if (len == 0x41) { // a bit-string label (RFC 2673): its bit count, then its bits
                if (off + 1 >= n)
                    return short_(off + 2);
                const unsigned bits = p[off + 1], bytes = bits ? (bits - 1) / 8 + 1 : 1;
                if (off + 2 + bytes > n) // read a byte at a time
                    return short_(n + 1);
                if (!out.empty())
                    out += '.';
                out += "\\[x";
                for (unsigned i = 0; i < bytes; ++i) {
                    static const char hex[] = "0123456789abcdef";
                    out += hex[p[off + 2 + i] >> 4];
                    out += hex[p[off + 2 + i] & 15];
                }
                out += '/' + std::to_string(bits) + ']';
                off += 2 + bytes;
                continue;
            }
            if (off + 1 + len > n) // a label's text is read a byte at a time
                return short_(len < 0x40 ? std::min<size_t>(off + 1 + len, n + 1) : off + 1 + len);
            if (!out.empty())
                out += '.';
            out.append(reinterpret_cast<const char*>(p + off + 1), len);
            off += 1 + len;
        }
        out = "<Name contains a pointer that loops>";
        if (!jumped)
            end = off;
        return true;
    }

    // A <character-string> (length byte, then text).
    bool text(size_t& off, std::string& out) const
    {
        if (off >= n)
            return short_(off + 1);
        if (off + 1 + p[off] > n)
            return short_(off + 1 + p[off]);
        out.assign(reinterpret_cast<const char*>(p + off + 1), p[off]);
        off += 1 + p[off];
        return true;
    }

    bool has(size_t off, size_t len) const { return (off <= n && len <= n - off) || short_(off + len); }
    // Fields read one after the other from `off` (tshark's reads: the first one past the
    // captured bytes is where it stops).
    bool fields(size_t off, std::initializer_list<size_t> sizes) const
    {
        for (const size_t size : sizes) {
            if (!has(off, size))
                return false;
            off += size;
        }
        return true;
    }
};

// "A" of "A (Host Address)"; "Unknown (65280)" for a type tshark does not name.
std::string typeName(uint16_t type)
{
    const char* full = appnames::dnsTypes(type);
    if (!full)
        return "Unknown (" + std::to_string(type) + ")";
    const std::string_view s(full);
    return std::string(s.substr(0, s.find(" (")));
}

// What tshark adds after a record's type: its data for the types that have a summary.
bool appendRecordData(std::string& info, const DnsReader& r, uint16_t type, size_t rdata, const std::string& owner)
{
    std::string name;
    size_t end = 0;
    switch (type) {
    case kA: // read as four bytes whatever the record's length says
        if (!r.has(rdata, 4))
            return false;
        info += ' ' + formatIpv4(r.p + rdata);
        return true;
    case kAaaa:
        if (!r.has(rdata, 16))
            return false;
        info += ' ' + formatIpv6(r.p + rdata);
        return true;
    case kNs:
    case kCname:
    case kPtr:
    case kSoa: // the primary name server
    case kNsec: // the next owner name
        if (!r.name(rdata, name, end))
            return false;
        info += ' ' + name;
        return true;
    case kMx:
        if (!r.has(rdata, 2) || !r.name(rdata + 2, name, end))
            return false;
        info += ' ' + std::to_string(loadBe16(r.p + rdata)) + ' ' + name;
        return true;
    case kSrv:
        if (!r.has(rdata, 6) || !r.name(rdata + 6, name, end))
            return false;
        info += ' ' + std::to_string(loadBe16(r.p + rdata)) + ' ' + std::to_string(loadBe16(r.p + rdata + 2)) + ' '
              + std::to_string(loadBe16(r.p + rdata + 4)) + ' ' + name;
        return true;
    case kHinfo: {
        size_t at = rdata;
        std::string cpu, os;
        if (!r.text(at, cpu) || !r.text(at, os))
            return false;
        info += ' ' + cpu + ' ' + os;
        return true;
    }
    case kNaptr: { // order, preference and flags
        size_t at = rdata + 4;
        std::string flags;
        if (!r.has(rdata, 4) || !r.text(at, flags))
            return false;
        info += ' ' + std::to_string(loadBe16(r.p + rdata)) + ' ' + std::to_string(loadBe16(r.p + rdata + 2)) + ' ' + flags;
        return true;
    }
    case kRp:
    case kTlsa: // tshark 4.0 writes the record's own name here
        info += ' ' + owner;
        return true;
    default:
        return true;
    }
}

} // namespace

bool appendDnsInfo(std::string& info, const uint8_t* p, size_t n, DnsFlavour flavour, size_t* need)
{
    info.clear();
    const DnsReader r{p, n};
    const auto fail = [&](size_t end = 0) {
        if (end)
            r.short_(end);
        if (need)
            *need = r.need;
        return false;
    };
    // The header is read a 2-byte field at a time.
    if (n < 4)
        return fail(n / 2 * 2 + 2);
    const uint16_t id = loadBe16(p), flags = loadBe16(p + 2);
    static const char* const opcodes[] = {"Standard query", "Inverse query", "Server status request", nullptr,
                                          "Zone change notification", "Dynamic update", "DNS Stateful operations (DSO)"};
    static const char* const rcodes[] = {nullptr, "Format error", "Server failure", "No such name", "Not implemented",
                                         "Refused", "Name exists", "RRset exists", "RRset does not exist",
                                         "Not authoritative", "Name out of zone", "DSO-Type not implemented"};
    const unsigned opcode = (flags >> 11) & 0xf, rcode = flags & 0xf;
    if (opcode < std::size(opcodes) && opcodes[opcode])
        info = opcodes[opcode];
    else
        info = "Unknown operation (" + std::to_string(opcode) + ")";
    char id16[16];
    std::snprintf(id16, sizeof id16, " 0x%04x", id);
    if (flags & 0x8000)
        info += " response";
    info += id16;
    if ((flags & 0x8000) && rcode != 0) {
        info += ' ';
        info += rcode < std::size(rcodes) ? std::string(rcodes[rcode]) : "Unknown error (" + std::to_string(rcode) + ")";
    }
    if (n < 12)
        return fail(n / 2 * 2 + 2);
    const bool mdns = flavour == DnsFlavour::Mdns;
    size_t off = 12;
    std::string name;
    for (unsigned q = loadBe16(p + 4); q > 0; --q) {
        size_t end = 0;
        if (!r.name(off, name, end) || !r.fields(end, {2, 2}))
            return fail();
        info += ' ' + typeName(loadBe16(p + end)) + ' ' + name;
        if (mdns)
            info += (loadBe16(p + end + 2) & 0x8000) ? ", \"QU\" question" : ", \"QM\" question";
        off = end + 4;
    }
    const unsigned records = unsigned(loadBe16(p + 6)) + loadBe16(p + 8) + loadBe16(p + 10);
    for (unsigned k = 0; k < records; ++k) {
        size_t end = 0;
        if (!r.name(off, name, end) || !r.fields(end, {2, 2, 4, 2}))
            return fail();
        const uint16_t type = loadBe16(p + end), cls = loadBe16(p + end + 2);
        info += ' ' + typeName(type);
        if (mdns && type != 41 && (cls & 0x8000))
            info += ", cache flush";
        // tshark makes sure the whole record data is there before it reads any of it.
        if (!r.has(end + 10, loadBe16(p + end + 8)) || !appendRecordData(info, r, type, end + 10, name))
            return fail();
        off = end + 10 + loadBe16(p + end + 8);
    }
    return true;
}

} // namespace synflow
