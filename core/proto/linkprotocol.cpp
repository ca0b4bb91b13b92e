#include "proto/linkprotocol.h"
#include "output/exceptiontext.h"

#include "decode/bytes.h"
#include "decode/linktypes.h"
#include "proto/columnaddress.h"

#include <cstdio>
#include <string_view>

namespace synflow {
namespace {

// Cisco's SNAP protocol IDs (OUI 00:00:0c).
const char* ciscoSnap(uint16_t pid)
{
    switch (pid) {
    case 0x2000: return "CDP";
    case 0x2003: return "VTP";
    case 0x2004: return "DTP";
    case 0x0111: return "UDLD";
    case 0x010b: return "STP"; // PVST+
    default: return "LLC";
    }
}

// An 802.2 LLC header at `off`.
const char* llc(const DecodedPacket& d, uint32_t off)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    if (caplen < off + 3)
        return "LLC";
    const uint8_t* p = d.at(off);
    if (p[0] == 0xaa && p[1] == 0xaa && caplen >= off + 8) {
        const uint32_t oui = uint32_t(p[3]) << 16 | uint32_t(p[4]) << 8 | p[5];
        const uint16_t pid = loadBe16(p + 6);
        if (oui == 0x00000c)
            return ciscoSnap(pid);
        return "LLC";
    }
    if (p[0] == 0x42 && p[1] == 0x42) {
        // Spanning tree BPDU: protocol id, version, type; RST and MST BPDUs name themselves.
        if (caplen >= off + 3 + 4 && loadBe16(p + 3) == 0 && p[6] == 0x02)
            return p[5] >= 3 ? "MSTP" : p[5] == 2 ? "RSTP" : "STP";
        return "STP";
    }
    return "LLC";
}

const char* etherTypeName(uint16_t type)
{
    switch (type) {
    case 0x88cc: return "LLDP";
    case 0x888e: return "EAPOL";
    case 0x8863: return "PPPoED";
    case 0x9000: return "LOOP";
    default: return nullptr;
    }
}

// Where a frame's 802.2 LLC header is (0 when it has none).
uint32_t llcOffset(const DecodedPacket& d)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    if (d.linkType == linktype::LinuxSll)
        return caplen >= 16 && loadBe16(d.at(14)) == 0x0004 ? 16 : 0;
    if (d.linkType != linktype::Ethernet || caplen < 14)
        return 0;
    uint32_t off = 14;
    uint16_t type = loadBe16(d.at(12));
    while ((type == 0x8100 || type == 0x88a8 || type == 0x9100) && caplen >= off + 4) {
        type = loadBe16(d.at(off + 2));
        off += 4;
    }
    return type < 1536 ? off : 0;
}

// CDP's Info: the Device ID and Port ID TLVs, each followed by two spaces, in packet order.
std::string cdpInfo(const DecodedPacket& d, uint32_t off)
{
    std::string info;
    // Its checksum is computed first, over every byte the frame reported: a cut frame stops there.
    if (d.frame.size() < d.reportedLen)
        return kSizeLimited;
    const uint32_t end = uint32_t(d.frame.size());
    for (uint32_t pos = off + 4; pos + 4 <= end;) {
        const uint16_t type = loadBe16(d.at(pos)), len = loadBe16(d.at(pos + 2));
        if (len < 4 || pos + len > end)
            break;
        if (type == 1 || type == 3) {
            info += type == 1 ? "Device ID: " : "Port ID: ";
            info.append(reinterpret_cast<const char*>(d.at(pos + 4)), len - 4u);
            info += "  ";
        }
        pos += len;
    }
    return info;
}

} // namespace

const char* llcSapName(uint8_t sap)
{
    switch (sap & 0xfe) {
    case 0x00: return "NULL LSAP";
    case 0x06: return "TCP/IP";
    case 0x42: return "Spanning Tree BPDU";
    case 0xaa: return "SNAP";
    case 0xe0: return "NetWare";
    case 0xf0: return "NetBIOS";
    case 0xfe: return "ISO Network Layer";
    default: return nullptr;
    }
}

