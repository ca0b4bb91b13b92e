#include "proto/sshpackets.h"

#include "decode/bytes.h"
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
