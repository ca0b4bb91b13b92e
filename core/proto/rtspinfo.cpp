#include "proto/rtspinfo.h"
#include "proto/asciicase.h"

#include "decode/bytes.h"
#include "output/exceptiontext.h"

#include <cstdio>
#include <string_view>

namespace synflow {
namespace {




bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// One line from `pos`: its text without the terminator (CR LF, LF or a lone CR, as tshark's
// tvb_find_line_end), where the next begins, and whether a terminator was there at all.
struct RtspLine {
    std::string_view text;
    size_t next = 0;
    bool terminated = false;
};

RtspLine lineAt(std::string_view s, size_t pos)
{
    for (size_t i = pos; i < s.size(); ++i) {
        if (s[i] == '\n')
            return {s.substr(pos, i - pos), i + 1, true};
        if (s[i] == '\r')
            return {s.substr(pos, i - pos), i + 1 < s.size() && s[i + 1] == '\n' ? i + 2 : i + 1, true};
    }
    return {s.substr(pos), s.size(), false};
}

enum class LineKind { Other, Request, Reply };

// tshark's test: "RTSP/" (any case) opens a reply; a method it knows (any case), alone or
// followed by white space, a request.
LineKind lineKind(std::string_view line)
{
    if (startsNoCase(line, "RTSP/"))
        return LineKind::Reply;
    static constexpr std::string_view methods[] = {"DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS", "PAUSE", "PLAY",
                                                   "RECORD", "REDIRECT", "SETUP", "SET_PARAMETER", "TEARDOWN"};
    for (std::string_view m : methods)
        if (startsNoCase(line, m) && (line.size() == m.size() || isSpace(line[m.size()])))
            return LineKind::Request;
    return LineKind::Other;
}

bool startsMessage(std::string_view s)
{
    return !s.empty() && (s[0] == '$' || lineKind(lineAt(s, 0).text) != LineKind::Other);
}

// A request's or reply's header section, as far as the bytes go.
struct Headers {
    LineKind kind = LineKind::Other;
    std::string_view firstLine;
    bool ended = false;       // the blank line was there
    size_t end = 0;           // past the blank line, or where the bytes ran out
    bool partialNoColon = false; // the bytes end inside a header line that has no ':' yet
    bool haveLength = false;
    uint64_t contentLength = 0;
    std::string media;        // Content-Type's media type, lower case, parameters dropped
    std::string_view transport;
};

// RFC 2616's token: a header's name.
bool isToken(std::string_view name)
{
    if (name.empty())
        return false;
    for (char c : name)
        if (uint8_t(c) <= 32 || uint8_t(c) >= 127 || std::string_view("()<>@,;:\\\"/[]?={}").find(c) != std::string_view::npos)
            return false;
    return true;
}

std::string_view headerValue(std::string_view line, size_t colon)
{
    std::string_view v = line.substr(colon + 1);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
        v.remove_prefix(1);
    return v;
}

Headers readHeaders(std::string_view s)
{
    Headers h;
    const RtspLine first = lineAt(s, 0);
    h.firstLine = first.text;
    h.kind = lineKind(first.text);
    // A continuation's lines are read as headers from the first on (a body's type may follow).
    size_t pos = h.kind == LineKind::Other ? 0 : first.next;
    while (pos < s.size()) {
        const RtspLine l = lineAt(s, pos);
        if (l.text.empty() && l.terminated) {
            h.ended = true;
            h.end = l.next;
            return h;
        }
        const size_t colon = l.text.find(':');
        if (colon == std::string_view::npos && !l.terminated) {
            h.partialNoColon = true;
        } else if (colon == std::string_view::npos || !isToken(l.text.substr(0, colon))) {
            break; // not a header: tshark's reading of lines ends here
        } else {
            const std::string_view name = l.text.substr(0, colon);
            const std::string_view value = headerValue(l.text, colon);
            if (equalsNoCase(name, "Content-Length")) {
                h.haveLength = false;
                h.contentLength = 0;
                for (char c : value) {
                    if (c < '0' || c > '9')
                        break;
                    h.haveLength = true;
                    h.contentLength = std::min<uint64_t>(h.contentLength * 10 + uint64_t(c - '0'), uint64_t(1) << 40);
                }
            } else if (equalsNoCase(name, "Content-Type")) {
                h.media.clear();
                for (char c : value) {
                    if (c == ';' || isSpace(c))
                        break;
                    h.media += asciiLower(c);
                }
            } else if (equalsNoCase(name, "Transport")) {
                h.transport = value;
            }
        }
        pos = l.next;
    }
    h.end = s.size();
    return h;
}

// The bytes a request or reply spans from its start, `available` of them given: its headers and
// body (Content-Length, else what follows up to a next message).
size_t messageSpan(const Headers& h, std::string_view s, size_t available)
{
    if (!h.ended)
        return available;
    if (h.haveLength)
        return size_t(std::min<uint64_t>(h.end + h.contentLength, available));
    return startsMessage(s.substr(std::min(h.end, s.size()))) ? h.end : available;
}

std::string interleavedText(uint8_t channel, uint32_t length)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "Interleaved channel 0x%02x, %u bytes", channel, length);
    return buf;
}

