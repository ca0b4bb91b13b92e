#pragma once
// `synflow-cli fields`: one tab-separated line per frame in the layout of the tshark
// oracle (`tshark -T fields -E header=y -e ...`), plus SynFlow's own teaching columns.
// The columns are registry fields; this file only knows their order.
#include "capture/captureinfo.h"
#include "capture/packetrecord.h"
#include "decode/packetdecoder.h"
#include "fields/field.h"
#include "tcp/tcpanalysis.h"

#include <string>
#include <string_view>
#include <vector>

namespace synflow {

struct FrameView {
    uint64_t number = 0; // 1-based, as frame.number
    const PacketRecord* record = nullptr;
    const DecodedPacket* decoded = nullptr;
    Timestamp time;                         // exact epoch time (CaptureFile::exactTime)
    const TcpPacketAnalysis* tcp = nullptr; // null when not a tracked TCP segment
    std::string_view protocol;              // _ws.col.Protocol
    std::string_view info;                  // _ws.col.Info
};

class FieldsWriter {
public:
    FieldsWriter();
    const std::vector<std::string>& columns() const { return columns_; }
    void appendHeader(std::string& out) const;
    void appendRow(std::string& out, const FrameView& f) const;

private:
    std::vector<std::string> columns_; // as the header spells them
    std::vector<const Field*> fields_;
};

} // namespace synflow
