#pragma once
// MQTT (TCP 1883) as tshark's Info column names its messages: "Publish Message (id=1) [t/x]",
// "Subscribe Request (id=1) [a] [b]", several in one segment joined by ", ".
#include <cstddef>
#include <cstdint>
#include <string>

namespace synflow {

inline constexpr uint16_t kMqttPort = 1883;

// A message's whole length (fixed header included) from its first bytes, or 0 while its
// remaining-length field is not all in p[0, n) (or is longer than MQTT's four bytes).
uint32_t mqttMessageLength(const uint8_t* p, size_t n);

// The Info of the messages in p[0, n) of a segment whose payload is `reported` bytes from p on;
// `v5`: the connection's CONNECT asked for version 5 (a SUBSCRIBE then has properties before its
// topics). A message that runs past the segment is named, then tshark's bound error.
std::string mqttInfo(const uint8_t* p, size_t n, size_t reported, bool v5);

// Whether p[0, n) opens a CONNECT for MQTT version 5.
bool mqttConnectV5(const uint8_t* p, size_t n);

} // namespace synflow
