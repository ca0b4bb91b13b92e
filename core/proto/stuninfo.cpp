#include "proto/stuninfo.h"

#include "decode/bytes.h"
#include "output/exceptiontext.h"
#include "output/textformat.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string_view>

namespace synflow {
namespace {

constexpr uint32_t kCookie = 0x2112A442;

// RFC 3489's message types, as tshark's CLASSIC-STUN knows them (its Shared Secret Error
// Response is 0x1112, so 0x0112 is not classic STUN to it).
const char* classicName(uint16_t type)
{
    switch (type) {
    case 0x0001: return "Binding Request";
    case 0x0101: return "Binding Response";
    case 0x0111: return "Binding Error Response";
    case 0x0002: return "Shared Secret Request";
    case 0x0102: return "Shared Secret Response";
    case 0x1112: return "Shared Secret Error Response";
    case 0x0003: return "Allocate Request";
    case 0x0103: return "Allocate Response";
    case 0x0113: return "Allocate Error Response";
    case 0x0004: return "Send Request";
    case 0x0104: return "Send Response";
    case 0x0114: return "Send Error Response";
    case 0x0115: return "Data Indication";
    case 0x0006: return "Set Active Destination Request";
    case 0x0106: return "Set Active Destination Response";
    case 0x0116: return "Set Active Destination Error Response";
    default: return nullptr;
    }
}

const char* methodName(uint16_t method)
{
    static const char* const names[] = {nullptr, "Binding", "SharedSecret", "Allocate", "Refresh", nullptr, "Send",
                                        "Data", "CreatePermission", "Channel-Bind", "Connect", "ConnectionBind",
                                        "ConnectionAttempt"};
    if (method < std::size(names) && names[method])
        return names[method];
    return method == 0x080 ? "GooglePing" : "Unknown";
}

const char* errorName(unsigned code)
{
    switch (code) {
    case 274: return "Disable Candidate";
    case 275: return "Disable Candidate Pair";
    case 300: return "Try Alternate";
    case 400: return "Bad Request";
    case 401: return "Unauthenticated";
    case 403: return "Forbidden";
    case 405: return "Mobility Forbidden";
    case 420: return "Unknown Attribute";
    case 430: return "Stale Credentials (legacy)";
    case 431: return "Integrity Check Failure (legacy)";
    case 432: return "Missing Username (legacy)";
    case 433: return "Use TLS (legacy)";
    case 434: return "Missing Realm (legacy)";
    case 435: return "Missing Nonce (legacy)";
    case 436: return "Unknown User (legacy)";
    case 437: return "Allocation Mismatch";
    case 438: return "Stale Nonce";
    case 439: return "Wrong Credentials (legacy)";
    case 440: return "Address Family not Supported";
    case 441: return "Wrong Credentials";
    case 442: return "Unsupported Transport Protocol";
    case 443: return "Peer Address Family Mismatch";
    case 446: return "Connection Already Exists";
    case 447: return "Connection Timeout or Failure";
    case 481: return "Connection does not exist (legacy)";
    case 486: return "Allocation Quota Reached";
    case 487: return "Role Conflict";
    case 500: return "Server Error";
    case 503: return "Service Unavailable (legacy)";
    case 507: return "Insufficient Bandwidth Capacity (legacy)";
    case 508: return "Insufficient Port Capacity";
    case 600: return "Global Failure";
    default: return "*Unknown error code*";
    }
}

// Attributes whose address Info shows: plain, or XOR'ed with the cookie and transaction id.
const char* plainAddressName(uint16_t type)
{
    switch (type) {
    case 0x0001: return "MAPPED-ADDRESS";
    case 0x000e: return "MS-ALTERNATE-SERVER";
    case 0x8023: return "ALTERNATE-SERVER";
    case 0x802b: return "RESPONSE-ORIGIN";
    case 0x802c: return "OTHER-ADDRESS";
    case 0x8090: return "MS-ALT-MAPPED-ADDRESS";
    default: return nullptr;
    }
}

const char* xorAddressName(uint16_t type)
{
    switch (type) {
    case 0x0012: return "XOR-PEER-ADDRESS";
    case 0x0016: return "XOR-RELAYED-ADDRESS";
    case 0x0020:
    case 0x8020: return "XOR-MAPPED-ADDRESS";
    case 0x0027: return "XOR-RESPONSE-TARGET";
    case 0x0028: return "XOR-REFELECTED-FROM"; // (sic)
    case 0x8059: return "Remote Site Address";
    case 0x805a: return "Remote Relay Site Address";
    case 0x805b: return "Local Site Address";
    case 0x805c: return "Local Relay Site Address";
    default: return nullptr;
    }
}

// How many bytes of an attribute's value (`len` of them) tshark's tree reads when Info shows
// none of it: all of them, but for the attributes read as fixed fields (some of Microsoft's
// whatever their length says, so past the message when it is shorter).
size_t valueRead(uint16_t type, size_t len)
{
    switch (type) {
    case 0x0008: // MESSAGE-INTEGRITY
    case 0x0026: // PADDING
        return 0;
    case 0x0003: // CHANGE-REQUEST
    case 0x000f:
    case 0x0024: // PRIORITY
    case 0x8027: // CACHE-TIMEOUT
    case 0x8028: // FINGERPRINT
        return len < 4 ? 0 : 4;
    case 0x0017: // REQUESTED-ADDRESS-FAMILY
        return len < 1 ? 0 : len < 4 ? 1 : 4;
    case 0x0018: // EVEN-PORT
        return len < 1 ? 0 : 1;
    case 0x0022: // RESERVATION-TOKEN
    case 0x8029: // ICE-CONTROLLED
    case 0x802a: // ICE-CONTROLLING
        return len < 8 ? 0 : 8;
    case 0x0030:
    case 0x8004:
        return len < 4 ? 0 : 2;
    case 0x8050: return 24; // MS-SEQUENCE-NUMBER
    case 0x8057: return 16; // bandwidth reservation id
    case 0x8058: return 16; // bandwidth reservation amount: four fields of 4 bytes
    case 0x805d:
    case 0x805e:
    case 0x805f:
    case 0x8060: return 12; // site addresses with reservation policy: three fields of 4 bytes
    case 0x8095: return 8;
    case 0x001d:
    case 0x8002:
    case 0x8008:
    case 0x8054:
    case 0x8055:
    case 0x8056:
    case 0x8068:
    case 0x8070:
    case 0xc057: return 4;
    default: return len;
    }
}

// A text value as tshark keeps it in the column: read as UTF-8 up to a NUL.
void appendText(std::string& out, const uint8_t* p, size_t n)
{
    size_t len = 0;
    while (len < n && p[len])
        ++len;
    appendUtf8Lossy(out, std::string_view(reinterpret_cast<const char*>(p), len));
}

class StunWalk {
public:
    StunWalk(const uint8_t* p, size_t n, size_t reported, std::string& info) : p_(p), n_(n), reported_(reported), info_(info) {}

