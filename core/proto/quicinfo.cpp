#include "proto/quicinfo.h"

#include "output/textformat.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace synflow {

namespace {

constexpr uint32_t kVersion1 = 0x00000001, kVersion2 = 0x6b3343cf, kVersion2Draft = 0x709a50c4;

bool knownVersion(uint32_t v)
{
    return v == kVersion1 || v == kVersion2 || v == kVersion2Draft || (v & 0xffffff00) == 0xff000000;
}

// A variable-length integer (RFC 9000 section 16) at `at`; false when it runs past `end`.
bool varint(const uint8_t* p, size_t end, size_t& at, uint64_t& value)
{
    if (at >= end)
        return false;
    const size_t len = size_t(1) << (p[at] >> 6);
    if (end - at < len)
        return false;
    value = p[at] & 0x3f;
    for (size_t i = 1; i < len; ++i)
        value = value << 8 | p[at + i];
    at += len;
    return true;
}

std::string hex(const uint8_t* p, size_t n)
{
    std::string s;
    appendHexBytes(s, p, n);
    return s;
}

// The Initial packets' keys (RFC 9001 section 5.2): HKDF over the client's first DCID.
struct InitialKeys {
    std::array<uint8_t, 16> key, hp;
    std::array<uint8_t, 12> iv;
};

bool hmacSha256(const uint8_t* key, size_t keyLen, const uint8_t* data, size_t len, uint8_t out[32])
{
    unsigned outLen = 0;
    return HMAC(EVP_sha256(), key, int(keyLen), data, len, out, &outLen) && outLen == 32;
}

// HKDF-Expand-Label with an empty context, for outputs of at most one hash (32 bytes).
bool expandLabel(const uint8_t secret[32], const char* label, uint8_t* out, size_t length)
{
    std::vector<uint8_t> info = {uint8_t(length >> 8), uint8_t(length)};
    const std::string full = std::string("tls13 ") + label;
    info.push_back(uint8_t(full.size()));
    info.insert(info.end(), full.begin(), full.end());
    info.push_back(0); // context
    info.push_back(1); // the block counter
    uint8_t block[32];
    if (!hmacSha256(secret, 32, info.data(), info.size(), block))
        return false;
    std::memcpy(out, block, length);
    return true;
}

bool initialKeys(const std::string& dcid, bool server, InitialKeys& k)
{
    static const uint8_t salt[] = {0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17,
                                   0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a};
    uint8_t initial[32], secret[32];
    return hmacSha256(salt, sizeof salt, reinterpret_cast<const uint8_t*>(dcid.data()), dcid.size(), initial)
        && expandLabel(initial, server ? "server in" : "client in", secret, 32) && expandLabel(secret, "quic key", k.key.data(), 16)
        && expandLabel(secret, "quic iv", k.iv.data(), 12) && expandLabel(secret, "quic hp", k.hp.data(), 16);
}

bool aesEcb(const uint8_t key[16], const uint8_t in[16], uint8_t out[16])
{
    EVP_CIPHER_CTX* c = EVP_CIPHER_CTX_new();
    int len = 0;
    const bool ok = c && EVP_EncryptInit_ex(c, EVP_aes_128_ecb(), nullptr, key, nullptr) && EVP_CIPHER_CTX_set_padding(c, 0)
        && EVP_EncryptUpdate(c, out, &len, in, 16) && len == 16;
    EVP_CIPHER_CTX_free(c);
    return ok;
}

bool aesGcmOpen(const InitialKeys& k, uint64_t pn, const uint8_t* aad, size_t aadLen, const uint8_t* in, size_t len, std::vector<uint8_t>& out)
{
    if (len < 16)
        return false;
    std::array<uint8_t, 12> nonce = k.iv;
    for (int i = 0; i < 8; ++i)
        nonce[11 - i] ^= uint8_t(pn >> (8 * i));
    EVP_CIPHER_CTX* c = EVP_CIPHER_CTX_new();
    out.resize(len - 16);
    int n = 0, last = 0;
    bool ok = c && EVP_DecryptInit_ex(c, EVP_aes_128_gcm(), nullptr, k.key.data(), nonce.data())
        && EVP_DecryptUpdate(c, nullptr, &n, aad, int(aadLen))
        && EVP_DecryptUpdate(c, out.data(), &n, in, int(len - 16))
        && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, const_cast<uint8_t*>(in + len - 16))
        && EVP_DecryptFinal_ex(c, out.data() + n, &last) > 0;
    EVP_CIPHER_CTX_free(c);
    return ok;
}

