#include "capture/formatsniffer.h"
#include "decode/bytes.h"

#include <algorithm>
#include <cstring>

namespace synflow {

const char* fileFormatName(FileFormat f)
{
    switch (f) {
    case FileFormat::Pcap:
        return "pcap";
    case FileFormat::PcapNanosecond:
        return "pcap (nanosecond)";
    case FileFormat::PcapNg:
        return "pcapng";
    case FileFormat::Unknown:
        break;
    }
    return "unknown";
}

FileFormat sniffFormat(std::span<const uint8_t> head)
{
    if (head.size() < 4)
        return FileFormat::Unknown;
    const uint32_t le = loadLe32(head.data());
    const uint32_t be = loadBe32(head.data());
    for (uint32_t m : {le, be}) {
        if (m == 0xa1b2c3d4 || m == 0xa1b2cd34)
            return FileFormat::Pcap;
        if (m == 0xa1b23c4d)
            return FileFormat::PcapNanosecond;
    }
    if (le == 0x0A0D0D0A)
        return FileFormat::PcapNg;
    return FileFormat::Unknown;
}

std::string describeNonCapture(std::span<const uint8_t> head)
{
    if (head.empty())
        return "an empty file";
    auto starts = [&](const char* magic, size_t n) { return head.size() >= n && std::memcmp(head.data(), magic, n) == 0; };
    if (starts("\x1f\x8b", 2))
        return "gzip-compressed data";
    if (starts("\x28\xb5\x2f\xfd", 4))
        return "zstd-compressed data";
    if (starts("\xfd" "7zXZ", 5))
        return "xz-compressed data";
    if (starts("BZh", 3))
        return "bzip2-compressed data";
    if (starts("PK\x03\x04", 4))
        return "a ZIP archive";
    if (starts("%PDF", 4))
        return "a PDF document";
    if (starts("\x89PNG", 4))
        return "a PNG image";
    if (starts("\xff\xd8\xff", 3))
        return "a JPEG image";
    if (starts("\x7f" "ELF", 4))
        return "an ELF executable";
    if (starts("GIF8", 4))
        return "a GIF image";
    if (starts("SQLite format 3", 15))
        return "an SQLite database";
    if (head.size() >= 262 && std::memcmp(head.data() + 257, "ustar", 5) == 0)
        return "a tar archive";
    if (starts("\xd4\xc3\xb2\xa1", 4) || starts("\xa1\xb2\xc3\xd4", 4))
        return "a pcap file";
    const size_t n = std::min<size_t>(head.size(), 512);
    const bool text = std::all_of(head.begin(), head.begin() + long(n), [](uint8_t c) {
        return c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c != 0x7f);
    });
    if (text) {
        if (starts("<?xml", 5) || starts("<", 1))
            return "an XML or HTML text file";
        return "a text file";
    }
    return "binary data of an unknown kind";
}

} // namespace synflow
