#include "follow/udpfollow.h"

#include "analysis/analysedcapture.h"
#include "output/textformat.h"

#include <algorithm>
#include <cstring>
#include <map>

namespace synflow {

namespace {

struct Side {
    uint8_t addr[16] = {};
    uint16_t port = 0;
    bool operator<(const Side& o) const
    {
        const int c = std::memcmp(addr, o.addr, 16);
        return c < 0 || (c == 0 && port < o.port);
    }
    bool operator==(const Side& o) const { return port == o.port && std::memcmp(addr, o.addr, 16) == 0; }
};

// The UDP header a frame carries (its own, or the one an ICMP error quotes) and its addresses.
bool udpOf(const DecodedPacket& d, Side& src, Side& dst, uint32_t& headerAt, bool& quoted)
{
    quoted = d.transport != TransportLayer::Udp && d.quotedProto == 17;
    if ((d.transport != TransportLayer::Udp && !quoted) || d.ipCount == 0)
        return false;
    const DecodedPacket::IpHeader& h = d.ipHeaders[d.ipCount - 1];
    headerAt = quoted ? d.quotedOffset : d.transportOffset;
    if (!h.src || !h.dst || size_t(headerAt) + 4 > d.frame.size())
        return false;
    const size_t n = h.v6 ? 16 : 4;
    std::memcpy(src.addr, d.at(h.src), n);
    std::memcpy(dst.addr, d.at(h.dst), n);
    src.port = loadBe16(d.at(headerAt));
    dst.port = loadBe16(d.at(headerAt + 2));
    return true;
}

// Numbers the UDP streams as tshark does, frame by frame up to `end`: `each(frame, decoded,
// stream, src, dst, headerAt, quoted)` for every frame with a UDP header; returns the count.
template <typename Each>
uint32_t numberStreams(const AnalysedCapture& capture, size_t end, Each&& each)
{
    std::map<std::pair<Side, Side>, uint32_t> ids;
    end = std::min({end, capture.index().size(), capture.packetCount()});
    for (size_t i = 0; i < end; ++i) {
        const DecodedPacket d = capture.decode(i);
        Side src, dst;
        uint32_t at = 0;
        bool quoted = false;
        if (!udpOf(d, src, dst, at, quoted))
            continue;
        const auto key = dst < src ? std::make_pair(dst, src) : std::make_pair(src, dst);
        const auto [it, added] = ids.emplace(key, uint32_t(ids.size()));
        each(i, d, it->second, src, dst, at, quoted);
    }
    return uint32_t(ids.size());
}

} // namespace

int64_t udpStreamOf(const AnalysedCapture& capture, size_t frame)
{
    int64_t found = -1;
    numberStreams(capture, frame + 1, [&](size_t i, const DecodedPacket&, uint32_t stream, const Side&, const Side&, uint32_t, bool) {
        if (i == frame)
            found = stream;
    });
    return found;
}

std::string udpStreamFilter(const TcpFollow& f)
{
    if (!f.valid)
        return {};
    const auto addr = [&f](const TcpEndpoint& e) { return f.ipv6 ? formatIpv6(e.addr) : formatIpv4(e.addr); };
    const std::string name = f.ipv6 ? "ipv6.addr" : "ip.addr";
    // The shape of the conversation filter a UDP packet's menu applies.
    return "(" + name + "==" + addr(f.client) + " && " + name + "==" + addr(f.server) + ") && (udp.port==" +
           std::to_string(f.client.port) + " && udp.port==" + std::to_string(f.server.port) + ")";
}

TcpFollow followUdpStream(const AnalysedCapture& capture, uint32_t stream, uint32_t& streamCount)
{
    TcpFollow f;
    f.stream = stream;
    streamCount = numberStreams(capture, SIZE_MAX, [&](size_t i, const DecodedPacket& d, uint32_t id, const Side& src,
                                                       const Side& dst, uint32_t at, bool quoted) {
        if (id != stream || quoted)
            return;
        if (!f.valid) {
            f.valid = true;
            f.ipv6 = d.ipHeaders[d.ipCount - 1].v6;
            std::memcpy(f.client.addr, src.addr, 16);
            f.client.port = src.port;
            std::memcpy(f.server.addr, dst.addr, 16);
            f.server.port = dst.port;
        }
        // The payload as the UDP length gives it, within what was captured.
        const uint32_t udpLen = at + 6 <= d.frame.size() ? loadBe16(d.at(at + 4)) : 0;
        const uint32_t payloadAt = at + 8;
        if (payloadAt > d.frame.size() || udpLen < 8)
            return;
        const uint32_t len = std::min<uint32_t>(udpLen - 8, uint32_t(d.frame.size() - payloadAt));
        if (len == 0)
            return;
        FollowChunk c;
        c.fromServer = !(std::memcmp(src.addr, f.client.addr, 16) == 0 && src.port == f.client.port);
        c.frame = uint32_t(i);
        c.offset = payloadAt;
        c.length = len;
        f.bytes[c.fromServer] += len;
        f.chunks.push_back(c);
    });
    return f;
}

void appendUdpFollowHeader(std::string& out, const TcpFollow& f, FollowFormat format)
{
    // TCP's header with udp written where it says tcp.
    std::string tcp;
    appendFollowHeader(tcp, f, format);
    for (const char* from : {"Follow: tcp,", "Filter: tcp.stream"}) {
        const size_t at = tcp.find(from);
        if (at != std::string::npos)
            tcp.replace(at + 8, 3, "udp"); // after "Follow: " / "Filter: "
    }
    // A stream with no datagram the follow tap saw (only a quoted one): tshark's nodes are empty.
    if (!f.valid) {
        const size_t node = tcp.find("Node 0: ");
        tcp = tcp.substr(0, node) + "Node 0: :0\nNode 1: :0\n";
    }
    out += tcp;
}

} // namespace synflow
