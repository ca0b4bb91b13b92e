#include "tcp/tcptracker.h"

#include "capture/capturefile.h"

#include <algorithm>
#include <tuple>

namespace synflow {
namespace {

// Sequence-space comparisons (RFC 1982 style), as Wireshark's GT_SEQ/LT_SEQ.
inline bool seqLt(uint32_t a, uint32_t b) { return int32_t(a - b) < 0; }
inline bool seqGt(uint32_t a, uint32_t b) { return int32_t(a - b) > 0; }
inline bool seqLe(uint32_t a, uint32_t b) { return int32_t(a - b) <= 0; }
inline bool seqGe(uint32_t a, uint32_t b) { return int32_t(a - b) >= 0; }

constexpr size_t kMaxUnacked = 10000; // per direction, like tshark's cap on tracked segments
constexpr uint32_t kLongIrtt = (1u << 29) - 1; // iRTTs from 0.54 s on are kept aside

struct Unacked {
    uint32_t seq, nextSeq, frame; // the frame's time comes from the index when needed
};

} // namespace

// Wireshark's per-direction analysis state (tcp_flow_t + its seq info). Laid out without
// padding: a capture of short connections holds many of these at once.
struct FlowState {
    int64_t nextSeqTime = 0;
    int64_t lastAckTime = 0;
    std::vector<Unacked> segments; // newest last
    uint32_t nextSeq = 0;
    uint32_t nextSeqFrame = 0;
    uint32_t maxSeqToBeAcked = 0;
    uint32_t lastAck = 0;
    uint32_t lastNonDupAck = 0; // frame index
    // UINT32_MAX: the peer's ACK of unseen data was reported. tshark keeps this mark in its
    // unsigned counter, so it also counts as "two or more duplicate ACKs" for a fast retransmission.
    uint32_t dupAckNum = 0;
    uint32_t window = 0; // scaled: at most 65 535 << 14
    uint32_t lastSegmentFlags = 0;
    uint32_t pushBytesSent = 0;
    uint32_t lastScanAck = 0;      // the ACK value of the last scan of segments by the peer's ACK
    uint32_t mptcpSeen = 0;        // the conversation's MPTCP option count when this direction last sent
    uint32_t finNextSeq = 0; // raw sequence number just after our FIN
    uint32_t finFrame = 0;   // the frame of the peer's FIN we are taken to have received (finReceived)
    // SACK blocks of this direction's latest segment: the sender's bytes in flight leave them out.
    uint32_t sackLeft[4] = {}, sackRight[4] = {};
    uint8_t sackCount = 0;
    bool validBif = true;
    bool pushSetLast = false;
    bool segmentsChanged = false;  // since the peer's last ACK scan
    // Teaching state machine.
    bool synSent = false, synAckSent = false, synAcked = false, synReceived = false;
    bool finSent = false, finAcked = false, finReceived = false, ackedPeerFin = false;
    bool rst = false, established = false, passiveClose = false, sawTraffic = false, handshakeAcked = false;
    bool pureSyn = false; // sent a SYN without ACK (a SYN/ACK also sets synSent)
};

// What a conversation needs while it is being tracked.
struct TcpTracker::Active {
    FlowState flow[2];
    TcpEndpoint ep[2];
    int64_t synTsNs = 0; // most recent SYN (capture times may be negative)
    uint32_t lastFrame = 0;
    uint32_t frames = 0;
    uint32_t mptcpOptions = 0; // Multipath TCP options seen, both directions
    bool synSeen = false;
    bool closed = false;
    bool ipv6 = false;
};

// What a conversation keeps for good: 24 bytes, so that a million one-packet conversations fit
// the memory budget. While active, `lastOrSlot` names its pool slot and the last frame is in
// the pool; once retired, it is the last frame.
struct TcpTracker::Stored {
    uint32_t firstFrame = 0;
    uint32_t lastOrSlot = 0;
    uint32_t baseSeq[2] = {0, 0};
    uint32_t irtt : 29 = 0;          // ns; 0 none, kLongIrtt: in longIrtt_
    uint32_t finFirst : 2 = 0;       // index + 1 of the endpoint whose FIN came first
    uint32_t synData : 1 = 0;        // a SYN (without ACK) carried data: TCP Fast Open
    uint32_t completeness : 6 = 0;
    uint32_t firstFrameBits : 5 = 0; // TcpCompleteness >> 1 (never the SYN bit)
    uint32_t winScale0 : 5 = 1;      // shift + 2
    uint32_t winScale1 : 5 = 1;
    uint32_t client : 2 = 0;         // index + 1
    uint32_t clientInferred : 1 = 0;
    uint32_t combinedTeardown : 1 = 0;
    uint32_t simultaneousClose : 1 = 0;
    uint32_t refused : 1 = 0;
    uint32_t simultaneousOpen : 1 = 0;
    uint32_t baseSet0 : 1 = 0;
    uint32_t baseSet1 : 1 = 0;
    uint32_t active : 1 = 0;
    uint32_t revived : 1 = 0; // replayed once: kept longer before retiring again
};

// The conversation's state as the steps of process() read and write it.
struct TcpConversationWork {
    int64_t initialRttNs = 0;
    int64_t synTsNs = 0;
    uint32_t firstFrame = 0;
    uint32_t baseSeq[2] = {0, 0};
    bool baseSet[2] = {false, false};
    int8_t winScale[2] = {-1, -1};
    uint8_t completeness = 0;
    uint8_t firstFrameBits = 0;
    int8_t client = -1;
    bool synSeen = false;
    bool clientInferred = false;
    bool combinedTeardown = false;
    bool simultaneousClose = false;
    bool refused = false;
    bool simultaneousOpen = false;
    int8_t finFirst = -1;
    bool synData = false;
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
    // The table places by all the bits: without a final multiply, ports that differ in a few
    // bits land in long clusters (a million one-packet conversations took 16 s).
    h *= 0xc4ceb9fe1a85ec53ull;
    return uint32_t(h >> 32);
}

} // namespace

void TcpTracker::reserve(size_t frames)
{
    entries_.reserve(frames);
}

TcpTracker::TcpTracker() { static_assert(sizeof(Stored) == 24); }
TcpTracker::~TcpTracker() = default;

TcpTracker::Active* TcpTracker::activeOf(uint32_t stream)
{
    const Stored& st = convs_[stream];
    return st.active ? &pool_[st.lastOrSlot] : nullptr;
}

