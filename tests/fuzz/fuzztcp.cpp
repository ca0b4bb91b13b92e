#include "fuzzbody.h"
#include "fuzzsupport.h"

#include "capture/captureinfo.h"
#include "capture/packetindex.h"
#include "decode/linktypes.h"
#include "decode/packetdecoder.h"
#include "tcp/tcpinfo.h"
#include "tcp/tcptracker.h"
#include "tree/detailtree.h"

#include <cstdlib>
#include <string>
#include <vector>

namespace synflow::fuzz {

namespace {

// Each segment is 16 input bytes:
//   0     conversation (bits 0-1: three IPv4 port pairs and one IPv6 pair), direction (bit 2),
//         how Seq is chosen (bits 3-4), how Ack is chosen (bits 5-6), options follow (bit 7)
//   1     flags FIN SYN RST PSH ACK URG ECE CWR
//   2-5   Seq value, 6-9 Ack value (meaning per mode)
//   10-11 window, 12 payload length, 13 time step (bit 7: backwards)
//   14    options (when bit 7 of byte 0 is set): MSS, window scale, SACK permitted, timestamps, a SACK block, AE flag, cut by snaplen
//   15    window scale shift / SACK edge offset
// Seq/Ack modes: 0 what the peer expects next, 1 a small step from it, 2 the absolute value,
// 3 just below the 2^32 wrap; so the tracker sees ordinary conversations as well as wraps,
// overlaps, gaps and nonsense.
constexpr size_t kSegmentBytes = 16;
constexpr size_t kMaxSegments = 512;

struct Side {
    uint32_t next = 0; // Seq + length of the last segment sent
    bool seen = false;
};

uint32_t pick(unsigned mode, uint32_t value, uint32_t expected)
{
    switch (mode & 3) {
    case 0: return expected;
    case 1: return expected + uint32_t(int32_t(int8_t(value)) * int32_t((value >> 8) & 0xff));
    case 2: return value;
    default: return 0xffffffffu - (value & 0xfff);
    }
}

void put16(std::vector<uint8_t>& f, size_t at, uint16_t v)
{
    f[at] = uint8_t(v >> 8);
    f[at + 1] = uint8_t(v);
}

void put32(std::vector<uint8_t>& f, size_t at, uint32_t v)
{
    put16(f, at, uint16_t(v >> 16));
    put16(f, at + 2, uint16_t(v));
}

std::vector<uint8_t> buildFrame(InputReader& in, Side sides[4][2], uint32_t& origLen)
{
    const uint8_t ctl = in.take<uint8_t>();
    const uint8_t flags = in.take<uint8_t>();
    const uint32_t seqValue = in.take<uint32_t>();
    const uint32_t ackValue = in.take<uint32_t>();
    const uint16_t window = in.take<uint16_t>();
    const uint8_t payload = in.take<uint8_t>();
    (void)in.take<uint8_t>(); // time step, read by the caller from its copy
    const uint8_t optBits = in.take<uint8_t>();
    const uint8_t opts = ctl & 0x80 ? optBits : 0;
    const uint8_t optArg = in.take<uint8_t>();

    const unsigned conv = ctl & 3, dir = (ctl >> 2) & 1;
    Side& me = sides[conv][dir];
    const Side& peer = sides[conv][dir ^ 1];
    const uint32_t seq = pick(ctl >> 3, seqValue, me.seen ? me.next : seqValue);
    const uint32_t ack = pick(ctl >> 5, ackValue, peer.seen ? peer.next : ackValue);

    std::vector<uint8_t> tcpOpts;
    if (opts & 1)
        tcpOpts.insert(tcpOpts.end(), {tcpopt::Mss, 4, uint8_t(optArg), 0xb4});
    if (opts & 2)
        tcpOpts.insert(tcpOpts.end(), {tcpopt::Nop, tcpopt::WindowScale, 3, uint8_t(optArg & 0x1f)});
    if (opts & 4)
        tcpOpts.insert(tcpOpts.end(), {tcpopt::Nop, tcpopt::Nop, tcpopt::SackPermitted, 2});
    if (opts & 8) {
        tcpOpts.insert(tcpOpts.end(), {tcpopt::Nop, tcpopt::Nop, tcpopt::Timestamps, 10});
        for (uint32_t v : {seqValue ^ ackValue, ackValue})
            tcpOpts.insert(tcpOpts.end(), {uint8_t(v >> 24), uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v)});
    }
    if (opts & 16) {
        const uint32_t left = ack + uint32_t(optArg) * 100, right = left + uint32_t(payload) * 10;
        tcpOpts.insert(tcpOpts.end(), {tcpopt::Nop, tcpopt::Nop, tcpopt::Sack, 10});
        for (uint32_t v : {left, right})
            tcpOpts.insert(tcpOpts.end(), {uint8_t(v >> 24), uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v)});
    }
    while (tcpOpts.size() % 4)
        tcpOpts.push_back(tcpopt::Eol);

