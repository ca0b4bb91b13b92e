// The decoder through tunnels and link encapsulations, on frames built here (the breadth oracle
// suite checks real captures; these run without them): where each layer is found, which IP
// headers are listed, what the Protocol column names where decoding stops, and that no prefix
// of any of these frames is read out of bounds.
#include "decode/linktypes.h"
#include "decode/packetdecoder.h"
#include "proto/columnaddress.h"
#include "proto/desegmentedview.h"
#include "proto/protocolsummary.h"

#include <QtTest>

#include <vector>

using namespace synflow;

namespace {

using Bytes = std::vector<uint8_t>;

Bytes operator+(Bytes a, const Bytes& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

Bytes ethernet(uint16_t type) { return Bytes{2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, uint8_t(type >> 8), uint8_t(type)}; }

// An IPv4 header for `payload` bytes of protocol `proto`, from 10.0.0.a to 10.0.0.b.
Bytes ipv4(uint8_t proto, size_t payload, uint8_t a = 1, uint8_t b = 2)
{
    const size_t total = 20 + payload;
    return Bytes{0x45, 0, uint8_t(total >> 8), uint8_t(total), 0, 1, 0, 0, 64, proto, 0, 0, 10, 0, 0, a, 10, 0, 0, b};
}

Bytes ipv6(uint8_t next, size_t payload)
{
    Bytes h{0x60, 0, 0, 0, uint8_t(payload >> 8), uint8_t(payload), next, 64};
    for (int i = 0; i < 2; ++i)
        h = h + Bytes{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, uint8_t(i + 1)};
    return h;
}

Bytes tcp(uint16_t sport, uint16_t dport)
{
    return Bytes{uint8_t(sport >> 8), uint8_t(sport), uint8_t(dport >> 8), uint8_t(dport), 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0x20, 0, 0, 0, 0, 0};
}

Bytes udp(uint16_t sport, uint16_t dport, size_t payload)
{
    const size_t len = 8 + payload;
    return Bytes{uint8_t(sport >> 8), uint8_t(sport), uint8_t(dport >> 8), uint8_t(dport), uint8_t(len >> 8), uint8_t(len), 0, 0};
}

std::string protocolOf(const DecodedPacket& d)
{
    return summarizeProtocol(d, PacketRecord{}).protocol;
}

// Every offset the decoder hands out lies inside the captured bytes, for every prefix.
void checkPrefixes(const Bytes& frame, uint16_t link = linktype::Ethernet)
{
    for (size_t n = 0; n <= frame.size(); ++n) {
        const DecodedPacket d = decodePacket(link, std::span(frame.data(), n), uint32_t(frame.size()));
        QVERIFY(d.net == NetLayer::None || d.netOffset <= n);
        QVERIFY(d.transport == TransportLayer::None || d.transportOffset + d.transportCaptured <= n);
        QVERIFY(!d.tcpHeaderValid || d.transportOffset + 16 <= n); // through the window
        for (int i = 0; i < d.ipCount; ++i) {
            const auto& h = d.ipHeaders[i];
            QVERIFY(!h.src || h.src + (h.v6 ? 16 : 4) <= n);
            QVERIFY(!h.dst || h.dst + (h.v6 ? 16 : 4) <= n);
        }
        QVERIFY(!d.quotedProto || d.quotedOffset + 4 <= n);
    }
}

} // namespace

class TestEncapsulation : public QObject {
    Q_OBJECT
private slots:
    void tcpInVxlan()
    {
        const Bytes inner = ethernet(0x0800) + ipv4(6, 20, 3, 4) + tcp(49152, 443);
        const Bytes vxlan = Bytes{0x08, 0, 0, 0, 0, 0, 0x2a, 0} + inner;
        const Bytes frame = ethernet(0x0800) + ipv4(17, 8 + vxlan.size()) + udp(50000, 4789, vxlan.size()) + vxlan;
        const DecodedPacket d = decodePacket(linktype::Ethernet, frame);
        QCOMPARE(d.net, NetLayer::IPv4);
        QCOMPARE(d.netOffset, uint32_t(14 + 20 + 8 + 8 + 14));
        QCOMPARE(d.transport, TransportLayer::Tcp);
        QVERIFY(d.tcpHeaderValid);
        QCOMPARE(int(d.ipCount), 2); // outer and inner, as tshark lists ip.src
        QCOMPARE(d.ipHeaders[0].src, 14u + 12);
        QCOMPARE(d.ipHeaders[1].src, d.netOffset + 12);
        QCOMPARE(d.stopName, nullptr);
        QCOMPARE(protocolOf(d), std::string("TCP"));
        checkPrefixes(frame);
    }

