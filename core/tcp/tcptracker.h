#pragma once
// The TCP conversation tracker. Feed it every packet in capture order (process()); it
// numbers streams as Wireshark does, runs Wireshark's SEQ/ACK analysis, follows each
// endpoint's RFC 9293 state, and keeps a compact entry per packet so any frame's full
// analysis can be had again at random (analysis()). Works the same for files and live
// sources: nothing needs the whole capture up front. Values that tshark shows only after a
// second pass (completeness, iRTT on the SYN/ACK) come from the conversation's final state.
//
// Memory: a conversation idle for a while gives up its tracking state; given a frame source it
// gets it back exactly, by replaying its own frames, when it speaks again. So a capture of a
// million conversations keeps 24 bytes each for good, plus its place in the endpoint table.
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
#include <unordered_map>
#include <vector>

namespace synflow {

struct TcpConversationWork; // a conversation's state, unpacked for one segment (tcptracker.cpp)

// Gives the tracker the frames it was fed, again (the capture file or the live store).
class TcpFrameSource {
public:
    virtual ~TcpFrameSource() = default;
    virtual const PacketRecord& record(uint32_t frame) const = 0;
    virtual DecodedPacket decode(uint32_t frame) const = 0;
};

class TcpTracker {
public:
    TcpTracker();
    ~TcpTracker();
    TcpTracker(const TcpTracker&) = delete;
    TcpTracker& operator=(const TcpTracker&) = delete;

    // Frame indices are 0-based and must arrive in increasing order (gaps for non-TCP are fine).
    void process(uint32_t frame, const PacketRecord& rec, const DecodedPacket& d);

    // With a source, idle conversations give up their tracking state (see above); without one,
    // every conversation keeps it to the end.
    void setFrameSource(const TcpFrameSource* source) { source_ = source; }
    // When conversations give up their state: silent for more than `idleFrames` frames (64 times
    // that once revived) and for more than `replayFactor` times their own frames, checked when
    // more than `sweepAbove` hold state. Tests make it eager, to replay as often as possible.
    struct RetirePolicy {
        uint32_t idleFrames = 1024;
        size_t sweepAbove = 2048;
        uint32_t replayFactor = 4;
    };
    void setRetirePolicy(const RetirePolicy& policy)
    {
        policy_ = policy;
        retireAt_ = policy.sweepAbove;
    }

    // No frames to come for now: the endpoint table (10 to 15 bytes a conversation, needed only
    // to find a new segment's conversation) is given back. Should frames come after all, it is
    // rebuilt from each conversation's opening frame. Needs a frame source (else does nothing).
    void releaseLookup();

    // Room for this many frames (avoids regrowth when the count is known).
    void reserve(size_t frames);

    // Full analysis of a processed frame (valid == false if it was not a TCP segment).
    // `d` is the frame's decode; `index` gives the times of related frames.
    TcpPacketAnalysis analysis(uint32_t frame, const PacketIndex& index, const DecodedPacket& d) const;

    int64_t streamOf(uint32_t frame) const;        // -1 if not TCP
    uint32_t analysisFlags(uint32_t frame) const;  // analysis(frame).flags without the decode (0 if not TCP)
    int64_t previousInStream(uint32_t frame) const; // -1 if first or not TCP
    bool sentByFirst(uint32_t frame) const;          // sent by conversation(stream).ep[0]
    std::vector<uint32_t> framesOf(uint32_t stream) const; // the stream's frames, in capture order

    size_t conversationCount() const { return convs_.size(); }
    // Conversation `stream` (< conversationCount()), put together: its endpoints come from its
    // tracking state or its opening frame, its counts from its frames' entries (bytes need the
    // frame source; zero without one).
    TcpConversation conversation(uint32_t stream) const;
    int64_t initialRttNs(uint32_t stream) const; // 0: none
    bool synCarriedData(uint32_t stream) const;  // a SYN without ACK carried data (TCP Fast Open)
    uint32_t lastFrameOf(uint32_t stream) const;
    // tcp.completeness as tshark's second pass shows it on the stream's last frame (the opening
    // frame alone lacks what the second pass adds to the others).
    uint8_t lastFrameCompleteness(uint32_t stream) const;
    // A conversation another protocol announced before it opened (an FTP data connection):
    // tshark had it made when the SYN came, so its SYN never counts in tcp.completeness.
    void setAnnounced(uint32_t stream);
    size_t memoryBytes() const;
    size_t activeConversations() const { return activeCount_; }
    size_t revivals() const { return revivals_; } // conversations given back their state

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
    std::vector<bool> announced_; // by stream (setAnnounced)
    uint8_t shownCompleteness(uint32_t stream, uint8_t bits) const
    {
        return stream < announced_.size() && announced_[stream] ? uint8_t(bits & ~1u) : bits;
    }
    struct Active;
    struct Stored;
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
    const Active* activeOf(uint32_t stream) const;
    Active& takeSlot(uint32_t stream);
    void retire(uint32_t stream);
    void revive(uint32_t stream);
    int sideOf(uint32_t stream, const Endpoints& ep) const;
    TcpConversationWork unpack(const Stored& st, uint32_t stream) const;
    void pack(const TcpConversationWork& w, Stored& st, Active& act, uint32_t stream);
    // One segment's analysis on the conversation's state; `replay` writes nothing but the state.
    void step(TcpConversationWork& c, Active& act, int f, const DecodedPacket& d, const PacketRecord& rec, uint32_t frame,
              uint32_t foundFlags, bool synAgain, bool srcPortHigher, Entry& e,
              std::vector<std::pair<uint32_t, uint64_t>>& dupAcks, bool replay);
    void sweep(uint32_t frame);
    void rebuildLookup();
    // `side` (0/1) did not receive the peer's FIN of frame finFrame: its states in the frames
    // from `from` back to finFrame are told without it.
    void unreceiveFin(uint32_t from, int side, uint32_t finFrame);

    const TcpFrameSource* source_ = nullptr;
    RetirePolicy policy_;
    size_t activeCount_ = 0;
    size_t retireAt_ = 2048;
    size_t revivals_ = 0;
    ChunkedStore<Stored, 12> convs_;
    std::unordered_map<uint32_t, int64_t> longIrtt_; // iRTTs that do not fit the 32 bits kept
    // Tracking state in a pool, named by a conversation while active: no heap block and no
    // pointer per conversation, and a retired one's slot serves the next.
    ChunkedStore<Active, 10> pool_;
    std::vector<uint32_t> free_;  // pool slots given up
    std::vector<uint32_t> live_;  // streams that may hold an Active (swept)
    StreamTable byEndpoints_;
    bool lookupReleased_ = false;
    ChunkedStore<Entry, 16> entries_; // per frame index
    std::vector<std::pair<uint32_t, uint64_t>> dupAcks_; // frame -> num << 32 | frame of the original ACK
};

} // namespace synflow
