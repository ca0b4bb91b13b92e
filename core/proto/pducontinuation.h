#pragma once
// tshark's "[Continuation to #N]". With TCP reassembly off, a dissector that frames its
// messages by a length in their header (MySQL, DNS over TCP, LBMSRS/RSocket) tells TCP where
// a message that runs past its segment ends. TCP remembers that, per direction and keyed by
// relative sequence number, on the first pass. On the second pass (tshark -2, and Wireshark
// once a file is loaded) a later segment wholly inside such a message gets the prefix and never
// reaches the application dissector (Protocol stays TCP); one that runs past the message's end
// has its application data dissected from where the next message starts, without the prefix.
#include "capture/packetrecord.h"
#include "decode/packetdecoder.h"
#include "proto/protocolsummary.h"
#include "tcp/tcpanalysis.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace synflow {

class ConversationProtocols;

// Where a data segment lies against the messages remembered for its direction.
struct PduPosition {
    uint32_t continuationTo = 0; // 1-based frame that started the message this segment continues; 0 none
    bool inside = false;         // the whole segment lies inside that message: no application data
    uint32_t start = 0;          // payload offset where application data begins (a new message)
};

class PduContinuations {
public:
    // Worth analysing at all: a data segment a framed protocol may claim (cheap, per packet).
    static bool candidate(const DecodedPacket& d);

    // The same with what this capture showed so far: DRDA, which tshark finds by a heuristic on
    // any port, makes every data segment worth a look once one of its messages ran across segments.
    bool worthLearning(const DecodedPacket& d) const;

    // First pass, capture order. `kind` as ConversationProtocols::kindOf gives it.
    void learn(uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a, uint8_t kind);

    // Second pass: what everything learned says of this segment.
    PduPosition find(const DecodedPacket& d, const TcpPacketAnalysis& a) const;

    // LDAP search result entries the conversation's segments held whole (tshark without
    // reassembly counts only those: its reading of a message cut by the segment stops first).
    uint32_t ldapEntries(uint32_t stream) const
    {
        const auto it = ldapEntries_.find(stream);
        return it == ldapEntries_.end() ? 0 : it->second;
    }

private:
    struct Pdu {
        uint32_t seq;   // relative seq of the segment that announced the message
        uint32_t end;   // relative seq just past the message
        uint32_t frame; // 1-based frame of that segment
    };
    const Pdu* lookup(uint64_t dir, uint32_t seq) const;
    std::unordered_map<uint64_t, std::vector<Pdu>> pdus_; // (stream << 1 | direction) -> sorted by seq
    bool drdaSeen_ = false;
    std::unordered_map<uint32_t, uint32_t> ldapEntries_; // stream -> count
};

// tshark's LBMSRS heuristic (RSocket framing, any port, to or from 127.0.0.1 in its default
// settings): does the application data at `p` look like one of its messages?
bool looksLikeLbmsrs(const DecodedPacket& d, const uint8_t* p, size_t n);

// The Protocol/Info summary with what the first pass learned (conversation kinds, message
// framing); `a` may be null or invalid (not TCP, or not analysed yet). For a TCP row the
// caller writes the TCP Info with summary.continuationTo.
// `continuations` false: without the "[Continuation to #N]" framing (reassembly on).
// `tlsCarry`: the TLS handshake message the frame's side was gathering, where the caller knows
// it (reassembly on); without reassembly ConversationProtocols knows it.
ProtocolSummary summarizeFrame(const DecodedPacket& d, const PacketRecord& rec, const TcpPacketAnalysis* a,
                               const ConversationProtocols* protocols, bool continuations = true,
                               const TlsHandshakeCarry* tlsCarry = nullptr);

// RSocket's name for a frame type ("REQUEST_RESPONSE"), as LBMSRS writes it in Info.
const char* rsocketFrameName(uint8_t type);

} // namespace synflow
