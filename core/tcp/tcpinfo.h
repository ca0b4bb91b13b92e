#pragma once
// The Info column of a TCP segment, as tshark writes it:
// `[TCP Retransmission] 63164 → 22 [FIN, ACK] Seq=3343 Ack=4478 Win=130816 Len=0 TSval=.. TSecr=..`
#include "decode/packetdecoder.h"
#include "tcp/tcpanalysis.h"

#include <string>

namespace synflow {

// What TCP reassembly adds after a segment's Info (desegmentedview.h).
enum class PduNote : uint8_t {
    None,
    Segment,      // " [TCP segment of a reassembled PDU]"
    OverlapError, // "[Reassembly error, protocol TCP: New fragment overlaps old data (retransmission?)]"
    PastLimitsError, // "[Reassembly error, protocol TCP: New fragment past old data limits]"
    // The last segment of a message the capture ends inside, in a framing that reads "one more
    // segment" at a time: tshark's second pass lets the application write its first line, then
    // TCP adds " [TCP segment of a reassembled PDU]". The summary's info holds that line.
    SegmentAfterLine,
    // The last segment of a message with bytes missing, followed there by whole messages: TCP's
    // note, then what the application wrote of them after TCP's fence (the summary's info).
    SegmentThenRest,
};

// `ackBase` is the raw ISN of the receiving direction (for relative SACK edges).
// `continuationTo`: the frame whose message this segment continues (ProtocolSummary), 0 none.
void appendTcpInfo(std::string& out, const DecodedPacket& d, const TcpPacketAnalysis& a, uint32_t ackBase,
                   uint32_t continuationTo = 0, PduNote note = PduNote::None);

// The analysis tags tshark fences before a segment's Info ("[TCP Window Full] "), each with its
// trailing space; an application protocol's Info follows them too.
void appendTcpAnalysisTags(std::string& out, const TcpPacketAnalysis& a);

// "[SYN, ACK]" style flag list (without brackets).
void appendTcpFlagNames(std::string& out, uint16_t flags);

} // namespace synflow