    void ipv6InGreWithEveryOption()
    {
        // Checksum, key and sequence present: 12 bytes after the base header.
        const Bytes gre = Bytes{0xb0, 0, 0x86, 0xdd, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 1};
        const Bytes inner = ipv6(6, 20) + tcp(1000, 80);
        const Bytes frame = ethernet(0x0800) + ipv4(47, gre.size() + inner.size()) + gre + inner;
        const DecodedPacket d = decodePacket(linktype::Ethernet, frame);
        QCOMPARE(d.net, NetLayer::IPv6);
        QCOMPARE(d.netOffset, uint32_t(14 + 20 + 16));
        QCOMPARE(d.transport, TransportLayer::Tcp);
        QCOMPARE(int(d.ipCount), 2);
        QVERIFY(!d.ipHeaders[0].v6 && d.ipHeaders[1].v6);
        checkPrefixes(frame);
    }

    void mplsStacks()
    {
        const Bytes labels = Bytes{0, 0x10, 0x00, 64, 0, 0x20, 0x01, 64}; // two labels, the second at the bottom
        const Bytes frame = ethernet(0x8847) + labels + ipv4(17, 8) + udp(1, 2, 0);
        const DecodedPacket d = decodePacket(linktype::Ethernet, frame);
        QCOMPARE(d.netOffset, 14u + 8);
        QCOMPARE(d.transport, TransportLayer::Udp);
        checkPrefixes(frame);
        // A stack cut before its bottom label, and a payload that is not IP: MPLS.
        const Bytes cut = ethernet(0x8847) + Bytes{0, 0x10, 0x00, 64};
        QCOMPARE(protocolOf(decodePacket(linktype::Ethernet, cut)), std::string("MPLS"));
        const Bytes other = ethernet(0x8847) + Bytes{0, 0x10, 0x01, 64, 0x75, 0x6e, 0x6b};
        QCOMPARE(protocolOf(decodePacket(linktype::Ethernet, other)), std::string("MPLS"));
    }

    void protocolWhereDecodingStops()
    {
        QCOMPARE(protocolOf(decodePacket(linktype::Ethernet, ethernet(0x88b5) + Bytes{1, 2, 3})), std::string("0x88b5"));
        QCOMPARE(protocolOf(decodePacket(linktype::Ethernet, ethernet(0x8100) + Bytes{0, 1})), std::string("VLAN"));
        // PPPoE session carrying LCP, and one too short for its PPP protocol field.
        const Bytes lcp = ethernet(0x8864) + Bytes{0x11, 0, 0, 1, 0, 6, 0xc0, 0x21, 1, 1, 0, 4};
        QCOMPARE(protocolOf(decodePacket(linktype::Ethernet, lcp)), std::string("PPP LCP"));
        const Bytes shortPppoe = ethernet(0x8864) + Bytes{0x11, 0, 0, 1, 0, 1, 0x00, 0x21};
        QCOMPARE(protocolOf(decodePacket(linktype::Ethernet, shortPppoe)), std::string("PPPoES"));
        // A VXLAN header cut short, and GRE carrying a protocol nobody decodes.
        const Bytes vx = ethernet(0x0800) + ipv4(17, 10) + udp(5, 4789, 2) + Bytes{8, 0};
        QCOMPARE(protocolOf(decodePacket(linktype::Ethernet, vx)), std::string("VxLAN"));
        const Bytes gre = ethernet(0x0800) + ipv4(47, 8) + Bytes{0, 0, 0x12, 0x34, 1, 2, 3, 4};
        QCOMPARE(protocolOf(decodePacket(linktype::Ethernet, gre)), std::string("GRE"));
    }

