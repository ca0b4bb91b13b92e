#include "cli/framesummary.h"

#include "analysis/analysedcapture.h"
#include "decode/packetdecoder.h"
#include "filter/displayfilter.h"
#include "output/textformat.h"
#include "proto/conversationprotocols.h"
#include "proto/desegmentedview.h"
#include "tcp/tcpinfo.h"
#include "tcp/tcptracker.h"

namespace synflow::cli {

bool summarizeForOutput(const AnalysedCapture& capture, size_t i, const DecodedPacket& d, const TcpPacketAnalysis& a,
                        const DisplayFilter& filter, FrameSummary& out, bool desegment)
{
    const PacketIndex& index = capture.file().index();
    const PacketRecord& rec = index[i];
    out.summary = summarizeFrameView(uint32_t(i), d, rec, &a, capture.protocols(), desegment);
    if (!filter.empty()) {
        FilterInput in;
        in.number = i + 1;
        in.record = &rec;
        in.decoded = &d;
        in.timeRelativeNs = nsBetween(rec.tsNs, index[0].tsNs);
        in.tcp = a.valid ? &a : nullptr;
        in.protocol = out.summary.protocol;
        std::vector<std::string> comments;
        if (filter.needsComments()) {
            comments = capture.file().packetComments(i);
            in.comments = &comments;
        }
        if (!filter.matches(in))
            return false;
    }
    std::string info;
    if (out.summary.pduNote == PduNote::SegmentAfterLine) {
        info = out.summary.info + " [TCP segment of a reassembled PDU]";
    } else if ((out.summary.protocol == "TCP" || out.summary.protocol == "MPTCP") && a.valid) {
        const TcpView tcp{d.at(d.transportOffset)};
        appendTcpInfo(info, d, a, tcp.ack() - a.ack, out.summary.continuationTo, out.summary.pduNote); // SACK edges are relative to the ACK space
    } else if (out.summary.protocol == "TCP" && d.tcpPortsValid) {
        // The header was cut by the snapshot length: tshark shows the ports and says why it stopped.
        const TcpView tcp{d.at(d.transportOffset)};
        info = std::to_string(tcp.srcPort()) + " \xe2\x86\x92 " + std::to_string(tcp.dstPort());
        if (rec.capLen < rec.origLen)
            info += "[Packet size limited during capture]";
    } else {
        info = out.summary.info;
    }
    // Payload text may hold tabs, newlines and other control bytes: escaped as tshark's columns.
    out.info.clear();
    appendEscapedText(out.info, info);
    return true;
}

} // namespace synflow::cli