const char* payloadTypeName(uint8_t pt, char* dynamic, size_t size)
{
    static const char* const names[] = {"ITU-T G.711 PCMU", "USA Federal Standard FS-1016", "ITU-T G.721", "GSM 06.10",
                                        "ITU-T G.723", "DVI4 8000 samples/s", "DVI4 16000 samples/s",
                                        "Experimental linear predictive encoding from Xerox PARC", "ITU-T G.711 PCMA",
                                        "ITU-T G.722", "16-bit uncompressed audio, stereo",
                                        "16-bit uncompressed audio, monaural",
                                        "Qualcomm Code Excited Linear Predictive coding", "Comfort noise",
                                        "MPEG-I/II Audio", "ITU-T G.728", "DVI4 11025 samples/s", "DVI4 22050 samples/s",
                                        "ITU-T G.729", "Comfort noise (old)"};
    if (pt < std::size(names))
        return names[pt];
    switch (pt) {
    case 25: return "Sun CellB video encoding";
    case 26: return "JPEG-compressed video";
    case 28: return "'nv' program";
    case 31: return "ITU-T H.261";
    case 32: return "MPEG-I/II Video";
    case 33: return "MPEG-II transport streams";
    case 34: return "ITU-T H.263";
    default: break;
    }
    if (pt >= 72 && pt <= 76)
        return "Reserved for RTCP conflict avoidance";
    if (pt >= 96) {
        std::snprintf(dynamic, size, "DynamicRTP-Type-%u", pt);
        return dynamic;
    }
    return "Unassigned";
}

// A reply's Transport: RTP ("rtp/", any case) over the connection, that is no client port (which
// sets up UDP; a port that is not a number ends the reading), on the channels after "interleaved=" (as written: tshark looks for it in lower
// case), read as sscanf's "%u-%u" reads them.
void learnTransport(RtspChannels& channels, std::string_view t)
{
    const auto number = [&](size_t at, unsigned& v) {
        while (at < t.size() && isSpace(t[at]))
            ++at;
        const size_t first = at;
        v = 0;
        while (at < t.size() && t[at] >= '0' && t[at] <= '9' && v < 100000)
            v = v * 10 + unsigned(t[at++] - '0');
        return at > first ? at : std::string_view::npos;
    };
    std::string lowered;
    for (char c : t)
        lowered += asciiLower(c);
    if (lowered.find("rtp/") == std::string::npos)
        return;
    unsigned value = 0;
    if (const size_t server = lowered.find("server_port="); server != std::string::npos && number(server + 12, value) == std::string_view::npos)
        return; // a port that does not read as one: tshark gives up on the header
    if (const size_t client = lowered.find("client_port="); client != std::string::npos)
        if (number(client + 12, value) == std::string_view::npos || value != 0)
            return;
    const size_t at = t.find("interleaved=");
    if (at == std::string_view::npos)
        return;
    const size_t end = number(at + 12, value);
    if (end == std::string_view::npos)
        return;
    if (value < 256)
        channels.rtp.set(value);
    if (end < t.size() && t[end] == '-' && number(end + 1, value) != std::string_view::npos && value < 256)
        channels.rtcp.set(value);
}

} // namespace

