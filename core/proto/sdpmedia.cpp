#include "proto/sdpmedia.h"
#include "output/exceptiontext.h"
#include "proto/asciicase.h"
#include "proto/rtspinfo.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cstdio>
#include <string_view>

namespace synflow {
namespace {

struct RtpEventName {
    uint8_t event;
    const char* name;
};
#include "proto/rtpevents.inc"

constexpr uint16_t kSipPort = 5060;

bool containsNoCase(std::string_view s, std::string_view what)
{
    for (size_t i = 0; i + what.size() <= s.size(); ++i)
        if (equalsNoCase(s.substr(i, what.size()), what))
            return true;
    return false;
}

std::string_view word(std::string_view& s)
{
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    const size_t end = std::min(s.find(' '), s.size());
    const std::string_view w = s.substr(0, end);
    s.remove_prefix(end);
    return w;
}

// "IN IP4 192.0.2.1/127": the address's bytes, empty if it does not read as one.
std::string connectionAddress(std::string_view c)
{
    if (word(c) != "IN")
        return {};
    const std::string_view type = word(c);
    std::string text(word(c));
    text = text.substr(0, text.find('/'));
    unsigned char buf[16];
    if (type == "IP4" && inet_pton(AF_INET, text.c_str(), buf) == 1)
        return std::string(reinterpret_cast<char*>(buf), 4);
    if (type == "IP6" && inet_pton(AF_INET6, text.c_str(), buf) == 1)
        return std::string(reinterpret_cast<char*>(buf), 16);
    return {};
}

std::string endpointKey(const std::string& address, uint16_t port)
{
    std::string key = address;
    key += char(port >> 8);
    key += char(port & 0xff);
    return key;
}

const char* eventName(uint8_t event)
{
    for (const RtpEventName& e : kRtpEventNames)
        if (e.event == event)
            return e.name;
    return nullptr;
}

} // namespace

void SdpMedia::learn(uint64_t at, const DecodedPacket& d)
{
    if (d.transport != TransportLayer::Udp || d.transportCaptured < 8)
        return;
    const UdpView u{d.at(d.transportOffset)};
    if (u.srcPort() != kSipPort && u.dstPort() != kSipPort)
        return;
    const size_t n = std::min<size_t>(d.transportCaptured - 8, u.length() >= 8 ? u.length() - 8u : 0u);
    const std::string_view text(reinterpret_cast<const char*>(d.at(d.transportOffset + 8)), n);
    const size_t headerEnd = text.find("\r\n\r\n");
    if (headerEnd == std::string_view::npos || !containsNoCase(text.substr(0, headerEnd), "application/sdp"))
        return;
    // An offer (a request's SDP) or the answer to the call's last one (a response's, or an ACK's).
    const bool answer = text.starts_with("SIP/2.0 ") || text.starts_with("ACK ");
    std::string callId;
    for (size_t pos = text.find("\r\n"); pos < headerEnd; pos = text.find("\r\n", pos + 2)) {
        std::string_view line = text.substr(pos + 2, text.find("\r\n", pos + 2) - pos - 2);
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        std::string_view name = line.substr(0, colon);
        while (!name.empty() && name.back() == ' ')
            name.remove_suffix(1);
        if (equalsNoCase(name, "call-id") || equalsNoCase(name, "i")) {
            line.remove_prefix(colon + 1);
            callId = std::string(word(line));
            break;
        }
    }
    std::string_view body = text.substr(headerEnd + 4);
    std::string sessionAddress, address;
    struct Media {
        std::string address;
        uint16_t port = 0;
        std::vector<std::pair<uint8_t, std::string>> rtpmap;
    };
    std::vector<Media> media;
    bool inMedia = false, rtp = false;
    while (!body.empty()) {
        const size_t eol = std::min(body.find('\n'), body.size());
        std::string_view line = body.substr(0, eol);
        body.remove_prefix(std::min(eol + 1, body.size()));
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.size() < 2 || line[1] != '=')
            continue;
        std::string_view value = line.substr(2);
        switch (line[0]) {
        case 'c':
            (inMedia ? address : sessionAddress) = connectionAddress(value);
            if (inMedia)
                media.back().address = address;
            break;
        case 'm': {
            inMedia = true;
            address.clear();
            word(value); // media type
            const std::string_view portText = word(value);
            const std::string_view proto = word(value);
            unsigned port = 0;
            for (char ch : portText.substr(0, portText.find('/')))
                port = ch >= '0' && ch <= '9' && port < 65536 ? port * 10 + unsigned(ch - '0') : 65536;
            rtp = (proto == "RTP/AVP" || proto == "RTP/AVPF") && port > 0 && port < 65535;
            media.push_back({sessionAddress, rtp ? uint16_t(port) : uint16_t(0), {}});
            break;
        }
        case 'a':
            if (inMedia && value.starts_with("rtpmap:")) {
                value.remove_prefix(7);
                unsigned pt = 0;
                const std::string_view number = word(value);
                for (char ch : number)
                    pt = ch >= '0' && ch <= '9' && pt < 256 ? pt * 10 + unsigned(ch - '0') : 256;
                const std::string_view encoding = word(value);
                if (pt < 128 && !number.empty())
                    media.back().rtpmap.emplace_back(uint8_t(pt), std::string(encoding.substr(0, encoding.find('/'))));
            }
            break;
        default: break;
        }
    }
    if (!answer) {
        std::vector<RtpMap>& maps = offers_[callId];
        maps.clear();
        for (const Media& m : media)
            maps.push_back(m.rtpmap);
    } else if (const auto offer = offers_.find(callId); offer != offers_.end()) {
        for (size_t i = 0; i < media.size() && i < offer->second.size(); ++i)
            for (const auto& offered : offer->second[i])
                if (std::none_of(media[i].rtpmap.begin(), media[i].rtpmap.end(),
                                 [&](const auto& own) { return own.first == offered.first; }))
                    media[i].rtpmap.push_back(offered);
    }
    for (Media& m : media) {
        if (m.address.empty() || m.port == 0)
            continue;
        for (const bool rtcp : {false, true}) {
            std::vector<SdpStream>& announced = streams_[endpointKey(m.address, uint16_t(m.port + (rtcp ? 1 : 0)))];
            SdpStream s;
            s.from = at;
            s.rtcp = rtcp;
            if (!rtcp)
                s.rtpmap = m.rtpmap;
            announced.push_back(std::move(s)); // learnt in capture order: sorted by `from`
        }
    }
}

