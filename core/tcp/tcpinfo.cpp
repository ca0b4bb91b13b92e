#include "tcp/tcpinfo.h"
#include "output/exceptiontext.h"

#include "output/textformat.h"

#include <algorithm>

namespace synflow {

void appendTcpFlagNames(std::string& out, uint16_t flags)
{
    static const char* names[] = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};
    bool any = false;
    for (int i = 0; i < 9; ++i) {
        if (flags & (1u << i)) {
            if (any)
                out += ", ";
            out += names[i];
            any = true;
        }
    }
    if (flags & 0xe00) {
        if (any)
            out += ", ";
        out += "Reserved";
        any = true;
    }
    if (!any)
        out += "<None>";
}

void appendTcpAnalysisTags(std::string& out, const TcpPacketAnalysis& a)
{
    // tshark prepends them one by one, so the last one added comes first.
    const uint32_t f = a.flags;
    if (f & TcpZeroWindowProbeAck)
        out += "[TCP ZeroWindowProbeAck] ";
    if (f & TcpZeroWindow)
        out += "[TCP ZeroWindow] ";
    if (f & TcpZeroWindowProbe)
        out += "[TCP ZeroWindowProbe] ";
    if (f & TcpDuplicateAck) {
        out += "[TCP Dup ACK ";
        appendUnsigned(out, a.dupAckFrame);
        out += '#';
        appendUnsigned(out, a.dupAckNum);
        out += "] ";
    }
    if (f & TcpKeepAliveAck)
        out += "[TCP Keep-Alive ACK] ";
    if (f & TcpWindowFull)
        out += "[TCP Window Full] ";
    if (f & TcpWindowUpdate)
        out += "[TCP Window Update] ";
    if (f & TcpKeepAlive)
        out += "[TCP Keep-Alive] ";
    if (f & TcpAckLostSegment)
        out += "[TCP ACKed unseen segment] ";
    if (f & TcpLostSegment)
        out += "[TCP Previous segment not captured] ";
    if (f & TcpOutOfOrder)
        out += "[TCP Out-Of-Order] ";
    if (f & TcpSpuriousRetransmission)
        out += "[TCP Spurious Retransmission] ";
    if (f & TcpFastRetransmission)
        out += "[TCP Fast Retransmission] ";
    if (f & TcpRetransmission)
        out += "[TCP Retransmission] ";
    if (f & TcpReusedPorts)
        out += "[TCP Port numbers reused] ";
}

void appendTcpInfo(std::string& out, const DecodedPacket& d, const TcpPacketAnalysis& a, uint32_t ackBase,
                   uint32_t continuationTo, PduNote note)
{
    const TcpView tcp{d.at(d.transportOffset)};
    // A first IPv4 fragment the capture cut short is read unreassembled: tshark's TCP is given no
    // segment length there, so it neither analyses the segment nor shows its length; the numbers
    // are those sent.
    const bool firstFragmentCut = tcpInCutFirstFragment(d);
    // A header the capture cut: tshark analysed the segment but stopped before it wrote the
    // analysis tags (after the options); cut inside the fixed header, right after the window.
    const bool headerCut = d.transportCaptured < d.tcpHeaderLen, fixedCut = d.transportCaptured < 20;
    // Added while the payload is handed on, after the analysis prefixes: so it comes first.
    if (continuationTo) {
        out += "[Continuation to #";
        appendUnsigned(out, continuationTo);
        out += "] ";
    }
    if (!firstFragmentCut && !headerCut)
        appendTcpAnalysisTags(out, a);

    appendUnsigned(out, tcp.srcPort());
    out += " \xe2\x86\x92 ";
    appendUnsigned(out, tcp.dstPort());
    out += " [";
    const uint16_t flags = tcp.flags();
    appendTcpFlagNames(out, flags);
    out += "] Seq=";
    appendUnsigned(out, firstFragmentCut ? tcp.seq() : a.seq);
    if (flags & TcpAck) {
        out += " Ack=";
        appendUnsigned(out, firstFragmentCut ? tcp.ack() : a.ack);
    }
    out += " Win=";
    appendUnsigned(out, firstFragmentCut ? tcp.window() : a.windowSize);
    if (fixedCut) {
        out += kSizeLimited;
        return;
    }
    if (flags & TcpUrg) {
        out += " Urg=";
        appendUnsigned(out, tcp.urgentPointer());
    }
    if (!firstFragmentCut) {
        out += " Len=";
        appendUnsigned(out, a.seqLen);
    }

    bool ended = false; // an end-of-options option
    forEachTcpOption(d, [&](uint8_t kind, uint32_t off, uint32_t len) {
        const uint8_t* p = d.at(off);
        switch (kind) {
        case tcpopt::Eol:
            ended = true;
            break;
        case tcpopt::Mss:
            if (len == 4) {
                out += " MSS=";
                appendUnsigned(out, loadBe16(p + 2));
            }
            break;
        case tcpopt::WindowScale:
            if (len == 3) {
                out += " WS=";
                appendUnsigned(out, 1u << std::min<unsigned>(p[2], 14));
            }
            break;
        case tcpopt::SackPermitted:
            if (len == 2)
                out += " SACK_PERM";
            break;
        case tcpopt::Sack:
            for (uint32_t i = 2; i + 8 <= len; i += 8) {
                out += " SLE=";
                appendUnsigned(out, loadBe32(p + i) - ackBase);
                out += " SRE=";
                appendUnsigned(out, loadBe32(p + i + 4) - ackBase);
            }
            break;
        case tcpopt::Timestamps:
            if (len == 10) {
                out += " TSval=";
                appendUnsigned(out, loadBe32(p + 2));
                out += " TSecr=";
                appendUnsigned(out, loadBe32(p + 6));
            }
            break;
        case tcpopt::TcpFastOpen: // tshark: an empty option asks for a cookie (R), else it carries one (C)
            out += len == 2 ? " TFO=R" : " TFO=C";
            break;
        default:
            break;
        }
    });
    // Options the capture cut off: tshark's dissection stops there and says so.
    if (!ended && size_t(d.transportOffset) + d.tcpHeaderLen > d.frame.size())
        out += kSizeLimited;
    if (note == PduNote::Segment || note == PduNote::SegmentThenRest)
        out += " [TCP segment of a reassembled PDU]";
    else if (note == PduNote::OverlapError)
        out += "[Reassembly error, protocol TCP: New fragment overlaps old data (retransmission?)]";
    else if (note == PduNote::PastLimitsError)
        out += "[Reassembly error, protocol TCP: New fragment past old data limits]";
}

} // namespace synflow