bool isRtspPort(uint16_t a, uint16_t b)
{
    for (uint16_t p : {554, 8554, 7236})
        if (a == p || b == p)
            return true;
    return false;
}

std::string rtcpInfo(const uint8_t* p, size_t n, std::string& protocol)
{
    protocol = "RTCP";
    if (n >= 1 && (p[0] >> 6) != 2)
        return "Unknown RTCP version " + std::to_string(p[0] >> 6);
    static const char* const names[] = {"Full Intra-frame Request (H.261)", "Negative Acknowledgement (H.261)",
                                        "SMPTE time-code mapping", "Extended inter-arrival jitter report", "Unknown",
                                        "Unknown", "Unknown", "Unknown", "Sender Report", "Receiver Report",
                                        "Source description", "Goodbye", "Application specific", "Generic RTP Feedback",
                                        "Payload-specific Feedback", "Extended report (RFC 3611)",
                                        "AVB RTCP packet (IEEE1733)", "Receiver Summary Information", "Port Mapping"};
    std::string info;
    for (size_t off = 0; off + 4 <= n;) {
        const uint8_t type = p[off + 1];
        if (type < 192 || type >= 192 + std::size(names))
            break;
        info += names[type - 192];
        info += "   ";
        off += (size_t(loadBe16(p + off + 2)) + 1) * 4;
    }
    return info;
}

std::string rtpInfo(const uint8_t* p, size_t n, std::string& protocol, bool& lengthError)
{
    lengthError = false;
    if (n == 0) {
        lengthError = true;
        return {};
    }
    if ((p[0] >> 6) != 2) {
        protocol = "RTP";
        return "Unknown RTP version " + std::to_string(p[0] >> 6);
    }
    if (n >= 2 && p[1] >= 192 && p[1] <= 223)
        return rtcpInfo(p, n, protocol); // RTCP multiplexed on RTP's channel (RFC 5761)
    if (n < 12) {
        lengthError = true;
        return {};
    }
    const uint8_t pt = p[1] & 0x7f;
    switch (pt) { // the payload's own dissector names the row
    case 26: protocol = "JPEG"; return "JPEG message";
    case 31: protocol = "H.261"; return "H.261 message";
    case 32: protocol = "MPEG-1"; return "MPEG-1 message";
    default: protocol = pt == 4 ? "G.723.1" : "RTP"; break;
    }
    char dynamic[32];
    char buf[160];
    std::snprintf(buf, sizeof buf, "PT=%s, SSRC=0x%X, Seq=%u, Time=%u%s", payloadTypeName(pt, dynamic, sizeof dynamic),
                  loadBe32(p + 8), loadBe16(p + 2), loadBe32(p + 4), (p[1] & 0x80) ? ", Mark" : "");
    return buf;
}

void learnRtspChannels(RtspChannels& channels, const uint8_t* p, size_t n)
{
    const std::string_view s(reinterpret_cast<const char*>(p), n);
    for (size_t off = 0; off < n;) {
        const std::string_view rest = s.substr(off);
        if (rest[0] == '$') {
            if (rest.size() < 4)
                return;
            off += 4 + loadBe16(p + off + 2);
            continue;
        }
        const Headers h = readHeaders(rest);
        if (h.kind == LineKind::Other)
            return;
        if (h.kind == LineKind::Reply && !h.transport.empty())
            learnTransport(channels, h.transport);
        if (!h.ended)
            return;
        off += messageSpan(h, rest, rest.size());
    }
}

