#include "tcp/tcpanalysis.h"

#include "decode/packetdecoder.h"

namespace synflow {

const char* tcpRoleName(TcpRole role)
{
    switch (role) {
    case TcpRole::None:
        return "";
    case TcpRole::HandshakeSyn:
        return "handshake 1/3 SYN";
    case TcpRole::HandshakeSynAck:
        return "handshake 2/3 SYN-ACK";
    case TcpRole::HandshakeAck:
        return "handshake 3/3 ACK";
    case TcpRole::HandshakeRetry:
        return "handshake retry";
    case TcpRole::SimultaneousOpen:
        return "simultaneous open";
    case TcpRole::Data:
        return "data";
    case TcpRole::Ack:
        return "ack";
    case TcpRole::KeepAlive:
        return "keep-alive";
    case TcpRole::TeardownFin1:
        return "teardown 1/4 FIN";
    case TcpRole::TeardownFin1Of3:
        return "teardown 1/3 FIN";
    case TcpRole::TeardownAck1:
        return "teardown 2/4 ACK";
    case TcpRole::TeardownFin2:
        return "teardown 3/4 FIN";
    case TcpRole::TeardownAck2:
        return "teardown 4/4 ACK";
    case TcpRole::TeardownFinAck:
        return "teardown 2/3 FIN-ACK";
    case TcpRole::TeardownLastAck:
        return "teardown 3/3 ACK";
    case TcpRole::SimultaneousClose:
        return "simultaneous close FIN";
    case TcpRole::HalfCloseData:
        return "half-close data";
    case TcpRole::Reset:
        return "reset";
    case TcpRole::Refused:
        return "reset (connection refused)";
    case TcpRole::TeardownRetry:
        return "teardown retry FIN";
    case TcpRole::SynToClosedPort:
        return "SYN to a closed port";
    case TcpRole::SimultaneousCloseAck:
        return "simultaneous close ACK";
    }
    return "";
}

const char* tcpStateName(TcpState state)
{
    switch (state) {
    case TcpState::Unknown:
        return "unknown";
    case TcpState::Closed:
        return "CLOSED";
    case TcpState::Listen:
        return "LISTEN";
    case TcpState::SynSent:
        return "SYN-SENT";
    case TcpState::SynReceived:
        return "SYN-RECEIVED";
    case TcpState::Established:
        return "ESTABLISHED";
    case TcpState::FinWait1:
        return "FIN-WAIT-1";
    case TcpState::FinWait2:
        return "FIN-WAIT-2";
    case TcpState::Closing:
        return "CLOSING";
    case TcpState::TimeWait:
        return "TIME-WAIT";
    case TcpState::CloseWait:
        return "CLOSE-WAIT";
    case TcpState::LastAck:
        return "LAST-ACK";
    }
    return "unknown";
}

bool isRfc9293Transition(TcpState from, TcpState to, bool reset)
{
    using S = TcpState;
    if (from == to)
        return true;
    if (to == S::Closed && reset)
        return true;
    switch (from) {
    case S::Closed:
        return to == S::Listen || to == S::SynSent;
    case S::Listen:
        return to == S::SynReceived || to == S::SynSent || to == S::Closed;
    case S::SynSent:
        return to == S::SynReceived || to == S::Established || to == S::Closed;
    case S::SynReceived:
        return to == S::Established || to == S::FinWait1;
    case S::Established:
        return to == S::FinWait1 || to == S::CloseWait;
    case S::FinWait1:
        return to == S::FinWait2 || to == S::Closing;
    case S::FinWait2:
    case S::Closing:
        return to == S::TimeWait;
    case S::TimeWait:
    case S::LastAck:
        return to == S::Closed;
    case S::CloseWait:
        return to == S::LastAck;
    case S::Unknown:
        return false;
    }
    return false;
}

const char* expertSeverityName(ExpertSeverity s)
{
    switch (s) {
    case ExpertSeverity::Comment:
        return "Comment";
    case ExpertSeverity::Chat:
        return "Chat";
    case ExpertSeverity::Note:
        return "Note";
    case ExpertSeverity::Warning:
        return "Warning";
    case ExpertSeverity::Error:
        return "Error";
    }
    return "";
}

const char* expertGroupName(ExpertGroup g)
{
    switch (g) {
    case ExpertGroup::Sequence:
        return "Sequence";
    case ExpertGroup::Protocol:
        return "Protocol";
    case ExpertGroup::Malformed:
        return "Malformed";
    case ExpertGroup::Comment:
        return "Comment";
    }
    return "";
}

std::string completenessLabel(uint8_t bits)
{
    std::string name;
    switch (bits) {
    case 1:
        name = "Incomplete, SYN_SENT";
        break;
    case 3:
        name = "Incomplete, CLIENT_ESTABLISHED";
        break;
    case 7:
        name = "Incomplete, ESTABLISHED";
        break;
    case 15:
        name = "Incomplete, DATA";
        break;
    case 23:
    case 39:
    case 55:
        name = "Complete, NO_DATA";
        break;
    case 31:
    case 47:
    case 63:
        name = "Complete, WITH_DATA";
        break;
    default:
        name = "Incomplete";
        break;
    }
    return name + " (" + std::to_string(bits) + ")";
}

void appendFlagExpertItems(const TcpPacketAnalysis& a, uint16_t tcpFlags, uint16_t serverPort, std::vector<ExpertItem>& out)
{
    auto add = [&](ExpertSeverity s, ExpertGroup g, std::string m) { out.push_back({s, g, std::move(m)}); };
    // In the order of the flag bits in tshark's tree: RST, SYN, FIN.
    if (tcpFlags & TcpRst)
        add(ExpertSeverity::Warning, ExpertGroup::Sequence, "Connection reset (RST)");
    if ((tcpFlags & TcpSyn) && !(tcpFlags & TcpAck))
        add(ExpertSeverity::Chat, ExpertGroup::Sequence, "Connection establish request (SYN): server port " + std::to_string(serverPort));
    if ((tcpFlags & TcpSyn) && (tcpFlags & TcpAck))
        add(ExpertSeverity::Chat, ExpertGroup::Sequence,
            "Connection establish acknowledge (SYN+ACK): server port " + std::to_string(serverPort));
    if (tcpFlags & TcpFin) {
        add(ExpertSeverity::Chat, ExpertGroup::Sequence, "Connection finish (FIN)");
        if (a.closingInitiator)
            add(ExpertSeverity::Note, ExpertGroup::Sequence, "This frame initiates the connection closing");
        if (a.closingResponder)
            add(ExpertSeverity::Note, ExpertGroup::Sequence, "This frame undergoes the connection closing");
    }
}

void appendAnalysisExpertItems(const TcpPacketAnalysis& a, std::vector<ExpertItem>& out)
{
    auto add = [&](ExpertSeverity s, ExpertGroup g, std::string m) { out.push_back({s, g, std::move(m)}); };
    const uint32_t f = a.flags;
    if (f & TcpReusedPorts)
        add(ExpertSeverity::Note, ExpertGroup::Sequence, "A new tcp session is started with the same ports as an earlier session in this trace");
    // A fast or spurious retransmission is a retransmission too: its own item comes first.
    if (f & TcpFastRetransmission)
        add(ExpertSeverity::Note, ExpertGroup::Sequence, "This frame is a (suspected) fast retransmission");
    if (f & TcpSpuriousRetransmission)
        add(ExpertSeverity::Note, ExpertGroup::Sequence, "This frame is a (suspected) spurious retransmission");
    if (f & TcpAnyRetransmission)
        add(ExpertSeverity::Note, ExpertGroup::Sequence, "This frame is a (suspected) retransmission");
    if (f & TcpOutOfOrder)
        add(ExpertSeverity::Warning, ExpertGroup::Sequence, "This frame is a (suspected) out-of-order segment");
    if (f & TcpLostSegment)
        add(ExpertSeverity::Warning, ExpertGroup::Sequence, "Previous segment(s) not captured (common at capture start)");
    if (f & TcpAckLostSegment)
        add(ExpertSeverity::Warning, ExpertGroup::Sequence, "ACKed segment that wasn't captured (common at capture start)");
    if (f & TcpKeepAlive)
        add(ExpertSeverity::Note, ExpertGroup::Sequence, "TCP keep-alive segment");
    if (f & TcpWindowUpdate)
        add(ExpertSeverity::Chat, ExpertGroup::Sequence, "TCP window update");
    if (f & TcpWindowFull)
        add(ExpertSeverity::Warning, ExpertGroup::Sequence, "TCP window specified by the receiver is now completely full");
    if (f & TcpKeepAliveAck)
        add(ExpertSeverity::Note, ExpertGroup::Sequence, "ACK to a TCP keep-alive segment");
    if (f & TcpDuplicateAck)
        add(ExpertSeverity::Note, ExpertGroup::Sequence, "Duplicate ACK (#" + std::to_string(a.dupAckNum) + ")");
    if (f & TcpZeroWindowProbe)
        add(ExpertSeverity::Note, ExpertGroup::Sequence, "TCP Zero Window Probe");
    if (f & TcpZeroWindow)
        add(ExpertSeverity::Warning, ExpertGroup::Sequence, "TCP Zero Window segment");
    if (f & TcpZeroWindowProbeAck)
        add(ExpertSeverity::Note, ExpertGroup::Sequence, "ACK to a TCP Zero Window Probe");
}

std::vector<ExpertItem> expertItems(const TcpPacketAnalysis& a, uint16_t tcpFlags, uint16_t serverPort)
{
    std::vector<ExpertItem> out;
    appendFlagExpertItems(a, tcpFlags & (TcpSyn | TcpAck | TcpFin | TcpRst), serverPort, out);
    appendAnalysisExpertItems(a, out);
    return out;
}

} // namespace synflow