const TcpTracker::Active* TcpTracker::activeOf(uint32_t stream) const
{
    const Stored& st = convs_[stream];
    return st.active ? &pool_[st.lastOrSlot] : nullptr;
}

// A pool slot for the stream, fresh, from one a retired conversation gave up when there is one.
TcpTracker::Active& TcpTracker::takeSlot(uint32_t stream)
{
    uint32_t slot;
    if (free_.empty()) {
        slot = uint32_t(pool_.size());
        pool_.resize(pool_.size() + 1);
    } else {
        slot = free_.back();
        free_.pop_back();
    }
    Stored& st = convs_[stream];
    st.active = 1;
    st.lastOrSlot = slot;
    live_.push_back(stream);
    ++activeCount_;
    return pool_[slot];
}

void TcpTracker::retire(uint32_t stream)
{
    Stored& st = convs_[stream];
    const uint32_t slot = st.lastOrSlot;
    st.lastOrSlot = pool_[slot].lastFrame;
    st.active = 0;
    pool_[slot] = Active{}; // gives back its segment list
    free_.push_back(slot);
    --activeCount_;
}

uint32_t TcpTracker::lastFrameOf(uint32_t stream) const
{
    const Active* a = activeOf(stream);
    return a ? a->lastFrame : convs_[stream].lastOrSlot;
}

uint8_t TcpTracker::lastFrameCompleteness(uint32_t stream) const
{
    const Stored& st = convs_[stream];
    return shownCompleteness(stream, lastFrameOf(stream) == st.firstFrame ? uint8_t(st.completeness)
                                                                          : uint8_t(st.completeness | st.firstFrameBits << 1));
}

void TcpTracker::setAnnounced(uint32_t stream)
{
    if (announced_.size() <= stream)
        announced_.resize(stream + 1);
    announced_[stream] = true;
}

bool TcpTracker::synCarriedData(uint32_t stream) const { return convs_[stream].synData; }

int64_t TcpTracker::initialRttNs(uint32_t stream) const
{
    const uint32_t v = convs_[stream].irtt;
    if (v != kLongIrtt)
        return v;
    const auto it = longIrtt_.find(stream);
    return it == longIrtt_.end() ? 0 : it->second;
}

int64_t TcpTracker::streamOf(uint32_t frame) const
{
    if (frame >= entries_.size() || entries_[frame].stream == UINT32_MAX)
        return -1;
    return entries_[frame].stream;
}

uint32_t TcpTracker::analysisFlags(uint32_t frame) const
{
    return frame < entries_.size() && entries_[frame].stream != UINT32_MAX ? entries_[frame].flags : 0;
}

bool TcpTracker::sentByFirst(uint32_t frame) const
{
    return frame < entries_.size() && !(entries_[frame].bits & FromEp1);
}

std::vector<uint32_t> TcpTracker::framesOf(uint32_t stream) const
{
    std::vector<uint32_t> frames;
    if (stream >= convs_.size())
        return frames;
    for (int64_t f = lastFrameOf(stream); f >= 0; f = previousInStream(uint32_t(f)))
        frames.push_back(uint32_t(f));
    std::reverse(frames.begin(), frames.end());
    return frames;
}

int64_t TcpTracker::previousInStream(uint32_t frame) const
{
    if (frame >= entries_.size() || entries_[frame].prev == UINT32_MAX)
        return -1;
    return entries_[frame].prev;
}

size_t TcpTracker::memoryBytes() const
{
    size_t n = entries_.capacity() * sizeof(Entry) + convs_.capacity() * sizeof(Stored) + live_.capacity() * sizeof(uint32_t)
        + dupAcks_.capacity() * sizeof(dupAcks_[0]) + byEndpoints_.memoryBytes() + pool_.capacity() * sizeof(Active)
        + free_.capacity() * sizeof(uint32_t) + longIrtt_.size() * 32;
    for (uint32_t id : live_)
        if (const Active* a = activeOf(id))
            n += (a->flow[0].segments.capacity() + a->flow[1].segments.capacity()) * sizeof(Unacked);
    return n;
}

TcpConversationWork TcpTracker::unpack(const Stored& st, uint32_t stream) const
{
    TcpConversationWork w;
    w.initialRttNs = st.irtt ? initialRttNs(stream) : 0;
    w.firstFrame = st.firstFrame;
    w.baseSeq[0] = st.baseSeq[0];
    w.baseSeq[1] = st.baseSeq[1];
    w.baseSet[0] = st.baseSet0;
    w.baseSet[1] = st.baseSet1;
    w.winScale[0] = int8_t(int(st.winScale0) - 2);
    w.winScale[1] = int8_t(int(st.winScale1) - 2);
    w.completeness = uint8_t(st.completeness);
    w.firstFrameBits = uint8_t(st.firstFrameBits << 1);
    w.client = int8_t(int(st.client) - 1);
    w.clientInferred = st.clientInferred;
    w.combinedTeardown = st.combinedTeardown;
    w.simultaneousClose = st.simultaneousClose;
    w.refused = st.refused;
    w.simultaneousOpen = st.simultaneousOpen;
    w.finFirst = int8_t(int(st.finFirst) - 1);
    w.synData = st.synData;
    return w;
}

void TcpTracker::pack(const TcpConversationWork& w, Stored& st, Active& act, uint32_t stream)
{
    const uint32_t irtt = w.initialRttNs > 0 && w.initialRttNs < int64_t(kLongIrtt) ? uint32_t(w.initialRttNs)
        : w.initialRttNs != 0                                                        ? kLongIrtt
                                                                                     : 0;
    if (irtt == kLongIrtt && st.irtt != kLongIrtt)
        longIrtt_[stream] = w.initialRttNs;
    st.irtt = irtt;
    act.synTsNs = w.synTsNs;
    act.synSeen = w.synSeen;
    st.baseSeq[0] = w.baseSeq[0];
    st.baseSeq[1] = w.baseSeq[1];
    st.baseSet0 = w.baseSet[0];
    st.baseSet1 = w.baseSet[1];
    st.winScale0 = uint32_t(w.winScale[0] + 2);
    st.winScale1 = uint32_t(w.winScale[1] + 2);
    st.completeness = w.completeness;
    st.firstFrameBits = uint32_t(w.firstFrameBits >> 1);
    st.client = uint32_t(w.client + 1);
    st.clientInferred = w.clientInferred;
    st.combinedTeardown = w.combinedTeardown;
    st.simultaneousClose = w.simultaneousClose;
    st.refused = w.refused;
    st.simultaneousOpen = w.simultaneousOpen;
    st.finFirst = uint32_t(w.finFirst + 1);
    st.synData = w.synData;
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
    if (peer.pureSyn && !me.sawTraffic)
        return TcpState::Listen;
    return TcpState::Unknown;
}

} // namespace

