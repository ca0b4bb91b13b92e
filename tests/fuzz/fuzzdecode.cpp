#include "fuzzbody.h"
#include "fuzzsupport.h"

#include "capture/captureinfo.h"
#include "decode/linktypes.h"
#include "decode/packetdecoder.h"
#include "output/fieldswriter.h"
#include "proto/pducontinuation.h"
#include "proto/protocolsummary.h"
#include "tree/detailtree.h"

#include <cstdlib>
#include <string>

namespace synflow::fuzz {

namespace {

// Every link type the decoder knows, and one it does not.
constexpr uint16_t kLinkTypes[] = {linktype::Null, linktype::Ethernet, linktype::RawOpenBsd, linktype::RawAlt,
                                   linktype::Raw,  linktype::Loop,     linktype::LinuxSll,   linktype::IPv4,
                                   linktype::IPv6, linktype::LinuxSll2, linktype::Ieee80211, linktype::Radiotap,
                                   linktype::Ppi, 147};

// What views rely on: every offset the decoder hands out lies inside the captured bytes.
void checkLayers(const DecodedPacket& d)
{
    const size_t n = d.frame.size();
    if (d.linkHeaderLen > n || (d.net != NetLayer::None && d.netOffset > n))
        abort();
    if (d.transport != TransportLayer::None
        && (d.transportOffset > n || d.transportCaptured > n - d.transportOffset))
        abort();
    if (d.transport == TransportLayer::Tcp && d.tcpPortsValid && size_t(d.transportOffset) + 4 > n)
        abort();
    if (d.transport == TransportLayer::Tcp && d.tcpHeaderValid && (size_t(d.transportOffset) + 16 > n || d.tcpHeaderLen < 20))
        abort();
}

} // namespace

void runDecoder(const uint8_t* data, size_t size)
{
    if (size < 2)
        return;
    const uint16_t linkType = kLinkTypes[data[0] % std::size(kLinkTypes)];
    const std::span<const uint8_t> frame(data + 2, size - 2);
    // 0: as captured; otherwise the wire length is the captured length give or take 127 bytes.
    const int64_t wire = data[1] == 0 ? 0 : std::max<int64_t>(0, int64_t(frame.size()) + data[1] - 128);
    const DecodedPacket d = decodePacket(linkType, frame, uint32_t(wire));
    checkLayers(d);
    forEachTcpOption(d, [&](uint8_t, uint32_t offset, uint32_t length) {
        if (size_t(offset) + length > frame.size())
            abort();
    });

    PacketRecord rec;
    rec.tsNs = 1'700'000'000'000'000'000;
    rec.capLen = uint32_t(frame.size());
    rec.origLen = wire ? uint32_t(wire) : rec.capLen;
    const ProtocolSummary s = summarizeFrame(d, rec, nullptr, nullptr);
    (void)summarizeProtocol(d, rec);

    InterfaceInfo iface;
    iface.linkType = linkType;
    FrameContext ctx;
    ctx.number = 1;
    ctx.record = &rec;
    ctx.decoded = &d;
    ctx.interface = &iface;
    ctx.time = {1'700'000'000, 0};
    const DetailTree tree = buildDetailTree(ctx);
    (void)tree.text();
    if (!frame.empty())
        (void)tree.nodeAt(uint32_t(data[1] % frame.size()));

    FieldsWriter writer;
    std::string out;
    writer.appendRow(out, FrameView{1, &rec, &d, ctx.time, nullptr, s.protocol, s.info});
}

} // namespace synflow::fuzz