const SdpStream* SdpMedia::find(const DecodedPacket& d, uint64_t at) const
{
    if (streams_.empty() || d.transport != TransportLayer::Udp || d.transportCaptured < 8
        || (d.net != NetLayer::IPv4 && d.net != NetLayer::IPv6))
        return nullptr;
    const UdpView u{d.at(d.transportOffset)};
    const uint8_t* ip = d.at(d.netOffset);
    const bool v6 = d.net == NetLayer::IPv6;
    const std::string src(reinterpret_cast<const char*>(ip + (v6 ? 8 : 12)), v6 ? 16 : 4);
    const std::string dst(reinterpret_cast<const char*>(ip + (v6 ? 24 : 16)), v6 ? 16 : 4);
    for (const auto& [address, port] : {std::pair{dst, u.dstPort()}, std::pair{src, u.srcPort()}}) {
        const auto it = streams_.find(endpointKey(address, port));
        if (it == streams_.end())
            continue;
        const SdpStream* found = nullptr;
        for (const SdpStream& s : it->second)
            if (s.from <= at)
                found = &s;
        if (found)
            return found;
    }
    return nullptr;
}

SdpDatagram sdpDatagram(const SdpStream& stream, const uint8_t* p, size_t n, size_t reported, const std::string& udpInfo)
{
    SdpDatagram out;
    if (stream.rtcp) {
        out.info = rtcpInfo(p, n, out.protocol);
        out.layers = "rtcp";
        if (n < reported) { // RTCP reads its packets' fields past what was kept
            out.info += kSizeLimited;
            out.layers += "\n_ws.short";
        }
        return out;
    }
    if (n >= 1 && (p[0] >> 6) != 2) { // RTP names the row, then leaves the bytes to data
        out.protocol = "RTP";
        out.info = "Unknown RTP version " + std::to_string(p[0] >> 6);
        out.layers = "rtp\ndata";
        return out;
    }
    if (n >= 2 && p[1] >= 192 && p[1] <= 223) { // RTCP on RTP's port (RFC 5761)
        out.info = rtcpInfo(p, n, out.protocol);
        out.layers = "rtcp"; // the hierarchy lists it as RTCP's alone
        return out;
    }
    if (n < 12) { // the header cut short: RTP stops before naming anything
        out.protocol = "UDP";
        out.info = udpInfo + (n < reported ? kSizeLimited : kMalformed);
        out.layers = n < reported ? "_ws.short" : "_ws.malformed";
        return out;
    }
    const uint8_t pt = p[1] & 0x7f;
    std::string_view encoding;
    if (pt >= 96)
        for (const auto& [type, name] : stream.rtpmap)
            if (type == pt)
                encoding = name;
    if (encoding.empty()) {
        bool lengthError = false;
        out.info = rtpInfo(p, n, out.protocol, lengthError);
        out.layers = "rtp";
        return out;
    }
    out.layers = "rtp";
    if (equalsNoCase(encoding, "telephone-event")) {
        size_t header = 12 + 4 * size_t(p[0] & 0x0f);
        if ((p[0] & 0x10) && header + 4 <= n)
            header += 4 + 4 * ((size_t(p[header + 2]) << 8) | p[header + 3]);
        out.protocol = "RTP EVENT";
        out.layers += "\nrtpevent";
        if (header >= n)
            return out;
        const char* name = eventName(p[header]);
        out.info = "Payload type=RTP Event, ";
        out.info += name ? name : "Unknown (" + std::to_string(p[header]) + ")";
        if (header + 4 <= n && (p[header + 1] & 0x80))
            out.info += " (end)"; // written once the whole event was read
        if (header + 4 > n) {
            const bool cut = header + 4 <= reported;
            out.info += cut ? kSizeLimited : kMalformed;
            out.layers += cut ? "\n_ws.short" : "\n_ws.malformed";
        }
        return out;
    }
    char buf[200];
    std::snprintf(buf, sizeof buf, "PT=%.*s, SSRC=0x%X, Seq=%u, Time=%u%s", int(encoding.size()), encoding.data(),
                  unsigned(p[8]) << 24 | unsigned(p[9]) << 16 | unsigned(p[10]) << 8 | p[11], unsigned(p[2]) << 8 | p[3],
                  unsigned(p[4]) << 24 | unsigned(p[5]) << 16 | unsigned(p[6]) << 8 | p[7], (p[1] & 0x80) ? ", Mark" : "");
    out.info = buf;
    out.protocol = "RTP";
    if (equalsNoCase(encoding, "opus")) { // Opus's dissector names the row, RTP's Info stays
        out.protocol = "OPUS";
        out.layers += "\nopus";
    }
    return out;
}

} // namespace synflow
