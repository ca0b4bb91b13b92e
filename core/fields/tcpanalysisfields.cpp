// tcp.* fields that come from the TCP tracker (tshark's SEQ/ACK analysis), and SynFlow's own
// teaching fields (synflow.tcp.*).
#include "fields/fieldtable.h"

namespace synflow::fieldtable {
namespace {

const TcpPacketAnalysis& an(const FieldSource& s) { return *s.tcp; }

} // namespace

void addTcpAnalysisFields(Table& t)
{
    const unsigned N = NeedTcpAnalysis;
    const auto when = [](bool (*cond)(const TcpPacketAnalysis&)) {
        return [cond](const FieldSource& s) { return analysed(s) && cond(an(s)); };
    };
    t.number("tcp.stream", FieldType::Uint, "Stream index", tracked, [](const FieldSource& s) { return int64_t(an(s).stream); }, N);
    t.number("tcp.completeness", FieldType::Uint, "Conversation completeness", tracked,
             [](const FieldSource& s) { return int64_t(an(s).completeness); }, N);
    t.add("tcp.seq", FieldType::Uint, "Sequence Number", [](const FieldSource& s, FieldValues& v) {
        if (tracked(s) && tcpInCutFirstFragment(dp(s)))
            v.push_back(integer(tcpOf(s).seq())); // as sent
        else if (tracked(s))
            v.push_back(integer(an(s).seq));
        else if (!isTcp(s) && quoted(s, 6, 8))
            v.push_back(integer(loadBe32(quotedAt(s) + 4))); // quoted by an ICMP error: not analysed
    }, N);
    t.number("tcp.nxtseq", FieldType::Uint, "Next Sequence Number", [](const FieldSource& s) { return tracked(s) && measured(s); },
             [](const FieldSource& s) { return int64_t(an(s).nextSeq); }, N);
    // tshark shows tcp.ack (as 0) on segments without the ACK flag too.
    t.number("tcp.ack", FieldType::Uint, "Acknowledgment Number", tracked,
             [](const FieldSource& s) { return int64_t(tcpInCutFirstFragment(dp(s)) ? tcpOf(s).ack() : an(s).ack); }, N);
    t.number("tcp.window_size", FieldType::Uint, "Calculated window size", tracked,
             [](const FieldSource& s) { return int64_t(an(s).windowSize); }, N);
    // The shift as a multiplier, or -1 (unknown) / -2 (no scaling); tshark leaves it off SYNs.
    t.number("tcp.window_size_scalefactor", FieldType::Int, "Window size scaling factor",
             [](const FieldSource& s) { return tracked(s) && !an(s).isSyn; },
             [](const FieldSource& s) { return an(s).windowScale >= 0 ? int64_t(1) << an(s).windowScale : int64_t(an(s).windowScale); }, N);
    t.number("tcp.time_relative", FieldType::RelTime, "Time since first frame in this TCP stream", timed,
             [](const FieldSource& s) { return an(s).timeRelativeNs; }, N);
    t.number("tcp.time_delta", FieldType::RelTime, "Time since previous frame in this TCP stream", timed,
             [](const FieldSource& s) { return an(s).timeDeltaNs; }, N);

    t.presence("tcp.analysis", FieldType::None, "SEQ/ACK analysis", when([](const TcpPacketAnalysis& a) { return a.hasAnalysisData; }), N);
    t.number("tcp.analysis.acks_frame", FieldType::Uint, "This is an ACK to the segment in frame",
             when([](const TcpPacketAnalysis& a) { return a.acksFrame != 0; }), [](const FieldSource& s) { return int64_t(an(s).acksFrame); }, N);
    t.number("tcp.analysis.ack_rtt", FieldType::RelTime, "The RTT to ACK the segment was",
             when([](const TcpPacketAnalysis& a) { return a.acksFrame && a.hasAckRtt; }), [](const FieldSource& s) { return an(s).ackRttNs; }, N);
    t.number("tcp.analysis.initial_rtt", FieldType::RelTime, "iRTT", when([](const TcpPacketAnalysis& a) { return a.hasInitialRtt; }),
             [](const FieldSource& s) { return an(s).initialRttNs; }, N);
    t.number("tcp.analysis.bytes_in_flight", FieldType::Uint, "Bytes in flight", when([](const TcpPacketAnalysis& a) { return a.bytesInFlight != 0; }),
             [](const FieldSource& s) { return int64_t(an(s).bytesInFlight); }, N);
    t.number("tcp.analysis.push_bytes_sent", FieldType::Uint, "Bytes sent since last PSH flag",
             when([](const TcpPacketAnalysis& a) { return a.hasPushBytes; }), [](const FieldSource& s) { return int64_t(an(s).pushBytesSent); }, N);

    t.presence("tcp.analysis.flags", FieldType::None, "TCP Analysis Flags", when([](const TcpPacketAnalysis& a) { return a.flags != 0; }), N);
    // tshark marks fast and spurious retransmissions as retransmissions too (TcpAnyRetransmission).
    const std::tuple<const char*, const char*, uint32_t> flags[] = {
        {"retransmission", "This frame is a (suspected) retransmission", TcpAnyRetransmission},
        {"fast_retransmission", "This frame is a (suspected) fast retransmission", TcpFastRetransmission},
        {"spurious_retransmission", "This frame is a (suspected) spurious retransmission", TcpSpuriousRetransmission},
        {"out_of_order", "This frame is a (suspected) out-of-order segment", TcpOutOfOrder},
        {"lost_segment", "Previous segment(s) not captured (common at capture start)", TcpLostSegment},
        {"ack_lost_segment", "ACKed segment that wasn't captured (common at capture start)", TcpAckLostSegment},
        {"duplicate_ack", "Duplicate ACK", TcpDuplicateAck},
        {"zero_window", "TCP Zero Window segment", TcpZeroWindow},
        {"zero_window_probe", "TCP Zero Window Probe", TcpZeroWindowProbe},
        {"zero_window_probe_ack", "ACK to a TCP Zero Window Probe", TcpZeroWindowProbeAck},
        {"window_full", "TCP window specified by the receiver is now completely full", TcpWindowFull},
        {"window_update", "TCP window update", TcpWindowUpdate},
        {"keep_alive", "TCP keep-alive segment", TcpKeepAlive},
        {"keep_alive_ack", "ACK to a TCP keep-alive segment", TcpKeepAliveAck},
        {"reused_ports", "A new tcp session is started with the same ports as an earlier session in this trace", TcpReusedPorts}};
    for (const auto& [name, description, bit] : flags)
        t.presence(std::string("tcp.analysis.") + name, FieldType::None, description,
                   [bit = bit](const FieldSource& s) { return analysed(s) && (an(s).flags & bit); }, N);
    const auto dup = [](const FieldSource& s) { return analysed(s) && (an(s).flags & TcpDuplicateAck); };
    t.number("tcp.analysis.duplicate_ack_num", FieldType::Uint, "Duplicate ACK #", dup, [](const FieldSource& s) { return int64_t(an(s).dupAckNum); }, N);
    t.number("tcp.analysis.duplicate_ack_frame", FieldType::Uint, "Duplicate to the ACK in frame", dup,
             [](const FieldSource& s) { return int64_t(an(s).dupAckFrame); }, N);

    t.add("synflow.tcp.role", FieldType::String, "Connection life", [](const FieldSource& s, FieldValues& v) {
        if (tracked(s) && an(s).role != TcpRole::None)
            v.push_back(text(tcpRoleName(an(s).role)));
    }, N);
    t.add("synflow.tcp.state_src", FieldType::String, "Sender state after this segment", [](const FieldSource& s, FieldValues& v) {
        if (tracked(s))
            v.push_back(text(tcpStateName(an(s).stateSrc)));
    }, N);
    t.add("synflow.tcp.state_dst", FieldType::String, "Receiver state after this segment", [](const FieldSource& s, FieldValues& v) {
        if (tracked(s))
            v.push_back(text(tcpStateName(an(s).stateDst)));
    }, N);
}

} // namespace synflow::fieldtable