    void infoOfTagsBeforeAnUnknownType()
    {
        // tshark 4.0 on the same frames: an EtherType no dissector takes and has no name for leaves
        // the Info of the layer before it (the last VLAN tag, a PBB I-TAG, the frame's Ethernet II);
        // a named one writes its name.
        const auto row = [](const Bytes& f) {
            const ProtocolSummary s = summarizeFrameView(0, decodePacket(linktype::Ethernet, f), PacketRecord{}, nullptr, nullptr, true);
            return s.protocol + " | " + s.info;
        };
        const Bytes pad(40, 'x');
        QCOMPARE(row(ethernet(0x8100) + Bytes{0xb0, 0x05, 0x41, 0x01} + pad), std::string("0x4101 | PRI: 5  DEI: 1  ID: 5"));
        QCOMPARE(row(ethernet(0x8100) + Bytes{0x00, 0x05, 0x88, 0xb5} + pad), std::string("0x88b5 | Local Experimental Ethertype 1"));
        QCOMPARE(row(ethernet(0x88a8) + Bytes{0x20, 0x07, 0x81, 0x00, 0x00, 0x09, 0x41, 0x01} + pad), std::string("0x4101 | PRI: 0  DEI: 0  ID: 9"));
        const Bytes itag = Bytes{0xb5, 0x01, 0x12, 0x34};
        QCOMPARE(row(ethernet(0x88e7) + itag + ethernet(0x4101) + pad),
                 std::string("0x4101 | PRI: 5  Drop: 1  NCA: 0  Res1: 1  Res2: 1  I-SID: 70196"));
        QCOMPARE(row(ethernet(0x88e7) + itag + ethernet(0x8100) + Bytes{0x00, 0x07, 0x41, 0x01} + pad), std::string("0x4101 | PRI: 0  DEI: 0  ID: 7"));
        QCOMPARE(row(ethernet(0x4101) + pad), std::string("0x4101 | Ethernet II"));
    }

    void gtpMessagesAndWhatTheyCarry()
    {
        // tshark 4.0 on the same frames: GTP names its message; a type it has no name for is not
        // GTP (UDP's); a T-PDU names what it carried, unless that was not IP (GTP <GTP>) or failed to
        // dissect (a cut IPv4 header: IPv4, malformed).
        const auto row = [](const Bytes& gtp) {
            const Bytes f = ethernet(0x0800) + ipv4(17, 8 + gtp.size()) + udp(2152, 2152, gtp.size()) + gtp;
            const ProtocolSummary s = summarizeFrameView(0, decodePacket(linktype::Ethernet, f), PacketRecord{}, nullptr, nullptr, true);
            return s.protocol + " | " + s.info;
        };
        QCOMPARE(row(Bytes{0x32, 0x01, 0, 4, 0, 0, 0, 0, 0, 7, 0, 0}), std::string("GTP | Echo request"));
        QCOMPARE(row(Bytes{0x30, 0xfe, 0, 0, 0, 0, 0, 1}), std::string("GTP | End Marker"));
        QCOMPARE(row(Bytes{0x30, 0x01, 0, 0}), std::string("GTP | Echo request[Malformed Packet]"));
        QCOMPARE(row(Bytes{0x30, 200, 0, 0, 0, 0, 0, 1}), std::string("UDP | 2152 \u2192 2152 Len=8"));
        const Bytes tpdu{0x30, 0xff, 0, 8, 1, 2, 3, 4};
        QCOMPARE(row(tpdu + Bytes{2, 0, 0, 0, 0x41, 2, 2, 0}), std::string("GTP <GTP> | T-PDU"));
        QCOMPARE(row(tpdu), std::string("GTP | T-PDU"));
        QCOMPARE(row(tpdu + Bytes{0x45, 0, 0, 0}), std::string("IPv4 | [Malformed Packet]"));
        QCOMPARE(row(tpdu + ipv4(17, 8, 3, 4) + udp(5, 6, 0)), std::string("GTP <UDP> | 5 \u2192 6 Len=0"));
    }

