#pragma once
// STUN and TURN over UDP (RFC 5389/5766/6062, port 3478 or tshark's heuristic on any port) and
// classic STUN (RFC 3489): the Protocol and Info columns as tshark 4.0 writes them,
// "Binding Success Response XOR-MAPPED-ADDRESS: 203.0.113.5:54321".
#include <cstddef>
#include <cstdint>
#include <string>

namespace synflow {

inline constexpr uint16_t kStunPort = 3478;

struct StunSummary {
    const char* protocol = nullptr; // "STUN" or "CLASSIC-STUN"; null: not taken
    std::string info;               // text values as tshark stores them: control bytes raw
};

// A UDP payload p[0, n) of `reported` bytes. `onStunPort`: either port is 3478 (ChannelData is
// taken only there; tshark's heuristic takes it only inside a conversation it knows as STUN).
StunSummary stunDatagram(const uint8_t* p, size_t n, size_t reported, bool onStunPort);

} // namespace synflow
