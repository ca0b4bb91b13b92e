#pragma once
// The TCP conversation tracker. Feed it every packet in capture order (process()); it
// numbers streams as Wireshark does, runs Wireshark's SEQ/ACK analysis, follows each
// endpoint's RFC 9293 state, and keeps a compact entry per packet so any frame's full
// analysis can be had again at random (analysis()). Works the same for files and live
// sources: nothing needs the whole capture up front. Values that tshark shows only after a
// second pass (completeness, iRTT on the SYN/ACK) come from the conversation's final state.
#include "capture/packetindex.h"
#include "decode/packetdecoder.h"
#include "tcp/chunkedstore.h"
#include "tcp/streamtable.h"
#include "tcp/tcpanalysis.h"
#include "tcp/tcpconversation.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

namespace synflow {

class TcpTracker {
public:
    TcpTracker();
    ~TcpTracker();
    TcpTracker(const TcpTracker&) = delete;
    TcpTracker& operator=(const TcpTracker&) = delete;

    // Frame indices are 0-based and must arrive in increasing order (gaps for non-TCP are fine).
    void process(uint32_t frame, const PacketRecord& rec, const DecodedPacket& d);

    // Room for this many frames (avoids regrowth when the count is known).
    void reserve(size_t frames);

    // Full analysis of a processed frame (valid == false if it was not a TCP segment).
    // `d` is the frame's decode; `index` gives the times of related frames.
    TcpPacketAnalysis analysis(uint32_t frame, const PacketIndex& index, const DecodedPacket& d) const;

    int64_t streamOf(uint32_t frame) const;        // -1 if not TCP
    int64_t previousInStream(uint32_t frame) const; // -1 if first or not TCP
    bool sentByFirst(uint32_t frame) const;          // sent by conversations()[stream].ep[0]
    std::vector<uint32_t> framesOf(uint32_t stream) const; // the stream's frames, in capture order

    using Conversations = ChunkedStore<TcpConversation, 12>;
    const Conversations& conversations() const { return conversations_; }
    size_t memoryBytes() const;

    // Compact per-frame record; 24 bytes. The window scale is the conversation's (as
    // tshark's second pass applies it), so it is not stored per frame.
    struct Entry {
        uint32_t stream = UINT32_MAX;
        uint32_t prev = UINT32_MAX; // previous frame of the stream
        uint32_t acksFrame = 0;     // acked frame index + 1
        uint32_t bytesInFlight = 0;
        uint32_t pushBytes = 0;
        uint32_t flags : 15 = 0;    // TcpAnalysisFlag
        uint32_t role : 5 = 0;
        uint32_t stateSrc : 4 = 0;  // sender state after the segment
        uint32_t stateDst : 4 = 0;
        uint32_t bits : 4 = 0;      // EntryBit
    };
    static_assert(sizeof(Entry) == 24);
    enum EntryBit : uint8_t { FromEp1 = 1, HasPush = 2, HasTa = 4 };

private:
    struct Active;
    // process() in steps; the ones that read only the segment and its conversation are
    // file-local in tcptracker.cpp.
    struct Endpoints; // a segment's two endpoints and their hash
    struct Found {
        uint32_t stream;
        uint32_t flags; // TcpReusedPorts or 0
        bool synAgain;  // a SYN with the ISN already known: the opening SYN sent again
        Active* active; // its tracking state
    };
    Found findConversation(const Endpoints& ep, uint32_t frame, int64_t ts, uint16_t tcpFlags, uint32_t seq);
    uint32_t newConversation(const Endpoints& ep, uint32_t frame, int64_t ts);
    Active* activeOf(uint32_t stream); // null once retired
    void retire(uint32_t stream);
    void sweep(uint32_t frame);
    // `side` (0/1) did not receive the peer's FIN of frame finFrame: its states in the frames
    // from `from` back to finFrame are told without it.
    void unreceiveFin(uint32_t from, int side, uint32_t finFrame);

    size_t activeCount_ = 0;
    size_t retireAt_ = 4096;
    Conversations conversations_;
    // Tracking state in a pool, named per stream by slot + 1 (0: none): no heap block and
    // no pointer per conversation, and a retired one's slot serves the next.
    ChunkedStore<uint32_t, 12> active_;
    ChunkedStore<Active, 10> pool_;
    std::vector<uint32_t> free_;  // pool slots given up
    std::vector<uint32_t> live_;  // streams that may hold an Active (swept)
    StreamTable byEndpoints_;
    ChunkedStore<Entry, 16> entries_; // per frame index
    std::vector<std::pair<uint32_t, uint64_t>> dupAcks_; // frame -> num << 32 | frame of the original ACK
};

} // namespace synflow
