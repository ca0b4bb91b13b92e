// The detail tree's layers between the link header and the transport: VLAN and 802.1ad tags,
// LLC/SNAP, PPPoE and PPP, MPLS labels, PBB, each outer IP header, GRE, the UDP tunnels (VXLAN,
// Geneve, GTP-U, L2TP, Teredo) and the Ethernet frames tunnels carry, as tshark -V shows them.
// The walk follows the decoder's choices (core/decode/tunneldecoder.cpp) and takes the IP headers
// it listed (DecodedPacket::ipHeaders) in order, as stats/protocolhierarchy.cpp's Walk does.
#include "tree/treebuild.h"

#include "decode/linktypes.h"
#include "fields/fieldregistry.h"
#include "output/textformat.h"
#include "proto/linkprotocol.h"
#include "proto/valuenames.h"

namespace synflow::treebuild {
namespace {

const char* yesNo(bool b) { return b ? "Yes" : "No"; }
// The Internet checksum of `n` bytes (GRE's), 0 when they add up.
uint16_t internetChecksum(const uint8_t* p, uint32_t n)
{
    uint32_t sum = 0;
    for (uint32_t i = 0; i + 1 < n; i += 2)
        sum += uint32_t(p[i]) << 8 | p[i + 1];
    if (n & 1)
        sum += uint32_t(p[n - 1]) << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return uint16_t(~sum);
}

// GRE's own names of its protocol types (tshark's GRE table, not the Ethernet one).
const char* greTypeName(uint16_t type)
{
    switch (type) {
    case 0x0800: return "IP";
    case 0x86dd: return "IPv6";
    case 0x6558: return "Transparent Ethernet bridging";
    case 0x880b: return "PPP";
    case 0x8847: return "MPLS label switched packet";
    case 0x8848: return "MPLS multicast";
    case 0x88be: return "ERSPAN";
    case 0x0806: return "ARP";
    default: return nullptr;
    }
}

const char* pppProtocolName(uint16_t proto)
{
    switch (proto) {
    case 0x0021: return "Internet Protocol version 4";
    case 0x0057: return "Internet Protocol version 6";
    case 0x0281: return "MPLS Unicast";
    case 0xc021: return "Link Control Protocol";
    case 0x8021: return "Internet Protocol Control Protocol";
    case 0x8057: return "IPv6 Control Protocol";
    case 0xc023: return "Password Authentication Protocol";
    case 0xc223: return "Challenge Handshake Authentication Protocol";
    default: return nullptr;
    }
}

const char* mplsSpecialLabel(uint32_t label)
{
    switch (label) {
    case 0: return "IPv4 Explicit-Null";
    case 1: return "Router Alert";
    case 2: return "IPv6 Explicit-Null";
    case 3: return "Implicit-Null";
    case 7: return "Entropy Label Indicator";
    case 13: return "Generic Associated Channel Label (GAL)";
    case 14: return "OAM Alert";
    case 15: return "Extension";
    default: return nullptr;
    }
}

struct TunnelWalk {
    DetailTree& t;
    const DecodedPacket& d;
    const std::function<void()>& finalIp;
    int nextIp = 0;
    int ownIps = 0;
    int depth = 0;
    bool finalBuilt = false;

    uint32_t cap() const { return uint32_t(d.frame.size()); }
    bool has(uint32_t off, uint32_t n) const { return off <= cap() && n <= cap() - off; }

