// The MPTCP option (TCP option kind 30, RFC 8684) decoded per subtype, as tshark -V shows it
// under "Options": MP_CAPABLE, MP_JOIN, DSS, ADD_ADDR, REMOVE_ADDR, MP_PRIO, MP_FAIL,
// MP_FASTCLOSE, MP_TCPRST. Lines tshark works out from the connection's other segments (the
// relative data sequence numbers and acknowledgements) are not shown (TSHARK_DIFFERENCES.md).
#include "tree/treebuild.h"

#include "fields/fieldregistry.h"
#include "output/textformat.h"

#include <array>

namespace synflow::treebuild {
namespace {

// SHA-256 (FIPS 180-4) of a short message: MPTCP v1 derives a key's token and initial data
// sequence number from it.
std::array<uint8_t, 32> sha256(const uint8_t* msg, size_t n)
{
    static constexpr uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
        0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
        0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
        0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
        0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
        0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::vector<uint8_t> m(msg, msg + n);
    m.push_back(0x80);
    while (m.size() % 64 != 56)
        m.push_back(0);
    for (int i = 7; i >= 0; --i)
        m.push_back(uint8_t((uint64_t(n) * 8) >> (i * 8)));
    const auto rotr = [](uint32_t x, int r) { return (x >> r) | (x << (32 - r)); };
    for (size_t block = 0; block < m.size(); block += 64) {
        uint32_t w[64];
        for (int i = 0; i < 16; ++i)
            w[i] = loadBe32(&m[block + size_t(i) * 4]);
        for (int i = 16; i < 64; ++i) {
            const uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
            const uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; ++i) {
            const uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
            const uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
        }
        h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
    }
    std::array<uint8_t, 32> out{};
    for (int i = 0; i < 32; ++i)
        out[size_t(i)] = uint8_t(h[i / 4] >> (24 - 8 * (i % 4)));
    return out;
}


std::string u64(uint64_t v) { return fmt("%llu", static_cast<unsigned long long>(v)); }

const char* subtypeName(unsigned subtype)
{
    static const char* names[] = {"Multipath Capable", "Join Connection", "Data Sequence Signal", "Add Address", "Remove Address",
                                  "Change Subflow Priority", "TCP Fallback", "Fast Close", "TCP Reset"};
    return subtype < std::size(names) ? names[subtype] : nullptr;
}

const char* resetReason(uint8_t code)
{
    switch (code) {
    case 0: return "Unspecified error";
    case 1: return "MPTCP-specific error";
    case 2: return "Lack of resources";
    case 3: return "Administratively prohibited";
    case 4: return "Too much outstanding data";
    case 5: return "Unacceptable performance";
    case 6: return "Middlebox interference";
    default: return nullptr;
    }
}

} // namespace

void buildMptcpOption(DetailTree& t, int32_t options, const DecodedPacket& d, uint32_t off, uint32_t len)
{
    const uint8_t* p = d.at(off);
    if (len < 3) {
        const int32_t x = t.add(options, "Multipath Transmission Control Protocol", off, len);
        t.add(x, &field("tcp.option_kind"), "Kind: Multipath TCP (30)", off, 1);
        t.add(x, &field("tcp.option_len"), fmt("Length: %u", len), off + 1, 1);
        return;
    }
    const unsigned subtype = p[2] >> 4;
    const char* name = subtypeName(subtype);
    const int32_t x = t.add(options, std::string("Multipath Transmission Control Protocol: ") + (name ? name : "Unknown"), off, len);
    t.add(x, &field("tcp.option_kind"), "Kind: Multipath TCP (30)", off, 1);
    t.add(x, &field("tcp.option_len"), fmt("Length: %u", len), off + 1, 1);
    t.add(x, bitLine(p[2], 0xf0, 8, fmt("Multipath TCP subtype: %s (%u)", name ? name : "Unknown", subtype)), off + 2, 1, 0xf0);
    const auto backupFlag = [&](int32_t flags) { t.add(flags, bitLine(p[2], 0x01, 8, fmt("Backup flag: %u", p[2] & 1)), off + 2, 1, 0x01); };
    const auto reserved12 = [&] {
        const uint16_t v = loadBe16(p + 2);
        t.add(x, bitLine(v, 0x0fff, 16, fmt("Reserved: 0x%03x", v & 0xfff)), off + 2, 2, 0x0fff);
    };
    switch (subtype) {
    case 0: { // MP_CAPABLE
        const unsigned version = p[2] & 0xf;
        t.add(x, bitLine(p[2], 0x0f, 8, fmt("Multipath TCP version: %u", version)), off + 2, 1, 0x0f);
        if (len < 4)
            break;
        const uint8_t fl = p[3];
        const int32_t f = t.add(x, fmt("Multipath TCP flags: 0x%02x", fl), off + 3, 1);
        t.add(f, bitLine(fl, 0x80, 8, fmt("Checksum required: %u", fl >> 7)), off + 3, 1, 0x80);
        t.add(f, bitLine(fl, 0x40, 8, fmt("Extensibility: %u", (fl >> 6) & 1)), off + 3, 1, 0x40);
        if (version == 1) {
            t.add(f, bitLine(fl, 0x20, 8, fmt("Do not attempt to establish new subflows to this address and port: %u", (fl >> 5) & 1)), off + 3, 1, 0x20);
            t.add(f, bitLine(fl, 0x01, 8, fmt("Use HMAC-SHA256: %u", fl & 1)), off + 3, 1, 0x01);
            t.add(f, bitLine(fl, 0x1e, 8, fmt("Reserved: 0x%x", (fl >> 1) & 0xf)), off + 3, 1, 0x1e);
        } else {
            t.add(f, bitLine(fl, 0x01, 8, fmt("Use HMAC-SHA1: %u", fl & 1)), off + 3, 1, 0x01);
            t.add(f, bitLine(fl, 0x3e, 8, fmt("Reserved: 0x%02x", (fl >> 1) & 0x1f)), off + 3, 1, 0x3e);
        }
        if (len >= 12) {
            t.add(x, "Sender's Key: " + u64(loadBe64(p + 4)), off + 4, 8);
            if (version == 1) { // the token and IDSN are the key's SHA-256, first 32 and last 64 bits
                const auto hash = sha256(p + 4, 8);
                t.add(x, fmt("[Subflow token generated from key: %u]", loadBe32(hash.data())));
                t.add(x, "[Subflow expected IDSN: " + u64(loadBe64(hash.data() + 24)) + " (64bits version)]");
            }
        }
        if (len >= 20)
            t.add(x, "Receiver's Key: " + u64(loadBe64(p + 12)), off + 12, 8);
        if (len >= 22)
            t.add(x, fmt("Data-level Length: %u", loadBe16(p + 20)), off + 20, 2);
        if (len >= 24)
            t.add(x, fmt("Checksum: 0x%04x", loadBe16(p + 22)), off + 22, 2);
        break;
    }
    case 1: // MP_JOIN: its three lengths are the handshake's three segments
        if (len == 12 || len == 16) {
            const int32_t f = t.add(x, fmt("Multipath TCP flags: 0x%02x", p[2]), off + 2, 1);
            backupFlag(f);
            t.add(x, fmt("Address ID: %u", p[3]), off + 3, 1);
            if (len == 12) {
                t.add(x, fmt("Receiver's Token: %u", loadBe32(p + 4)), off + 4, 4);
                t.add(x, fmt("Sender's Random Number: %u", loadBe32(p + 8)), off + 8, 4);
            } else {
                t.add(x, "Sender's Truncated HMAC: " + u64(loadBe64(p + 4)), off + 4, 8);
                t.add(x, fmt("Sender's Random Number: %u", loadBe32(p + 12)), off + 12, 4);
            }
        } else if (len == 24) {
            reserved12();
            t.add(x, "Sender's HMAC: " + hexBytes(p + 4, 20), off + 4, 20);
        }
        break;
    case 2: { // DSS
        if (len < 4)
            break;
        const uint8_t fl = p[3];
        const int32_t f = t.add(x, fmt("Multipath TCP flags: 0x%02x", fl), off + 3, 1);
        t.add(f, bitLine(fl, 0x10, 8, fmt("DATA_FIN: %u", (fl >> 4) & 1)), off + 3, 1, 0x10);
        t.add(f, bitLine(fl, 0x08, 8, fmt("Data Sequence Number is 8 octets: %u", (fl >> 3) & 1)), off + 3, 1, 0x08);
        t.add(f, bitLine(fl, 0x04, 8, fmt("Data Sequence Number, Subflow Sequence Number, Data-level Length, Checksum present: %u", (fl >> 2) & 1)), off + 3, 1, 0x04);
        t.add(f, bitLine(fl, 0x02, 8, fmt("Data ACK is 8 octets: %u", (fl >> 1) & 1)), off + 3, 1, 0x02);
        t.add(f, bitLine(fl, 0x01, 8, fmt("Data ACK is present: %u", fl & 1)), off + 3, 1, 0x01);
        uint32_t at = 4;
        if (fl & 0x01) {
            const bool wide = fl & 0x02;
            if (at + (wide ? 8 : 4) > len)
                break;
            t.add(x, wide ? "Original MPTCP Data ACK: " + u64(loadBe64(p + at)) + " (64bits)" : fmt("Original MPTCP Data ACK: %u", loadBe32(p + at)), off + at,
                  wide ? 8 : 4);
            at += wide ? 8 : 4;
        }
        if (fl & 0x04) {
            const bool wide = fl & 0x08;
            if (at + (wide ? 8 : 4) + 6 > len)
                break;
            t.add(x, wide ? "Data Sequence Number: " + u64(loadBe64(p + at)) + "  (64bits version)"
                          : fmt("Data Sequence Number: %u  (32bits version)", loadBe32(p + at)),
                  off + at, wide ? 8 : 4);
            at += wide ? 8 : 4;
            t.add(x, fmt("Subflow Sequence Number: %u", loadBe32(p + at)), off + at, 4);
            t.add(x, fmt("Data-level Length: %u", loadBe16(p + at + 4)), off + at + 4, 2);
            at += 6;
            if (at + 2 <= len)
                t.add(x, fmt("Checksum: 0x%04x", loadBe16(p + at)), off + at, 2);
        }
        break;
    }
    case 3: { // ADD_ADDR (RFC 8684): an echo carries no HMAC; the length tells IPv4 from IPv6 and a port
        t.add(x, bitLine(p[2], 0x01, 8, fmt("Echo: %u", p[2] & 1)), off + 2, 1, 0x01);
        if (len < 4)
            break;
        t.add(x, fmt("Address ID: %u", p[3]), off + 3, 1);
        const bool echo = p[2] & 1;
        const uint32_t rest = len - 4 - (echo ? 0 : 8); // address and port
        const bool v6 = rest == 16 || rest == 18;
        if (rest < 4 || (rest != 4 && rest != 6 && !v6))
            break;
        if (v6)
            t.add(x, "Advertised IPv6 Address: " + formatIpv6(p + 4), off + 4, 16);
        else
            t.add(x, "Advertised IPv4 Address: " + formatIpv4(p + 4), off + 4, 4);
        const uint32_t addr = v6 ? 16 : 4;
        if (rest == addr + 2)
            t.add(x, fmt("Advertised port: %u", loadBe16(p + 4 + addr)), off + 4 + addr, 2);
        if (!echo)
            t.add(x, "Truncated HMAC: " + u64(loadBe64(p + 4 + rest)), off + 4 + rest, 8);
        break;
    }
    case 4: // REMOVE_ADDR
        t.add(x, fmt("[Number of removed addresses: %u]", len - 3));
        for (uint32_t i = 3; i < len; ++i)
            t.add(x, fmt("Address ID: %u", p[i]), off + i, 1);
        break;
    case 5: { // MP_PRIO
        const int32_t f = t.add(x, fmt("Multipath TCP flags: 0x%02x", p[2]), off + 2, 1);
        backupFlag(f);
        if (len >= 4)
            t.add(x, fmt("Address ID: %u", p[3]), off + 3, 1);
        break;
    }
    case 6: // MP_FAIL
        if (len < 12)
            break;
        reserved12();
        t.add(x, "Data Sequence Number: " + u64(loadBe64(p + 4)), off + 4, 8);
        break;
    case 7: // MP_FASTCLOSE
        if (len < 12)
            break;
        reserved12();
        t.add(x, "Receiver's Key: " + u64(loadBe64(p + 4)), off + 4, 8);
        break;
    case 8: { // MP_TCPRST
        const uint8_t fl = p[2] & 0x0f;
        std::string names;
        static const char* flagNames[] = {"Transient", "Flag W", "Flag V", "Flag U"};
        for (int b = 3; b >= 0; --b)
            if (fl & (1 << b))
                names += std::string(", ") + flagNames[b];
        const int32_t f = t.add(x, fmt("Multipath TCP flags: 0x%02x", p[2]) + names, off + 2, 1);
        for (int b = 3; b >= 0; --b)
            t.add(f, bitLine(fl, 1u << b, 4, std::string(flagNames[b]) + ": " + ((fl & (1 << b)) ? "Set" : "Not set")), off + 2, 1, 1u << b);
        if (len >= 4)
            t.add(x, fmt("TCPRST Reason: %s (0x%02x)", resetReason(p[3]) ? resetReason(p[3]) : "Unknown", p[3]), off + 3, 1);
        break;
    }
    default:
        break;
    }
}

} // namespace synflow::treebuild
