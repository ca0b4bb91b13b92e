#pragma once
// What fields and list print of a frame beside its fields: whether the display filter keeps it,
// and its Protocol and Info columns as tshark writes them (TCP's Info from the tracker).
#include "proto/protocolsummary.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace synflow {
class AnalysedCapture;
class DisplayFilter;
struct DecodedPacket;
struct PacketRecord;
struct TcpPacketAnalysis;
} // namespace synflow

namespace synflow::cli {

struct FrameSummary {
    ProtocolSummary summary;
    std::string info; // escaped as tshark's columns (control bytes as \n, \t, \xNN)
};

// The frame's columns (i: 0-based); `filter` (may be empty) decides whether it is shown.
// `desegment`: Protocol and Info as Wireshark's packet list shows them by default (TCP
// reassembly on), else as tshark with tcp.desegment_tcp_streams off.
bool summarizeForOutput(const AnalysedCapture& capture, size_t i, const DecodedPacket& d, const TcpPacketAnalysis& a,
                        const DisplayFilter& filter, FrameSummary& out, bool desegment = false);

// The packet-per-line commands (fields, list): FILE [-Y FILTER] [--no-desegment].
struct ShownFramesArgs {
    std::string path, filter;
    bool desegment = true; // Protocol/Info as Wireshark's packet list shows them by default
};
// Reads `args`; -1 when they are well formed, else the exit code (usage printed).
int parseShownFramesArgs(const std::vector<std::string>& args, const char* usage, ShownFramesArgs& out);

// Compiles the filter, opens and analyses the capture, and writes `head` then a row for each
// frame the filter keeps, in order: `row` appends the frame's line(s) to `out`. Stops before the
// first frame whose bytes were lost while read; rows of frames found cut when their text is
// written are dropped (a cut inside the last page read faults nowhere: its bytes read as zeros,
// so only a check at writing finds it). Returns the exit code, the damage rule's included.
using ShownFrameRow =
    std::function<void(size_t i, const DecodedPacket& d, const TcpPacketAnalysis& a, const FrameSummary& columns, std::string& out)>;
int writeShownFrames(const ShownFramesArgs& args, AnalysedCapture& capture, std::string head, const ShownFrameRow& row);

} // namespace synflow::cli
