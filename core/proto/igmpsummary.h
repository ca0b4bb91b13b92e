#pragma once
// IGMP in the Info column, as tshark writes it: queries general or for a group (and IGMPv3's
// sources), IGMPv2 reports and leaves, and each group record of an IGMPv3 report in words
// ("Join group G for any sources", "Group G, block source {S}"...).
#include <cstddef>
#include <cstdint>
#include <string>

namespace synflow {

// `p`, `n`: the IGMP message (the IP payload as captured). Ends in "[Malformed Packet]" where
// the message is cut inside a part tshark reads.
std::string igmpInfo(const uint8_t* p, size_t n);

} // namespace synflow
