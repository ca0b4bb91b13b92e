#include "proto/igmpsummary.h"

#include "decode/bytes.h"
#include "output/exceptiontext.h"
#include "output/textformat.h"

#include <cstdio>

namespace synflow {
namespace {

constexpr uint8_t kQuery = 0x11, kV1Report = 0x12, kV2Report = 0x16, kLeave = 0x17, kV3Report = 0x22, kMtraceResponse = 0x1e,
                  kMtrace = 0x1f;

// "{S1, S2}" appended source by source, as tshark builds it: a list cut short ends in the
// exception right after the last source read.
bool appendSources(std::string& info, const uint8_t* p, size_t n, size_t off, unsigned count)
{
    info += '{';
    for (unsigned k = 0; k < count; ++k, off += 4) {
        if (off + 4 > n)
            return false;
        info += formatIpv4(p + off);
        info += k + 1 < count ? ", " : "}";
    }
    return true;
}

// One group record of an IGMPv3 report (RFC 3376 4.2.12); `off` moves past it.
bool appendGroupRecord(std::string& info, const uint8_t* p, size_t n, size_t& off)
{
    if (off + 8 > n)
        return false;
    const uint8_t type = p[off], aux = p[off + 1];
    const unsigned count = loadBe16(p + off + 2);
    const std::string group = formatIpv4(p + off + 4);
    const bool plural = count > 1;
    switch (type) {
    case 1: // MODE_IS_INCLUDE
    case 3: // CHANGE_TO_INCLUDE_MODE
        info += count == 0 ? "Leave group " + group : "Join group " + group + (plural ? " for sources in " : " for source ");
        break;
    case 2: // MODE_IS_EXCLUDE
    case 4: // CHANGE_TO_EXCLUDE_MODE
        info += "Join group " + group + (count == 0 ? " for any sources" : plural ? ", for sources not in " : ", for source not ");
        break;
    case 5:
        info += "Group " + group + (count == 0 ? ", ALLOW_NEW_SOURCES but no source specified (?)" : plural ? ", new sources " : ", new source ");
        break;
    case 6:
        info += "Group " + group + (count == 0 ? ", BLOCK_OLD_SOURCES but no source specified (?)" : plural ? ", block sources " : ", block source ");
        break;
    default:
        info += "Group " + group + ", unknown record type (?)" + (count ? ", sources " : "");
        break;
    }
    if (count > 0 && !appendSources(info, p, n, off + 8, count))
        return false;
    off += 8 + 4 * size_t(count) + 4 * size_t(aux);
    return true;
}

// Everything after the type's name; false where the message is cut.
bool appendDetails(std::string& info, const uint8_t* p, size_t n)
{
    switch (p[0]) {
    case kQuery: {
        if (n < 2)
            return false;
        const bool v1 = n < 12 && p[1] == 0;
        if (v1)
            return n >= 8;
        if (n < 8)
            return false;
        info += loadBe32(p + 4) == 0 ? ", general" : ", specific for group " + formatIpv4(p + 4);
        if (n < 12)
            return true; // IGMPv2
        const unsigned count = loadBe16(p + 10);
        if (count > 0) {
            info += count > 1 ? ", sources " : ", source ";
            return appendSources(info, p, n, 12, count);
        }
        return true;
    }
    case kV1Report:
        return n >= 8;
    case kV2Report:
    case kLeave:
        if (n < 8)
            return false;
        info += (p[0] == kLeave ? " " : " group ") + formatIpv4(p + 4);
        return true;
    case kV3Report: {
        if (n < 8)
            return false;
        const unsigned records = loadBe16(p + 6);
        if (records == 0)
            info += " - General query";
        size_t off = 8;
        for (unsigned k = 0; k < records; ++k) {
            info += " / ";
            if (!appendGroupRecord(info, p, n, off))
                return false;
        }
        return true;
    }
    case kMtraceResponse: {
        if (n < 24)
            return false;
        info += ", " + std::to_string((n - 24) / 28) + " blocks";
        return true;
    }
    default:
        return true;
    }
}

} // namespace

std::string igmpInfo(const uint8_t* p, size_t n)
{
    if (n == 0)
        return kMalformed;
    std::string info;
    switch (p[0]) {
    case kQuery: info = "Membership Query"; break;
    case kV1Report:
    case kV2Report:
    case kV3Report: info = "Membership Report"; break;
    case kLeave: info = "Leave Group"; break;
    case kMtraceResponse: info = "Traceroute Response"; break;
    case kMtrace: info = "Traceroute Query"; break;
    default: {
        char text[24];
        std::snprintf(text, sizeof text, "Unknown Type:0x%02x", p[0]);
        info = text;
    }
    }
    if (!appendDetails(info, p, n))
        info += kMalformed;
    return info;
}

} // namespace synflow
