#pragma once
// Plain-words explanation of one arrow of a TCP flow graph, for teaching: what the segment
// does, how its Seq and Ack follow from earlier segments, and each side's new state. The
// facts are computed here; the wording is the view's (so it can be translated).
#include "flow/flowgraph.h"

#include <cstdint>
#include <string>

namespace synflow {

struct StepFacts {
    TcpRole role = TcpRole::None;
    std::string flags;         // "FIN, ACK"
    uint32_t seq = 0, ack = 0; // relative
    uint32_t len = 0;
    bool syn = false, fin = false, rst = false, hasAck = false;
    // The peer's segment this ACK number answers: its Seq, its length and whether it carried a
    // SYN or FIN (each consumes one sequence number). ackedIndex < 0 when none is in the graph.
    int ackedIndex = -1;
    uint32_t ackedSeq = 0, ackedLen = 0;
    bool ackedSynOrFin = false, ackedSyn = false;
    // Where this segment's Seq comes from: the sender's previous segment (its Seq + length,
    // + 1 for a SYN or FIN). prevIndex < 0 for the sender's first segment.
    int prevIndex = -1;
    uint32_t prevSeq = 0, prevLen = 0;
    bool prevSynOrFin = false, prevSyn = false;
    TcpState stateFrom = TcpState::Unknown, stateTo = TcpState::Unknown;
    std::string fromName, toName; // lifeline names
    uint32_t analysisFlags = 0;   // TcpAnalysisFlag: what Wireshark's analysis says of it
};

// What each analysis flag means, in plain words (English; the window translates each in the
// "Teaching" context). In the order a step's notes are told.
struct AnalysisNote {
    uint32_t flag;
    const char* text;
};
extern const AnalysisNote kAnalysisNotes[15];

StepFacts stepFacts(const FlowGraph& graph, size_t arrow);

// The same facts as one English paragraph (the CLI and tests use it; the GUI translates).
std::string explainStep(const StepFacts& f);

} // namespace synflow