// The frames of a decrypted payload as tshark lists them: short names, a stream's ID in
// parentheses, a run of PADDING as one.
std::string frameList(const std::vector<uint8_t>& f)
{
    std::string out;
    const uint8_t* p = f.data();
    const size_t end = f.size();
    size_t at = 0;
    auto name = [&](const std::string& s) { out += ", " + s; };
    auto skip = [&](int count) {
        uint64_t v;
        for (int i = 0; i < count; ++i)
            if (!varint(p, end, at, v))
                return false;
        return true;
    };
    auto withId = [&](const char* s) {
        uint64_t id;
        if (!varint(p, end, at, id))
            return false;
        name(std::string(s) + "(" + std::to_string(id) + ")");
        return true;
    };
    auto bytes = [&](uint64_t n) {
        if (end - at < n)
            return false;
        at += size_t(n);
        return true;
    };
    while (at < end) {
        uint64_t type, v;
        if (!varint(p, end, at, type))
            break;
        bool ok = true;
        switch (type) {
        case 0x00:
            while (at < end && p[at] == 0)
                ++at;
            name("PADDING");
            break;
        case 0x01: name("PING"); break;
        case 0x02:
        case 0x03: {
            name(type == 0x02 ? "ACK" : "ACK_ECN");
            uint64_t ranges = 0;
            ok = skip(2) && varint(p, end, at, ranges) && skip(1);
            for (uint64_t i = 0; ok && i < ranges; ++i)
                ok = skip(2);
            ok = ok && (type == 0x02 || skip(3));
            break;
        }
        case 0x04: ok = withId("RS") && skip(2); break;
        case 0x05: ok = withId("SS") && skip(1); break;
        case 0x06: // tshark keeps a cut CRYPTO frame's data for reassembly: no exception
            name("CRYPTO");
            if (!(skip(1) && varint(p, end, at, v) && bytes(v)))
                return out;
            break;
        case 0x07: name("NT"); ok = varint(p, end, at, v) && bytes(v); break;
        case 0x10: name("MD"); ok = skip(1); break;
        case 0x11: ok = withId("MSD") && skip(1); break;
        case 0x12:
        case 0x13: name("MS"); ok = skip(1); break;
        case 0x14: name("DB"); ok = skip(1); break;
        case 0x15: ok = withId("SDB") && skip(1); break;
        case 0x16:
        case 0x17: name("SB"); ok = skip(1); break;
        case 0x18: name("NCI"); ok = skip(2) && at < end && bytes(1 + uint64_t(p[at]) + 16); break;
        case 0x19: name("RC"); ok = skip(1); break;
        case 0x1a: name("PC"); ok = bytes(8); break;
        case 0x1b: name("PR"); ok = bytes(8); break;
        case 0x1c:
        case 0x1d: name("CC"); ok = skip(type == 0x1c ? 2 : 1) && varint(p, end, at, v) && bytes(v); break;
        case 0x1e: name("DONE"); break;
        case 0x30: name("DG"); at = end; break;
        case 0x31: name("DG"); ok = varint(p, end, at, v) && bytes(v); break;
        default:
            if (type >= 0x08 && type <= 0x0f) { // STREAM: offset and length as its bits say
                ok = withId("STREAM") && ((type & 0x04) == 0 || skip(1));
                if (ok && (type & 0x02))
                    ok = varint(p, end, at, v) && bytes(v);
                else if (ok)
                    at = end;
            }
            break; // a type tshark has no name for: nothing listed
        }
        if (!ok) { // a frame cut short ends the list
            out += "[Malformed Packet]";
            break;
        }
    }
    return out;
}

// The long header packet's type name, by version (version 2 numbers them differently).
const char* longTypeName(uint32_t version, int type)
{
    static const char* const v1[] = {"Initial", "0-RTT", "Handshake", "Retry"};
    static const char* const v2[] = {"Retry", "Initial", "0-RTT", "Handshake"};
    return (version == kVersion2 || version == kVersion2Draft ? v2 : v1)[type & 3];
}

} // namespace

void QuicConnections::learn(uint64_t flow, bool fromClient, const uint8_t* p, size_t n)
{
    // Every long header names its sender's connection ID; the client's first Initial also the
    // ID its keys come from.
    size_t at = 0;
    while (n - at >= 7 && (p[at] & 0x80)) {
        const uint32_t version = uint32_t(p[at + 1]) << 24 | uint32_t(p[at + 2]) << 16 | uint32_t(p[at + 3]) << 8 | p[at + 4];
        if (version != 0 && !knownVersion(version))
            return;
        const size_t dcidLen = p[at + 5];
        if (n - at < 7 + dcidLen || n - at < 7 + dcidLen + p[at + 6 + dcidLen])
            return;
        const size_t scidLen = p[at + 6 + dcidLen];
        Connection& c = connections_[flow];
        const std::string dcid(reinterpret_cast<const char*>(p + at + 6), dcidLen);
        const std::string scid(reinterpret_cast<const char*>(p + at + 7 + dcidLen), scidLen);
        const bool initial = version != 0 && std::string_view(longTypeName(version, p[at] >> 4)) == "Initial";
        if (fromClient && initial && c.originalDcid.empty())
            c.originalDcid = dcid;
        if (!scid.empty() && std::find(c.ids.begin(), c.ids.end(), scid) == c.ids.end() && c.ids.size() < 16)
            c.ids.push_back(scid);
        // On to a coalesced packet: the Length field ends this one (Retry has none).
        if (version == 0 || std::string_view(longTypeName(version, p[at] >> 4)) == "Retry")
            return;
        size_t pos = at + 7 + dcidLen + scidLen;
        uint64_t token = 0, length = 0;
        if (initial && (!varint(p, n, pos, token) || n - pos < token))
            return;
        pos += initial ? size_t(token) : 0;
        if (!varint(p, n, pos, length) || n - pos < length)
            return;
        at = pos + size_t(length);
    }
}

