#include "proto/quicinfo.h"
#include "output/exceptiontext.h"

#include "output/textformat.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace synflow {

namespace {

constexpr uint32_t kVersion1 = 0x00000001, kVersion2 = 0x6b3343cf;

// The draft a version follows, as tshark numbers them: 0 for none it knows.
int draftOf(uint32_t v)
{
    if ((v & 0xffffff00) == 0xff000000)
        return int(v & 0xff);
    if ((v & 0x0f0f0f0f) == 0x0a0a0a0a) // reserved to force version negotiation: read as draft 29
        return 29;
    switch (v) {
    case 0xfaceb001: return 22;
    case 0xfaceb002:
    case 0xfaceb00e: return 27;
    case kVersion1: return 34;
    case kVersion2: return 100;
    default: return 0;
    }
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

// The Initial salt each family of versions was given (RFC 9001, RFC 9369, the drafts); false
// for a version whose salt tshark does not know (Google's Q050, T050, T051).
bool initialKeys(const std::string& dcid, uint32_t version, bool server, InitialKeys& k)
{
    static const uint8_t draft22[] = {0x7f, 0xbc, 0xdb, 0x0e, 0x7c, 0x66, 0xbb, 0xe9, 0x19, 0x3a,
                                      0x96, 0xcd, 0x21, 0x51, 0x9e, 0xbd, 0x7a, 0x02, 0x64, 0x4a};
    static const uint8_t draft23[] = {0xc3, 0xee, 0xf7, 0x12, 0xc7, 0x2e, 0xbb, 0x5a, 0x11, 0xa7,
                                      0xd2, 0x43, 0x2b, 0xb4, 0x63, 0x65, 0xbe, 0xf9, 0xf5, 0x02};
    static const uint8_t draft29[] = {0xaf, 0xbf, 0xec, 0x28, 0x99, 0x93, 0xd2, 0x4c, 0x9e, 0x97,
                                      0x86, 0xf1, 0x9c, 0x61, 0x11, 0xe0, 0x43, 0x90, 0xa8, 0x99};
    static const uint8_t v1[] = {0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17,
                                 0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a};
    static const uint8_t v2[] = {0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb, 0x81, 0x93,
                                 0x81, 0xbe, 0x6e, 0x26, 0x9d, 0xcb, 0xf9, 0xbd, 0x2e, 0xd9};
    const int draft = draftOf(version);
    if (draft == 0)
        return false;
    // Drafts after 34 share version 2's salt, as tshark 4.0 has it; only version 2 renames the labels.
    const uint8_t* salt = draft <= 22 ? draft22 : draft <= 28 ? draft23 : draft <= 32 ? draft29 : draft <= 34 ? v1 : v2;
    const bool v2Labels = version == kVersion2;
    uint8_t initial[32], secret[32];
    return hmacSha256(salt, 20, reinterpret_cast<const uint8_t*>(dcid.data()), dcid.size(), initial)
        && expandLabel(initial, server ? "server in" : "client in", secret, 32)
        && expandLabel(secret, v2Labels ? "quicv2 key" : "quic key", k.key.data(), 16)
        && expandLabel(secret, v2Labels ? "quicv2 iv" : "quic iv", k.iv.data(), 12)
        && expandLabel(secret, v2Labels ? "quicv2 hp" : "quic hp", k.hp.data(), 16);
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
            if (!quicVarint(p, end, at, v))
                return false;
        return true;
    };
    auto withId = [&](const char* s) {
        uint64_t id;
        if (!quicVarint(p, end, at, id))
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
        if (!quicVarint(p, end, at, type))
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
            ok = skip(2) && quicVarint(p, end, at, ranges) && skip(1);
            for (uint64_t i = 0; ok && i < ranges; ++i)
                ok = skip(2);
            ok = ok && (type == 0x02 || skip(3));
            break;
        }
        case 0x04: ok = withId("RS") && skip(2); break;
        case 0x05: ok = withId("SS") && skip(1); break;
        case 0x06: // tshark keeps a cut CRYPTO frame's data for reassembly: no exception
            name("CRYPTO");
            if (!(skip(1) && quicVarint(p, end, at, v) && bytes(v)))
                return out;
            break;
        case 0x07: name("NT"); ok = quicVarint(p, end, at, v) && bytes(v); break;
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
        case 0x1d: name("CC"); ok = skip(type == 0x1c ? 2 : 1) && quicVarint(p, end, at, v) && bytes(v); break;
        case 0x1e: name("DONE"); break;
        case 0x30: name("DG"); at = end; break;
        case 0x31: name("DG"); ok = quicVarint(p, end, at, v) && bytes(v); break;
        default:
            if (type >= 0x08 && type <= 0x0f) { // STREAM: offset and length as its bits say
                ok = withId("STREAM") && ((type & 0x04) == 0 || skip(1));
                if (ok && (type & 0x02))
                    ok = quicVarint(p, end, at, v) && bytes(v);
                else if (ok)
                    at = end;
            }
            break; // a type tshark has no name for: nothing listed
        }
        if (!ok) { // a frame cut short ends the list
            out += kMalformed;
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
    return (version == kVersion2 ? v2 : v1)[type & 3];
}

} // namespace

