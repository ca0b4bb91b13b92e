// udp.*, icmp.*, icmpv6.*: the transports other than TCP.
#include "fields/fieldtable.h"

namespace synflow::fieldtable {
namespace {

bool isUdp(const FieldSource& s) { return dp(s).transport == TransportLayer::Udp && dp(s).transportCaptured >= 8; }
UdpView udpOf(const FieldSource& s) { return UdpView{dp(s).at(dp(s).transportOffset)}; }

void addIcmp(Table& t, const std::string& proto, std::string description, TransportLayer layer)
{
    const auto is = [layer](const FieldSource& s) { return dp(s).transport == layer; };
    const auto whole = [layer](const FieldSource& s) { return dp(s).transport == layer && dp(s).transportCaptured >= 4; };
    const auto at = [](const FieldSource& s, uint32_t off) { return dp(s).at(dp(s).transportOffset + off); };
    t.presence(proto, FieldType::Protocol, std::move(description), is);
    t.number(proto + ".type", FieldType::Uint, "Type", whole, [at](const FieldSource& s) { return int64_t(*at(s, 0)); });
    t.number(proto + ".code", FieldType::Uint, "Code", whole, [at](const FieldSource& s) { return int64_t(*at(s, 1)); });
    t.number(proto + ".checksum", FieldType::Uint, "Checksum", whole, [at](const FieldSource& s) { return int64_t(loadBe16(at(s, 2))); }, 0, 4);
}

} // namespace

void addTransportFields(Table& t)
{
    t.presence("udp", FieldType::Protocol, "User Datagram Protocol", isUdp);
    t.number("udp.srcport", FieldType::Uint, "Source Port", isUdp, [](const FieldSource& s) { return int64_t(udpOf(s).srcPort()); });
    t.number("udp.dstport", FieldType::Uint, "Destination Port", isUdp, [](const FieldSource& s) { return int64_t(udpOf(s).dstPort()); });
    t.add("udp.port", FieldType::Uint, "Source or Destination Port", [](const FieldSource& s, FieldValues& v) {
        if (isUdp(s)) {
            v.push_back(integer(udpOf(s).srcPort()));
            v.push_back(integer(udpOf(s).dstPort()));
        }
    });
    t.number("udp.length", FieldType::Uint, "Length", isUdp, [](const FieldSource& s) { return int64_t(udpOf(s).length()); });
    t.number("udp.checksum", FieldType::Uint, "Checksum", isUdp, [](const FieldSource& s) { return int64_t(udpOf(s).checksum()); }, 0, 4);
    t.add("udp.payload", FieldType::Bytes, "UDP payload", [](const FieldSource& s, FieldValues& v) {
        if (isUdp(s) && dp(s).transportCaptured > 8)
            v.push_back(bytes(dp(s).at(dp(s).transportOffset + 8), dp(s).transportCaptured - 8));
    });
    addIcmp(t, "icmp", "Internet Control Message Protocol", TransportLayer::Icmp);
    addIcmp(t, "icmpv6", "Internet Control Message Protocol v6", TransportLayer::Icmpv6);
}

} // namespace synflow::fieldtable
