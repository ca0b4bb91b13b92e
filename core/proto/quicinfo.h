#pragma once
// IETF QUIC in the packet list as tshark 4.0 writes it: each long header's type and connection IDs
// ("Initial, DCID=8394c8f03e515708, SCID=c1c2c3c4"), an Initial packet's number and frames once
// its protection is removed (its keys come from the client's first Destination Connection ID,
// RFC 9001 section 5.2, with the salt of its version: version 1, 2 and the drafts), a short header
// as "Protected Payload (KP0)" with its DCID when the connection's long headers told its length.
// Packets coalesced in one datagram: the last one's Info.
// tshark finds QUIC by heuristics, on any UDP port no other dissector claims: a long header of a
// version it knows, or a short header to a connection ID it has seen. The whole UDP conversation
// is QUIC from then on (earlier packets too, in its second pass).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace synflow {

// A variable-length integer (RFC 9000 section 16) at `at` of `p[0..end)`; false when it runs past.
bool quicVarint(const uint8_t* p, size_t end, size_t& at, uint64_t& value);

// A version tshark's heuristic takes for QUIC: 1, 2, drafts 11 and later, Facebook's mvfst
// drafts, Google's IETF-framed Q050/T050/T051, and the versions reserved to force negotiation.
bool quicKnownVersion(uint32_t version);
// A long header tshark's heuristic takes: such a version, connection IDs of legal length.
bool quicLongHeaderClaimed(const uint8_t* p, size_t n);

// What the first pass learnt of each UDP conversation's QUIC connection.
class QuicConnections {
public:
    struct Connection {
        std::string originalDcid;     // of the client's first Initial: the Initial keys' secret
        std::vector<std::string> ids; // the connection IDs each side chose (long headers' SCIDs)
        uint64_t client = 0;          // the endpoint of the client, once an Initial told it
        bool clientKnown = false;
        uint32_t number = 0;          // in the order the capture began connections
    };
    // Whether a datagram no other dissector claimed starts QUIC (tshark's heuristic): a long
    // header of a known version with connection IDs of legal length, or a short header whose
    // DCID is one some connection chose (a connection moved to new addresses).
    bool claims(const uint8_t* p, size_t n) const;
    // A datagram of QUIC conversation `flow` from endpoint `from` (the caller's hash of an
    // address and port). The sender of a connection's first Initial is its client.
    void learn(uint64_t flow, uint64_t from, const uint8_t* p, size_t n);
    const Connection* find(uint64_t flow) const;
    bool empty() const { return flows_.empty(); }

private:
    std::optional<uint32_t> connectionOfShortHeader(const uint8_t* p, size_t n) const;
    std::vector<Connection> connections_;
    std::unordered_map<uint64_t, uint32_t> flows_; // conversation -> its connection
    std::unordered_map<std::string, uint32_t> ids_; // a chosen connection ID -> its connection
    uint32_t idLengths_ = 0;                        // bit per length (1..20) of the IDs in ids_
};

struct QuicSummary {
    std::string info;
    // Set when QUIC stopped before writing its Info (a header cut short, a version it does not
    // read): the row keeps UDP's Info with this after it.
    const char* udpSuffix = nullptr;
    uint8_t packets = 0; // the QUIC packets the datagram held (coalesced), as far as read
};
// One QUIC packet of a datagram as read; offsets from the packet's first byte.
struct QuicPacket {
    size_t offset = 0, size = 0; // in the datagram
    bool longHeader = false;
    uint32_t version = 0;
    uint8_t first = 0;           // the first byte, its protected bits cleared once opened
    std::string name;            // "Initial", "Handshake", "Version Negotiation", "Protected Payload (KP0)"
    size_t dcidLen = 0, scidLen = 0; // a long header's at 6 and 7 + dcidLen; a short one's at 1
    bool dcidKnown = false;      // a short header's DCID is one the connection chose
    uint64_t token = 0;          // an Initial's token length; the token at tokenAt
    size_t tokenAt = 0;
    uint64_t length = 0;         // the Length field, at lengthAt
    size_t lengthAt = 0, pnAt = 0, pnLen = 0;
    uint64_t pn = 0;
    bool opened = false;         // an Initial whose protection was removed: payload holds its frames
    std::vector<uint8_t> payload;
};
struct QuicRead {
    std::vector<QuicPacket> packets;
    const char* udpSuffix = nullptr; // as QuicSummary's (then no packets)
    bool fromClient = false;
};
// A datagram's QUIC packets, for the detail tree (the same reading as quicInfo's).
std::optional<QuicRead> quicRead(const uint8_t* p, size_t n, size_t reported, bool fromClient,
                                 const QuicConnections::Connection* connection);

// A datagram's QUIC packets (`n` bytes captured of `reported`), or nothing when it is not QUIC
// (no payload; no connection and no long header tshark's heuristic takes).
std::optional<QuicSummary> quicInfo(const uint8_t* p, size_t n, size_t reported, bool fromClient,
                                    const QuicConnections::Connection* connection);

} // namespace synflow
