#pragma once
// Unaligned, bounds-agnostic loads; callers check lengths once per header.
#include <cstdint>
#include <cstring>

namespace synflow {

inline uint16_t loadBe16(const uint8_t* p) { return uint16_t(p[0] << 8 | p[1]); }
inline uint32_t loadBe32(const uint8_t* p)
{
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}
inline uint16_t loadLe16(const uint8_t* p) { return uint16_t(p[1] << 8 | p[0]); }
inline uint32_t loadLe32(const uint8_t* p)
{
    return uint32_t(p[3]) << 24 | uint32_t(p[2]) << 16 | uint32_t(p[1]) << 8 | p[0];
}
inline uint64_t loadLe64(const uint8_t* p) { return uint64_t(loadLe32(p + 4)) << 32 | loadLe32(p); }
inline uint64_t loadBe64(const uint8_t* p) { return uint64_t(loadBe32(p)) << 32 | loadBe32(p + 4); }
inline uint16_t load16(const uint8_t* p, bool bigEndian) { return bigEndian ? loadBe16(p) : loadLe16(p); }
inline uint32_t load32(const uint8_t* p, bool bigEndian) { return bigEndian ? loadBe32(p) : loadLe32(p); }
inline uint64_t load64(const uint8_t* p, bool bigEndian)
{
    const uint64_t first = load32(p, bigEndian), second = load32(p + 4, bigEndian);
    return bigEndian ? first << 32 | second : second << 32 | first;
}

} // namespace synflow
