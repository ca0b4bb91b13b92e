#include "models/packetcolours.h"

#include "decode/packetdecoder.h"
#include "tcp/tcpanalysis.h"

using namespace synflow;

std::pair<QColor, QColor> packetColours(const DecodedPacket& d, uint32_t flags)
{
    const QColor dark(0x12, 0x12, 0x12);
    if (d.transport == TransportLayer::Tcp && d.tcpHeaderValid) {
        const TcpView tcp{d.at(d.transportOffset)};
        const uint16_t f = tcp.flags();
        // Bad TCP: black with red text, as in Wireshark.
        const uint32_t bad = TcpAnyRetransmission | TcpOutOfOrder | TcpLostSegment
            | TcpAckLostSegment | TcpDuplicateAck | TcpZeroWindow | TcpWindowFull | TcpZeroWindowProbe;
        if (flags & bad)
            return {QColor(0x12, 0x12, 0x12), QColor(0xff, 0x5c, 0x5c)};
        if (f & TcpRst)
            return {QColor(0xa4, 0x00, 0x00), QColor(0xff, 0xfc, 0x9c)};
        if (f & (TcpSyn | TcpFin))
            return {QColor(0xa0, 0xa0, 0xa0), dark};
        const uint16_t sp = tcp.srcPort(), dp = tcp.dstPort();
        if (sp == 80 || dp == 80 || sp == 8080 || dp == 8080)
            return {QColor(0xe4, 0xff, 0xc7), dark};
        return {QColor(0xe7, 0xe6, 0xff), dark};
    }
    switch (d.transport) {
    case TransportLayer::Udp:
        return {QColor(0xda, 0xee, 0xff), dark};
    case TransportLayer::Icmp:
    case TransportLayer::Icmpv6:
        return {QColor(0xfc, 0xe0, 0xff), dark};
    default:
        break;
    }
    if (d.net == NetLayer::Arp)
        return {QColor(0xfa, 0xf0, 0xd7), dark};
    return {};
}
