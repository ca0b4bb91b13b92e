#pragma once
// One TCP conversation (tcp.stream): its endpoints and what is known of it as a whole.
// The per-direction tracking state lives in TcpTracker while the conversation is open.
#include <cstdint>

namespace synflow {

struct TcpEndpoint {
    uint8_t addr[16] = {}; // IPv4 in the first 4 bytes
    uint16_t port = 0;
};

// tshark's conversation-completeness bits (tcp.completeness).
enum TcpCompleteness : uint8_t {
    CompletenessSyn = 1,
    CompletenessSynAck = 2,
    CompletenessAck = 4,
    CompletenessData = 8,
    CompletenessFin = 16,
    CompletenessRst = 32,
};

// One conversation as the tracker tells it (TcpTracker::conversation()): a value put together on
// demand. The tracker keeps far less per conversation for good (24 bytes, see tcptracker.cpp):
// the endpoints are re-read from the opening frame, the counts from the per-frame entries.
struct TcpConversation {
    int64_t initialRttNs = 0;    // iRTT: first ACK after the handshake minus the SYN; 0 = none (as in tshark)
    uint64_t bytes[2] = {0, 0};  // frame bytes on the wire sent by ep[0], by ep[1]
    uint32_t stream = 0;
    uint32_t firstFrame = 0;     // 0-based frame index
    uint32_t lastFrame = 0;
    uint32_t frames[2] = {0, 0}; // sent by ep[0], by ep[1]
    uint32_t baseSeq[2] = {0, 0};
    TcpEndpoint ep[2];           // ep[0] sent the first packet seen
    bool ipv6 = false;
    bool baseSet[2] = {false, false};
    int8_t winScale[2] = {-1, -1}; // shift; -1 unknown, -2 no scaling
    uint8_t completeness = 0;     // tshark's first-pass bits (TcpCompleteness)
    uint8_t firstFrameBits = 0;   // what the opening frame adds in the second pass
    int8_t client = -1;           // index of the client endpoint, -1 unknown
    bool clientInferred = false;  // no SYN seen: guessed from the port numbers
    bool combinedTeardown = false; // FIN and ACK combined: a 3-segment teardown
    bool simultaneousClose = false; // a FIN crossed the peer's FIN
    bool refused = false;          // a RST answered the SYN: nothing listened
    bool simultaneousOpen = false; // each end sent a SYN: neither listened
    int8_t finFirst = -1;          // endpoint whose FIN came first: tshark's closing initiator
    bool synData = false;          // a SYN (without ACK) carried data: TCP Fast Open
};

} // namespace synflow
