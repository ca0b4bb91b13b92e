// eth.*, vlan.*, arp.*: the link layer and ARP.
#include "fields/fieldtable.h"

#include "decode/linktypes.h"

namespace synflow::fieldtable {
namespace {

bool isEthernet(const FieldSource& s) { return dp(s).linkType == linktype::Ethernet && dp(s).frame.size() >= 14; }

// VLAN tags that are captured whole: (offset of each tag's TCI).
template<typename F>
void forEachVlan(const FieldSource& s, F&& visit)
{
    if (!isEthernet(s))
        return;
    uint32_t off = 14;
    for (int i = 0; i < dp(s).vlanCount && off + 4 <= dp(s).frame.size(); ++i, off += 4)
        visit(off);
}

// Linux cooked captures: v1 (16 bytes) and v2 (20 bytes) lay the same fields out differently.
bool isSll1(const FieldSource& s) { return dp(s).linkType == linktype::LinuxSll && dp(s).frame.size() >= 16; }
bool isSll2(const FieldSource& s) { return dp(s).linkType == linktype::LinuxSll2 && dp(s).frame.size() >= 20; }
bool isSll(const FieldSource& s) { return isSll1(s) || isSll2(s); }

bool isArp(const FieldSource& s) { return dp(s).net == NetLayer::Arp; }
bool wholeArp(const FieldSource& s) { return isArp(s) && dp(s).frame.size() >= dp(s).netOffset + 28; }
const uint8_t* arpAt(const FieldSource& s, uint32_t off) { return dp(s).at(dp(s).netOffset + off); }

} // namespace

void addLinkFields(Table& t)
{
    t.presence("eth", FieldType::Protocol, "Ethernet II", isEthernet);
    t.add("eth.dst", FieldType::Ether, "Destination", [](const FieldSource& s, FieldValues& v) {
        if (isEthernet(s))
            v.push_back(address(dp(s).at(0), 6));
    });
    t.add("eth.src", FieldType::Ether, "Source", [](const FieldSource& s, FieldValues& v) {
        if (isEthernet(s))
            v.push_back(address(dp(s).at(6), 6));
    });
    t.add("eth.addr", FieldType::Ether, "Address", [](const FieldSource& s, FieldValues& v) {
        if (isEthernet(s)) {
            v.push_back(address(dp(s).at(0), 6));
            v.push_back(address(dp(s).at(6), 6));
        }
    });
    t.number("eth.type", FieldType::Uint, "Type", isEthernet, [](const FieldSource& s) { return int64_t(loadBe16(dp(s).at(12))); }, 0, 4);

    t.presence("vlan", FieldType::Protocol, "802.1Q Virtual LAN", [](const FieldSource& s) { return dp(s).vlanCount > 0; });
    // The decoder keeps the first two IDs even where the tags themselves were cut off.
    t.add("vlan.id", FieldType::Uint, "ID", [](const FieldSource& s, FieldValues& v) {
        for (int i = 0; i < dp(s).vlanCount && i < 2; ++i)
            v.push_back(integer(dp(s).vlanIds[i]));
    });
    t.add("vlan.priority", FieldType::Uint, "Priority", [](const FieldSource& s, FieldValues& v) {
        forEachVlan(s, [&](uint32_t off) { v.push_back(integer(loadBe16(dp(s).at(off)) >> 13)); });
    });
    t.add("vlan.etype", FieldType::Uint, "Type", [](const FieldSource& s, FieldValues& v) {
        forEachVlan(s, [&](uint32_t off) { v.push_back(integer(loadBe16(dp(s).at(off + 2)))); });
    }, 0, 4);

    t.presence("sll", FieldType::Protocol, "Linux cooked capture", isSll);
    const auto at = [](const FieldSource& s, uint32_t v1, uint32_t v2) { return dp(s).at(isSll1(s) ? v1 : v2); };
    t.number("sll.pkttype", FieldType::Uint, "Packet type", isSll,
             [at](const FieldSource& s) { return int64_t(isSll1(s) ? loadBe16(at(s, 0, 0)) : *at(s, 0, 10)); });
    t.number("sll.hatype", FieldType::Uint, "Link-layer address type", isSll, [at](const FieldSource& s) { return int64_t(loadBe16(at(s, 2, 8))); });
    t.number("sll.halen", FieldType::Uint, "Link-layer address length", isSll,
             [at](const FieldSource& s) { return int64_t(isSll1(s) ? loadBe16(at(s, 4, 0)) : *at(s, 0, 11)); });
    t.add("sll.src.eth", FieldType::Ether, "Source", [at](const FieldSource& s, FieldValues& v) {
        if (isSll(s))
            v.push_back(address(at(s, 6, 12), 6));
    });
    t.number("sll.etype", FieldType::Uint, "Protocol", isSll, [at](const FieldSource& s) { return int64_t(loadBe16(at(s, 14, 0))); }, 0, 4);
    t.number("sll.ifindex", FieldType::Uint, "Interface index", isSll2, [at](const FieldSource& s) { return int64_t(loadBe32(at(s, 0, 4))); });

    t.presence("arp", FieldType::Protocol, "Address Resolution Protocol", isArp);
    t.number("arp.hw.type", FieldType::Uint, "Hardware type", wholeArp, [](const FieldSource& s) { return int64_t(loadBe16(arpAt(s, 0))); });
    t.number("arp.proto.type", FieldType::Uint, "Protocol type", wholeArp, [](const FieldSource& s) { return int64_t(loadBe16(arpAt(s, 2))); }, 0, 4);
    t.number("arp.hw.size", FieldType::Uint, "Hardware size", wholeArp, [](const FieldSource& s) { return int64_t(*arpAt(s, 4)); });
    t.number("arp.proto.size", FieldType::Uint, "Protocol size", wholeArp, [](const FieldSource& s) { return int64_t(*arpAt(s, 5)); });
    t.number("arp.opcode", FieldType::Uint, "Opcode", wholeArp, [](const FieldSource& s) { return int64_t(loadBe16(arpAt(s, 6))); });
    const std::pair<const char*, const char*> names[] = {{"arp.src.hw_mac", "Sender MAC address"}, {"arp.dst.hw_mac", "Target MAC address"}};
    const std::pair<const char*, const char*> ips[] = {{"arp.src.proto_ipv4", "Sender IP address"}, {"arp.dst.proto_ipv4", "Target IP address"}};
    for (uint32_t side = 0; side < 2; ++side) {
        t.add(names[side].first, FieldType::Ether, names[side].second, [side](const FieldSource& s, FieldValues& v) {
            if (wholeArp(s))
                v.push_back(address(arpAt(s, 8 + side * 10), 6));
        });
        t.add(ips[side].first, FieldType::Ipv4, ips[side].second, [side](const FieldSource& s, FieldValues& v) {
            if (wholeArp(s))
                v.push_back(address(arpAt(s, 14 + side * 10), 4));
        });
    }
}

} // namespace synflow::fieldtable
