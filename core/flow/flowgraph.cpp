#include "flow/flowgraph.h"

#include "analysis/analysedcapture.h"

#include "capture/capturefile.h"
#include "capture/timearith.h"
#include "output/textformat.h"
#include "proto/protocolsummary.h"
#include "tcp/tcpinfo.h"
#include "tcp/tcptracker.h"

#include <algorithm>
#include <unordered_map>

namespace synflow {

std::string FlowArrow::label() const
{
    std::string s;
    appendTcpFlagNames(s, tcpFlags);
    if (len)
        s += " - Len: " + std::to_string(len);
    return s;
}

std::string FlowGraph::noteOf(const FlowArrow& a) const
{
    const auto it = notes_.find(a.frame);
    return it == notes_.end() ? std::string() : it->second;
}

void FlowGraph::setNote(uint32_t frame, std::string note)
{
    if (note.empty())
        notes_.erase(frame);
    else
        notes_[frame] = std::move(note);
}

std::string FlowArrow::comment() const
{
    std::string s = "Seq = " + std::to_string(seq);
    if (ackValid)
        s += " Ack = " + std::to_string(ack);
    return s;
}

void FlowGraph::renameNodes(const std::function<std::string(const std::string&)>& rename)
{
    for (std::string& n : nodes_)
        n = rename(n);
}

void FlowGraph::rewriteTexts(const std::function<std::string(const std::string&)>& rewrite)
{
    for (auto& [label, comment] : texts_) {
        label = rewrite(label);
        comment = rewrite(comment);
    }
}

void FlowGraph::build(const AnalysedCapture& capture, const FlowOptions& o, const FlowArrowSink& sink)
{
    const CaptureFile& file = capture.file();
    const TcpTracker& tracker = *capture.tracker();
    nodes_.clear();
    arrows_.clear();
    texts_.clear();
    notes_.clear();
    streams_ = 0;
    byEndpoint_ = o.by == FlowOptions::NodeBy::Endpoint;
    std::unordered_map<std::string, uint16_t> nodeIds;
    std::vector<bool> streamSeen(tracker.conversationCount()); // a bit per conversation, not a set node
    const bool edited = !file.commentEdits().empty();
    const auto emit = [&](const FlowArrow& arrow) {
        // Packet comments go beside their arrows (read only where the block has options).
        if (edited || (file.index()[arrow.frame].flags & RecordHasOptions))
            if (std::string note = joinComments(file.packetComments(arrow.frame)); !note.empty())
                notes_[arrow.frame] = std::move(note);
        if (sink)
            sink(*this, arrow);
        else
            arrows_.push_back(arrow);
    };
    auto node = [&](const std::string& name) {
        auto [it, inserted] = nodeIds.emplace(name, uint16_t(nodes_.size()));
        if (inserted)
            nodes_.push_back(name);
        return it->second;
    };
    const PacketIndex& index = file.index();
    const Timestamp t0 = index.size() ? file.exactTime(0) : Timestamp{};
    // One conversation: walk its own frames (newest to oldest through the tracker's links)
    // instead of the whole capture.
    std::vector<uint32_t> frames;
    std::vector<uint32_t> wanted = o.streams;
    if (wanted.empty() && o.stream >= 0)
        wanted.push_back(uint32_t(o.stream));
    const bool someStreams = !wanted.empty();
    for (const uint32_t s : wanted) {
        const std::vector<uint32_t> mine = tracker.framesOf(s);
        frames.insert(frames.end(), mine.begin(), mine.end());
    }
    std::sort(frames.begin(), frames.end());
    frames.erase(std::unique(frames.begin(), frames.end()), frames.end());
    // Saturated: a capture's stamps may lie the whole int64 range apart.
    auto relative = [&](size_t i) { return timeBetween(file.exactTime(i), t0); };
    // "All flows": other protocols get an arrow between their addresses, labelled with their
    // Info text and named in the comment, as Wireshark's general flow graph does.
    auto addOther = [&](size_t i, const DecodedPacket& d) {
        std::string src, dst;
        uint16_t sp = 0, dp = 0;
        if (d.net == NetLayer::IPv4) {
            const Ipv4View ip{d.at(d.netOffset)};
            src = formatIpv4(ip.src());
            dst = formatIpv4(ip.dst());
        } else if (d.net == NetLayer::IPv6) {
            const Ipv6View ip{d.at(d.netOffset)};
            src = formatIpv6(ip.src());
            dst = formatIpv6(ip.dst());
        } else {
            return; // no network addresses to draw between
        }
        if (d.transport == TransportLayer::Udp && d.transportCaptured >= 8) {
            const UdpView udp{d.at(d.transportOffset)};
            sp = udp.srcPort();
            dp = udp.dstPort();
            if (o.by == FlowOptions::NodeBy::Endpoint) {
                src += ":" + std::to_string(sp);
                dst += ":" + std::to_string(dp);
            }
        }
        const ProtocolSummary sum = summarizeProtocol(d, index[i]);
        FlowArrow arrow;
        arrow.frame = uint32_t(i);
        arrow.time = relative(i);
        arrow.nanoseconds = file.interfaces()[index[i].iface].tsResol == 9;
        arrow.from = node(src);
        arrow.to = node(dst);
        arrow.srcPort = sp;
        arrow.dstPort = dp;
        arrow.stream = FlowArrow::NoStream;
        if (sink)
            texts_.clear(); // only the arrow in hand needs its text
        arrow.text = uint32_t(texts_.size());
        std::string label; // packet text: one line, control bytes shown as escapes
        appendEscapedText(label, sum.info.empty() ? std::string_view(sum.protocol) : std::string_view(sum.info).substr(0, 60));
        texts_.emplace_back(std::move(label), sum.protocol);
        emit(arrow);
    };
    const size_t count = someStreams ? frames.size() : index.size();
    for (size_t k = 0; k < count; ++k) {
        const size_t i = someStreams ? frames[k] : k;
        const PacketRecord& rec = index[i];
        if (rec.kind == RecordKind::CustomBlock || (o.shown && (i >= o.shown->size() || !(*o.shown)[i])))
            continue;
        const DecodedPacket d = file.decode(i);
        const bool tcpSegment = d.transport == TransportLayer::Tcp && d.tcpHeaderValid;
        const TcpPacketAnalysis a = tcpSegment ? tracker.analysis(uint32_t(i), index, d) : TcpPacketAnalysis{};
        if (!a.valid) {
            if (!o.tcpOnly && !someStreams)
                addOther(i, d);
            continue;
        }
        const TcpView tcp{d.at(d.transportOffset)};
        std::string src, dst;
        if (d.net == NetLayer::IPv4) {
            const Ipv4View ip{d.at(d.netOffset)};
            src = formatIpv4(ip.src());
            dst = formatIpv4(ip.dst());
        } else {
            const Ipv6View ip{d.at(d.netOffset)};
            src = formatIpv6(ip.src());
            dst = formatIpv6(ip.dst());
        }
        if (o.by == FlowOptions::NodeBy::Endpoint) {
            src += ":" + std::to_string(tcp.srcPort());
            dst += ":" + std::to_string(tcp.dstPort());
        }
        FlowArrow arrow;
        arrow.frame = uint32_t(i);
        arrow.time = relative(i);
        arrow.nanoseconds = file.interfaces()[rec.iface].tsResol == 9;
        arrow.from = node(src);
        arrow.to = node(dst);
        arrow.srcPort = tcp.srcPort();
        arrow.dstPort = tcp.dstPort();
        arrow.stream = a.stream;
        arrow.tcpFlags = tcp.flags();
        arrow.analysisFlags = a.flags;
        arrow.dupAckNum = a.dupAckNum;
        arrow.seq = a.seq;
        arrow.ack = a.ack;
        arrow.ackValid = a.ackValid;
        arrow.len = a.seqLen;
        arrow.role = a.role;
        arrow.stateFrom = a.stateSrc;
        arrow.stateTo = a.stateDst;
        arrow.viaFrom = a.viaSrc;
        arrow.viaTo = a.viaDst;
        if (a.stream < streamSeen.size() && !streamSeen[a.stream]) {
            streamSeen[a.stream] = true;
            ++streams_;
        }
        emit(arrow);
    }
}

namespace {

constexpr int kColumn = 20; // characters a lifeline column takes

std::string pad(std::string s, size_t width)
{
    if (s.size() < width)
        s.append(width - s.size(), ' ');
    return s;
}

std::string timeText(const Timestamp& t, bool nano)
{
    std::string s;
    appendEpoch(s, t.sec, t.nsec);
    if (!nano && s.size() > 3)
        s.resize(s.size() - 3); // microsecond captures: six decimals
    return s;
}

} // namespace

FlowTextWriter::FlowTextWriter(const FlowGraph& layout, std::function<void(std::string_view)> put)
    : put_(std::move(put)), nodes_(layout.nodes()), conv_(layout.streamCount() > 1)
{
}

void FlowTextWriter::header()
{
    const size_t n = nodes_.size();
    // Two header lines: lifeline names alternate between them, each centred on its column.
    std::string h1 = conv_ ? "Conv.| Time    " : "|Time     ";
    std::string h2 = conv_ ? "     |         " : "|         ";
    for (size_t i = 0; i < n; ++i) {
        std::string& line = (i % 2 == 0) ? h1 : h2;
        if (i % 2 == 0)
            line += "| " + pad(nodes_[i], 2 * kColumn - 2);
        else
            line += "|                   | " + pad(nodes_[i], kColumn - 2);
    }
    put_(h1 + "|\n" + h2 + "\n");
}

// One arrow's two rows at a time: with thousands of lifelines a row is long, but only one is held.
void FlowTextWriter::row(const FlowGraph& g, const FlowArrow& a)
{
    const size_t n = nodes_.size();
    std::string& row = row_;
    std::string& arrowRow = arrowRow_;
    const size_t left = std::min(a.from, a.to), right = std::max(a.from, a.to);
    const std::string stream = a.stream == FlowArrow::NoStream ? std::string() : std::to_string(a.stream);
    row = conv_ ? pad(stream, 5) + "|" + pad(timeText(a.time, a.nanoseconds), 9) + "|" : "|" + pad(timeText(a.time, a.nanoseconds), 9) + "|";
    arrowRow = conv_ ? "     |         |" : "|         |";
    for (size_t c = 0; c < left; ++c) {
        row.append(kColumn - 1, ' ') += '|';
        arrowRow.append(kColumn - 1, ' ') += '|';
    }
    const size_t span = (right > left ? right - left : 1) * kColumn - 1;
    // tshark cuts the label to 20 characters for each lifeline step the arrow spans.
    const size_t room = size_t(kColumn) * std::max<size_t>(1, right - left);
    row += pad(std::string(9, ' ') + g.labelOf(a).substr(0, room), span) + "|";
    const bool forward = a.from <= a.to;
    const std::string lp = "(" + std::to_string(forward ? a.srcPort : a.dstPort) + ")";
    const std::string rp = "(" + std::to_string(forward ? a.dstPort : a.srcPort) + ")";
    const std::string arrow = forward ? "------------------>" : "<------------------";
    arrowRow += pad(pad(lp, 9) + arrow + "  " + rp, span) + "|";
    for (size_t c = right + 1; c < n; ++c) {
        row.append(kColumn - 1, ' ') += '|';
        arrowRow.append(kColumn - 1, ' ') += '|';
    }
    row += g.commentOf(a);
    row += '\n';
    arrowRow += '\n';
    put_(row);
    put_(arrowRow);
}

void writeFlowText(const FlowGraph& g, const std::function<void(std::string_view)>& put)
{
    FlowTextWriter writer(g, put);
    writer.header();
    for (const FlowArrow& a : g.arrows())
        writer.row(g, a);
}

std::string flowText(const FlowGraph& g)
{
    std::string out;
    writeFlowText(g, [&](std::string_view s) { out += s; });
    return out;
}

} // namespace synflow
