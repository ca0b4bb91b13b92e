#pragma once
// memcached's text protocol (TCP 11211) as tshark's Info column shows it: the first message's
// first line when its first word is a command or reply tshark knows ("set foo 0 0 3 ",
// "VALUE foo 0 3 "), else "MEMCACHE Continuation".
#include <cstddef>
#include <cstdint>
#include <string>

namespace synflow {

inline constexpr uint16_t kMemcachePort = 11211;

// tshark reads the binary protocol (a first byte 0x80 or 0x81) with another dissector.
inline bool memcacheBinary(const uint8_t* p, size_t n)
{
    return n >= 1 && (p[0] == 0x80 || p[0] == 0x81);
}

// `reported`: the segment's whole length, of which the capture holds n bytes.
std::string memcacheInfo(const uint8_t* p, size_t n, size_t reported);

// With reassembly on, how much of p[0, n) one call of tshark's memcache takes: a command or
// reply with a data block (set, add, cas, replace, append, prepend; VALUE) its line, the block
// and its CRLF; anything else all there is. 0 with `needMore`: the first line has not ended.
size_t memcacheMessageLength(const uint8_t* p, size_t n, bool& needMore);

} // namespace synflow