    // Whether bytes up to `end` can be read; if not, the Info ends with tshark's exception.
    bool has(size_t end)
    {
        if (end <= n_)
            return true;
        info_ += end > reported_ ? kMalformed : kSizeLimited;
        return false;
    }

    bool attributes(size_t off, size_t end, bool padded, bool classic);

private:
    bool address(size_t v, size_t len, const char* name, bool xored);

    const uint8_t* p_;
    size_t n_, reported_;
    std::string& info_;
};

// An address attribute's value at p_[v, v + len): reserved, family, port, then the address.
bool StunWalk::address(size_t v, size_t len, const char* name, bool xored)
{
    if (len < 1)
        return true;
    if (!has(v + 1))
        return false;
    if (len < 2)
        return true;
    if (!has(v + 2))
        return false;
    if (len < 4)
        return true;
    if (!has(v + 4))
        return false;
    const uint16_t port = loadBe16(p_ + v + 2) ^ (xored ? kCookie >> 16 : 0);
    if (len < 8)
        return true;
    uint8_t addr[16];
    std::string shown;
    if (p_[v + 1] == 1) {
        if (!has(v + 8))
            return false;
        for (int i = 0; i < 4; ++i)
            addr[i] = p_[v + 4 + i] ^ (xored ? uint8_t(kCookie >> (24 - 8 * i)) : 0);
        shown = formatIpv4(addr);
    } else if (p_[v + 1] == 2) {
        if (len < 20)
            return true;
        if (!has(v + 20))
            return false;
        for (int i = 0; i < 16; ++i) // XOR'ed with the cookie, then the transaction id
            addr[i] = p_[v + 4 + i] ^ (!xored ? 0 : i < 4 ? uint8_t(kCookie >> (24 - 8 * i)) : p_[8 + i - 4]);
        shown = formatIpv6(addr);
    } else {
        return true;
    }
    info_ += std::string(" ") + name + ": " + shown + ":" + std::to_string(port);
    return true;
}

// The attributes in p_[off, end); false once an exception ended the dissection.
bool StunWalk::attributes(size_t off, size_t end, bool padded, bool classic)
{
    while (off < end) {
        if (!has(off + 4))
            return false;
        const uint16_t type = loadBe16(p_ + off);
        const size_t len = loadBe16(p_ + off + 2);
        const size_t v = off + 4;
        if (v + len > end)
            return true; // the value runs past the message: the walk ends quietly
        off = v + (padded ? (len + 3) & ~size_t(3) : len);
        if (classic)
            continue;
        if (const char* name = plainAddressName(type)) {
            if (!address(v, len, name, false))
                return false;
        } else if (const char* xname = xorAddressName(type)) {
            if (!address(v, len, xname, true))
                return false;
        } else if (type == 0x0006 || type == 0x0014 || type == 0x0015) { // user name, realm, nonce
            if (!has(v + len))
                return false;
            if (type == 0x0015) {
                info_ += " with nonce";
            } else {
                info_ += type == 0x0006 ? " user: " : " realm: ";
                appendText(info_, p_ + v, len);
            }
        } else if (type == 0x0009) { // reserved, class, number: class * 100 + number; the reason
            if (len < 2)
                continue;
            if (!has(v + std::min<size_t>(len, 4)))
                return false;
            if (len < 4)
                continue;
            const unsigned code = unsigned(p_[v + 2]) * 100 + p_[v + 3];
            info_ += " error-code: " + std::to_string(code) + " (" + errorName(code) + ")";
            if (len < 5)
                continue;
            if (!has(v + len))
                return false;
            info_ += ' ';
            appendText(info_, p_ + v + 4, len - 4);
        } else if (type == 0x000c) { // channel number, then two reserved bytes
            if (len < 4)
                continue;
            if (!has(v + 2))
                return false;
            char buf[24];
            std::snprintf(buf, sizeof buf, " ChannelNumber=0x%x", unsigned(loadBe16(p_ + v)));
            info_ += buf;
            if (!has(v + 4))
                return false;
        } else if (type == 0x000d || type == 0x0010) { // lifetime, bandwidth: signed
            if (len < 4)
                continue;
            if (!has(v + 4))
                return false;
            info_ += (type == 0x000d ? " lifetime: " : " bandwidth: ") + std::to_string(int32_t(loadBe32(p_ + v)));
        } else if (type == 0x0019) { // requested transport: the protocol, then three reserved bytes
            if (len < 1)
                continue;
            if (!has(v + 1))
                return false;
            if (len < 4)
                continue;
            const uint8_t proto = p_[v];
            if (proto == 17 || proto == 6) {
                info_ += proto == 17 ? " UDP" : " TCP";
            } else {
                char buf[32];
                std::snprintf(buf, sizeof buf, " Unknown (0x%8x)", unsigned(proto));
                info_ += buf;
            }
            if (!has(v + 4))
                return false;
        } else {
            // Fields of 4 bytes are read one by one: the first past the captured bytes decides.
            const size_t read = valueRead(type, len);
            const bool fours = type == 0x8058 || (type >= 0x805d && type <= 0x8060);
            for (size_t at = fours ? 4 : read; at <= read; at += fours ? 4 : read + 1)
                if (!has(v + at))
                    return false;
        }
    }
    return true;
}

} // namespace

StunSummary stunDatagram(const uint8_t* p, size_t n, size_t reported, bool onStunPort)
{
    StunSummary s;
    if (n < 4)
        return s;
    const uint16_t type = loadBe16(p);
    const size_t length = loadBe16(p + 2);
    if (type & 0xc000) { // TURN ChannelData: a channel number 0x4000-0x7fff, padding optional on UDP
        if (type >= 0x8000 || !onStunPort || (reported != length + 4 && reported != ((length + 4 + 3) & ~size_t(3))))
            return s;
        s.protocol = "STUN";
        s.info = "ChannelData TURN Message";
        return s;
    }
    if (n < 20 || reported != 20 + length)
        return s;
    if (loadBe32(p + 4) != kCookie) {
        const char* name = classicName(type);
        if (!name || n < reported) // (classic STUN's heuristic wants the whole message)
            return s;
        s.protocol = "CLASSIC-STUN";
        s.info = std::string("Message: ") + name;
        StunWalk(p, n, reported, s.info).attributes(20, reported, false, true);
        return s;
    }
    const uint16_t method = uint16_t((type & 0x3e00) >> 2 | (type & 0x00e0) >> 1 | (type & 0x000f));
    if (method > 0xff)
        return s;
    static const char* const classes[] = {"Request", "Indication", "Success Response", "Error Response"};
    s.protocol = "STUN";
    s.info = std::string(methodName(method)) + " " + classes[(type & 0x0100) >> 7 | (type & 0x0010) >> 4];
    StunWalk(p, n, reported, s.info).attributes(20, reported, true, false);
    return s;
}

uint32_t stunMessageLength(const uint8_t* p, size_t n)
{
    if (n < 4)
        return 0;
    if (n >= 10 && loadBe32(p + 6) == kCookie)
        return loadBe16(p) + 2u; // RFC 4571 framing
    const uint32_t length = loadBe16(p + 2);
    if (loadBe16(p) & 0xc000)
        return (length + 4 + 3) & ~3u; // ChannelData, padded over a stream
    return length + 20;
}

StunSummary stunSegment(const uint8_t* p, size_t n, size_t reported)
{
    StunSummary last;
    std::string layers;
    std::string tail; // the exception that ended the walk, after the last message's Info
    for (size_t off = 0; off < reported;) {
        if (off + 4 > n) { // a length tshark cannot read: past the capture, or past the segment
            tail = n < reported ? kSizeLimited : kUnreassembled;
            break;
        }
        const uint32_t len = stunMessageLength(p + off, n - off);
        // RFC 4571 framing: the message after its two bytes of length.
        const size_t framing = n - off >= 10 && loadBe32(p + off + 6) == kCookie ? 2 : 0;
        const size_t avail = std::min<size_t>(len, n - off);
        if (avail > framing) {
            StunSummary one = stunDatagram(p + off + framing, avail - framing, len - framing, true);
            // A message running past a whole segment is read as a fragment: tshark's exception
            // for reading past it is the fragment's.
            if (one.protocol && len > reported - off && n == reported && one.info.ends_with(kSizeLimited))
                one.info.replace(one.info.size() - std::strlen(kSizeLimited), std::string::npos, kUnreassembled);
            if (one.protocol) {
                layers += *one.protocol == 'C' ? "classicstun\n" : "stun\n";
                if (one.info.starts_with("ChannelData") && avail > 4) // its data, after the 4-byte header
                    layers += "data\n";
                last = std::move(one);
            }
        }
        if (n - off < std::min<size_t>(len, reported - off))
            break; // the capture cut this message: tshark reads no further, and says nothing more
        off += len;
    }
    last.layers = std::move(layers);
    if (!tail.empty()) {
        if (!last.protocol)
            last.protocol = ""; // TCP's row, with the exception after its Info
        last.info += tail;
    }
    return last;
}

} // namespace synflow