bool quicVarint(const uint8_t* p, size_t end, size_t& at, uint64_t& value)
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

bool quicKnownVersion(uint32_t version)
{
    // Google's versions with IETF long headers are taken too, though their keys are not known.
    return draftOf(version) >= 11 || version == 0x51303530 || version == 0x54303530 || version == 0x54303531;
}

bool quicLongHeaderClaimed(const uint8_t* p, size_t n)
{
    if (n < 13 || !(p[0] & 0x80))
        return false;
    const uint32_t version = uint32_t(p[1]) << 24 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 8 | p[4];
    const size_t dcidLen = p[5];
    return quicKnownVersion(version) && dcidLen <= 20 && 6 + dcidLen < n && p[6 + dcidLen] <= 20;
}

bool QuicConnections::claims(const uint8_t* p, size_t n) const
{
    if (n >= 13 && !(p[0] & 0x80))
        return connectionOfShortHeader(p, n).has_value();
    return quicLongHeaderClaimed(p, n);
}

std::optional<uint32_t> QuicConnections::connectionOfShortHeader(const uint8_t* p, size_t n) const
{
    for (size_t len = 1; len <= 20 && len < n; ++len)
        if (idLengths_ & (1u << len)) {
            const auto it = ids_.find(std::string(reinterpret_cast<const char*>(p + 1), len));
            if (it != ids_.end())
                return it->second;
        }
    return std::nullopt;
}

void QuicConnections::learn(uint64_t flow, uint64_t from, const uint8_t* p, size_t n)
{
    auto known = flows_.find(flow);
    if (known == flows_.end()) {
        // A conversation begun by a short header belongs to the connection that chose its DCID.
        std::optional<uint32_t> moved = n > 0 && !(p[0] & 0x80) ? connectionOfShortHeader(p, n) : std::nullopt;
        if (!moved) {
            moved = uint32_t(connections_.size());
            connections_.emplace_back().number = *moved;
        }
        known = flows_.emplace(flow, *moved).first;
    }
    Connection& c = connections_[known->second];
    // Every long header names its sender's connection ID; the client's first Initial also the
    // ID its keys come from, and who the client is.
    size_t at = 0;
    while (n - at >= 7 && (p[at] & 0x80)) {
        const uint32_t version = uint32_t(p[at + 1]) << 24 | uint32_t(p[at + 2]) << 16 | uint32_t(p[at + 3]) << 8 | p[at + 4];
        const size_t dcidLen = p[at + 5];
        if (n - at < 7 + dcidLen || n - at < 7 + dcidLen + p[at + 6 + dcidLen])
            return;
        const size_t scidLen = p[at + 6 + dcidLen];
        const std::string dcid(reinterpret_cast<const char*>(p + at + 6), dcidLen);
        const std::string scid(reinterpret_cast<const char*>(p + at + 7 + dcidLen), scidLen);
        const bool initial = version != 0 && std::string_view(longTypeName(version, p[at] >> 4)) == "Initial";
        // An Initial from the other side to an ID this connection never chose is a client's
        // whose first Initial was not captured before the server's: tshark starts a connection
        // for it, and the first one's IDs are lost.
        const bool restart = initial && c.clientKnown && from != c.client && dcid != c.originalDcid
            && std::find(c.ids.begin(), c.ids.end(), dcid) == c.ids.end();
        if (restart) {
            const uint32_t number = c.number;
            c = Connection{};
            c.number = number;
        }
        if (initial && !c.clientKnown) {
            c.client = from;
            c.clientKnown = true;
        }
        if (initial && from == c.client && c.originalDcid.empty())
            c.originalDcid = dcid;
        if (!scid.empty() && scid.size() <= 20 && std::find(c.ids.begin(), c.ids.end(), scid) == c.ids.end() && c.ids.size() < 16) {
            c.ids.push_back(scid);
            ids_.emplace(scid, known->second);
            idLengths_ |= 1u << scid.size();
        }
        // On to a coalesced packet: the Length field ends this one (Retry has none).
        if (version == 0 || std::string_view(longTypeName(version, p[at] >> 4)) == "Retry")
            return;
        size_t pos = at + 7 + dcidLen + scidLen;
        uint64_t token = 0, length = 0;
        if (initial && (!quicVarint(p, n, pos, token) || n - pos < token))
            return;
        pos += initial ? size_t(token) : 0;
        if (!quicVarint(p, n, pos, length) || n - pos < length)
            return;
        at = pos + size_t(length);
    }
}

const QuicConnections::Connection* QuicConnections::find(uint64_t flow) const
{
    const auto it = flows_.find(flow);
    return it == flows_.end() ? nullptr : &connections_[it->second];
}

