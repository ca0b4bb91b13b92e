#include "proto/conversationprotocols.h"

#include "tcp/tcptracker.h"

#include <string_view>

namespace synflow {
namespace {

bool startsHttp(std::string_view p)
{
    static const char* starts[] = {"GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "CONNECT ", "PATCH ", "TRACE ",
                                   "SEARCH ", "PROPFIND ", "PROPPATCH ", "MKCOL ", "COPY ", "MOVE ", "LOCK ", "UNLOCK ",
                                   "REPORT ", "SUBSCRIBE ", "NOTIFY ", "HTTP/1."};
    for (const char* s : starts)
        if (p.starts_with(s))
            return true;
    return false;
}

// The version a TLS ServerHello settles on: supported_versions if present, else server_version.
int serverHelloMinor(const uint8_t* p, size_t n)
{
    if (n < 5 + 4 + 2 + 32 + 1 || p[0] != 22 || p[5] != 2)
        return -1;
    size_t pos = 9;
    int minor = p[pos] == 3 ? p[pos + 1] : -1;
    pos += 2 + 32;
    pos += 1 + size_t(p[pos]); // session id
    pos += 2 + 1;              // cipher suite, compression
    if (pos + 2 > n)
        return minor;
    const size_t extEnd = std::min(n, pos + 2 + (size_t(p[pos]) << 8 | p[pos + 1]));
    pos += 2;
    while (pos + 4 <= extEnd) {
        const uint16_t type = uint16_t(p[pos] << 8 | p[pos + 1]);
        const size_t len = size_t(p[pos + 2]) << 8 | p[pos + 3];
        if (type == 43 && len == 2 && pos + 6 <= extEnd && p[pos + 4] == 3)
            return p[pos + 5];
        pos += 4 + len;
    }
    return minor;
}

} // namespace

void ConversationProtocols::learn(uint32_t stream, const DecodedPacket& d)
{
    if (d.transport != TransportLayer::Tcp || !d.tcpHeaderValid || d.tcpPayloadLen == 0)
        return;
    const uint32_t start = d.transportOffset + d.tcpHeaderLen;
    if (start >= d.frame.size())
        return;
    if (kinds_.size() <= stream)
        kinds_.resize(stream + 1, Unknown);
    const uint8_t* p = d.at(start);
    const size_t n = std::min<size_t>(d.tcpPayloadLen, d.frame.size() - start);
    if (kinds_[stream] == Unknown && startsHttp(std::string_view(reinterpret_cast<const char*>(p), n)))
        kinds_[stream] = Http;
    const int minor = serverHelloMinor(p, n);
    if (minor >= 0 && minor <= 4)
        kinds_[stream] = uint8_t(TlsBase | minor);
}

void ConversationProtocols::learn(uint32_t frame, const DecodedPacket& d, const TcpTracker& tracker, const PacketIndex& index)
{
    const int64_t stream = tracker.streamOf(frame);
    if (stream < 0)
        return;
    learn(uint32_t(stream), d);
    if (PduContinuations::candidate(d))
        pdus_.learn(frame, d, tracker.analysis(frame, index, d), kindOf(uint32_t(stream)));
}

} // namespace synflow
