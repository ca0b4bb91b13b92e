#include "proto/sshpackets.h"

#include "decode/bytes.h"
#include "output/exceptiontext.h"
#include "tree/appvaluenames.h"

#include <algorithm>

namespace synflow {

const char* sshMessageName(uint8_t code) { return appnames::sshMessageCodes(code); }

const char* sshMessageName(uint8_t code, SshKex kex)
{
    if (code < 30 || code > 49)
        return sshMessageName(code);
    switch (kex) {
    case SshKex::Ecdh:
        return code == 30 ? "Elliptic Curve Diffie-Hellman Key Exchange Init" : code == 31 ? "Elliptic Curve Diffie-Hellman Key Exchange Reply" : nullptr;
    case SshKex::Gex:
        switch (code) {
        case 30: return "Diffie-Hellman Group Exchange Request (Old)";
        case 31: return "Diffie-Hellman Group Exchange Group";
        case 32: return "Diffie-Hellman Group Exchange Init";
        case 33: return "Diffie-Hellman Group Exchange Reply";
        case 34: return "Diffie-Hellman Group Exchange Request";
        default: return nullptr;
        }
    case SshKex::Dh:
    case SshKex::Unread:
        break;
    }
    return code == 30 ? "Diffie-Hellman Key Exchange Init" : code == 31 ? "Diffie-Hellman Key Exchange Reply" : nullptr;
}

std::optional<std::string_view> sshKexAlgorithms(const uint8_t* p, size_t n, size_t o)
{
    if (o + 6 + 16 + 4 > n || p[o + 5] != kSshKexInit || o + 4 + size_t(loadBe32(p + o)) > n)
        return std::nullopt;
    const uint32_t len = loadBe32(p + o + 22);
    if (o + 26 + size_t(len) > n)
        return std::nullopt;
    return std::string_view(reinterpret_cast<const char*>(p + o + 26), len);
}

SshKex sshKexFamily(std::string_view clientList, std::string_view serverList)
{
    auto offers = [&](std::string_view name) {
        for (size_t at = 0; at <= serverList.size();) {
            const size_t comma = std::min(serverList.find(',', at), serverList.size());
            if (serverList.substr(at, comma - at) == name)
                return true;
            at = comma + 1;
        }
        return false;
    };
    for (size_t at = 0; at < clientList.size();) {
        const size_t comma = std::min(clientList.find(',', at), clientList.size());
        const std::string_view name = clientList.substr(at, comma - at);
        at = comma + 1;
        if (name.empty() || !offers(name))
            continue;
        if (name.starts_with("diffie-hellman-group-exchange-"))
            return SshKex::Gex;
        if (name.starts_with("ecdh-sha2-") || name == "curve25519-sha256" || name == "curve25519-sha256@libssh.org" || name == "curve448-sha512")
            return SshKex::Ecdh;
        return SshKex::Dh;
    }
    return SshKex::Dh;
}

uint32_t sshClearPacketAt(const uint8_t* p, size_t n, size_t o)
{
    if (o + 6 > n)
        return 0;
    const uint32_t len = loadBe32(p + o);
    const uint8_t pad = p[o + 4];
    if (len < 5 || len > 35000 || pad < 4 || pad >= len || !sshMessageName(p[o + 5]))
        return 0;
    return 4 + len;
}

} // namespace synflow

namespace synflow {

namespace {

// tshark's bounds checks on the segment: a range past the reported bytes (or of negative length)
// is its fragment's error, one past the captured bytes the snapshot length's.
struct SshBounds {
    const uint8_t* p;
    size_t n, reported;
    const char* fail = nullptr;

