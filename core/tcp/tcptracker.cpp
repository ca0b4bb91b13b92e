#include "tcp/tcptracker.h"

#include "capture/capturefile.h"

#include <algorithm>

namespace synflow {
namespace {

// Sequence-space comparisons (RFC 1982 style), as Wireshark's GT_SEQ/LT_SEQ.
inline bool seqLt(uint32_t a, uint32_t b) { return int32_t(a - b) < 0; }
inline bool seqGt(uint32_t a, uint32_t b) { return int32_t(a - b) > 0; }
inline bool seqLe(uint32_t a, uint32_t b) { return int32_t(a - b) <= 0; }
inline bool seqGe(uint32_t a, uint32_t b) { return int32_t(a - b) >= 0; }

constexpr size_t kMaxUnacked = 10000; // per direction, like tshark's cap on tracked segments
constexpr size_t kRetireThreshold = 4096;
constexpr uint32_t kIdleFrames = 100000; // frames of silence before an open conversation gives up its state

struct Unacked {
    uint32_t seq, nextSeq, frame; // the frame's time comes from the index when needed
};

} // namespace

// Wireshark's per-direction analysis state (tcp_flow_t + its seq info).
struct FlowState {
    uint32_t nextSeq = 0;
    uint32_t nextSeqFrame = 0;
    int64_t nextSeqTime = 0;
    uint32_t maxSeqToBeAcked = 0;
    uint32_t lastAck = 0;
    int64_t lastAckTime = 0;
    uint32_t lastNonDupAck = 0; // frame index
    // UINT32_MAX: the peer's ACK of unseen data was reported. tshark keeps this mark in its
    // unsigned counter, so it also counts as "two or more duplicate ACKs" for a fast retransmission.
    uint32_t dupAckNum = 0;
    uint64_t window = 0;
    uint32_t lastSegmentFlags = 0;
    bool validBif = true;
    bool pushSetLast = false;
    uint32_t pushBytesSent = 0;
    std::vector<Unacked> segments; // newest last
    bool segmentsChanged = false;  // since the peer's last ACK scan
    uint32_t lastScanAck = 0;      // the ACK value of that scan
    // Teaching state machine.
    bool synSent = false, synAckSent = false, synAcked = false, synReceived = false;
    bool finSent = false, finAcked = false, finReceived = false, ackedPeerFin = false;
    bool rst = false, established = false, passiveClose = false, sawTraffic = false, handshakeAcked = false;
    uint32_t finNextSeq = 0; // raw sequence number just after our FIN
    // SACK blocks of this direction's latest segment: the sender's bytes in flight leave them out.
    uint8_t sackCount = 0;
    uint32_t sackLeft[4] = {}, sackRight[4] = {};
};

struct TcpTracker::Active {
    FlowState flow[2];
    uint32_t lastFrame = 0;
    bool closed = false;
};

namespace {

// An endpoint as the tracker compares it: the address as two words (IPv4 in the first, the
// second zero), kept in registers. Built from the packet and compared with the stored endpoints
// word by word: going through a TcpEndpoint on the stack would re-read 16 bytes just written in
// pieces, a stall on every packet (measured).
struct EndpointKey {
    uint64_t a0 = 0, a1 = 0;
    uint16_t port = 0;