    void gtpCutBySnapshotLength()
    {
        // tshark 4.0 on the same frames, cut by the snapshot length (the frame's reported length
        // is whole): a GTP header, an extension header or the T-PDU's first byte not captured is
        // "limited", not malformed; under two bytes captured GTP does not take the datagram at all.
        const Bytes tpdu = Bytes{0x34, 0xff, 0, 13, 0, 0, 0, 1, 0, 0, 0, 0x85, 1, 0x10, 5, 0} + Bytes(5, 0x45);
        const Bytes f = ethernet(0x0800) + ipv4(17, 8 + tpdu.size()) + udp(2152, 2152, tpdu.size()) + tpdu;
        const auto row = [&](size_t gtpBytes) {
            const Bytes cut(f.begin(), f.end() - tpdu.size() + gtpBytes);
            const DecodedPacket d = decodePacket(linktype::Ethernet, cut, uint32_t(f.size()));
            const ProtocolSummary s = summarizeFrameView(0, d, PacketRecord{}, nullptr, nullptr, true);
            return s.protocol + " | " + s.info;
        };
        QCOMPARE(row(1).substr(0, 6), std::string("UDP | "));
        QCOMPARE(row(4), std::string("GTP | T-PDU[Packet size limited during capture]"));
        QCOMPARE(row(13), std::string("GTP | T-PDU[Packet size limited during capture]"));
        QCOMPARE(row(16), std::string("GTP | T-PDU[Packet size limited during capture]"));
    }

    void gtpv2Messages()
    {
        // tshark 4.0 on the same frames: version 2 is GTPv2 on both GTP ports, with any message
        // type; piggybacked messages follow " / "; a header cut short (by the datagram, or by the
        // snapshot length) is malformed (limited) after the type, and one byte is GTPv2 too.
        const auto row = [](const Bytes& gtp, uint16_t port = 2123, size_t drop = 0) {
            const Bytes f = ethernet(0x0800) + ipv4(17, 8 + gtp.size()) + udp(port, port, gtp.size()) + gtp;
            const DecodedPacket d = decodePacket(linktype::Ethernet, std::span(f.data(), f.size() - drop), uint32_t(f.size()));
            const ProtocolSummary s = summarizeFrameView(0, d, PacketRecord{}, nullptr, nullptr, true);
            return s.protocol + " | " + s.info;
        };
        const auto v2 = [](uint8_t type, bool piggy = false, const Bytes& body = {}) {
            return Bytes{uint8_t(0x48 | (piggy ? 0x10 : 0)), type, 0, uint8_t(8 + body.size()), 1, 2, 3, 4, 0, 0, 1, 0} + body;
        };
        QCOMPARE(row(v2(32)), std::string("GTPv2 | Create Session Request"));
        QCOMPARE(row(v2(177), 2152), std::string("GTPv2 | Downlink Data Notification Acknowledgement"));
        QCOMPARE(row(v2(178)), std::string("GTPv2 | Reserved. Allocated in earlier version of the specification."));
        QCOMPARE(row(v2(8)), std::string("GTPv2 | Unknown"));
        QCOMPARE(row(Bytes{0x40, 170, 0, 4, 0, 0, 1, 0}), std::string("GTPv2 | Release Access Bearers Request")); // no TEID
        QCOMPARE(row(v2(33, true) + v2(95, true) + v2(97)), std::string("GTPv2 | Create Session Response / Create Bearer Request / Update Bearer Request"));
        QCOMPARE(row(v2(33, true)), std::string("GTPv2 | Create Session Response / [Malformed Packet]"));
        QCOMPARE(row(v2(33, true) + Bytes{0x48}), std::string("GTPv2 | Create Session Response / [Malformed Packet]"));
        Bytes longer = v2(33, true) + v2(95);
        longer[3] = 200; // the first message runs past the datagram
        QCOMPARE(row(longer), std::string("GTPv2 | Create Session Response[Malformed Packet: length of contained item exceeds length of containing item]"));
        // Elements: walked while three bytes are left; one whose length runs past what is left ends the walk.
        QCOMPARE(row(v2(32, false, Bytes{3, 0})), std::string("GTPv2 | Create Session Request"));
        QCOMPARE(row(v2(32, false, Bytes{3, 0, 1})), std::string("GTPv2 | Create Session Request[Malformed Packet]"));
        QCOMPARE(row(v2(32, false, Bytes{3, 0, 5, 0, 5})), std::string("GTPv2 | Create Session Request"));
        QCOMPARE(row(v2(33, true, Bytes{3, 0, 5}) + v2(95)), std::string("GTPv2 | Create Session Response[Malformed Packet]"));
        QCOMPARE(row(Bytes{0x48}), std::string("GTPv2 | [Malformed Packet]"));
        QCOMPARE(row(Bytes{0x48, 32, 0, 8, 1, 2}), std::string("GTPv2 | Create Session Request[Malformed Packet]"));
        QCOMPARE(row(v2(32), 2123, 11), std::string("GTPv2 | [Packet size limited during capture]"));
        QCOMPARE(row(v2(32), 2123, 5), std::string("GTPv2 | Create Session Request[Packet size limited during capture]"));
        QCOMPARE(row(Bytes{0x60, 1, 0, 4, 0, 0, 1, 0}).substr(0, 6), std::string("UDP | ")); // version 3
        QCOMPARE(row(Bytes{0x40, 1, 0, 4, 0, 0, 1, 0}, 3386), std::string("GTP | Echo request")); // GTP' keeps version 2
    }

