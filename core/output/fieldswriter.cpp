#include "output/fieldswriter.h"

#include "output/textformat.h"

#include <algorithm>

namespace synflow {

FieldsWriter::FieldsWriter()
    : columns_{"frame.number",
               "frame.time_epoch",
               "frame.len",
               "frame.cap_len",
               "ip.src",
               "ip.dst",
               "ipv6.src",
               "ipv6.dst",
               "tcp.srcport",
               "tcp.dstport",
               "tcp.stream",
               "tcp.flags",
               "tcp.seq",
               "tcp.seq_raw",
               "tcp.ack",
               "tcp.ack_raw",
               "tcp.len",
               "tcp.nxtseq",
               "tcp.hdr_len",
               "tcp.window_size_value",
               "tcp.window_size",
               "tcp.window_size_scalefactor",
               "tcp.options.mss_val",
               "tcp.options.wscale.shift",
               "tcp.time_relative",
               "tcp.time_delta",
               "tcp.analysis.flags",
               "tcp.analysis.retransmission",
               "tcp.analysis.fast_retransmission",
               "tcp.analysis.spurious_retransmission",
               "tcp.analysis.out_of_order",
               "tcp.analysis.lost_segment",
               "tcp.analysis.ack_lost_segment",
               "tcp.analysis.duplicate_ack_num",
               "tcp.analysis.duplicate_ack_frame",
               "tcp.analysis.zero_window",
               "tcp.analysis.zero_window_probe",
               "tcp.analysis.zero_window_probe_ack",
               "tcp.analysis.window_full",
               "tcp.analysis.window_update",
               "tcp.analysis.keep_alive",
               "tcp.analysis.keep_alive_ack",
               "tcp.analysis.reused_ports",
               "tcp.analysis.acks_frame",
               "tcp.analysis.ack_rtt",
               "tcp.analysis.initial_rtt",
               "tcp.analysis.bytes_in_flight",
               "tcp.analysis.push_bytes_sent",
               "tcp.completeness",
               "_ws.col.Protocol",
               "_ws.col.Info",
               "synflow.tcp.role",
               "synflow.tcp.state_src",
               "synflow.tcp.state_dst"}
{
}

void FieldsWriter::appendHeader(std::string& out) const
{
    for (size_t i = 0; i < columns_.size(); ++i) {
        if (i)
            out += '\t';
        out += columns_[i];
    }
    out += '\n';
}

namespace {

void appendTcpColumns(std::string& out, const DecodedPacket& d, const TcpPacketAnalysis* a)
{
    const TcpView tcp{d.at(d.transportOffset)};
    const auto tab = [&] { out += '\t'; };
    const auto flag = [&](uint32_t bit) {
        if (a && (a->flags & bit))
            out += '1';
        tab();
    };
    // tcp.srcport, tcp.dstport
    appendUnsigned(out, tcp.srcPort());
    tab();
    appendUnsigned(out, tcp.dstPort());
    tab();
    if (!d.tcpHeaderValid || !a) {
        // Header cut short or bogus: tshark shows the ports only.
        out.append(38, '\t');
        return;
    }
    appendUnsigned(out, a->stream);
    tab();
    appendHex4(out, tcp.flags());
    tab();
    appendUnsigned(out, a->seq);
    tab();
    appendUnsigned(out, tcp.seq());
    tab();
    appendUnsigned(out, a->ack);
    tab();
    appendUnsigned(out, tcp.ack());
    tab();
    appendUnsigned(out, a->seqLen);
    tab();
    appendUnsigned(out, a->nextSeq);
    tab();
    appendUnsigned(out, d.tcpHeaderLen);
    tab();
    appendUnsigned(out, tcp.window());
    tab();
    appendUnsigned(out, a->windowSize);
    tab();
    if (!a->isSyn) {
        if (a->windowScale >= 0)
            appendUnsigned(out, 1u << a->windowScale);
        else
            appendSigned(out, a->windowScale);
    }
    tab();
    // Options that occur several times are comma lists, as tshark prints them.
    std::string mss, ws;
    forEachTcpOption(d, [&](uint8_t kind, uint32_t off, uint32_t len) {
        if (kind == tcpopt::Mss && len == 4) {
            if (!mss.empty())
                mss += ',';
            appendUnsigned(mss, loadBe16(d.at(off + 2)));
        } else if (kind == tcpopt::WindowScale && len == 3) {
            if (!ws.empty())
                ws += ',';
            appendUnsigned(ws, d.frame[off + 2]);
        }
    });
    out += mss;
    tab();
    out += ws;
    tab();
    appendSeconds(out, a->timeRelativeNs);
    tab();
    appendSeconds(out, a->timeDeltaNs);
    tab();
    if (a->flags)
        out += '1';
    tab();
    // tshark marks fast and spurious retransmissions as retransmissions too.
    flag(TcpAnyRetransmission);
    flag(TcpFastRetransmission);
    flag(TcpSpuriousRetransmission);
    flag(TcpOutOfOrder);
    flag(TcpLostSegment);
    flag(TcpAckLostSegment);
    if (a->flags & TcpDuplicateAck) {
        appendUnsigned(out, a->dupAckNum);
        tab();
        appendUnsigned(out, a->dupAckFrame);
        tab();
    } else {
        out += "\t\t";
    }
    flag(TcpZeroWindow);
    flag(TcpZeroWindowProbe);
    flag(TcpZeroWindowProbeAck);
    flag(TcpWindowFull);
    flag(TcpWindowUpdate);
    flag(TcpKeepAlive);
    flag(TcpKeepAliveAck);
    flag(TcpReusedPorts);
    if (a->acksFrame) {
        appendUnsigned(out, a->acksFrame);
        tab();
        if (a->hasAckRtt)
            appendSeconds(out, a->ackRttNs);
        tab();
    } else {
        out += "\t\t";
    }
    if (a->hasInitialRtt)
        appendSeconds(out, a->initialRttNs);
    tab();
    if (a->bytesInFlight)
        appendUnsigned(out, a->bytesInFlight);
    tab();
    if (a->hasPushBytes)
        appendUnsigned(out, a->pushBytesSent);
    tab();
    appendUnsigned(out, a->completeness);
}

} // namespace

void FieldsWriter::appendRow(std::string& out, const FrameView& f) const
{
    const PacketRecord& r = *f.record;
    const DecodedPacket& d = *f.decoded;
    appendUnsigned(out, f.number);
    out += '\t';
    if (!(r.flags & RecordNoTimestamp) && r.kind != RecordKind::CustomBlock)
        appendEpoch(out, f.time.sec, f.time.nsec);
    out += '\t';
    appendUnsigned(out, r.origLen);
    out += '\t';
    appendUnsigned(out, r.capLen);
    out += '\t';
    if (d.net == NetLayer::IPv4) {
        const Ipv4View ip{d.at(d.netOffset)};
        out += formatIpv4(ip.src());
        out += '\t';
        out += formatIpv4(ip.dst());
        out += "\t\t\t";
    } else if (d.net == NetLayer::IPv6) {
        const Ipv6View ip{d.at(d.netOffset)};
        out += "\t\t";
        out += formatIpv6(ip.src());
        out += '\t';
        out += formatIpv6(ip.dst());
        out += '\t';
    } else {
        out += "\t\t\t\t";
    }
    if (d.transport == TransportLayer::Tcp && d.tcpPortsValid)
        appendTcpColumns(out, d, f.tcp && f.tcp->valid ? f.tcp : nullptr);
    else
        out.append(40, '\t');
    out += '\t';
    out += f.protocol;
    out += '\t';
    out += f.info;
    out += '\t';
    if (f.tcp && f.tcp->valid) {
        out += tcpRoleName(f.tcp->role);
        out += '\t';
        out += tcpStateName(f.tcp->stateSrc);
        out += '\t';
        out += tcpStateName(f.tcp->stateDst);
    } else {
        out += "\t\t";
    }
    out += '\n';
}

} // namespace synflow