// The steps of process() are forced inline: the per-packet path is the capture's hot loop,
// and each step runs once per segment.
#define SYNFLOW_STEP [[gnu::always_inline]] inline

struct TcpTracker::Endpoints {
    EndpointKey src, dst;
    bool v6 = false;
    uint32_t hash = 0;

    // Addresses and ports only: VLANs merge, as in tshark.
    SYNFLOW_STEP Endpoints(const DecodedPacket& d, const TcpView& tcp)
    {
        v6 = d.net == NetLayer::IPv6;
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
        hash = dst < src ? endpointsHash(dst, src) : endpointsHash(src, dst);
    }
};

SYNFLOW_STEP uint32_t TcpTracker::newConversation(const Endpoints& ep, uint32_t frame, int64_t)
{
    const uint32_t id = uint32_t(convs_.size());
    Stored& st = convs_.push_back(Stored{});
    st.firstFrame = frame;
    Active& a = takeSlot(id);
    a.ep[0] = ep.src.endpoint();
    a.ep[1] = ep.dst.endpoint();
    a.ipv6 = ep.v6;
    a.lastFrame = frame;
    return id;
}

// Which of the stream's endpoints sent this segment (0: the first one), -1 if it is another
// pair. A retired conversation's endpoints are read again from its opening frame.
int TcpTracker::sideOf(uint32_t stream, const Endpoints& ep) const
{
    if (const Active* a = activeOf(stream)) {
        if (ep.src.matches(a->ep[0]) && ep.dst.matches(a->ep[1]))
            return 0;
        return ep.dst.matches(a->ep[0]) && ep.src.matches(a->ep[1]) ? 1 : -1;
    }
    if (!source_)
        return -1;
    const DecodedPacket d = source_->decode(convs_[stream].firstFrame);
    if (d.transport != TransportLayer::Tcp || !d.tcpHeaderValid)
        return -1;
    const Endpoints first(d, TcpView{d.at(d.transportOffset)});
    const auto same = [](const EndpointKey& x, const EndpointKey& y) { return x.a0 == y.a0 && x.a1 == y.a1 && x.port == y.port; };
    if (same(ep.src, first.src) && same(ep.dst, first.dst))
        return 0;
    return same(ep.dst, first.src) && same(ep.src, first.dst) ? 1 : -1;
}

// The conversation (tcp.stream) of a segment, new when its endpoints are, or when a SYN with
// another ISN reuses them; its tracking state is made ready.
SYNFLOW_STEP TcpTracker::Found TcpTracker::findConversation(const Endpoints& ep, uint32_t frame, int64_t ts, uint16_t th, uint32_t seq)
{
    const bool syn = th & TcpSyn, ackf = th & TcpAck;
    Found found{0, 0, false, nullptr};
    uint32_t& id = found.stream;
    int fwd = -1;
    uint32_t* slot = byEndpoints_.find(ep.hash, [&](uint32_t stream) { return (fwd = sideOf(stream, ep)) >= 0; });
    if (!slot) {
        id = newConversation(ep, frame, ts);
        byEndpoints_.insert(ep.hash, id);
        found.active = activeOf(id);
        return found;
    }
    id = *slot;
    Stored& c = convs_[id];
    const bool baseSet = fwd == 0 ? c.baseSet0 : c.baseSet1;
    // A new SYN with another ISN on a known 5-tuple starts a new conversation.
    if (syn && !ackf && baseSet && seq != c.baseSeq[fwd]) {
        if (c.active)
            retire(id);
        id = newConversation(ep, frame, ts);
        *slot = id;
        found.flags |= TcpReusedPorts;
        found.active = activeOf(id);
        return found;
    }
    if (syn && !ackf && baseSet) {
        found.synAgain = true;
    } else if (syn && ackf && baseSet && seq != c.baseSeq[fwd]) {
        // A SYN/ACK with another ISN: tshark takes the new ISN and calls the ports reused.
        c.baseSeq[fwd] = seq;
        found.flags |= TcpReusedPorts;
    }
    if (!c.active) {
        if (source_) {
            revive(id);
        } else { // cannot happen: without a source nothing retires but a reused pair's old stream
            Active& a = takeSlot(id);
            a.ep[fwd] = ep.src.endpoint();
            a.ep[1 - fwd] = ep.dst.endpoint();
            a.ipv6 = ep.v6;
        }
    }
    found.active = activeOf(id);
    return found;
}

// A retired conversation speaks again: its tracking state is rebuilt exactly, by running its
// frames through the same steps again (they write nothing but the state this time).
void TcpTracker::revive(uint32_t stream)
{
    ++revivals_;
    std::vector<uint32_t> frames;
    for (uint32_t k = convs_[stream].lastOrSlot; k != UINT32_MAX; k = entries_[k].prev)
        frames.push_back(k);
    const uint32_t first = convs_[stream].firstFrame;
    convs_[stream].revived = 1;
    Active& act = takeSlot(stream);
    TcpConversationWork w;
    w.firstFrame = first;
    std::vector<std::pair<uint32_t, uint64_t>> dupAcks;
    for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
        const uint32_t frame = *it;
        const DecodedPacket d = source_->decode(frame);
        if (d.transport != TransportLayer::Tcp || !d.tcpHeaderValid)
            continue; // the file changed under us: nothing better to do than skip it
        const TcpView tcp{d.at(d.transportOffset)};
        const Endpoints ep(d, tcp);
        if (frame == first) {
            act.ep[0] = ep.src.endpoint();
            act.ep[1] = ep.dst.endpoint();
            act.ipv6 = ep.v6;
        }
        const int f = ep.src.matches(act.ep[0]) ? 0 : 1;
        const uint16_t th = tcp.flags();
        uint32_t flags = 0;
        bool synAgain = false;
        if (frame == first)
            flags = entries_[frame].flags & TcpReusedPorts;
        else if ((th & TcpSyn) && !(th & TcpAck) && w.baseSet[f])
            synAgain = true;
        else if ((th & TcpSyn) && (th & TcpAck) && w.baseSet[f] && tcp.seq() != w.baseSeq[f]) {
            w.baseSeq[f] = tcp.seq();
            flags = TcpReusedPorts;
        }
        Entry scratch;
        scratch.prev = entries_[frame].prev;
        step(w, act, f, d, source_->record(frame), frame, flags, synAgain, ep.src.port > ep.dst.port, scratch, dupAcks, true);
        dupAcks.clear();
        act.lastFrame = frame;
        ++act.frames;
    }
    act.synTsNs = w.synTsNs;
    act.synSeen = w.synSeen;
}

