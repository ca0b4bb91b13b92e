#pragma once
// BGP (TCP 179) as tshark's Info column shows it: each message's type after the 16-byte marker
// tshark looks for ("KEEPALIVE Message, UPDATE Message").
#include <cstddef>
#include <cstdint>
#include <string>

namespace synflow {

inline constexpr uint16_t kBgpPort = 179;

// The Info of the messages in p[0, n) of a segment of `reported` bytes; empty when no marker
// starts one (a segment inside a message, without reassembly).
std::string bgpInfo(const uint8_t* p, size_t n, size_t reported);

// The length of the message a marker at `p` starts (0: no marker, or its header is not all there).
uint32_t bgpMessageLength(const uint8_t* p, size_t n);

} // namespace synflow
