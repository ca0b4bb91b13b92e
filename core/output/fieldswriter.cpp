#include "output/fieldswriter.h"

#include "output/textformat.h"

namespace synflow {

FieldsWriter::FieldsWriter()
    : columns_{"frame.number", "frame.time_epoch", "frame.len",    "frame.cap_len", "ip.src",
               "ip.dst",       "ipv6.src",         "ipv6.dst",     "tcp.srcport",   "tcp.dstport",
               "tcp.flags",    "tcp.seq_raw",      "tcp.ack_raw",  "tcp.len",       "tcp.window_size_value"}
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
    if (d.transport == TransportLayer::Tcp && d.tcpPortsValid) {
        const TcpView tcp{d.at(d.transportOffset)};
        appendUnsigned(out, tcp.srcPort());
        out += '\t';
        appendUnsigned(out, tcp.dstPort());
        out += '\t';
        if (d.tcpHeaderValid) {
            appendHex4(out, tcp.flags());
            out += '\t';
            appendUnsigned(out, tcp.seq());
            out += '\t';
            appendUnsigned(out, tcp.ack());
            out += '\t';
            appendUnsigned(out, d.tcpPayloadLen);
            out += '\t';
            appendUnsigned(out, tcp.window());
        } else {
            out += "\t\t\t\t";
        }
    } else {
        out += "\t\t\t\t\t\t";
    }
    out += '\n';
}

} // namespace synflow
