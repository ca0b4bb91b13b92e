#include "filter/displayfilter.h"

#include "analysis/analysedcapture.h"
#include "capture/capturefile.h"
#include "decode/linktypes.h"
#include "proto/conversationprotocols.h"
#include "proto/pducontinuation.h"
#include "proto/protocolsummary.h"
#include "tcp/tcptracker.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>

namespace synflow {
namespace {

enum class Type { Number, Bool, Ipv4, Ipv6, Mac, String, Bytes, Protocol };
enum Need : unsigned { NeedTcp = 1, NeedProtocol = 2 };

// One occurrence of a field in a packet.
struct Value {
    double number = 0;
    uint8_t addr[16] = {};
    std::string_view text; // strings and byte fields (points into the packet or a static name)
};
using Values = std::vector<Value>;
using Getter = std::function<void(const FilterInput&, Values&)>;

struct Field {
    Type type;
    unsigned needs;
    Getter get;
};

// --- field getters ---------------------------------------------------------------------

void number(Values& out, double v)
{
    Value x;
    x.number = v;
    out.push_back(x);
}

void address(Values& out, const uint8_t* p, size_t n)
{
    Value x;
    std::memcpy(x.addr, p, n);
    out.push_back(x);
}

void bytes(Values& out, const uint8_t* p, size_t n)
{
    Value x;
    x.text = std::string_view(reinterpret_cast<const char*>(p), n);
    out.push_back(x);
}

void text(Values& out, std::string_view s)
{
    Value x;
    x.text = s;
    out.push_back(x);
}

const DecodedPacket& dp(const FilterInput& in) { return *in.decoded; }
bool isEthernet(const FilterInput& in) { return dp(in).linkType == linktype::Ethernet && dp(in).frame.size() >= 14; }
bool isIpv4(const FilterInput& in) { return dp(in).net == NetLayer::IPv4; }
bool isIpv6(const FilterInput& in) { return dp(in).net == NetLayer::IPv6; }
bool isTcp(const FilterInput& in) { return dp(in).transport == TransportLayer::Tcp && dp(in).tcpPortsValid; }
bool tcpHeader(const FilterInput& in) { return isTcp(in) && dp(in).tcpHeaderValid; }
bool isUdp(const FilterInput& in) { return dp(in).transport == TransportLayer::Udp && dp(in).transportCaptured >= 8; }
TcpView tcpOf(const FilterInput& in) { return TcpView{dp(in).at(dp(in).transportOffset)}; }
UdpView udpOf(const FilterInput& in) { return UdpView{dp(in).at(dp(in).transportOffset)}; }

bool protocolIs(const FilterInput& in, std::initializer_list<std::string_view> prefixes)
{
    for (std::string_view p : prefixes)
        if (in.protocol.substr(0, p.size()) == p)
            return true;
    return false;
}

std::map<std::string, Field, std::less<>> makeFields()
{
    std::map<std::string, Field, std::less<>> f;
    auto presence = [](std::function<bool(const FilterInput&)> has, unsigned needs = 0) {
        return Field{Type::Protocol, needs, [has](const FilterInput& in, Values& out) {
                         if (has(in))
                             number(out, 1);
                     }};
    };
    auto num = [](std::function<bool(const FilterInput&)> has, std::function<double(const FilterInput&)> value, unsigned needs = 0,
                  Type type = Type::Number) {
        return Field{type, needs, [has, value](const FilterInput& in, Values& out) {
                         if (has(in))
                             number(out, value(in));
                     }};
    };

    // Frame.
    f.emplace("frame", presence([](const FilterInput&) { return true; }));
    f.emplace("frame.number", num([](const FilterInput&) { return true; }, [](const FilterInput& in) { return double(in.number); }));
    f.emplace("frame.len", num([](const FilterInput&) { return true; }, [](const FilterInput& in) { return double(in.record->origLen); }));
    f.emplace("frame.cap_len",
              num([](const FilterInput&) { return true; }, [](const FilterInput& in) { return double(in.record->capLen); }));
    f.emplace("frame.time_relative",
              num([](const FilterInput&) { return true; }, [](const FilterInput& in) { return double(in.timeRelativeNs) / 1e9; }));
    f.emplace("frame.data", Field{Type::Bytes, 0, [](const FilterInput& in, Values& out) {
                                      bytes(out, dp(in).frame.data(), dp(in).frame.size());
                                  }});

    // Ethernet and VLAN.
    f.emplace("eth", presence(isEthernet));
    f.emplace("eth.dst", Field{Type::Mac, 0, [](const FilterInput& in, Values& out) {
                                   if (isEthernet(in))
                                       address(out, dp(in).at(0), 6);
                               }});
    f.emplace("eth.src", Field{Type::Mac, 0, [](const FilterInput& in, Values& out) {
                                   if (isEthernet(in))
                                       address(out, dp(in).at(6), 6);
                               }});
    f.emplace("eth.addr", Field{Type::Mac, 0, [](const FilterInput& in, Values& out) {
                                    if (isEthernet(in)) {
                                        address(out, dp(in).at(0), 6);
                                        address(out, dp(in).at(6), 6);
                                    }
                                }});
    f.emplace("eth.type", num(isEthernet, [](const FilterInput& in) { return double(loadBe16(dp(in).at(12))); }));
    f.emplace("vlan", presence([](const FilterInput& in) { return dp(in).vlanCount > 0; }));
    f.emplace("vlan.id", Field{Type::Number, 0, [](const FilterInput& in, Values& out) {
                                   for (int i = 0; i < dp(in).vlanCount && i < 2; ++i)
                                       number(out, dp(in).vlanIds[i]);
                               }});

    // IPv4, IPv6, ARP.
    const auto v4 = [](const FilterInput& in) { return Ipv4View{dp(in).at(dp(in).netOffset)}; };
    const auto v6 = [](const FilterInput& in) { return Ipv6View{dp(in).at(dp(in).netOffset)}; };
    f.emplace("ip", presence(isIpv4));
    f.emplace("ip.src", Field{Type::Ipv4, 0, [v4](const FilterInput& in, Values& out) {
                                  if (isIpv4(in))
                                      address(out, v4(in).src(), 4);
                              }});
    f.emplace("ip.dst", Field{Type::Ipv4, 0, [v4](const FilterInput& in, Values& out) {
                                  if (isIpv4(in))
                                      address(out, v4(in).dst(), 4);
                              }});
    f.emplace("ip.addr", Field{Type::Ipv4, 0, [v4](const FilterInput& in, Values& out) {
                                   if (isIpv4(in)) {
                                       address(out, v4(in).src(), 4);
                                       address(out, v4(in).dst(), 4);
                                   }
                               }});
    f.emplace("ip.proto", num(isIpv4, [v4](const FilterInput& in) { return double(v4(in).protocol()); }));
    f.emplace("ip.ttl", num(isIpv4, [v4](const FilterInput& in) { return double(v4(in).ttl()); }));
    f.emplace("ip.len", num(isIpv4, [v4](const FilterInput& in) { return double(v4(in).totalLength()); }));
    f.emplace("ip.id", num(isIpv4, [v4](const FilterInput& in) { return double(v4(in).id()); }));
    f.emplace("ip.hdr_len", num(isIpv4, [v4](const FilterInput& in) { return double(v4(in).headerLen()); }));
    f.emplace("ipv6", presence(isIpv6));
    f.emplace("ipv6.src", Field{Type::Ipv6, 0, [v6](const FilterInput& in, Values& out) {
                                    if (isIpv6(in))
                                        address(out, v6(in).src(), 16);
                                }});
    f.emplace("ipv6.dst", Field{Type::Ipv6, 0, [v6](const FilterInput& in, Values& out) {
                                    if (isIpv6(in))
                                        address(out, v6(in).dst(), 16);
                                }});
    f.emplace("ipv6.addr", Field{Type::Ipv6, 0, [v6](const FilterInput& in, Values& out) {
                                     if (isIpv6(in)) {
                                         address(out, v6(in).src(), 16);
                                         address(out, v6(in).dst(), 16);
                                     }
                                 }});
    f.emplace("ipv6.nxt", num(isIpv6, [v6](const FilterInput& in) { return double(v6(in).nextHeader()); }));
    f.emplace("ipv6.hlim", num(isIpv6, [v6](const FilterInput& in) { return double(v6(in).hopLimit()); }));
    f.emplace("ipv6.plen", num(isIpv6, [v6](const FilterInput& in) { return double(v6(in).payloadLength()); }));
    f.emplace("arp", presence([](const FilterInput& in) { return dp(in).net == NetLayer::Arp; }));
    f.emplace("icmp", presence([](const FilterInput& in) { return dp(in).transport == TransportLayer::Icmp; }));
    f.emplace("icmpv6", presence([](const FilterInput& in) { return dp(in).transport == TransportLayer::Icmpv6; }));

    // UDP.
    f.emplace("udp", presence(isUdp));
    f.emplace("udp.srcport", num(isUdp, [](const FilterInput& in) { return double(udpOf(in).srcPort()); }));
    f.emplace("udp.dstport", num(isUdp, [](const FilterInput& in) { return double(udpOf(in).dstPort()); }));
    f.emplace("udp.port", Field{Type::Number, 0, [](const FilterInput& in, Values& out) {
                                    if (isUdp(in)) {
                                        number(out, udpOf(in).srcPort());
                                        number(out, udpOf(in).dstPort());
                                    }
                                }});
    f.emplace("udp.length", num(isUdp, [](const FilterInput& in) { return double(loadBe16(dp(in).at(dp(in).transportOffset + 4))); }));
    f.emplace("udp.payload", Field{Type::Bytes, 0, [](const FilterInput& in, Values& out) {
                                       if (isUdp(in) && dp(in).transportCaptured > 8)
                                           bytes(out, dp(in).at(dp(in).transportOffset + 8), dp(in).transportCaptured - 8);
                                   }});

    // TCP header.
    f.emplace("tcp", presence(isTcp));
    f.emplace("tcp.srcport", num(isTcp, [](const FilterInput& in) { return double(tcpOf(in).srcPort()); }));
    f.emplace("tcp.dstport", num(isTcp, [](const FilterInput& in) { return double(tcpOf(in).dstPort()); }));
    f.emplace("tcp.port", Field{Type::Number, 0, [](const FilterInput& in, Values& out) {
                                    if (isTcp(in)) {
                                        number(out, tcpOf(in).srcPort());
                                        number(out, tcpOf(in).dstPort());
                                    }
                                }});
    f.emplace("tcp.seq_raw", num(tcpHeader, [](const FilterInput& in) { return double(tcpOf(in).seq()); }));
    f.emplace("tcp.ack_raw", num(tcpHeader, [](const FilterInput& in) { return double(tcpOf(in).ack()); }));
    f.emplace("tcp.hdr_len", num(tcpHeader, [](const FilterInput& in) { return double(dp(in).tcpHeaderLen); }));
    f.emplace("tcp.len", num(tcpHeader, [](const FilterInput& in) { return double(dp(in).tcpPayloadLen); }));
    f.emplace("tcp.window_size_value", num(tcpHeader, [](const FilterInput& in) { return double(tcpOf(in).window()); }));
    f.emplace("tcp.flags", num(tcpHeader, [](const FilterInput& in) { return double(tcpOf(in).flags()); }));
    const std::pair<const char*, uint16_t> bits[] = {{"fin", TcpFin}, {"syn", TcpSyn}, {"reset", TcpRst}, {"push", TcpPsh},
                                                     {"ack", TcpAck}, {"urg", TcpUrg}, {"ece", TcpEce}, {"cwr", TcpCwr}};
    for (const auto& [name, bit] : bits)
        f.emplace(std::string("tcp.flags.") + name,
                  num(tcpHeader, [bit = bit](const FilterInput& in) { return (tcpOf(in).flags() & bit) ? 1.0 : 0.0; }, 0, Type::Bool));
    f.emplace("tcp.payload", Field{Type::Bytes, 0, [](const FilterInput& in, Values& out) {
                                       const DecodedPacket& d = dp(in);
                                       if (tcpHeader(in) && d.tcpPayloadLen && d.transportCaptured > d.tcpHeaderLen)
                                           bytes(out, d.at(d.transportOffset + d.tcpHeaderLen),
                                                 std::min<size_t>(d.tcpPayloadLen, d.transportCaptured - d.tcpHeaderLen));
                                   }});

    // TCP analysis (needs the tracker).
    const auto tracked = [](const FilterInput& in) { return in.tcp && in.tcp->valid; };
    const auto a = [](const FilterInput& in) -> const TcpPacketAnalysis& { return *in.tcp; };
    f.emplace("tcp.stream", num(tracked, [a](const FilterInput& in) { return double(a(in).stream); }, NeedTcp));
    f.emplace("tcp.seq", num(tracked, [a](const FilterInput& in) { return double(a(in).seq); }, NeedTcp));
    f.emplace("tcp.ack", num([a](const FilterInput& in) { return in.tcp && in.tcp->valid && a(in).ackValid; },
                             [a](const FilterInput& in) { return double(a(in).ack); }, NeedTcp));
    f.emplace("tcp.nxtseq", num([a](const FilterInput& in) { return in.tcp && in.tcp->valid && a(in).nextSeq != a(in).seq; },
                                [a](const FilterInput& in) { return double(a(in).nextSeq); }, NeedTcp));
    f.emplace("tcp.window_size", num(tracked, [a](const FilterInput& in) { return double(a(in).windowSize); }, NeedTcp));
    f.emplace("tcp.completeness", num(tracked, [a](const FilterInput& in) { return double(a(in).completeness); }, NeedTcp));
    f.emplace("tcp.time_relative", num(tracked, [a](const FilterInput& in) { return double(a(in).timeRelativeNs) / 1e9; }, NeedTcp));
    f.emplace("tcp.time_delta", num(tracked, [a](const FilterInput& in) { return double(a(in).timeDeltaNs) / 1e9; }, NeedTcp));
    const std::pair<const char*, uint32_t> flags[] = {{"retransmission", TcpAnyRetransmission},
                                                      {"fast_retransmission", TcpFastRetransmission},
                                                      {"spurious_retransmission", TcpSpuriousRetransmission},
                                                      {"out_of_order", TcpOutOfOrder},
                                                      {"lost_segment", TcpLostSegment},
                                                      {"ack_lost_segment", TcpAckLostSegment},
                                                      {"duplicate_ack", TcpDuplicateAck},
                                                      {"zero_window", TcpZeroWindow},
                                                      {"zero_window_probe", TcpZeroWindowProbe},
                                                      {"zero_window_probe_ack", TcpZeroWindowProbeAck},
                                                      {"window_full", TcpWindowFull},
                                                      {"window_update", TcpWindowUpdate},
                                                      {"keep_alive", TcpKeepAlive},
                                                      {"keep_alive_ack", TcpKeepAliveAck},
                                                      {"reused_ports", TcpReusedPorts}};
    for (const auto& [name, bit] : flags)
        f.emplace(std::string("tcp.analysis.") + name,
                  presence([bit = bit](const FilterInput& in) { return in.tcp && in.tcp->valid && (in.tcp->flags & bit); }, NeedTcp));
    f.emplace("tcp.analysis.flags", presence([](const FilterInput& in) { return in.tcp && in.tcp->valid && in.tcp->flags; }, NeedTcp));
    f.emplace("tcp.analysis.duplicate_ack_num",
              num([a](const FilterInput& in) { return in.tcp && in.tcp->valid && (a(in).flags & TcpDuplicateAck); },
                  [a](const FilterInput& in) { return double(a(in).dupAckNum); }, NeedTcp));
    f.emplace("tcp.analysis.duplicate_ack_frame",
              num([a](const FilterInput& in) { return in.tcp && in.tcp->valid && (a(in).flags & TcpDuplicateAck); },
                  [a](const FilterInput& in) { return double(a(in).dupAckFrame); }, NeedTcp));
    f.emplace("tcp.analysis.acks_frame", num([a](const FilterInput& in) { return in.tcp && in.tcp->valid && a(in).acksFrame; },
                                             [a](const FilterInput& in) { return double(a(in).acksFrame); }, NeedTcp));
    f.emplace("tcp.analysis.ack_rtt", num([a](const FilterInput& in) { return in.tcp && in.tcp->valid && a(in).hasAckRtt; },
                                          [a](const FilterInput& in) { return double(a(in).ackRttNs) / 1e9; }, NeedTcp));
    f.emplace("tcp.analysis.initial_rtt",
              num([a](const FilterInput& in) { return in.tcp && in.tcp->valid && a(in).hasInitialRtt; },
                  [a](const FilterInput& in) { return double(a(in).initialRttNs) / 1e9; }, NeedTcp));
    f.emplace("tcp.analysis.bytes_in_flight", num([a](const FilterInput& in) { return in.tcp && in.tcp->valid && a(in).bytesInFlight; },
                                                  [a](const FilterInput& in) { return double(a(in).bytesInFlight); }, NeedTcp));

    // SynFlow's teaching fields.
    f.emplace("synflow.tcp.role", Field{Type::String, NeedTcp, [](const FilterInput& in, Values& out) {
                                            if (in.tcp && in.tcp->valid && in.tcp->role != TcpRole::None)
                                                text(out, tcpRoleName(in.tcp->role));
                                        }});
    f.emplace("synflow.tcp.state_src", Field{Type::String, NeedTcp, [](const FilterInput& in, Values& out) {
                                                 if (in.tcp && in.tcp->valid)
                                                     text(out, tcpStateName(in.tcp->stateSrc));
                                             }});
    f.emplace("synflow.tcp.state_dst", Field{Type::String, NeedTcp, [](const FilterInput& in, Values& out) {
                                                 if (in.tcp && in.tcp->valid)
                                                     text(out, tcpStateName(in.tcp->stateDst));
                                             }});

    // Application protocols, as the Protocol column names them.
    f.emplace("_ws.col.protocol", Field{Type::String, NeedProtocol, [](const FilterInput& in, Values& out) { text(out, in.protocol); }});
    f.emplace("http", presence([](const FilterInput& in) { return protocolIs(in, {"HTTP", "OCSP"}); }, NeedProtocol)); // OCSP rides on HTTP
    f.emplace("tls", presence([](const FilterInput& in) { return protocolIs(in, {"TLS", "SSL"}); }, NeedProtocol));
    f.emplace("dns", presence([](const FilterInput& in) { return protocolIs(in, {"DNS"}); }, NeedProtocol));
    f.emplace("ssh", presence([](const FilterInput& in) { return protocolIs(in, {"SSH"}); }, NeedProtocol));
    f.emplace("dhcp", presence([](const FilterInput& in) { return protocolIs(in, {"DHCP", "BOOTP"}); }, NeedProtocol));
    return f;
}

const std::map<std::string, Field, std::less<>>& fields()
{
    static const auto table = makeFields();
    return table;
}

// --- literals --------------------------------------------------------------------------

struct Literal {
    double number = 0, high = 0; // high: end of a range a..b
    bool range = false;
    uint8_t addr[16] = {};
    int prefix = -1; // CIDR prefix bits, -1 for a whole address
    std::string bytes;
};

bool parseNumber(std::string_view s, double& out)
{
    std::string t(s);
    if (t == "true") {
        out = 1;
        return true;
    }
    if (t == "false") {
        out = 0;
        return true;
    }
    char* end = nullptr;
    if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X'))
        out = double(std::strtoull(t.c_str() + 2, &end, 16));
    else
        out = std::strtod(t.c_str(), &end);
    return !t.empty() && end && *end == '\0' && std::isfinite(out);
}

bool parseHexBytes(std::string_view s, std::string& out)
{
    // aa:bb:cc, aa-bb-cc, aa.bb.cc or aabbcc
    std::string hex;
    for (char c : s) {
        if (c == ':' || c == '-' || c == '.')
            continue;
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return false;
        hex += c;
    }
    if (hex.empty() || hex.size() % 2)
        return false;
    out.clear();
    for (size_t i = 0; i < hex.size(); i += 2)
        out += char(std::stoi(hex.substr(i, 2), nullptr, 16));
    return true;
}

bool parseLiteral(Type type, std::string_view s, bool quoted, Literal& lit, std::string& error)
{
    auto bad = [&](const char* what) {
        error = "\"" + std::string(s) + "\" is not " + what;
        return false;
    };
    switch (type) {
    case Type::Number:
    case Type::Bool:
    case Type::Protocol: {
        if (quoted)
            return bad("a number");
        if (const size_t dots = s.find(".."); dots != std::string_view::npos) {
            lit.range = true;
            return (parseNumber(s.substr(0, dots), lit.number) && parseNumber(s.substr(dots + 2), lit.high)) || bad("a range of numbers");
        }
        if (!parseNumber(s, lit.number))
            return bad(type == Type::Bool ? "a boolean (1, 0, true or false)" : "a number");
        return true;
    }
    case Type::Ipv4:
    case Type::Ipv6: {
        std::string a(s);
        const size_t slash = a.find('/');
        if (slash != std::string::npos) {
            double bits = 0;
            if (!parseNumber(a.substr(slash + 1), bits) || bits < 0 || bits > (type == Type::Ipv4 ? 32 : 128))
                return bad("an address with a valid prefix length");
            lit.prefix = int(bits);
            a.resize(slash);
        }
        if (inet_pton(type == Type::Ipv4 ? AF_INET : AF_INET6, a.c_str(), lit.addr) != 1)
            return bad(type == Type::Ipv4 ? "an IPv4 address" : "an IPv6 address");
        return true;
    }
    case Type::Mac:
        if (!parseHexBytes(s, lit.bytes) || lit.bytes.size() != 6)
            return bad("an Ethernet address");
        std::memcpy(lit.addr, lit.bytes.data(), 6);
        return true;
    case Type::String:
        lit.bytes = std::string(s);
        return true;
    case Type::Bytes:
        if (quoted) {
            lit.bytes = std::string(s);
            return true;
        }
        return parseHexBytes(s, lit.bytes) || bad("a byte string (\"text\" or aa:bb:cc)");
    }
    return false;
}

bool prefixEqual(const uint8_t* a, const uint8_t* b, int bits)
{
    const int whole = bits / 8, rest = bits % 8;
    if (std::memcmp(a, b, size_t(whole)) != 0)
        return false;
    if (!rest)
        return true;
    const uint8_t mask = uint8_t(0xff << (8 - rest));
    return (a[whole] & mask) == (b[whole] & mask);
}

} // namespace

// --- syntax tree -------------------------------------------------------------------------

struct DisplayFilter::Node {
    enum Kind { And, Or, Not, Exists, Compare, In, Contains } kind = Exists;
    enum Op { Eq, Ne, Lt, Gt, Le, Ge } op = Eq;
    std::unique_ptr<Node> left, right;
    const Field* field = nullptr;
    std::vector<Literal> literals;

