#pragma once
// One compact index entry per record: enough to find the bytes again in O(1).
#include <cstdint>

namespace synflow {

// Which kind of file record a packet came from; pcapng options are found from it.
enum class RecordKind : uint8_t {
    PcapRecord = 0,
    EnhancedPacket = 1,
    SimplePacket = 2,
    ObsoletePacket = 3,
    CustomBlock = 4, // tshark counts pcapng custom blocks as frames
    LivePacket = 5,
};

enum RecordFlag : uint8_t {
    RecordNoTimestamp = 1 << 0, // Simple Packet Blocks carry no time
    RecordHasOptions = 1 << 1,  // pcapng block with options (comments, flags...)
    RecordTimeWrapped = 1 << 2, // tsNs is the time modulo 2^64 ns: compare exactTime() instead
};

// Summary bits filled by decoding, so list/filter code can skip a full decode.
enum SummaryBit : uint32_t {
    SummaryIPv4 = 1u << 0,
    SummaryIPv6 = 1u << 1,
    SummaryTcp = 1u << 2,
    SummaryUdp = 1u << 3,
    SummaryIcmp = 1u << 4,
    SummaryArp = 1u << 5,
    // Set by a statistics command's first pass (see conversationtable.h, expertinfo.h).
    SummaryTcpTapPlain = 1u << 6,
    SummaryExpertQuiet = 1u << 7,
    SummaryDecoded = 1u << 31,
};

// Time from `earlier` to `later`. tsNs wraps for times before 1677 or after 2262 (absurd or
// corrupt files, and real ones: tshark subtracts such times exactly), so differences are taken
// modulo 2^64: right for any gap under 292 years, never UB. Order needs CaptureFile::exactTime().
inline int64_t nsBetween(int64_t later, int64_t earlier)
{
    return int64_t(uint64_t(later) - uint64_t(earlier));
}

struct PacketRecord {
    uint64_t offset = 0; // of the first packet byte, in the file (or the live store)
    int64_t tsNs = 0;    // nanoseconds since the Unix epoch, modulo 2^64 (RecordTimeWrapped)
    uint32_t capLen = 0;
    uint32_t origLen = 0;
    uint16_t iface = 0; // index into the capture's interface table
    RecordKind kind = RecordKind::PcapRecord;
    uint8_t flags = 0;
    uint32_t summary = 0;
};
static_assert(sizeof(PacketRecord) == 32, "keep the index entry at 32 bytes");

} // namespace synflow
