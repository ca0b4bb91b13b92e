#pragma once
// What a capture file says about itself: format, interfaces, damage.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
    // pcapng options Wireshark's Capture File Properties shows (empty / 0: not in the file).
    std::string filter;       // if_filter as libpcap text
    std::string os;           // if_os
    uint64_t speed = 0;       // if_speed, bits/s
    bool hasTsResol = false;  // if_tsresol was given (capinfos prints it then)
    uint32_t statEntries = 0; // Interface Statistics Blocks for it
    bool hasDropped = false;  // the last of them gave isb_ifdrop
    uint64_t dropped = 0;
};

// A pcapng section header's options (pcap files have none).
struct SectionInfo {
    uint64_t offset = 0; // of the section header in the file: which section a record is in
    std::string hardware, os, application; // shb_hardware, shb_os, shb_userappl
    std::vector<std::string> comments;
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
