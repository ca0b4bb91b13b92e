#include "proto/protocolsummary.h"

#include "output/textformat.h"

namespace synflow {

ProtocolSummary summarizeProtocol(const DecodedPacket& d, const PacketRecord& rec)
{
    ProtocolSummary s;
    if (rec.kind == RecordKind::CustomBlock) {
        s.protocol = "PCAPNG";
        s.info = "Custom Block";
        return s;
    }
    switch (d.transport) {
    case TransportLayer::Tcp:
        s.protocol = "TCP";
        return s;
    case TransportLayer::Udp:
        s.protocol = "UDP";
        if (d.transportCaptured >= 8) {
            const UdpView u{d.at(d.transportOffset)};
            appendUnsigned(s.info, u.srcPort());
            s.info += " \xe2\x86\x92 ";
            appendUnsigned(s.info, u.dstPort());
            s.info += " Len=";
            appendUnsigned(s.info, u.length() >= 8 ? u.length() - 8u : 0u);
        }
        return s;
    case TransportLayer::Icmp:
        s.protocol = "ICMP";
        return s;
    case TransportLayer::Icmpv6:
        s.protocol = "ICMPv6";
        return s;
    default:
        break;
    }
    if (d.net == NetLayer::Arp) {
        s.protocol = "ARP";
        return s;
    }
    if (d.net == NetLayer::IPv4) {
        s.protocol = "IPv4";
        return s;
    }
    if (d.net == NetLayer::IPv6) {
        s.protocol = "IPv6";
        return s;
    }
    s.protocol = d.linkKnown ? "Ethernet" : "Data";
    return s;
}

} // namespace synflow
