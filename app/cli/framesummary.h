#pragma once
// What fields and list print of a frame beside its fields: whether the display filter keeps it,
// and its Protocol and Info columns as tshark writes them (TCP's Info from the tracker).
#include "proto/protocolsummary.h"

#include <string>

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

} // namespace synflow::cli