TcpConversation TcpTracker::conversation(uint32_t stream) const
{
    TcpConversation c;
    if (stream >= convs_.size())
        return c;
    const Stored& st = convs_[stream];
    c.stream = stream;
    c.firstFrame = st.firstFrame;
    c.lastFrame = lastFrameOf(stream);
    if (const Active* a = activeOf(stream)) {
        c.ep[0] = a->ep[0];
        c.ep[1] = a->ep[1];
        c.ipv6 = a->ipv6;
    } else if (source_) {
        const DecodedPacket d = source_->decode(st.firstFrame);
        if (d.transport == TransportLayer::Tcp && d.tcpHeaderValid) {
            const Endpoints ep(d, TcpView{d.at(d.transportOffset)});
            c.ep[0] = ep.src.endpoint();
            c.ep[1] = ep.dst.endpoint();
            c.ipv6 = ep.v6;
        }
    }
    for (uint32_t k = c.lastFrame; k != UINT32_MAX; k = entries_[k].prev) {
        const int side = (entries_[k].bits & FromEp1) ? 1 : 0;
        ++c.frames[side];
        if (source_)
            c.bytes[side] += source_->record(k).origLen;
    }
    const TcpConversationWork w = unpack(st, stream);
    c.initialRttNs = w.initialRttNs;
    c.baseSeq[0] = w.baseSeq[0];
    c.baseSeq[1] = w.baseSeq[1];
    c.baseSet[0] = w.baseSet[0];
    c.baseSet[1] = w.baseSet[1];
    c.winScale[0] = w.winScale[0];
    c.winScale[1] = w.winScale[1];
    c.completeness = w.completeness;
    c.firstFrameBits = w.firstFrameBits;
    c.client = w.client;
    c.clientInferred = w.clientInferred;
    c.combinedTeardown = w.combinedTeardown;
    c.simultaneousClose = w.simultaneousClose;
    c.refused = w.refused;
    c.simultaneousOpen = w.simultaneousOpen;
    c.finFirst = w.finFirst;
    c.synData = w.synData;
    return c;
}

