#pragma once
// The application layers of the detail tree (HTTP, TLS, DNS, SSH, the line-based mail and file
// transfer protocols). Each decoder takes one contiguous span of payload bytes, so a PDU that
// TCP reassembly put together can be fed the same way as one segment's payload.
#include "tree/detailtree.h"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace synflow {

// One data segment of a TCP conversation as the application sees it (retransmissions left out),
// for the state tshark keeps per conversation (HTTP request/response pairs, SSH key exchange).
struct StreamSegment {
    uint64_t frame = 0; // 1-based
    int64_t timeNs = 0; // capture time
    bool fromServer = false;
    std::span<const uint8_t> payload;
    std::string_view protocol; // its Protocol column
};

struct AppPayload {
    std::span<const uint8_t> bytes; // the PDU(s), contiguous
    uint32_t frameOffset = 0;       // where bytes[0] lies in the frame
    bool inFrame = true;            // false for a reassembled buffer: nodes then cover no frame bytes
    bool overTcp = true;            // DNS over TCP carries a length prefix
    bool fromServer = false;        // the sender is the server (the well-known port's side)
    uint16_t serverPort = 0;        // the well-known port that chose the decoder
    std::string_view protocol;      // the Protocol column ("TLSv1.3" names the session's version)
    uint64_t frame = 0;             // 1-based, for the conversation state; 0 unknown
    int64_t timeNs = 0;
    const StreamWalker* stream = nullptr; // the TCP conversation's segments; null when unknown
    SshKex sshKex = SshKex::Dh;           // an SSH conversation's key exchange
    bool reassembling = false;            // TCP reassembly is on (a read past the bytes is a malformed packet)
};

// Adds nodes to a tree with offsets relative to the payload, mapped to the frame.
class AppTree {
public:
    AppTree(DetailTree& tree, const AppPayload& payload) : t_(tree), p_(payload) { }
    const uint8_t* data() const { return p_.bytes.data(); }
    uint32_t size() const { return uint32_t(p_.bytes.size()); }
    const AppPayload& payload() const { return p_; }
    std::string_view text(uint32_t off, uint32_t len) const
    {
        return std::string_view(reinterpret_cast<const char*>(data()) + off, len);
    }

    // A line covering payload bytes [off, off+len); generated lines pass len 0.
    int32_t add(int32_t parent, std::string label, uint32_t off = 0, uint32_t len = 0, uint32_t mask = 0);
    // The same showing a registry field (null when the registry has no such field).
    int32_t add(int32_t parent, const Field* f, std::string label, uint32_t off = 0, uint32_t len = 0, uint32_t mask = 0);
    // "[Expert Info (Severity/Group): message]" with its three sub-lines.
    void expert(int32_t parent, const char* severity, const char* group, const std::string& message);
    // tshark's line for a `protocol` message that runs past the segment without reassembly.
    void unreassembled(const char* protocol);
    // A read past the bytes: "[BoundError Unreassembled Packet: P]" without TCP reassembly,
    // "[Malformed Packet: P]" with it.
    void readPast(const char* protocol);

private:
    DetailTree& t_;
    const AppPayload& p_;
};

// The name of the application protocol the payload holds, as the Protocol column and the
// tree's dispatch see it; each builder adds its layer(s) and returns false when the bytes are
// not its protocol (nothing added).
bool buildHttpTree(DetailTree& t, const AppPayload& p);
// TLS 1.3 handshake messages a QUIC CRYPTO frame carries, whole, under `parent`.
void addQuicHandshakes(DetailTree& t, const AppPayload& pl, int32_t parent);
bool buildTlsTree(DetailTree& t, const AppPayload& p);
bool buildDnsTree(DetailTree& t, const AppPayload& p);
bool buildSshTree(DetailTree& t, const AppPayload& p);
// SMTP, FTP, POP, IMAP: `protocol` is one of those names.
bool buildLineTree(DetailTree& t, const AppPayload& p, std::string_view protocol);

// Which line-based protocol a TCP port carries (its well-known server port), or empty.
std::string_view lineProtocolOfPort(uint16_t port);

// Shared helpers of the decoders.
namespace apptext {
std::string fmt(const char* f, ...) __attribute__((format(printf, 1, 2)));
// Bytes as lowercase hex; longer than `max` bytes, tshark's cut with "…".
std::string hex(const uint8_t* p, size_t n, size_t max = 0);
// Clear text as tshark shows it: CR and LF as \r and \n, other control bytes as \xNN.
std::string escaped(std::string_view s);
// A string field read as ASCII, as tshark reads most protocol strings: a byte above 0x7f is
// the replacement character.
std::string ascii(std::string_view s);
} // namespace apptext

// Labels as tshark words them, cut as tshark cuts a label longer than its 240-byte buffer.
namespace applabel {
std::string text(std::string s);                                      // a line of text
std::string bounded(std::string_view s);                              // cut to the buffer, unmarked
std::string field(std::string_view name, std::string_view value);    // "Name: value"
std::string generated(std::string_view name, std::string_view value); // "[Name: value]"
} // namespace applabel

} // namespace synflow
