#pragma once
// PostgreSQL's wire protocol (TCP 5432) as tshark's Info column shows it: the side (">" from the
// client, "<" from the server), then each message's type letter joined by "/" ("<T/D/D/C/Z").
#include <cstddef>
#include <cstdint>
#include <string>

namespace synflow {

inline constexpr uint16_t kPgsqlPort = 5432;

// A message's whole length from its first bytes (a client's first messages have no type
// letter: they start with their length, whose first byte is 0), or 0 while that is not captured.
uint32_t pgsqlMessageLength(const uint8_t* p, size_t n);

// The Info of the messages in p[0, n) of a segment whose payload is `reported` bytes.
std::string pgsqlInfo(const uint8_t* p, size_t n, size_t reported, bool fromServer);

} // namespace synflow
