#pragma once
// SNMP (UDP 161 and 162) as tshark's Info column shows it: the PDU's type, then the object
// identifier of each variable binding ("get-response 1.3.6.1.2.1.1.5.0").
#include <cstddef>
#include <cstdint>
#include <string>

namespace synflow {

// False when the datagram (p[0, n) captured of `reported` bytes) is not one tshark's SNMP takes:
// it does not open with a BER sequence, or the capture cut it before its first bytes. A
// message the capture cut is named, with only why it stopped.
bool snmpInfo(const uint8_t* p, size_t n, size_t reported, std::string& info);

} // namespace synflow
