#pragma once
// SIP over TCP (port 5060, and by tshark's heuristic on any port) as tshark 4.0 frames it: a
// message is its header lines, then Content-Length bytes of body.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace synflow {

inline constexpr uint16_t kSipPort = 5060;

// `text` starts with a whole request line ("INVITE sip:b@c SIP/2.0") or status line ("SIP/2.0 200 OK").
bool startsSipMessage(std::string_view text);
// How long the message that begins p[0, n) is: past the empty line that ends its header, then its
// Content-Length ("l" in compact form; none: no body). `needMore`: its header has not ended in
// these bytes. 0 without needMore: not the start of a message.
uint32_t sipMessageLength(const uint8_t* p, size_t n, bool& needMore);

} // namespace synflow
