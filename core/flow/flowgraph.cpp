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
        const bool tcpSegment = tcpTapCounts(d);
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
constexpr size_t kTextNodes = 40; // lifelines tshark's text has room for

std::string timeText(const Timestamp& t, bool nano)
{
    std::string s;
    appendEpoch(s, t.sec, t.nsec);
    if (!nano && s.size() > 3)
        s.resize(s.size() - 3); // microsecond captures: six decimals
    return s;
}

// tshark's text is drawn by overwriting a row of empty lifelines; these two helpers keep its
// quirks, which decide the layout when labels or ports are longer than their room.
void fillTo(std::string& s, size_t width, char c)
{
    if (s.size() < width)
        s.append(width - s.size(), c);
}

// Puts `text` (cut to the distance from p1 to p2) over the characters from the smaller of them;
// when the text would run past the end nothing is overwritten and the text is inserted there.
void overwrite(std::string& s, std::string_view text, size_t p1, size_t p2)
{
    if (p1 == p2)
        return;
    size_t pos = std::min(p1, p2);
    const size_t len = std::min(p1 > p2 ? p1 - p2 : p2 - p1, text.size());
    text = text.substr(0, len);
    pos = std::min(pos, s.size());
    if (pos + len <= s.size())
        s.erase(pos, len);
    s.insert(pos, text);
}

} // namespace

FlowTextWriter::FlowTextWriter(const FlowGraph& layout, std::function<void(std::string_view)> put)
    : put_(std::move(put)), nodes_(layout.nodes()), conv_(layout.streamCount() > 1)
{
    if (nodes_.size() > kTextNodes)
        nodes_.resize(kTextNodes);
}

void FlowTextWriter::header()
{
    const size_t n = nodes_.size();
    // Even lifelines are named on the first line, odd ones on the second, each under its column.
    std::string h1 = conv_ ? "Conv.| Time    " : "|Time     ";
    std::string h2 = conv_ ? "     |         " : "|         ";
    std::string cell;
    for (size_t i = 0; i < n; i += 2) {
        cell = "| " + nodes_[i];
        fillTo(cell, 2 * kColumn, ' ');
        h1 += cell;
    }
    h2 += "|";
    h2.append(kColumn - 1, ' ');
    for (size_t i = 1; i < n; i += 2) {
        cell = "| " + nodes_[i];
        if (cell.size() < size_t(kColumn)) {
            fillTo(cell, kColumn, ' ');
            cell += "| ";
        }
        fillTo(cell, 2 * kColumn, ' ');
        h2 += cell;
    }
    empty_.clear();
    for (size_t i = 0; i < n; ++i) {
        empty_ += '|';
        empty_.append(kColumn - 1, ' ');
    }
    empty_ += '|';
    separator_.assign(empty_.size() + (conv_ ? 16 : 10), '-');
    separator_ += '\n';
    put_(h1 + "|\n" + h2 + "\n");
}

// One arrow's two rows at a time: with thousands of lifelines a row is long, but only one is held.
void FlowTextWriter::row(const FlowGraph& g, const FlowArrow& a)
{
    // tshark keeps a conversation's number in 16 bits.
    const uint16_t conv = a.stream == FlowArrow::NoStream ? 0 : uint16_t(a.stream);
    if (!started_)
        lastConv_ = conv;
    started_ = true;
    if (conv != lastConv_) {
        put_(separator_);
        lastConv_ = conv;
    }
    // tshark draws 40 lifelines; an address beyond them is placed one column past the last.
    auto column = [](size_t node) { return node < kTextNodes ? node : kTextNodes + 1; };
    size_t start = column(a.from) * kColumn + kColumn / 2, end = column(a.to) * kColumn + kColumn / 2;
    size_t width = start > end ? start - end : end - start;
    if (start == end) { // both ends on one lifeline: drawn one column wide to its right
        end = start + kColumn;
        width = kColumn;
    }
    std::string& row = row_;
    std::string& arrowRow = arrowRow_;
    row.clear();
    if (conv_) {
        row = a.stream == FlowArrow::NoStream ? std::string() : std::to_string(conv);
        fillTo(row, 5, ' ');
    }
    std::string time = "|" + timeText(a.time, a.nanoseconds);
    fillTo(time, 10, ' ');
    row += time;
    std::string line = empty_;
    overwrite(line, g.labelOf(a), start, end);
    row += line;
    row += g.commentOf(a);
    row += '\n';

    arrowRow = conv_ ? "     |         " : "|         ";
    line = empty_;
    std::string arrow;
    if (start < end) {
        arrow.assign(width - 2, '-');
        arrow += '>';
    } else {
        arrow = "<";
        fillTo(arrow, width - 1, '-');
    }
    overwrite(line, arrow, start, end);
    // tshark writes a port into eight bytes: "(%i)" keeps at most seven characters.
    const std::string src = ("(" + std::to_string(a.srcPort) + ")").substr(0, 7);
    const std::string dst = ("(" + std::to_string(a.dstPort) + ")").substr(0, 7);
    if (start < end) {
        overwrite(line, src, start - 9, start - 1);
        overwrite(line, dst, end + 1, end + 9);
    } else {
        overwrite(line, src, start + 1, start + 9);
        overwrite(line, dst, end - 9, end + 1);
    }
    arrowRow += line;
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
