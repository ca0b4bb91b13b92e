#pragma once
// The Info column of one row, as the packet list and `synflow-cli list/fields` show it: the
// summary's text, or TCP's own line from the tracker's analysis, then what tshark adds when it
// runs out of captured bytes behind the payload (a cut Ethernet trailer).
#include "capture/packetrecord.h"
#include "decode/packetdecoder.h"
#include "proto/protocolsummary.h"
#include "tcp/tcpanalysis.h"

#include <string>

namespace synflow {

// `a`: the segment's analysis (null, or not valid, while a capture is still being read: a TCP
// row then shows its header's raw numbers). Control bytes are escaped as tshark's columns show
// them.
std::string infoColumn(const DecodedPacket& d, const PacketRecord& rec, const TcpPacketAnalysis* a, const ProtocolSummary& s);

} // namespace synflow
