#pragma once
// What a capture file says about itself: format, interfaces, damage.
#include <cstdint>
#include <optional>
#include <string>

namespace synflow {

enum class FileFormat { Unknown, Pcap, PcapNanosecond, PcapNg };

const char* fileFormatName(FileFormat f);

struct InterfaceInfo {
    uint16_t linkType = 0;
    uint32_t snapLen = 0;
    bool bigEndian = false;   // byte order of the section (pcapng) or file (pcap)
    uint8_t tsResol = 6;      // pcapng if_tsresol byte: bit 7 set = power of two
    int64_t tsOffsetSec = 0;  // pcapng if_tsoffset
    uint32_t section = 0;     // pcapng section number, 0 for pcap
    std::string name;
    std::string description;
};

// An exact time stamp, for the rare files whose times do not fit in int64 nanoseconds.
struct Timestamp {
    int64_t sec = 0;
    uint32_t nsec = 0;
};

// Where and why reading stopped early. Every record before `offset` was indexed.
struct Damage {
    uint64_t offset = 0;
    std::string what;
};

} // namespace synflow
