#pragma once
// The flow graph (sequence diagram) model: one lifeline per endpoint, one arrow per packet
// in scope, in capture order. Views paint it; writers export it.
#include "capture/captureinfo.h"
#include "tcp/tcpanalysis.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace synflow {

class AnalysedCapture;

struct FlowOptions {
    enum class NodeBy { Address, Endpoint }; // lifeline per address, or per address:port
    NodeBy by = NodeBy::Address;
    int64_t stream = -1; // one TCP conversation, or -1 for all (TCP only, like tshark's flow,tcp)
    std::vector<uint32_t> streams; // several conversations (the ones a user ticked); overrides `stream`
    bool tcpOnly = true; // false: every packet with addresses gets an arrow (Wireshark's "All flows")
    const std::vector<uint8_t>* shown = nullptr; // a display filter's result: frames marked 0 are left out
};

class FlowGraph;
struct FlowArrow;
// Takes each arrow as build() makes it, instead of the graph keeping it: a graph of any size
// in a fixed amount of memory (the graph keeps its lifelines and conversation count only).
using FlowArrowSink = std::function<void(const FlowGraph&, const FlowArrow&)>;

struct FlowArrow {
    static constexpr uint32_t NoStream = UINT32_MAX, NoText = UINT32_MAX;
    uint32_t frame = 0;      // 0-based
    Timestamp time;          // since the first packet of the capture (exact: stamps can be absurd)
    bool nanoseconds = false; // the packet's interface stamps nanoseconds
    uint16_t from = 0, to = 0; // node indices
    uint16_t srcPort = 0, dstPort = 0;
    uint32_t stream = 0;   // NoStream for a packet that is not TCP
    uint32_t text = NoText; // other protocols: their label and comment in the graph's text table
    uint16_t tcpFlags = 0;
    bool ackValid = false;
    uint32_t analysisFlags = 0;
    uint32_t dupAckNum = 0; // the nth duplicate of an ACK (tcp.analysis.duplicate_ack_num), 0 none
    uint32_t seq = 0, ack = 0, len = 0; // relative, as the comment shows them
    TcpRole role = TcpRole::None;
    TcpState stateFrom = TcpState::Unknown, stateTo = TcpState::Unknown;
    TcpState viaFrom = TcpState::Unknown, viaTo = TcpState::Unknown; // passed through on the way (TcpPacketAnalysis)

    // TCP texts are made when drawn, so a graph of millions of arrows stays small.
    std::string label() const;   // "SYN, ACK", "PSH, ACK - Len: 77"
    std::string comment() const; // "Seq = 1 Ack = 78"
};

class FlowGraph {
public:
    // From an analysed capture (its analysis must be ready).
    void build(const AnalysedCapture& capture, const FlowOptions& options = {}, const FlowArrowSink& sink = {});
    const std::vector<std::string>& nodes() const { return nodes_; }
    const std::vector<FlowArrow>& arrows() const { return arrows_; }
    size_t streamCount() const { return streams_; }
    bool byEndpoint() const { return byEndpoint_; } // lifelines named "address:port"
    // An arrow's label and comment: TCP's flags and numbers, or another protocol's Info and name.
    std::string labelOf(const FlowArrow& a) const { return a.text == FlowArrow::NoText ? a.label() : texts_[a.text].first; }
    std::string commentOf(const FlowArrow& a) const { return a.text == FlowArrow::NoText ? a.comment() : texts_[a.text].second; }
    // Lifelines renamed, other protocols' texts rewritten (anonymised hosts, a classroom's names).
    void renameNodes(const std::function<std::string(const std::string&)>& rename);
    void rewriteTexts(const std::function<std::string(const std::string&)>& rewrite);
    // The packet comments of an arrow's frame on one line (joinComments), "" if none.
    std::string noteOf(const FlowArrow& a) const;
    // The comments of `frame` were edited: its arrow shows `note` ("" removes it).
    void setNote(uint32_t frame, std::string note);
    bool hasNotes() const { return !notes_.empty(); }

private:
    std::vector<std::string> nodes_;
    std::vector<FlowArrow> arrows_;
    std::vector<std::pair<std::string, std::string>> texts_;
    std::unordered_map<uint32_t, std::string> notes_; // by frame: few frames have comments
    size_t streams_ = 0;
    bool byEndpoint_ = false;
};

// Seconds from `earlier` to `later`, in floating point: stamps can be absurd (years beyond
// 2262), where nanosecond integers would overflow.
inline double secondsBetween(const Timestamp& later, const Timestamp& earlier)
{
    return (double(later.sec) - double(earlier.sec)) + (double(later.nsec) - double(earlier.nsec)) / 1e9;
}

// The layout of `tshark -q -z flow,tcp,standard`: a time column (and a Conv. column when
// several conversations are shown), the lifelines, and a comment column. Times have nine
// decimals where the packet's interface stamps nanoseconds, six otherwise, as tshark does.
std::string flowText(const FlowGraph& graph);
// The same, handed to `put` a piece at a time (the header, then each row), so a graph of
// millions of arrows is never held as one text.
void writeFlowText(const FlowGraph& graph, const std::function<void(std::string_view)>& put);

// The same text from arrows that are not kept: `layout` is the graph as a sink-fed build() left
// it (its lifelines and conversation count); then row() for each arrow of a second build().
class FlowTextWriter {
public:
    FlowTextWriter(const FlowGraph& layout, std::function<void(std::string_view)> put);
    void header();
    void row(const FlowGraph& graph, const FlowArrow& arrow);

private:
    std::function<void(std::string_view)> put_;
    std::vector<std::string> nodes_;
    bool conv_ = false;
    std::string empty_, separator_; // a row of empty lifelines; the line between conversations
    std::string row_, arrowRow_;
    uint16_t lastConv_ = 0;
    bool started_ = false;
};

} // namespace synflow
