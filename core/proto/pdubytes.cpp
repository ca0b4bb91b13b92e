#include "proto/pdubytes.h"

#include "capture/capturefile.h"
#include "proto/desegmentedview.h"
#include "tcp/tcptracker.h"

#include <algorithm>

namespace synflow {

std::vector<uint8_t> pduBytes(const CaptureFile& file, const TcpTracker& tracker, const TcpPdu& pdu, std::vector<PduPiece>* pieces)
{
    const uint32_t last = pdu.lastFrame == TcpPdu::kOpen ? uint32_t(file.packetCount()) - 1 : pdu.lastFrame;
    const uint32_t length = pdu.endSeq - pdu.startSeq;
    // Each byte from the first segment (in capture order) that brought it: a resend fills a hole
    // that later segments went past.
    std::vector<uint8_t> bytes;
    struct Piece {
        uint32_t offset, length, frame;
    };
    std::vector<Piece> placed;                           // by capture order
    std::vector<std::pair<uint32_t, uint32_t>> filled;   // [from, to) of the message, merged, in order
    uint32_t have = 0;
    for (uint32_t f = pdu.firstFrame; f <= last && f < file.packetCount() && have < length; ++f) {
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
        // The segment's part inside the message, [lo, hi) in message offsets.
        const int32_t rel = int32_t(a.seq - pdu.startSeq);
        const uint32_t lo = rel < 0 ? 0 : uint32_t(rel);
        const uint32_t skip = rel < 0 ? uint32_t(-int64_t(rel)) : 0;
        if (skip >= captured)
            continue;
        const uint32_t hi = std::min<uint64_t>(length, uint64_t(lo) + (captured - skip));
        if (bytes.empty())
            bytes.resize(length);
        // What of [lo, hi) no earlier segment brought.
        uint32_t at = lo;
        auto it = std::lower_bound(filled.begin(), filled.end(), std::make_pair(lo, 0u),
                                   [](const auto& x, const auto& y) { return x.second <= y.first; });
        while (at < hi) {
            const uint32_t gapEnd = it == filled.end() ? hi : std::min(hi, it->first);
            if (gapEnd > at) {
                std::copy_n(d.at(start) + skip + (at - lo), gapEnd - at, bytes.begin() + at);
                placed.push_back({at, gapEnd - at, f});
                have += gapEnd - at;
            }
            if (it == filled.end() || it->first >= hi)
                break;
            at = std::max(at, it->second);
            ++it;
        }
        // Merge [lo, hi) into the filled ranges.
        auto first = std::lower_bound(filled.begin(), filled.end(), std::make_pair(lo, 0u),
                                      [](const auto& x, const auto& y) { return x.second < y.first; });
        auto end = first;
        uint32_t from = lo, to = hi;
        while (end != filled.end() && end->first <= to) {
            from = std::min(from, end->first);
            to = std::max(to, end->second);
            ++end;
        }
        filled.insert(filled.erase(first, end), {from, to});
    }
    // The message's bytes in order, the holes left out; its pieces in the same order.
    std::stable_sort(placed.begin(), placed.end(), [](const Piece& x, const Piece& y) { return x.offset < y.offset; });
    if (pieces)
        for (const Piece& p : placed)
            pieces->push_back({p.frame, p.length});
    if (have == length)
        return bytes; // no hole: already in place (one copy of a large body, not two)
    std::vector<uint8_t> out;
    out.reserve(have);
    for (const Piece& p : placed)
        out.insert(out.end(), bytes.begin() + p.offset, bytes.begin() + p.offset + p.length);
    return out;
}

} // namespace synflow
