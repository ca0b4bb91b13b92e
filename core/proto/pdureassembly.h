#pragma once
// TCP reassembly of application messages, as tshark does it with its default "Allow
// subdissector to reassemble TCP streams": one pass over each direction's in-order data that
// learns where every message of a framed protocol ends. Memory stays bounded: a direction
// keeps only the message not yet complete (its first bytes, up to kHeadCap, and its length);
// a message that spans segments is remembered by its sequence range and first/last frames,
// from which its bytes can be read again (pdubytes.h).
#include "tcp/chunkedstore.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace synflow {

// What a framing says of the bytes that begin a message (`n` of them seen so far).
struct PduFraming {
    enum Kind : uint8_t {
        NotAPdu,  // not a message of this protocol: the rest of the data is left as it is
        NeedMore, // the length is not known from these bytes yet
        Length,   // the whole message is `length` bytes
        UntilFin, // the message runs to the end of the direction (HTTP without a length)
        Chunked,  // an HTTP chunked body follows the first `length` bytes
    };
    Kind kind = NotAPdu;
    uint32_t length = 0;
    // How much of a message of known length is kept to name it (0: a TLS record's worth); a
    // protocol whose name comes from the whole of a big message keeps more.
    uint32_t keep = 0;
};

// Chooses the framing of new data and reads message lengths. `protocol` is the framer's own
// tag: set by begin() for a message, handed back to more() while that message is pending.
class PduFramer {
public:
    virtual ~PduFramer() = default;
    virtual PduFraming begin(const uint8_t* p, size_t n, uint8_t& protocol) const = 0;
    virtual PduFraming more(uint8_t protocol, const uint8_t* p, size_t n) const = 0;
};

// A message that spans two or more segments of one direction. Frames are 0-based.
struct TcpPdu {
    static constexpr uint32_t kOpen = UINT32_MAX;
    uint32_t stream = 0;
    uint8_t direction = 0;      // as PduReassembly::Segment::direction
    uint8_t protocol = 0;       // the framer's tag
    bool holed = false;         // some of its bytes were never captured (it cannot be completed)
    // Read "one more segment" at a time (HTTP headers or chunks) when bytes went missing: tshark's
    // reassembly then waits at `endSeq` for them, so its range reaches one byte further.
    bool waits = false;
    uint32_t startSeq = 0;      // relative sequence number of its first byte
    uint32_t endSeq = kOpen;    // just past its last byte; kOpen while not known
    uint32_t firstFrame = 0;
    uint32_t lastFrame = kOpen; // the frame that completed it; kOpen if none did
};

class PduReassembly {
public:
    static constexpr size_t kHeadCap = 64 * 1024;

    struct Segment {
        uint32_t frame = 0;
        uint32_t stream = 0;
        uint8_t direction = 0; // tells the two directions of the stream apart
        uint32_t seq = 0;      // relative
        const uint8_t* data = nullptr;
        uint32_t len = 0;      // payload bytes (all captured)
        bool fin = false;
        bool sentBefore = false; // the tracker saw its bytes before (a fast or spurious retransmission)
        // Old bytes outside every message go to the application again, and those at a message's
        // start are plain TCP (SSH's reassembly, as tshark's TCP keeps it for SSH).
        bool oldDataReadAgain = false;
    };

    // What the segment's data turned out to be.
    struct Outcome {
        enum Role : uint8_t {
            Untouched,  // not framed here: the frame shows what its own bytes say
            OldData,    // all of it was reassembled before (a spurious or fast retransmission), or it
                        // ends at the FIN a message with bytes missing, never reassembled: plain TCP
            PartOfPdu,  // every byte belongs to a message not complete after it
            Shows,      // messages end here: the frame shows `completed` then payload [from, to)
        };
        Role role = Untouched;
        uint8_t protocol = 0;
        std::string_view completed; // a spanning message that ends here (its first kHeadCap bytes)
        bool completedWhole = false; // `completed` holds all of that message
        // OldData: a message with bytes missing ended here, whole messages follow from `from`.
        bool restAfterHoled = false;
        uint32_t from = 0, to = 0;   // whole messages of this segment shown after it
    };

    // Capture order, once per TCP segment handed to the application (not a plain retransmission,
    // out-of-order segment or keep-alive); zero-length segments only matter with a FIN.
    Outcome add(const Segment& s, const PduFramer& framer);
    // An out-of-order segment: tshark hands it to no application, but its reassembly takes one
    // that brings the bytes a waiting message waits for (it then ends there, never read).
    void addOutOfOrder(const Segment& s);

