#pragma once
// The layered detail tree of one packet, as Wireshark's packet details pane shows it:
// each node has its label text, the bytes it covers in the frame and, for bit fields,
// the mask of the bits it shows, and the registry field it shows (if any). Built on demand
// for one packet; views render it.
#include "capture/captureinfo.h"
#include "capture/packetrecord.h"
#include "decode/ipreassembly.h"
#include "decode/packetdecoder.h"
#include "fields/field.h"
#include "proto/quicinfo.h"
#include "proto/sshpackets.h"
#include "tcp/tcpanalysis.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synflow {

struct StreamSegment; // tree/apptree.h
// Calls `each` for a TCP conversation's segments in capture order until it returns false.
using StreamWalker = std::function<void(const std::function<bool(const StreamSegment&)>& each)>;

struct DetailNode {
    std::string label;
    uint32_t offset = 0; // first byte in the frame
    uint32_t length = 0; // 0 for generated lines ([...]) that cover no bytes
    uint32_t mask = 0;   // bit mask within the covered bytes, 0 when not a bit field
    int32_t parent = -1;
    std::vector<int32_t> children;
    const Field* field = nullptr; // null for lines that show no field (expert info, headings)
    // An "[Expert Info (Severity/…)]" line and the line it hangs under carry its severity
    // (ExpertSeverity, the highest when several), as Wireshark colours both; -1 for none.
    int8_t severity = -1;
    uint64_t frameLink = 0; // the 1-based frame a generated line refers to ("[… in frame: 6]"), 0 for none
};

// The frame a generated line names, as Wireshark's frame-number fields print it: "[… frame: N]",
// "[… In: N]", "[Frame: N, payload: …]"; 0 when the line names none.
uint64_t frameReferenceOf(std::string_view label);
// The severity an "[Expert Info (Severity/Group): …]" line names, or -1.
int expertSeverityOf(std::string_view label);

class DetailTree {
public:
    int32_t add(int32_t parent, std::string label, uint32_t offset = 0, uint32_t length = 0, uint32_t mask = 0);
    int32_t add(int32_t parent, const Field* field, std::string label, uint32_t offset = 0, uint32_t length = 0, uint32_t mask = 0);
    const std::vector<DetailNode>& nodes() const { return nodes_; }
    // Every label rewritten (anonymised hosts).
    void relabel(const std::function<std::string(const std::string&)>& rewrite)
    {
        for (DetailNode& n : nodes_)
            n.label = rewrite(n.label);
    }
    const std::vector<int32_t>& roots() const { return roots_; }
    // The deepest node covering frame byte `offset`, or -1.
    int32_t nodeAt(uint32_t offset) const;
    // Nodes covering bytes past `end` (a reassembled datagram's, which the frame does not hold)
    // keep their text but cover only the frame's bytes, or none.
    void clipTo(uint32_t end);
    // Indented text, four spaces a level (tshark -V layout); from `node` or the whole tree.
    std::string text(int32_t node = -1) const;

private:
    void appendText(std::string& out, int32_t node, int depth) const;
    std::vector<DetailNode> nodes_;
    std::vector<int32_t> roots_;
};

// TCP desegmentation as it concerns one segment (tshark's default "Allow subdissector to
// reassemble TCP streams"): the spanning messages it completes, or the frame that completes the
// message its bytes begin or continue.
struct SegmentReassembly {
    struct Pdu {
        std::vector<uint8_t> bytes;                          // the message, put together
        std::vector<std::pair<uint32_t, uint32_t>> pieces;   // each segment's 1-based frame and byte count
        uint32_t length = 0;                                 // the message's length (bytes holds less if a hole)
    };
    std::vector<Pdu> completed; // in order; their application layers come from these bytes
    uint32_t ownBytes = 0;      // this segment's bytes in the last completed message
    uint32_t restFrom = 0;      // payload offset of the bytes after the completed messages
    uint64_t reassembledIn = 0; // 1-based: the frame completing the message the segment's last bytes belong to
    uint32_t openFrom = 0;      // payload offset where that message's bytes begin here (whole messages lie between)
};

// What the builder needs to know about a frame beyond its bytes.
struct FrameContext {
    uint64_t number = 0; // 1-based
    const PacketRecord* record = nullptr;
    const DecodedPacket* decoded = nullptr;
    const InterfaceInfo* interface = nullptr;
    bool pcapng = false;
    uint32_t interfaceId = 0;
    uint32_t section = 0; // pcapng: the record's section, counted from 0
    Timestamp time;
    int64_t sincePreviousNs = 0; // to the previous captured frame
    int64_t sinceFirstNs = 0;    // to the first frame
    std::vector<std::string> comments;
    const TcpPacketAnalysis* tcp = nullptr; // TCP analysis, when the frame is a tracked segment
    uint32_t tcpAckBase = 0;                // raw ISN of the ACK space (for SACK edges)
    IpReassembly::Datagram fragments;       // the IP datagram this frame completed, if it did
    std::string protocol;                   // the Protocol column: which application layer to decode
    // The TCP conversation's segments, for the state tshark keeps per conversation; null when unknown.
    const StreamWalker* stream = nullptr;
    const SegmentReassembly* reassembly = nullptr; // null: each segment's payload shown as it lies
    // tshark's frame.protocols (stats/protocolhierarchy.h); empty: worked out from the decoded
    // layers alone, without the application protocols.
    std::string protocolsInFrame;
    // A QUIC datagram's packets as the Info column read them, and its connection's number (-1:
    // none known).
    std::optional<QuicRead> quic;
    int64_t quicConnection = -1;
    SshKex sshKex = SshKex::Dh; // an SSH conversation's key exchange: what messages 30-49 are called
    bool desegment = false;     // as with TCP reassembly on (the default view)
    // TCP reassembly's error on this segment ("New fragment past old data limits"): it ends the
    // frame's dissection after TCP (desegmentedview.h); empty: none.
    std::string reassemblyError;
};

DetailTree buildDetailTree(const FrameContext& ctx);

// The application layers alone (no conversation state), for the fields that read them.
DetailTree buildApplicationTree(const DecodedPacket& d, std::string_view protocol);

class CaptureFile;
// The tree of frame `frame` (0-based) of an indexed capture; `tcp` is its analysis, if any;
// `protocol` the Protocol column, naming the application layer to decode (empty: none).
DetailTree buildDetailTree(const CaptureFile& file, size_t frame, const DecodedPacket& d, const TcpPacketAnalysis* tcp,
                           const std::string& protocol = {}, const StreamWalker* stream = nullptr,
                           const SegmentReassembly* reassembly = nullptr);
class AnalysedCapture;
// The same, with the frame's TCP analysis when the capture's analysis is ready. `desegment`:
// messages spanning segments are shown reassembled on their last segment, as Wireshark does by
// default (its TCP preference); off, each segment's payload is decoded as it lies.
DetailTree buildDetailTree(const AnalysedCapture& capture, size_t frame, bool desegment = false);

} // namespace synflow