    void gtpv1ControlMessages()
    {
        // tshark 4.0: GTP-C on 2123 as on 2152, its TV elements of the sizes their types give, TLV
        // elements of their own lengths, within the message's length; an unknown type ends the walk.
        const auto row = [](const Bytes& gtp, uint16_t port = 2123, size_t drop = 0) {
            const Bytes f = ethernet(0x0800) + ipv4(17, 8 + gtp.size()) + udp(port, port, gtp.size()) + gtp;
            const DecodedPacket d = decodePacket(linktype::Ethernet, std::span(f.data(), f.size() - drop), uint32_t(f.size()));
            const ProtocolSummary s = summarizeFrameView(0, d, PacketRecord{}, nullptr, nullptr, true);
            return s.protocol + " | " + s.info;
        };
        const auto v1 = [](uint8_t type, const Bytes& body = {}) {
            return Bytes{0x32, type, 0, uint8_t(4 + body.size()), 1, 2, 3, 4, 0, 1, 0, 0} + body;
        };
        QCOMPARE(row(v1(16)), std::string("GTP | Create PDP context request"));
        QCOMPARE(row(v1(21)), std::string("GTP | Delete PDP context response"));
        QCOMPARE(row(v1(0)).substr(0, 6), std::string("UDP | "));
        QCOMPARE(row(v1(16, Bytes{14, 5, 2, 1, 1, 1, 1, 1, 1, 1, 1})), std::string("GTP | Create PDP context request")); // Recovery, IMSI
        QCOMPARE(row(v1(16, Bytes{2, 1, 1, 1, 1, 1, 1, 1})), std::string("GTP | Create PDP context request[Malformed Packet]"));
        QCOMPARE(row(v1(16, Bytes{0x85, 0, 4, 10, 0, 0, 1})), std::string("GTP | Create PDP context request"));
        QCOMPARE(row(v1(16, Bytes{0x85, 0, 16, 1})), std::string("GTP | Create PDP context request[Malformed Packet]"));
        QCOMPARE(row(v1(16, Bytes{7, 3})), std::string("GTP | Create PDP context request"));
        QCOMPARE(row(v1(16, Bytes{0xe1, 0, 5})), std::string("GTP | Create PDP context request"));
        Bytes cutByLength = v1(16, Bytes{14, 1, 3, 0, 0, 0, 0, 0, 0});
        cutByLength[3] = 7; // the routing area's six bytes run past the message
        QCOMPARE(row(cutByLength), std::string("GTP | Create PDP context request[Malformed Packet]"));
        QCOMPARE(row(v1(16, Bytes{14, 1, 3, 0, 0, 0, 0, 0, 0}), 2123, 3), std::string("GTP | Create PDP context request[Packet size limited during capture]"));
        QCOMPARE(row(v1(16), 2123, 11), std::string("UDP | 2123 \u2192 2123 Len=12[Packet size limited during capture]"));
        QCOMPARE(row(Bytes{0x32}), std::string("UDP | 2123 \u2192 2123 Len=1"));
        // Left by GTP with 1-3 bytes captured: tshark's heuristics read four (WireGuard's).
        QCOMPARE(row(Bytes{0x60, 1, 0, 4, 0, 0, 1, 0}, 2152, 5), std::string("UDP | 2152 \u2192 2152 Len=8[Packet size limited during capture]"));
        QCOMPARE(row(v1(0), 2123, 10), std::string("UDP | 2123 \u2192 2123 Len=12[Packet size limited during capture]"));
        QCOMPARE(row(Bytes{0x32, 16, 0, 4, 1, 2, 3, 4, 0, 1}), std::string("GTP | Create PDP context request")); // no N-PDU needed
        QCOMPARE(row(Bytes{0x31, 16, 0, 4, 1, 2, 3, 4, 0, 1}), std::string("GTP | Create PDP context request[Malformed Packet]"));
        QCOMPARE(row(Bytes{0x2e, 240, 0, 0, 0, 1}, 3386), std::string("GTP | Data record transfer request")); // GTP': 6 bytes
        QCOMPARE(row(Bytes{0x1e, 16, 0, 2} + Bytes(16, 0) + Bytes{3, 0}), std::string("GTP | Create PDP context request[Malformed Packet]"));
    }

