#include "proto/wlansummary.h"

#include "decode/bytes.h"
#include "decode/linktypes.h"

#include <cstdio>

namespace synflow {

int64_t wlanHeaderOffset(const DecodedPacket& d)
{
    const size_t caplen = d.frame.size();
    switch (d.linkType) {
    case linktype::Ieee80211: return 0;
    case linktype::Radiotap: return caplen >= 4 ? int64_t(loadLe16(d.at(2))) : -1;
    case linktype::Ppi: // its header names the link type it carries
        return caplen >= 8 && loadLe32(d.at(4)) == linktype::Ieee80211 ? int64_t(loadLe16(d.at(2))) : -1;
    default: return -1;
    }
}

namespace {

// Whether the radio header says an FCS ends the frame (tshark then adds "C" to the flags).
bool fcsPresent(const DecodedPacket& d)
{
    const size_t caplen = d.frame.size();
    if (d.linkType == linktype::Radiotap)
        return radiotapFcsPresent(d.frame);
    if (d.linkType == linktype::Ppi && caplen >= 8) {
        const uint32_t end = std::min<uint32_t>(loadLe16(d.at(2)), uint32_t(caplen));
        for (uint32_t at = 8; at + 4 <= end;) {
            const uint16_t type = loadLe16(d.at(at)), len = loadLe16(d.at(at + 2));
            if (type == 2 && len >= 10 && at + 4 + 10 <= end) // 802.11-Common: its flags after the TSFT
                return loadLe16(d.at(at + 4 + 8)) & 1;
            at += 4 + len;
        }
    }
    return false;
}

const char* managementName(unsigned subtype)
{
    static const char* const kNames[16] = {"Association Request", "Association Response", "Reassociation Request",
                                           "Reassociation Response", "Probe Request", "Probe Response", "Measurement Pilot",
                                           nullptr, "Beacon frame", "ATIM", "Disassociate", "Authentication", "Deauthentication",
                                           "Action", "Action No Ack", nullptr};
    return kNames[subtype];
}

const char* controlName(unsigned subtype)
{
    static const char* const kNames[16] = {nullptr, nullptr, "Trigger", "TACK", "Beamforming Report Poll", "VHT/HE NDP Announcement",
                                           nullptr, "Control Wrapper", "802.11 Block Ack Req", "802.11 Block Ack", "Power-Save poll",
                                           "Request-to-send", "Clear-to-send", "Acknowledgement", "CF-End (Control-frame)",
                                           "CF-End + CF-Ack (Control-frame)"};
    return kNames[subtype];
}

const char* dataName(unsigned subtype)
{
    static const char* const kNames[16] = {"Data", "Data + CF-Ack", "Data + CF-Poll", "Data + CF-Ack + CF-Poll", "Null function (No data)",
                                           "Acknowledgement (No data)", "CF-Poll (No data)", "CF-Ack/Poll (No data)", "QoS Data",
                                           "QoS Data + CF-Acknowledgment", "QoS Data + CF-Poll", "QoS Data + CF-Ack + CF-Poll",
                                           "QoS Null function (No data)", nullptr, "QoS CF-Poll (No Data)", "QoS CF-Ack + CF-Poll (No Data)"};
    return kNames[subtype];
}

// The SSID element's text as tshark writes it: quoted, or "Wildcard (Broadcast)" when empty.
std::string ssidText(const uint8_t* p, size_t n)
{
    if (n == 0)
        return "Wildcard (Broadcast)";
    std::string out = "\"";
    for (size_t i = 0; i < n; ++i) {
        const uint8_t c = p[i];
        if (c >= 0x20 && c < 0x7f) {
            out += char(c);
        } else {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\%03o", c);
            out += esc;
        }
    }
    return out + "\"";
}

} // namespace

std::string wlanInfo(const DecodedPacket& d)
{
    const int64_t start = wlanHeaderOffset(d);
    const size_t caplen = d.frame.size();
    if (start < 0 || caplen < size_t(start) + 2)
        return {};
    const uint32_t off = uint32_t(start);
    const uint8_t fc0 = d.frame[off], flags = d.frame[off + 1];
    if (fc0 & 3) // another protocol version
        return (fc0 & 3) == 1 ? std::string("PV1 Reserved") : "Unknown protocol version: " + std::to_string(fc0 & 3);
    const unsigned type = (fc0 >> 2) & 3, subtype = fc0 >> 4;
    const char* name = type == 0 ? managementName(subtype) : type == 1 ? controlName(subtype) : type == 2 ? dataName(subtype) : nullptr;
    // A fragment with more to come (of a frame with a body, in clear) waits for reassembly.
    if ((flags & 0x04) && !(flags & 0x40) && type != 1 && !(type == 2 && (subtype & 4)))
        return "Fragmented IEEE 802.11 frame";
    if (type == 3 && subtype <= 1)
        return {}; // DMG and S1G beacons: their Info is not written yet
    std::string info = name ? name : "Unrecognized (Reserved frame)";
    if ((type == 0 || type == 2) && caplen >= off + 24) {
        const uint16_t seq = loadLe16(d.at(off + 22));
        info += ", SN=" + std::to_string(seq >> 4) + ", FN=" + std::to_string(seq & 15);
    }
    static const char kFlags[] = "opmPRMFT"; // bit 7 down to bit 0
    info += ", Flags=";
    for (int bit = 7; bit >= 0; --bit)
        info += (flags >> bit) & 1 ? kFlags[7 - bit] : '.';
    if (fcsPresent(d))
        info += 'C';
    if (type != 0 || (flags & 0x40) || caplen < off + 24)
        return info;
    // A management frame's fixed fields, then its tagged ones, of which the SSID (tag 0) is named.
    uint32_t tags = off + 24;
    bool beacon = false;
    switch (subtype) {
    case 0: tags += 4; break;              // capability, listen interval
    case 2: tags += 10; break;             // + current AP
    case 5:
    case 8: tags += 12; beacon = true; break; // timestamp, beacon interval, capability
    case 4: break;
    case 13:
        if (caplen >= off + 27)
            info += ", Dialog Token=" + std::to_string(d.frame[off + 26]);
        return info;
    default: return info;
    }
    if (beacon && caplen >= off + 24 + 10)
        info += ", BI=" + std::to_string(loadLe16(d.at(off + 24 + 8)));
    if (tags + 2 <= caplen && d.frame[tags] == 0 && tags + 2 + d.frame[tags + 1] <= caplen)
        info += ", SSID=" + ssidText(d.at(tags + 2), d.frame[tags + 1]);
    return info;
}

} // namespace synflow
