// SSH in the detail tree: the protocol banner, and each clear-text binary packet's length,
// padding, message code and, in a KEXINIT, its cookie and name-lists, as tshark -V shows them.
#include "fields/fieldregistry.h"
#include "proto/sshpackets.h"
#include "tree/apptree.h"
#include "tree/appvaluenames.h"
#include "tree/md5.h"

#include <vector>

namespace synflow {
namespace {

using apptext::fmt;

// A clear-text binary packet at `o` (proto/sshpackets.h).
bool plausiblePacket(const AppTree& a, uint32_t o) { return sshClearPacketAt(a.data(), a.size(), o) != 0; }

void kexinit(AppTree& a, int32_t parent, uint32_t o, uint32_t end, bool fromServer)
{
    std::vector<std::string_view> values;
    const uint8_t* p = a.data();
    const int32_t alg = a.add(parent, "Algorithms", o, end - o);
    if (o + 16 > end)
        return;
    a.add(alg, "Cookie: " + apptext::hex(p + o, 16), o, 16);
    o += 16;
    static const char* const lists[] = {"kex_algorithms", "server_host_key_algorithms", "encryption_algorithms_client_to_server",
                                        "encryption_algorithms_server_to_client", "mac_algorithms_client_to_server",
                                        "mac_algorithms_server_to_client", "compression_algorithms_client_to_server",
                                        "compression_algorithms_server_to_client", "languages_client_to_server", "languages_server_to_client"};
    for (const char* name : lists) {
        if (o + 4 > end)
            return;
        const uint32_t n = loadBe32(p + o);
        a.add(alg, fmt("%s length: %u", name, n), o, 4);
        if (o + 4 + n > end)
            return;
        a.add(alg, name == lists[0] ? findField("ssh.kex_algorithms") : nullptr, applabel::field(std::string(name) + " string", a.text(o + 4, n)), o + 4, n);
        values.push_back(a.text(o + 4, n));
        o += 4 + n;
    }
    if (o + 5 > end)
        return;
    a.add(alg, fmt("First KEX Packet Follows: %u", p[o]), o, 1);
    a.add(alg, "Reserved: " + apptext::hex(p + o + 1, 4), o + 1, 4);
    // HASSH: the sender's kex;encryption;mac;compression lists for its own direction.
    const size_t dir = fromServer ? 1 : 0;
    const std::string joined = std::string(values[0]) + ";" + std::string(values[2 + dir]) + ";" + std::string(values[4 + dir]) + ";"
                               + std::string(values[6 + dir]);
    a.add(alg, applabel::generated(fromServer ? "hasshServerAlgorithms" : "hasshAlgorithms", joined));
    a.add(alg, applabel::generated(fromServer ? "hasshServer" : "hassh", md5Hex(joined)));
}

std::string messageName(uint8_t code, SshKex kex)
{
    const char* name = sshMessageName(code, kex);
    return name ? name : "Unknown (" + std::to_string(code) + ")";
}

} // namespace

bool buildSshTree(DetailTree& t, const AppPayload& pl)
{
    AppTree a(t, pl);
    if (a.size() == 0)
        return false;
    const uint8_t* p = a.data();
    const int32_t root = a.add(-1, &field("ssh"), "SSH Protocol", 0, a.size());
    if (a.text(0, a.size()).starts_with("SSH-")) {
        uint32_t end = 0;
        while (end < a.size() && p[end] != '\r' && p[end] != '\n')
            ++end;
        a.add(root, findField("ssh.protocol"), applabel::field("Protocol", a.text(0, end)), 0, end);
    } else {
        for (uint32_t o = 0; plausiblePacket(a, o);) {
            const uint32_t len = loadBe32(p + o);
            const uint8_t pad = p[o + 4], code = p[o + 5];
            const int32_t v = a.add(root, "SSH Version 2", o, 4 + len);
            a.add(v, findField("ssh.packet_length"), fmt("Packet Length: %u", len), o, 4);
            a.add(v, findField("ssh.padding_length"), fmt("Padding Length: %u", pad), o + 4, 1);
            const bool kex = code >= 20 && code <= 49;
            const int32_t m = a.add(v, kex ? "Key Exchange" : code >= 50 && code <= 79 ? "User Authentication" : code >= 80 && code <= 127 ? "Connection" : "Transport",
                                    o + 5, len - 1 - pad);
            a.add(m, findField("ssh.message_code"), fmt("Message Code: %s (%u)", messageName(code, pl.sshKex).c_str(), code), o + 5, 1);
            const uint32_t payloadEnd = std::min(a.size(), o + 4 + len - pad);
            if (code == 20)
                kexinit(a, m, o + 6, payloadEnd, pl.fromServer);
            if (o + 4 + len <= a.size())
                a.add(v, "Padding String: " + apptext::hex(p + o + 4 + len - pad, pad), o + 4 + len - pad, pad);
            o += 4 + len;
        }
    }
    a.add(root, std::string("[Direction: ") + (pl.fromServer ? "server-to-client" : "client-to-server") + "]");
    return true;
}

} // namespace synflow
