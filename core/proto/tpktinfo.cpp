#include "proto/tpktinfo.h"

#include "decode/bytes.h"
#include "output/exceptiontext.h"
#include "output/textformat.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string_view>

namespace synflow {

namespace {

// One PDU's bytes: `cap` captured, `inSegment` of its length within the segment, `len` its length.
struct Pdu {
    const uint8_t* p;
    size_t cap, inSegment, len;
};

// Where a dissector stopped: the exception's text for a read up to `end`, or null.
struct TpktReader {
    const Pdu& d;
    const char* pastText;
    const char* stop = nullptr;
    bool need(size_t end)
    {
        if (end <= d.cap)
            return true;
        if (!stop)
            stop = end <= d.inSegment ? kSizeLimited : pastText;
        return false;
    }
};

struct Result {
    std::string protocol = "TPKT", info, layers = "tpkt\n";
    const char* stop = nullptr;
};

void layer(Result& r, const char* name)
{
    r.layers += name;
    r.layers += '\n';
}


std::string hex4(uint16_t v)
{
    std::string s;
    appendHex4(s, v);
    return s;
}

const char* negotiationFailure(uint32_t code)
{
    switch (code) {
    case 1: return "TLS required by server";
    case 2: return "TLS not allowed by server";
    case 3: return "TLS certificate not on server";
    case 4: return "Inconsistent flags";
    case 5: return "Server requires Enhanced RDP Security with CredSSP";
    case 6: return "Server requires Enhanced RDP Security with TLS and certificate-based client authentication";
    default: return nullptr;
    }
}

// RDP's heuristic on a CR's variable part: a routing token or cookie line, then the negotiation
// request, or the request alone (its length field 8). False when RDP does not take it.
bool rdpConnectRequest(const uint8_t* v, size_t n, TpktReader& rd, std::string& info)
{
    if (n >= 8 && std::memcmp(v, "Cookie: ", 8) == 0) {
        size_t eol = 8;
        while (eol < n && v[eol] != '\r' && v[eol] != '\n')
            ++eol;
        info.assign(reinterpret_cast<const char*>(v), eol);
        size_t next = eol;
        if (next < n && v[next] == '\r')
            ++next;
        if (next < n && v[next] == '\n')
            ++next;
        if (next < n) { // what follows the line is the request, whatever its type says
            info += ", Negotiate Request";
            rd.need(size_t(v - rd.d.p) + next + 8);
        }
        return true;
    }
    if (n >= 4 && v[0] == 1 && loadLe16(v + 2) == 8) {
        info = "Negotiate Request";
        rd.need(size_t(v - rd.d.p) + 8);
        return true;
    }
    return false;
}

// RDP's heuristic on a CC's variable part: the negotiation's response or failure.
bool rdpConnectConfirm(const uint8_t* v, size_t n, TpktReader& rd, std::string& info)
{
    if (n < 1 || (v[0] != 2 && v[0] != 3))
        return false;
    if (v[0] == 2) {
        info = "Negotiate Response";
        rd.need(size_t(v - rd.d.p) + 8);
        return true;
    }
    info = "Negotiate Failure";
    if (!rd.need(size_t(v - rd.d.p) + 8))
        return true;
    const uint32_t code = loadLe32(v + 4);
    info += ", failureCode ";
    if (const char* name = negotiationFailure(code)) {
        info += name;
    } else {
        char b[32];
        std::snprintf(b, sizeof b, "Unknown (0x%08x)", code);
        info += b;
    }
    return true;
}

const char* encryptionMethod(uint32_t m)
{
    switch (m) {
    case 0: return "None";
    case 1: return "40-bit RC4";
    case 2: return "128-bit RC4";
    case 8: return "56-bit RC4";
    case 0x10: return "FIPS140-1 3DES";
    default: return "Unknown";
    }
}

const char* encryptionLevel(uint32_t l)
{
    switch (l) {
    case 0: return "None";
    case 1: return "Low";
    case 2: return "Client Compatible";
    case 3: return "High";
    case 4: return "FIPS140-1";
    default: return "Unknown";
    }
}

// MCS's Connect-Initial or Connect-Response (BER): RDP's conference data inside GCC's, found by
// its H.221 key ("Duca" from the client, "McDn" from the server).
void mcsConnect(const uint8_t* m, size_t n, bool initial, Result& r)
{
    r.protocol = "T.125";
    r.info.clear();
    layer(r, "t125");
    const std::string_view bytes(reinterpret_cast<const char*>(m), n);
    const size_t key = bytes.find(initial ? "Duca" : "McDn");
    if (key == std::string_view::npos)
        return;
    layer(r, "t124");
    layer(r, "rdp");
    r.protocol = "RDP";
    if (initial) {
        r.info = "ClientData";
        return;
    }
    r.info = "ServerData";
    // The blocks after the key's PER length: a 16-bit type and length each; SC_SECURITY (0x0c02)
    // holds the encryption's method and level.
    size_t at = key + 4;
    if (at < n)
        at += (m[at] & 0x80) ? 2 : 1;
    while (at + 4 <= n) {
        const uint16_t type = loadLe16(m + at), len = loadLe16(m + at + 2);
        if (len < 4)
            break;
        if (type == 0x0c02 && at + 12 <= n) {
            r.info += " Encryption: ";
            r.info += encryptionMethod(loadLe32(m + at + 4));
            r.info += " (";
            r.info += encryptionLevel(loadLe32(m + at + 8));
            r.info += ')';
            break;
        }
        at += len;
    }
}

// A DT's user data: MCS (T.125) when its heuristic takes it, else data. `at`: where it starts in
// the PDU.
void dataPayload(const Pdu& d, size_t at, TpktReader& outer, Result& r)
{
    if (at >= d.len)
        return;
    const uint8_t* m = d.p + at;
    const size_t cap = at < d.cap ? d.cap - at : 0;
    if (cap >= 2 && m[0] == 0x7f && m[1] >= 0x65 && m[1] <= 0x66) {
        mcsConnect(m, cap, m[1] == 0x65, r);
        return;
    }
    // PER DomainMCSPDU: the choice in the first byte's top six bits; T.125's heuristic takes these.
    const unsigned choice = cap ? m[0] >> 2 : 64;
    const char* name = nullptr;
    switch (choice) {
    case 1: name = "erectDomainRequest"; break;
    case 8: name = "disconnectProviderUltimatum"; break;
    case 10: name = "attachUserRequest"; break;
    case 11: name = "attachUserConfirm"; break;
    case 14: name = "channelJoinRequest"; break;
    case 15: name = "channelJoinConfirm"; break;
    case 25: case 26: name = ""; break; // sendDataRequest, sendDataIndication: the channel alone
    default: layer(r, "data"); return;
    }
    r.protocol = "T.125";
    r.info.clear();
    layer(r, "t125");
    // PER reads a copy of the bytes, not TCP's fragment: past them is malformed in both modes.
    TpktReader rd{d, kMalformed};
    std::string text = name;
    text += ' ';
    switch (choice) {
    case 11: // attachUserConfirm: result, then the optional initiator
        rd.need(at + ((m[0] & 2) ? 4 : 2));
        break;
    case 14: // channelJoinRequest: initiator, channelId
        if (rd.need(at + 5))
            text += std::to_string(loadBe16(m + 3));
        break;
    case 15: { // channelJoinConfirm: result, initiator, requested, then the optional channelId
        const bool withId = m[0] & 2;
        if (rd.need(at + (withId ? 8 : 6)) && withId)
            text += std::to_string(loadBe16(m + 6));
        break;
    }
    case 25: case 26: // initiator, channelId (written as read), priority and segmentation, the data's length
        text.clear();
        if (rd.need(at + 5))
            r.info = std::to_string(loadBe16(m + 3));
        if (rd.need(at + 7) && (m[6] & 0x80))
            rd.need(at + 8);
        break;
    default: break;
    }
    if (!rd.stop && choice != 25 && choice != 26)
        r.info = text;
    outer.stop = rd.stop;
}

// One TPKT's COTP TPDU and what it carries.
void cotp(const Pdu& d, TpktReader& rd, Result& r)
{
    if (d.len <= 4)
        return; // a bare TPKT header
    if (!rd.need(5))
        return;
    const uint8_t li = d.p[4];
    if (li == 0) {
        r.info = "Length indicator is zero";
        layer(r, "data");
        return;
    }
    if (size_t(li) + 5 > d.len || !rd.need(6)) {
        if (!rd.stop)
            layer(r, "data");
        return;
    }
    const uint8_t code = d.p[5] >> 4;
    const uint8_t* t = d.p + 5; // the TPDU after its length indicator
    const size_t after = 5 + size_t(li); // where the user data starts
    const auto dstSrc = [&](const char* name) {
        return std::string(name) + " TPDU src-ref: " + hex4(loadBe16(t + 3)) + " dst-ref: " + hex4(loadBe16(t + 1));
    };
    switch (code) {
    case 0xe: case 0xd: { // CR, CC: references, class, then RDP's negotiation or the parameters
        if (li < 6) {
            layer(r, "data");
            return;
        }
        if (!rd.need(11))
            return;
        if ((t[5] >> 4) > 4) { // class 0 to 4 only: not COTP
            layer(r, "data");
            return;
        }
        r.protocol = "COTP";
        r.info = dstSrc(code == 0xe ? "CR" : "CC");
        layer(r, "cotp");
        const uint8_t* v = d.p + 11;
        const size_t vn = li - 6;
        std::string rdp;
        if (vn > 0 && rd.need(after)
            && (code == 0xe ? rdpConnectRequest(v, vn, rd, rdp) : rdpConnectConfirm(v, vn, rd, rdp))) {
            r.protocol = "RDP";
            r.info = rdp;
            layer(r, "rdp");
        } else if (vn > 0) {
            // The parameters: a code and a length each; one running past the part stops COTP.
            for (size_t at = 11; at < after && !rd.stop;) {
                if (at + 2 > after) {
                    break;
                }
                if (!rd.need(at + 2))
                    break;
                const size_t plen = d.p[at + 1];
                if (at + 2 + plen > after) {
                    rd.need(d.len + 1); // read past the PDU
                    r.protocol = "TPKT"; // COTP names the column last
                    break;
                }
                at += 2 + plen;
            }
        }
        if (!rd.stop && after < d.len)
            dataPayload(d, after, rd, r);
        return;
    }
    case 0xf: { // DT: the TPDU number and end-of-TSDU mark, then the user data
        if (li != 2 || !rd.need(7)) {
            if (!rd.stop)
                layer(r, "data");
            return;
        }
        r.protocol = "COTP";
        layer(r, "cotp");
        const uint8_t nr = t[1] & 0x7f;
        if (!(t[1] & 0x80)) {
            r.info = "DT TPDU (" + std::to_string(nr) + ") [COTP fragment, " + std::to_string(d.len - after) + " bytes]";
            return;
        }
        r.info = "DT TPDU (" + std::to_string(nr) + ") EOT";
        dataPayload(d, after, rd, r);
        return;
    }
    case 0x8: case 0xc: // DR, DC
        if (li < 6) {
            layer(r, "data");
            return;
        }
        if (!rd.need(10))
            return;
        r.protocol = "COTP";
        r.info = dstSrc(code == 0x8 ? "DR" : "DC");
        layer(r, "cotp");
        return;
    case 0x6: case 0x1: case 0x2: case 0x5: { // AK, ED, EA, RJ: the reference and a TPDU number
        if (li < 4) {
            layer(r, "data");
            return;
        }
        if (!rd.need(9))
            return;
        static constexpr const char* kNames[] = {"", "ED", "EA", "", "", "RJ", "AK"};
        r.protocol = "COTP";
        r.info = std::string(kNames[code]) + " TPDU (" + std::to_string(t[3] & 0x7f) + ") dst-ref: " + hex4(loadBe16(t + 1));
        layer(r, "cotp");
        return;
    }
    case 0x7: // ER
        if (li < 4) {
            layer(r, "data");
            return;
        }
        if (!rd.need(8))
            return;
        r.protocol = "COTP";
        r.info = "ER TPDU dst-ref: " + hex4(loadBe16(t + 1));
        layer(r, "cotp");
        return;
    default: {
        char b[40];
        std::snprintf(b, sizeof b, "Unknown TPDU type (0x%x)", unsigned(code));
        r.info = b;
        layer(r, "data");
        return;
    }
    }
}

const char* fastPathUpdate(unsigned code)
{
    static constexpr const char* kNames[] = {"Orders", "Bitmap", "Palette", "Synchronize", "Surface", "NullPointer",
                                             "DefaultPointer", nullptr, "PointerPosition", "ColorPointer",
                                             "CachedPointer", "NewPointer", "LargePointer"};
    return code < std::size(kNames) && kNames[code] ? kNames[code] : "Unknown";
}

// RDP's heuristic on what is not a TPKT: a fast-path PDU whose length is the segment's. Its
// updates are named unless encrypted (tshark reads them all as the server's output).
bool fastPath(const uint8_t* p, size_t n, size_t reported, const char* pastText, Result& r)
{
    if (n < 2 || (p[0] & 3) != 0)
        return false;
    size_t header = 2, len = p[1];
    if (p[1] & 0x80) {
        if (n < 3)
            return false;
        header = 3;
        len = size_t(p[1] & 0x7f) << 8 | p[2];
    }
    if (len != reported || n != reported) // the heuristic compares with the bytes captured
        return false;
    r.protocol = "RDP";
    r.info = "Fast-Path PDU";
    r.layers = "rdp\n"; // no TPKT item in the tree: RDP's is TCP's child
    if (p[0] & 0x80)
        return true;
    const Pdu d{p, n, reported, reported};
    TpktReader rd{d, pastText};
    for (size_t at = header; reported - std::min(at, reported) >= 2;) { // a last byte alone is not read
        const uint8_t h = rd.need(at + 1) ? p[at] : 0;
        if (rd.stop)
            break;
        size_t next = at + 1 + (((h >> 6) & 2) ? 1 : 0);
        if (!rd.need(next + 2))
            break;
        const size_t size = loadLe16(p + next);
        next += 2;
        r.info += ',';
        r.info += fastPathUpdate(h & 0x0f);
        if ((h & 0x0f) == 0 && size > 0 && !rd.need(next + 2)) // Orders: their count
            break;
        at = next + size;
    }
    r.stop = rd.stop;
    return true;
}

} // namespace

uint32_t tpktLength(const uint8_t* p, size_t n, bool& needMore)
{
    needMore = false;
    if (n == 0 || p[0] != 3)
        return 0;
    if (n < 4) {
        needMore = true;
        return 0;
    }
    const uint32_t len = loadBe16(p + 2);
    return len >= 4 ? len : 0;
}

TpktSummary tpktSummary(const uint8_t* p, size_t n, size_t reported, bool reassembling)
{
    const char* pastText = reassembling ? kMalformed : kUnreassembled;
    Result r;
    if (n == 0)
        return {};
    if (p[0] != 3 && !fastPath(p, n, reported, pastText, r)) {
        r.info = "Continuation";
    } else if (p[0] == 3) {
        std::string before; // the layers of the PDUs before a tail that is not one
        for (size_t off = 0; off < reported;) {
            if (off >= n) {
                r.stop = kSizeLimited;
                break;
            }
            if (p[off] != 3) { // a tail that is no TPKT: shown as a continuation, its bytes data first
                r.protocol = "TPKT";
                r.info = "Continuation";
                r.layers = "tpkt\ndata\n" + r.layers.substr(5);
                break;
            }
            if (reported - off < 4) { // TPKT waits for its header; without reassembly it reads past the segment
                if (!reassembling)
                    r.stop = pastText;
                break;
            }
            if (n - off < 4) {
                r.stop = kSizeLimited;
                break;
            }
            const size_t len = loadBe16(p + off + 2);
            const size_t inSegment = std::min(len, reported - off);
            const Pdu d{p + off, std::min(std::min(len, n - off), inSegment), inSegment, inSegment};
            TpktReader rd{d, pastText};
            if (len < 4) {
                rd.need(reported - off + 1);
                r.stop = rd.stop;
                break;
            }
            r.protocol = "TPKT";
            r.info.clear();
            cotp(d, rd, r);
            if (!rd.stop && d.cap < d.inSegment && r.layers.ends_with("data\n"))
                rd.stop = kSizeLimited; // the data TPKT's bytes end in was cut
            if (rd.stop) {
                r.stop = rd.stop;
                break;
            }
            off += len;
        }
    }
    if (r.stop) {
        r.info += r.stop;
        layer(r, r.stop == kSizeLimited ? "_ws.short" : r.stop == kUnreassembled ? "_ws.unreassembled" : "_ws.malformed");
    }
    if (!r.layers.empty())
        r.layers.pop_back();
    return {std::move(r.protocol), std::move(r.info), std::move(r.layers)};
}

} // namespace synflow