    void gtpTpduPayloads()
    {
        // tshark 4.0: a T-PDU is IPv4 only from 0x45 to 0x4e, IPv6 from 0x60 to 0x6f; other data
        // under 15 bytes (by the GTP length) reads GTP <GTP>, longer data GTP; each tunnel level
        // wraps the Protocol once more.
        const auto tpdu = [](const Bytes& payload) {
            return Bytes{0x30, 0xff, uint8_t(payload.size() >> 8), uint8_t(payload.size()), 0, 0, 0, 1} + payload;
        };
        const auto row = [](const Bytes& gtp) {
            const Bytes f = ethernet(0x0800) + ipv4(17, 8 + gtp.size()) + udp(2152, 2152, gtp.size()) + gtp;
            const ProtocolSummary s = summarizeFrameView(0, decodePacket(linktype::Ethernet, f), PacketRecord{}, nullptr, nullptr, true);
            return s.protocol + " | " + s.info;
        };
        const Bytes inner = ipv4(17, 8 + 2, 3, 4) + udp(5, 6, 2) + Bytes{'h', 'i'};
        QCOMPARE(row(tpdu(inner)), std::string("GTP <UDP> | 5 \u2192 6 Len=2"));
        QCOMPARE(row(tpdu(ipv6(17, 8) + udp(5, 6, 0))).substr(0, 9), std::string("GTP <UDP>"));
        for (uint8_t first : {0x00, 0x40, 0x44, 0x4f, 0x50, 0x70, 0xff}) {
            QCOMPARE(row(tpdu(Bytes(14, first))), std::string("GTP <GTP> | T-PDU"));
            QCOMPARE(row(tpdu(Bytes(15, first))), std::string("GTP | T-PDU"));
        }
        Bytes shortByLength = tpdu(Bytes(20, 0));
        shortByLength[3] = 10;
        QCOMPARE(row(shortByLength), std::string("GTP <GTP> | T-PDU"));
        const Bytes inGtp = ipv4(17, 8 + tpdu(inner).size(), 7, 8) + udp(2152, 2152, tpdu(inner).size()) + tpdu(inner);
        QCOMPARE(row(tpdu(inGtp)), std::string("GTP <GTP <UDP>> | 5 \u2192 6 Len=2"));
        const Bytes echo{0x32, 1, 0, 4, 0, 0, 0, 0, 0, 1, 0, 0};
        QCOMPARE(row(tpdu(ipv4(17, 8 + echo.size()) + udp(2152, 2152, echo.size()) + echo)), std::string("GTP <GTP> | Echo request"));
        const Bytes data = tpdu(Bytes(4, 0));
        QCOMPARE(row(tpdu(ipv4(17, 8 + data.size()) + udp(2152, 2152, data.size()) + data)), std::string("GTP <GTP <GTP>> | T-PDU"));
        const Bytes v2{0x40, 1, 0, 4, 0, 0, 1, 0};
        QCOMPARE(row(tpdu(ipv4(17, 8 + v2.size()) + udp(2123, 2123, v2.size()) + v2)), std::string("GTP <GTPv2> | Echo Request"));
    }

