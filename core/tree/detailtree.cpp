#include "tree/detailtree.h"

#include "analysis/analysedcapture.h"
#include "capture/capturefile.h"
#include "decode/linktypes.h"
#include "fields/fieldregistry.h"
#include "output/textformat.h"
#include "proto/enterprisenames.h"
#include "proto/icmpsummary.h"
#include "proto/conversationprotocols.h"
#include "proto/desegmentedview.h"
#include "stats/protocolhierarchy.h"
#include "proto/pdubytes.h"
#include "proto/pducontinuation.h"
#include "proto/protocolsummary.h"
#include "tree/apptree.h"
#include "tree/quictree.h"
#include "tree/treebuild.h"
#include "proto/valuenames.h"
#include "tcp/tcpinfo.h"
#include "tcp/tcptracker.h"

#include <algorithm>
#include <unordered_map>
#include <cstdio>
#include <ctime>

namespace synflow {

int32_t DetailTree::add(int32_t parent, std::string label, uint32_t offset, uint32_t length, uint32_t mask)
{
    return add(parent, nullptr, std::move(label), offset, length, mask);
}

int32_t DetailTree::add(int32_t parent, const Field* field, std::string label, uint32_t offset, uint32_t length, uint32_t mask)
{
    const int32_t id = int32_t(nodes_.size());
    const uint64_t link = frameReferenceOf(label);
    const int severity = expertSeverityOf(label);
    nodes_.push_back(DetailNode{std::move(label), offset, length, mask, parent, {}, field});
    nodes_.back().frameLink = link;
    if (parent < 0)
        roots_.push_back(id);
    else
        nodes_[size_t(parent)].children.push_back(id);
    if (severity >= 0) {
        nodes_.back().severity = int8_t(severity);
        if (parent >= 0)
            nodes_[size_t(parent)].severity = std::max<int8_t>(nodes_[size_t(parent)].severity, int8_t(severity));
    }
    return id;
}

uint64_t frameReferenceOf(std::string_view label)
{
    // Only generated lines ("[...]"): a header's text may say anything.
    if (label.size() < 4 || label.front() != '[')
        return 0;
    auto numberAfter = [&](size_t at, bool list) -> uint64_t {
        uint64_t n = 0;
        size_t i = at;
        while (i < label.size() && label[i] >= '0' && label[i] <= '9' && i - at < 12)
            n = n * 10 + uint64_t(label[i++] - '0');
        if (i == at || i >= label.size())
            return 0;
        return label[i] == ']' || (list && label[i] == ',') ? n : 0;
    };
    if (label.starts_with("[Frame: "))
        return numberAfter(8, true);
    for (std::string_view key : {std::string_view("frame: "), std::string_view(" In: ")}) {
        const size_t at = label.rfind(key);
        if (at != std::string_view::npos)
            if (const uint64_t n = numberAfter(at + key.size(), false))
                return n;
    }
    return 0;
}

int expertSeverityOf(std::string_view label)
{
    constexpr std::string_view head = "[Expert Info (";
    if (!label.starts_with(head))
        return -1;
    const std::string_view rest = label.substr(head.size());
    static constexpr std::pair<std::string_view, ExpertSeverity> names[] = {
        {"Comment/", ExpertSeverity::Comment}, {"Chat/", ExpertSeverity::Chat}, {"Note/", ExpertSeverity::Note},
        {"Warning/", ExpertSeverity::Warning}, {"Warn/", ExpertSeverity::Warning}, {"Error/", ExpertSeverity::Error}};
    for (const auto& [name, severity] : names)
        if (rest.starts_with(name))
            return int(severity);
    return -1;
}

void DetailTree::clipTo(uint32_t end)
{
    for (DetailNode& n : nodes_) {
        if (n.offset >= end)
            n.offset = n.length = n.mask = 0;
        else if (n.length > end - n.offset)
            n.length = end - n.offset;
    }
}

int32_t DetailTree::nodeAt(uint32_t offset) const
{
    // Deepest, then narrowest node whose bytes include offset.
    int32_t best = -1;
    int bestDepth = -1;
    for (size_t i = 0; i < nodes_.size(); ++i) {
        const DetailNode& n = nodes_[i];
        if (n.length == 0 || offset < n.offset || offset >= n.offset + n.length)
            continue;
        int depth = 0;
        for (int32_t p = n.parent; p >= 0; p = nodes_[size_t(p)].parent)
            ++depth;
        if (depth > bestDepth || (depth == bestDepth && n.length < nodes_[size_t(best)].length)) {
            best = int32_t(i);
            bestDepth = depth;
        }
    }
    return best;
}

void DetailTree::appendText(std::string& out, int32_t node, int depth) const
{
    out.append(size_t(depth) * 4, ' ');
    out += nodes_[size_t(node)].label;
    out += '\n';
    for (int32_t c : nodes_[size_t(node)].children)
        appendText(out, c, depth + 1);
}

std::string DetailTree::text(int32_t node) const
{
    std::string out;
    if (node >= 0)
        appendText(out, node, 0);
    else
        for (int32_t r : roots_)
            appendText(out, r, 0);
    return out;
}

namespace treebuild {

// "0100 ...." style picture of the masked bits of a `bits`-wide field.
std::string bitPicture(uint32_t value, uint32_t mask, int bits)
{
    std::string s;
    for (int i = bits - 1; i >= 0; --i) {
        s += (mask >> i) & 1 ? ((value >> i) & 1 ? '1' : '0') : '.';
        if (i % 4 == 0 && i != 0)
            s += ' ';
    }
    return s;
}

std::string bitLine(uint32_t value, uint32_t mask, int bits, const std::string& rest)
{
    return bitPicture(value, mask, bits) + " = " + rest;
}

const char* setOrNot(bool b) { return b ? "Set" : "Not set"; }

// Nodes that show a field take its name from the registry; the value keeps tshark's wording.
const std::string& nameOf(const char* name) { return field(name).description; }

// "Name: value"
int32_t addField(DetailTree& t, int32_t parent, const char* name, const std::string& value, uint32_t offset, uint32_t length)
{
    return t.add(parent, &field(name), nameOf(name) + ": " + value, offset, length);
}

// Bytes as tshark shows a byte-string field: lower-case hex, no separators.
std::string hexBytes(const uint8_t* p, uint32_t n)
{
    std::string out;
    appendHexBytes(out, p, n);
    return out;
}

void addDataLayer(DetailTree& t, int32_t parent, const DecodedPacket& d, uint32_t off, uint32_t n)
{
    const uint32_t cap = uint32_t(d.frame.size());
    n = off < cap ? std::min(n, cap - off) : 0;
    if (!n)
        return;
    const int32_t x = t.add(parent, fmt("Data (%u bytes)", n), off, n);
    t.add(x, "Data: " + hexBytes(d.at(off), std::min<uint32_t>(n, 36)) + (n > 36 ? "\u2026" : ""), off, n); // tshark's cut
    t.add(x, fmt("[Length: %u]", n));
}

// "[Name: value]": a field tshark works out rather than reads from the bytes.
int32_t addGenerated(DetailTree& t, int32_t parent, const char* name, const std::string& value)
{
    return t.add(parent, &field(name), "[" + nameOf(name) + ": " + value + "]");
}

// "0100 .... = Name: value"
int32_t addBits(DetailTree& t, int32_t parent, const char* name, uint32_t value, uint32_t mask, int bits, const std::string& text,
                uint32_t offset, uint32_t length)
{
    return t.add(parent, &field(name), bitLine(value, mask, bits, nameOf(name) + ": " + text), offset, length, mask);
}

// A layer: its name, then tshark's summary.
int32_t addLayer(DetailTree& t, const char* name, const std::string& summary, uint32_t offset, uint32_t length)
{
    return t.add(-1, &field(name), nameOf(name) + summary, offset, length);
}

std::string seconds(int64_t ns)
{
    std::string s;
    appendSeconds(s, ns);
    return s;
}

std::string mac(const uint8_t* p)
{
    return fmt("%02x:%02x:%02x:%02x:%02x:%02x", p[0], p[1], p[2], p[3], p[4], p[5]);
}

std::string arrivalTime(const Timestamp& t)
{
    const time_t sec = time_t(t.sec);
    struct tm tm {};
    if (!gmtime_r(&sec, &tm))
        return "Not representable"; // as tshark: the year does not fit the C library's int
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return fmt("%s %2d, %d %02d:%02d:%02d.%09u UTC", months[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
               tm.tm_sec, t.nsec);
}

std::string protocolsInFrame(const DecodedPacket& d)
{
    std::string s;
    switch (d.linkType) {
    case linktype::Ethernet:
        s = "eth:ethertype";
        for (int i = 0; i < d.vlanCount; ++i)
            s += ":vlan:ethertype";
        if (d.pppoe)
            s += ":pppoes:ppp";
        break;
    case linktype::LinuxSll:
        s = "sll:ethertype";
        break;
    case linktype::LinuxSll2:
        s = "sll2:ethertype";
        break;
    case linktype::Null:
    case linktype::Loop:
        s = "null";
        break;
    case linktype::Raw:
    case linktype::RawOpenBsd:
    case linktype::RawAlt:
        s = "raw";
        break;
    case linktype::Radiotap:
    case linktype::Ppi:
    case linktype::Ieee80211:
        s = d.linkType == linktype::Radiotap ? "radiotap:wlan_radio:wlan" : d.linkType == linktype::Ppi ? "ppi:wlan_radio:wlan" : "wlan";
        if (d.net != NetLayer::None)
            s += ":llc";
        break;
    default:
        break;
    }
    auto add = [&](const char* p) {
        if (!s.empty())
            s += ':';
        s += p;
    };
    if (d.net == NetLayer::IPv4)
        add("ip");
    else if (d.net == NetLayer::IPv6)
        add("ipv6");
    else if (d.net == NetLayer::Arp)
        add("arp");
    switch (d.transport) {
    case TransportLayer::Tcp:
        add("tcp");
        break;
    case TransportLayer::Udp:
        add("udp");
        break;
    case TransportLayer::Icmp:
        add("icmp");
        break;
    case TransportLayer::Icmpv6:
        add("icmpv6");
        break;
    default:
        break;
    }
    if (s.empty())
        s = "data";
    return s;
}

// The marker field an expert message stands for (tcp.analysis.retransmission for "This frame is
// a (suspected) retransmission"): tshark registers each expert as a field described by its message.
const Field* expertField(const std::string& message)
{
    static const std::unordered_map<std::string, const Field*> byMessage = [] {
        std::unordered_map<std::string, const Field*> m;
        for (const Field& f : allFields())
            if (f.type == FieldType::None)
                m.emplace(f.description, &f);
        return m;
    }();
    const auto it = byMessage.find(message);
    return it == byMessage.end() ? nullptr : it->second;
}

void addExpert(DetailTree& t, int32_t parent, const ExpertItem& e)
{
    const int32_t x = t.add(parent, expertField(e.message), "[Expert Info (" + std::string(expertSeverityName(e.severity)) + "/"
                                        + expertGroupName(e.group) + "): " + e.message + "]");
    t.add(x, "[" + e.message + "]");
    t.add(x, std::string("[Severity level: ") + expertSeverityName(e.severity) + "]");
    t.add(x, std::string("[Group: ") + expertGroupName(e.group) + "]");
}

void buildFrame(DetailTree& t, const FrameContext& c)
{
    const PacketRecord& r = *c.record;
    std::string head = nameOf("frame") + fmt(" %llu: %u bytes on wire (%llu bits), %u bytes captured (%llu bits)",
                           static_cast<unsigned long long>(c.number), r.origLen, 8ull * r.origLen, r.capLen, 8ull * r.capLen);
    // pcapng names its interfaces ("unknown" when the block has no name); pcap has none.
    const bool named = c.pcapng && c.interface;
    const std::string ifname = named && !c.interface->name.empty() ? c.interface->name : "unknown";
    if (named)
        head += fmt(" on interface %s, id %u", ifname.c_str(), c.interfaceId);
    // As tshark: the comments are a tree of their own before the frame, each with its expert item.
    if (!c.comments.empty()) {
        const int32_t pc = t.add(-1, "Packet comments");
        for (const std::string& cm : c.comments) {
            const std::string text = cm.substr(0, cm.find('\0'));
            addExpert(t, t.add(pc, &field("frame.comment"), text), {ExpertSeverity::Comment, ExpertGroup::Comment, text, "Frame"});
        }
    }
    const int32_t f = t.add(-1, &field("frame"), head, 0, r.capLen);
    if (named) {
        t.add(f, fmt("Section number: %u", c.interface->section + 1));
        const int32_t i = t.add(f, fmt("Interface id: %u (%s)", c.interfaceId, ifname.c_str()));
        t.add(i, "Interface name: " + ifname);
        if (!c.interface->description.empty())
            t.add(i, "Interface description: " + c.interface->description);
    }
    const uint16_t lt = c.decoded->linkType;
    addField(t, f, "frame.encap_type", fmt("%s (%u)", linktype::name(lt), linktype::wiretapEncapsulation(lt)));
    if (!(r.flags & RecordNoTimestamp)) {
        t.add(f, "Arrival Time: " + arrivalTime(c.time));
        t.add(f, "[Time shift for this packet: 0.000000000 seconds]");
        std::string epoch;
        appendEpoch(epoch, c.time.sec, c.time.nsec);
        addField(t, f, "frame.time_epoch", epoch + " seconds");
        addGenerated(t, f, "frame.time_delta", seconds(c.sincePreviousNs) + " seconds");
        addGenerated(t, f, "frame.time_delta_displayed", seconds(c.sincePreviousNs) + " seconds");
        addGenerated(t, f, "frame.time_relative", seconds(c.sinceFirstNs) + " seconds");
    }
    addField(t, f, "frame.number", fmt("%llu", static_cast<unsigned long long>(c.number)));
    addField(t, f, "frame.len", fmt("%u bytes (%llu bits)", r.origLen, 8ull * r.origLen));
    addField(t, f, "frame.cap_len", fmt("%u bytes (%llu bits)", r.capLen, 8ull * r.capLen));
    addGenerated(t, f, "frame.marked", "False");
    addGenerated(t, f, "frame.ignored", "False");
    t.add(f, "[Protocols in frame: " + (c.protocolsInFrame.empty() ? protocolsInFrame(*c.decoded) : c.protocolsInFrame) + "]");
}

// A pcapng Custom Block: a frame of its own in tshark, whose data no dissector reads.
void buildCustomBlock(DetailTree& t, const FrameContext& c)
{
    const PacketRecord& r = *c.record;
    const DecodedPacket& d = *c.decoded;
    const char* name = enterpriseName(d.customPen);
    const std::string pen = named(name, d.customPen);
    const int32_t f = t.add(-1, // not the frame protocol's item (its label does not say Frame)
                            fmt("PCAPNG Custom Block %llu: %u bytes (%llu bits) of custom data and options, PEN %s, copying %s",
                                static_cast<unsigned long long>(c.number), r.capLen, 8ull * r.capLen, pen.c_str(),
                                d.customCopyAllowed ? "allowed" : "not allowed"),
                            0, r.capLen);
    t.add(f, fmt("Section number: %u", c.section + 1));
    addField(t, f, "frame.number", fmt("%llu", static_cast<unsigned long long>(c.number)));
    addField(t, f, "frame.len", fmt("%u bytes (%llu bits)", r.origLen, 8ull * r.origLen));
    addField(t, f, "frame.cap_len", fmt("%u bytes (%llu bits)", r.capLen, 8ull * r.capLen));
    addGenerated(t, f, "frame.marked", "False");
    addGenerated(t, f, "frame.ignored", "False");
    t.add(f, "Private Enterprise Number: " + pen);
    t.add(f, std::string("Copying: ") + (d.customCopyAllowed ? "Allowed" : "Not Allowed"));
    t.add(f, std::string("[Protocols in frame: ") + (r.capLen ? "data" : "") + "]");
    addDataLayer(t, -1, d, 0, r.capLen);
}

const char* etherTypeName(uint16_t t)
{
    const char* name = etherTypeValueName(t);
    return name ? name : "Unknown";
}

// "Name (value)", as tshark shows an enumerated field; "Unknown (value)" when it has no name.
std::string named(const char* name, uint32_t value)
{
    return fmt("%s (%u)", name ? name : "Unknown", value);
}

// The cooked header's 8-byte address field: the sender's address, then the bytes it leaves unused.
void addSllAddress(DetailTree& t, int32_t parent, const DecodedPacket& d, uint32_t off, uint32_t halen)
{
    const uint32_t used = std::min<uint32_t>(halen, 8);
    if (used == 6) {
        addField(t, parent, "sll.src.eth", mac(d.at(off)), off, 6);
    } else if (used > 0) { // not an Ethernet address: its bytes
        std::string bytes;
        for (uint32_t i = 0; i < used; ++i)
            bytes += fmt(i ? ":%02x" : "%02x", d.frame[off + i]);
        t.add(parent, "Source: " + bytes, off, used);
    }
    if (used < 8) {
        std::string hex;
        for (uint32_t i = used; i < 8; ++i)
            hex += fmt("%02x", d.frame[off + i]);
        t.add(parent, "Unused: " + hex, off + used, 8 - used);
    }
}

int32_t buildEthernetAt(DetailTree& t, const DecodedPacket& d, uint32_t o)
{
    const uint8_t* p = d.at(o);
    const uint16_t type = loadBe16(p + 12);
    // A length instead of a type: an 802.3 frame (tshark's title ends in a space).
    const int32_t e = type <= 1500 ? t.add(-1, &field("eth"), "IEEE 802.3 Ethernet ", o, 14)
                                   : addLayer(t, "eth", ", Src: " + mac(p + 6) + ", Dst: " + mac(p), o, 14);
    for (int side = 0; side < 2; ++side) {
        const uint32_t off = o + (side ? 6 : 0);
        const int32_t a = addField(t, e, side ? "eth.src" : "eth.dst", mac(d.at(off)), off, 6);
        addField(t, a, "eth.addr", mac(d.at(off)), off, 6);
        const uint32_t b0 = d.frame[off];
        t.add(a, bitLine(b0 << 16, 0x020000, 24, std::string("LG bit: ") + ((b0 & 2) ? "Locally administered address (this is NOT the factory default)" : "Globally unique address (factory default)")), off, 3, 0x020000);
        t.add(a, bitLine(b0 << 16, 0x010000, 24, std::string("IG bit: ") + ((b0 & 1) ? "Group address (multicast/broadcast)" : "Individual address (unicast)")), off, 3, 0x010000);
    }
    if (type <= 1500)
        t.add(e, fmt("Length: %u", type), o + 12, 2);
    else
        addField(t, e, "eth.type", fmt("%s (0x%04x)", etherTypeName(type), type), o + 12, 2);
    return e;
}

void buildLink(DetailTree& t, const DecodedPacket& d)
{
    const uint32_t cap = uint32_t(d.frame.size());
    if (d.linkType == linktype::Ethernet && cap >= 14) {
        buildEthernetAt(t, d, 0); // its tags and what they carry are buildEncapsulation's
        return;
    }
    if (d.linkType == linktype::LinuxSll && cap >= 16) {
        const int32_t s = addLayer(t, "sll", " v1", 0, 16);
        addField(t, s, "sll.pkttype", named(sllPacketTypeValueName(loadBe16(d.at(0))), loadBe16(d.at(0))), 0, 2);
        addField(t, s, "sll.hatype", named(arpHardwareValueName(loadBe16(d.at(2))), loadBe16(d.at(2))), 2, 2);
        const uint16_t halen = loadBe16(d.at(4));
        addField(t, s, "sll.halen", fmt("%u", halen), 4, 2);
        addSllAddress(t, s, d, 6, halen);
        addField(t, s, "sll.etype", fmt("%s (0x%04x)", etherTypeName(loadBe16(d.at(14))), loadBe16(d.at(14))), 14, 2);
        return;
    }
    if (d.linkType == linktype::LinuxSll2 && cap >= 20) {
        const int32_t s = addLayer(t, "sll", " v2", 0, 20);
        addField(t, s, "sll.etype", fmt("%s (0x%04x)", etherTypeName(loadBe16(d.at(0))), loadBe16(d.at(0))), 0, 2);
        addField(t, s, "sll.ifindex", fmt("%u", loadBe32(d.at(4))), 4, 4);
        addField(t, s, "sll.hatype", named(arpHardwareValueName(loadBe16(d.at(8))), loadBe16(d.at(8))), 8, 2);
        addField(t, s, "sll.pkttype", named(sllPacketTypeValueName(d.frame[10]), d.frame[10]), 10, 1);
        addField(t, s, "sll.halen", fmt("%u", d.frame[11]), 11, 1);
        addSllAddress(t, s, d, 12, d.frame[11]);
        return;
    }
    if ((d.linkType == linktype::Null || d.linkType == linktype::Loop) && cap >= 4) {
        const int32_t n = t.add(-1, "Null/Loopback", 0, 4);
        // LOOP is in network order; NULL in the capturing host's, told by which half is zero.
        uint32_t family = d.linkType == linktype::Loop ? loadBe32(d.at(0)) : loadLe32(d.at(0));
        if (d.linkType == linktype::Null && (family & 0xffff0000u))
            family = loadBe32(d.at(0));
        if (family > 1500) // too large for a family: an EtherType in the low half, as tshark reads it
            t.add(n, fmt("Type: %s (0x%04x)", etherTypeName(uint16_t(family)), family & 0xffff), 0, 4);
        else
            t.add(n, "Family: " + named(nullFamilyValueName(family), family), 0, 4);
        return;
    }
    if (d.linkType == linktype::Ieee80211 || d.linkType == linktype::Radiotap || d.linkType == linktype::Ppi) {
        buildWlanLink(t, d); // LLC and up are buildEncapsulation's
        return;
    }
    if (!d.linkKnown)
        t.add(-1, fmt("Data (%zu bytes)", d.frame.size()), 0, cap);
}

// tshark's DSCP names: class selectors, assured and expedited forwarding, Lower Effort and
// Voice Admit; any other codepoint is "Unknown".
std::string dscpShort(unsigned v)
{
    if (v % 8 == 0)
        return fmt("CS%u", v / 8);
    if (v == 1)
        return "LE";
    if (v == 44)
        return "VA";
    if (v == 46)
        return "EF";
    if (v % 2 == 0 && v >= 10 && v <= 38 && (v % 8) <= 6)
        return fmt("AF%u%u", v / 8, (v % 8) / 2);
    return "Unknown";
}

std::string dscpLong(unsigned v)
{
    if (v == 0)
        return "Default (0)";
    if (v % 8 == 0)
        return fmt("Class Selector %u (%u)", v / 8, v);
    if (v == 1)
        return "Lower Effort (1)";
    if (v == 44)
        return "Voice Admit (44)";
    if (v == 46)
        return "Expedited Forwarding (46)";
    if (v % 2 == 0 && v >= 10 && v <= 38 && (v % 8) <= 6)
        return fmt("Assured Forwarding %u%u (%u)", v / 8, (v % 8) / 2, v);
    return fmt("Unknown (%u)", v);
}

int32_t buildIpv4(DetailTree& t, const DecodedPacket& d) { return buildIpv4At(t, d, d.netOffset, d.netHeaderLen); }

int32_t buildIpv4At(DetailTree& t, const DecodedPacket& d, uint32_t o, uint32_t headerLen)
{
    const Ipv4View ip{d.at(o)};
    const int32_t n = addLayer(t, "ip", ", Src: " + formatIpv4(ip.src()) + ", Dst: " + formatIpv4(ip.dst()), o, headerLen);
    const uint8_t b0 = ip.p[0];
    addBits(t, n, "ip.version", b0, 0xf0, 8, fmt("%u", b0 >> 4), o, 1);
    addBits(t, n, "ip.hdr_len", b0, 0x0f, 8, fmt("%u bytes (%u)", (b0 & 0xf) * 4, b0 & 0xf), o, 1);
    const uint8_t ds = ip.dscpEcn();
    static const char* ecn[] = {"Not-ECT", "ECT(1)", "ECT(0)", "CE"};
    static const char* ecnLong[] = {"Not ECN-Capable Transport", "ECN-Capable Transport codepoint '01'",
                                    "ECN-Capable Transport codepoint '10'", "Congestion Experienced"};
    const int32_t dsn = addField(t, n, "ip.dsfield", fmt("0x%02x (DSCP: %s, ECN: %s)", ds, dscpShort(ds >> 2).c_str(), ecn[ds & 3]), o + 1, 1);
    addBits(t, dsn, "ip.dsfield.dscp", ds, 0xfc, 8, dscpLong(ds >> 2), o + 1, 1);
    addBits(t, dsn, "ip.dsfield.ecn", ds, 0x03, 8, fmt("%s (%u)", ecnLong[ds & 3], ds & 3), o + 1, 1);
    addField(t, n, "ip.len", fmt("%u", ip.totalLength()), o + 2, 2);
    addField(t, n, "ip.id", fmt("0x%04x (%u)", ip.id(), ip.id()), o + 4, 2);
    const uint16_t ff = ip.flagsFragment();
    const uint8_t fl = uint8_t(ff >> 8);
    std::string fname = (ff & 0x4000) ? ", Don't fragment" : (ff & 0x2000) ? ", More fragments" : "";
    const int32_t fn = addBits(t, n, "ip.flags", fl, 0xe0, 8, fmt("0x%u%s", fl >> 5, fname.c_str()), o + 6, 1);
    addBits(t, fn, "ip.flags.rb", fl, 0x80, 8, setOrNot(fl & 0x80), o + 6, 1);
    addBits(t, fn, "ip.flags.df", fl, 0x40, 8, setOrNot(fl & 0x40), o + 6, 1);
    addBits(t, fn, "ip.flags.mf", fl, 0x20, 8, setOrNot(fl & 0x20), o + 6, 1);
    addBits(t, n, "ip.frag_offset", ff, 0x1fff, 16, fmt("%u", (ff & 0x1fff) * 8), o + 6, 2);
    addField(t, n, "ip.ttl", fmt("%u", ip.ttl()), o + 8, 1);
    addField(t, n, "ip.proto", named(ipProtocolValueName(ip.protocol()), ip.protocol()), o + 9, 1);
    addField(t, n, "ip.checksum", fmt("0x%04x [validation disabled]", ip.checksum()), o + 10, 2);
    t.add(n, "[Header checksum status: Unverified]");
    addField(t, n, "ip.src", formatIpv4(ip.src()), o + 12, 4);
    addField(t, n, "ip.dst", formatIpv4(ip.dst()), o + 16, 4);
    if (headerLen > 20)
        addField(t, n, "ip.options", fmt("(%u bytes)", headerLen - 20), o + 20, headerLen - 20);
    return n;
}

int32_t buildIpv6(DetailTree& t, const DecodedPacket& d) { return buildIpv6At(t, d, d.netOffset, d.netHeaderLen, d.ipProto); }

int32_t buildIpv6At(DetailTree& t, const DecodedPacket& d, uint32_t o, uint32_t headerLen, uint8_t upper)
{
    const Ipv6View ip{d.at(o)};
    const int32_t n = addLayer(t, "ipv6", ", Src: " + formatIpv6(ip.src()) + ", Dst: " + formatIpv6(ip.dst()), o, headerLen);
    const uint32_t v = ip.versionClassFlow();
    const unsigned tc = (v >> 20) & 0xff;
    static const char* ecn[] = {"Not-ECT", "ECT(1)", "ECT(0)", "CE"};
    static const char* ecnLong[] = {"Not ECN-Capable Transport", "ECN-Capable Transport codepoint '01'",
                                    "ECN-Capable Transport codepoint '10'", "Congestion Experienced"};
    addBits(t, n, "ipv6.version", v >> 24, 0xf0, 8, fmt("%u", v >> 28), o, 1);
    const int32_t tcn = addBits(t, n, "ipv6.tclass", v, 0x0ff00000, 32, fmt("0x%02x (DSCP: %s, ECN: %s)", tc, dscpShort(tc >> 2).c_str(), ecn[tc & 3]), o, 4);
    addBits(t, tcn, "ipv6.tclass.dscp", v, 0x0fc00000, 32, dscpLong(tc >> 2), o, 4);
    addBits(t, tcn, "ipv6.tclass.ecn", v, 0x00300000, 32, fmt("%s (%u)", ecnLong[tc & 3], tc & 3), o, 4);
    addBits(t, n, "ipv6.flow", v & 0xffffff, 0x0fffff, 24, fmt("0x%05x", v & 0xfffff), o + 1, 3);
    addField(t, n, "ipv6.plen", fmt("%u", ip.payloadLength()), o + 4, 2);
    const uint8_t nh = ip.nextHeader();
    addField(t, n, "ipv6.nxt", named(ipProtocolValueName(nh), nh), o + 6, 1);
    addField(t, n, "ipv6.hlim", fmt("%u", ip.hopLimit()), o + 7, 1);
    addField(t, n, "ipv6.src", formatIpv6(ip.src()), o + 8, 16);
    addField(t, n, "ipv6.dst", formatIpv6(ip.dst()), o + 24, 16);
    // A Teredo address (2001::/32) holds its server, and its client's port and address inverted.
    for (int side = 0; side < 2; ++side) {
        const uint32_t a = o + (side ? 24 : 8);
        const uint8_t* p = d.at(a);
        if (loadBe32(p) != 0x20010000)
            continue;
        const char* which = side ? "Destination" : "Source";
        const uint8_t client[4] = {uint8_t(~p[12]), uint8_t(~p[13]), uint8_t(~p[14]), uint8_t(~p[15])};
        t.add(n, fmt("[%s Teredo Server IPv4: ", which) + formatIpv4(p + 4) + "]", a + 4, 4);
        t.add(n, fmt("[%s Teredo Port: %u]", which, uint16_t(~loadBe16(p + 10))), a + 10, 2);
        t.add(n, fmt("[%s Teredo Client IPv4: ", which) + formatIpv4(client) + "]", a + 12, 4);
    }
    if (headerLen > 40)
        t.add(n, fmt("Extension headers (%u bytes), then next header %u", headerLen - 40, upper), o + 40, headerLen - 40);
    return n;
}

// IP reassembly as tshark shows it: on a fragment, where its datagram was reassembled (IPv4) and
// its data; on the frame that completed one, the fragments it was made of.
void addReassembly(DetailTree& t, int32_t ip, const FrameContext& c)
{
    const DecodedPacket& d = *c.decoded;
    const bool v6 = d.net == NetLayer::IPv6;
    const char* name = v6 ? "IPv6" : "IPv4";
    if (d.ipFragment) {
        if (d.reassembledIn && !v6)
            t.add(ip, fmt("[Reassembled IPv4 in frame: %u]", d.reassembledIn));
        addDataLayer(t, -1, d, d.fragData, d.fragDataLen);
        return;
    }
    const IpReassembly::Datagram& g = c.fragments;
    if (!d.reassembled || g.pieces.empty() || g.v6 != v6 || g.fragHeader < d.netOffset || g.fragHeader >= d.netOffset + std::max(d.netHeaderLen, 20u))
        return;
    std::string list;
    for (const IpReassembly::Piece& p : g.pieces)
        list += fmt("%s#%u(%u)", list.empty() ? "" : ", ", p.frame + 1, p.length);
    const int32_t f = t.add(ip, fmt("[%zu %s Fragments (%u bytes): %s]", g.pieces.size(), name, g.length, list.c_str()));
    for (const IpReassembly::Piece& p : g.pieces)
        t.add(f, fmt("[Frame: %u, payload: %u-%u (%u bytes)]", p.frame + 1, p.fragOffset, p.fragOffset + p.length - 1, p.length));
    t.add(f, fmt("[Fragment count: %zu]", g.pieces.size()));
    t.add(f, fmt("[Reassembled %s length: %u]", name, g.length));
    // tshark shows a long byte string's first 36 bytes, then an ellipsis.
    const uint32_t start = d.realFrameLen <= d.frame.size() ? uint32_t(d.frame.size()) - g.length : 0;
    const uint32_t shown = std::min<uint32_t>(g.length, 36);
    t.add(f, fmt("[Reassembled %s data: ", name) + hexBytes(d.at(start), shown) + (g.length > 36 ? "\u2026]" : "]"));
}

std::string tcpFlagPicture(uint16_t flags)
{
    // tshark's one-line summary: each flag letter or a middle dot.
    static const char letters[] = "RRRAECUAPRSF";
    std::string s;
    for (int i = 11; i >= 0; --i) {
        if (flags & (1u << i))
            s += letters[11 - i];
        else
            s += "\xc2\xb7";
    }
    return s;
}

// The registry field of a TCP option's subtree; null for kinds it does not name.
const char* optionField(uint8_t kind)
{
    switch (kind) {
    case tcpopt::Eol: return "tcp.options.eol";
    case tcpopt::Nop: return "tcp.options.nop";
    case tcpopt::Mss: return "tcp.options.mss";
    case tcpopt::WindowScale: return "tcp.options.wscale";
    case tcpopt::SackPermitted: return "tcp.options.sack_perm";
    case tcpopt::Sack: return "tcp.options.sack";
    case tcpopt::Timestamps: return "tcp.options.timestamp";
    case tcpopt::TcpFastOpen: return "tcp.options.tfo";
    default: return nullptr;
    }
}

void buildTcp(DetailTree& t, const FrameContext& c)
{
    const DecodedPacket& d = *c.decoded;
    const uint32_t o = d.transportOffset;
    const TcpView tcp{d.at(o)};
    const TcpPacketAnalysis* a = c.tcp && c.tcp->valid ? c.tcp : nullptr;
    if (!d.tcpHeaderValid) {
        const int32_t n = addLayer(t, "tcp", fmt(", Src Port: %u, Dst Port: %u", tcp.srcPort(), tcp.dstPort()), o, d.transportCaptured);
        addField(t, n, "tcp.srcport", fmt("%u", tcp.srcPort()), o, 2);
        addField(t, n, "tcp.dstport", fmt("%u", tcp.dstPort()), o + 2, 2);
        t.add(n, "[Malformed or truncated TCP header]");
        return;
    }
    const uint16_t flags = tcp.flags();
    const uint32_t seq = a ? a->seq : tcp.seq();
    const uint32_t ack = a ? a->ack : tcp.ack();
    std::string head = fmt(", Src Port: %u, Dst Port: %u, Seq: %u", tcp.srcPort(), tcp.dstPort(), seq);
    if (flags & TcpAck)
        head += fmt(", Ack: %u", ack);
    head += fmt(", Len: %u", d.tcpPayloadLen);
    const uint32_t hl = std::min<uint32_t>(d.tcpHeaderLen, d.transportCaptured);
    const int32_t n = addLayer(t, "tcp", head, o, hl);
    addField(t, n, "tcp.srcport", fmt("%u", tcp.srcPort()), o, 2);
    addField(t, n, "tcp.dstport", fmt("%u", tcp.dstPort()), o + 2, 2);
    if (a) {
        addGenerated(t, n, "tcp.stream", fmt("%u", a->stream));
        addGenerated(t, n, "tcp.completeness", completenessLabel(a->completeness));
    }
    addGenerated(t, n, "tcp.len", fmt("%u", d.tcpPayloadLen));
    if (a) {
        addField(t, n, "tcp.seq", fmt("%u    (relative sequence number)", a->seq), o + 4, 4);
        addField(t, n, "tcp.seq_raw", fmt("%u", tcp.seq()), o + 4, 4);
        addGenerated(t, n, "tcp.nxtseq", fmt("%u    (relative sequence number)", a->nextSeq));
        if (flags & TcpAck)
            addField(t, n, "tcp.ack", fmt("%u    (relative ack number)", a->ack), o + 8, 4);
        else if (tcp.ack() == 0)
            addField(t, n, "tcp.ack", "0", o + 8, 4);
        else // the field as it is, flagged as tshark does
            addExpert(t, addField(t, n, "tcp.ack", fmt("%u", tcp.ack()), o + 8, 4),
                      {ExpertSeverity::Note, ExpertGroup::Protocol, kAckNonzeroWithoutAck});
    } else { // untracked: the raw numbers under tshark's names (no registry field holds them)
        t.add(n, fmt("Sequence Number: %u", tcp.seq()), o + 4, 4);
        t.add(n, fmt("Acknowledgment Number: %u", tcp.ack()), o + 8, 4);
    }
    addField(t, n, "tcp.ack_raw", fmt("%u", tcp.ack()), o + 8, 4);
    addBits(t, n, "tcp.hdr_len", tcp.p[12], 0xf0, 8, fmt("%u bytes (%u)", d.tcpHeaderLen, d.tcpHeaderLen / 4), o + 12, 1);
    std::string names;
    appendTcpFlagNames(names, flags);
    const int32_t fl = t.add(n, &field("tcp.flags"), nameOf("tcp.flags") + fmt(": 0x%03x (%s)", flags, names.c_str()), o + 12, 2, 0x0fff);
    struct Bit {
        uint16_t mask;
        const char* field;
    };
    static const Bit bits[] = {{0x0e00, "tcp.flags.res"}, {0x0100, "tcp.flags.ae"},   {0x0080, "tcp.flags.cwr"}, {0x0040, "tcp.flags.ece"},
                               {0x0020, "tcp.flags.urg"}, {0x0010, "tcp.flags.ack"},  {0x0008, "tcp.flags.push"}, {0x0004, "tcp.flags.reset"},
                               {0x0002, "tcp.flags.syn"}, {0x0001, "tcp.flags.fin"}};
    for (const Bit& b : bits) {
        const int32_t bn = addBits(t, fl, b.field, flags, b.mask, 12, setOrNot(flags & b.mask), o + 12, 2);
        if (a && b.mask == TcpSyn && (flags & TcpSyn)) {
            // tshark names the server port: the destination of a SYN, the source of a SYN/ACK.
            for (const ExpertItem& e : expertItems(*a, flags & (TcpSyn | TcpAck), (flags & TcpAck) ? tcp.srcPort() : tcp.dstPort()))
                if (e.message.rfind("Connection establish", 0) == 0)
                    addExpert(t, bn, e);
        }
        if (b.mask == TcpFin && (flags & TcpFin)) {
            addExpert(t, bn, {ExpertSeverity::Chat, ExpertGroup::Sequence, "Connection finish (FIN)"});
            if (a && a->closingInitiator)
                addExpert(t, bn, {ExpertSeverity::Note, ExpertGroup::Sequence, "This frame initiates the connection closing"});
            if (a && a->closingResponder)
                addExpert(t, bn, {ExpertSeverity::Note, ExpertGroup::Sequence, "This frame undergoes the connection closing"});
        }
        if (b.mask == TcpRst && (flags & TcpRst))
            addExpert(t, bn, {ExpertSeverity::Warning, ExpertGroup::Sequence, "Connection reset (RST)"});
    }
    t.add(fl, "[TCP Flags: " + tcpFlagPicture(flags) + "]");
    addField(t, n, "tcp.window_size_value", fmt("%u", tcp.window()), o + 14, 2);
    if (a) {
        addGenerated(t, n, "tcp.window_size", fmt("%llu", static_cast<unsigned long long>(a->windowSize)));
        if (!a->isSyn) {
            if (a->windowScale >= 0)
                addGenerated(t, n, "tcp.window_size_scalefactor", fmt("%u", 1u << a->windowScale));
            else
                addGenerated(t, n, "tcp.window_size_scalefactor",
                             fmt("%d (%s)", a->windowScale, a->windowScale == -1 ? "unknown" : "no window scaling used"));
        }
    }
    // A header the capture cut ends where the bytes do; tshark then writes neither the stream's
    // timestamps (cut before the options) nor the SEQ/ACK analysis.
    if (d.transportCaptured >= 18) {
        addField(t, n, "tcp.checksum", fmt("0x%04x [unverified]", tcp.checksum()), o + 16, 2);
        t.add(n, "[Checksum Status: Unverified]");
    }
    if (d.transportCaptured >= 20)
        addField(t, n, "tcp.urgent_pointer", fmt("%u", tcp.urgentPointer()), o + 18, 2);

    if (d.tcpHeaderLen > 20 && d.transportCaptured > 20) {
        const uint32_t optLen = std::min(d.tcpHeaderLen, d.transportCaptured) - 20;
        std::string summary;
        forEachTcpOption(d, [&](uint8_t kind, uint32_t, uint32_t) {
            if (!summary.empty())
                summary += ", ";
            if (const char* f = optionField(kind))
                summary += nameOf(f);
            else
                summary += tcpOptionKindValueName(kind) ? std::string(tcpOptionKindValueName(kind)) : fmt("Unknown (%u)", kind);
        });
        const int32_t on = t.add(n, &field("tcp.options"), nameOf("tcp.options") + fmt(": (%u bytes), %s", optLen, summary.c_str()), o + 20, optLen);
        forEachTcpOption(d, [&](uint8_t kind, uint32_t off, uint32_t len) {
            const uint8_t* p = d.at(off);
            const char* f = optionField(kind);
            const auto head = [&](const std::string& rest, uint32_t length) {
                return t.add(on, &field(f), "TCP Option - " + nameOf(f) + rest, off, length);
            };
            const auto kindAndLength = [&](int32_t x, const char* kindName) {
                addField(t, x, "tcp.option_kind", fmt("%s (%u)", kindName, kind), off, 1);
                addField(t, x, "tcp.option_len", fmt("%u", len), off + 1, 1);
            };
            int32_t x;
            switch (kind) {
            case tcpopt::Eol:
                x = head("", 1);
                addField(t, x, "tcp.option_kind", "End of Option List (0)", off, 1);
                break;
            case tcpopt::Nop:
                x = head("", 1);
                addField(t, x, "tcp.option_kind", "No-Operation (1)", off, 1);
                break;
            case tcpopt::Mss:
                x = head(fmt(": %u bytes", len == 4 ? loadBe16(p + 2) : 0), len);
                kindAndLength(x, "Maximum Segment Size");
                if (len == 4)
                    addField(t, x, "tcp.options.mss_val", fmt("%u", loadBe16(p + 2)), off + 2, 2);
                break;
            case tcpopt::WindowScale:
                if (len == 3) {
                    x = head(fmt(": %u (multiply by %u)", p[2], 1u << std::min<unsigned>(p[2], 14)), len);
                    kindAndLength(x, "Window Scale");
                    addField(t, x, "tcp.options.wscale.shift", fmt("%u", p[2]), off + 2, 1);
                    addGenerated(t, x, "tcp.options.wscale.multiplier", fmt("%u", 1u << std::min<unsigned>(p[2], 14)));
                }
                break;
            case tcpopt::SackPermitted:
                x = head("", len);
                kindAndLength(x, "SACK Permitted");
                break;
            case tcpopt::Sack: {
                std::string edges;
                for (uint32_t i = 2; i + 8 <= len; i += 8)
                    edges += fmt(" %u-%u", loadBe32(p + i) - c.tcpAckBase, loadBe32(p + i + 4) - c.tcpAckBase);
                x = head(edges, len);
                kindAndLength(x, "SACK");
                for (uint32_t i = 2; i + 8 <= len; i += 8) {
                    t.add(x, fmt("left edge = %u (relative)", loadBe32(p + i) - c.tcpAckBase), off + i, 4);
                    t.add(x, fmt("right edge = %u (relative)", loadBe32(p + i + 4) - c.tcpAckBase), off + i + 4, 4);
                }
                break;
            }
            case tcpopt::Timestamps:
                if (len == 10) {
                    x = head(fmt(": TSval %u, TSecr %u", loadBe32(p + 2), loadBe32(p + 6)), len);
                    kindAndLength(x, "Time Stamp Option");
                    addField(t, x, "tcp.options.timestamp.tsval", fmt("%u", loadBe32(p + 2)), off + 2, 4);
                    addField(t, x, "tcp.options.timestamp.tsecr", fmt("%u", loadBe32(p + 6)), off + 6, 4);
                }
                break;
            case tcpopt::TcpFastOpen:
                x = head("", len);
                kindAndLength(x, "TCP Fast Open Cookie");
                if (len == 2)
                    t.add(x, &field("tcp.options.tfo.request"), nameOf("tcp.options.tfo.request"), off, 2);
                else {
                    const int32_t ck = addField(t, x, "tcp.options.tfo.cookie", hexBytes(p + 2, len - 2), off + 2, len - 2);
                    if ((tcp.flags() & (TcpSyn | TcpAck)) == TcpSyn)
                        addExpert(t, ck, {ExpertSeverity::Note, ExpertGroup::Sequence, "TCP SYN with TFO Cookie"});
                }
                break;
            case tcpopt::Mptcp:
                buildMptcpOption(t, on, d, off, len);
                break;
            default:
                x = t.add(on, fmt("TCP Option - %s (%u bytes)", tcpOptionKindValueName(kind) ? tcpOptionKindValueName(kind) : "Unknown", len), off, len);
                addField(t, x, "tcp.option_kind", named(tcpOptionKindValueName(kind), kind), off, 1);
                addField(t, x, "tcp.option_len", fmt("%u", len), off + 1, 1);
                break;
            }
        });
    }
    if (a) {
        if (d.transportCaptured >= 20) {
            const int32_t ts = t.add(n, "[Timestamps]");
            addGenerated(t, ts, "tcp.time_relative", seconds(a->timeRelativeNs) + " seconds");
            addGenerated(t, ts, "tcp.time_delta", seconds(a->timeDeltaNs) + " seconds");
        }
        if (a->hasAnalysisData && d.transportCaptured >= d.tcpHeaderLen) {
            const int32_t sa = t.add(n, &field("tcp.analysis"), "[" + nameOf("tcp.analysis") + "]");
            if (a->acksFrame) {
                addGenerated(t, sa, "tcp.analysis.acks_frame", fmt("%llu", static_cast<unsigned long long>(a->acksFrame)));
                if (a->hasAckRtt)
                    addGenerated(t, sa, "tcp.analysis.ack_rtt", seconds(a->ackRttNs) + " seconds");
            }
            if (a->hasInitialRtt)
                addGenerated(t, sa, "tcp.analysis.initial_rtt", seconds(a->initialRttNs) + " seconds");
            if (a->bytesInFlight)
                addGenerated(t, sa, "tcp.analysis.bytes_in_flight", fmt("%u", a->bytesInFlight));
            if (a->hasPushBytes)
                addGenerated(t, sa, "tcp.analysis.push_bytes_sent", fmt("%u", a->pushBytesSent));
            std::vector<ExpertItem> items = expertItems(*a, 0, 0);
            if (!items.empty()) {
                const int32_t af = t.add(sa, &field("tcp.analysis.flags"), "[" + nameOf("tcp.analysis.flags") + "]");
                if (a->flags & TcpDuplicateAck)
                    t.add(af, "[This is a TCP duplicate ack]");
                for (const ExpertItem& e : items)
                    addExpert(t, af, e);
                if (a->flags & TcpDuplicateAck) {
                    addGenerated(t, sa, "tcp.analysis.duplicate_ack_num", fmt("%u", a->dupAckNum));
                    addGenerated(t, sa, "tcp.analysis.duplicate_ack_frame", fmt("%llu", static_cast<unsigned long long>(a->dupAckFrame)));
                }
            }
        }
        // SynFlow's teaching lines.
        // A segment without a role still gets the line (empty role), so the states have a parent.
        const int32_t life = a->role != TcpRole::None ? addGenerated(t, n, "synflow.tcp.role", tcpRoleName(a->role))
                                                      : t.add(n, "[" + nameOf("synflow.tcp.role") + ": ]");
        t.add(life, std::string("[Sender is the ") + (a->senderIsClient ? "client" : "server") + (a->clientInferred ? " (inferred from the ports)]" : "]"));
        addGenerated(t, life, "synflow.tcp.state_src", tcpStateName(a->stateSrc));
        addGenerated(t, life, "synflow.tcp.state_dst", tcpStateName(a->stateDst));
    }
    if (d.tcpPayloadLen > 0 && o + d.tcpHeaderLen < d.frame.size()) {
        const uint32_t start = o + d.tcpHeaderLen;
        const uint32_t avail = std::min<uint32_t>(d.tcpPayloadLen, uint32_t(d.frame.size()) - start);
        t.add(n, &field("tcp.payload"), nameOf("tcp.payload") + fmt(" (%u byte%s)", d.tcpPayloadLen, d.tcpPayloadLen == 1 ? "" : "s"), start, avail);
        // tshark's lines for the bytes reassembly takes: those ending a message, then those of one
        // a later frame completes.
        if (const SegmentReassembly* r = c.reassembly) {
            if (!r->completed.empty())
                t.add(n, fmt("TCP segment data (%u byte%s)", r->ownBytes, r->ownBytes == 1 ? "" : "s"), start, std::min(r->ownBytes, avail));
            if (r->reassembledIn) {
                const uint32_t from = std::min(r->openFrom, d.tcpPayloadLen), rest = d.tcpPayloadLen - from;
                t.add(n, fmt("[Reassembled PDU in frame: %llu]", static_cast<unsigned long long>(r->reassembledIn)));
                t.add(n, fmt("TCP segment data (%u byte%s)", rest, rest == 1 ? "" : "s"), start + std::min(from, avail), avail - std::min(from, avail));
            }
        }
    }
}

// "[3 Reassembled TCP Segments (3549 bytes): #6(1380), #7(321), #8(1848)]" and its lines, as
// tshark puts it between TCP and the layer decoded from the reassembled bytes.
void addTcpReassembly(DetailTree& t, const SegmentReassembly::Pdu& pdu)
{
    std::string list;
    for (const auto& [frame, length] : pdu.pieces)
        list += fmt("%s#%u(%u)", list.empty() ? "" : ", ", frame, length);
    const uint32_t got = uint32_t(pdu.bytes.size());
    // tshark's label buffer cuts a long list (no mark), the bracket closes it after the cut.
    const int32_t r = t.add(-1, "[" + applabel::bounded(fmt("%zu Reassembled TCP Segments (%u bytes): ", pdu.pieces.size(), got) + list) + "]");
    uint32_t at = 0;
    for (const auto& [frame, length] : pdu.pieces) {
        t.add(r, fmt("[Frame: %u, payload: %u-%u (%u bytes)]", frame, at, at + length - 1, length));
        at += length;
    }
    t.add(r, fmt("[Segment count: %zu]", pdu.pieces.size()));
    t.add(r, fmt("[Reassembled TCP length: %u]", got));
    const uint32_t shown = std::min<uint32_t>(got, 36);
    t.add(r, "[Reassembled TCP Data: " + hexBytes(pdu.bytes.data(), shown) + (got > 36 ? "\u2026]" : "]"));
}

void buildUdp(DetailTree& t, const DecodedPacket& d) { buildUdpAt(t, d, d.transportOffset); }

int32_t buildUdpAt(DetailTree& t, const DecodedPacket& d, uint32_t o)
{
    const uint32_t captured = o < d.frame.size() ? uint32_t(d.frame.size()) - o : 0;
    if (captured < 8)
        return -1;
    const UdpView u{d.at(o)};
    const int32_t n = addLayer(t, "udp", fmt(", Src Port: %u, Dst Port: %u", u.srcPort(), u.dstPort()), o, 8);
    addField(t, n, "udp.srcport", fmt("%u", u.srcPort()), o, 2);
    addField(t, n, "udp.dstport", fmt("%u", u.dstPort()), o + 2, 2);
    addField(t, n, "udp.length", fmt("%u", u.length()), o + 4, 2);
    bool overV6 = false; // the IP header carrying this datagram: the last one before it
    for (int i = 0; i < d.ipCount; ++i)
        if (const auto& h = d.ipHeaders[i]; h.src && h.src < o)
            overV6 = h.v6;
    if (u.checksum() == 0 && !overV6) { // over IPv4 a zero checksum means none was computed
        const int32_t ck = addField(t, n, "udp.checksum", "0x0000 [zero-value ignored]", o + 6, 2);
        t.add(ck, "[Checksum Status: Not present]");
    } else {
        addField(t, n, "udp.checksum", fmt("0x%04x [unverified]", u.checksum()), o + 6, 2);
        t.add(n, "[Checksum Status: Unverified]");
    }
    // The payload the length claims; its bytes, where captured, are the udp.payload field.
    if (u.length() > 8)
        t.add(n, captured > 8 ? &field("udp.payload") : nullptr, nameOf("udp.payload") + fmt(" (%u bytes)", u.length() - 8u),
              o + 8, std::min<uint32_t>(u.length() - 8u, captured - 8));
    return n;
}

void buildIcmp(DetailTree& t, const DecodedPacket& d, bool v6)
{
    const uint32_t o = d.transportOffset;
    if (d.transportCaptured < 4)
        return;
    const uint8_t type = d.frame[o], code = d.frame[o + 1];
    const std::string p = v6 ? "icmpv6" : "icmp";
    const int32_t n = addLayer(t, p.c_str(), "", o, d.transportCaptured);
    // ICMP puts the number first ("8 (Echo (ping) request)"), ICMPv6 the name ("Echo (ping) request (128)").
    const char* typeName = v6 ? icmpv6TypeValueName(type) : icmpType(type);
    const char* codeName = v6 ? icmpv6Code(type, code) : icmpCode(type, code);
    addField(t, n, (p + ".type").c_str(), v6 ? named(typeName, type) : typeName ? fmt("%u (%s)", type, typeName) : fmt("%u", type), o, 1);
    addField(t, n, (p + ".code").c_str(), codeName ? fmt("%u (%s)", code, codeName) : fmt("%u", code), o + 1, 1);
    addField(t, n, (p + ".checksum").c_str(), fmt("0x%04x [unverified]", loadBe16(d.at(o + 2))), o + 2, 2);
}

void buildArp(DetailTree& t, const DecodedPacket& d)
{
    const uint32_t o = d.netOffset;
    const uint32_t cap = uint32_t(d.frame.size());
    if (cap < o + 28)
        return;
    const uint8_t* p = d.at(o);
    const uint16_t op = loadBe16(p + 6);
    const int32_t n = addLayer(t, "arp", std::string(" (") + (op == 1 ? "request" : op == 2 ? "reply" : "other") + ")", o, 28);
    addField(t, n, "arp.hw.type", named(arpHardwareValueName(loadBe16(p)), loadBe16(p)), o, 2);
    addField(t, n, "arp.proto.type", fmt("%s (0x%04x)", etherTypeName(loadBe16(p + 2)), loadBe16(p + 2)), o + 2, 2);
    addField(t, n, "arp.hw.size", fmt("%u", p[4]), o + 4, 1);
    addField(t, n, "arp.proto.size", fmt("%u", p[5]), o + 5, 1);
    addField(t, n, "arp.opcode", named(arpOpcodeValueName(op), op), o + 6, 2);
    addField(t, n, "arp.src.hw_mac", mac(p + 8), o + 8, 6);
    addField(t, n, "arp.src.proto_ipv4", formatIpv4(p + 14), o + 14, 4);
    addField(t, n, "arp.dst.hw_mac", mac(p + 18), o + 18, 6);
    addField(t, n, "arp.dst.proto_ipv4", formatIpv4(p + 24), o + 24, 4);
}

// The application layer the Protocol column names, decoded from the transport's payload, or
// from `only` (a reassembled message, inFrame false; or the payload from byte `from` on).
void buildApplication(DetailTree& t, const FrameContext& c, std::span<const uint8_t> only = {}, bool reassembled = false, uint32_t from = 0,
                      uint32_t until = UINT32_MAX)
{
    const DecodedPacket& d = *c.decoded;
    AppPayload p;
    p.protocol = c.protocol;
    uint16_t sp = 0, dpt = 0;
    if (d.transport == TransportLayer::Tcp && d.tcpHeaderValid) {
        const uint32_t start = d.transportOffset + d.tcpHeaderLen;
        if (d.tcpPayloadLen == 0 || start >= d.frame.size())
            return;
        p.bytes = d.frame.subspan(start, std::min<size_t>(d.tcpPayloadLen, d.frame.size() - start));
        p.frameOffset = start;
        const TcpView tcp{d.at(d.transportOffset)};
        sp = tcp.srcPort();
        dpt = tcp.dstPort();
    } else if (d.transport == TransportLayer::Udp && d.transportCaptured > 8) {
        const UdpView u{d.at(d.transportOffset)};
        p.bytes = d.frame.subspan(d.transportOffset + 8, d.transportCaptured - 8);
        p.frameOffset = d.transportOffset + 8;
        p.overTcp = false;
        sp = u.srcPort();
        dpt = u.dstPort();
    } else {
        return;
    }
    if (reassembled) {
        p.bytes = only;
        p.inFrame = false;
    } else if (from || until < p.bytes.size()) {
        until = std::min<uint32_t>(until, uint32_t(p.bytes.size()));
        if (from >= until)
            return;
        p.bytes = p.bytes.subspan(from, until - from);
        p.frameOffset += from;
    }
    // The server is the side on the lower (well-known) port.
    p.fromServer = sp < dpt;
    p.serverPort = std::min(sp, dpt);
    p.frame = c.number;
    p.timeNs = c.time.sec * 1000000000ll + c.time.nsec;
    p.stream = d.transport == TransportLayer::Tcp ? c.stream : nullptr;
    p.sshKex = c.sshKex;
    p.reassembling = c.desegment;
    const std::string_view proto = c.protocol;
    if (proto.starts_with("HTTP"))
        buildHttpTree(t, p);
    else if (proto.starts_with("TLS") || proto.starts_with("SSL"))
        buildTlsTree(t, p);
    else if (proto == "DNS" || proto == "MDNS")
        buildDnsTree(t, p);
    else if (proto.starts_with("SSH"))
        buildSshTree(t, p);
    else if (d.transport == TransportLayer::Tcp && !lineProtocolOfPort(p.serverPort).empty() && proto == lineProtocolOfPort(p.serverPort))
        buildLineTree(t, p, proto);
    else if (proto == "QUIC" && d.transport == TransportLayer::Udp && !reassembled)
        buildQuicTree(t, c, p.frameOffset, p.serverPort);
}

} // namespace treebuild

using namespace treebuild;

DetailTree buildDetailTree(const FrameContext& c)
{
    DetailTree t;
    if (!c.record || !c.decoded)
        return t;
    if (c.decoded->customBlock) {
        buildCustomBlock(t, c);
        return t;
    }
    buildFrame(t, c);
    const DecodedPacket& d = *c.decoded;
    buildLink(t, d);
    buildEncapsulation(t, d, [&] {
        if (d.net == NetLayer::IPv4)
            addReassembly(t, buildIpv4(t, d), c);
        else if (d.net == NetLayer::IPv6)
            addReassembly(t, buildIpv6(t, d), c);
    });
    if (d.net == NetLayer::Arp)
        buildArp(t, d);
    switch (d.transport) {
    case TransportLayer::Tcp:
        if (d.tcpPortsValid)
            buildTcp(t, c);
        break;
    case TransportLayer::Udp:
        buildUdp(t, d);
        buildTunnelAfterTransport(t, d);
        break;
    case TransportLayer::Icmp:
        buildIcmp(t, d, false);
        break;
    case TransportLayer::Icmpv6:
        buildIcmp(t, d, true);
        break;
    default:
        break;
    }
    if (!c.reassemblyError.empty() && d.transport == TransportLayer::Tcp) {
        const int32_t e = t.add(-1, "[Reassembly error, protocol TCP: " + c.reassemblyError + "]");
        const int32_t x = t.add(e, "[Expert Info (Error/Malformed): " + c.reassemblyError + "]");
        t.add(x, "[" + c.reassemblyError + "]");
        t.add(x, "[Severity level: Error]");
        t.add(x, "[Group: Malformed]");
    } else if (const SegmentReassembly* r = c.reassembly; r && d.transport == TransportLayer::Tcp) {
        for (const SegmentReassembly::Pdu& pdu : r->completed) {
            addTcpReassembly(t, pdu);
            if (!c.protocol.empty())
                buildApplication(t, c, pdu.bytes, true);
        }
        // Whole messages after them in this segment, before one a later frame completes.
        if (!c.protocol.empty())
            buildApplication(t, c, {}, false, r->restFrom, r->reassembledIn ? r->openFrom : UINT32_MAX);
    } else if (!c.protocol.empty()) {
        buildApplication(t, c);
    }
    // A datagram no dissector took: its bytes are data, as tshark's "Data" layer shows them.
    if (c.protocol == "UDP" && d.transport == TransportLayer::Udp && d.transportCaptured > 8 && !d.stopName) {
        const UdpView u{d.at(d.transportOffset)};
        if (u.length() > 8)
            addDataLayer(t, -1, d, d.transportOffset + 8, std::min<uint32_t>(u.length() - 8u, d.transportCaptured - 8));
    }
    if (d.reassembled)
        t.clipTo(d.realFrameLen);
    return t;
}

DetailTree buildApplicationTree(const DecodedPacket& d, std::string_view protocol)
{
    DetailTree t;
    FrameContext c;
    c.decoded = &d;
    c.protocol = protocol;
    buildApplication(t, c);
    return t;
}

static FrameContext frameContext(const CaptureFile& file, size_t frame, const DecodedPacket& d, const TcpPacketAnalysis* tcp,
                                 const std::string& protocol, const StreamWalker* stream, const SegmentReassembly* reassembly)
{
    const PacketIndex& index = file.index();
    const PacketRecord& rec = index[frame];
    FrameContext ctx;
    ctx.number = frame + 1;
    ctx.record = &rec;
    ctx.decoded = &d;
    ctx.interface = rec.iface < file.interfaces().size() ? &file.interfaces()[rec.iface] : nullptr;
    ctx.interfaceId = rec.iface;
    // A custom block belongs to no interface (one before its section's first has none to tell
    // the section): the section headers before it in the file do.
    const std::vector<SectionInfo>& sections = file.sections();
    const size_t before = size_t(std::upper_bound(sections.begin(), sections.end(), rec.offset,
                                                  [](uint64_t at, const SectionInfo& s) { return at < s.offset; })
                                 - sections.begin());
    ctx.section = rec.kind == RecordKind::CustomBlock ? uint32_t(before ? before - 1 : 0) : ctx.interface ? ctx.interface->section : 0;
    ctx.pcapng = file.format() == FileFormat::PcapNg;
    ctx.time = file.exactTime(frame);
    ctx.sincePreviousNs = frame ? nsBetween(rec.tsNs, index[frame - 1].tsNs) : 0;
    ctx.sinceFirstNs = nsBetween(rec.tsNs, index[0].tsNs);
    ctx.comments = file.packetComments(frame);
    if (d.reassembled)
        ctx.fragments = file.fragments().datagram(uint32_t(frame));
    ctx.protocol = protocol;
    ctx.stream = stream;
    ctx.reassembly = reassembly;
    if (tcp && tcp->valid && d.transport == TransportLayer::Tcp) {
        ctx.tcp = tcp;
        ctx.tcpAckBase = TcpView{d.at(d.transportOffset)}.ack() - tcp->ack; // SACK edges are relative to the ACK space
    }
    return ctx;
}

DetailTree buildDetailTree(const CaptureFile& file, size_t frame, const DecodedPacket& d, const TcpPacketAnalysis* tcp, const std::string& protocol,
                           const StreamWalker* stream, const SegmentReassembly* reassembly)
{
    return buildDetailTree(frameContext(file, frame, d, tcp, protocol, stream, reassembly));
}

// What desegmentation makes of frame `frame`'s TCP payload; false when it leaves it as it lies.
static bool segmentReassembly(const AnalysedCapture& capture, uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a,
                       SegmentReassembly& out)
{
    const ConversationProtocols* protocols = capture.protocols();
    const TcpTracker* tracker = capture.tracker();
    if (!protocols || !tracker || !a.valid || d.transport != TransportLayer::Tcp || !d.tcpHeaderValid || d.tcpPayloadLen == 0)
        return false;
    const DesegmentedView& view = protocols->view();
    if (view.oldData(frame))
        return false;
    const PduReassembly& reassembly = view.reassembly();
    const uint8_t direction = tcpDirectionBit(d);
    uint32_t endSeq = a.seq; // just past the last completed message
    for (const TcpPdu* pdu : reassembly.pdusEndingAt(frame)) {
        SegmentReassembly::Pdu r;
        std::vector<PduPiece> pieces;
        r.bytes = pduBytes(capture.file(), *tracker, *pdu, &pieces);
        for (const PduPiece& piece : pieces)
            r.pieces.emplace_back(piece.frame + 1, piece.length);
        r.length = pdu->endSeq - pdu->startSeq;
        out.ownBytes = pieces.empty() || pieces.back().frame != frame ? 0 : pieces.back().length;
        endSeq = pdu->endSeq;
        out.completed.push_back(std::move(r));
    }
    out.restFrom = endSeq - a.seq;
    if (int32_t(out.restFrom) < 0 || out.restFrom > d.tcpPayloadLen)
        out.restFrom = 0;
    // The segment's last bytes may begin or continue a message a later frame completes.
    if (out.restFrom < d.tcpPayloadLen)
        if (const TcpPdu* open = reassembly.pduAt(a.stream, direction, a.seq + d.tcpPayloadLen - 1);
            open && open->lastFrame != frame && open->lastFrame != TcpPdu::kOpen && frame >= open->firstFrame) {
            out.reassembledIn = uint64_t(open->lastFrame) + 1;
            const int32_t begins = int32_t(open->startSeq - a.seq);
            out.openFrom = std::max<uint32_t>(out.restFrom, begins > 0 ? uint32_t(begins) : 0);
        }
    return !out.completed.empty() || out.reassembledIn;
}

DetailTree buildDetailTree(const AnalysedCapture& capture, size_t frame, bool desegment)
{
    const DecodedPacket d = capture.decode(frame);
    const TcpPacketAnalysis a = capture.tcpAnalysis(frame, d);
    const TcpPacketAnalysis* tcp = capture.tracker() ? &a : nullptr;
    SegmentReassembly reassembly;
    // TCP reassembly may refuse the segment: its error ends the frame's layers.
    const PduNote error = desegment && tcp ? tcpReassemblyError(uint32_t(frame), d, a, capture.protocols()) : PduNote::None;
    const bool reassembled = desegment && tcp && error == PduNote::None && segmentReassembly(capture, uint32_t(frame), d, a, reassembly);
    // The Protocol column decides the application layer, so the tree and the list agree.
    const std::string protocol = error != PduNote::None ? std::string("TCP") : reassembled
        ? summarizeFrameView(uint32_t(frame), d, capture.index()[frame], tcp, capture.protocols(), true).protocol
        : summarizeFrame(d, capture.index()[frame], tcp && tcp->valid ? tcp : nullptr, capture.protocols()).protocol;
    // The conversation's data segments as the application layer saw them, walked on demand.
    const TcpTracker* tracker = capture.tracker();
    const int64_t stream = tracker && tcp && tcp->valid ? tracker->streamOf(uint32_t(frame)) : -1;
    const StreamWalker walker = [&](const std::function<bool(const StreamSegment&)>& each) {
        if (stream < 0)
            return;
        for (const uint32_t f : tracker->framesOf(uint32_t(stream))) {
            const DecodedPacket fd = capture.decode(f);
            if (!fd.tcpHeaderValid || fd.tcpPayloadLen == 0)
                continue;
            const TcpPacketAnalysis fa = capture.tcpAnalysis(f, fd);
            if (fa.flags & TcpNotHandedOn)
                continue; // never handed to the application (as in summarizeProtocol)
            const uint32_t start = fd.transportOffset + fd.tcpHeaderLen;
            if (start >= fd.frame.size())
                continue;
            const TcpView view{fd.at(fd.transportOffset)};
            const std::string proto = summarizeFrame(fd, capture.index()[f], fa.valid ? &fa : nullptr, capture.protocols()).protocol;
            StreamSegment seg;
            seg.frame = f + 1u;
            seg.timeNs = capture.index()[f].tsNs;
            // Desegmented, a message that begins here is shown (and counted) where it ends.
            if (reassembled || desegment)
                if (const ConversationProtocols* cp = capture.protocols(); cp && fa.valid)
                    if (const TcpPdu* pdu = cp->view().reassembly().pduAt(fa.stream, tcpDirectionBit(fd), fa.seq);
                        pdu && pdu->startSeq == fa.seq && pdu->lastFrame != TcpPdu::kOpen && pdu->lastFrame != f) {
                        seg.frame = pdu->lastFrame + 1u;
                        seg.timeNs = capture.index()[pdu->lastFrame].tsNs;
                    }
            seg.fromServer = view.srcPort() < view.dstPort();
            seg.payload = fd.frame.subspan(start, std::min<size_t>(fd.tcpPayloadLen, fd.frame.size() - start));
            seg.protocol = proto;
            if (!each(seg))
                return;
        }
    };
    FrameContext ctx = frameContext(capture.file(), frame, d, tcp, protocol, stream >= 0 ? &walker : nullptr,
                                    reassembled ? &reassembly : nullptr);
    ctx.protocolsInFrame = frameProtocols(capture, frame, d, desegment);
    ctx.desegment = desegment;
    if (error == PduNote::OverlapError)
        ctx.reassemblyError = "New fragment overlaps old data (retransmission?)";
    else if (error == PduNote::PastLimitsError)
        ctx.reassemblyError = "New fragment past old data limits";
    if (const ConversationProtocols* cp = capture.protocols(); cp && stream >= 0) {
        const uint8_t kind = desegment ? cp->viewKindOf(uint32_t(stream)) : cp->kindOf(uint32_t(stream));
        if (ConversationProtocols::isSsh(kind))
            ctx.sshKex = ConversationProtocols::sshKex(kind);
    }
    if (protocol == "QUIC" && capture.protocols())
        ctx.quic = capture.protocols()->quicPackets(d, ctx.quicConnection);
    return buildDetailTree(ctx);
}

} // namespace synflow
