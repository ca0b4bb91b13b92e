#include "flow/teaching.h"

#include "decode/packetdecoder.h"
#include "tcp/tcpanalysis.h"

#include <tuple>

namespace synflow {
namespace {

uint32_t seqOf(const FlowArrow& a, uint32_t& len, bool& synOrFin)
{
    len = a.len;
    synOrFin = a.tcpFlags & (TcpSyn | TcpFin);
    return a.seq;
}

} // namespace

const AnalysisNote kAnalysisNotes[15] = {
    {TcpReusedPorts, "Its ports were used by an earlier connection: this SYN starts a new one."},
    {TcpLostSegment, "The capture missed a segment just before this one (its sequence numbers are skipped)."},
    {TcpAckLostSegment, "It acknowledges data that the capture never saw."},
    {TcpRetransmission, "Retransmission: this data was sent before and is sent again, because it or its ACK was lost."},
    {TcpFastRetransmission,
     "Fast retransmission: duplicate ACKs showed the data was lost, so it is sent again without waiting for a timeout."},
    {TcpSpuriousRetransmission, "Spurious retransmission: the receiver had already acknowledged this data."},
    {TcpOutOfOrder, "Out of order: it comes after segments that follow it in the byte stream."},
    {TcpDuplicateAck, "Duplicate ACK: the same Ack again, so the receiver is still waiting for that byte (a sign of loss)."},
    {TcpZeroWindow, "Zero window: the receiver's buffer is full, and the sender must stop sending data."},
    {TcpZeroWindowProbe, "Zero window probe: the receiver's window is zero, so the sender tests it with one byte."},
    {TcpZeroWindowProbeAck, "It answers a zero window probe: the window is still zero."},
    {TcpWindowFull, "Window full: this data fills all the room the receiver announced."},
    {TcpWindowUpdate, "Window update: only the window changed: the receiver announces a new size of it."},
    {TcpKeepAlive, "Keep-alive: after a silence, it checks that the peer is still there."},
    {TcpKeepAliveAck, "It answers a keep-alive: the peer is still there."},
};

StepFacts stepFacts(const FlowGraph& g, size_t index)
{
    StepFacts f;
    const auto& arrows = g.arrows();
    if (index >= arrows.size())
        return f;
    const FlowArrow& a = arrows[index];
    f.role = a.role;
    const std::string label = a.label();
    f.flags = label.substr(0, label.find(" - Len: "));
    bool synOrFin = false;
    f.seq = seqOf(a, f.len, synOrFin);
    f.syn = a.tcpFlags & TcpSyn;
    f.fin = a.tcpFlags & TcpFin;
    f.rst = a.tcpFlags & TcpRst;
    f.hasAck = a.tcpFlags & TcpAck;
    if (a.ackValid)
        f.ack = a.ack;
    f.stateFrom = a.stateFrom;
    f.stateTo = a.stateTo;
    f.viaFrom = a.viaFrom;
    f.viaTo = a.viaTo;
    if (f.stateFrom == TcpState::Unknown || f.stateTo == TcpState::Unknown) {
        // Why the capture cannot tell: the whole conversation is looked at, as the tracker did.
        bool opening = false, fromSent = false, toSent = false;
        for (const FlowArrow& b : arrows) {
            if (b.stream != a.stream)
                continue;
            opening |= bool(b.tcpFlags & TcpSyn);
            fromSent |= b.from == a.from && b.srcPort == a.srcPort;
            toSent |= b.from == a.to && b.srcPort == a.dstPort;
            f.toCrossesSyn |= b.from == a.to && b.srcPort == a.dstPort && (b.tcpFlags & (TcpSyn | TcpAck)) == TcpSyn;
        }
        f.noOpening = !opening;
        f.fromSilent = !fromSent;
        f.toSilent = !toSent;
    }
    f.analysisFlags = a.analysisFlags;
    f.fromName = g.nodes()[a.from];
    f.toName = g.nodes()[a.to];
    // Walk back through the same conversation for the sender's previous segment and the
    // peer segment whose end this ACK names.
    for (size_t k = index; k-- > 0;) {
        const FlowArrow& b = arrows[k];
        if (b.stream != a.stream)
            continue;
        const bool sameSender = b.from == a.from && b.srcPort == a.srcPort;
        uint32_t len = 0;
        bool sf = false;
        const uint32_t seq = seqOf(b, len, sf);
        if (sameSender && f.prevIndex < 0 && (len || sf)) { // the sender's last segment that used sequence space
            f.prevIndex = int(k);
            f.prevSeq = seq;
            f.prevLen = len;
            f.prevSynOrFin = sf;
            f.prevSyn = b.tcpFlags & TcpSyn;
        }
        if (!sameSender && f.hasAck && f.ackedIndex < 0 && seq + len + (sf ? 1 : 0) == f.ack && (len || sf)) {
            f.ackedIndex = int(k);
            f.ackedSeq = seq;
            f.ackedLen = len;
            f.ackedSynOrFin = sf;
            f.ackedSyn = b.tcpFlags & TcpSyn;
        }
        if (f.prevIndex >= 0 && (f.ackedIndex >= 0 || !f.hasAck))
            break;
    }
    return f;
}

std::string explainStep(const StepFacts& f)
{
    std::string s = std::string(tcpRoleName(f.role)) + ": " + f.fromName + " sends [" + f.flags + "]";
    if (f.len)
        s += " with " + std::to_string(f.len) + " bytes of data";
    s += ". ";
    if (f.syn && !f.hasAck)
        s += "A SYN opens the connection and chooses a first sequence number (shown as 0). ";
    if (f.syn && f.hasAck)
        s += std::string(teachtext::SynAckIsn) + " ";
    if (f.role == TcpRole::SynToClosedPort)
        s += std::string(teachtext::SynToClosedPort) + " ";
    if (f.prevIndex >= 0 && f.seq == f.prevSeq + f.prevLen + (f.prevSynOrFin ? 1 : 0) && (f.prevLen || f.prevSynOrFin))
        s += "Seq = " + std::to_string(f.prevSeq) + " + " + std::to_string(f.prevLen + (f.prevSynOrFin ? 1 : 0))
            + (f.prevSynOrFin ? std::string(" (its ") + (f.prevSyn ? "SYN" : "FIN") + " consumed one sequence number)" : "") + " = "
            + std::to_string(f.seq) + ". ";
    if (f.ackedIndex >= 0) {
        s += "Ack = " + std::to_string(f.ackedSeq) + " + " + std::to_string(f.ackedLen + (f.ackedSynOrFin ? 1 : 0));
        s += f.ackedSynOrFin ? std::string(": a ") + (f.ackedSyn ? "SYN" : "FIN") + " consumes one sequence number" : ": the next byte expected";
        s += " = " + std::to_string(f.ack) + ". ";
    }
    if (f.fin)
        s += "FIN: this side has no more data to send. ";
    if (f.role == TcpRole::SimultaneousClose)
        s += std::string(teachtext::SimultaneousClose) + " ";
    if (f.rst)
        s += f.role == TcpRole::Refused ? std::string(teachtext::Refused) + " " : "RST aborts the connection at once. ";
    for (const AnalysisNote& n : kAnalysisNotes)
        if (f.analysisFlags & n.flag)
            s += std::string(n.text) + " ";
    s += "Afterwards " + f.fromName + " is " + tcpStateName(f.stateFrom) + " and " + f.toName + " is " + tcpStateName(f.stateTo) + ".";
    const auto fill = [](std::string text, const std::string& a, const std::string& b = {}) {
        text.replace(text.find("%1"), 2, a);
        if (const size_t at = text.find("%2"); at != std::string::npos)
            text.replace(at, 2, b);
        return text;
    };
    if (f.viaFrom != TcpState::Unknown)
        s += " " + fill(teachtext::viaText(f.viaFrom), f.fromName, tcpStateName(f.viaFrom));
    if (f.viaTo != TcpState::Unknown)
        s += " " + fill(teachtext::viaText(f.viaTo), f.toName, tcpStateName(f.viaTo));
    for (const auto& [state, name, silent] : {std::tuple{f.stateFrom, f.fromName, f.fromSilent}, std::tuple{f.stateTo, f.toName, f.toSilent}}) {
        if (state != TcpState::Unknown)
            continue;
        if (f.noOpening)
            s += " " + fill(teachtext::UnknownNoOpening, name);
        if (silent)
            s += " " + fill(teachtext::UnknownSilent, name);
    }
    if (f.stateTo == TcpState::Unknown && f.toCrossesSyn)
        s += " " + fill(teachtext::UnknownCrossing, f.toName);
    return s;
}

} // namespace synflow
