#pragma once
// The TCP conversation tracker. Feed it every packet in capture order (process()); it
// numbers streams as Wireshark does, runs Wireshark's SEQ/ACK analysis, follows each
// endpoint's RFC 9293 state, and keeps a compact entry per packet so any frame's full
// analysis can be had again at random (analysis()). Works the same for files and live
// sources: nothing needs the whole capture up front. Values that tshark shows only after a
// second pass (completeness, iRTT on the SYN/ACK) come from the conversation's final state.
#include "capture/packetindex.h"
#include "decode/packetdecoder.h"
#include "tcp/tcpanalysis.h"
#include "tcp/tcpconversation.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <unordered_map>
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

    // Every record of an indexed capture, in order; `alsoEach(i, decoded)` sees each record too
    // (so callers that need the decode for something else do not decode twice).
    void processCapture(const class CaptureFile& file, const std::function<void(size_t, const DecodedPacket&)>& alsoEach = {});

    // Room for this many frames (avoids regrowth when the count is known).
    void reserve(size_t frames);

    // Full analysis of a processed frame (valid == false if it was not a TCP segment).
    // `d` is the frame's decode; `index` gives the times of related frames.
    TcpPacketAnalysis analysis(uint32_t frame, const PacketIndex& index, const DecodedPacket& d) const;

    int64_t streamOf(uint32_t frame) const;        // -1 if not TCP
    int64_t previousInStream(uint32_t frame) const; // -1 if first or not TCP

    const std::vector<TcpConversation>& conversations() const { return conversations_; }
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

    struct Key {
        uint8_t a[16], b[16];
        uint16_t pa, pb;
        bool operator==(const Key& o) const { return std::memcmp(this, &o, sizeof(Key)) == 0; }
        uint32_t pad = 0; // keeps the hash's word reads inside the key
    };
    struct KeyHash {
        size_t operator()(const Key& k) const;
    };

private:
    struct Active;
    void retire(uint32_t stream);
    void sweep(uint32_t frame);

    size_t activeCount_ = 0;
    size_t retireAt_ = 4096;
    std::vector<TcpConversation> conversations_;
    std::vector<std::unique_ptr<Active>> active_; // per stream; null once retired
    std::unordered_map<Key, uint32_t, KeyHash> byKey_;
    // Per-frame entries in chunks of 64 Ki: growing never moves or copies them, so a live
    // capture adding millions of frames does not stall the thread that follows it.
    class EntryStore {
    public:
        static constexpr size_t kChunkBits = 16, kChunk = size_t(1) << kChunkBits;
        Entry& operator[](size_t i) { return chunks_[i >> kChunkBits][i & (kChunk - 1)]; }
        const Entry& operator[](size_t i) const { return chunks_[i >> kChunkBits][i & (kChunk - 1)]; }
        size_t size() const { return size_; }
        size_t capacity() const { return chunks_.size() * kChunk; }
        void reserve(size_t n) { chunks_.reserve((n + kChunk - 1) / kChunk); }
        void resize(size_t n) // grows only; new entries are default (not TCP)
        {
            while (capacity() < n)
                chunks_.push_back(std::make_unique<Entry[]>(kChunk));
            size_ = std::max(size_, n);
        }

    private:
        std::vector<std::unique_ptr<Entry[]>> chunks_;
        size_t size_ = 0;
    };
    EntryStore entries_; // per frame index
    std::vector<std::pair<uint32_t, uint64_t>> dupAcks_; // frame -> num << 32 | frame of the original ACK
};

} // namespace synflow