std::string llcInfo(const DecodedPacket& d, uint32_t off)
{
    // A header cut short: by the snapshot length ("limited"), or by the frame or 802.3 length.
    const size_t captured = off < d.frame.size() ? d.frame.size() - off : 0;
    const size_t reported = d.reportedLen > off ? d.reportedLen - off : 0;
    const auto cut = [&](size_t needed) -> std::string {
        if (std::min(captured, reported) >= needed)
            return {};
        return reported >= needed ? kSizeLimited : kMalformed;
    };
    if (std::min(captured, reported) < 3)
        return cut(3);
    const uint8_t* p = d.at(off);
    const bool response = p[1] & 1;
    const char* pf = response ? " F" : " P";
    char text[96];
    size_t next = 3;
    if ((p[2] & 3) == 3) { // unnumbered: one byte
        const uint8_t func = p[2] & ~0x10;
        const char* name = func == 0x03 ? "UI" : func == 0x6f ? "SABME" : func == 0x43 ? "DISC" : func == 0x63 ? "UA"
                         : func == 0x0f ? "DM" : func == 0x87 ? "FRMR" : func == 0xaf ? "XID" : func == 0xe3 ? "TEST" : nullptr;
        if (name)
            std::snprintf(text, sizeof text, "U%s, func=%s", (p[2] & 0x10) ? pf : "", name);
        else
            std::snprintf(text, sizeof text, "U%s, func=Unknown (0x%02X)", (p[2] & 0x10) ? pf : "", unsigned(func));
    } else { // information or supervisory: two bytes
        if (std::min(captured, reported) < 4)
            return cut(4);
        next = 4;
        const bool poll = p[3] & 1;
        if (!(p[2] & 1)) {
            std::snprintf(text, sizeof text, "I%s, N(R)=%u, N(S)=%u", poll ? pf : "", unsigned(p[3] >> 1), unsigned(p[2] >> 1));
        } else {
            static const char* const funcs[] = {"RR", "RNR", "REJ", "SREJ"};
            std::snprintf(text, sizeof text, "S%s, func=%s, N(R)=%u", poll ? pf : "", funcs[(p[2] >> 2) & 3], unsigned(p[3] >> 1));
        }
    }
    std::string info = text;
    if (p[0] == 0xaa && p[1] == 0xaa) { // SNAP: the organisation and its protocol ID
        if (std::min(captured, reported) < next + 5)
            return info + cut(next + 5);
        const uint32_t oui = uint32_t(p[next]) << 16 | uint32_t(p[next + 1]) << 8 | p[next + 2];
        const char* maker = ouiMakerName(oui);
        std::snprintf(text, sizeof text, "; SNAP, OUI 0x%06X (%s), PID 0x%04X", unsigned(oui), maker ? maker : "Unknown",
                      unsigned(loadBe16(p + next + 3)));
        return info + text;
    }
    const char* dsap = llcSapName(p[0]);
    const char* ssap = llcSapName(p[1]);
    char dsapText[24], ssapText[24];
    std::snprintf(dsapText, sizeof dsapText, "0x%02x", unsigned(p[0] & 0xfe));
    std::snprintf(ssapText, sizeof ssapText, "0x%02x", unsigned(p[1] & 0xfe));
    info += std::string("; DSAP ") + (dsap ? dsap : dsapText) + ((p[0] & 1) ? " Group" : " Individual") + ", SSAP "
            + (ssap ? ssap : ssapText) + (response ? " Response" : " Command");
    return info;
}

std::string linkProtocolInfo(const DecodedPacket& d)
{
    const uint32_t off = llcOffset(d);
    if (!off)
        return {};
    if (d.frame.size() >= off + 8) {
        const uint8_t* p = d.at(off);
        if (p[0] == 0xaa && p[1] == 0xaa && p[3] == 0 && p[4] == 0 && p[5] == 0x0c && loadBe16(p + 6) == 0x2000)
            return cdpInfo(d, off + 8);
    }
    return std::string_view(linkProtocolName(d) ? linkProtocolName(d) : "") == "LLC" ? llcInfo(d, off) : std::string();
}

const char* linkProtocolName(const DecodedPacket& d)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    switch (d.linkType) {
    case linktype::Ethernet: {
        if (caplen < 14)
            return nullptr;
        uint32_t off = 14;
        uint16_t type = loadBe16(d.at(12));
        while ((type == 0x8100 || type == 0x88a8 || type == 0x9100) && caplen >= off + 4) {
            type = loadBe16(d.at(off + 2));
            off += 4;
        }
        if (type < 1536) { // an 802.3 length: LLC follows, or Novell's raw IPX
            if (caplen >= off + 2 && loadBe16(d.at(off)) == 0xffff)
                return "IPX";
            return llc(d, off);
        }
        return etherTypeName(type);
    }
    case linktype::LinuxSll:
        if (caplen >= 16) {
            const uint16_t type = loadBe16(d.at(14));
            return type == 0x0004 ? llc(d, 16) : etherTypeName(type);
        }
        return nullptr;
    default:
        return nullptr;
    }
}

} // namespace synflow
