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
    std::string layers;             // stunSegment: each message's hierarchy layers, one per line
};

// A UDP payload p[0, n) of `reported` bytes. `onStunPort`: either port is 3478 (ChannelData is
// taken only there; tshark's heuristic takes it only inside a conversation it knows as STUN).
StunSummary stunDatagram(const uint8_t* p, size_t n, size_t reported, bool onStunPort);

// Over TCP (port 3478) messages follow each other, each as long as its first bytes say: a STUN
// header's length plus 20, ChannelData padded to 4 bytes, or RFC 4571's 16-bit length when the
// magic cookie sits two bytes late. 0 when fewer than 4 bytes are given.
uint32_t stunMessageLength(const uint8_t* p, size_t n);

// A segment's messages from p on (`n` captured of its `reported` bytes): the Info of the last
// one STUN took (a message running past the segment is read as far as it goes, tshark's fragment
// exception where it stops), or a null protocol when STUN took none. A length left unread at the
// end (fewer than 4 bytes) adds tshark's exception; an empty protocol then means the row stays
// TCP's, its Info followed by `info`.
StunSummary stunSegment(const uint8_t* p, size_t n, size_t reported);

} // namespace synflow