    const bool v6 = conv == 3;
    const size_t ipLen = v6 ? 40 : 20, tcpLen = 20 + tcpOpts.size();
    const size_t payloadLen = payload < 200 ? payload : size_t(payload - 199) * 500; // up to 28 000 bytes
    std::vector<uint8_t> f(14 + ipLen + tcpLen + payloadLen, 0);
    put16(f, 12, v6 ? 0x86dd : 0x0800);
    const size_t ip = 14, tcp = ip + ipLen;
    const uint8_t a = uint8_t(1 + dir), b = uint8_t(2 - dir);
    if (v6) {
        f[ip] = 0x60;
        put16(f, ip + 4, uint16_t(tcpLen + payloadLen));
        f[ip + 6] = 6;
        f[ip + 7] = 64;
        f[ip + 23] = a;
        f[ip + 39] = b;
    } else {
        f[ip] = 0x45;
        put16(f, ip + 2, uint16_t(ipLen + tcpLen + payloadLen));
        f[ip + 8] = 64;
        f[ip + 9] = 6;
        f[ip + 12] = 10;
        f[ip + 15] = a;
        f[ip + 16] = 10;
        f[ip + 19] = b;
    }
    const uint16_t clientPort = uint16_t(40000 + conv), serverPort = conv == 2 ? 40000 : 80; // pair 2 looks like two clients
    put16(f, tcp, dir ? serverPort : clientPort);
    put16(f, tcp + 2, dir ? clientPort : serverPort);
    put32(f, tcp + 4, seq);
    put32(f, tcp + 8, ack);
    f[tcp + 12] = uint8_t((tcpLen / 4) << 4 | (opts & 32 ? 1 : 0));
    f[tcp + 13] = flags;
    put16(f, tcp + 14, window);
    std::copy(tcpOpts.begin(), tcpOpts.end(), f.begin() + long(tcp + 20));
    for (size_t i = 0; i < payloadLen; ++i)
        f[tcp + tcpLen + i] = uint8_t(seq + i);

    origLen = uint32_t(f.size());
    if (opts & 64)
        f.resize(tcp + tcpLen + std::min<size_t>(payloadLen, optArg)); // cut by the snapshot length
    me.next = seq + uint32_t(payloadLen) + ((flags & (TcpSyn | TcpFin)) ? 1 : 0);
    me.seen = true;
    return f;
}

} // namespace

void runTcp(const uint8_t* data, size_t size)
{
    InputReader in(data, size);
    Side sides[4][2] = {};
    std::vector<std::vector<uint8_t>> frames;
    std::vector<DecodedPacket> decoded;
    PacketIndex index;
    TcpTracker tracker;
    int64_t ts = 1'700'000'000'000'000'000;
    size_t bytes = 0;
    while (in.left() >= kSegmentBytes && frames.size() < kMaxSegments && bytes < (size_t(4) << 20)) {
        const uint8_t step = data[size - in.left() + 13];
        uint32_t origLen = 0;
        frames.push_back(buildFrame(in, sides, origLen));
        bytes += frames.back().size();
        ts += (step & 0x7f) * int64_t(step & 0x40 ? 1'000'000'000 : 1'000);
        if (step & 0x80)
            ts -= 50'000;
        PacketRecord rec;
        rec.tsNs = ts;
        rec.capLen = uint32_t(frames.back().size());
        rec.origLen = origLen;
        index.append(rec);
        decoded.push_back(decodePacket(linktype::Ethernet, frames.back(), origLen));
        tracker.process(uint32_t(frames.size() - 1), index[frames.size() - 1], decoded.back());
    }

    InterfaceInfo iface;
    iface.linkType = linktype::Ethernet;
    std::string info;
    for (size_t i = 0; i < frames.size(); ++i) {
        const DecodedPacket& d = decoded[i];
        const TcpPacketAnalysis a = tracker.analysis(uint32_t(i), index, d);
        const int64_t stream = tracker.streamOf(uint32_t(i)), prev = tracker.previousInStream(uint32_t(i));
        if (stream >= int64_t(tracker.conversationCount()) || prev >= int64_t(i) || (a.valid && int64_t(a.stream) != stream))
            abort();
        if (a.valid && (a.acksFrame > frames.size() || a.dupAckFrame > frames.size()))
            abort();
        info.clear();
        if (a.valid) {
            appendTcpInfo(info, d, a, 0);
            (void)completenessLabel(a.completeness);
            (void)expertItems(a, TcpView{d.at(d.transportOffset)}.flags(), TcpView{d.at(d.transportOffset)}.dstPort());
        }
        FrameContext ctx;
        ctx.number = i + 1;
        ctx.record = &index[i];
        ctx.decoded = &d;
        ctx.interface = &iface;
        ctx.time = {index[i].tsNs / 1'000'000'000, uint32_t(index[i].tsNs % 1'000'000'000)};
        ctx.tcp = a.valid ? &a : nullptr;
        (void)buildDetailTree(ctx).text();
    }
    (void)tracker.memoryBytes();
}

} // namespace synflow::fuzz
