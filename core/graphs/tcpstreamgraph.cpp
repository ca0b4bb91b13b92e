#include "graphs/tcpstreamgraph.h"

#include "analysis/analysedcapture.h"
#include "output/textformat.h"

#include <algorithm>
#include <span>

namespace synflow {

static_assert(sizeof(TcpGraphSegment) == 32 && sizeof(TcpGraphAck) == 32, "a gigabyte's stream has a million of each");
static_assert(TcpReusedPorts < (1u << 20), "TcpGraphSegment::analysis holds 20 bits");

namespace {

double secondsSince(int64_t ts, int64_t origin) { return double(nsBetween(ts, origin)) / 1e9; }

std::string endpointText(const TcpEndpoint& e, bool ipv6)
{
    std::string s = ipv6 ? "[" + formatIpv6(e.addr) + "]" : formatIpv4(e.addr);
    s += ':';
    appendUnsigned(s, e.port);
    return s;
}

// SACK blocks of `d` as sequence numbers relative to the data sender's ISN (the raw ACK and its
// relative value give that base), added to `out`; returns how many (a TCP header has room for four).
uint8_t readSacks(const DecodedPacket& d, uint32_t base, std::vector<TcpGraphAck::Sack>& out)
{
    const size_t before = out.size();
    forEachTcpOption(d, [&](uint8_t kind, uint32_t pos, uint32_t len) {
        if (kind != tcpopt::Sack || len < 10)
            return;
        for (uint32_t at = pos + 2; at + 8 <= pos + len; at += 8)
            out.push_back({loadBe32(d.frame.data() + at) - base, loadBe32(d.frame.data() + at + 4) - base});
    });
    return uint8_t(out.size() - before);
}

// The segment of `frame` (or the first after it) among `segments` sorted by frame: an ACK
// acknowledges one of the last few, so the search gallops back from the end (a bisection of the
// whole list for each ACK was a cache miss a step).
std::vector<TcpGraphSegment>::const_iterator segmentOf(const std::vector<TcpGraphSegment>& segments, uint32_t frame)
{
    size_t hi = segments.size(), step = 1;
    while (hi > 0 && segments[hi - 1].frame >= frame) {
        const size_t lo = hi > step ? hi - step : 0;
        if (segments[lo].frame < frame)
            return std::lower_bound(segments.begin() + ptrdiff_t(lo), segments.begin() + ptrdiff_t(hi), frame,
                                    [](const TcpGraphSegment& s, uint32_t f) { return s.frame < f; });
        hi = lo;
        step *= 2;
    }
    return segments.begin() + ptrdiff_t(hi);
}

// The graph of `frames` (some or all of the stream's, in capture order): runs of `runLength`
// consecutive frames of the stream (0: one run), between which nothing is known.
TcpStreamGraphData graphOf(const AnalysedCapture& capture, uint32_t stream, int direction, std::span<const uint32_t> frames,
                           size_t streamFrames, size_t runLength = 0)
{
    TcpStreamGraphData g;
    const TcpTracker* tracker = capture.tracker();
    if (!tracker || stream >= tracker->conversationCount() || capture.packetCount() == 0)
        return g;
    const TcpConversation c = tracker->conversation(uint32_t(stream));
    g.valid = true;
    g.stream = stream;
    g.direction = direction ? 1 : 0;
    g.from = c.ep[g.direction];
    g.to = c.ep[1 - g.direction];
    g.ipv6 = c.ipv6;
    g.receiverWindowScale = c.winScale[1 - g.direction];
    g.streamFrames = streamFrames;
    g.framesRead = frames.size();

    const PacketIndex& index = capture.index();
    const int64_t origin = index[0].tsNs;
    const bool whole = frames.size() == streamFrames;
    g.segments.reserve(whole ? c.frames[g.direction] : frames.size());
    g.acks.reserve(whole ? c.frames[1 - g.direction] : frames.size());
    g.rtts.reserve(whole ? c.frames[1 - g.direction] : frames.size());
    uint32_t expectNext = 0;
    bool haveNext = false;
    size_t read = 0;
    capture.file().decodeEach(frames, [&](uint32_t frame, const DecodedPacket& d) {
        if (runLength && read++ % runLength == 0)
            haveNext = false; // a new run: what was sent before it is not known
        const TcpPacketAnalysis a = capture.tcpAnalysis(frame, d);
        if (!a.valid || !d.tcpHeaderValid)
            return;
        const TcpView tcp{d.at(d.transportOffset)};
        const double t = secondsSince(index[frame].tsNs, origin);
        const bool sentByFrom = (tracker->sentByFirst(frame) ? 0 : 1) == g.direction;
        if (a.hasInitialRtt && !g.hasInitialRtt) {
            g.hasInitialRtt = true;
            g.initialRttMs = double(a.initialRttNs) / 1e6;
        }
        if (sentByFrom) {
            TcpGraphSegment s;
            s.frame = frame;
            s.time = t;
            s.seq = a.seq;
            s.length = a.seqLen;
            s.analysis = a.flags;
            s.tcpFlags = tcp.flags();
            s.bytesInFlight = a.bytesInFlight;
            s.gapFrom = (a.flags & TcpLostSegment) && haveNext ? expectNext : s.seq;
            if (!haveNext || int32_t(a.nextSeq - expectNext) > 0)
                expectNext = a.nextSeq;
            haveNext = true;
            g.segments.push_back(s);
        } else if (a.ackValid) {
            TcpGraphAck k;
            k.frame = frame;
            k.time = t;
            k.ack = a.ack;
            k.window = uint32_t(a.windowSize);
            k.analysis = a.flags;
            k.tcpFlags = tcp.flags();
            k.sackFirst = uint32_t(g.sacks.size());
            k.sackCount = readSacks(d, tcp.ack() - a.ack, g.sacks);
            if (a.hasAckRtt && a.acksFrame > 0) {
                TcpGraphRtt r;
                r.frame = frame;
                r.ackedFrame = uint32_t(a.acksFrame - 1);
                r.time = t;
                r.rttMs = double(a.ackRttNs) / 1e6;
                const auto it = segmentOf(g.segments, r.ackedFrame);
                r.seq = it != g.segments.end() && it->frame == r.ackedFrame ? it->seq : a.ack;
                g.rtts.push_back(r);
            }
            g.acks.push_back(k);
        }
    });
    // (only the RTT samples' count is not known in advance: their spare room goes back)
    g.rtts.shrink_to_fit();
    g.sacks.shrink_to_fit();
    return g;
}

} // namespace

TcpStreamGraphData buildTcpStreamGraph(const AnalysedCapture& capture, uint32_t stream, int direction)
{
    const TcpTracker* tracker = capture.tracker();
    if (!tracker || stream >= tracker->conversationCount())
        return {};
    const std::vector<uint32_t> frames = tracker->framesOf(stream);
    return graphOf(capture, stream, direction, frames, frames.size());
}

TcpStreamGraphData sampleTcpStreamGraph(const AnalysedCapture& capture, uint32_t stream, int direction, size_t frames)
{
    const TcpTracker* tracker = capture.tracker();
    if (!tracker || stream >= tracker->conversationCount())
        return {};
    const std::vector<uint32_t> all = tracker->framesOf(stream);
    const size_t runs = std::max<size_t>(1, frames / kSampleRun);
    if (all.size() <= runs * kSampleRun)
        return graphOf(capture, stream, direction, all, all.size());
    // Runs of consecutive frames, not single ones: they lie together in the file (a read each),
    // and a run shows segments with the ACKs that answer them.
    std::vector<uint32_t> picked;
    picked.reserve(runs * kSampleRun);
    for (size_t r = 0; r < runs; ++r) {
        const size_t first = (all.size() - kSampleRun) * r / std::max<size_t>(1, runs - 1);
        picked.insert(picked.end(), all.begin() + ptrdiff_t(first), all.begin() + ptrdiff_t(first + kSampleRun));
    }
    return graphOf(capture, stream, direction, picked, all.size(), kSampleRun);
}

std::vector<TcpThroughputPoint> tcpThroughput(const TcpStreamGraphData& data, double windowSeconds)
{
    std::vector<TcpThroughputPoint> out;
    if (windowSeconds <= 0)
        return out;
    out.reserve(data.segments.size());
    uint64_t bytes = 0, good = 0;
    size_t first = 0;
    for (size_t i = 0; i < data.segments.size(); ++i) {
        const TcpGraphSegment& s = data.segments[i];
        const bool retransmitted = s.analysis & TcpAnyRetransmission;
        bytes += s.length;
        good += retransmitted ? 0 : s.length;
        while (data.segments[first].time <= s.time - windowSeconds) {
            const TcpGraphSegment& old = data.segments[first++];
            bytes -= old.length;
            good -= (old.analysis & TcpAnyRetransmission) ? 0 : old.length;
        }
        out.push_back({s.frame, s.time, double(bytes) * 8 / windowSeconds, double(good) * 8 / windowSeconds});
    }
    return out;
}

std::string tcpGraphTitle(const TcpStreamGraphData& data)
{
    return endpointText(data.from, data.ipv6) + " \u2192 " + endpointText(data.to, data.ipv6);
}

} // namespace synflow
