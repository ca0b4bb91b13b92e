#pragma once
// LDAP (TCP 389 and 3268) as tshark's Info column shows it: each message's operation and ID,
// then what names it: the entry's DN, a search's base and scope, a result's code and error
// message ("searchResDone(2) success  [3 results]"); the messages of a segment joined by " | ".
#include <cstddef>
#include <cstdint>
#include <string>

namespace synflow {

inline constexpr uint16_t kLdapPort = 389, kLdapGlobalCatalogPort = 3268;

inline bool isLdapPort(uint16_t a, uint16_t b)
{
    return a == kLdapPort || b == kLdapPort || a == kLdapGlobalCatalogPort || b == kLdapGlobalCatalogPort;
}

// The whole length of the message at `p` (a BER SEQUENCE: tag, length, contents), 0 when the
// bytes do not say it.
uint32_t ldapMessageLength(const uint8_t* p, size_t n);

// Whether the message at p[0, n) is a search result entry (what "[N results]" counts).
bool ldapSearchEntry(const uint8_t* p, size_t n);

// tshark's LDAP takes a segment that opens with a BER SEQUENCE.
inline bool startsLdapMessage(const uint8_t* p, size_t n)
{
    return n >= 2 && p[0] == 0x30;
}

// The Info of the messages in p[0, n), of `reported` bytes. Where a search's result ends, the
// count of its conversation's entries goes: kLdapResultsMark, which fillLdapResults() replaces.
std::string ldapInfo(const uint8_t* p, size_t n, size_t reported);

// CLDAP (LDAP over UDP 389): the datagram's messages, each written after the one before with no
// separator (one call reads them all); a search result's count is the UDP conversation's.
std::string cldapInfo(const uint8_t* p, size_t n, size_t reported);
// The search result entries a datagram holds whole (what CLDAP's "[N results]" counts).
uint32_t cldapEntries(const uint8_t* p, size_t n);

inline constexpr char kLdapResultsMark = '\x01'; // escaped text never holds a raw control byte
// " [N results]" in place of each mark (tshark's second pass: the conversation's final count).
void fillLdapResults(std::string& info, uint32_t entries);

} // namespace synflow