std::optional<QuicRead> quicRead(const uint8_t* p, size_t n, size_t reported, bool fromClient,
                                 const QuicConnections::Connection* connection)
{
    if (n == 0)
        return std::nullopt;
    QuicRead read;
    read.fromClient = fromClient;
    // A header that does not fit stops QUIC before it writes its Info.
    auto cut = [&] {
        read.packets.clear();
        read.udpSuffix = n < reported ? kSizeLimited : kMalformed;
        return std::optional<QuicRead>(std::move(read));
    };
    auto soFar = [&] { return read.packets.empty() ? std::nullopt : std::optional<QuicRead>(std::move(read)); };
    size_t at = 0;
    while (at < n) {
        const uint8_t* h = p + at;
        const size_t left = n - at;
        QuicPacket q;
        q.offset = at;
        q.size = left;
        if (!(h[0] & 0x80)) {
            // A short header is QUIC only in a conversation whose long headers (anywhere in the
            // capture: tshark's second pass) made it one; its DCID's length is known from them,
            // and its key phase bit is under header protection, which tshark cannot remove here.
            if (!connection)
                return soFar();
            q.name = "Protected Payload (KP0)";
            for (const std::string& id : connection->ids)
                if (left >= 1 + id.size() + 20 && std::memcmp(h + 1, id.data(), id.size()) == 0) { // room for its sample
                    q.dcidLen = id.size();
                    q.dcidKnown = true;
                    break;
                }
            read.packets.push_back(std::move(q));
            break;
        }
        if (left < 7)
            return cut();
        const uint32_t version = uint32_t(h[1]) << 24 | uint32_t(h[2]) << 16 | uint32_t(h[3]) << 8 | h[4];
        const size_t dcidLen = h[5];
        if (left < 7 + dcidLen || left < 7 + dcidLen + h[6 + dcidLen])
            return cut();
        const size_t scidLen = h[6 + dcidLen];
        if (!connection && version != 0 && !quicKnownVersion(version))
            return soFar();
        q.longHeader = true;
        q.version = version;
        q.first = h[0];
        q.dcidLen = dcidLen;
        q.scidLen = scidLen;
        q.name = version == 0 ? "Version Negotiation" : longTypeName(version, h[0] >> 4);
        const bool initial = q.name == "Initial", retry = q.name == "Retry";
        size_t pos = 7 + dcidLen + scidLen;
        if (initial && (!quicVarint(h, left, pos, q.token) || left - pos < q.token))
            return cut();
        q.tokenAt = pos;
        pos += initial ? size_t(q.token) : 0;
        q.lengthAt = pos;
        if (version != 0 && !retry && !quicVarint(h, left, pos, q.length))
            return cut();
        q.pnAt = pos;
        if (version == 0 || retry || left - pos < q.length) {
            read.packets.push_back(std::move(q));
            break; // the rest of the datagram is theirs (or the packet runs past it: not read)
        }
        const size_t end = pos + size_t(q.length);
        q.size = end;
        // Only an Initial packet can be read: its keys are public.
        const std::string ownDcid(reinterpret_cast<const char*>(h + 6), dcidLen);
        const std::string* secret = connection && !connection->originalDcid.empty() ? &connection->originalDcid
            : fromClient                                                             ? &ownDcid
                                                                                     : nullptr;
        InitialKeys keys;
        uint8_t mask[16];
        if (initial && secret && end >= pos + 20 && initialKeys(*secret, version, !fromClient, keys)
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
            // A packet that does not open (keys of another version, damage) shows no number.
            if (aesGcmOpen(keys, pn, header.data(), header.size(), h + pos + pnLen, end - pos - pnLen, q.payload)) {
                q.opened = true;
                q.first = header[0];
                q.pn = pn;
                q.pnLen = pnLen;
            }
        }
        read.packets.push_back(std::move(q));
        at += end;
    }
    return read;
}

std::optional<QuicSummary> quicInfo(const uint8_t* p, size_t n, size_t reported, bool fromClient,
                                    const QuicConnections::Connection* connection)
{
    const std::optional<QuicRead> read = quicRead(p, n, reported, fromClient, connection);
    if (!read)
        return std::nullopt;
    if (read->packets.empty())
        return QuicSummary{{}, read->udpSuffix};
    // The last packet's Info is the row's.
    const QuicPacket& q = read->packets.back();
    const uint8_t* h = p + q.offset;
    std::string info = q.name;
    if (q.longHeader) {
        if (q.dcidLen)
            info += ", DCID=" + hex(h + 6, q.dcidLen);
        if (q.scidLen)
            info += ", SCID=" + hex(h + 7 + q.dcidLen, q.scidLen);
        if (q.opened)
            info += ", PKN: " + std::to_string(q.pn) + frameList(q.payload);
    } else if (q.dcidKnown) {
        info += ", DCID=" + hex(h + 1, q.dcidLen);
    }
    return QuicSummary{info, nullptr, uint8_t(std::min<size_t>(read->packets.size(), 255))};
}

} // namespace synflow
