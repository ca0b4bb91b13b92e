#pragma once
// One field as tshark names it: its filter name, type, the description Wireshark shows for it,
// how to read its occurrences from a packet and how `tshark -T fields` prints them.
#include "capture/captureinfo.h"
#include "capture/packetrecord.h"
#include "decode/packetdecoder.h"
#include "tcp/tcpanalysis.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace synflow {

// Protocol: a layer is present; None: a marker without a value (tshark's FT_NONE, printed "1").
enum class FieldType : uint8_t { Protocol, None, Bool, Uint, Int, RelTime, AbsTime, Ipv4, Ipv6, Ether, String, Bytes };

// What a reader takes from FieldSource beyond the record and its decoded layers; a caller
// that leaves one out cannot use the fields that need it.
enum FieldNeed : unsigned {
    NeedTcpAnalysis = 1,    // tcp
    NeedProtocolColumn = 2, // protocol
    NeedInfoColumn = 4,     // info
    NeedEpochTime = 8,      // time
    NeedRelativeTime = 16,  // timeRelativeNs
    NeedPreviousFrame = 32, // timeDeltaNs
    NeedComments = 64,      // comments
};

// One packet as the fields see it.
struct FieldSource {
    uint64_t number = 0; // frame.number, 1-based
    const PacketRecord* record = nullptr;
    const DecodedPacket* decoded = nullptr;
    Timestamp time;                         // exact epoch time
    int64_t timeRelativeNs = 0;             // since the first packet
    int64_t timeDeltaNs = 0;                // since the previous packet
    const TcpPacketAnalysis* tcp = nullptr; // null unless a valid analysis
    std::string_view protocol;              // _ws.col.Protocol
    std::string_view info;                  // _ws.col.Info
    const std::vector<std::string>* comments = nullptr; // pcapng packet comments (CaptureFile::packetComments)
};

// One occurrence of a field.
struct FieldValue {
    int64_t n = 0;     // integers and booleans; nanoseconds for RelTime; seconds for AbsTime
    uint32_t nsec = 0; // AbsTime
    uint8_t addr[16] = {};
    std::string_view text; // String and Bytes (into the packet or a static name)
};
using FieldValues = std::vector<FieldValue>;

struct Field {
    std::string name;        // tshark's filter name, e.g. tcp.analysis.ack_rtt
    FieldType type = FieldType::None;
    std::string description; // what Wireshark's status bar and detail tree call it
    unsigned needs = 0;      // FieldNeed bits
    uint8_t hexDigits = 0;   // Uint printed as 0x%0Nx (tshark's BASE_HEX), 0 for decimal
    std::function<void(const FieldSource&, FieldValues&)> read; // appends every occurrence

    FieldValues values(const FieldSource& src) const
    {
        FieldValues v;
        read(src, v);
        return v;
    }
};

const char* fieldTypeName(FieldType t);
// The value for numeric comparisons: seconds for times, 1 for markers.
double fieldNumber(FieldType t, const FieldValue& v);
void appendFieldValue(std::string& out, const Field& f, const FieldValue& v);
// All occurrences joined by commas, as tshark -E occurrence=a -E aggregator=, prints them.
void appendFieldValues(std::string& out, const Field& f, const FieldValues& values);

} // namespace synflow
