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
    TcpState viaFrom = TcpState::Unknown, viaTo = TcpState::Unknown; // passed through within this segment
    // Why a state is unknown: the capture began after the connection opened (no SYN of it
    // was captured), and/or nothing that side sent was captured.
    bool noOpening = false, fromSilent = false, toSilent = false;
    bool toCrossesSyn = false; // the receiver sends its own SYN later: it was not listening
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

// The English sentences a step may add to the arithmetic, in the order they are told; the
// window translates each in the "Teaching" context. %1 and %2 are lifeline or state names.
namespace teachtext {
inline constexpr const char* SynAckIsn =
    "Its SYN chooses this side's own initial sequence number, independent of the peer's: Seq = 0 is that number shown "
    "relative to itself (the real one is random).";
inline constexpr const char* SynToClosedPort = "Nothing listens on that port, so no handshake begins: the answer will be a RST.";
inline constexpr const char* Refused = "This RST refuses the connection: nothing listens on that port.";
inline constexpr const char* SimultaneousClose =
    "Both sides sent a FIN before receiving the other's (simultaneous close): each goes from FIN-WAIT-1 to CLOSING, or to "
    "FIN-WAIT-2 if its own FIN is acknowledged first, then to TIME-WAIT.";
// A state passed through within one step, by the state: FIN-WAIT-2, CLOSE-WAIT, SYN-RECEIVED.
inline constexpr const char* ViaFinWait2 = "On the way %1 passed through %2: this segment acknowledges its FIN and carries a FIN too.";
inline constexpr const char* ViaCloseWait =
    "On the way %1 passed through %2: its ACK shows it had received the peer's FIN, and it sends its own FIN.";
inline constexpr const char* ViaSynReceived = "On the way %1 passed through %2: its SYN/ACK was not captured, but this ACK answers it.";
inline const char* viaText(TcpState via)
{
    return via == TcpState::FinWait2 ? ViaFinWait2 : via == TcpState::CloseWait ? ViaCloseWait : ViaSynReceived;
}
inline constexpr const char* UnknownNoOpening =
    "%1 is in an unknown state: the capture began after this connection opened (no SYN of it was captured).";
inline constexpr const char* UnknownSilent = "%1 is in an unknown state: nothing it sent was captured.";
inline constexpr const char* UnknownCrossing =
    "%1 is in an unknown state: it was not listening (its own SYN crosses this one), and the capture cannot tell whether "
    "it had begun to connect yet.";
} // namespace teachtext

// The same facts as one English paragraph (the CLI and tests use it; the GUI translates).
std::string explainStep(const StepFacts& f);

} // namespace synflow
