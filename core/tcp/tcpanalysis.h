#pragma once
// What the tracker knows about one TCP segment, in Wireshark's terms plus our teaching terms.
#include <cstdint>
#include <string>
#include <vector>

namespace synflow {

// tcp.analysis.* flags.
enum TcpAnalysisFlag : uint32_t {
    TcpRetransmission = 1u << 0,
    TcpFastRetransmission = 1u << 1,
    TcpSpuriousRetransmission = 1u << 2,
    TcpOutOfOrder = 1u << 3,
    TcpLostSegment = 1u << 4,    // previous segment not captured
    TcpAckLostSegment = 1u << 5, // ACKed unseen segment
    TcpDuplicateAck = 1u << 6,
    TcpZeroWindow = 1u << 7,
    TcpZeroWindowProbe = 1u << 8,
    TcpZeroWindowProbeAck = 1u << 9,
    TcpWindowFull = 1u << 10,
    TcpWindowUpdate = 1u << 11,
    TcpKeepAlive = 1u << 12,
    TcpKeepAliveAck = 1u << 13,
    TcpReusedPorts = 1u << 14,
};

// What Wireshark's tcp.analysis.retransmission stands for: fast and spurious ones are
// retransmissions too (their expert items add the plain one).
constexpr uint32_t TcpAnyRetransmission = TcpRetransmission | TcpFastRetransmission | TcpSpuriousRetransmission;

// Segments TCP hands to no application dissector: plain retransmissions, out-of-order segments
// and keep-alives. With reassembly on, spurious retransmissions neither (without, they are).
constexpr uint32_t TcpNotHandedOn = TcpRetransmission | TcpOutOfOrder | TcpKeepAlive;
constexpr uint32_t TcpNotHandedOnReassembled = TcpNotHandedOn | TcpSpuriousRetransmission;

// The segment's part in the life of the connection (beyond Wireshark, for teaching).
enum class TcpRole : uint8_t {
    None,
    HandshakeSyn,      // handshake 1/3
    HandshakeSynAck,   // handshake 2/3
    HandshakeAck,      // handshake 3/3
    HandshakeRetry,    // a SYN or SYN/ACK sent again
    SimultaneousOpen,  // a SYN crossing the peer's SYN
    Data,
    Ack,
    KeepAlive,
    TeardownFin1,      // teardown 1/4 FIN (first FIN)
    TeardownFin1Of3,   // 3-segment teardown: 1/3 FIN
    TeardownAck1,      // teardown 2/4 ACK of the first FIN
    TeardownFin2,      // teardown 3/4 FIN (second FIN)
    TeardownAck2,      // teardown 4/4 ACK of the second FIN
    TeardownFinAck,    // 3-segment teardown: 2/3 FIN that also ACKs the first FIN
    TeardownLastAck,   // 3-segment teardown: 3/3 ACK
    SimultaneousClose, // a FIN crossing the peer's FIN
    HalfCloseData,     // data sent after the peer's FIN (half-close)
    Reset,
    Refused,           // RST answering a SYN
    TeardownRetry,     // a FIN sent again (its first copy was lost or not yet acknowledged)
    SynToClosedPort,   // a SYN that a RST refuses: nothing listened, so no handshake began
    SimultaneousCloseAck, // the ACK of a FIN in a simultaneous close
};

// RFC 9293 connection states.
enum class TcpState : uint8_t {
    Unknown, // capture started mid-connection
    Closed,
    Listen,
    SynSent,
    SynReceived,
    Established,
    FinWait1,
    FinWait2,
    Closing,
    TimeWait,
    CloseWait,
    LastAck,
};

const char* tcpRoleName(TcpRole role);   // "handshake 2/3 SYN-ACK"
const char* tcpStateName(TcpState state); // "FIN-WAIT-1"

// Whether RFC 9293's state diagram (its figure 5) has the transition from -> to. A reset
// (3.10.7.4) takes any state to CLOSED and is not in the figure: `reset` allows it.
bool isRfc9293Transition(TcpState from, TcpState to, bool reset);

// tshark's expert severities, least severe first, and the groups our decoders raise.
enum class ExpertSeverity : uint8_t { Comment, Chat, Note, Warning, Error };
enum class ExpertGroup : uint8_t { Sequence, Protocol, Malformed, Comment };

struct ExpertItem {
    ExpertSeverity severity;
    ExpertGroup group;
    std::string message;
    const char* protocol = "TCP"; // the protocol that raised it, as tshark names it
};

// tshark's note on a segment without ACK whose acknowledgment field is not zero.
inline constexpr const char* kAckNonzeroWithoutAck = "The acknowledgment number field is nonzero while the ACK flag is not set";

const char* expertSeverityName(ExpertSeverity s); // "Chat", "Note", ...
const char* expertGroupName(ExpertGroup g);       // "Sequence", ...

// Everything shown for one TCP segment; made on demand from the compact per-packet
// entry and the conversation (TcpTracker::analysis).
struct TcpPacketAnalysis {
    bool valid = false;
    uint32_t stream = 0;
    uint32_t seq = 0, ack = 0, nextSeq = 0; // relative
    bool ackValid = false;                  // ACK flag set
    uint32_t seqLen = 0;                    // tcp.len
    int32_t windowScale = -1;               // shift, or -1 unknown, -2 no scaling; meaningless on SYN
    bool isSyn = false;
    uint64_t windowSize = 0; // calculated window
    int64_t timeRelativeNs = 0, timeDeltaNs = 0;
    uint32_t flags = 0; // TcpAnalysisFlag
    uint32_t dupAckNum = 0;
    uint64_t dupAckFrame = 0;  // 1-based frame number
    uint64_t acksFrame = 0;    // 1-based, 0 none
    // Either RTT may be negative when capture times go backwards; tshark shows neither when zero.
    bool hasAckRtt = false;
    int64_t ackRttNs = 0;
    bool hasInitialRtt = false; // only where the frame has analysis data
    int64_t initialRttNs = 0;
    bool hasAnalysisData = false;
    uint32_t bytesInFlight = 0; // 0 = not shown
    uint32_t pushBytesSent = 0; // 0 = not shown
    bool hasPushBytes = false;
    uint8_t completeness = 0;
    TcpRole role = TcpRole::None;
    TcpState stateSrc = TcpState::Unknown; // sender's state after this segment
    TcpState stateDst = TcpState::Unknown; // receiver's state after this segment
    // A state passed through within this one segment (Unknown: none): a FIN that also ACKs
    // the receiver's FIN takes it FIN-WAIT-1 -> FIN-WAIT-2 -> TIME-WAIT.
    TcpState viaSrc = TcpState::Unknown, viaDst = TcpState::Unknown;
    // A FIN of the side that sent the conversation's first FIN (tshark's "initiates the connection
    // closing"), or of the other side ("undergoes").
    bool closingInitiator = false;
    bool closingResponder = false;
    bool senderIsClient = false;
    bool clientInferred = false; // no SYN seen: client guessed from ports
};

// Wireshark's completeness label, e.g. "Complete, WITH_DATA (31)".
std::string completenessLabel(uint8_t bits);

// tshark's TCP expert items: those of the flag bits (SYN and SYN+ACK name the server port, the
// destination of a SYN and the source of a SYN+ACK; a FIN says which side closes), then those
// of the sequence analysis, each in tshark's order.
void appendFlagExpertItems(const TcpPacketAnalysis& a, uint16_t tcpFlags, uint16_t serverPort, std::vector<ExpertItem>& out);
void appendAnalysisExpertItems(const TcpPacketAnalysis& a, std::vector<ExpertItem>& out);
// Both, for the flags in `tcpFlags`.
std::vector<ExpertItem> expertItems(const TcpPacketAnalysis& a, uint16_t tcpFlags, uint16_t serverPort);

} // namespace synflow
