#pragma once
// Capture File Properties: what `capinfos FILE` reports of a capture (file type, encapsulation,
// time precision, packet count, sizes, first/last time, duration, rates, averages, strict time
// order, and per interface its name, description, encapsulation, capture length, time precision
// and packet count), from the capture's index, plus what capinfos leaves out: the file's
// comments and the damage the reader found.
#include "capture/captureinfo.h"

#include <cstdint>
#include <string>
#include <vector>

namespace synflow {

class CaptureFile;

struct InterfaceProperties {
    InterfaceInfo info;
    uint64_t packets = 0;
};

struct CaptureProperties {
    std::string path;
    FileFormat format = FileFormat::Unknown;
    uint64_t fileSize = 0, dataBytes = 0, packets = 0;
    bool havePacketTimes = false;
    Timestamp first, last;  // earliest and latest packet time
    int64_t durationNs = 0; // last - first
    bool strictTimeOrder = true;
    uint32_t snapLen = 0; // pcap's file header; 0 for pcapng (per interface)
    int timeDigits = 6;   // the file's time precision in decimal digits
    std::vector<std::pair<uint16_t, uint64_t>> linkTypes; // link type -> packets, in first-seen order
    std::vector<InterfaceProperties> interfaces;
    std::vector<std::string> sectionComments; // pcapng section header options (comments, hardware, OS, application)
    std::vector<SectionInfo> sections;        // the same, one entry per section header
    // The file's digests in lower-case hex, as capinfos prints them; empty unless the caller
    // computed them (the core has no hash functions; the GUI and CLI use Qt's).
    std::string sha256, sha1;
    std::string damage; // empty when the file read whole
};

// Reads every record's index entry (an indexed file).
CaptureProperties captureProperties(const CaptureFile& file);

// Wireshark's names of a link type: its encapsulation's long name ("Ethernet"), number
// ("1") and short name ("ether"); false for one we have no name for.
bool encapsulationNames(uint16_t linkType, std::string& longName, int& wtapNumber, std::string& shortName);

// capinfos's default report of the figures above, line for line in its layout and wording
// (sizes and rates rounded to SI prefixes as capinfos does); our extras are not in it.
std::string capinfosText(const CaptureProperties& p);

// Wireshark's format_size: a whole number, with an SI prefix once it reaches 10 000 ("16 kBps").
// `plain` / `prefixed`: the unit without and with a prefix ("bytes"/"B", "bytes/s"/"Bps").
std::string siSizeText(int64_t value, const char* plain, const char* prefixed);

} // namespace synflow