namespace {

// A segment's header fields as the steps below read them.
struct Segment {
    uint32_t frame;
    int64_t ts;
    uint16_t th;
    bool syn, ackf, fin, rst;
    uint32_t seq, ack, seglen;
    uint64_t window; // scaled by the conversation's window scale
    bool plain() const { return !(th & (TcpSyn | TcpFin | TcpRst)); }
};

// Window scaling, negotiated by the SYNs.
SYNFLOW_STEP void negotiateWindowScale(TcpConversationWork& c, const DecodedPacket& d, const Segment& s, int f, int r)
{
    int ws = -1;
    forEachTcpOption(d, [&](uint8_t kind, uint32_t off, uint32_t len) {
        if (kind == tcpopt::WindowScale && len == 3)
            ws = std::min<int>(d.frame[off + 2], 14);
    });
    // A header the capture cut inside its options: tshark stops there, before it checks what the
    // SYNs agreed, so only a window scale option read whole counts.
    if (d.transportOffset + d.tcpHeaderLen > d.frame.size()) {
        if (ws >= 0)
            c.winScale[f] = int8_t(ws);
        return;
    }
    if (ws < 0) {
        c.winScale[f] = -2;
        c.winScale[r] = -2;
    } else if (s.ackf && c.winScale[r] == -2) {
        c.winScale[f] = -2;
    } else {
        c.winScale[f] = int8_t(ws);
    }
}

// Conversation completeness, as tshark computes it: the frame that opens a conversation
// counts only its SYN (and the data a SYN carries); any other frame counts SYN/ACK, a pure
// ACK, data, FIN and RST.
// tshark's second pass sees the opening frame again as an ordinary one (firstFrameBits).
SYNFLOW_STEP void addCompleteness(TcpConversationWork& c, const Segment& s)
{
    uint8_t bits = 0;
    if (s.syn && s.ackf)
        bits |= CompletenessSynAck;
    if (s.ackf && !s.syn && s.seglen == 0)
        bits |= CompletenessAck;
    if (s.seglen > 0)
        bits |= CompletenessData;
    if (s.fin)
        bits |= CompletenessFin;
    if (s.rst)
        bits |= CompletenessRst;
    if (c.firstFrame == s.frame) {
        // An opening SYN's own data (Fast Open) counts on its own frame too, as in tshark.
        if (s.syn && !s.ackf)
            c.completeness |= CompletenessSyn | (bits & CompletenessData);
        c.firstFrameBits = bits;
    } else {
        c.completeness |= bits;
    }
}

// The ISNs, the peer's bytes-in-flight validity and this segment's SACK blocks.
SYNFLOW_STEP void noteSequenceBases(TcpConversationWork& c, FlowState& fwd, FlowState& rev, const DecodedPacket& d, const Segment& s, int f, int r)
{
    if (!c.baseSet[f]) {
        c.baseSeq[f] = s.syn ? s.seq : s.seq - 1;
        c.baseSet[f] = true;
    }
    if (!c.baseSet[r] && s.ackf) {
        c.baseSeq[r] = s.ack - 1;
        c.baseSet[r] = true;
    }
    if (s.ackf)
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
}

// tcp_analyze_sequence_number up to its finished_fwd label: zero window (probe, ACK of a
// probe), lost segment, keep-alive (and its ACK), window update, window full, duplicate ACK.
// `mptcpTolerated`: Multipath TCP options were seen since this direction last sent; tshark then
// lets a duplicate ACK pass unflagged (RFC 8684 allows them), as its MPTCP operation count says.
SYNFLOW_STEP void flagWindowsAndAcks(const TcpConversationWork& c, FlowState& fwd, const FlowState& rev, const Segment& s, int r,
                                     uint32_t& ta, std::vector<std::pair<uint32_t, uint64_t>>& dupAcks, bool mptcpTolerated)
{
    const uint64_t window = s.window;
    if (s.seglen == 1 && s.seq == fwd.nextSeq && rev.window == 0) {
        ta |= TcpZeroWindowProbe;
        return;
    }
    if (window == 0 && s.plain())
        ta |= TcpZeroWindow;
    if (fwd.nextSeq && seqGt(s.seq, fwd.nextSeq) && !s.rst) {
        ta |= TcpLostSegment;
        fwd.validBif = false;
    }
    if ((s.seglen == 0 || s.seglen == 1) && s.seq == fwd.nextSeq - 1 && s.plain())
        ta |= TcpKeepAlive;
    if (s.seglen == 0 && window && window != fwd.window && s.seq == fwd.nextSeq && s.ack == fwd.lastAck && s.plain())
        ta |= TcpWindowUpdate;
    if (s.seglen > 0 && c.winScale[r] != -1 && s.seq + s.seglen == rev.lastAck + uint32_t(rev.window) && s.plain())
        ta |= TcpWindowFull;
    if (s.seglen == 0 && window && window == fwd.window && s.seq == fwd.nextSeq && s.ack == fwd.lastAck
        && (rev.lastSegmentFlags & TcpKeepAlive) && s.plain()) {
        ta |= TcpKeepAliveAck;
        return;
    }
    // tshark 4.0 wants the ACK unchanged: a receiver that keeps the probe's byte ACKs past
    // it, and that ACK is no probe ACK (tests/data/lo-zwpbyte).
    if (s.seglen == 0 && window == 0 && window == fwd.window && s.seq == fwd.nextSeq && s.ack == fwd.lastAck
        && (rev.lastSegmentFlags & TcpZeroWindowProbe) && s.plain()) {
        ta |= TcpZeroWindowProbeAck;
        return;
    }
    if (s.seglen == 0 && window && window == fwd.window && s.seq == fwd.nextSeq && s.ack == fwd.lastAck && s.plain()
        && !mptcpTolerated) {
        fwd.dupAckNum = fwd.dupAckNum == UINT32_MAX ? 1 : fwd.dupAckNum + 1;
        ta |= TcpDuplicateAck;
        dupAcks.emplace_back(s.frame, uint64_t(fwd.dupAckNum) << 32 | fwd.lastNonDupAck);
    }
}

// finished_fwd: a changed ACK resets the duplicate count; an ACK of data the peer was not
// seen to send is a lost segment (ack_lost_segment), reported once.
SYNFLOW_STEP void flagAckOfUnseen(FlowState& fwd, FlowState& rev, const Segment& s, uint32_t& ta, bool& hasTa)
{
    if (s.ack != fwd.lastAck) {
        fwd.lastNonDupAck = s.frame;
        fwd.dupAckNum = 0;
    }
    if (rev.maxSeqToBeAcked && seqGt(s.ack, rev.maxSeqToBeAcked) && s.ackf) {
        // tshark moves the peer's mark up to its nextSeq or, when the mark is already there,
        // reports only if the peer has sent no duplicate ACK since its ACK last changed, and
        // marks the gap as reported.
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
}

// A segment that does not advance the sequence: spurious, fast, out-of-order or plain
// retransmission, tried in that order (0: none of them).
SYNFLOW_STEP uint32_t retransmissionKind(const TcpConversationWork& c, const FlowState& fwd, const FlowState& rev, const Segment& s, uint32_t ta)
{
    if (!(s.seglen > 0 || (s.th & (TcpSyn | TcpFin))))
        return 0;
    bool notAdvanced = fwd.nextSeq && seqLt(s.seq, fwd.nextSeq);
    if (ta & TcpKeepAlive)
        return 0;
    if (s.seglen > 1 && fwd.nextSeq - 1 == s.seq)
        notAdvanced = false;
    // Unsigned, as tshark compares them: a time that went backwards is never "recent".
    const uint64_t sinceDupAck = uint64_t(s.ts) - uint64_t(rev.lastAckTime);
    const uint64_t sinceNextSeq = uint64_t(s.ts) - uint64_t(fwd.nextSeqTime);
    const uint64_t oooThreshold = uint64_t(c.initialRttNs != 0 ? c.initialRttNs : 3000000);
    const uint32_t segEnd = s.seq + s.seglen + ((s.th & (TcpSyn | TcpFin)) ? 1 : 0);
    // Data the peer has already acknowledged is spurious before anything else.
    if (s.seglen > 0 && rev.lastAck && seqLe(s.seq + s.seglen, rev.lastAck))
        return TcpSpuriousRetransmission;
    if (notAdvanced && rev.dupAckNum >= 2 && rev.lastAck == s.seq && sinceDupAck < 20000000)
        return TcpFastRetransmission;
    if (notAdvanced && sinceNextSeq < oooThreshold && fwd.nextSeq != segEnd)
        return TcpOutOfOrder;
    if (notAdvanced)
        return TcpRetransmission;
    return 0;
}

// finished_checking_retransmission_type: the segment joins the unacknowledged list and moves
// this direction's next and highest-contiguous sequence numbers. Returns its end (nextSeq).
SYNFLOW_STEP uint32_t advanceSequence(FlowState& fwd, const Segment& s, uint32_t ta)
{
    uint32_t nextSeq = s.seq + s.seglen;
    if (s.th & (TcpSyn | TcpFin))
        nextSeq += 1;
    if ((s.seglen || (s.th & (TcpSyn | TcpFin))) && fwd.segments.size() < kMaxUnacked) {
        fwd.segments.push_back(Unacked{s.seq, nextSeq, s.frame});
        fwd.segmentsChanged = true;
    }
    if (seqGt(nextSeq, fwd.nextSeq) || !fwd.nextSeq) {
        if (!(ta & TcpZeroWindowProbe)) {
            fwd.nextSeq = nextSeq;
            fwd.nextSeqFrame = s.frame;
            fwd.nextSeqTime = s.ts;
        }
    }
    if (s.seq == fwd.maxSeqToBeAcked || !fwd.maxSeqToBeAcked) {
        if (!(ta & TcpZeroWindowProbe))
            fwd.maxSeqToBeAcked = fwd.nextSeq;
    }
    fwd.window = s.window;
    fwd.lastAck = s.ack;
    fwd.lastAckTime = s.ts;
    fwd.lastSegmentFlags = ta;
    return nextSeq;
}

// Drop what this ACKs from the reverse direction; note the segment it ACKs exactly.
// tshark does this whatever the ACK flag says (a SYN's zero ack field can drop segments).
// Scanning again with the same ACK over an unchanged list changes nothing: skip it.
SYNFLOW_STEP void dropAcked(FlowState& rev, uint32_t ack, TcpTracker::Entry& e, bool& hasTa)
{
    if (!rev.segmentsChanged && ack == rev.lastScanAck)
        return;
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

// Bytes in flight and bytes since the last PSH, for a segment with data.
SYNFLOW_STEP void countBytesInFlight(const TcpConversationWork& c, FlowState& fwd, const FlowState& rev, const Segment& s, int f,
                                     TcpTracker::Entry& e, bool& hasTa)
{
    if (s.seglen == 0 || fwd.segments.empty() || !fwd.validBif)
        return;
    uint32_t first = fwd.segments[0].seq - c.baseSeq[f], last = fwd.segments[0].nextSeq - c.baseSeq[f];
    for (const Unacked& u : fwd.segments) {
        last = std::max(last, u.nextSeq - c.baseSeq[f]);
        first = std::min(first, u.seq - c.baseSeq[f]);
    }
    uint32_t inFlight = last - first;
    for (uint8_t i = 0; i < rev.sackCount; ++i)
        inFlight -= rev.sackRight[i] - rev.sackLeft[i]; // may wrap: then tshark shows nothing
    // Bytes sent since the last PSH are counted whether or not the flight is shown.
    const bool psh = s.th & TcpPsh;
    if (psh && !fwd.pushSetLast) {
        fwd.pushBytesSent += s.seglen;
        fwd.pushSetLast = true;
    } else if (psh && fwd.pushSetLast) {
        fwd.pushBytesSent = s.seglen;
    } else if (fwd.pushSetLast) {
        fwd.pushBytesSent = s.seglen;
        fwd.pushSetLast = false;
    } else {
        fwd.pushBytesSent += s.seglen;
    }
    if (inFlight > 0 && inFlight < 2000000000u) {
        // A SYN or FIN occupies a sequence number but no byte: tshark takes it off the
        // flight after the range check (a flight of just that flag then shows nothing).
        e.bytesInFlight = (s.th & (TcpSyn | TcpFin)) ? inFlight - 1 : inFlight;
        if (e.bytesInFlight) { // the PSH count is shown only beside a flight
            e.pushBytes = fwd.pushBytesSent;
            e.bits |= TcpTracker::HasPush;
        }
    }
    hasTa = true; // tshark keeps the PSH count in the frame's record even when nothing is shown
}

// iRTT: from the most recent SYN to the first ACK that completes the handshake. After the
// analysis, as in tshark: the out-of-order test of this very segment does not use it yet.
SYNFLOW_STEP void measureInitialRtt(TcpConversationWork& c, const Segment& s)
{
    if (s.syn && !s.ackf) {
        c.synTsNs = s.ts;
        c.synSeen = true;
    }
    if (s.ackf && !s.syn && c.synSeen && c.initialRttNs == 0)
        c.initialRttNs = nsBetween(s.ts, c.synTsNs);
}

// Teaching: which endpoint is the client. `srcPortHigher` decides when no SYN was seen: the
// endpoint with the lower (well-known) port is taken as the server.
SYNFLOW_STEP void decideClient(TcpConversationWork& c, const Segment& s, int f, int r, bool srcPortHigher)
{
    if (s.syn && !s.ackf && c.client < 0) {
        c.client = int8_t(f);
        c.clientInferred = false;
    } else if (s.syn && s.ackf && c.client < 0) {
        c.client = int8_t(r);
        c.clientInferred = false;
    } else if (c.client < 0) {
        c.client = int8_t(srcPortHigher ? f : r);
        c.clientInferred = true;
    }
}

// Teaching: the segment's role in the conversation, with the handshake, reset and FIN marks
// it sets on both directions.
SYNFLOW_STEP TcpRole teachingRole(TcpConversationWork& c, FlowState& fwd, FlowState& rev, const Segment& s, uint32_t ta,
                                  uint32_t nextSeq, bool acksPeerFin)
{
    if (s.rst) {
        const TcpRole role = (rev.synSent && !fwd.synAckSent && !fwd.established) ? TcpRole::Refused : TcpRole::Reset;
        if (role == TcpRole::Refused)
            c.refused = true; // its SYNs and its "LISTEN" are told again in analysis()
        fwd.rst = true;
        return role;
    }
    if (s.syn && !s.ackf) {
        TcpRole role;
        if (fwd.synSent)
            role = TcpRole::HandshakeRetry;
        else if (rev.synSent && !rev.synAckSent) {
            role = TcpRole::SimultaneousOpen;
            c.simultaneousOpen = true;
        }
        else
            role = TcpRole::HandshakeSyn;
        fwd.synSent = fwd.pureSyn = true;
        rev.synReceived = true;
        return role;
    }
    if (s.syn && s.ackf) {
        TcpRole role = fwd.synAckSent ? TcpRole::HandshakeRetry
            : fwd.synSent             ? TcpRole::SimultaneousOpen // our SYN went first
                                      : TcpRole::HandshakeSynAck;
        fwd.synAckSent = true;
        fwd.synSent = true;
        rev.synAcked = true;
        rev.established = rev.synSent; // the client is established on receiving the SYN/ACK
        return role;
    }
    if (s.fin && (fwd.rst || rev.rst))
        return s.seglen ? TcpRole::Data : TcpRole::Ack; // after a reset: no teardown any more
    if (s.fin) {
        TcpRole role;
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
        if (role == TcpRole::SimultaneousClose)
            c.simultaneousClose = true;
        if (!fwd.finSent) {
            fwd.finSent = true;
            fwd.finNextSeq = nextSeq;
            fwd.passiveClose = rev.finSent && acksPeerFin;
        }
        // The peer is taken to receive it now (as it does when the capture is made at either
        // end); a later segment of the peer that does not acknowledge it says otherwise.
        if (!rev.finReceived)
            rev.finFrame = s.frame;
        rev.finReceived = true;
        return role;
    }
    if (s.ackf && fwd.synSent && !fwd.synAckSent && rev.synAckSent && !fwd.handshakeAcked) {
        fwd.handshakeAcked = true;
        return TcpRole::HandshakeAck; // the client's first ACK after the SYN/ACK, data or not (Fast Open)
    }
    if (acksPeerFin && !fwd.ackedPeerFin && s.seglen == 0) {
        if (c.simultaneousClose)
            return TcpRole::SimultaneousCloseAck;
        return fwd.finSent ? (c.combinedTeardown ? TcpRole::TeardownLastAck : TcpRole::TeardownAck2) : TcpRole::TeardownAck1;
    }
    if (ta & TcpKeepAlive)
        return TcpRole::KeepAlive;
    if (s.seglen > 0)
        return fwd.finReceived && !fwd.rst && !rev.rst && !(fwd.finSent && fwd.finAcked) ? TcpRole::HalfCloseData : TcpRole::Data;
    return TcpRole::Ack;
}

// Teaching: what the segment tells both ends of the other's FIN, the handshake and a reset.
SYNFLOW_STEP void settleStates(FlowState& fwd, FlowState& rev, const Segment& s, bool acksPeerFin)
{
    if (acksPeerFin) {
        fwd.ackedPeerFin = true;
        fwd.finReceived = true; // its ACK shows it has the FIN, even one it was not taken to have
        rev.finAcked = true;
    }
    if (s.ackf && !s.syn && !s.rst && fwd.pureSyn && !fwd.established && !rev.synAckSent && !rev.pureSyn) {
        // The client ACKs a SYN/ACK the capture did not see: the server did send it.
        rev.synAckSent = rev.synSent = true;
    }
    if (s.ackf && !s.syn && rev.synAckSent && fwd.synSent) {
        rev.established = true; // server: its SYN/ACK is acknowledged
        fwd.established = true;
    }
    if (s.ackf && rev.synSent)
        rev.synAcked = true;
    if (s.rst)
        rev.rst = true;
    fwd.sawTraffic = true;
}

} // namespace

void TcpTracker::releaseLookup()
{
    if (!source_)
        return;
    byEndpoints_.release();
    lookupReleased_ = true;
}

// Each pair of endpoints names its latest conversation again, as when it was built.
void TcpTracker::rebuildLookup()
{
    lookupReleased_ = false;
    for (uint32_t stream = 0; stream < convs_.size(); ++stream) {
        const DecodedPacket d = source_->decode(convs_[stream].firstFrame);
        const Endpoints ep(d, TcpView{d.at(d.transportOffset)});
        if (uint32_t* slot = byEndpoints_.find(ep.hash, [&](uint32_t other) { return sideOf(other, ep) >= 0; }))
            *slot = stream;
        else
            byEndpoints_.insert(ep.hash, stream);
    }
}

void TcpTracker::process(uint32_t frame, const PacketRecord& rec, const DecodedPacket& d)
{
    if (entries_.size() <= frame)
        entries_.resize(size_t(frame) + 1);
    if (d.transport != TransportLayer::Tcp || !d.tcpHeaderValid || (d.net != NetLayer::IPv4 && d.net != NetLayer::IPv6))
        return;

    if (lookupReleased_)
        rebuildLookup();
    const TcpView tcp{d.at(d.transportOffset)};
    const Endpoints ep(d, tcp);
    const Found found = findConversation(ep, frame, rec.tsNs, tcp.flags(), tcp.seq());
    const uint32_t id = found.stream;
    Stored& st = convs_[id];
    Active& act = *found.active;
    const int f = ep.src.matches(act.ep[0]) ? 0 : 1;

    Entry& e = entries_[frame];
    e.stream = id;
    e.prev = st.firstFrame == frame ? UINT32_MAX : act.lastFrame;
    TcpConversationWork c = unpack(st, id);
    c.synTsNs = act.synTsNs;
    c.synSeen = act.synSeen;
    step(c, act, f, d, rec, frame, found.flags, found.synAgain, ep.src.port > ep.dst.port, e, dupAcks_, false);
    pack(c, st, act, id);
    act.lastFrame = frame;
    ++act.frames;
    if (source_ && activeCount_ > retireAt_)
        sweep(frame);
}

void TcpTracker::step(TcpConversationWork& c, Active& act, int f, const DecodedPacket& d, const PacketRecord& rec,
                      uint32_t frame, uint32_t foundFlags, bool synAgain, bool srcPortHigher, Entry& e,
                      std::vector<std::pair<uint32_t, uint64_t>>& dupAcks, bool replay)
{
    const TcpView tcp{d.at(d.transportOffset)};
    const uint16_t th = tcp.flags();
    Segment s{frame, rec.tsNs, th, bool(th & TcpSyn), bool(th & TcpAck), bool(th & TcpFin), bool(th & TcpRst),
              tcp.seq(), tcp.ack(), d.tcpPayloadLen, 0};
    const int r = 1 - f;
    FlowState& fwd = act.flow[f];
    FlowState& rev = act.flow[r];
    if (f == 1)
        e.bits |= FromEp1;

    if (s.syn)
        negotiateWindowScale(c, d, s, f, r);
    s.window = tcp.window();
    if (!s.syn && c.winScale[f] >= 0)
        s.window <<= c.winScale[f];
    addCompleteness(c, s);

    // Wireshark's SEQ/ACK analysis (tcp_analyze_sequence_number).
    uint32_t ta = foundFlags; // flags raised on this segment
    bool hasTa = foundFlags != 0 || synAgain;
    // A SYN sent again may follow a RST whose SEQ took nextSeq elsewhere: tshark falls back
    // to the highest contiguous sequence number.
    if (synAgain)
        fwd.nextSeq = fwd.maxSeqToBeAcked;
    noteSequenceBases(c, fwd, rev, d, s, f, r);
    // tshark analyses the sequence before it reads this segment's own options.
    const bool mptcpTolerated = act.mptcpOptions != fwd.mptcpSeen;
    fwd.mptcpSeen = act.mptcpOptions;
    if (d.tcpHeaderLen > 20)
        forEachTcpOption(d, [&](uint8_t kind, uint32_t, uint32_t) { act.mptcpOptions += kind == tcpopt::Mptcp; });
    flagWindowsAndAcks(c, fwd, rev, s, r, ta, dupAcks, mptcpTolerated);
    flagAckOfUnseen(fwd, rev, s, ta, hasTa);
    ta |= retransmissionKind(c, fwd, rev, s, ta);
    const uint32_t nextSeq = advanceSequence(fwd, s, ta);
    dropAcked(rev, s.ack, e, hasTa);
    countBytesInFlight(c, fwd, rev, s, f, e, hasTa);
    measureInitialRtt(c, s);
    if (s.fin && c.finFirst < 0)
        c.finFirst = int8_t(f);
    if (s.syn && !s.ackf && s.seglen > 0)
        c.synData = true;
    if (ta)
        hasTa = true;
    e.flags = ta;
    if (hasTa)
        e.bits |= HasTa;

    // Teaching: role and RFC 9293 states.
    decideClient(c, s, f, r, srcPortHigher);
    const bool acksPeerFin = s.ackf && rev.finSent && seqGe(s.ack, rev.finNextSeq);
    // This side's ACK does not cover the peer's FIN that it was taken to have received: the FIN
    // was lost or is still on its way (the FINs crossed, a simultaneous close).
    if (s.ackf && !s.rst && rev.finSent && fwd.finReceived && !fwd.ackedPeerFin && !acksPeerFin) {
        fwd.finReceived = false;
        if (!replay) // the entries already say it
            unreceiveFin(e.prev, f, fwd.finFrame);
    }
    e.role = uint8_t(teachingRole(c, fwd, rev, s, ta, nextSeq, acksPeerFin));
    settleStates(fwd, rev, s, acksPeerFin);
    e.stateSrc = uint32_t(stateOf(fwd, rev));
    e.stateDst = uint32_t(stateOf(rev, fwd));
    act.closed = fwd.rst || rev.rst || (fwd.finAcked && rev.finAcked);
}

void TcpTracker::unreceiveFin(uint32_t from, int side, uint32_t finFrame)
{
    // The states `side` was shown in since the FIN, told again without it.
    for (uint32_t k = from; k != UINT32_MAX && k >= finFrame; k = entries_[k].prev) {
        Entry& x = entries_[k];
        const bool sender = ((x.bits & FromEp1) ? 1 : 0) == side;
        uint32_t st = sender ? x.stateSrc : x.stateDst;
        switch (TcpState(st)) {
        case TcpState::CloseWait: st = uint32_t(TcpState::Established); break;
        case TcpState::Closing: st = uint32_t(TcpState::FinWait1); break;
        case TcpState::TimeWait: st = uint32_t(TcpState::FinWait2); break;
        default: break;
        }
        if (sender) // bit-fields: no conditional lvalue (clang cannot compile one)
            x.stateSrc = st;
        else
            x.stateDst = st;
    }
}

void TcpTracker::sweep(uint32_t frame)
{
    // Bounded state: conversations silent for a stretch of the capture give up their tracking
    // state (their summary and packet entries stay); revive() rebuilds it if they speak again.
    size_t kept = 0;
    for (uint32_t id : live_) {
        const Active* a = activeOf(id);
        if (!a)
            continue; // retired when its ports were reused
        // A conversation waits at least four times its own frames, so replaying it costs less
        // than the silence; one that came back waits 64 times longer, so conversations that
        // keep coming back are not replayed over and over.
        const uint32_t idle = frame - a->lastFrame;
        const uint64_t wait = convs_[id].revived ? uint64_t(policy_.idleFrames) * 64 : policy_.idleFrames;
        if (idle > wait && (policy_.replayFactor == 0 || idle / policy_.replayFactor > a->frames))
            retire(id);
        else
            live_[kept++] = id;
    }
    live_.resize(kept);
    retireAt_ = policy_.sweepAbove ? std::max(policy_.sweepAbove, activeCount_ * 2) : 0;
}

TcpPacketAnalysis TcpTracker::analysis(uint32_t frame, const PacketIndex& index, const DecodedPacket& d) const
{
    TcpPacketAnalysis a;
    if (frame >= entries_.size() || entries_[frame].stream == UINT32_MAX || d.transport != TransportLayer::Tcp)
        return a;
    const Entry& e = entries_[frame];
    const TcpConversationWork c = unpack(convs_[e.stream], e.stream);
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
    a.timeRelativeNs = nsBetween(ts, index[c.firstFrame].tsNs);
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
    a.completeness = shownCompleteness(e.stream, frame == c.firstFrame ? c.completeness : uint8_t(c.completeness | c.firstFrameBits));
    // What later segments showed of the whole conversation tells some earlier steps again.
    a.role = TcpRole(e.role);
    // As tshark: every FIN of the side whose FIN came first initiates, the other side's undergo.
    if (th & TcpFin) {
        a.closingInitiator = c.finFirst == f;
        a.closingResponder = !a.closingInitiator;
    }
    if (a.role == TcpRole::TeardownFin1 && c.combinedTeardown)
        a.role = TcpRole::TeardownFin1Of3; // known once the peer's FIN came with the ACK
    if (a.role == TcpRole::TeardownFin1 && c.simultaneousClose)
        a.role = TcpRole::SimultaneousClose; // the peer's FIN crossed it
    if ((a.role == TcpRole::HandshakeSyn || a.role == TcpRole::HandshakeRetry) && c.refused)
        a.role = TcpRole::SynToClosedPort; // a RST answered: nothing listened
    if (a.role == TcpRole::HandshakeSyn && c.simultaneousOpen)
        a.role = TcpRole::SimultaneousOpen; // the peer's SYN crossed it
    const auto states = [&](const Entry& x) {
        TcpState st[2] = {TcpState(x.stateSrc), TcpState(x.stateDst)};
        for (TcpState& s : st) {
            if (s == TcpState::Listen && c.refused)
                s = TcpState::Closed; // the port had no listener, hence the refusal
            else if (s == TcpState::Listen && c.simultaneousOpen)
                s = TcpState::Unknown; // it was connecting, not listening: since when, the capture cannot tell
        }
        return std::pair{st[0], st[1]};
    };
    std::tie(a.stateSrc, a.stateDst) = states(e);
    if (e.prev != UINT32_MAX) {
        // A segment that both ACKs the receiver's FIN and carries a FIN takes it through
        // FIN-WAIT-2 to TIME-WAIT: RFC 9293 has no transition FIN-WAIT-1 -> TIME-WAIT.
        const Entry& p = entries_[e.prev];
        const auto [ps, pd] = states(p);
        const bool sameSender = (p.bits & FromEp1) == (e.bits & FromEp1);
        const TcpState beforeSrc = sameSender ? ps : pd, beforeDst = sameSender ? pd : ps;
        // Likewise a FIN that ACKs the peer's FIN, sent by an end not yet seen to have that
        // FIN, takes its sender through CLOSE-WAIT to LAST-ACK.
        const auto via = [](TcpState before, TcpState after) {
            if (before == TcpState::FinWait1 && after == TcpState::TimeWait)
                return TcpState::FinWait2;
            if (before == TcpState::Established && after == TcpState::LastAck)
                return TcpState::CloseWait;
            if (before == TcpState::Listen && after == TcpState::Established)
                return TcpState::SynReceived; // its SYN/ACK was not captured
            return TcpState::Unknown;
        };
        a.viaSrc = via(beforeSrc, a.stateSrc);
        a.viaDst = via(beforeDst, a.stateDst);
    }
    a.senderIsClient = c.client == f;
    a.clientInferred = c.clientInferred;
    return a;
}

} // namespace synflow