    bool has(int64_t off, int64_t len)
    {
        if (fail)
            return false;
        if (off < 0 || len < 0 || uint64_t(off + len) > reported)
            fail = kUnreassembled;
        else if (uint64_t(off + len) > n)
            fail = kSizeLimited;
        return !fail;
    }
    // A 32-bit length read at `off` and the range it gives after it, as a tree item takes it.
    bool counted(int64_t& off)
    {
        if (!has(off, 4))
            return false;
        const uint32_t len = loadBe32(p + off);
        if (!has(off + 4, int32_t(len)))
            return false;
        off += 4 + int64_t(len);
        return true;
    }
    // A host key: its length and type, the subtree over it, then the fields its type has.
    bool hostKey(int64_t& off)
    {
        if (!has(off, 8))
            return false;
        const uint32_t keyLen = loadBe32(p + off), typeLen = loadBe32(p + off + 4);
        if (int32_t(typeLen) != -1 && !has(off + 8, int32_t(typeLen)))
            return false;
        if (!has(off, int32_t(keyLen + 4)))
            return false;
        const std::string_view type(reinterpret_cast<const char*>(p + off + 8), int32_t(typeLen) == -1 ? 0 : typeLen);
        int64_t at = off + 8 + (int32_t(typeLen) == -1 ? 0 : typeLen);
        int fields = 0;
        if (type == "ssh-rsa")
            fields = 2;
        else if (type == "ssh-dss")
            fields = 4;
        else if (type.starts_with("ecdsa-sha2-"))
            fields = 2;
        else if (type.starts_with("ssh-ed"))
            fields = 1;
        else if (!has(at, int32_t(keyLen - (typeLen + 4))))
            return false;
        for (int i = 0; i < fields; ++i)
            if (!counted(at))
                return false;
        off += 4 + int64_t(keyLen);
        return true;
    }
};

// The body of a key-exchange-method message (30-39), by the method the KEXINITs chose.
void sshKexBody(SshBounds& b, uint8_t code, SshKex kex, int64_t& off)
{
    if (kex == SshKex::Gex) {
        switch (code) {
        case 30: b.has(off, 4), off += 4; break;
        case 31: b.counted(off) && b.counted(off); break;
        case 32: b.counted(off); break;
        case 33: b.hostKey(off) && b.counted(off) && b.counted(off); break;
        case 34: b.has(off, 12), off += 12; break;
        default: break;
        }
        return;
    }
    if (code == 30)
        b.counted(off);
    else if (code == 31)
        b.hostKey(off) && b.counted(off) && b.counted(off); // the host key, f or Q_S, the signature
}

} // namespace

SshClearRead sshReadClear(const uint8_t* p, size_t n, size_t reported, SshKex kex)
{
    SshClearRead r;
    SshBounds b{p, n, reported};
    for (int64_t o = 0; o < int64_t(n) && !b.fail;) {
        if (!b.has(o, 4) || !b.has(o + 4, 1)) // the packet's length, then its padding's
            break;
        uint32_t plen = loadBe32(p + o);
        if (plen >= 0xffff)
            plen = uint32_t(n - o - 4);
        const uint8_t pad = p[o + 4];
        // The message's subtree comes before its code is read (-1 would mean "the rest").
        if (!b.has(o + 5, int32_t(plen - 1) == -1 ? 1 : int32_t(plen - 1)) || !b.has(o + 5, 1))
            break;
        const uint8_t code = p[o + 5];
        const char* name = sshMessageName(code, kex);
        if (!r.names.empty())
            r.names += ", ";
        r.names += name ? std::string(name) : "Unknown (" + std::to_string(code) + ")";
        int64_t off = o + 6;
        if (code >= 30 && code < 40) {
            sshKexBody(b, code, kex, off);
        } else if (code == kSshKexInit) { // the cookie, ten name-lists, a flag and a reserved word
            b.has(off, 16);
            off += 16;
            for (int i = 0; i < 10 && b.counted(off); ++i) {
            }
            b.has(off, 5);
            off += 5;
        }
        const uint32_t rest = plen + 4 - pad - uint32_t(off - o);
        if (rest > 0 && !b.has(off, int32_t(rest)))
            break;
        off += int32_t(rest);
        if (!b.has(off, pad))
            break;
        o = off + pad;
        if (code == kSshNewKeys) {
            r.afterNewKeys = size_t(o);
            break;
        }
    }
    r.stop = b.fail;
    return r;
}

bool sshNewKeysBefore(const uint8_t* p, size_t n, size_t upTo)
{
    for (size_t o = 0; o + 6 <= n && o < upTo;) {
        if (p[o + 5] == kSshNewKeys)
            return true;
        o += size_t(loadBe32(p + o)) + 4;
    }
    return false;
}

} // namespace synflow