    bool equals(Type t, const Value& v, const Literal& l) const
    {
        switch (t) {
        case Type::Ipv4:
            return prefixEqual(v.addr, l.addr, l.prefix < 0 ? 32 : l.prefix);
        case Type::Ipv6:
            return prefixEqual(v.addr, l.addr, l.prefix < 0 ? 128 : l.prefix);
        case Type::Mac:
            return std::memcmp(v.addr, l.addr, 6) == 0;
        case Type::String:
        case Type::Bytes:
            return v.text == l.bytes;
        default:
            return l.range ? v.number >= l.number && v.number <= l.high : v.number == l.number;
        }
    }

    bool eval(const FilterInput& in, Values& scratch) const
    {
        switch (kind) {
        case And:
            return left->eval(in, scratch) && right->eval(in, scratch);
        case Or:
            return left->eval(in, scratch) || right->eval(in, scratch);
        case Not:
            return !left->eval(in, scratch);
        default:
            break;
        }
        scratch.clear();
        field->get(in, scratch);
        if (kind == Exists)
            return !scratch.empty();
        for (const Value& v : scratch) {
            if (kind == In) {
                for (const Literal& l : literals)
                    if (equals(field->type, v, l))
                        return true;
                continue;
            }
            const Literal& l = literals.front();
            if (kind == Contains) {
                if (v.text.find(l.bytes) != std::string_view::npos)
                    return true;
                continue;
            }
            switch (op) {
            case Eq:
            case Ne: // Ne is built as Not(Eq): "no occurrence equals"
                if (equals(field->type, v, l))
                    return true;
                break;
            case Lt:
                if (v.number < l.number)
                    return true;
                break;
            case Gt:
                if (v.number > l.number)
                    return true;
                break;
            case Le:
                if (v.number <= l.number)
                    return true;
                break;
            case Ge:
                if (v.number >= l.number)
                    return true;
                break;
            }
        }
        return false;
    }
};

namespace {

// --- tokens and parser ---------------------------------------------------------------------

struct Token {
    enum Kind { Word, Quoted, Symbol, End } kind = End;
    std::string text;
    size_t pos = 0;
};

bool tokenize(std::string_view s, std::vector<Token>& out, std::string& error)
{
    size_t i = 0;
    auto isWordChar = [](char c) {
        return !std::isspace(static_cast<unsigned char>(c)) && !std::strchr("(){},!=<>&|\"~", c);
    };
    while (i < s.size()) {
        const char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        Token t;
        t.pos = i;
        if (c == '"') {
            t.kind = Token::Quoted;
            ++i;
            bool closed = false;
            while (i < s.size()) {
                if (s[i] == '\\' && i + 1 < s.size()) {
                    const char e = s[i + 1];
                    t.text += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
                    i += 2;
                } else if (s[i] == '"') {
                    ++i;
                    closed = true;
                    break;
                } else {
                    t.text += s[i++];
                }
            }
            if (!closed) {
                error = "the string starting at column " + std::to_string(t.pos + 1) + " has no closing quote";
                return false;
            }
        } else if (std::strchr("(){},", c)) {
            t.kind = Token::Symbol;
            t.text = std::string(1, c);
            ++i;
        } else if (std::strchr("!=<>&|~", c)) {
            t.kind = Token::Symbol;
            const std::string_view two = s.substr(i, 2);
            if (two == "==" || two == "!=" || two == "<=" || two == ">=" || two == "&&" || two == "||" || two == "~=") {
                t.text = std::string(two);
                i += 2;
            } else if (c == '!' || c == '<' || c == '>') {
                t.text = std::string(1, c);
                ++i;
            } else {
                error = "unexpected \"" + std::string(1, c) + "\" at column " + std::to_string(i + 1);
                return false;
            }
        } else {
            t.kind = Token::Word;
            while (i < s.size() && isWordChar(s[i]))
                t.text += s[i++];
        }
        out.push_back(std::move(t));
    }
    Token end;
    end.pos = s.size();
    out.push_back(end);
    return true;
}

class Parser {
public:
    Parser(std::vector<Token> tokens, unsigned& needs) : t_(std::move(tokens)), needs_(needs) { }

