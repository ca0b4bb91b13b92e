#include "proto/ftpdata.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <string_view>

namespace synflow {

namespace {

// Six numbers separated by commas, the first run of them in `s` (PASV's reply, PORT's argument).
bool sixNumbers(std::string_view s, std::array<unsigned, 6>& v)
{
    for (size_t at = 0; at < s.size(); ++at) {
        if (s[at] < '0' || s[at] > '9' || (at && s[at - 1] >= '0' && s[at - 1] <= '9'))
            continue;
        const char* p = s.data() + at;
        const char* end = s.data() + s.size();
        size_t k = 0;
        for (; k < 6; ++k) {
            const auto r = std::from_chars(p, end, v[k]);
            if (r.ec != std::errc() || v[k] > 255)
                break;
            p = r.ptr;
            if (k < 5) {
                if (p == end || *p != ',')
                    break;
                ++p;
            }
        }
        if (k == 6)
            return true;
    }
    return false;
}

// EPRT's and EPSV's "<d>proto<d>address<d>port<d>" (EPSV's reply leaves protocol and address out).
bool extended(std::string_view s, std::string_view& address, uint16_t& port)
{
    if (s.size() < 5)
        return false;
    const char delim = s[0];
    size_t a = s.find(delim, 1);
    if (a == s.npos)
        return false;
    size_t b = s.find(delim, a + 1);
    if (b == s.npos)
        return false;
    size_t c = s.find(delim, b + 1);
    if (c == s.npos)
        return false;
    address = s.substr(a + 1, b - a - 1);
    unsigned v = 0;
    const auto r = std::from_chars(s.data() + b + 1, s.data() + c, v);
    if (r.ec != std::errc() || r.ptr != s.data() + c || v == 0 || v > 65535)
        return false;
    port = uint16_t(v);
    return true;
}

} // namespace

FtpDataChannels::Address FtpDataChannels::source(const DecodedPacket& d, bool destination)
{
    Address a;
    if (d.net == NetLayer::IPv4) {
        const Ipv4View ip{d.at(d.netOffset)};
        std::memcpy(a.bytes.data(), destination ? ip.dst() : ip.src(), 4);
        a.size = 4;
    } else if (d.net == NetLayer::IPv6) {
        const Ipv6View ip{d.at(d.netOffset)};
        std::memcpy(a.bytes.data(), destination ? ip.dst() : ip.src(), 16);
        a.size = 16;
    }
    return a;
}

void FtpDataChannels::expect(const DecodedPacket& d, const char* method, const Address& announced, uint16_t port,
                             uint32_t controlStream)
{
    // The sender listens: the server after PASV/EPSV, the client after PORT/EPRT.
    Expectation e;
    e.announced = announced;
    e.listener = source(d, false);
    e.peer = source(d, true);
    e.port = port;
    e.channel = uint32_t(channels_.size());
    FtpDataChannel c;
    c.method = method;
    channels_.push_back(std::move(c));
    expectations_.push_back(e);
    latest_[controlStream] = e.channel;
}

void FtpDataChannels::learnControl(uint32_t controlStream, const DecodedPacket& d, const uint8_t* p, size_t n)
{
    if (!d.tcpHeaderValid || (d.net != NetLayer::IPv4 && d.net != NetLayer::IPv6))
        return;
    const TcpView tcp{d.at(d.transportOffset)};
    const bool fromServer = tcp.srcPort() == 21;
    std::string_view rest(reinterpret_cast<const char*>(p), n);
    while (!rest.empty()) {
        const size_t eol = rest.find('\n');
        if (eol == rest.npos && !fromServer)
            return; // a request is a whole line
        std::string_view line = rest.substr(0, eol);
        rest = eol == rest.npos ? std::string_view() : rest.substr(eol + 1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        std::array<unsigned, 6> v{};
        std::string_view address;
        uint16_t port = 0;
        Address announced;
        if (fromServer && line.starts_with("227") && sixNumbers(line.substr(3), v)) {
            announced.size = 4;
            for (int k = 0; k < 4; ++k)
                announced.bytes[k] = uint8_t(v[k]);
            expect(d, "PASV", announced, uint16_t(v[4] * 256 + v[5]), controlStream);
        } else if (fromServer && line.starts_with("229")) {
            const size_t open = line.find('(');
            if (open != line.npos && extended(line.substr(open + 1), address, port))
                expect(d, "EPASV", source(d, false), port, controlStream);
        } else if (!fromServer) {
            std::string upper(line.substr(0, 5));
            for (char& c : upper)
                c = char(c >= 'a' && c <= 'z' ? c - 32 : c);
            if (upper == "PORT " && sixNumbers(line.substr(5), v)) {
                announced.size = 4;
                for (int k = 0; k < 4; ++k)
                    announced.bytes[k] = uint8_t(v[k]);
                expect(d, "PORT", announced, uint16_t(v[4] * 256 + v[5]), controlStream);
            } else if (upper == "EPRT " && extended(line.substr(5), address, port)) {
                const std::string text(address);
                if (inet_pton(AF_INET, text.c_str(), announced.bytes.data()) == 1)
                    announced.size = 4;
                else if (inet_pton(AF_INET6, text.c_str(), announced.bytes.data()) == 1)
                    announced.size = 16;
                expect(d, "EPRT", announced, port, controlStream);
            } else if (const auto it = latest_.find(controlStream); it != latest_.end() && !line.empty()) {
                channels_[it->second].command = std::string(line);
                latest_.erase(it);
            }
        }
    }
}

const FtpDataChannel* FtpDataChannels::claim(uint32_t stream, const DecodedPacket& d)
{
    if (expectations_.empty() || !d.tcpHeaderValid)
        return nullptr;
    const TcpView tcp{d.at(d.transportOffset)};
    const Address src = source(d, false), dst = source(d, true);
    for (auto e = expectations_.rbegin(); e != expectations_.rend(); ++e) {
        const auto listens = [&](const Address& a, uint16_t port) { return port == e->port && (a == e->listener || a == e->announced); };
        if ((listens(dst, tcp.dstPort()) && src == e->peer) || (listens(src, tcp.srcPort()) && dst == e->peer)) {
            streams_[stream] = e->channel;
            return &channels_[e->channel];
        }
    }
    return nullptr;
}

const FtpDataChannel* FtpDataChannels::channelOf(uint32_t stream) const
{
    const auto it = streams_.find(stream);
    return it == streams_.end() ? nullptr : &channels_[it->second];
}

} // namespace synflow
