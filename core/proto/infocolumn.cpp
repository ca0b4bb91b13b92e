#include "proto/infocolumn.h"
#include "output/exceptiontext.h"

#include "decode/ethernettrailer.h"
#include "output/textformat.h"
#include "tcp/tcpinfo.h"

namespace synflow {
namespace {

std::string tcpLine(const DecodedPacket& d, const TcpPacketAnalysis* a, const ProtocolSummary& s)
{
    std::string info;
    const TcpView tcp{d.at(d.transportOffset)};
    if (!d.tcpHeaderValid) { // cut before the window: tshark shows the ports and why it stopped
        if (!d.tcpPortsValid)
            return info;
        info = std::to_string(tcp.srcPort()) + " \xe2\x86\x92 " + std::to_string(tcp.dstPort());
        if (d.frame.size() < d.reportedLen)
            info += kSizeLimited;
        return info;
    }
    if (a && a->valid) {
        appendTcpInfo(info, d, *a, tcp.ack() - a->ack, s.continuationTo, s.pduNote); // SACK edges are relative to the ACK space
        if (s.keepsTcpInfo)
            info += s.info; // X11 stopped by the snapshot length: TCP's Info, then why
        return info;
    }
    // Still loading: the segment as it stands, raw numbers, no analysis yet.
    info = std::to_string(tcp.srcPort()) + " \xe2\x86\x92 " + std::to_string(tcp.dstPort()) + " [";
    appendTcpFlagNames(info, tcp.flags());
    info += "] Seq=" + std::to_string(tcp.seq()) + " Win=" + std::to_string(tcp.window()) + " Len=" + std::to_string(d.tcpPayloadLen);
    return info;
}

} // namespace

constexpr size_t kInfoMax = 4095;

std::string infoColumn(const DecodedPacket& d, const PacketRecord& rec, const TcpPacketAnalysis* a, const ProtocolSummary& s)
{
    std::string info;
    if (s.pduNote == PduNote::SegmentAfterLine) {
        // TCP's analysis tags are fenced off before the application writes its line.
        if (a && a->valid)
            appendTcpAnalysisTags(info, *a);
        info += s.info + " [TCP segment of a reassembled PDU]";
    }
    else if (d.transport == TransportLayer::Tcp && (s.protocol == "TCP" || s.protocol == "MPTCP" || s.keepsTcpInfo) && !s.replacesTcpInfo)
        info = tcpLine(d, a, s);
    else
        info = s.info;
    // The trailer is walked after the payload, unless the payload already stopped on the end of
    // the captured bytes (that exception ends the frame's dissection).
    if (!info.ends_with(kSizeLimited) && ethernetTrailerCut(d, rec.origLen, rec.tsNs / 1000000000, info.ends_with(kMalformed)))
        info += kSizeLimited;
    std::string shown; // one line, control bytes shown as escapes
    if (s.rawInfoText)
        appendRawColumnText(shown, info);
    else
        appendEscapedText(shown, info);
    // tshark's column holds at most 4 095 bytes (a long SMB file list); not half a character.
    if (shown.size() > kInfoMax) {
        size_t end = kInfoMax;
        while (end > 0 && (static_cast<unsigned char>(shown[end]) & 0xc0) == 0x80)
            --end;
        shown.resize(end);
    }
    return shown;
}

} // namespace synflow