    // Every spanning message begun so far, in order of first frame.
    const std::vector<TcpPdu>& pdus() const { return pdus_; }
    // The spanning message of (stream, direction) whose range holds `seq`, or null.
    const TcpPdu* pduAt(uint32_t stream, uint8_t direction, uint32_t seq) const;
    // The message still pending at the end of (stream, direction) if `frame` was its last
    // segment, not its first, and it waits for "one more segment" (HTTP headers or chunks): its
    // first bytes; null otherwise.
    const std::string* unfinishedTail(uint32_t stream, uint8_t direction, uint32_t frame) const;
    // The spanning messages completed by `frame` (at most a few), in order.
    std::vector<const TcpPdu*> pdusEndingAt(uint32_t frame) const;
    // The last frame whose bytes a waiting message (TcpPdu::waits) took.
    uint32_t lastFrameTaken(const TcpPdu& pdu) const;
    bool anyWaited() const { return !waitEnds_.empty(); }

private:
    // Where a chunked body stands, fed byte by byte (nothing of it is kept).
    struct Chunks {
        enum State : uint8_t { Size, Extension, Data, DataEnd, Trailer } state = Size;
        uint64_t size = 0;     // the chunk size being read, then what is left of its data
        bool digits = false;
        bool last = false;     // the zero-size chunk was read: trailers follow
        uint32_t lineLen = 0;  // trailer line bytes so far, CR not counted
        // Consumes up to n bytes; true when the body ends, `used` then says where.
        bool feed(const uint8_t* p, uint32_t n, uint32_t& used);
    };
    struct Direction {
        bool synced = false;
        uint32_t next = 0;          // next in-order sequence number
        bool pending = false;
        uint8_t protocol = 0;
        bool untilFin = false;
        bool chunked = false;
        // Bytes of the pending message never captured, [from, to), while a resend may still bring
        // them (a fast retransmission, which tshark's reassembly adds); `head` keeps only what
        // came before the first.
        std::vector<std::pair<uint32_t, uint32_t>> holes;
        bool headFrozen = false;
        Chunks chunks;
        uint32_t pdu = 0;           // index in pdus_
        std::string head;           // the pending message's first bytes, at most kHeadCap
        uint32_t keep = 0;          // its framing's `keep`
        uint32_t lastFrame = 0;
    };
    // Directions idle for a while are given up (a capture of a million short conversations keeps
    // no state for each); a given-up one that speaks again is known by its key alone.
    void sweep(uint32_t frame);
    uint32_t startPending(Direction& dir, const Segment& s, uint32_t off, const PduFraming& f, uint8_t protocol);
    bool complete(Direction& dir, uint32_t frame, uint32_t endSeq); // false: bytes were missing
    // What a message pending in `dir` makes of the segment's bytes from `off` on.
    struct Fed {
        bool completed = false, ended = false, atFin = false;
    };
    Fed feedPending(Direction& dir, const Segment& s, uint32_t& off, const PduFramer& framer);
    // A resent segment that brings bytes of the pending message never captured; false if none.
    bool fillsHole(Direction& dir, const Segment& s);
    // The same for the direction's last message that ended with bytes missing: once they are all
    // here, tshark's reassembly completes it in that segment.
    bool fillsEndedHole(uint64_t key, const Segment& s, Outcome& out);
    struct Ended {
        uint32_t pdu = 0;
        std::vector<std::pair<uint32_t, uint32_t>> holes;
        std::string head;
    };
    std::unordered_map<uint64_t, Ended> ended_; // by direction: its latest such message
    // A segment that brings the bytes the direction's waiting message waits for; false if none.
    bool resume(uint64_t key, const Segment& s, const PduFramer& framer, Outcome& out);

    // A message read one more segment at a time (HTTP headers or chunks) that met a gap: tshark's
    // reassembly waits at its end for the missing bytes (a retransmission) while the data after
    // the gap is read afresh. Each direction keeps its latest one, as it stood.
    std::unordered_map<uint64_t, Direction> waiting_;
    struct WaitEnd {
        uint32_t lastFrame = 0; // the last frame whose bytes it took
        std::string head;       // its first line, as far as it came (what is shown)
    };
    std::unordered_map<uint32_t, WaitEnd> waitEnds_;    // index in pdus_ -> every such message
    std::unordered_map<uint32_t, uint32_t> waitLast_;   // WaitEnd::lastFrame -> index in pdus_
    std::unordered_map<uint64_t, Direction> dirs_;
    ChunkedStore<uint8_t, 16> givenUp_; // per stream: bit 1 << direction once that direction is given up
    size_t sweepAt_ = 8192;
    std::vector<TcpPdu> pdus_;
    std::unordered_map<uint64_t, std::vector<uint32_t>> byDirection_; // key -> indices in pdus_, by startSeq
    std::vector<std::pair<uint32_t, uint32_t>> completions_;         // (frame, index in pdus_), by frame
    std::string done_;                                               // the head of the last completed message
};

} // namespace synflow