    std::unique_ptr<DisplayFilter::Node> parse(std::string& error)
    {
        auto n = orExpr();
        if (n && peek().kind != Token::End)
            fail("unexpected \"" + peek().text + "\" at column " + std::to_string(peek().pos + 1));
        if (!error_.empty()) {
            error = error_;
            return nullptr;
        }
        return n;
    }

private:
    using NodePtr = std::unique_ptr<DisplayFilter::Node>;

    const Token& peek() const { return t_[i_]; }
    bool isWord(const char* w) const { return peek().kind == Token::Word && peek().text == w; }
    bool isSymbol(const char* s) const { return peek().kind == Token::Symbol && peek().text == s; }
    NodePtr fail(std::string what)
    {
        if (error_.empty())
            error_ = std::move(what);
        return nullptr;
    }
    static NodePtr join(DisplayFilter::Node::Kind k, NodePtr a, NodePtr b)
    {
        auto n = std::make_unique<DisplayFilter::Node>();
        n->kind = k;
        n->left = std::move(a);
        n->right = std::move(b);
        return n;
    }

    NodePtr orExpr()
    {
        NodePtr n = andExpr();
        while (n && (isWord("or") || isSymbol("||"))) {
            ++i_;
            NodePtr r = andExpr();
            if (!r)
                return nullptr;
            n = join(DisplayFilter::Node::Or, std::move(n), std::move(r));
        }
        return n;
    }

