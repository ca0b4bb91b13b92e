#pragma once
// Redis's RESP (TCP 6379) as tshark's Info column shows it: "Request: set k v", "Response: OK",
// "Response: Array(3)", "Response: Error: ...", long or binary strings as "BulkString(N)".
#include <cstddef>
#include <cstdint>
#include <string>

namespace synflow {

inline constexpr uint16_t kRedisPort = 6379;

std::string respInfo(const uint8_t* p, size_t n, bool fromServer);

} // namespace synflow
