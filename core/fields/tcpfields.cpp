// tcp.*: what the TCP header itself says (no analysis needed).
#include "fields/fieldtable.h"

#include <algorithm>

namespace synflow::fieldtable {
namespace {

// Each option of `kind` (any kind when kind < 0) as (offset, length), with the whole option
// captured and at least `minLen` long.
template<typename F>
void forEachOption(const FieldSource& s, int kind, uint32_t minLen, F&& visit)
{
    forEachTcpOption(dp(s), [&](uint8_t k, uint32_t off, uint32_t len) {
        if ((kind < 0 || k == kind) && len >= minLen)
            visit(off, len);
    });
}

void addOptionValue(Table& t, std::string name, std::string description, uint8_t kind, uint32_t len, uint32_t at, int width)
{
    t.add(std::move(name), FieldType::Uint, std::move(description), [=](const FieldSource& s, FieldValues& v) {
        forEachOption(s, kind, len, [&](uint32_t off, uint32_t l) {
            if (l == len)
                v.push_back(integer(width == 4 ? loadBe32(dp(s).at(off + at)) : width == 2 ? loadBe16(dp(s).at(off + at)) : *dp(s).at(off + at)));
        });
    });
}

} // namespace

void addTcpFields(Table& t)
{
    const auto h = [](auto get) { return [get](const FieldSource& s) { return int64_t(get(tcpOf(s))); }; };
    // A quoted header (an ICMP error's) gives its ports, and its sequence number as sent.
    const auto anyTcp = [](const FieldSource& s) { return isTcp(s) || quoted(s, 6, 4); };
    const auto header = [](const FieldSource& s) { return isTcp(s) ? dp(s).at(dp(s).transportOffset) : quotedAt(s); };
    t.presence("tcp", FieldType::Protocol, "Transmission Control Protocol", anyTcp);
    t.number("tcp.srcport", FieldType::Uint, "Source Port", anyTcp, [header](const FieldSource& s) { return int64_t(loadBe16(header(s))); });
    t.number("tcp.dstport", FieldType::Uint, "Destination Port", anyTcp, [header](const FieldSource& s) { return int64_t(loadBe16(header(s) + 2)); });
    t.add("tcp.port", FieldType::Uint, "Source or Destination Port", [anyTcp, header](const FieldSource& s, FieldValues& v) {
        if (anyTcp(s)) {
            v.push_back(integer(loadBe16(header(s))));
            v.push_back(integer(loadBe16(header(s) + 2)));
        }
    });
    t.number("tcp.len", FieldType::Uint, "TCP Segment Len", measured, [](const FieldSource& s) { return int64_t(dp(s).tcpPayloadLen); });
    t.number("tcp.seq_raw", FieldType::Uint, "Sequence Number (raw)", tcpHeader, h([](TcpView x) { return x.seq(); }));
    t.number("tcp.ack_raw", FieldType::Uint, "Acknowledgment number (raw)", tcpHeader, h([](TcpView x) { return x.ack(); }));
    t.number("tcp.hdr_len", FieldType::Uint, "Header Length", tcpHeader, [](const FieldSource& s) { return int64_t(dp(s).tcpHeaderLen); });
    t.number("tcp.flags", FieldType::Uint, "Flags", tcpHeader, h([](TcpView x) { return x.flags(); }), 0, 4);
    const std::tuple<const char*, const char*, uint16_t> bits[] = {
        {"res", "Reserved", 0x0e00}, {"ae", "Accurate ECN", TcpAe}, {"cwr", "Congestion Window Reduced", TcpCwr},
        {"ece", "ECN-Echo", TcpEce}, {"urg", "Urgent", TcpUrg},     {"ack", "Acknowledgment", TcpAck},
        {"push", "Push", TcpPsh},    {"reset", "Reset", TcpRst},    {"syn", "Syn", TcpSyn},
        {"fin", "Fin", TcpFin}};
    for (const auto& [name, description, mask] : bits)
        t.number(std::string("tcp.flags.") + name, FieldType::Bool, description, tcpHeader,
                 [mask = mask](const FieldSource& s) { return int64_t((tcpOf(s).flags() & mask) != 0); });
    t.number("tcp.window_size_value", FieldType::Uint, "Window", tcpHeader, h([](TcpView x) { return x.window(); }));
    const auto captured = [](uint32_t bytes) { return [bytes](const FieldSource& s) { return tcpHeader(s) && dp(s).transportCaptured >= bytes; }; };
    t.number("tcp.checksum", FieldType::Uint, "Checksum", captured(18), h([](TcpView x) { return x.checksum(); }), 0, 4);
    t.number("tcp.urgent_pointer", FieldType::Uint, "Urgent Pointer", captured(20), h([](TcpView x) { return x.urgentPointer(); }));

    t.add("tcp.options", FieldType::Bytes, "Options", [](const FieldSource& s, FieldValues& v) {
        const DecodedPacket& d = dp(s);
        if (tcpHeader(s) && d.tcpHeaderLen > 20 && d.transportCaptured > 20)
            v.push_back(bytes(d.at(d.transportOffset + 20), std::min(d.tcpHeaderLen, d.transportCaptured) - 20));
    });
    const std::tuple<const char*, const char*, uint8_t> options[] = {
        {"eol", "End of Option List (EOL)", tcpopt::Eol}, {"nop", "No-Operation (NOP)", tcpopt::Nop},
        {"mss", "Maximum segment size", tcpopt::Mss},      {"wscale", "Window scale", tcpopt::WindowScale},
        {"sack_perm", "SACK permitted", tcpopt::SackPermitted}, {"sack", "SACK", tcpopt::Sack},
        {"timestamp", "Timestamps", tcpopt::Timestamps}, {"tfo", "TCP Fast Open", tcpopt::TcpFastOpen}};
    for (const auto& [name, description, kind] : options)
        t.add(std::string("tcp.options.") + name, FieldType::None, description, [kind = kind](const FieldSource& s, FieldValues& v) {
            forEachOption(s, kind, 1, [&](uint32_t, uint32_t) { v.push_back(integer(1)); });
        });
    t.add("tcp.option_kind", FieldType::Uint, "Kind", [](const FieldSource& s, FieldValues& v) {
        forEachOption(s, -1, 1, [&](uint32_t off, uint32_t) { v.push_back(integer(*dp(s).at(off))); });
    });
    t.add("tcp.option_len", FieldType::Uint, "Length", [](const FieldSource& s, FieldValues& v) {
        forEachOption(s, -1, 2, [&](uint32_t, uint32_t len) { v.push_back(integer(len)); });
    });
    addOptionValue(t, "tcp.options.mss_val", "MSS Value", tcpopt::Mss, 4, 2, 2);
    addOptionValue(t, "tcp.options.wscale.shift", "Shift count", tcpopt::WindowScale, 3, 2, 1);
    t.add("tcp.options.wscale.multiplier", FieldType::Uint, "Multiplier", [](const FieldSource& s, FieldValues& v) {
        forEachOption(s, tcpopt::WindowScale, 3, [&](uint32_t off, uint32_t len) {
            if (len == 3)
                v.push_back(integer(int64_t(1) << std::min<unsigned>(*dp(s).at(off + 2), 14)));
        });
    });
    addOptionValue(t, "tcp.options.timestamp.tsval", "Timestamp value", tcpopt::Timestamps, 10, 2, 4);
    addOptionValue(t, "tcp.options.timestamp.tsecr", "Timestamp echo reply", tcpopt::Timestamps, 10, 6, 4);
    // TCP Fast Open: an empty option asks for a cookie, a longer one carries it.
    t.add("tcp.options.tfo.request", FieldType::None, "Fast Open Cookie Request", [](const FieldSource& s, FieldValues& v) {
        forEachOption(s, tcpopt::TcpFastOpen, 2, [&](uint32_t, uint32_t len) {
            if (len == 2)
                v.push_back(integer(1));
        });
    });
    t.add("tcp.options.tfo.cookie", FieldType::Bytes, "Fast Open Cookie", [](const FieldSource& s, FieldValues& v) {
        forEachOption(s, tcpopt::TcpFastOpen, 3, [&](uint32_t off, uint32_t len) { v.push_back(bytes(dp(s).at(off + 2), len - 2)); });
    });

    t.add("tcp.payload", FieldType::Bytes, "TCP payload", [](const FieldSource& s, FieldValues& v) {
        const DecodedPacket& d = dp(s);
        if (tcpHeader(s) && d.tcpPayloadLen && d.transportCaptured > d.tcpHeaderLen)
            v.push_back(bytes(d.at(d.transportOffset + d.tcpHeaderLen), std::min<size_t>(d.tcpPayloadLen, d.transportCaptured - d.tcpHeaderLen)));
    });
}

} // namespace synflow::fieldtable
