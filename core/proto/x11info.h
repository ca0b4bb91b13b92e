#pragma once
// X11 (TCP ports 6000-6063): the Info tshark 4.0 writes for a segment, which names each message
// by what the conversation said before: a reply by the request whose sequence number it
// carries (the client's request counter), an extension's requests by the name a QueryExtension
// asked for once its reply gave the major opcode. tshark's second pass reads every segment
// again with the state its first pass left, so the first pass here learns that state
// (X11Conversations::learn, in capture order) and the Info is written from it. The extensions
// tshark reads are in x11extensions.inc (made from xcb-proto by make-x11extensions.py).
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace synflow {

// The core protocol's names ("CreatePixmap", "KeyPress", "BadWindow"); null for a code the core
// protocol does not define (extension opcodes are 128-255).
const char* x11RequestName(uint8_t opcode);
const char* x11EventName(uint8_t code);
const char* x11ErrorName(uint8_t code);

// Whether tshark's X11 takes a segment between these ports, and which side is the server: the
// lower port is tried first, and the side whose port matched sends replies and events.
bool x11Ports(uint16_t srcPort, uint16_t dstPort, bool& fromServer);

struct X11Summary {
    // false: X11 names the row but leaves TCP's Info, to which `info` is appended (the
    // snapshot length cut the first message before X11 wrote anything).
    bool ownInfo = false;
    std::string info;
};

class X11Conversations {
public:
    // One segment handed to X11 (not a retransmission), in capture order. `frameKey` orders
    // frames (the record's file offset); `p` holds the `captured` bytes of a `reported`-byte payload.
    void learn(uint32_t stream, uint64_t frameKey, bool fromServer, const uint8_t* p, size_t captured, size_t reported);
    // The Info of that segment as tshark's second pass writes it; `reassembling`: with TCP
    // reassembly on (which changes the words of an exception).
    X11Summary summary(uint32_t stream, uint64_t frameKey, bool fromServer, const uint8_t* p, size_t captured,
                       size_t reported, bool reassembling = false) const;
    bool empty() const { return states_.empty(); }

    // What tshark keeps per conversation.
    struct State {
        int byteOrder = -1; // 0 big-endian, 1 little-endian, -1 not known yet
        int counter = 0;    // the requests counted (the next one's sequence number - 1)
        std::unordered_map<int, int> replies; // counter -> opcode a reply to it names (0: none)
        uint64_t setupFrame = 0, setupReplyFrame = 0; // frameKey + 1 of the connection setup
        bool resynced = false;
        // Extension names a QueryExtension asked for, with the major opcode its reply gave (-1 none yet).
        std::vector<std::pair<std::string, int>> extensions;
        std::unordered_map<int, size_t> pendingQueries; // counter -> index in extensions
        // Event and error codes those extensions took (tshark's names).
        std::unordered_map<int, const char*> eventNames, errorNames;
        // For the second pass: the last value each request segment wrote to `replies` (frameKey + 1).
        std::vector<std::pair<uint64_t, int>> writes;
    };

private:
    std::unordered_map<uint32_t, State> states_;
};

// A segment read on its own (nothing known of its conversation).
X11Summary x11Summary(bool fromServer, const uint8_t* p, size_t captured, size_t reported, bool reassembling = false);

} // namespace synflow
