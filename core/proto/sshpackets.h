#pragma once
// SSH's binary packets while they are still clear text (before each side's NEWKEYS): what the
// Info column, the detail tree and the conversation's state read of them.
#include <cstddef>
#include <cstdint>

namespace synflow {

// The clear-text binary packet at `o` of p[0, n): its whole length (length field included) when
// it looks like one (a sane packet and padding length, a message code SSH defines), else 0.
uint32_t sshClearPacketAt(const uint8_t* p, size_t n, size_t o);
// tshark's name of a message code ("Key Exchange Init"), or null for one SSH does not define.
const char* sshMessageName(uint8_t code);
inline constexpr uint8_t kSshNewKeys = 21;

} // namespace synflow
