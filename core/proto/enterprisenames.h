#pragma once
// IANA's Private Enterprise Numbers by name, as Wireshark lists them (its enterprises.tsv):
// pcapng custom blocks and other formats name whose format their data is with one.
#include <cstdint>

namespace synflow {

// The enterprise's name, or null when the number is not listed (or the list is not installed).
const char* enterpriseName(uint32_t pen);

} // namespace synflow