    NodePtr andExpr()
    {
        NodePtr n = notExpr();
        while (n && (isWord("and") || isSymbol("&&"))) {
            ++i_;
            NodePtr r = notExpr();
            if (!r)
                return nullptr;
            n = join(DisplayFilter::Node::And, std::move(n), std::move(r));
        }
        return n;
    }

    NodePtr notExpr()
    {
        if (isWord("not") || isSymbol("!")) {
            ++i_;
            NodePtr inner = notExpr();
            return inner ? join(DisplayFilter::Node::Not, std::move(inner), nullptr) : nullptr;
        }
        return primary();
    }

    NodePtr primary()
    {
        if (isSymbol("(")) {
            ++i_;
            NodePtr n = orExpr();
            if (!n)
                return nullptr;
            if (!isSymbol(")"))
                return fail("missing \")\" at column " + std::to_string(peek().pos + 1));
            ++i_;
            return n;
        }
        if (peek().kind == Token::End)
            return fail(i_ == 0 ? "the filter is empty" : "the filter ends where a field or protocol was expected");
        if (peek().kind != Token::Word)
            return fail("expected a field or protocol at column " + std::to_string(peek().pos + 1) + ", found \"" + peek().text + "\"");
        const Token& name = t_[i_++];
        const auto it = fields().find(name.text);
        if (it == fields().end())
            return fail("\"" + name.text + "\" is neither a field nor a protocol name SynFlow knows");
        needs_ |= it->second.needs;
        auto n = std::make_unique<DisplayFilter::Node>();
        n->field = &it->second;
        using N = DisplayFilter::Node;
        static const std::pair<const char*, N::Op> ops[] = {{"==", N::Eq}, {"eq", N::Eq}, {"!=", N::Ne}, {"ne", N::Ne},
                                                            {"<", N::Lt},  {"lt", N::Lt}, {">", N::Gt},  {"gt", N::Gt},
                                                            {"<=", N::Le}, {"le", N::Le}, {">=", N::Ge}, {"ge", N::Ge}};
        for (const auto& [text, op] : ops) {
            if ((peek().kind == Token::Symbol || peek().kind == Token::Word) && peek().text == text) {
                ++i_;
                n->kind = N::Compare;
                n->op = op;
                if (!literal(*n))
                    return nullptr;
                const Type ty = n->field->type;
                if (op != N::Eq && op != N::Ne && ty != Type::Number && ty != Type::Bool && ty != Type::Protocol)
                    return fail("\"" + name.text + "\" can only be compared with == or !=");
                if (op == N::Ne) { // Wireshark 4.0: a != b is !(a == b)
                    n->op = N::Eq;
                    return join(N::Not, std::move(n), nullptr);
                }
                return n;
            }
        }
        if (isSymbol("~="))
            return fail("\"~=\" is not supported; use \"!=\" or \"not (… == …)\"");
        if (isWord("contains")) {
            ++i_;
            if (n->field->type != Type::String && n->field->type != Type::Bytes)
                return fail("\"" + name.text + "\" is not text or bytes: \"contains\" does not apply");
            n->kind = N::Contains;
            return literal(*n) ? std::move(n) : nullptr;
        }
        if (isWord("matches"))
            return fail("\"matches\" (regular expressions) is not supported; use \"contains\"");
        if (isWord("in")) {
            ++i_;
            if (!isSymbol("{"))
                return fail("\"in\" needs a set in braces, e.g. tcp.port in {80 443}");
            ++i_;
            n->kind = N::In;
            while (!isSymbol("}")) {
                if (peek().kind == Token::End)
                    return fail("missing \"}\" at the end of the set");
                if (isSymbol(",")) {
                    ++i_;
                    continue;
                }
                if (!literal(*n))
                    return nullptr;
            }
            ++i_;
            if (n->literals.empty())
                return fail("the set after \"in\" is empty");
            return n;
        }
        n->kind = N::Exists;
        return n;
    }