    void data(int32_t parent, uint32_t off, uint32_t n);
    void ether(uint16_t type, uint32_t off);
    void ethernet(uint32_t off);
    void vlan(uint16_t tpid, uint32_t off);
    void llc(uint32_t off);
    void pppoe(uint32_t off);
    void ppp(uint32_t off, uint32_t end, bool addressControl);
    void pppPayload(uint16_t proto, uint32_t off);
    void mpls(uint32_t off);
    void pbb(uint32_t off);
    void ip();
    void gre(uint32_t off, uint32_t len);
    void udp(uint32_t off);
    void udpPayload(uint32_t off);
    void vxlan(uint32_t off);
    void geneve(uint32_t off);
    bool teredo(uint32_t off);
    void gtp(uint32_t off, uint32_t end, bool prime = false);
    void gtpv2(uint32_t off, uint32_t end);
    void gtpPrime(uint32_t off);
    void gtpv0(uint32_t off, uint32_t end);
    void l2tp(uint32_t off, uint32_t end);
};

// "Data (n bytes)" as tshark shows bytes no dissector took.
void TunnelWalk::data(int32_t parent, uint32_t off, uint32_t n)
{
    addDataLayer(t, parent, d, off, n);
}

void TunnelWalk::ether(uint16_t type, uint32_t off)
{
    if (++depth > 16)
        return;
    switch (type) {
    case 0x8100:
    case 0x88a8:
    case 0x9100: vlan(type, off); return;
    case 0x8864: pppoe(off); return;
    case 0x8847:
    case 0x8848: mpls(off); return;
    case 0x0800:
    case 0x86dd: ip(); return;
    case 0x6558: ethernet(off); return;
    case 0x88e7: pbb(off); return;
    case 0x0806: return; // ARP: the caller's
    default:
        if (!etherTypeValueName(type))
            data(-1, off, cap() > off ? cap() - off : 0);
        return;
    }
}

void TunnelWalk::ethernet(uint32_t off)
{
    if (!has(off, 14))
        return;
    buildEthernetAt(t, d, off);
    const uint16_t type = loadBe16(d.at(off + 12));
    if (type <= 1500)
        llc(off + 14);
    else
        ether(type, off + 14);
}

void TunnelWalk::vlan(uint16_t tpid, uint32_t off)
{
    if (!has(off, 4))
        return;
    const uint16_t tci = loadBe16(d.at(off)), inner = loadBe16(d.at(off + 2));
    int32_t q;
    if (tpid == 0x88a8) { // tshark's 802.1ad layer shows the bits as numbers
        q = t.add(-1, fmt("IEEE 802.1ad, ID: %u", tci & 0xfff), off, 4);
        t.add(q, bitLine(tci, 0xe000, 16, fmt("Priority: %u", tci >> 13)), off, 2, 0xe000);
        t.add(q, bitLine(tci, 0x1000, 16, fmt("DEI: %u", (tci >> 12) & 1)), off, 2, 0x1000);
        t.add(q, bitLine(tci, 0x0fff, 16, fmt("ID: %u", tci & 0xfff)), off, 2, 0x0fff);
    } else {
        q = t.add(-1, &field("vlan"), field("vlan").description + fmt(", PRI: %u, DEI: %u, ID: %u", tci >> 13, (tci >> 12) & 1, tci & 0xfff), off, 4);
        t.add(q, &field("vlan.priority"), bitLine(tci, 0xe000, 16, field("vlan.priority").description + ": " + named(vlanPriorityValueName(tci >> 13), tci >> 13)), off, 2, 0xe000);
        t.add(q, bitLine(tci, 0x1000, 16, fmt("DEI: %s", (tci & 0x1000) ? "Eligible" : "Ineligible")), off, 2, 0x1000);
        t.add(q, &field("vlan.id"), bitLine(tci, 0x0fff, 16, field("vlan.id").description + fmt(": %u", tci & 0xfff)), off, 2, 0x0fff);
    }
    if (inner <= 1500) {
        t.add(q, fmt("Length: %u", inner), off + 2, 2);
        llc(off + 4);
        return;
    }
    t.add(q, tpid == 0x88a8 ? nullptr : &field("vlan.etype"), fmt("Type: %s (0x%04x)", etherTypeName(inner), inner), off + 2, 2);
    ether(inner, off + 4);
}

void TunnelWalk::llc(uint32_t off)
{
    if (!has(off, 3))
        return;
    const uint8_t* p = d.at(off);
    const uint8_t dsap = p[0], ssap = p[1], control = p[2];
    const bool unnumbered = (control & 3) == 3;
    const uint32_t controlLen = unnumbered ? 1 : 2;
    const bool snap = dsap == 0xaa && ssap == 0xaa;
    const uint32_t len = 2 + controlLen + (snap ? 5 : 0);
    const int32_t l = t.add(-1, "Logical-Link Control", off, std::min(len, cap() - off));
    const std::string dname = llcSapName(dsap) ? llcSapName(dsap) : "Unknown", sname = llcSapName(ssap) ? llcSapName(ssap) : "Unknown";
    const int32_t ds = t.add(l, fmt("DSAP: %s (0x%02x)", dname.c_str(), dsap), off, 1);
    t.add(ds, bitLine(dsap, 0xfe, 8, "SAP: " + dname), off, 1, 0xfe);
    t.add(ds, bitLine(dsap, 0x01, 8, std::string("IG Bit: ") + ((dsap & 1) ? "Group" : "Individual")), off, 1, 0x01);
    const int32_t ss = t.add(l, fmt("SSAP: %s (0x%02x)", sname.c_str(), ssap), off + 1, 1);
    t.add(ss, bitLine(ssap, 0xfe, 8, "SAP: " + sname), off + 1, 1, 0xfe);
    t.add(ss, bitLine(ssap, 0x01, 8, std::string("CR Bit: ") + ((ssap & 1) ? "Response" : "Command")), off + 1, 1, 0x01);
    if (unnumbered) {
        if (control == 0x03) {
            const int32_t c = t.add(l, "Control field: U, func=UI (0x03)", off + 2, 1);
            t.add(c, bitLine(control, 0xec, 8, "Command: Unnumbered Information (0x00)"), off + 2, 1, 0xec);
            t.add(c, bitLine(control, 0x03, 8, "Frame type: Unnumbered frame (0x3)"), off + 2, 1, 0x03);
        } else {
            t.add(l, fmt("Control field: U (0x%02x)", control), off + 2, 1);
        }
    } else if (has(off + 2, 2)) {
        const uint16_t c16 = loadBe16(d.at(off + 2));
        if (!(control & 1)) {
            const int32_t c = t.add(l, fmt("Control field: I, N(R)=%u, N(S)=%u (0x%04x)", (c16 >> 1) & 0x7f, c16 >> 9, c16), off + 2, 2);
            t.add(c, bitLine(c16, 0xfe00, 16, fmt("N(R): %u", c16 >> 9)), off + 2, 2, 0xfe00);
            t.add(c, bitLine(c16, 0x00fe, 16, fmt("N(S): %u", (c16 >> 1) & 0x7f)), off + 2, 2, 0x00fe);
            t.add(c, bitLine(c16, 0x0001, 16, "Frame type: Information frame (0x0)"), off + 2, 2, 0x0001);
        } else {
            t.add(l, fmt("Control field: S (0x%04x)", c16), off + 2, 2);
        }
    }
    if (!snap || !has(off + 2 + controlLen, 5))
        return;
    const uint32_t s = off + 2 + controlLen;
    const uint32_t oui = uint32_t(d.frame[s]) << 16 | uint32_t(d.frame[s + 1]) << 8 | d.frame[s + 2];
    // tshark's OUI names, as its -V prints them (cut where its label buffer cuts).
    const char* ouiName = oui == 0 ? "Officially Xerox, but" : oui == 0xf8 ? "Digital Equipment Cor" : oui == 8 ? "Xerox Corporation)" : nullptr;
    t.add(l, fmt("Organization Code: %02x:%02x:%02x", d.frame[s], d.frame[s + 1], d.frame[s + 2]) + (ouiName ? std::string(" (") + ouiName : std::string()),
          s, 3);
    const uint16_t pid = loadBe16(d.at(s + 3));
    if (oui == 0 || oui == 0xf8) {
        t.add(l, fmt("Type: %s (0x%04x)", etherTypeName(pid), pid), s + 3, 2);
        ether(pid, s + 5);
    } else {
        t.add(l, fmt("Protocol ID: 0x%04x", pid), s + 3, 2);
    }
}

void TunnelWalk::pppoe(uint32_t off)
{
    if (!has(off, 6))
        return;
    const uint8_t vt = d.frame[off], code = d.frame[off + 1];
    const uint16_t len = loadBe16(d.at(off + 4));
    const int32_t s = t.add(-1, "PPP-over-Ethernet Session", off, 6);
    t.add(s, bitLine(vt, 0xf0, 8, fmt("Version: %u", vt >> 4)), off, 1, 0xf0);
    t.add(s, bitLine(vt, 0x0f, 8, fmt("Type: %u", vt & 0xf)), off, 1, 0x0f);
    t.add(s, fmt("Code: %s (0x%02x)", code == 0 ? "Session Data" : "Unknown", code), off + 1, 1);
    t.add(s, fmt("Session ID: 0x%04x", loadBe16(d.at(off + 2))), off + 2, 2);
    t.add(s, fmt("Payload Length: %u", len), off + 4, 2);
    if (!d.pppoe || !has(off + 6, 2))
        return;
    ppp(off + 6, std::min(cap(), off + 6 + len), false);
}

// A PPP header at `off`; over HDLC-like framing (GRE, L2TP) address and control may come first.
void TunnelWalk::ppp(uint32_t off, uint32_t end, bool addressControl)
{
    if (end <= off || !has(off, 1))
        return;
    uint32_t pos = off;
    const bool ac = addressControl && end >= off + 2 && d.frame[off] == 0xff && d.frame[off + 1] == 0x03;
    if (ac)
        pos += 2;
    if (pos >= end)
        return;
    const bool shortProto = d.frame[pos] & 1;
    if (!shortProto && pos + 2 > end)
        return;
    const uint16_t proto = shortProto ? d.frame[pos] : loadBe16(d.at(pos));
    const uint32_t protoLen = shortProto ? 1 : 2;
    const int32_t p = t.add(-1, "Point-to-Point Protocol", off, pos + protoLen - off);
    if (ac) {
        t.add(p, "Address: 0xff", off, 1);
        t.add(p, "Control: 0x03", off + 1, 1);
    }
    t.add(p, fmt("Protocol: %s (0x%04x)", pppProtocolName(proto) ? pppProtocolName(proto) : "Unknown", proto), pos, protoLen);
    if (!pppProtocolName(proto)) // no dissector: its bytes
        data(-1, pos + protoLen, end > pos + protoLen ? end - pos - protoLen : 0);
    else
        pppPayload(proto, pos + protoLen);
}

void TunnelWalk::pppPayload(uint16_t proto, uint32_t off)
{
    if (proto == 0x0021 || proto == 0x0057)
        ip();
    else if (proto == 0x0281)
        mpls(off);
}

void TunnelWalk::mpls(uint32_t off)
{
    uint32_t label = 0;
    for (;;) {
        if (!has(off, 4))
            return;
        const uint32_t v = loadBe32(d.at(off));
        label = v >> 12;
        const unsigned exp = (v >> 9) & 7, bos = (v >> 8) & 1, ttl = v & 0xff;
        const char* special = mplsSpecialLabel(label);
        const std::string head = special ? fmt("%u (%s)", label, special) : fmt("%u", label);
        const int32_t m = t.add(-1, "MultiProtocol Label Switching Header, Label: " + head + fmt(", Exp: %u, S: %u, TTL: %u", exp, bos, ttl), off, 4);
        t.add(m, bitLine(v, 0xfffff000, 32, "MPLS Label: " + (special ? fmt("%s (%u)", special, label) : fmt("%u (0x%05x)", label, label))), off, 4, 0xfffff000);
        t.add(m, bitLine(v, 0x00000e00, 32, fmt("MPLS Experimental Bits: %u", exp)), off, 4, 0x00000e00);
        t.add(m, bitLine(v, 0x00000100, 32, fmt("MPLS Bottom Of Label Stack: %u", bos)), off, 4, 0x00000100);
        t.add(m, bitLine(v, 0x000000ff, 32, fmt("MPLS TTL: %u", ttl)), off, 4, 0x000000ff);
        off += 4;
        if (bos)
            break;
    }
    if (off >= cap())
        return;
    // As the decoder: reserved labels say what follows, else the first nibble.
    const uint8_t nibble = d.frame[off] >> 4;
    if (label == 0 || (label != 2 && nibble == 4) || label == 2 || nibble == 6)
        ip();
    else if (nibble == 0 && has(off, 4 + 14)) {
        const int32_t cw = t.add(-1, "PW Ethernet Control Word", off, 4);
        t.add(cw, fmt("Sequence Number: %u", loadBe16(d.at(off + 2))), off + 2, 2);
        ethernet(off + 4);
    } else
        data(-1, off, cap() - off);
}

// Provider backbone bridging: the I-TAG and the customer's addresses, then its type.
void TunnelWalk::pbb(uint32_t off)
{
    if (!has(off, 18))
        return;
    const uint32_t itag = loadBe32(d.at(off));
    const uint32_t isid = itag & 0xffffff;
    const std::string cdst = mac(d.at(off + 4)), csrc = mac(d.at(off + 10));
    const int32_t b = t.add(-1, fmt("IEEE 802.1ah, I-SID: %u, C-Src: ", isid) + csrc + ", C-Dst: " + cdst, off, 18);
    const int32_t it = t.add(b, fmt("I-Tag, I-SID: %u", isid), off, 4);
    t.add(it, bitLine(itag, 0xe0000000, 32, fmt("Priority: %u", itag >> 29)), off, 4, 0xe0000000);
    t.add(it, bitLine(itag, 0x10000000, 32, fmt("DROP: %u", (itag >> 28) & 1)), off, 4, 0x10000000);
    t.add(it, bitLine(itag, 0x08000000, 32, fmt("NCA: %u", (itag >> 27) & 1)), off, 4, 0x08000000);
    t.add(it, bitLine(itag, 0x04000000, 32, fmt("RES1: %u", (itag >> 26) & 1)), off, 4, 0x04000000);
    t.add(it, bitLine(itag, 0x03000000, 32, fmt("RES2: %u", (itag >> 24) & 3)), off, 4, 0x03000000);
    t.add(it, bitLine(itag, 0x00ffffff, 32, fmt("I-SID: %u", isid)), off, 4, 0x00ffffff);
    t.add(b, "C-Destination: " + cdst, off + 4, 6);
    t.add(b, "C-Source: " + csrc, off + 10, 6);
    const uint16_t type = loadBe16(d.at(off + 16));
    t.add(b, fmt("Type: %s (0x%04x)", etherTypeName(type), type), off + 16, 2);
    ether(type, off + 18);
}

// The next IP header the decoder listed; the one carrying the transport is finalIp's.
void TunnelWalk::ip()
{
    if (nextIp >= ownIps || ++depth > 16)
        return;
    const DecodedPacket::IpHeader& h = d.ipHeaders[nextIp++];
    if (!h.src)
        return;
    const uint32_t start = h.src - (h.v6 ? 8 : 12);
    const bool last = nextIp >= ownIps;
    if (!has(start, h.v6 ? 40 : 20) && !(last && start == d.netOffset))
        return; // cut short: the decoder went no further either
    uint8_t proto = h.v6 ? d.frame[start + 6] : d.frame[start + 9];
    uint32_t off = start + (h.v6 ? 40 : uint32_t(d.frame[start] & 0x0f) * 4);
    // IPv6 extension headers are part of the IPv6 layer.
    while (h.v6 && (proto == 0 || proto == 43 || proto == 60) && has(off, 2)) {
        proto = d.frame[off];
        off += (uint32_t(d.frame[off + 1]) + 1) * 8;
    }
    const uint32_t payload = h.v6 ? start + 40 + loadBe16(d.at(start + 4)) - off : loadBe16(d.at(start + 2)) - (off - start);
    if (last && start == d.netOffset) {
        finalIp();
        finalBuilt = true;
        if (d.transport == TransportLayer::None && proto == 47 && !d.ipFragment)
            gre(off, payload); // GRE carrying no IP (PPTP's PPP control, an unknown type)
        return;
    }
    if (h.v6)
        buildIpv6At(t, d, start, off - start, proto);
    else
        buildIpv4At(t, d, start, off - start);
    switch (proto) {
    case 4:
    case 41: ip(); return;
    case 47: gre(off, payload); return;
    case 17: udp(off); return;
    case 137: mpls(off); return;
    default: ip(); return;
    }
}

void TunnelWalk::gre(uint32_t off, uint32_t len)
{
    if (!has(off, 4))
        return;
    const uint16_t flags = loadBe16(d.at(off)), type = loadBe16(d.at(off + 2));
    const unsigned version = flags & 7;
    const char* tname = greTypeName(type);
    uint32_t hlen = 4 + ((flags & 0x8000) ? 4 : 0) + ((flags & 0x2000) || version == 1 ? 4 : 0) + ((flags & 0x1000) ? 4 : 0)
        + (version == 1 && (flags & 0x0080) ? 4 : 0);
    const int32_t g = t.add(-1, std::string("Generic Routing Encapsulation (") + (tname ? tname : fmt("0x%04x - unknown", type).c_str()) + ")", off,
                            std::min(hlen, cap() - off));
    const int32_t fv = t.add(g, fmt("Flags and Version: 0x%04x", flags), off, 2);
    t.add(fv, bitLine(flags, 0x8000, 16, std::string("Checksum Bit: ") + yesNo(flags & 0x8000)), off, 2, 0x8000);
    t.add(fv, bitLine(flags, 0x4000, 16, std::string("Routing Bit: ") + yesNo(flags & 0x4000)), off, 2, 0x4000);
    t.add(fv, bitLine(flags, 0x2000, 16, std::string("Key Bit: ") + yesNo(flags & 0x2000)), off, 2, 0x2000);
    t.add(fv, bitLine(flags, 0x1000, 16, std::string("Sequence Number Bit: ") + yesNo(flags & 0x1000)), off, 2, 0x1000);
    t.add(fv, bitLine(flags, 0x0800, 16, std::string("Strict Source Route Bit: ") + yesNo(flags & 0x0800)), off, 2, 0x0800);
    t.add(fv, bitLine(flags, 0x0700, 16, fmt("Recursion control: %u", (flags >> 8) & 7)), off, 2, 0x0700);
    if (version == 1) {
        t.add(fv, bitLine(flags, 0x0080, 16, std::string("Acknowledgment: ") + yesNo(flags & 0x0080)), off, 2, 0x0080);
        t.add(fv, bitLine(flags, 0x0078, 16, fmt("Flags (Reserved): %u", (flags >> 3) & 0xf)), off, 2, 0x0078);
    } else {
        t.add(fv, bitLine(flags, 0x00f8, 16, fmt("Flags (Reserved): %u", (flags >> 3) & 0x1f)), off, 2, 0x00f8);
    }
    t.add(fv, bitLine(flags, 0x0007, 16, version == 1 ? "Version: Enhanced GRE (1)" : version == 0 ? "Version: GRE (0)" : fmt("Version: Unknown (%u)", version)),
          off, 2, 0x0007);
    t.add(g, std::string("Protocol Type: ") + (tname ? tname : "Unknown") + fmt(" (0x%04x)", type), off + 2, 2);
    uint32_t pos = off + 4;
    if (flags & 0x8000) {
        if (!has(pos, 4))
            return;
        const uint16_t sum = loadBe16(d.at(pos));
        if (len >= 4 && has(off, len)) { // tshark checks GRE's checksum over the whole packet
            const uint16_t check = internetChecksum(d.at(off), len);
            if (check == 0) {
                t.add(g, fmt("Checksum: 0x%04x [correct]", sum), pos, 2);
                t.add(g, "[Checksum Status: Good]");
            } else {
                std::vector<uint8_t> copy(d.at(off), d.at(off) + len);
                copy[4] = copy[5] = 0;
                const uint16_t should = internetChecksum(copy.data(), len);
                t.add(g, fmt("Checksum: 0x%04x incorrect, should be 0x%04x", sum, should), pos, 2);
                t.add(g, "[Checksum Status: Bad]");
            }
        } else {
            t.add(g, fmt("Checksum: 0x%04x [unverified]", sum), pos, 2);
            t.add(g, "[Checksum Status: Unverified]");
        }
        t.add(g, fmt("Offset: %u", loadBe16(d.at(pos + 2))), pos + 2, 2);
        pos += 4;
    }
    if ((flags & 0x2000) || version == 1) {
        if (!has(pos, 4))
            return;
        if (version == 1) {
            t.add(g, fmt("Payload Length: %u", loadBe16(d.at(pos))), pos, 2);
            t.add(g, fmt("Call ID: %u", loadBe16(d.at(pos + 2))), pos + 2, 2);
        } else {
            t.add(g, fmt("Key: 0x%08x", loadBe32(d.at(pos))), pos, 4);
        }
        pos += 4;
    }
    if (flags & 0x1000) {
        if (!has(pos, 4))
            return;
        t.add(g, fmt("Sequence Number: %u", loadBe32(d.at(pos))), pos, 4);
        pos += 4;
    }
    if (version == 1 && (flags & 0x0080)) {
        if (!has(pos, 4))
            return;
        t.add(g, fmt("Acknowledgment Number: %u", loadBe32(d.at(pos))), pos, 4);
        pos += 4;
    }
    const uint32_t end = std::min(cap(), off + std::max(len, 4u));
    switch (type) {
    case 0x880b: ppp(pos, end, true); return;
    case 0x6558: ethernet(pos); return;
    case 0x6400: ethernet(off + 8); return;
    case 0x0800:
    case 0x86dd: ip(); return;
    case 0x8847:
    case 0x8848: mpls(pos); return;
    case 0x88be:
    case 0x22eb: return; // ERSPAN's own header: not shown
    default:
        if (greTypeName(type) || etherTypeValueName(type))
            ether(type, pos);
        else if (end > pos)
            data(g, pos, end - pos);
        return;
    }
}

void TunnelWalk::udp(uint32_t off)
{
    if (buildUdpAt(t, d, off) < 0)
        return;
    udpPayload(off);
}

// The UDP tunnels the decoder takes by port, the lower port first (decode/tunneldecoder.cpp).
void TunnelWalk::udpPayload(uint32_t off)
{
    if (!has(off, 8))
        return;
    const uint16_t sp = loadBe16(d.at(off)), dp = loadBe16(d.at(off + 2));
    const uint32_t end = std::min(cap(), off + std::max<uint32_t>(loadBe16(d.at(off + 4)), 8));
    for (uint16_t port : {std::min(sp, dp), std::max(sp, dp)}) {
        switch (port) {
        case 4789: vxlan(off + 8); return;
        case 6081: geneve(off + 8); return;
        case 2123:
        case 2152:
        case 3386: gtp(off + 8, end, port == 3386); return;
        case 1701: l2tp(off + 8, end); return;
        case 6635: mpls(off + 8); return;
        case 3544:
            if (teredo(off + 8))
                return;
            break;
        case 4790: t.add(-1, "Virtual eXtensible Local Area Network", off + 8, std::min(8u, cap() - std::min(cap(), off + 8))); ip(); return;
        default: break;
        }
    }
    ip();
}

void TunnelWalk::vxlan(uint32_t off)
{
    if (!has(off, 8))
        return;
    const uint16_t flags = loadBe16(d.at(off));
    const int32_t v = t.add(-1, "Virtual eXtensible Local Area Network", off, 8);
    std::string names;
    if (flags & 0x8000)
        names += ", GBP Extension";
    if (flags & 0x0800)
        names += ", VXLAN Network ID (VNI)";
    if (flags & 0x0040)
        names += ", Don't Learn";
    if (flags & 0x0008)
        names += ", Policy Applied";
    const int32_t f = t.add(v, fmt("Flags: 0x%04x", flags) + names, off, 2);
    t.add(f, bitLine(flags, 0x8000, 16, std::string("GBP Extension: ") + ((flags & 0x8000) ? "Defined" : "Not defined")), off, 2, 0x8000);
    t.add(f, bitLine(flags, 0x0800, 16, std::string("VXLAN Network ID (VNI): ") + trueFalse(flags & 0x0800)), off, 2, 0x0800);
    t.add(f, bitLine(flags, 0x0040, 16, std::string("Don't Learn: ") + trueFalse(flags & 0x0040)), off, 2, 0x0040);
    t.add(f, bitLine(flags, 0x0008, 16, std::string("Policy Applied: ") + trueFalse(flags & 0x0008)), off, 2, 0x0008);
    t.add(f, bitLine(flags, 0x77b7, 16, fmt("Reserved(R): 0x%04x", flags & 0x77b7)), off, 2, 0x77b7);
    t.add(v, fmt("Group Policy ID: %u", loadBe16(d.at(off + 2))), off + 2, 2);
    t.add(v, fmt("VXLAN Network Identifier (VNI): %u", loadBe32(d.at(off + 4)) >> 8), off + 4, 3);
    t.add(v, fmt("Reserved: %u", d.frame[off + 7]), off + 7, 1);
    ethernet(off + 8);
}

void TunnelWalk::geneve(uint32_t off)
{
    if (!has(off, 8))
        return;
    const uint8_t b0 = d.frame[off], fl = d.frame[off + 1];
    const uint16_t type = loadBe16(d.at(off + 2));
    const uint32_t vni = loadBe32(d.at(off + 4)) >> 8, options = (b0 & 0x3fu) * 4;
    const int32_t g = t.add(-1, fmt("Generic Network Virtualization Encapsulation, VNI: 0x%06x", vni), off, std::min(8 + options, cap() - off));
    t.add(g, fmt("Version: %u", b0 >> 6), off, 1);
    t.add(g, fmt("Length: %u bytes", options), off, 1);
    const int32_t f = t.add(g, fmt("Flags: 0x%02x", fl), off + 1, 1);
    t.add(f, bitLine(fl, 0x80, 8, std::string("Operations, Administration and Management Frame: ") + trueFalse(fl & 0x80)), off + 1, 1, 0x80);
    t.add(f, bitLine(fl, 0x40, 8, std::string("Critical Options Present: ") + trueFalse(fl & 0x40)), off + 1, 1, 0x40);
    t.add(f, bitLine(fl, 0x3f, 8, std::string("Reserved: ") + trueFalse(fl & 0x3f)), off + 1, 1, 0x3f);
    t.add(g, fmt("Protocol Type: %s (0x%04x)", type == 0x6558 ? "Transparent Ethernet bridging" : etherTypeName(type), type), off + 2, 2);
    t.add(g, fmt("Virtual Network Identifier (VNI): 0x%06x (%u)", vni, vni), off + 4, 3);
    if (!has(off, 8 + options))
        return;
    if (type == 0x6558)
        ethernet(off + 8 + options);
    else
        ether(type, off + 8 + options);
}

bool TunnelWalk::teredo(uint32_t off)
{
    uint32_t pos = off;
    if (has(pos, 4) && loadBe16(d.at(pos)) == 0x0001)
        pos += 13u + d.frame[pos + 2] + d.frame[pos + 3];
    if (has(pos, 8) && loadBe16(d.at(pos)) == 0x0000)
        pos += 8;
    if (!has(pos, 40) || (d.frame[pos] >> 4) != 6)
        return false;
    t.add(-1, "Teredo IPv6 over UDP tunneling", off, pos - off);
    ip();
    return true;
}

// GTPv2's headers, a piggybacked message after each one with the P flag (its elements are not shown).
void TunnelWalk::gtpv2(uint32_t off, uint32_t end)
{
    for (int guard = 0; guard < 64 && has(off, 4) && off < end; ++guard) {
        const uint8_t fl = d.frame[off], type = d.frame[off + 1];
        const uint32_t length = loadBe16(d.at(off + 2));
        const uint32_t header = (fl & 0x08) ? 12 : 8;
        const bool piggy = fl & 0x10;
        const uint32_t len = piggy ? length + 4 : end - off;
        const int32_t g = t.add(-1, "GPRS Tunneling Protocol V2", off, std::min(len, cap() - off));
        const int32_t f = t.add(g, fmt("Flags: 0x%02x", fl), off, 1);
        t.add(f, bitLine(fl, 0xe0, 8, fmt("Version: %u", fl >> 5)), off, 1, 0xe0);
        t.add(f, bitLine(fl, 0x10, 8, fmt("Piggybacking flag (P): %u", (fl >> 4) & 1)), off, 1, 0x10);
        t.add(f, bitLine(fl, 0x08, 8, fmt("TEID flag (T): %u", (fl >> 3) & 1)), off, 1, 0x08);
        t.add(f, bitLine(fl, 0x04, 8, fmt("Message Priority(MP): %u", (fl >> 2) & 1)), off, 1, 0x04);
        const char* name = gtpv2MessageValueName(type);
        t.add(g, fmt("Message Type: %s (%u)", name ? name : "Unknown", type), off + 1, 1);
        t.add(g, fmt("Message Length: %u", length), off + 2, 2);
        uint32_t pos = off + 4;
        if (fl & 0x08) {
            if (!has(pos, 4))
                return;
            const uint32_t teid = loadBe32(d.at(pos));
            t.add(g, fmt("Tunnel Endpoint Identifier: 0x%08x (%u)", teid, teid), pos, 4);
            pos += 4;
        }
        if (!has(pos, 3))
            return;
        const uint32_t seq = uint32_t(d.frame[pos]) << 16 | uint32_t(d.frame[pos + 1]) << 8 | d.frame[pos + 2];
        t.add(g, fmt("Sequence Number: 0x%06x (%u)", seq, seq), pos, 3);
        if (!has(pos + 3, 1))
            return;
        const uint8_t last = d.frame[pos + 3];
        if (fl & 0x04)
            t.add(g, bitLine(last, 0xf0, 8, fmt("Message Priority: 0x%x (%u)", last >> 4, last >> 4)), pos + 3, 1, 0xf0);
        else
            t.add(g, fmt("Spare: %u", last), pos + 3, 1);
        if (!piggy || off + header > end)
            return;
        off += length + 4;
    }
}

// GTP' (protocol type 0): flags, type, length and sequence number, as far as captured.
void TunnelWalk::gtpPrime(uint32_t off)
{
    const uint8_t fl = d.frame[off], type = d.frame[off + 1];
    const int32_t g = t.add(-1, "GPRS Tunneling Protocol Prime", off, std::min(6u, cap() - off));
    const int32_t f = t.add(g, fmt("Flags: 0x%02x", fl), off, 1);
    t.add(f, bitLine(fl, 0xe0, 8, fmt("Version: %u", fl >> 5)), off, 1, 0xe0);
    t.add(f, bitLine(fl, 0x10, 8, "Protocol type: GTP' (0)"), off, 1, 0x10);
    t.add(f, bitLine(fl, 0x0e, 8, fmt("Reserved: %u", (fl >> 1) & 7)), off, 1, 0x0e);
    if ((fl >> 5) == 0)
        t.add(f, bitLine(fl, 0x01, 8, (fl & 1) ? "Header length: 6-Octet Header" : "Header length: 20-Octet Header"), off, 1, 0x01);
    const char* typeName = gtpMessageValueName(type);
    t.add(g, fmt("Message Type: %s (0x%02x)", typeName ? typeName : "Unknown", type), off + 1, 1);
    if (has(off + 2, 2))
        t.add(g, fmt("Length: %u", loadBe16(d.at(off + 2))), off + 2, 2);
    if (has(off + 4, 2))
        t.add(g, fmt("Sequence number: 0x%04x (%u)", loadBe16(d.at(off + 4)), loadBe16(d.at(off + 4))), off + 4, 2);
}

// GTP version 0's 20-byte header; its TID is BCD digits, low nibble first (a filler shows blank).
void TunnelWalk::gtpv0(uint32_t off, uint32_t end)
{
    const uint8_t fl = d.frame[off], type = d.frame[off + 1];
    const int32_t g = t.add(-1, "GPRS Tunneling Protocol", off, std::min(20u, cap() - off));
    const int32_t f = t.add(g, fmt("Flags: 0x%02x", fl), off, 1);
    t.add(f, bitLine(fl, 0xe0, 8, "Version: GTP release 97/98 version (0)"), off, 1, 0xe0);
    t.add(f, bitLine(fl, 0x10, 8, "Protocol type: GTP (1)"), off, 1, 0x10);
    t.add(f, bitLine(fl, 0x0e, 8, fmt("Reserved: %u", (fl >> 1) & 7)), off, 1, 0x0e);
    t.add(f, bitLine(fl, 0x01, 8, std::string("Is SNDCP N-PDU included?: ") + yesNo(fl & 0x01)), off, 1, 0x01);
    const char* typeName = gtpMessageValueName(type);
    t.add(g, fmt("Message Type: %s (0x%02x)", typeName ? typeName : "Unknown", type), off + 1, 1);
    // Each field as far as captured.
    if (!has(off + 2, 2))
        return;
    const uint16_t length = loadBe16(d.at(off + 2));
    t.add(g, fmt("Length: %u", length), off + 2, 2);
    if (!has(off + 4, 2))
        return;
    t.add(g, fmt("Sequence number: 0x%04x (%u)", loadBe16(d.at(off + 4)), loadBe16(d.at(off + 4))), off + 4, 2);
    if (!has(off + 6, 2))
        return;
    t.add(g, fmt("Flow label: 0x%04x", loadBe16(d.at(off + 6))), off + 6, 2);
    if (!has(off + 8, 1))
        return;
    t.add(g, fmt("SNDCP N-PDU LLC Number: 0x%02x", d.frame[off + 8]), off + 8, 1);
    if (!has(off + 12, 8))
        return;
    std::string tid;
    for (uint32_t i = 0; i < 8; ++i)
        for (const uint8_t digit : {uint8_t(d.frame[off + 12 + i] & 0x0f), uint8_t(d.frame[off + 12 + i] >> 4)})
            tid += digit < 10 ? char('0' + digit) : ' ';
    t.add(g, "TID: " + tid, off + 12, 8);
    // A T-PDU carries its length's bytes after the header.
    const uint32_t pos = off + 20, stop = std::min(end, pos + length);
    if (type != 0xff || pos >= stop)
        return;
    const uint8_t first = d.frame[pos];
    if ((first >= 0x45 && first <= 0x4e) || (first >> 4) == 6)
        ip();
}

void TunnelWalk::gtp(uint32_t off, uint32_t end, bool prime)
{
    if (has(off, 1) && (d.frame[off] >> 5) == 2 && !prime) {
        gtpv2(off, end);
        return;
    }
    if (has(off, 2) && !(d.frame[off] & 0x10)) {
        gtpPrime(off);
        return;
    }
    if (has(off, 2) && (d.frame[off] >> 5) == 0) {
        gtpv0(off, end);
        return;
    }
    if (!has(off, 8))
        return;
    const uint8_t fl = d.frame[off], type = d.frame[off + 1];
    const int32_t g = t.add(-1, "GPRS Tunneling Protocol", off, 8);
    const int32_t f = t.add(g, fmt("Flags: 0x%02x", fl), off, 1);
    const unsigned version = fl >> 5;
    t.add(f, bitLine(fl, 0xe0, 8, version == 1 ? "Version: GTP release 99 version (1)" : fmt("Version: %u", version)), off, 1, 0xe0);
    t.add(f, bitLine(fl, 0x10, 8, (fl & 0x10) ? "Protocol type: GTP (1)" : "Protocol type: GTP' (0)"), off, 1, 0x10);
    t.add(f, bitLine(fl, 0x08, 8, fmt("Reserved: %u", (fl >> 3) & 1)), off, 1, 0x08);
    t.add(f, bitLine(fl, 0x04, 8, std::string("Is Next Extension Header present?: ") + yesNo(fl & 0x04)), off, 1, 0x04);
    t.add(f, bitLine(fl, 0x02, 8, std::string("Is Sequence Number present?: ") + yesNo(fl & 0x02)), off, 1, 0x02);
    t.add(f, bitLine(fl, 0x01, 8, std::string("Is N-PDU number present?: ") + yesNo(fl & 0x01)), off, 1, 0x01);
    const char* typeName = gtpMessageValueName(type);
    t.add(g, fmt("Message Type: %s (0x%02x)", typeName ? typeName : "Unknown", type), off + 1, 1);
    t.add(g, fmt("Length: %u", loadBe16(d.at(off + 2))), off + 2, 2);
    const uint32_t teid = loadBe32(d.at(off + 4));
    t.add(g, fmt("TEID: 0x%08x (%u)", teid, teid), off + 4, 4);
    if (version != 1)
        return;
    uint32_t pos = off + 8;
    if (fl & 0x07) { // each field shown as far as it was captured
        if ((fl & 0x02) && has(pos, 2))
            t.add(g, fmt("Sequence number: 0x%04x (%u)", loadBe16(d.at(pos)), loadBe16(d.at(pos))), pos, 2);
        if ((fl & 0x01) && has(pos + 2, 1))
            t.add(g, fmt("N-PDU Number: 0x%02x", d.frame[pos + 2]), pos + 2, 1);
        if (!has(pos, 4))
            return;
        uint8_t next = (fl & 0x04) ? d.frame[pos + 3] : 0;
        pos += 4;
        for (int guard = 0; next && guard < 8; ++guard) {
            if (!has(pos, 1) || d.frame[pos] == 0)
                return;
            const uint32_t len = d.frame[pos] * 4u;
            if (!has(pos, len))
                return;
            next = d.frame[pos + len - 1];
            pos += len;
        }
    }
    if (type != 0xff || pos >= end)
        return;
    const uint8_t nibble = d.frame[pos] >> 4;
    if (nibble == 4 || nibble == 6)
        ip();
    else
        t.add(-1, "T-PDU Data: " + hexBytes(d.at(pos), std::min<uint32_t>(end - pos, 36)), pos, end - pos);
}

void TunnelWalk::l2tp(uint32_t off, uint32_t end)
{
    if (!has(off, 6))
        return;
    const uint16_t fl = loadBe16(d.at(off));
    if ((fl & 0xf) != 2) // L2TPv3 over UDP: not decoded here
        return;
    const bool control = fl & 0x8000;
    std::string names = control ? "Type: Control Message" : "Type: Data Message";
    if (fl & 0x4000)
        names += ", Length";
    if (fl & 0x0800)
        names += ", Sequence";
    if (fl & 0x0200)
        names += ", Offset bit";
    if (fl & 0x0100)
        names += ", Priority";
    uint32_t hlen = 2 + ((fl & 0x4000) ? 2 : 0) + 4 + ((fl & 0x0800) ? 4 : 0) + ((fl & 0x0200) ? 2 : 0);
    if ((fl & 0x0200) && has(off + hlen - 2, 2))
        hlen += loadBe16(d.at(off + hlen - 2));
    const int32_t l = t.add(-1, "Layer 2 Tunneling Protocol", off, std::min(hlen, cap() - off));
    const int32_t f = t.add(l, fmt("Flags: 0x%04x, ", fl) + names, off, 2);
    t.add(f, bitLine(fl, 0x8000, 16, control ? "Type: Control Message (1)" : "Type: Data Message (0)"), off, 2, 0x8000);
    t.add(f, bitLine(fl, 0x4000, 16, (fl & 0x4000) ? "Length Bit: Length field is present" : "Length Bit: Length field is not present"), off, 2, 0x4000);
    t.add(f, bitLine(fl, 0x0800, 16, (fl & 0x0800) ? "Sequence Bit: Ns and Nr fields are present" : "Sequence Bit: Ns and Nr fields are not present"), off, 2, 0x0800);
    t.add(f, bitLine(fl, 0x0200, 16, (fl & 0x0200) ? "Offset bit: Offset Size field is present" : "Offset bit: Offset size field is not present"), off, 2, 0x0200);
    t.add(f, bitLine(fl, 0x0100, 16, (fl & 0x0100) ? "Priority: This data message has priority" : "Priority: No priority"), off, 2, 0x0100);
    t.add(f, bitLine(fl, 0x000f, 16, fmt("Version: %u", fl & 0xf)), off, 2, 0x000f);
    uint32_t pos = off + 2;
    if (fl & 0x4000) {
        t.add(l, fmt("Length: %u", loadBe16(d.at(pos))), pos, 2);
        pos += 2;
    }
    if (!has(pos, 4))
        return;
    t.add(l, fmt("Tunnel ID: %u", loadBe16(d.at(pos))), pos, 2);
    t.add(l, fmt("Session ID: %u", loadBe16(d.at(pos + 2))), pos + 2, 2);
    pos += 4;
    if (fl & 0x0800) {
        if (!has(pos, 4))
            return;
        t.add(l, fmt("Ns: %u", loadBe16(d.at(pos))), pos, 2);
        t.add(l, fmt("Nr: %u", loadBe16(d.at(pos + 2))), pos + 2, 2);
        pos += 4;
    }
    if (fl & 0x0200) {
        if (!has(pos, 2))
            return;
        const uint16_t pad = loadBe16(d.at(pos));
        t.add(l, fmt("Offset: %u", pad), pos, 2);
        pos += 2 + pad;
    }
    if (control || pos >= end)
        return;
    ppp(pos, end, true);
}

} // namespace

void buildEncapsulation(DetailTree& t, const DecodedPacket& d, const std::function<void()>& finalIp)
{
    TunnelWalk w{t, d, finalIp};
    w.ownIps = d.ipCount - (d.quotedProto && d.ipCount ? 1 : 0);
    const uint32_t cap = uint32_t(d.frame.size());
    switch (d.linkType) {
    case linktype::Ethernet:
        if (cap >= 14) {
            const uint16_t type = loadBe16(d.at(12));
            if (type <= 1500)
                w.llc(14);
            else
                w.ether(type, 14);
        }
        break;
    case linktype::LinuxSll:
        if (cap >= 16) {
            const uint16_t proto = loadBe16(d.at(14));
            if (proto == 4)
                w.llc(16);
            else if (proto >= 1536)
                w.ether(proto, 16);
        }
        break;
    case linktype::LinuxSll2:
        if (cap >= 20 && loadBe16(d.at(0)) >= 1536)
            w.ether(loadBe16(d.at(0)), 20);
        break;
    case linktype::Ieee80211:
    case linktype::Radiotap:
    case linktype::Ppi:
        if (const uint32_t llc = ieee80211LlcOffset(d))
            w.llc(llc);
        break;
    case linktype::Raw:
    case linktype::RawAlt:
    case linktype::RawOpenBsd:
    case linktype::IPv4:
    case linktype::IPv6:
    case linktype::Null:
    case linktype::Loop:
        w.ip();
        break;
    default:
        break;
    }
    // A path the walk did not follow (a link layer it does not read): the IP layer still shows.
    if (!w.finalBuilt && (d.net == NetLayer::IPv4 || d.net == NetLayer::IPv6))
        finalIp();
}

void buildTunnelAfterTransport(DetailTree& t, const DecodedPacket& d)
{
    // The decoder opened a tunnel in the transport's payload but found no IP inside it.
    if (d.transport != TransportLayer::Udp || !d.stopName || d.transportCaptured < 8)
        return;
    static const std::function<void()> none = [] {};
    TunnelWalk w{t, d, none}; // no IP headers left to take: the decoder found none inside
    w.udpPayload(d.transportOffset);
}

} // namespace synflow::treebuild
