#include "filter/filterbuilder.h"

#include "analysis/analysedcapture.h"
#include "fields/fieldregistry.h"
#include "filter/filterfields.h"
#include "proto/pducontinuation.h"
#include "tree/detailtree.h"

#include <cstdio>

namespace synflow {

std::string joinFilters(std::string_view current, std::string_view selected, FilterJoin how)
{
    const std::string cur(current), sel(selected);
    const bool none = cur.find_first_not_of(" \t") == std::string::npos;
    switch (how) {
    case FilterJoin::Selected:
        return sel;
    case FilterJoin::NotSelected:
        return "!(" + sel + ")";
    case FilterJoin::AndSelected:
        return none ? sel : "(" + cur + ") && (" + sel + ")";
    case FilterJoin::OrSelected:
        return none ? sel : "(" + cur + ") || (" + sel + ")";
    case FilterJoin::AndNotSelected:
        return none ? "!(" + sel + ")" : "(" + cur + ") && !(" + sel + ")";
    case FilterJoin::OrNotSelected:
        return none ? "!(" + sel + ")" : "(" + cur + ") || !(" + sel + ")";
    }
    return sel;
}

std::string fieldFilter(const Field& f, const FieldValue& v)
{
    if (!filter::filterable(f))
        return {};
    if (f.type == FieldType::Protocol || f.type == FieldType::None)
        return f.name;
    std::string out = f.name + " == ";
    switch (f.type) {
    case FieldType::String: // quoted, with quotes and backslashes escaped
        out += '"';
        for (const char c : v.text) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        out += '"';
        break;
    case FieldType::Bytes: { // aa:bb:cc, as Wireshark writes byte strings in filters
        char hex[4];
        for (size_t i = 0; i < v.text.size(); ++i) {
            std::snprintf(hex, sizeof hex, i ? ":%02x" : "%02x", unsigned(static_cast<unsigned char>(v.text[i])));
            out += hex;
        }
        break;
    }
    default:
        appendFieldValue(out, f, v);
    }
    return out;
}

FrameFields::FrameFields(const AnalysedCapture& capture, size_t frame) : d_(capture.decode(frame)), a_(capture.tcpAnalysis(frame, d_))
{
    const PacketIndex& index = capture.index();
    const PacketRecord& r = index[frame];
    protocol_ = summarizeFrame(d_, r, a_.valid ? &a_ : nullptr, capture.protocols()).protocol;
    src_.number = frame + 1;
    src_.record = &r;
    src_.decoded = &d_;
    src_.time = capture.file().exactTime(frame);
    src_.timeRelativeNs = nsBetween(r.tsNs, index[0].tsNs);
    src_.timeDeltaNs = frame ? nsBetween(r.tsNs, index[frame - 1].tsNs) : 0;
    src_.tcp = a_.valid ? &a_ : nullptr;
    src_.protocol = protocol_;
    comments_ = capture.file().packetComments(frame);
    src_.comments = &comments_;
}

std::string nodeFilter(const DetailTree& tree, int32_t node, const FrameFields& frame)
{
    const auto& nodes = tree.nodes();
    if (node < 0 || size_t(node) >= nodes.size() || !nodes[size_t(node)].field)
        return {};
    const Field& f = *nodes[size_t(node)].field;
    // The n-th line showing this field is its n-th occurrence (tunnels, SACK edges, options).
    size_t occurrence = 0;
    for (int32_t i = 0; i < node; ++i)
        occurrence += nodes[size_t(i)].field == &f ? 1 : 0;
    const FieldValues values = f.values(frame.source());
    if (occurrence >= values.size())
        return {};
    return fieldFilter(f, values[occurrence]);
}

namespace {

const char* columnFieldName(ListColumn column, const DecodedPacket& d)
{
    const bool v4 = d.net == NetLayer::IPv4, v6 = d.net == NetLayer::IPv6;
    switch (column) {
    case ListColumn::Number: return "frame.number";
    case ListColumn::TimeRelative: return "frame.time_relative";
    case ListColumn::Length: return "frame.len";
    case ListColumn::Source: return v4 ? "ip.src" : v6 ? "ipv6.src" : nullptr;
    case ListColumn::Destination: return v4 ? "ip.dst" : v6 ? "ipv6.dst" : nullptr;
    }
    return nullptr;
}

// The innermost occurrence of a field, printed as a filter literal ("" if absent).
std::string lastValue(std::string_view name, const FieldSource& src)
{
    const Field& f = field(name);
    const FieldValues v = f.values(src);
    if (v.empty())
        return {};
    std::string out;
    appendFieldValue(out, f, v.back());
    return out;
}

} // namespace

std::string columnFilter(ListColumn column, const FrameFields& frame)
{
    const char* name = columnFieldName(column, frame.decoded());
    if (!name)
        return {};
    const Field& f = field(name);
    const FieldValues v = f.values(frame.source());
    return v.empty() ? std::string() : fieldFilter(f, v.back());
}

std::string conversationFilter(ConversationLayer layer, const FrameFields& frame)
{
    const FieldSource& s = frame.source();
    const DecodedPacket& d = frame.decoded();
    auto pair = [](const std::string& name, const std::string& a, const std::string& b) {
        return a.empty() || b.empty() ? std::string() : name + "==" + a + " && " + name + "==" + b;
    };
    auto addresses = [&] {
        if (d.net == NetLayer::IPv4)
            return pair("ip.addr", lastValue("ip.src", s), lastValue("ip.dst", s));
        if (d.net == NetLayer::IPv6)
            return pair("ipv6.addr", lastValue("ipv6.src", s), lastValue("ipv6.dst", s));
        return std::string();
    };
    auto ports = [&](const char* proto) {
        const std::string p(proto);
        const std::string ends = addresses();
        const std::string both = pair(p + ".port", lastValue(p + ".srcport", s), lastValue(p + ".dstport", s));
        return ends.empty() || both.empty() ? std::string() : "(" + ends + ") && (" + both + ")";
    };
    switch (layer) {
    case ConversationLayer::Ethernet:
        return pair("eth.addr", lastValue("eth.src", s), lastValue("eth.dst", s));
    case ConversationLayer::Ipv4:
        return d.net == NetLayer::IPv4 ? addresses() : std::string();
    case ConversationLayer::Ipv6:
        return d.net == NetLayer::IPv6 ? addresses() : std::string();
    case ConversationLayer::Tcp:
        return d.transport == TransportLayer::Tcp ? ports("tcp") : std::string();
    case ConversationLayer::Udp:
        return d.transport == TransportLayer::Udp ? ports("udp") : std::string();
    }
    return {};
}

} // namespace synflow