    bool operator<(const EndpointKey& o) const
    {
        return a0 != o.a0 ? a0 < o.a0 : a1 != o.a1 ? a1 < o.a1 : port < o.port;
    }
    bool matches(const TcpEndpoint& e) const
    {
        uint64_t w[2];
        std::memcpy(w, e.addr, 16);
        return e.port == port && w[0] == a0 && w[1] == a1;
    }
    TcpEndpoint endpoint() const
    {
        TcpEndpoint e;
        std::memcpy(e.addr, &a0, 8);
        std::memcpy(e.addr + 8, &a1, 8);
        e.port = port;
        return e;
    }
};

// The endpoints in a fixed order (any total order: both directions must hash alike).
uint32_t endpointsHash(const EndpointKey& lo, const EndpointKey& hi)
{
    // Mix as 64-bit words (wyhash-style multiply-xorshift): a few cycles a packet.
    const uint64_t w[5] = {lo.a0, lo.a1, hi.a0, hi.a1, uint64_t(lo.port) << 16 | hi.port};
    uint64_t h = 0x9e3779b97f4a7c15ull;
    for (uint64_t x : w) {
        h ^= x;
        h *= 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    return uint32_t(h ^ (h >> 32));
}

} // namespace

void TcpTracker::reserve(size_t frames)
{
    entries_.reserve(frames);
}

TcpTracker::TcpTracker() = default;
TcpTracker::~TcpTracker() = default;

void TcpTracker::retire(uint32_t stream)
{
    active_[stream].reset();
}

int64_t TcpTracker::streamOf(uint32_t frame) const
{
    if (frame >= entries_.size() || entries_[frame].stream == UINT32_MAX)
        return -1;
    return entries_[frame].stream;
}

int64_t TcpTracker::previousInStream(uint32_t frame) const
{
    if (frame >= entries_.size() || entries_[frame].prev == UINT32_MAX)
        return -1;
    return entries_[frame].prev;
}

size_t TcpTracker::memoryBytes() const
{
    size_t n = entries_.capacity() * sizeof(Entry) + conversations_.capacity() * sizeof(TcpConversation)
        + active_.capacity() * sizeof(void*) + live_.capacity() * sizeof(uint32_t) + dupAcks_.capacity() * sizeof(dupAcks_[0])
        + byEndpoints_.memoryBytes();
    for (uint32_t id : live_)
        if (const auto& a = active_[id])
            n += sizeof(Active) + (a->flow[0].segments.capacity() + a->flow[1].segments.capacity()) * sizeof(Unacked);
    return n;
}

namespace {

TcpState stateOf(const FlowState& me, const FlowState& peer)
{
    if (me.rst || peer.rst)
        return TcpState::Closed;
    if (me.finSent) {
        if (me.passiveClose)
            return me.finAcked ? TcpState::Closed : TcpState::LastAck;
        if (me.finReceived)
            return me.finAcked ? TcpState::TimeWait : TcpState::Closing;
        return me.finAcked ? TcpState::FinWait2 : TcpState::FinWait1;
    }
    if (me.finReceived)
        return TcpState::CloseWait;
    if (me.established)
        return TcpState::Established;
    if (me.synAckSent)
        return TcpState::SynReceived;
    if (me.synSent)
        return TcpState::SynSent;
    if (peer.synSent && !me.sawTraffic)
        return TcpState::Listen;
    return TcpState::Unknown;
}

} // namespace

void TcpTracker::process(uint32_t frame, const PacketRecord& rec, const DecodedPacket& d)
{
    if (entries_.size() <= frame)
        entries_.resize(size_t(frame) + 1);
    if (d.transport != TransportLayer::Tcp || !d.tcpHeaderValid || (d.net != NetLayer::IPv4 && d.net != NetLayer::IPv6))
        return;

    const TcpView tcp{d.at(d.transportOffset)};
    const uint16_t th = tcp.flags();
    const bool syn = th & TcpSyn, ackf = th & TcpAck, fin = th & TcpFin, rst = th & TcpRst;
    const uint32_t seq = tcp.seq(), ack = tcp.ack();
    const uint32_t seglen = d.tcpPayloadLen;
    const int64_t ts = rec.tsNs;

    // Endpoints and the canonical key (addresses and ports only: VLANs merge, as in tshark).
    EndpointKey src, dst;
    const bool v6 = d.net == NetLayer::IPv6;
    if (v6) {
        const Ipv6View ip{d.at(d.netOffset)};
        std::memcpy(&src.a0, ip.src(), 8);
        std::memcpy(&src.a1, ip.src() + 8, 8);
        std::memcpy(&dst.a0, ip.dst(), 8);
        std::memcpy(&dst.a1, ip.dst() + 8, 8);
    } else {
        const Ipv4View ip{d.at(d.netOffset)};
        uint32_t a;
        std::memcpy(&a, ip.src(), 4);
        src.a0 = a;
        std::memcpy(&a, ip.dst(), 4);
        dst.a0 = a;
    }
    src.port = tcp.srcPort();
    dst.port = tcp.dstPort();
    const uint32_t hash = dst < src ? endpointsHash(dst, src) : endpointsHash(src, dst);

    auto newConversation = [&]() -> uint32_t {
        const uint32_t id = uint32_t(conversations_.size());
        TcpConversation& c = conversations_.push_back(TcpConversation{});
        c.stream = id;
        c.ipv6 = v6;
        c.ep[0] = src.endpoint();
        c.ep[1] = dst.endpoint();
        c.firstFrame = frame;
        c.firstTsNs = ts;
        active_.resize(size_t(id) + 1);
        return id;
    };

    uint32_t flagsOut = 0;
    bool synAgain = false; // a SYN with the ISN already known: the opening SYN sent again
    uint32_t id;
    uint32_t* slot = byEndpoints_.find(hash, [&](uint32_t stream) {
        const TcpConversation& c = conversations_[stream];
        return (src.matches(c.ep[0]) && dst.matches(c.ep[1])) || (dst.matches(c.ep[0]) && src.matches(c.ep[1]));
    });
    if (!slot) {
        id = newConversation();
        byEndpoints_.insert(hash, id);
    } else {
        id = *slot;
        TcpConversation& c = conversations_[id];
        const int fwd = src.matches(c.ep[0]) ? 0 : 1;
        // A new SYN with another ISN on a known 5-tuple starts a new conversation.
        if (syn && !ackf && c.baseSet[fwd] && seq != c.baseSeq[fwd]) {
            if (active_[id]) {
                retire(id);
                --activeCount_;
            }
            id = newConversation();
            *slot = id;
            flagsOut |= TcpReusedPorts;
        } else if (syn && !ackf && c.baseSet[fwd]) {
            synAgain = true;
        } else if (syn && ackf && c.baseSet[fwd] && seq != c.baseSeq[fwd]) {
            // A SYN/ACK with another ISN: tshark takes the new ISN and calls the ports reused.
            c.baseSeq[fwd] = seq;
            flagsOut |= TcpReusedPorts;
        }
    }
    if (!active_[id]) {
        active_[id] = std::make_unique<Active>(); // new, or a retired conversation came back: start fresh
        live_.push_back(id);
        ++activeCount_;
    }

    TcpConversation& c = conversations_[id];
    Active& act = *active_[id];
    const int f = src.matches(c.ep[0]) ? 0 : 1;
    const int r = 1 - f;
    FlowState& fwd = act.flow[f];
    FlowState& rev = act.flow[r];

    Entry& e = entries_[frame];
    e.stream = id;
    e.prev = c.frames[0] + c.frames[1] ? c.lastFrame : UINT32_MAX;
    if (f == 1)
        e.bits |= FromEp1;
    c.lastFrame = frame;
    c.lastTsNs = ts;
    c.frames[f]++;
    c.bytes[f] += rec.origLen;

    // Window scaling, negotiated by the SYNs.
    if (syn) {
        int ws = -1;
        forEachTcpOption(d, [&](uint8_t kind, uint32_t off, uint32_t len) {
            if (kind == tcpopt::WindowScale && len == 3)
                ws = std::min<int>(d.frame[off + 2], 14);
        });
        if (ws < 0) {
            c.winScale[f] = -2;
            c.winScale[r] = -2;
        } else if (ackf && c.winScale[r] == -2) {
            c.winScale[f] = -2;
        } else {
            c.winScale[f] = int8_t(ws);
        }
    }
    uint64_t window = tcp.window();
    if (!syn && c.winScale[f] >= 0)
        window <<= c.winScale[f];

    // Conversation completeness, as tshark computes it: the frame that opens a conversation
    // counts only its SYN; any other frame counts SYN/ACK, a pure ACK, data, FIN and RST.
    // tshark's second pass sees the opening frame again as an ordinary one (firstFrameBits).
    {
        uint8_t bits = 0;
        if (syn && ackf)
            bits |= 2;
        if (ackf && !syn && seglen == 0)
            bits |= 4;
        if (seglen > 0)
            bits |= 8;
        if (fin)
            bits |= 16;
        if (rst)
            bits |= 32;
        if (c.firstFrame == frame) {
            if (syn && !ackf)
                c.completeness |= 1;
            c.firstFrameBits = bits;
        } else {
            c.completeness |= bits;
        }
    }

    // ---- Wireshark's SEQ/ACK analysis (tcp_analyze_sequence_number) ----
    uint32_t ta = flagsOut; // flags raised on this segment
    bool hasTa = flagsOut != 0 || synAgain;
    // A SYN sent again may follow a RST whose SEQ took nextSeq elsewhere: tshark falls back
    // to the highest contiguous sequence number.
    if (synAgain)
        fwd.nextSeq = fwd.maxSeqToBeAcked;
    if (!c.baseSet[f]) {
        c.baseSeq[f] = syn ? seq : seq - 1;
        c.baseSet[f] = true;
    }
    if (!c.baseSet[r] && ackf) {
        c.baseSeq[r] = ack - 1;
        c.baseSet[r] = true;
    }
    if (ackf)
        rev.validBif = true;
    fwd.sackCount = 0;
    forEachTcpOption(d, [&](uint8_t kind, uint32_t off, uint32_t len) {
        if (kind != tcpopt::Sack)
            return;
        for (uint32_t i = 2; i + 8 <= len && fwd.sackCount < 4; i += 8) {
            fwd.sackLeft[fwd.sackCount] = loadBe32(d.at(off + i));
            fwd.sackRight[fwd.sackCount] = loadBe32(d.at(off + i + 4));
            ++fwd.sackCount;
        }
    });

    bool skipToFinished = false;
    if (seglen == 1 && seq == fwd.nextSeq && rev.window == 0) {
        ta |= TcpZeroWindowProbe;
        skipToFinished = true;
    }
    if (!skipToFinished) {
        if (window == 0 && !(th & (TcpRst | TcpFin | TcpSyn)))
            ta |= TcpZeroWindow;
        if (fwd.nextSeq && seqGt(seq, fwd.nextSeq) && !rst) {
            ta |= TcpLostSegment;
            fwd.validBif = false;
        }
        if ((seglen == 0 || seglen == 1) && seq == fwd.nextSeq - 1 && !(th & (TcpSyn | TcpFin | TcpRst)))
            ta |= TcpKeepAlive;
        if (seglen == 0 && window && window != fwd.window && seq == fwd.nextSeq && ack == fwd.lastAck
            && !(th & (TcpSyn | TcpFin | TcpRst)))
            ta |= TcpWindowUpdate;
        if (seglen > 0 && c.winScale[r] != -1 && seq + seglen == rev.lastAck + uint32_t(rev.window)
            && !(th & (TcpSyn | TcpFin | TcpRst)))
            ta |= TcpWindowFull;
        if (seglen == 0 && window && window == fwd.window && seq == fwd.nextSeq && ack == fwd.lastAck
            && (rev.lastSegmentFlags & TcpKeepAlive) && !(th & (TcpSyn | TcpFin | TcpRst))) {
            ta |= TcpKeepAliveAck;
            skipToFinished = true;
        }
    }
    if (!skipToFinished) {
        // tshark 4.0 wants the ACK unchanged: a receiver that keeps the probe's byte ACKs past
        // it, and that ACK is no probe ACK (tests/data/lo-zwpbyte).
        if (seglen == 0 && window == 0 && window == fwd.window && seq == fwd.nextSeq && ack == fwd.lastAck
            && (rev.lastSegmentFlags & TcpZeroWindowProbe)
            && !(th & (TcpSyn | TcpFin | TcpRst))) {
            ta |= TcpZeroWindowProbeAck;
            skipToFinished = true;
        }
    }
    if (!skipToFinished) {
        if (seglen == 0 && window && window == fwd.window && seq == fwd.nextSeq && ack == fwd.lastAck
            && !(th & (TcpSyn | TcpFin | TcpRst))) {
            fwd.dupAckNum = fwd.dupAckNum == UINT32_MAX ? 1 : fwd.dupAckNum + 1;
            ta |= TcpDuplicateAck;
            dupAcks_.emplace_back(frame, uint64_t(fwd.dupAckNum) << 32 | fwd.lastNonDupAck);
        }
    }
    // finished_fwd:
    if (ack != fwd.lastAck) {
        fwd.lastNonDupAck = frame;
        fwd.dupAckNum = 0;
    }
    if (rev.maxSeqToBeAcked && seqGt(ack, rev.maxSeqToBeAcked) && ackf) {
        // tshark reports a gap once: it moves the peer's mark up to its nextSeq or, when the
        // mark is already there, reports only if the peer has sent no duplicate ACK since
        // its ACK last changed, and marks the gap as reported.
        hasTa = true;
        if (seqLt(rev.maxSeqToBeAcked, rev.nextSeq)) {
            rev.maxSeqToBeAcked = rev.nextSeq;
            ta |= TcpAckLostSegment;
        } else {
            if (rev.dupAckNum == 0)
                ta |= TcpAckLostSegment;
            rev.dupAckNum = UINT32_MAX;
        }
    }

    if (seglen > 0 || (th & (TcpSyn | TcpFin))) {
        bool notAdvanced = fwd.nextSeq && seqLt(seq, fwd.nextSeq);
        if (!(ta & TcpKeepAlive)) {
            if (seglen > 1 && fwd.nextSeq - 1 == seq)
                notAdvanced = false;
            // Unsigned, as tshark compares them: a time that went backwards is never "recent".
            const uint64_t sinceDupAck = uint64_t(ts) - uint64_t(rev.lastAckTime);
            const uint64_t sinceNextSeq = uint64_t(ts) - uint64_t(fwd.nextSeqTime);
            const uint64_t oooThreshold = uint64_t(c.initialRttNs != 0 ? c.initialRttNs : 3000000);
            const uint32_t segEnd = seq + seglen + ((th & (TcpSyn | TcpFin)) ? 1 : 0);
            // Data the peer has already acknowledged is spurious before anything else.
            if (seglen > 0 && rev.lastAck && seqLe(seq + seglen, rev.lastAck)) {
                ta |= TcpSpuriousRetransmission;
            } else if (notAdvanced && rev.dupAckNum >= 2 && rev.lastAck == seq && sinceDupAck < 20000000) {
                ta |= TcpFastRetransmission;
            } else if (notAdvanced && sinceNextSeq < oooThreshold && fwd.nextSeq != segEnd) {
                ta |= TcpOutOfOrder;
            } else if (notAdvanced) {
                ta |= TcpRetransmission;
            }
        }
    }
    // finished_checking_retransmission_type:
    uint32_t nextSeq = seq + seglen;
    if (th & (TcpSyn | TcpFin))
        nextSeq += 1;
    if ((seglen || (th & (TcpSyn | TcpFin))) && fwd.segments.size() < kMaxUnacked)
        {
        fwd.segments.push_back(Unacked{seq, nextSeq, frame});
        fwd.segmentsChanged = true;
    }
    if (seqGt(nextSeq, fwd.nextSeq) || !fwd.nextSeq) {
        if (!(ta & TcpZeroWindowProbe)) {
            fwd.nextSeq = nextSeq;
            fwd.nextSeqFrame = frame;
            fwd.nextSeqTime = ts;
        }
    }
    if (seq == fwd.maxSeqToBeAcked || !fwd.maxSeqToBeAcked) {
        if (!(ta & TcpZeroWindowProbe))
            fwd.maxSeqToBeAcked = fwd.nextSeq;
    }
    fwd.window = window;
    fwd.lastAck = ack;
    fwd.lastAckTime = ts;
    fwd.lastSegmentFlags = ta;

    // Drop what this ACKs from the reverse direction; note the segment it ACKs exactly.
    // tshark does this whatever the ACK flag says (a SYN's zero ack field can drop segments).
    // Scanning again with the same ACK over an unchanged list changes nothing: skip it.
    if (rev.segmentsChanged || ack != rev.lastScanAck) {
        rev.segmentsChanged = false;
        rev.lastScanAck = ack;
        auto& segs = rev.segments;
        size_t keep = 0;
        for (size_t i = 0; i < segs.size(); ++i) {
            Unacked& u = segs[i];
            if (ack == u.nextSeq) {
                // tshark walks newest to oldest and keeps the last match: the original segment.
                if (!e.acksFrame)
                    e.acksFrame = u.frame + 1;
                hasTa = true;
                continue; // acked: dropped
            }
            if (seqGt(ack, u.seq) && seqLe(ack, u.nextSeq)) {
                u.seq = ack;
                segs[keep++] = u;
                continue;
            }
            if (seqGt(u.nextSeq, ack)) {
                segs[keep++] = u;
                continue;
            }
            // older than the ACK: dropped
        }
        segs.resize(keep);
    }

    // Bytes in flight and bytes since the last PSH.
    if (seglen != 0 && !fwd.segments.empty() && fwd.validBif) {
        uint32_t first = fwd.segments[0].seq - c.baseSeq[f], last = fwd.segments[0].nextSeq - c.baseSeq[f];
        for (const Unacked& u : fwd.segments) {
            last = std::max(last, u.nextSeq - c.baseSeq[f]);
            first = std::min(first, u.seq - c.baseSeq[f]);
        }
        uint32_t inFlight = last - first;
        for (uint8_t i = 0; i < rev.sackCount; ++i)
            inFlight -= rev.sackRight[i] - rev.sackLeft[i]; // may wrap: then tshark shows nothing
        // Bytes sent since the last PSH are counted whether or not the flight is shown.
        const bool psh = th & TcpPsh;
        if (psh && !fwd.pushSetLast) {
            fwd.pushBytesSent += seglen;
            fwd.pushSetLast = true;
        } else if (psh && fwd.pushSetLast) {
            fwd.pushBytesSent = seglen;
        } else if (fwd.pushSetLast) {
            fwd.pushBytesSent = seglen;
            fwd.pushSetLast = false;
        } else {
            fwd.pushBytesSent += seglen;
        }
        if (inFlight > 0 && inFlight < 2000000000u) {
            // A SYN or FIN occupies a sequence number but no byte: tshark takes it off the
            // flight after the range check (a flight of just that flag then shows nothing).
            e.bytesInFlight = (th & (TcpSyn | TcpFin)) ? inFlight - 1 : inFlight;
            if (e.bytesInFlight) { // the PSH count is shown only beside a flight
                e.pushBytes = fwd.pushBytesSent;
                e.bits |= HasPush;
            }
        }
        hasTa = true; // tshark keeps the PSH count in the frame's record even when nothing is shown
    }
    // iRTT: from the most recent SYN to the first ACK that completes the handshake. After the
    // analysis, as in tshark: the out-of-order test of this very segment does not use it yet.
    if (syn && !ackf) {
        c.synTsNs = ts;
        c.synSeen = true;
    }
    if (ackf && !syn && c.synSeen && c.initialRttNs == 0)
        c.initialRttNs = nsBetween(ts, c.synTsNs);

    if (ta)
        hasTa = true;
    e.flags = ta;
    if (hasTa)
        e.bits |= HasTa;

    // ---- Teaching: role and RFC 9293 states ----
    TcpRole role = TcpRole::None;
    if (syn && !ackf && c.client < 0) {
        c.client = int8_t(f);
        c.clientInferred = false;
    } else if (syn && ackf && c.client < 0) {
        c.client = int8_t(r);
        c.clientInferred = false;
    }
    const bool acksPeerFin = ackf && rev.finSent && seqGe(ack, rev.finNextSeq);
    if (rst) {
        role = (rev.synSent && !fwd.synAckSent && !fwd.established) ? TcpRole::Refused : TcpRole::Reset;
        fwd.rst = true;
    } else if (syn && !ackf) {
        if (fwd.synSent)
            role = TcpRole::HandshakeRetry;
        else if (rev.synSent && !rev.synAckSent)
            role = TcpRole::SimultaneousOpen;
        else
            role = TcpRole::HandshakeSyn;
        fwd.synSent = true;
        rev.synReceived = true;
    } else if (syn && ackf) {
        role = fwd.synAckSent ? TcpRole::HandshakeRetry : TcpRole::HandshakeSynAck;
        if (fwd.synSent) // simultaneous open: our SYN went first
            role = TcpRole::SimultaneousOpen;
        fwd.synAckSent = true;
        fwd.synSent = true;
        rev.synAcked = true;
        rev.established = rev.synSent; // the client is established on receiving the SYN/ACK
    } else if (fin) {
        if (fwd.finSent && nextSeq == fwd.finNextSeq)
            role = TcpRole::TeardownRetry;
        else if (!rev.finSent)
            role = TcpRole::TeardownFin1;
        else if (acksPeerFin)
            role = fwd.ackedPeerFin ? TcpRole::TeardownFin2 : TcpRole::TeardownFinAck;
        else
            role = TcpRole::SimultaneousClose;
        if (role == TcpRole::TeardownFinAck)
            c.combinedTeardown = true;
        if (!fwd.finSent) {
            fwd.finSent = true;
            fwd.finNextSeq = nextSeq;
            fwd.passiveClose = rev.finSent && acksPeerFin;
        }
        rev.finReceived = true;
    } else if (ackf && fwd.synSent && !fwd.synAckSent && rev.synAckSent && !fwd.handshakeAcked && seglen == 0) {
        role = TcpRole::HandshakeAck; // the client's first ACK after the SYN/ACK
        fwd.handshakeAcked = true;
    } else if (acksPeerFin && !fwd.ackedPeerFin && seglen == 0) {
        role = fwd.finSent ? (c.combinedTeardown ? TcpRole::TeardownLastAck : TcpRole::TeardownAck2) : TcpRole::TeardownAck1;
    } else if (ta & TcpKeepAlive) {
        role = TcpRole::KeepAlive;
    } else if (seglen > 0) {
        role = fwd.finReceived ? TcpRole::HalfCloseData : TcpRole::Data;
    } else {
        role = TcpRole::Ack;
    }
    if (acksPeerFin) {
        fwd.ackedPeerFin = true;
        rev.finAcked = true;
    }
    if (ackf && !syn && rev.synAckSent && fwd.synSent) {
        rev.established = true; // server: its SYN/ACK is acknowledged
        fwd.established = true;
    }
    if (ackf && rev.synSent)
        rev.synAcked = true;
    if (rst)
        rev.rst = true;
    fwd.sawTraffic = true;
    if (c.client < 0) {
        // No SYN seen: the endpoint with the lower (well-known) port is taken as the server.
        c.client = int8_t(src.port > dst.port ? f : r);
        c.clientInferred = true;
    }
    e.role = uint8_t(role);
    e.stateSrc = uint32_t(stateOf(fwd, rev));
    e.stateDst = uint32_t(stateOf(rev, fwd));
    act.lastFrame = frame;
    act.closed = fwd.rst || rev.rst || (fwd.finAcked && rev.finAcked);
    if (activeCount_ > retireAt_)
        sweep(frame);
}

void TcpTracker::sweep(uint32_t frame)
{
    // Bounded state: closed conversations, and ones idle for a long stretch of the
    // capture, give up their tracking state (their summary and packet entries stay).
    size_t kept = 0;
    for (uint32_t id : live_) {
        auto& a = active_[id];
        if (!a)
            continue; // retired when its ports were reused
        if (a->closed || frame - a->lastFrame > kIdleFrames) {
            a.reset();
            --activeCount_;
        } else {
            live_[kept++] = id;
        }
    }
    live_.resize(kept);
    retireAt_ = std::max(kRetireThreshold, activeCount_ * 2);
}

TcpPacketAnalysis TcpTracker::analysis(uint32_t frame, const PacketIndex& index, const DecodedPacket& d) const
{
    TcpPacketAnalysis a;
    if (frame >= entries_.size() || entries_[frame].stream == UINT32_MAX || d.transport != TransportLayer::Tcp)
        return a;
    const Entry& e = entries_[frame];
    const TcpConversation& c = conversations_[e.stream];
    const TcpView tcp{d.at(d.transportOffset)};
    const int f = (e.bits & FromEp1) ? 1 : 0;
    const uint16_t th = tcp.flags();
    a.valid = true;
    a.stream = e.stream;
    a.seqLen = d.tcpPayloadLen;
    a.seq = tcp.seq() - c.baseSeq[f];
    a.ackValid = th & TcpAck;
    a.ack = a.ackValid ? tcp.ack() - c.baseSeq[1 - f] : 0;
    a.nextSeq = a.seq + a.seqLen + ((th & (TcpSyn | TcpFin)) ? 1 : 0);
    a.isSyn = th & TcpSyn;
    a.windowScale = c.winScale[f];
    a.windowSize = tcp.window();
    if (!a.isSyn && a.windowScale >= 0)
        a.windowSize <<= a.windowScale;
    const int64_t ts = index[frame].tsNs;
    a.timeRelativeNs = nsBetween(ts, c.firstTsNs);
    a.timeDeltaNs = e.prev == UINT32_MAX ? 0 : nsBetween(ts, index[e.prev].tsNs);
    a.flags = e.flags;
    if (e.flags & TcpDuplicateAck) {
        auto it = std::lower_bound(dupAcks_.begin(), dupAcks_.end(), std::make_pair(frame, uint64_t(0)));
        if (it != dupAcks_.end() && it->first == frame) {
            a.dupAckNum = uint32_t(it->second >> 32);
            a.dupAckFrame = (it->second & 0xffffffffu) + 1;
        }
    }
    if (e.acksFrame) {
        a.acksFrame = e.acksFrame;
        a.ackRttNs = nsBetween(ts, index[e.acksFrame - 1].tsNs);
        a.hasAckRtt = a.ackRttNs != 0;
    }
    a.hasAnalysisData = e.bits & HasTa;
    if (a.hasAnalysisData && c.initialRttNs != 0) {
        a.hasInitialRtt = true;
        a.initialRttNs = c.initialRttNs;
    }
    a.bytesInFlight = e.bytesInFlight;
    a.hasPushBytes = (e.bits & HasPush) && e.pushBytes;
    a.pushBytesSent = e.pushBytes;
    // Each frame shows the bits before its own update; in tshark's second pass the opening
    // frame has added its bits too.
    a.completeness = frame == c.firstFrame ? c.completeness : uint8_t(c.completeness | c.firstFrameBits);
    a.role = TcpRole(e.role);
    if (a.role == TcpRole::TeardownFin1 && c.combinedTeardown)
        a.role = TcpRole::TeardownFin1Of3; // known once the peer's FIN came with the ACK
    a.stateSrc = TcpState(e.stateSrc);
    a.stateDst = TcpState(e.stateDst);
    a.senderIsClient = c.client == f;
    a.clientInferred = c.clientInferred;
    return a;
}

} // namespace synflow
