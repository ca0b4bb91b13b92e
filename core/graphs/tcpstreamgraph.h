#pragma once
// What the TCP stream graphs plot for one direction of one conversation: its segments, the
// peer's ACKs (with the receive window and SACK blocks), RTT samples, throughput and window
// figures. Every value is the tracker's per-frame analysis (the numbers `synflow-cli fields`
// prints as tcp.seq, tcp.nxtseq, tcp.ack, tcp.window_size, tcp.analysis.*), so the oracle that
// checks the fields checks the graphs too. Times are seconds since the capture's first packet,
// as the packet list's default Time column.
#include "tcp/tcpconversation.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace synflow {

class AnalysedCapture;

// The records are kept small (32 bytes each): a stream of a gigabyte has about a million.
struct TcpGraphSegment {
    double time = 0;
    uint32_t frame = 0;         // 0-based
    uint32_t seq = 0;           // relative
    uint32_t length = 0;        // tcp.len
    uint32_t bytesInFlight = 0; // 0: not shown by the analysis
    // The sequence range not captured before this segment (tcp.analysis.lost_segment): [gapFrom, seq).
    uint32_t gapFrom = 0;
    uint32_t analysis : 20 = 0; // TcpAnalysisFlag
    uint32_t tcpFlags : 12 = 0;
    // tcp.nxtseq, as the tracker makes it: a SYN (0x002) or FIN (0x001) counts one.
    uint32_t nextSeq() const { return seq + length + ((tcpFlags & 0x003) ? 1 : 0); }
};

struct TcpGraphAck {
    double time = 0;
    uint32_t frame = 0;
    uint32_t ack = 0;      // relative to the data sender's ISN
    uint32_t window = 0;   // calculated receive window (tcp.window_size: 16 bits shifted by at most 14)
    uint32_t analysis = 0; // TcpAnalysisFlag (duplicate ACK, zero window ...)
    uint16_t tcpFlags = 0;
    uint8_t sackCount = 0;  // its SACK blocks: TcpStreamGraphData::sacksOf
    uint32_t sackFirst = 0;
    struct Sack {
        uint32_t left, right; // relative, as the data's sequence numbers
    };
    uint64_t windowEdge() const { return uint64_t(ack) + window; }
};

struct TcpGraphRtt {
    uint32_t frame = 0;      // the ACK
    uint32_t ackedFrame = 0; // the segment it acknowledges (tcp.analysis.acks_frame - 1)
    double time = 0;         // of the ACK
    double rttMs = 0;        // tcp.analysis.ack_rtt
    uint32_t seq = 0;        // the acknowledged segment's sequence number
};

struct TcpStreamGraphData {
    bool valid = false;
    uint32_t stream = 0;
    int direction = 0; // 0: data sent by the conversation's first sender, 1: by the other end
    TcpEndpoint from, to;
    bool ipv6 = false;
    std::vector<TcpGraphSegment> segments; // in capture order
    std::vector<TcpGraphAck> acks;         // the peer's segments that carry an ACK
    std::vector<TcpGraphAck::Sack> sacks;  // every ACK's SACK blocks, one after another
    std::vector<TcpGraphRtt> rtts;
    bool hasInitialRtt = false;
    double initialRttMs = 0;    // tcp.analysis.initial_rtt
    int receiverWindowScale = -1; // the receiver's shift (-1 unknown, -2 no scaling)
    size_t streamFrames = 0;      // the stream's frames, both directions
    size_t framesRead = 0;        // of them, those read here (fewer when sampled)
    bool sampled() const { return framesRead < streamFrames; }
    std::span<const TcpGraphAck::Sack> sacksOf(const TcpGraphAck& a) const { return {sacks.data() + a.sackFirst, a.sackCount}; }
};

// Empty (valid == false) for a stream that does not exist or an analysis not ready yet.
TcpStreamGraphData buildTcpStreamGraph(const AnalysedCapture& capture, uint32_t stream, int direction);

// A first look at a long stream, ready in a fraction of the time: the same values for runs of
// kSampleRun consecutive frames spread evenly over the stream, about `frames` in all (the whole
// stream when it has no more). Each run's segments and ACKs are as the whole graph has them,
// except that a run's first segments show no gap before them (what came before is not read),
// and an RTT sample whose segment lies outside the run is placed at the ACK's number; what lies
// between runs is left out.
inline constexpr size_t kSampleRun = 16;
TcpStreamGraphData sampleTcpStreamGraph(const AnalysedCapture& capture, uint32_t stream, int direction, size_t frames);

// Segment throughput and goodput (bits/s) at each segment: the bytes sent in the `windowSeconds`
// before it (itself included) over that window; goodput leaves retransmissions out.
struct TcpThroughputPoint {
    uint32_t frame = 0;
    double time = 0;
    double throughputBps = 0;
    double goodputBps = 0;
};
std::vector<TcpThroughputPoint> tcpThroughput(const TcpStreamGraphData& data, double windowSeconds);

// The stream's one-line name, e.g. "10.0.0.1:5555 → 10.0.0.2:80" (direction as in `data`).
std::string tcpGraphTitle(const TcpStreamGraphData& data);

} // namespace synflow
