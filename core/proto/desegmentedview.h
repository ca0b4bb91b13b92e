#pragma once
// The Protocol and Info columns as Wireshark shows them by default, with TCP reassembly on:
// the first segments of a message that spans several read "[TCP segment of a reassembled
// PDU]", the segment that completes it shows the message's summary, and data reassembled
// before (a spurious or fast retransmission) is plain TCP. The framings are tshark's for the
// protocols it desegments here: HTTP (headers, Content-Length, chunked, or to the FIN), TLS
// records, DNS's and MySQL's length prefixes and the LBMSRS heuristic's RSocket frames.
#include "capture/packetrecord.h"
#include "decode/packetdecoder.h"
#include "proto/pdureassembly.h"
#include "proto/protocolsummary.h"
#include "tcp/tcpanalysis.h"

#include <algorithm>
#include <unordered_map>
#include <vector>

namespace synflow {

class ConversationProtocols;
struct RtspChannels;
struct AmqpChannelTypes;

// One bit that tells the two directions of a TCP conversation apart from the packet alone
// (the side with the higher port, or address when the ports are equal).
uint8_t tcpDirectionBit(const DecodedPacket& d);

class DesegmentedView {
public:
    // Worth a look at all (cheap): data or a FIN on a conversation whose protocol reassembles.
    static bool candidate(const DecodedPacket& d, uint8_t conversationKind);
    // The same with what the capture showed so far (DRDA, found on any port).
    bool worthLearning(const DecodedPacket& d, uint8_t conversationKind) const;

    // First pass, capture order; `kind` as ConversationProtocols::kindOf gives it; `rtsp`: the
    // RTSP conversation's interleaved channels so far (null: none).
    void learn(uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a, uint8_t kind,
               const RtspChannels* rtsp = nullptr, struct AmqpChannelTypes* amqp = nullptr,
               const class Smb2Conversations* smb2 = nullptr);

    // The summary a frame shows because messages end in it (null if none was stored).
    const ProtocolSummary* shownAt(uint32_t frame) const;
    size_t shownCount() const { return shown_.size(); }
    bool oldData(uint32_t frame) const { return std::binary_search(oldData_.begin(), oldData_.end(), frame); }
    // Every byte of the segment belongs to a spanning message that it does not complete.
    bool segmentOfPdu(uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a) const;
    // The last segment of an HTTP message the capture ends inside, waiting for more headers or
    // chunks: the message's first line (what tshark's second pass shows before the TCP note).
    bool unfinishedHttpTail(uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a, std::string& line) const;
    // An out-of-order segment or keep-alive that tshark's reassembly reports as overlapping.
    bool overlapsPdu(uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a) const;
    // A segment read afresh past a gap that lands, on the second pass, at the end of a message
    // the gap left waiting (PduReassembly's TcpPdu::waits) which took later frames: tshark's
    // reassembly, done, rejects it ("New fragment past old data limits").
    bool pastWaitingPdu(uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a) const;
    // The segment was the last a waiting message took (a resend, or one out of order).
    bool endsWaitingPdu(uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a) const;

    // The TLS handshake message a frame shown on its own (not in shownAt) began in the middle of,
    // as its side's earlier records left it; null: none.
    const TlsHandshakeCarry* tlsCarryAt(uint32_t frame) const
    {
        const auto it = tlsCarryAt_.find(frame);
        return it == tlsCarryAt_.end() ? nullptr : &it->second;
    }

    // The TLS minor version a ServerHello reassembled from several segments chose, or -1.
    int tlsMinor(uint32_t stream) const
    {
        const auto it = tlsVersions_.find(stream);
        return it == tlsVersions_.end() ? -1 : it->second;
    }

    // LDAP search result entries of the conversation's messages that reassembly put together
    // (those whole in a segment: PduContinuations::ldapEntries).
    uint32_t ldapEntries(uint32_t stream) const
    {
        const auto it = ldapEntries_.find(stream);
        return it == ldapEntries_.end() ? 0 : it->second;
    }

    // Whether an HTTP request of the stream came whole (HTTP read it and kept its URI).
    bool httpRequestRead(uint32_t stream) const { return stream < httpRequests_.size() && httpRequests_[stream]; }

    // The messages found: which frames each spans, for decoders that want their bytes (pdubytes.h).
    const PduReassembly& reassembly() const { return reassembly_; }

private:
    void countLdapEntries(uint32_t stream, std::string_view bytes);
    void markHttpRequest(uint32_t stream);

    PduReassembly reassembly_;
    std::vector<std::pair<uint32_t, ProtocolSummary>> shown_; // by frame
    std::vector<uint32_t> oldData_;                            // frames, ascending
    std::unordered_map<uint32_t, uint8_t> tlsVersions_;         // stream -> minor version
    std::unordered_map<uint64_t, TlsHandshakeCarry> tlsCarry_;  // (stream << 1 | direction) -> handshake being gathered
    std::unordered_map<uint32_t, TlsHandshakeCarry> tlsCarryAt_; // frame shown on its own -> what it began with
    // Where a reassembled message is put together behind its segment's headers to be summarised,
    // kept between messages: a body padded to its length is not allocated and zeroed each time.
    std::vector<uint8_t> scratch_;
    size_t scratchDirty_ = 0; // bytes at its start that may not be zeros
    std::vector<bool> httpRequests_;                           // by stream: an HTTP request read whole (a bit each)
    bool drdaSeen_ = false;                                    // a DRDA message ran across segments
    bool sipSeen_ = false;                                     // so did a SIP message (its heuristic takes any port)
    std::unordered_map<uint32_t, uint32_t> ldapEntries_;        // stream -> LDAP search result entries
};

// tshark's reassembly error on frame `frame` (Expert Info, Error/Malformed, TCP): "New fragment
// overlaps old data (retransmission?)" when the frame is none of a message's segments and its
// data lands inside a message already reassembled (overlapsPdu), "New fragment past old data
// limits" when it lands just past a waiting one (pastWaitingPdu). None without the protocols
// (an analysis short of Depth::Full).
PduNote tcpReassemblyError(uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a,
                           const ConversationProtocols* protocols);

// The Protocol/Info summary of frame `frame` (0-based) in the default view; with
// `desegment` false, or before the first pass is done, exactly summarizeFrame().
ProtocolSummary summarizeFrameView(uint32_t frame, const DecodedPacket& d, const PacketRecord& rec, const TcpPacketAnalysis* a,
                                   const ConversationProtocols* protocols, bool desegment = true);

} // namespace synflow