    void gtpPrefixesStayInBounds()
    {
        // Every prefix of GTP datagrams with every optional part: offsets inside the capture, and
        // the row (its Info reads the headers again) written from captured bytes only.
        const Bytes v2 = Bytes{0x5c, 33, 0, 13, 1, 2, 3, 4, 0, 0, 1, 0x50, 3, 0, 1, 0, 5} + Bytes{0x48, 95, 0, 8, 1, 2, 3, 4, 0, 0, 2, 0};
        const Bytes v1 = Bytes{0x37, 16, 0, 14, 1, 2, 3, 4, 0, 1, 2, 0xc0, 1, 0, 0, 0, 14, 5, 0x85, 0, 4, 10, 0, 0, 1};
        const Bytes inner = ipv4(17, 8 + v2.size()) + udp(2123, 2123, v2.size()) + v2;
        const Bytes tpdu = Bytes{0x34, 0xff, 0, uint8_t(8 + inner.size()), 0, 0, 0, 1, 0, 0, 0, 0x85, 1, 0x10, 5, 0} + inner;
        for (const auto& [gtp, port] : {std::pair{v2, 2123}, {v2, 2152}, {v1, 2123}, {v1, 3386}, {tpdu, 2152}}) {
            const Bytes f = ethernet(0x0800) + ipv4(17, 8 + gtp.size()) + udp(uint16_t(port), uint16_t(port), gtp.size()) + gtp;
            checkPrefixes(f);
            for (size_t n = 0; n <= f.size(); ++n) {
                const Bytes cut(f.begin(), f.begin() + std::ptrdiff_t(n)); // its own buffer: ASan sees any read past it
                const ProtocolSummary s = summarizeFrameView(0, decodePacket(linktype::Ethernet, cut, uint32_t(f.size())), PacketRecord{}, nullptr, nullptr, true);
                QVERIFY(!s.protocol.empty());
            }
        }
    }

    void icmpErrorQuotesIpAndTcp()
    {
        const Bytes segment = tcp(49152, 80);
        const Bytes quoted = ipv4(6, 20, 7, 8) + Bytes(segment.begin(), segment.begin() + 8); // ports and seq
        const Bytes icmp = Bytes{3, 3, 0, 0, 0, 0, 0, 0} + quoted;
        const Bytes frame = ethernet(0x0800) + ipv4(1, icmp.size()) + icmp;
        const DecodedPacket d = decodePacket(linktype::Ethernet, frame);
        QCOMPARE(d.transport, TransportLayer::Icmp);
        QCOMPARE(d.netOffset, 14u); // the error's own header carries the transport
        QCOMPARE(int(d.ipCount), 2);
        QCOMPARE(d.ipHeaders[1].src, 14u + 20 + 8 + 12);
        QCOMPARE(int(d.quotedProto), 6);
        QCOMPARE(d.quotedOffset, 14u + 20 + 8 + 20);
        QCOMPARE(summarizeProtocol(d, PacketRecord{}).info, std::string("Destination unreachable (Port unreachable)"));
        checkPrefixes(frame);
    }

