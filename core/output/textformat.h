#pragma once
// Small formatting helpers shared by the text outputs (tshark-compatible spelling).
#include <cstdint>
#include <string>

namespace synflow {

std::string formatIpv4(const uint8_t* a);
std::string formatIpv6(const uint8_t* a);
// Seconds with nine decimals, as tshark prints frame.time_epoch and relative times.
void appendSeconds(std::string& out, int64_t ns);
// Epoch time as tshark prints frame.time_epoch: seconds, nine decimals.
void appendEpoch(std::string& out, int64_t sec, uint32_t nsec);
void appendUnsigned(std::string& out, uint64_t v);
void appendSigned(std::string& out, int64_t v);
void appendHex4(std::string& out, uint32_t v); // 0x%04x

} // namespace synflow
