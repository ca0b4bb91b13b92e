#pragma once
// The bytes of a message TCP reassembly found (pdureassembly.h), read again from the capture:
// for decoders that show a reassembled message (the detail tree), never kept in memory.
#include "proto/pdureassembly.h"

#include <cstdint>
#include <vector>

namespace synflow {

class CaptureFile;
class TcpTracker;

// The message's bytes in sequence order, from the segments of its stream and direction between
// its first and last frames that the application was handed (no plain retransmission,
// out-of-order segment or keep-alive). Bytes never captured are missing from the result, so
// its size is less than endSeq - startSeq exactly when the message has a hole (a resend that
// filled one puts its bytes in their place).
// `pieces`, if given, receives each contributing segment's 0-based frame and byte count, in the
// message's order (tshark's "#6(1380), #7(321)").
struct PduPiece {
    uint32_t frame = 0;
    uint32_t length = 0;
};
std::vector<uint8_t> pduBytes(const CaptureFile& file, const TcpTracker& tracker, const TcpPdu& pdu,
                              std::vector<PduPiece>* pieces = nullptr);

} // namespace synflow
