#pragma once
// Kerberos (UDP and TCP 88) as tshark's Info column shows it: the message's type as its
// msg-type field gives it ("AS-REQ", "TGS-REP"), or the error a KRB-ERROR carries
// ("KRB Error: KRB5KDC_ERR_PREAUTH_REQUIRED").
#include <cstddef>
#include <cstdint>
#include <string>

namespace synflow {

inline constexpr uint16_t kKerberosPort = 88;

// A Kerberos message's application tag (AS-REQ 10 ... KRB-ERROR 30) opens p[0, n): tshark's
// Kerberos takes the datagram.
bool startsKerberosMessage(const uint8_t* p, size_t n);

// The Info of the message in p[0, n), of `reported` bytes; what tshark's reading wrote before the
// capture's end stopped it, then why.
std::string kerberosInfo(const uint8_t* p, size_t n, size_t reported);

// Over TCP each message follows a 32-bit record mark, its length: the whole record's length (0
// when the mark is not all there).
uint32_t kerberosRecordLength(const uint8_t* p, size_t n);

} // namespace synflow