    bool literal(DisplayFilter::Node& n)
    {
        const Token& v = peek();
        if (v.kind != Token::Word && v.kind != Token::Quoted) {
            fail("expected a value at column " + std::to_string(v.pos + 1));
            return false;
        }
        ++i_;
        Literal l;
        std::string err;
        if (!parseLiteral(n.field->type, v.text, v.kind == Token::Quoted, l, err)) {
            fail(err);
            return false;
        }
        n.literals.push_back(std::move(l));
        return true;
    }

    std::vector<Token> t_;
    size_t i_ = 0;
    unsigned& needs_;
    std::string error_;
};

} // namespace

DisplayFilter::DisplayFilter() = default;
DisplayFilter::~DisplayFilter() = default;
DisplayFilter::DisplayFilter(DisplayFilter&&) noexcept = default;
DisplayFilter& DisplayFilter::operator=(DisplayFilter&&) noexcept = default;

bool DisplayFilter::compile(std::string_view text, std::string& error)
{
    root_.reset();
    needs_ = 0;
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return true;
    std::vector<Token> tokens;
    if (!tokenize(text, tokens, error))
        return false;
    unsigned needs = 0;
    Parser p(std::move(tokens), needs);
    auto root = p.parse(error);
    if (!root)
        return false;
    root_ = std::move(root);
    needs_ = needs;
    return true;
}

bool DisplayFilter::matches(const FilterInput& packet) const
{
    if (!root_)
        return true;
    thread_local Values scratch;
    return root_->eval(packet, scratch);
}

std::vector<std::string> DisplayFilter::names()
{
    std::vector<std::string> out;
    for (const auto& [name, field] : fields())
        out.push_back(name);
    return out;
}

bool frameMatches(const DisplayFilter& filter, const CaptureFile& file, const TcpTracker* tracker,
                  const ConversationProtocols* protocols, size_t i)
{
    if (filter.empty())
        return true;
    const PacketIndex& index = file.index();
    const PacketRecord& r = index[i];
    const DecodedPacket d = file.decode(i);
    FilterInput in;
    in.number = i + 1;
    in.record = &r;
    in.decoded = &d;
    in.timeRelativeNs = nsBetween(r.tsNs, index[0].tsNs); // wraps, never overflows
    TcpPacketAnalysis a;
    if (tracker && d.transport == TransportLayer::Tcp && (filter.needsTcpAnalysis() || filter.needsProtocol())) {
        a = tracker->analysis(uint32_t(i), index, d);
        in.tcp = &a;
    }
    ProtocolSummary summary;
    if (filter.needsProtocol()) {
        summary = summarizeFrame(d, r, in.tcp, protocols);
        in.protocol = summary.protocol;
    }
    return filter.matches(in);
}

std::vector<uint8_t> filterFrames(const DisplayFilter& filter, const CaptureFile& file, const TcpTracker* tracker,
                                  const ConversationProtocols* protocols, const std::atomic<bool>* cancel)
{
    const size_t n = file.index().size();
    std::vector<uint8_t> shown(n, filter.empty() ? 1 : 0);
    if (filter.empty())
        return shown;
    for (size_t i = 0; i < n; ++i) {
        if (cancel && (i & 0xfff) == 0 && cancel->load())
            break;
        shown[i] = frameMatches(filter, file, tracker, protocols, i) ? 1 : 0;
    }
    return shown;
}

std::vector<uint8_t> filterFrames(const DisplayFilter& filter, const AnalysedCapture& capture, const std::atomic<bool>* cancel)
{
    return filterFrames(filter, capture.file(), capture.tracker(), capture.protocols(), cancel);
}

} // namespace synflow
