#pragma once
// IETF QUIC (version 1) in the packet list as tshark 4.0 writes it: each long header's type and
// connection IDs ("Initial, DCID=8394c8f03e515708, SCID=c1c2c3c4"), an Initial packet's number and
// frames once its protection is removed (its keys come from the client's first Destination
// Connection ID, RFC 9001 section 5.2), a short header as "Protected Payload (KP0)" with its DCID
// when the connection's long headers told its length. Packets coalesced in one datagram: the
// last one's Info.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace synflow {

// What the first pass learnt of each UDP conversation's QUIC connection.
class QuicConnections {
public:
    struct Connection {
        std::string originalDcid;     // of the client's first Initial: the Initial keys' secret
        std::vector<std::string> ids; // the connection IDs each side chose (long headers' SCIDs)
    };
    // A datagram of conversation `flow` from the client (the side not on the server's port).
    void learn(uint64_t flow, bool fromClient, const uint8_t* p, size_t n);
    const Connection* find(uint64_t flow) const;
    bool empty() const { return connections_.empty(); }

private:
    std::unordered_map<uint64_t, Connection> connections_;
};

struct QuicSummary {
    std::string info;
    // Set when QUIC stopped before writing its Info (a header cut short, a version it does not
    // read): the row keeps UDP's Info with this after it.
    const char* udpSuffix = nullptr;
};
// A datagram's QUIC packets (`n` bytes captured of `reported`), or nothing when it is not QUIC
// (no payload; a short header in a conversation no long header made QUIC).
std::optional<QuicSummary> quicInfo(const uint8_t* p, size_t n, size_t reported, bool fromClient,
                                    const QuicConnections::Connection* connection);

} // namespace synflow
