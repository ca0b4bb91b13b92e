#pragma once
// MD5 (RFC 1321), for the JA3/JA3S and HASSH fingerprints tshark shows: a label, not security.
#include <cstdint>
#include <string>
#include <string_view>

namespace synflow {

// The digest of `data` as 32 lowercase hex digits.
std::string md5Hex(std::string_view data);

} // namespace synflow
