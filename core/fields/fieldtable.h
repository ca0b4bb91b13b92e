#pragma once
// Building blocks for the per-layer field tables (registry internals).
#include "fields/field.h"

#include <cstring>

namespace synflow::fieldtable {

inline FieldValue integer(int64_t n)
{
    FieldValue x;
    x.n = n;
    return x;
}

inline FieldValue address(const uint8_t* p, size_t n)
{
    FieldValue x;
    std::memcpy(x.addr, p, n);
    return x;
}

inline FieldValue text(std::string_view s)
{
    FieldValue x;
    x.text = s;
    return x;
}

inline FieldValue bytes(const uint8_t* p, size_t n) { return text(std::string_view(reinterpret_cast<const char*>(p), n)); }

class Table {
public:
    explicit Table(std::vector<Field>& out) : out_(out) { }

    void add(std::string name, FieldType type, std::string description, std::function<void(const FieldSource&, FieldValues&)> read,
             unsigned needs = 0, uint8_t hexDigits = 0)
    {
        out_.push_back(Field{std::move(name), type, std::move(description), needs, hexDigits, std::move(read)});
    }
    // A layer or marker, present when has(). (Templates, so a reader is one call, not three.)
    template<typename Has>
    void presence(std::string name, FieldType type, std::string description, Has has, unsigned needs = 0)
    {
        add(std::move(name), type, std::move(description), [has](const FieldSource& s, FieldValues& v) {
            if (has(s))
                v.push_back(integer(1));
        }, needs);
    }
    // One integer (or time) occurrence when has().
    template<typename Has, typename Number>
    void number(std::string name, FieldType type, std::string description, Has has, Number value, unsigned needs = 0, uint8_t hexDigits = 0)
    {
        add(std::move(name), type, std::move(description), [has, value](const FieldSource& s, FieldValues& v) {
            if (has(s))
                v.push_back(integer(value(s)));
        }, needs, hexDigits);
    }

private:
    std::vector<Field>& out_;
};

inline const DecodedPacket& dp(const FieldSource& s) { return *s.decoded; }
inline bool isIpv4(const FieldSource& s) { return dp(s).net == NetLayer::IPv4; }
inline bool isIpv6(const FieldSource& s) { return dp(s).net == NetLayer::IPv6; }
inline bool isTcp(const FieldSource& s) { return dp(s).transport == TransportLayer::Tcp && dp(s).tcpPortsValid; }
// The start of a TCP (or UDP) header an ICMP error quotes, at least `bytes` of it captured.
inline bool quoted(const FieldSource& s, uint8_t proto, uint32_t bytes)
{
    return dp(s).quotedProto == proto && dp(s).quotedCaptured >= bytes;
}
inline const uint8_t* quotedAt(const FieldSource& s) { return dp(s).at(dp(s).quotedOffset); }
inline bool tcpHeader(const FieldSource& s) { return isTcp(s) && dp(s).tcpHeaderValid; }
// tshark analyses a segment once it has read its header through the window.
inline bool tracked(const FieldSource& s) { return s.tcp && s.tcp->valid && tcpHeader(s); }
// A header the capture cut stops tshark before it writes what it found: the stream's timestamps
// come after the fixed header, the SEQ/ACK analysis after the options.
inline bool timed(const FieldSource& s) { return tracked(s) && dp(s).transportCaptured >= 20; }
inline bool analysed(const FieldSource& s)
{
    return tracked(s) && dp(s).transportCaptured >= dp(s).tcpHeaderLen && !tcpInCutFirstFragment(dp(s));
}
// A segment whose length tshark knows (not one in a first IPv4 fragment cut short).
inline bool measured(const FieldSource& s) { return tcpHeader(s) && !tcpInCutFirstFragment(dp(s)); }
inline Ipv4View ipv4Of(const FieldSource& s) { return Ipv4View{dp(s).at(dp(s).netOffset)}; }
inline Ipv6View ipv6Of(const FieldSource& s) { return Ipv6View{dp(s).at(dp(s).netOffset)}; }
inline TcpView tcpOf(const FieldSource& s) { return TcpView{dp(s).at(dp(s).transportOffset)}; }

// The per-layer tables, in the order the registry lists them.
void addFrameFields(Table& t);
void addLinkFields(Table& t);
void addIpFields(Table& t);
void addTransportFields(Table& t); // UDP and ICMP
void addTcpFields(Table& t);
void addTcpAnalysisFields(Table& t);
void addColumnFields(Table& t); // columns and application protocols
void addAppFields(Table& t);    // the application layers' fields (read through the detail tree)

} // namespace synflow::fieldtable