const QuicConnections::Connection* QuicConnections::find(uint64_t flow) const
{
    const auto it = connections_.find(flow);
    return it == connections_.end() ? nullptr : &it->second;
}

std::optional<QuicSummary> quicInfo(const uint8_t* p, size_t n, size_t reported, bool fromClient,
                                    const QuicConnections::Connection* connection)
{
    if (n == 0)
        return std::nullopt;
    // A header that does not fit stops QUIC before it writes its Info.
    const QuicSummary cut{{}, n < reported ? "[Packet size limited during capture]" : "[Malformed Packet]"};
    std::string info;
    size_t at = 0;
    while (at < n) {
        const uint8_t* h = p + at;
        const size_t left = n - at;
        if (!(h[0] & 0x80)) {
            // A short header is QUIC only in a conversation whose long headers (anywhere in the
            // capture: tshark's second pass) made it one; its DCID's length is known from them,
            // and its key phase bit is under header protection, which tshark cannot remove here.
            if (!connection)
                return info.empty() ? std::nullopt : std::optional<QuicSummary>(QuicSummary{info, nullptr});
            info = "Protected Payload (KP0)";
            for (size_t k = 0; k < connection->ids.size(); ++k) {
                const std::string& id = connection->ids[k];
                if (left >= 1 + id.size() + 20 && std::memcmp(h + 1, id.data(), id.size()) == 0) { // room for its sample
                    info += ", DCID=" + hex(h + 1, id.size());
                    break;
                }
            }
            break;
        }
        if (left < 7)
            return cut;
        const uint32_t version = uint32_t(h[1]) << 24 | uint32_t(h[2]) << 16 | uint32_t(h[3]) << 8 | h[4];
        const size_t dcidLen = h[5];
        if (left < 7 + dcidLen || left < 7 + dcidLen + h[6 + dcidLen])
            return cut;
        const size_t scidLen = h[6 + dcidLen];
        const uint8_t* dcid = h + 6;
        const uint8_t* scid = h + 7 + dcidLen;
        if (version != 0 && !knownVersion(version))
            return cut; // QUIC's port, but no version it reads
        std::string packet = version == 0 ? "Version Negotiation" : longTypeName(version, h[0] >> 4);
        if (dcidLen)
            packet += ", DCID=" + hex(dcid, dcidLen);
        if (scidLen)
            packet += ", SCID=" + hex(scid, scidLen);
        const bool initial = packet.starts_with("Initial");
        size_t pos = 7 + dcidLen + scidLen;
        uint64_t token = 0, length = 0;
        if (initial && (!varint(h, left, pos, token) || left - pos < token))
            return cut;
        pos += initial ? size_t(token) : 0;
        if (version != 0 && !packet.starts_with("Retry") && !varint(h, left, pos, length))
            return cut;
        info = std::move(packet);
        if (version == 0 || info.starts_with("Retry") || left - pos < length)
            break; // the rest of the datagram is theirs (or the packet runs past it: not read)
        const size_t end = pos + size_t(length);
        // Only an Initial packet of version 1 can be read: its keys are public.
        const std::string ownDcid(reinterpret_cast<const char*>(dcid), dcidLen);
        const std::string* secret = connection && !connection->originalDcid.empty() ? &connection->originalDcid
            : fromClient                                                             ? &ownDcid
                                                                                     : nullptr;
        InitialKeys keys;
        uint8_t mask[16];
        if (initial && version == kVersion1 && secret && end >= pos + 20 && initialKeys(*secret, !fromClient, keys)
            && aesEcb(keys.hp.data(), h + pos + 4, mask)) {
            std::vector<uint8_t> header(h, h + pos + 4);
            header[0] ^= mask[0] & 0x0f;
            const size_t pnLen = (header[0] & 3) + 1;
            uint64_t pn = 0; // as sent: Initial packets' numbers are small enough not to wrap
            for (size_t i = 0; i < pnLen; ++i) {
                header[pos + i] ^= mask[1 + i];
                pn = pn << 8 | header[pos + i];
            }
            header.resize(pos + pnLen);
            info += ", PKN: " + std::to_string(pn);
            std::vector<uint8_t> frames;
            if (aesGcmOpen(keys, pn, header.data(), header.size(), h + pos + pnLen, end - pos - pnLen, frames))
                info += frameList(frames);
        }
        at += end;
    }
    return QuicSummary{info, nullptr};
}

} // namespace synflow