    void ipv4DestinationOfASourceRoute()
    {
        // Loose source route with one hop (10.9.9.9), then padding: tshark shows that hop as ip.dst.
        Bytes ip = ipv4(17, 8);
        ip[0] = 0x47;
        ip[3] = uint8_t(28 + 8);
        const Bytes frame = ethernet(0x0800) + ip + Bytes{0x83, 7, 4, 10, 9, 9, 9, 0} + udp(1, 2, 0);
        const DecodedPacket d = decodePacket(linktype::Ethernet, frame);
        QCOMPARE(int(d.ipCount), 1);
        QCOMPARE(d.ipHeaders[0].dst, 14u + 20 + 3);
        QCOMPARE(d.transport, TransportLayer::Udp);
        checkPrefixes(frame);
    }

    void nestingIsBounded()
    {
        // tshark follows hundreds of nested headers (to its own bound of 500 layers), we 96 layers:
        // enough for any real frame, and a crafted one cannot recurse without end.
        for (const int depth : {40, 200}) {
            Bytes frame = ethernet(0x0800);
            for (int i = 0; i < depth; ++i)
                frame = frame + ipv4(i + 1 < depth ? 4 : 17, 20 * (depth - 1 - i) + 8, uint8_t(i), uint8_t(i + 100));
            frame = frame + udp(1, 2, 0);
            const DecodedPacket d = decodePacket(linktype::Ethernet, frame);
            QVERIFY(d.ipCount <= DecodedPacket::kMaxIpHeaders);
            QCOMPARE(d.transport, depth == 40 ? TransportLayer::Udp : TransportLayer::None); // 200: stopped before the datagram
            if (depth == 40) // the columns show the innermost header's addresses
                QCOMPARE(columnAddress(d, true) + " " + columnAddress(d, false), std::string("10.0.0.39 10.0.0.139"));
            checkPrefixes(frame);
        }
    }

    void addressesPastTheListedIpHeaders()
    {
        // Nine IPv4 headers, one more than DecodedPacket lists: the columns show the innermost's
        // addresses (tshark 4.0: 10.0.0.9 -> 10.0.0.109), for the datagram and for an ICMP error
        // it carries (whose quoted header leaves them).
        for (const bool icmp : {false, true}) {
            const Bytes quoted = ipv4(17, 8, 200, 201) + udp(1, 2, 0);
            const Bytes inner = icmp ? Bytes{3, 3, 0, 0, 0, 0, 0, 0} + quoted : udp(1, 2, 0);
            Bytes frame = ethernet(0x0800);
            for (int i = 1; i <= 9; ++i)
                frame = frame + ipv4(i < 9 ? 4 : icmp ? 1 : 17, 20 * (9 - i) + inner.size(), uint8_t(i), uint8_t(100 + i));
            frame = frame + inner;
            const DecodedPacket d = decodePacket(linktype::Ethernet, frame);
            QCOMPARE(columnAddress(d, true, false), std::string("10.0.0.9"));
            QCOMPARE(columnAddress(d, false, false), std::string("10.0.0.109"));
        }
    }

    void ieee80211DataThroughSnap()
    {
        // Radiotap (8 bytes, nothing present), a data frame from the DS, LLC/SNAP, IPv4/UDP.
        const Bytes radiotap{0, 0, 8, 0, 0, 0, 0, 0};
        Bytes wlan(24, 0);
        wlan[0] = 0x08; // data
        wlan[1] = 0x02; // from DS
        const Bytes frame = radiotap + wlan + Bytes{0xaa, 0xaa, 3, 0, 0, 0, 0x08, 0x00} + ipv4(17, 8) + udp(1, 2, 0);
        const DecodedPacket d = decodePacket(linktype::Radiotap, frame);
        QCOMPARE(d.netOffset, 8u + 24 + 8);
        QCOMPARE(d.transport, TransportLayer::Udp);
        checkPrefixes(frame, linktype::Radiotap);
        // A management frame is 802.11.
        Bytes beacon = radiotap + Bytes(24, 0);
        beacon[8] = 0x80;
        QCOMPARE(protocolOf(decodePacket(linktype::Radiotap, beacon)), std::string("802.11"));
    }
};

QTEST_GUILESS_MAIN(TestEncapsulation)
#include "tst_encapsulation.moc"
