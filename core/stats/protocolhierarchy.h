#pragma once
// Protocol hierarchy statistics, as tshark's -z io,phs counts them: each frame's layers, by
// their filter names (eth, vlan, ip, tcp, tls, data ...), walked from the outermost down a tree
// whose children keep the order they were first seen in; every node counts the frames that
// reached it and their bytes on the wire.
#include "analysis/workcontrol.h"
#include "decode/packetdecoder.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace synflow {

class AnalysedCapture;
struct ProtocolSummary;

struct PhsNode {
    std::string name;  // the protocol's filter name
    uint64_t frames = 0, bytes = 0;
    uint64_t endFrames = 0, endBytes = 0; // frames whose last layer is this one (Wireshark's "End")
    int32_t parent = -1;
    std::vector<int32_t> children; // in first-seen order
};

struct ProtocolHierarchy {
    std::vector<PhsNode> nodes;  // nodes[0] is the root (all frames counted), the layers below it
    uint64_t frames = 0, bytes = 0;
    int64_t firstNs = 0, lastNs = 0; // first and last counted frame's time (for bits/s)
    bool complete = true;

    // Adds one frame's layers (outermost first).
    void add(const std::vector<const char*>& layers, uint64_t wireBytes);
    // Adds the counts of frames that all come after this one's.
    void merge(const ProtocolHierarchy& later);
    ProtocolHierarchy();
};

// The layers tshark puts at the top of a frame's tree, outermost first, by filter name.
// `summary`: the frame's Protocol column (summarizeFrame), which names the application layer;
// `handedOn`: false for a TCP segment tshark keeps from the application (retransmitted,
// out of order, keep-alive), whose bytes are then no "data" either.
// `httpHead`: the first bytes of an HTTP message TCP reassembly put together (its media layer
// then comes from its headers, chunked or not); empty: the segment's own bytes.
void frameProtocolLayers(const DecodedPacket& d, const ProtocolSummary& summary, bool handedOn, std::vector<const char*>& out,
                         std::string_view httpHead = {});

// tshark's frame.protocols of one frame ("eth:ethertype:ip:tcp:http"), the "[Protocols in
// frame: ...]" line of its tree: the layers the hierarchy counts for it, with the EtherType
// dispatches tshark lists. `desegment` as for computeProtocolHierarchy.
std::string frameProtocols(const AnalysedCapture& capture, size_t frame, const DecodedPacket& d, bool desegment);

// Every analysed frame (or those `shown` marks, one byte per frame, when given). `desegment`:
// as tshark with TCP reassembly on, its default (needs the protocols, Depth::Full; without
// them, as off): an application layer only where a message ends, `tcp.segments` after the
// layers of a message reassembled from several segments, `_ws.malformed` on a reassembly error.
// Stops early (complete = false) when `control` asks it to stop; `control` also hears how far
// it got.
ProtocolHierarchy computeProtocolHierarchy(const AnalysedCapture& capture, const std::vector<uint8_t>* shown = nullptr,
                                           WorkControl* control = nullptr, bool desegment = false);

// tshark's report: the rule, title, "Filter:" line, one line per node indented two spaces a
// level with "frames:N bytes:N", the closing rule.
void appendPhsText(std::string& out, const ProtocolHierarchy& phs, const std::string& filter = {});

} // namespace synflow
