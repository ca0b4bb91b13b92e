#include "stats/conversationtable.h"

#include "analysis/analysedcapture.h"
#include "decode/linktypes.h"
#include "output/textformat.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <unordered_map>

namespace synflow {

namespace {

const char* const kKeys[kConversationTypes] = {"eth", "ip", "ipv6", "tcp", "udp"};
const char* const kTitles[kConversationTypes] = {"Ethernet", "IPv4", "IPv6", "TCP", "UDP"};

StatsAddress makeAddress(const uint8_t* p, uint8_t length)
{
    StatsAddress a;
    std::memcpy(a.bytes, p, length);
    a.length = length;
    return a;
}

// An address and port: one side of a conversation, or an endpoint.
struct Side {
    StatsAddress addr;
    uint16_t port = 0;
    bool operator==(const Side& o) const { return port == o.port && addr == o.addr; }
    bool operator<(const Side& o) const
    {
        const int c = std::memcmp(addr.bytes, o.addr.bytes, sizeof addr.bytes);
        return c != 0 ? c < 0 : port < o.port;
    }
};

uint64_t hashBytes(const uint8_t* p, size_t n, uint64_t h = 1469598103934665603ull)
{
    for (size_t i = 0; i < n; ++i)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

struct SideHash {
    size_t operator()(const Side& s) const { return hashBytes(s.addr.bytes, s.addr.length, s.port); }
};

// Either direction finds the same conversation: the key holds the two sides in a fixed order.
struct PairKey {
    Side lo, hi;
    bool operator==(const PairKey& o) const { return lo == o.lo && hi == o.hi; }
};
struct PairHash {
    size_t operator()(const PairKey& k) const
    {
        return hashBytes(k.hi.addr.bytes, k.hi.addr.length, SideHash{}(k.lo) * 31 + k.hi.port);
    }
};

class Counter {
public:
    Counter(ConversationTables& tables, bool endpoints, bool conversations)
        : endpoints_(endpoints), conversations_(conversations), t_(tables)
    {
    }

    // One packet from `src` to `dst`; for TCP the stream names the conversation.
    ConversationRow& add(ConversationType type, const Side& src, const Side& dst, int64_t stream, uint32_t frame,
                         uint64_t bytes, int64_t relNs)
    {
        if (!conversations_) {
            endpoint(type, src, 1, bytes, 0, 0);
            endpoint(type, dst, 0, 0, 1, bytes);
            return unused_;
        }
        auto& rows = t_.conversations[size_t(type)];
        uint32_t idx;
        if (stream >= 0) {
            auto& byStream = tcpRows_;
            if (size_t(stream) >= byStream.size())
                byStream.resize(size_t(stream) + 1, UINT32_MAX);
            idx = byStream[size_t(stream)];
            if (idx == UINT32_MAX)
                idx = byStream[size_t(stream)] = newRow(rows, src, dst, stream, frame, relNs);
        } else {
            PairKey key = src < dst ? PairKey{src, dst} : PairKey{dst, src};
            auto [it, inserted] = pairs_[size_t(type)].try_emplace(key, uint32_t(rows.size()));
            if (inserted)
                newRow(rows, src, dst, stream, frame, relNs);
            idx = it->second;
        }
        ConversationRow& row = rows[idx];
        const bool forward = row.portA == src.port && row.addrA == src.addr && row.portB == dst.port && row.addrB == dst.addr;
        if (forward) {
            ++row.framesAtoB;
            row.bytesAtoB += bytes;
        } else {
            ++row.framesBtoA;
            row.bytesBtoA += bytes;
        }
        if (relNs > row.stopNs)
            row.stopNs = relNs;
        else if (relNs < row.startNs)
            row.startNs = relNs;
        if (endpoints_) {
            endpoint(type, src, 1, bytes, 0, 0);
            endpoint(type, dst, 0, 0, 1, bytes);
        }
        return row;
    }

    void reserveTcp(size_t streams)
    {
        t_.conversations[size_t(ConversationType::Tcp)].reserve(streams);
        tcpRows_.reserve(streams);
    }

    void endpoint(ConversationType type, const Side& s, uint64_t txFrames, uint64_t txBytes, uint64_t rxFrames, uint64_t rxBytes)
    {
        auto& rows = t_.endpoints[size_t(type)];
        auto [it, inserted] = sides_[size_t(type)].try_emplace(s, uint32_t(rows.size()));
        if (inserted) {
            EndpointRow e;
            e.addr = s.addr;
            e.port = s.port;
            rows.push_back(e);
        }
        EndpointRow& e = rows[it->second];
        e.txFrames += txFrames;
        e.txBytes += txBytes;
        e.rxFrames += rxFrames;
        e.rxBytes += rxBytes;
    }

private:
    static uint32_t newRow(std::vector<ConversationRow>& rows, const Side& src, const Side& dst, int64_t stream,
                           uint32_t frame, int64_t relNs)
    {
        ConversationRow r;
        r.addrA = src.addr;
        r.addrB = dst.addr;
        r.portA = src.port;
        r.portB = dst.port;
        r.stream = stream;
        r.startNs = r.stopNs = relNs;
        r.firstFrame = frame;
        rows.push_back(r);
        return uint32_t(rows.size() - 1);
    }

public:
private:
    bool endpoints_;
    bool conversations_;
    ConversationRow unused_; // what add() gives back when no conversation rows are kept
    ConversationTables& t_;
    std::vector<uint32_t> tcpRows_; // by tcp.stream
    std::array<std::unordered_map<PairKey, uint32_t, PairHash>, kConversationTypes> pairs_;
    std::array<std::unordered_map<Side, uint32_t, SideHash>, kConversationTypes> sides_;
};

template <typename Row>
std::vector<uint32_t> byFramesThenAppearance(const std::vector<Row>& rows)
{
    std::vector<uint32_t> order(rows.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return rows[a].frames() > rows[b].frames(); });
    return order;
}

// The destination TCP and UDP see above IPv6: a source route (types 0 and 2) still to be
// followed ends at its last address, a segment routing header's at its first (as tshark sets
// the pseudo-header's destination).
void ipv6FinalDestination(const DecodedPacket& d, StatsAddress& dst)
{
    const size_t captured = d.frame.size();
    const uint32_t end = d.netOffset + d.netHeaderLen;
    uint8_t next = d.frame[d.netOffset + 6];
    uint32_t at = d.netOffset + 40;
    while (at + 8 <= end && at + 8 <= captured) {
        const uint8_t* h = d.at(at);
        uint32_t len;
        if (next == 0 || next == 60 || next == 43)
            len = (uint32_t(h[1]) + 1) * 8;
        else if (next == 44)
            len = 8;
        else if (next == 51)
            len = (uint32_t(h[1]) + 2) * 4;
        else
            return;
        if (next == 43 && h[3] > 0 && at + len <= captured) {
            const uint32_t addresses = (len - 8) / 16;
            if ((h[2] == 0 || h[2] == 2) && addresses > 0)
                dst = makeAddress(h + 8 + (addresses - 1) * 16, 16);
            else if (h[2] == 4 && addresses > 0)
                dst = makeAddress(h + 8, 16);
        }
        next = h[0];
        at += len;
    }
}

// tshark counts an IPv4 packet once its whole header is read: not when the header runs past
// the captured bytes or an option's length byte is missing (the dissector stops there).
bool ipv4HeaderReadable(const DecodedPacket& d)
{
    const size_t captured = d.frame.size();
    if (d.netOffset + 20 > captured)
        return false;
    const uint32_t end = d.netOffset + Ipv4View{d.at(d.netOffset)}.headerLen();
    if (end > captured)
        return false;
    for (uint32_t at = d.netOffset + 20; at < end;) {
        const uint8_t kind = d.frame[at];
        if (kind == 0)
            break;
        if (kind == 1) {
            ++at;
            continue;
        }
        if (at + 1 >= end)
            return false;
        const uint8_t len = d.frame[at + 1];
        if (len < 2)
            break;
        at += len;
    }
    return true;
}

// A loose or strict source route (IPv4 options 131, 137) not yet followed to its end goes on
// to the route's last address: tshark takes that as the destination of the IPv4 layer and all
// above it.
void ipv4FinalDestination(const DecodedPacket& d, StatsAddress& dst)
{
    const uint32_t end = std::min<uint32_t>(d.netOffset + Ipv4View{d.at(d.netOffset)}.headerLen(), uint32_t(d.frame.size()));
    uint32_t at = d.netOffset + 20;
    while (at < end) {
        const uint8_t kind = d.frame[at];
        if (kind == 0)
            return;
        if (kind == 1) {
            ++at;
            continue;
        }
        if (at + 1 >= end)
            return;
        const uint8_t len = d.frame[at + 1];
        if (len < 2 || at + len > end)
            return;
        const uint8_t pointer = len >= 3 ? d.frame[at + 2] : 0;
        if ((kind == 131 || kind == 137) && len >= 7 && pointer >= 4 && pointer <= len)
            dst = makeAddress(d.at(at + 3 + (uint32_t(len - 3) / 4 - 1) * 4), 4);
        at += len;
    }
}

// The addresses tshark's taps see: `netDst` the IP layer's, `dst` the one TCP and UDP see
// (after a source route). NetLayer::None when the IP header is not read whole.
NetLayer tapAddresses(const DecodedPacket& d, StatsAddress& src, StatsAddress& netDst, StatsAddress& dst)
{
    if (d.net == NetLayer::IPv4 && ipv4HeaderReadable(d)) {
        const Ipv4View ip{d.at(d.netOffset)};
        src = makeAddress(ip.src(), 4);
        dst = makeAddress(ip.dst(), 4);
        ipv4FinalDestination(d, dst);
        netDst = dst;
        return NetLayer::IPv4;
    }
    if (d.net == NetLayer::IPv6 && d.netOffset + 40 <= d.frame.size()) {
        const Ipv6View ip{d.at(d.netOffset)};
        src = makeAddress(ip.src(), 16);
        dst = netDst = makeAddress(ip.dst(), 16);
        ipv6FinalDestination(d, dst);
        return NetLayer::IPv6;
    }
    return NetLayer::None;
}

void addTcpDetails(ConversationRow& row, const TcpPacketAnalysis& a)
{
    if (a.flags & TcpAnyRetransmission)
        ++row.retransmissions;
    if (a.hasAckRtt) {
        if (row.rttSamples == 0 || a.ackRttNs < row.rttMinNs)
            row.rttMinNs = a.ackRttNs;
        if (row.rttSamples == 0 || a.ackRttNs > row.rttMaxNs)
            row.rttMaxNs = a.ackRttNs;
        row.rttSumNs += a.ackRttNs;
        ++row.rttSamples;
    }
}

// What only the whole conversation tells.
void addWholeConversation(ConversationRow& row, const TcpTracker& tracker)
{
    const uint32_t stream = uint32_t(row.stream);
    row.completeness = tracker.lastFrameCompleteness(stream);
    row.initialRttNs = tracker.initialRttNs(stream);
    row.hasInitialRtt = row.initialRttNs != 0;
}

double bitsPerSecond(uint64_t bytes, int64_t durationNs)
{
    const double seconds = double(durationNs) / 1e9;
    return seconds > 0.005 ? double(bytes) * 8.0 / seconds : -1.0;
}

} // namespace

const char* conversationTypeKey(ConversationType type) { return kKeys[size_t(type)]; }
const char* conversationTypeTitle(ConversationType type) { return kTitles[size_t(type)]; }

bool parseConversationType(const std::string& key, ConversationType& type)
{
    for (size_t i = 0; i < kConversationTypes; ++i)
        if (key == kKeys[i]) {
            type = ConversationType(i);
            return true;
        }
    return false;
}

bool StatsAddress::operator==(const StatsAddress& o) const
{
    return length == o.length && std::memcmp(bytes, o.bytes, length) == 0;
}

std::string formatStatsAddress(const StatsAddress& a)
{
    if (a.length == 4)
        return formatIpv4(a.bytes);
    if (a.length == 16)
        return formatIpv6(a.bytes);
    return formatMac(a.bytes);
}

double ConversationRow::bitsPerSecondAtoB() const { return bitsPerSecond(bytesAtoB, durationNs()); }
double ConversationRow::bitsPerSecondBtoA() const { return bitsPerSecond(bytesBtoA, durationNs()); }

struct ConversationCounter::State {
    explicit State(const ConversationOptions& o) : options(o), counter(tables, o.endpoints, o.conversations) {}
    bool wanted(ConversationType t) const { return (options.types & typeBit(t)) != 0; }
    ConversationOptions options;
    ConversationTables tables;
    Counter counter;
};

ConversationCounter::ConversationCounter(const ConversationOptions& options) : s_(std::make_unique<State>(options)) {}
ConversationCounter::~ConversationCounter() = default;

void ConversationCounter::reserveTcp(size_t streams)
{
    if (s_->wanted(ConversationType::Tcp))
        s_->counter.reserveTcp(streams);
}

void ConversationCounter::add(uint32_t frame, const PacketRecord& rec, const DecodedPacket& d, const TcpTracker* tracker,
                              const PacketIndex& index)
{
    if (rec.kind == RecordKind::CustomBlock)
        return;
    const int64_t t0 = index[0].tsNs;
    Counter& counter = s_->counter;
    const auto wanted = [&](ConversationType t) { return s_->wanted(t); };
    const uint64_t bytes = rec.origLen;
    const int64_t rel = nsBetween(rec.tsNs, t0);
    const size_t captured = d.frame.size();
    if (d.linkType == linktype::Ethernet && captured >= 14 && wanted(ConversationType::Ethernet))
        counter.add(ConversationType::Ethernet, {makeAddress(d.frame.data() + 6, 6)}, {makeAddress(d.frame.data(), 6)}, -1,
                    frame, bytes, rel);
    StatsAddress src, netDst, dst;
    const NetLayer net = tapAddresses(d, src, netDst, dst);
    if (net == NetLayer::IPv4 && wanted(ConversationType::IPv4))
        counter.add(ConversationType::IPv4, {src}, {netDst}, -1, frame, bytes, rel);
    else if (net == NetLayer::IPv6 && wanted(ConversationType::IPv6))
        counter.add(ConversationType::IPv6, {src}, {netDst}, -1, frame, bytes, rel);
    else if (net == NetLayer::None)
        return;
    if (tracker && tcpTapCounts(d) && wanted(ConversationType::Tcp)) {
        const int64_t stream = tracker->streamOf(frame);
        if (stream < 0)
            return;
        const TcpView tcp{d.at(d.transportOffset)};
        ConversationRow& row = counter.add(ConversationType::Tcp, {src, tcp.srcPort()}, {dst, tcp.dstPort()}, stream, frame,
                                           bytes, rel);
        if (s_->options.tcpDetails)
            addTcpDetails(row, tracker->analysis(frame, index, d));
    } else if (d.transport == TransportLayer::Udp && d.transportCaptured >= 8 && wanted(ConversationType::Udp)) {
        const UdpView udp{d.at(d.transportOffset)};
        counter.add(ConversationType::Udp, {src, udp.srcPort()}, {dst, udp.dstPort()}, -1, frame, bytes, rel);
    }
}

ConversationTables ConversationCounter::finish(const AnalysedCapture& capture)
{
    ConversationTables tables = std::move(s_->tables);
    // What only the whole conversation tells.
    if (const TcpTracker* tracker = capture.tracker()) {
        for (ConversationRow& row : tables.conversations[size_t(ConversationType::Tcp)]) {
            if (row.stream < 0 || size_t(row.stream) >= tracker->conversationCount())
                continue;
            addWholeConversation(row, *tracker);
        }
    }
    return tables;
}

void markTcpTapPlain(PacketRecord& rec, const DecodedPacket& d)
{
    StatsAddress src, netDst, dst;
    if (rec.kind == RecordKind::CustomBlock || tapAddresses(d, src, netDst, dst) == NetLayer::None || !tcpTapCounts(d) ||
        !(dst == netDst))
        return;
    const TcpView tcp{d.at(d.transportOffset)};
    if (tcp.srcPort() == tcp.dstPort() && src == dst)
        return; // both sides alike: the tracker's direction bit would not tell them apart
    rec.summary |= SummaryTcpTapPlain;
}

ConversationTables buildConversationTables(const AnalysedCapture& capture, const ConversationOptions& options,
                                           WorkControl* control)
{
    const std::vector<uint8_t>* shown = options.shown;
    const CaptureFile& file = capture.file();
    const PacketIndex& index = file.index();
    const TcpTracker* tracker = capture.tracker();
    const size_t n = std::min(index.size(), capture.packetCount());
    if (n == 0)
        return {};
    if (control)
        control->setTotal(n);
    ConversationCounter counter(options);
    if (tracker && !shown) // a row per stream: grown once, not by doubling
        counter.reserveTcp(tracker->conversationCount());
    bool complete = true;
    for (size_t i = 0; i < n; ++i) {
        if (WorkControl::stopAt(control, i)) {
            complete = false;
            break;
        }
        if (shown && (i >= shown->size() || !(*shown)[i]))
            continue;
        const PacketRecord& rec = index[i];
        if (rec.kind == RecordKind::CustomBlock)
            continue;
        counter.add(uint32_t(i), rec, file.decode(i), tracker, index);
    }
    if (complete)
        WorkControl::finished(control, n);
    ConversationTables tables = counter.finish(capture);
    tables.complete = complete;
    return tables;
}

TcpConversationRows::TcpConversationRows(const AnalysedCapture& capture, const ConversationOptions& options)
    : capture_(capture), options_(options)
{
    const TcpTracker* tracker = capture.tracker();
    const CaptureFile& file = capture.file();
    const size_t n = std::min(file.index().size(), capture.packetCount());
    if (!tracker || n == 0)
        return;
    // Per stream while counting: frames << 32 | first frame + 1 (0: none counted yet).
    keys_.assign(tracker->conversationCount(), 0);
    const PacketIndex& index = file.index();
    for (size_t i = 0; i < n; ++i) {
        if (options.shown && (i >= options.shown->size() || !(*options.shown)[i]))
            continue;
        const int64_t stream = tracker->streamOf(uint32_t(i));
        const PacketRecord& rec = index[i];
        if (stream < 0 || rec.kind == RecordKind::CustomBlock)
            continue;
        if (!(rec.summary & SummaryTcpTapPlain)) { // else counted, as the first pass found
            const DecodedPacket d = file.decode(i);
            StatsAddress src, netDst, dst;
            if (tapAddresses(d, src, netDst, dst) == NetLayer::None || !tcpTapCounts(d))
                continue;
        }
        uint64_t& key = keys_[size_t(stream)];
        key = (key + (uint64_t(1) << 32)) | (uint32_t(key) ? 0 : uint64_t(i) + 1);
    }
    std::erase(keys_, 0);
    for (uint64_t& key : keys_)
        key = (~key & 0xffffffff00000000ull) | (uint32_t(key) - 1);
    std::sort(keys_.begin(), keys_.end());
}

ConversationRow TcpConversationRows::row(size_t k) const
{
    const TcpTracker& tracker = *capture_.tracker();
    const CaptureFile& file = capture_.file();
    const PacketIndex& index = file.index();
    const uint32_t first = uint32_t(keys_[k]);
    const int64_t t0 = index[0].tsNs;
    ConversationRow row;
    bool opened = false;
    // One frame more in a direction, and the row's time span.
    const auto tally = [&row](bool aToB, const PacketRecord& rec, int64_t rel) {
        (aToB ? row.framesAtoB : row.framesBtoA) += 1;
        (aToB ? row.bytesAtoB : row.bytesBtoA) += rec.origLen;
        row.startNs = std::min(row.startNs, rel);
        row.stopNs = std::max(row.stopNs, rel);
    };
    // Backwards through the stream's frames to its first counted one: its sender is A.
    const auto count = [&](uint32_t f, const DecodedPacket& d, const StatsAddress& src, const StatsAddress& dst) {
        const TcpView tcp{d.at(d.transportOffset)};
        const PacketRecord& rec = index[f];
        const int64_t rel = nsBetween(rec.tsNs, t0);
        if (!opened) {
            row.addrA = src;
            row.addrB = dst;
            row.portA = tcp.srcPort();
            row.portB = tcp.dstPort();
            row.stream = tracker.streamOf(f);
            row.firstFrame = f;
            row.startNs = row.stopNs = rel;
            opened = true;
        }
        tally(tcp.srcPort() == row.portA && src == row.addrA && tcp.dstPort() == row.portB && dst == row.addrB, rec, rel);
        if (options_.tcpDetails)
            addTcpDetails(row, tracker.analysis(f, index, d));
    };
    // A frame the first pass marked plain, after a plain first frame, is told from the index and
    // its entry alone: its sender is A's when the tracker says the same side sent both.
    const bool plainFirst = index[first].summary & SummaryTcpTapPlain;
    const bool firstByEp0 = tracker.sentByFirst(first);
    const auto visit = [&](uint32_t f) {
        if (options_.shown && (f >= options_.shown->size() || !(*options_.shown)[f]))
            return;
        const PacketRecord& rec = index[f];
        if (opened && plainFirst && (rec.summary & SummaryTcpTapPlain) && !options_.tcpDetails) {
            tally(tracker.sentByFirst(f) == firstByEp0, rec, nsBetween(rec.tsNs, t0));
            return;
        }
        const DecodedPacket d = file.decode(f);
        StatsAddress src, netDst, dst;
        if (tapAddresses(d, src, netDst, dst) != NetLayer::None && tcpTapCounts(d))
            count(f, d, src, dst);
    };
    visit(first);
    const int64_t stream = tracker.streamOf(first);
    for (int64_t f = tracker.lastFrameOf(uint32_t(stream)); f > int64_t(first); f = tracker.previousInStream(uint32_t(f)))
        visit(uint32_t(f));
    addWholeConversation(row, tracker);
    return row;
}

std::vector<uint32_t> tsharkConversationOrder(const std::vector<ConversationRow>& rows)
{
    return byFramesThenAppearance(rows);
}

std::vector<uint32_t> tsharkEndpointOrder(const std::vector<EndpointRow>& rows) { return byFramesThenAppearance(rows); }

} // namespace synflow
