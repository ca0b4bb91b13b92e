#pragma once
// SSH's binary packets while they are still clear text (before each side's NEWKEYS): what the
// Info column, the detail tree and the conversation's state read of them.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace synflow {

// The clear-text binary packet at `o` of p[0, n): its whole length (length field included) when
// it looks like one (a sane packet and padding length, a message code SSH defines), else 0.
uint32_t sshClearPacketAt(const uint8_t* p, size_t n, size_t o);
// tshark's name of a message code ("Key Exchange Init"), or null for one SSH does not define.
const char* sshMessageName(uint8_t code);
inline constexpr uint8_t kSshNewKeys = 21;
inline constexpr uint8_t kSshKexInit = 20;

// The key exchange a conversation's two KEXINITs settle on decides what tshark calls messages
// 30-49: Diffie-Hellman (its default, also for methods it does not know, such as
// sntrup761x25519), group exchange, or elliptic curve. Unread: a KEXINIT was not read whole
// (Diffie-Hellman's names; tshark then sets up no decryption and says "Encrypted packet").
enum class SshKex : uint8_t { Dh = 0, Gex = 1, Ecdh = 2, Unread = 3 };
const char* sshMessageName(uint8_t code, SshKex kex);
// The kex_algorithms name-list of the KEXINIT packet at `o`, when the packet is whole in p[0, n).
std::optional<std::string_view> sshKexAlgorithms(const uint8_t* p, size_t n, size_t o);
// The first of the client's methods the server also offers, and its family.
SshKex sshKexFamily(std::string_view clientList, std::string_view serverList);

// How tshark reads a segment's binary packets as clear text, byte for byte whatever they hold:
// its side before its NEWKEYS, and always when its KEXINIT was never read whole (tshark then never
// learns where the key exchange began and takes encrypted packets for clear ones). A packet length
// of 64 KiB or more stands for the captured rest; the bounds checks its tree items make decide the
// exception. `n` of `reported` bytes were captured; no reassembly (a cut segment, or none asked).
struct SshClearRead {
    std::string names;            // each message's name, ", " between them
    const char* stop = nullptr;   // the exception the read ended in (exceptiontext.h), or null
    size_t afterNewKeys = 0;      // where the bytes after a NEWKEYS begin (0: no NEWKEYS read)
};
// The read stops after a NEWKEYS: what follows is the side's first encrypted packet. (On a side
// whose KEXINIT was never read tshark reads on in clear text; its segments do not say which side
// that is, so a NEWKEYS with more bytes behind it in its segment is taken as the key change.)
SshClearRead sshReadClear(const uint8_t* p, size_t n, size_t reported, SshKex kex);
// Whether the binary packets from the start of p[0, n) up to `upTo` include a NEWKEYS (framing
// by their lengths alone).
bool sshNewKeysBefore(const uint8_t* p, size_t n, size_t upTo);

} // namespace synflow
