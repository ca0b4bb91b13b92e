#include "proto/pdubytes.h"

#include "capture/capturefile.h"
#include "proto/desegmentedview.h"
#include "tcp/tcptracker.h"

#include <algorithm>

namespace synflow {

std::vector<uint8_t> pduBytes(const CaptureFile& file, const TcpTracker& tracker, const TcpPdu& pdu, std::vector<PduPiece>* pieces)
{
    std::vector<uint8_t> out;
    const uint32_t last = pdu.lastFrame == TcpPdu::kOpen ? uint32_t(file.packetCount()) - 1 : pdu.lastFrame;
    const uint32_t length = pdu.endSeq - pdu.startSeq;
    uint32_t next = pdu.startSeq; // the next byte wanted
    for (uint32_t f = pdu.firstFrame; f <= last && f < file.packetCount() && next - pdu.startSeq < length; ++f) {
        if (tracker.streamOf(f) != int64_t(pdu.stream))
            continue;
        const DecodedPacket d = file.decode(f);
        if (d.transport != TransportLayer::Tcp || !d.tcpHeaderValid || d.tcpPayloadLen == 0 || tcpDirectionBit(d) != pdu.direction)
            continue;
        const TcpPacketAnalysis a = tracker.analysis(f, file.index(), d);
        if (!a.valid || (a.flags & TcpNotHandedOn) || int32_t(a.seq - pdu.endSeq) >= 0)
            continue;
        const uint32_t start = d.transportOffset + d.tcpHeaderLen;
        const uint32_t captured = start < d.frame.size() ? std::min<uint32_t>(d.tcpPayloadLen, uint32_t(d.frame.size() - start)) : 0;
        // The part of [seq, seq + captured) at or after `next` and inside the message.
        const int32_t skip = int32_t(next - a.seq);
        if (skip < 0) // a hole before this segment: jump over it
            next = a.seq;
        const uint32_t from = skip > 0 ? uint32_t(skip) : 0;
        if (from >= captured)
            continue;
        const uint32_t take = std::min(captured - from, length - (next - pdu.startSeq));
        const uint8_t* p = d.at(start) + from;
        out.insert(out.end(), p, p + take);
        next += take;
        if (pieces)
            pieces->push_back({f, take});
    }
    return out;
}

} // namespace synflow