RtspSummary rtspSummary(const uint8_t* p, size_t n, size_t reported, const RtspChannels* channels, bool reassembling)
{
    RtspSummary out;
    const std::string_view s(reinterpret_cast<const char*>(p), n);
    const char* readPast = reassembling ? kMalformed : kUnreassembled;
    bool first = true;
    // An exception ends the reading; before anything was written, TCP's Info stays.
    const auto stop = [&](const char* what) {
        out.info += what;
        out.keepsTcpInfo = first;
    };
    for (size_t off = 0; off < reported; first = false) {
        if (!first)
            out.info += ", ";
        if (off >= n) {
            stop(kSizeLimited);
            break;
        }
        const std::string_view rest = s.substr(off);
        if (rest[0] == '$') {
            if (rest.size() < 4) {
                stop(reported - off >= 4 ? kSizeLimited : readPast);
                break;
            }
            const uint8_t channel = p[off + 1];
            const uint32_t length = loadBe16(p + off + 2);
            std::string part = interleavedText(channel, length);
            if (4 + size_t(length) > rest.size()) {
                out.info += part;
                out.info += 4 + size_t(length) <= reported - off ? kSizeLimited : readPast;
                break;
            }
            const uint8_t* data = p + off + 4;
            std::string protocol;
            if (channels && channels->rtp.test(channel)) {
                bool lengthError = false;
                std::string info = rtpInfo(data, length, protocol, lengthError);
                if (lengthError) {
                    out.info += part;
                    out.info += readPast;
                    break;
                }
                if (!info.empty())
                    part = std::move(info);
            } else if (channels && channels->rtcp.test(channel)) {
                std::string info = rtcpInfo(data, length, protocol);
                if (!info.empty())
                    part = std::move(info);
            }
            if (!protocol.empty())
                out.protocol = std::move(protocol);
            out.info += part;
            off += 4 + length;
            continue;
        }
        const Headers h = readHeaders(rest);
        out.protocol = "RTSP";
        if (h.kind == LineKind::Other) {
            // Not a message's start: the rest continues one, whose headers it may still hold.
            out.info += "Continuation";
            const size_t body = !h.ended ? 0 : h.haveLength ? size_t(std::min<uint64_t>(h.contentLength, reported - off - std::min(h.end, reported - off)))
                                                             : reported - off - std::min(h.end, reported - off);
            if (body > 0 && h.media == "application/sdp")
                out.protocol = "RTSP/SDP";
            else if (body > 0 && !h.media.empty())
                out.info += " (" + h.media + ")";
            off = n;
            continue;
        }
        if (h.kind == LineKind::Reply)
            out.info += "Reply: ";
        out.info += h.firstLine;
        if (!h.ended && h.partialNoColon && n < reported) {
            out.info += kSizeLimited;
            break;
        }
        const size_t span = messageSpan(h, rest, reported - off);
        const size_t body = h.ended && span > h.end ? span - h.end : 0;
        if (body > 0 && h.media == "application/sdp") {
            out.protocol = "RTSP/SDP";
            if (off + span > n) { // SDP reads its lines up to the cut
                out.info += kSizeLimited;
                break;
            }
        } else if (body > 0 && !h.media.empty()) {
            out.info += " (" + h.media + ")";
        }
        off = std::min(off + span, n); // a message the capture cut ends where its bytes do
    }
    if (out.protocol.empty() && !out.keepsTcpInfo)
        out.replacesTcpInfo = true;
    return out;
}

uint32_t rtspMessageLength(const uint8_t* p, size_t n, bool& needMore)
{
    needMore = false;
    const std::string_view s(reinterpret_cast<const char*>(p), n);
    if (n == 0) {
        needMore = true;
        return 0;
    }
    if (s[0] == '$') {
        if (n < 4) {
            needMore = true;
            return 0;
        }
        return 4 + loadBe16(p + 2);
    }
    const RtspLine first = lineAt(s, 0);
    if (lineKind(first.text) == LineKind::Other)
        return 0;
    const Headers h = readHeaders(s);
    if (!h.ended) {
        needMore = true;
        return 0;
    }
    if (h.haveLength)
        return uint32_t(std::min<uint64_t>(h.end + h.contentLength, UINT32_MAX));
    return uint32_t(messageSpan(h, s, n));
}

} // namespace synflow
