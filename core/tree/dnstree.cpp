// DNS in the detail tree: header, flags, questions and resource records (A, AAAA, CNAME, NS,
// PTR, MX, TXT, SOA, SRV), over UDP and over TCP with its length prefix, as tshark -V shows them.
#include "fields/fieldregistry.h"
#include "output/textformat.h"
#include "tree/apptree.h"
#include "tree/appvaluenames.h"

#include <arpa/inet.h>

#include <algorithm>
#include <vector>

namespace synflow {
namespace {

using apptext::fmt;

struct Name {
    std::string text;
    uint32_t wireLen = 0; // bytes the name takes where it starts (up to a pointer)
    uint32_t labels = 0;
    bool ok = false;
};

// A possibly compressed name at `off`; pointers are followed a bounded number of times.
Name readName(const AppTree& a, uint32_t base, uint32_t off)
{
    Name n;
    const uint8_t* p = a.data();
    const uint32_t size = a.size();
    uint32_t pos = off;
    bool jumped = false;
    std::vector<uint32_t> targets;
    for (int hops = 0; hops < 256; ++hops) {
        if (pos >= size)
            return n;
        const uint8_t len = p[pos];
        if (len == 0) {
            if (!jumped)
                n.wireLen = pos + 1 - off;
            n.ok = true;
            if (n.text.empty())
                n.text = "<Root>";
            return n;
        }
        if ((len & 0xc0) == 0xc0) {
            if (pos + 1 >= size)
                return n;
            if (!jumped)
                n.wireLen = pos + 2 - off;
            jumped = true;
            pos = base + (uint32_t(len & 0x3f) << 8 | p[pos + 1]);
            if (std::find(targets.begin(), targets.end(), pos) != targets.end()) {
                n.text = "<Name contains a pointer that loops>";
                n.ok = true;
                return n;
            }
            targets.push_back(pos);
            continue;
        }
        if (pos + 1 + len > size)
            return n;
        if (!n.text.empty())
            n.text += '.';
        n.text.append(reinterpret_cast<const char*>(p + pos + 1), len);
        ++n.labels;
        pos += 1 + len;
    }
    return n;
}

std::string typeName(uint16_t type)
{
    const char* n = appnames::dnsTypes(type);
    return n ? n : "Unknown";
}

// The short name ("A" of "A (Host Address)").
std::string typeShort(uint16_t type)
{
    const char* n = appnames::dnsTypes(type);
    if (!n)
        return fmt("Unknown (%u)", type);
    std::string s(n);
    return s.substr(0, s.find(" ("));
}

std::string className(uint16_t cls)
{
    const char* n = appnames::dnsClasses(cls & 0x7fff);
    return n ? n : fmt("Unknown (0x%04x)", cls);
}

// "86400 (1 day)", "450 (7 minutes, 30 seconds)".
std::string duration(uint32_t s)
{
    static const std::pair<uint32_t, const char*> units[] = {{86400, "day"}, {3600, "hour"}, {60, "minute"}, {1, "second"}};
    std::string out;
    uint32_t rest = s;
    for (const auto& [size, name] : units) {
        const uint32_t n = rest / size;
        rest %= size;
        if (n) {
            if (!out.empty())
                out += ", ";
            out += fmt("%u %s%s", n, name, n == 1 ? "" : "s");
        }
    }
    return fmt("%u (%s)", s, out.empty() ? "0 seconds" : out.c_str());
}

std::string flagsSummary(uint16_t f)
{
    const bool response = f & 0x8000;
    const unsigned opcode = (f >> 11) & 0xf;
    std::string s = opcode == 0 ? "Standard query" : (appnames::dnsOpcodes(opcode) ? appnames::dnsOpcodes(opcode) : "Unknown operation");
    if (response) {
        s += " response";
        const unsigned rcode = f & 0xf;
        s += std::string(", ") + (appnames::dnsRcodes(rcode) ? appnames::dnsRcodes(rcode) : "Unknown error");
    }
    return s;
}

std::string bits16(uint16_t v, uint16_t mask)
{
    std::string s;
    for (int i = 15; i >= 0; --i) {
        s += (mask >> i) & 1 ? ((v >> i) & 1 ? '1' : '0') : '.';
        if (i % 4 == 0 && i)
            s += ' ';
    }
    return s;
}

void flags(AppTree& a, int32_t root, uint32_t off, uint16_t f)
{
    const int32_t n = a.add(root, findField("dns.flags"), fmt("Flags: 0x%04x %s", f, flagsSummary(f).c_str()), off, 2);
    const bool response = f & 0x8000;
    const auto bit = [&](uint16_t mask, const char* fieldName, const std::string& text) {
        a.add(n, findField(fieldName), bits16(f, mask) + " = " + text, off, 2, mask);
    };
    bit(0x8000, "dns.flags.response", response ? "Response: Message is a response" : "Response: Message is a query");
    const unsigned opcode = (f >> 11) & 0xf;
    bit(0x7800, "dns.flags.opcode", fmt("Opcode: %s (%u)", appnames::dnsOpcodes(opcode) ? appnames::dnsOpcodes(opcode) : "Unknown", opcode));
    if (response)
        bit(0x0400, "dns.flags.authoritative", (f & 0x0400) ? "Authoritative: Server is an authority for domain" : "Authoritative: Server is not an authority for domain");
    bit(0x0200, "dns.flags.truncated", (f & 0x0200) ? "Truncated: Message is truncated" : "Truncated: Message is not truncated");
    bit(0x0100, "dns.flags.recdesired", (f & 0x0100) ? "Recursion desired: Do query recursively" : "Recursion desired: Don't do query recursively");
    if (response)
        bit(0x0080, "dns.flags.recavail", (f & 0x0080) ? "Recursion available: Server can do recursive queries" : "Recursion available: Server can't do recursive queries");
    bit(0x0040, "dns.flags.z", fmt("Z: reserved (%u)", (f >> 6) & 1));
    if (response)
        bit(0x0020, "dns.flags.authenticated", (f & 0x0020) ? "Answer authenticated: Answer/authority portion was authenticated by the server"
                                                            : "Answer authenticated: Answer/authority portion was not authenticated by the server");
    bit(0x0010, "dns.flags.checkdisable", (f & 0x0010) ? "Non-authenticated data: Acceptable" : "Non-authenticated data: Unacceptable");
    if (response) {
        const unsigned rcode = f & 0xf;
        bit(0x000f, "dns.flags.rcode", fmt("Reply code: %s (%u)", appnames::dnsRcodes(rcode) ? appnames::dnsRcodes(rcode) : "Unknown", rcode));
    }
}

// One question at `off`; returns the offset past it, or 0 when cut short.
uint32_t question(AppTree& a, int32_t parent, uint32_t base, uint32_t off)
{
    const Name n = readName(a, base, off);
    if (!n.ok || off + n.wireLen + 4 > a.size())
        return 0;
    const uint32_t t = off + n.wireLen;
    const uint16_t type = loadBe16(a.data() + t), cls = loadBe16(a.data() + t + 2);
    const int32_t q = a.add(parent, fmt("%s: type %s, class %s", n.text.c_str(), typeShort(type).c_str(), className(cls).c_str()), off, n.wireLen + 4);
    a.add(q, findField("dns.qry.name"), applabel::field("Name", n.text), off, n.wireLen);
    a.add(q, fmt("[Name Length: %zu]", n.text == "<Root>" ? size_t(6) : n.text.size()));
    a.add(q, fmt("[Label Count: %u]", n.labels));
    a.add(q, findField("dns.qry.type"), fmt("Type: %s (%u)", typeName(type).c_str(), type), t, 2);
    a.add(q, findField("dns.qry.class"), fmt("Class: %s (0x%04x)", className(cls).c_str(), cls), t + 2, 2);
    return t + 4;
}

uint32_t record(AppTree& a, int32_t parent, uint32_t base, uint32_t off)
{
    const Name n = readName(a, base, off);
    if (!n.ok || off + n.wireLen + 10 > a.size())
        return 0;
    const uint8_t* p = a.data();
    const uint32_t t = off + n.wireLen;
    const uint16_t type = loadBe16(p + t), cls = loadBe16(p + t + 2);
    const uint32_t ttl = loadBe32(p + t + 4);
    const uint16_t rdlen = loadBe16(p + t + 8);
    const uint32_t rd = t + 10;
    const bool whole = rd + rdlen <= a.size();
    std::string summary = fmt("%s: type %s, class %s", n.text.c_str(), typeShort(type).c_str(), className(cls).c_str());
    std::vector<std::pair<std::string, std::pair<uint32_t, uint32_t>>> data; // lines under the record
    const auto nameAt = [&](uint32_t o) { return readName(a, base, o); };
    if (whole) {
        switch (type) {
        case 1:
            if (rdlen == 4) {
                const std::string addr = formatIpv4(p + rd);
                summary += ", addr " + addr;
                data.push_back({"Address: " + addr, {rd, 4}});
            }
            break;
        case 28:
            if (rdlen == 16) {
                char buf[INET6_ADDRSTRLEN];
                inet_ntop(AF_INET6, p + rd, buf, sizeof buf);
                summary += std::string(", addr ") + buf;
                data.push_back({std::string("AAAA Address: ") + buf, {rd, 16}});
            }
            break;
        case 2:
        case 5:
        case 12: {
            const Name target = nameAt(rd);
            const char* word = type == 2 ? "ns" : type == 5 ? "cname" : "PTR";
            const char* label = type == 2 ? "Name Server" : type == 5 ? "CNAME" : "Domain Name";
            summary += std::string(", ") + word + " " + target.text;
            data.push_back({std::string(label) + ": " + target.text, {rd, rdlen}});
            break;
        }
        case 15:
            if (rdlen >= 3) {
                const Name target = nameAt(rd + 2);
                summary += fmt(", preference %u, mx %s", loadBe16(p + rd), target.text.c_str());
                data.push_back({fmt("Preference: %u", loadBe16(p + rd)), {rd, 2}});
                data.push_back({"Mail Exchange: " + target.text, {rd + 2, rdlen - 2u}});
            }
            break;
        case 16:
            for (uint32_t i = rd; i < rd + rdlen && i + 1 + p[i] <= rd + rdlen;) {
                data.push_back({fmt("TXT Length: %u", p[i]), {i, 1}});
                data.push_back({applabel::field("TXT", a.text(i + 1, p[i])), {i + 1, p[i]}});
                i += 1 + p[i];
            }
            break;
        case 6: {
            const Name mname = nameAt(rd);
            const Name rname = mname.ok ? nameAt(rd + mname.wireLen) : Name{};
            summary += ", mname " + mname.text;
            if (mname.ok && rname.ok && rd + mname.wireLen + rname.wireLen + 20 <= rd + rdlen) {
                uint32_t o = rd + mname.wireLen + rname.wireLen;
                data.push_back({"Primary name server: " + mname.text, {rd, mname.wireLen}});
                data.push_back({"Responsible authority's mailbox: " + rname.text, {rd + mname.wireLen, rname.wireLen}});
                data.push_back({fmt("Serial Number: %u", loadBe32(p + o)), {o, 4}});
                static const char* const names[] = {"Refresh Interval", "Retry Interval", "Expire limit", "Minimum TTL"};
                for (int i = 0; i < 4; ++i)
                    data.push_back({std::string(names[i]) + ": " + duration(loadBe32(p + o + 4 + 4 * i)), {o + 4 + 4 * i, 4}});
            }
            break;
        }
        case 33:
            if (rdlen >= 7) {
                const Name target = nameAt(rd + 6);
                summary += fmt(", priority %u, weight %u, port %u, target %s", loadBe16(p + rd), loadBe16(p + rd + 2), loadBe16(p + rd + 4),
                               target.text.c_str());
                data.push_back({fmt("Priority: %u", loadBe16(p + rd)), {rd, 2}});
                data.push_back({fmt("Weight: %u", loadBe16(p + rd + 2)), {rd + 2, 2}});
                data.push_back({fmt("Port: %u", loadBe16(p + rd + 4)), {rd + 4, 2}});
                data.push_back({"Target: " + target.text, {rd + 6, rdlen - 6u}});
            }
            break;
        default:
            break;
        }
    }
    const bool undecoded = whole && rdlen && type != 1 && type != 28 && type != 2 && type != 5 && type != 12 && type != 15 && type != 16
                           && type != 6 && type != 33 && !appnames::dnsTypes(type);
    const int32_t r = a.add(parent, summary, off, n.wireLen + 10 + rdlen);
    if (type == 33) { // SRV owner names split into service, protocol and name
        const size_t d1 = n.text.find('.'), d2 = d1 == std::string::npos ? d1 : n.text.find('.', d1 + 1);
        if (d2 != std::string::npos) {
            a.add(r, "Service: " + n.text.substr(0, d1), off, n.wireLen);
            a.add(r, "Protocol: " + n.text.substr(d1 + 1, d2 - d1 - 1), off, n.wireLen);
            a.add(r, "Name: " + n.text.substr(d2 + 1), off, n.wireLen);
        } else
            a.add(r, findField("dns.resp.name"), applabel::field("Name", n.text), off, n.wireLen);
    } else {
        a.add(r, findField("dns.resp.name"), applabel::field("Name", n.text), off, n.wireLen);
    }
    a.add(r, findField("dns.resp.type"), fmt("Type: %s (%u)", typeName(type).c_str(), type), t, 2);
    a.add(r, fmt("Class: %s (0x%04x)", className(cls).c_str(), cls & 0x7fff), t + 2, 2);
    a.add(r, findField("dns.resp.ttl"), "Time to live: " + duration(ttl), t + 4, 4);
    a.add(r, fmt("Data length: %u", rdlen), t + 8, 2);
    for (const auto& [label, span] : data) {
        const Field* f = nullptr;
        if (label.starts_with("Address: "))
            f = findField("dns.a");
        else if (label.starts_with("AAAA Address: "))
            f = findField("dns.aaaa");
        else if (label.starts_with("CNAME: "))
            f = findField("dns.cname");
        a.add(r, f, label, span.first, span.second);
    }
    if (undecoded) {
        a.expert(r, "Note", "Undecoded", fmt("Dissector for DNS Type (%u) code not implemented, Contact Wireshark developers if you want this supported", type));
        a.add(r, "Data: " + apptext::hex(p + rd, rdlen, 36), rd, rdlen);
    }
    return whole ? rd + rdlen : 0;
}

// `cut`: the segment ends inside the message, so running out of bytes is not malformation.
bool buildDnsMessage(DetailTree& t, const AppPayload& p, bool cut)
{
    AppTree a(t, p);
    uint32_t base = 0;
    if (p.overTcp)
        base = 2;
    if (a.size() < base + 12)
        return false;
    const uint8_t* d = a.data() + base;
    const uint16_t f = loadBe16(d + 2);
    const int32_t root = a.add(-1, &field("dns"), std::string("Domain Name System (") + ((f & 0x8000) ? "response" : "query") + ")", 0, a.size());
    if (p.overTcp)
        a.add(root, fmt("Length: %u", loadBe16(a.data())), 0, 2);
    a.add(root, findField("dns.id"), fmt("Transaction ID: 0x%04x", loadBe16(d)), base, 2);
    flags(a, root, base + 2, f);
    const uint16_t counts[4] = {loadBe16(d + 4), loadBe16(d + 6), loadBe16(d + 8), loadBe16(d + 10)};
    static const char* const countNames[] = {"Questions", "Answer RRs", "Authority RRs", "Additional RRs"};
    static const char* const countFields[] = {"dns.count.queries", "dns.count.answers", "dns.count.auth_rr", "dns.count.add_rr"};
    for (int i = 0; i < 4; ++i)
        a.add(root, findField(countFields[i]), fmt("%s: %u", countNames[i], counts[i]), base + 4 + 2 * i, 2);
    uint32_t off = base + 12;
    if (counts[0]) {
        const int32_t q = a.add(root, "Queries", off, 0);
        for (unsigned i = 0; i < counts[0] && off; ++i)
            off = question(a, q, base, off);
    }
    static const char* const sections[] = {"Answers", "Authoritative nameservers", "Additional records"};
    for (int s = 0; s < 3 && off; ++s) {
        if (!counts[s + 1])
            continue;
        const int32_t sec = a.add(root, sections[s], off, 0);
        for (unsigned i = 0; i < counts[s + 1] && off; ++i)
            off = record(a, sec, base, off);
    }
    if (!off && cut) {
        AppTree(t, p).unreassembled("DNS");
    } else if (!off) {
        // A section ran past the message: tshark's exception.
        const int32_t m = t.add(-1, "[Malformed Packet: DNS]");
        a.expert(m, "Error", "Malformed", "Malformed Packet (Exception occurred)");
    } else if (off < a.size()) {
        const int32_t x = a.add(root, fmt("Extraneous Data (%u bytes)", a.size() - off), off, a.size() - off);
        a.add(x, "Extraneous Data Bytes: " + apptext::hex(a.data() + off, a.size() - off, 36), off, a.size() - off);
        a.add(x, fmt("[Extraneous Data Length: %u]", a.size() - off));
    }
    return true;
}

} // namespace

bool buildDnsTree(DetailTree& t, const AppPayload& p)
{
    if (!p.overTcp)
        return buildDnsMessage(t, p, false);
    // A TCP segment may carry several length-prefixed messages: a layer each.
    bool any = false;
    for (size_t off = 0; off + 2 <= p.bytes.size();) {
        const size_t len = 2 + loadBe16(p.bytes.data() + off);
        // A message that runs past the segment is shown as far as it goes (no reassembly here).
        const bool cut = off + len > p.bytes.size();
        AppPayload one = p;
        one.bytes = p.bytes.subspan(off, std::min(len, p.bytes.size() - off));
        one.frameOffset = p.frameOffset + uint32_t(off);
        if (!buildDnsMessage(t, one, cut)) {
            if (cut && any)
                AppTree(t, one).unreassembled("DNS");
            return any;
        }
        any = true;
        off += len;
    }
    return any;
}

} // namespace synflow
